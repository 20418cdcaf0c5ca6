// Workflow histories encrypted with AES-256-GCM: the payload codec, the SYNC_ENCRYPTION_KEYS
// setting, the codec server the Web UI calls, and a real stack whose history holds no plaintext.
import { Client } from '@temporalio/client';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { ConfigError, loadCodecServerConfig } from '../src/config.js';
import { startCodecServer, type RunningCodecServer } from '../src/temporal/codecServer.js';
import {
  EncryptionCodec,
  TamperedPayloadError,
  UnknownEncryptionKeyError,
} from '../src/temporal/encryptionCodec.js';
import type { EncryptionKey } from '../src/temporal/encryptionKeys.js';
import { linkWorkflowId } from '../src/ids.js';
import { getLinkStateQuery } from '../src/workflows/linkMessages.js';
import { setLogLevel } from '../src/logging/logger.js';
import { adminOf } from './support/admin.js';
import { historyText, payloadsIn } from './support/historyText.js';
import { eventually, startSyncStack } from './support/syncStack.js';

const k1: EncryptionKey = { id: 'k1', key: randomBytes(32) };
const k2: EncryptionKey = { id: 'k2', key: randomBytes(32) };
const SUPPLIER = { Name: 'Krypto Leverandør AS', EmailAddress: 'hemmelig.7731@kryptert.no' };
const json = (value: unknown) => defaultPayloadConverter.toPayload(value);
const text = (payload: Payload) => Buffer.from(payload.data ?? []).toString();
const metadata = (payload: Payload, key: string) => Buffer.from(payload.metadata?.[key] ?? []).toString();

describe('encryption codec', () => {
  it('encrypts a payload so neither its data nor its encoding shows, and decrypts it back', async () => {
    const codec = new EncryptionCodec([k1]);
    const plain = json(SUPPLIER);
    const [encrypted] = await codec.encode([plain]);
    assert.equal(metadata(encrypted!, 'encoding'), 'binary/encrypted');
    assert.equal(metadata(encrypted!, 'encryption-key-id'), 'k1');
    assert.ok(!text(encrypted!).includes(SUPPLIER.EmailAddress));
    assert.ok(!Object.keys(encrypted!.metadata!).includes('json/plain'));
    const [decrypted] = await codec.decode([encrypted!]);
    assert.deepEqual(defaultPayloadConverter.fromPayload(decrypted!), SUPPLIER);
    assert.equal(metadata(decrypted!, 'encoding'), 'json/plain');
  });

  it('uses a fresh IV for every payload: the same value encrypts differently each time', async () => {
    const codec = new EncryptionCodec([k1]);
    const [first, second] = await codec.encode([json('same'), json('same')]);
    assert.notEqual(text(first!), text(second!));
  });

  it('rotates keys: encrypts with the first key and still decrypts what an older key encrypted', async () => {
    const [old] = await new EncryptionCodec([k1]).encode([json('written under k1')]);
    const rotated = new EncryptionCodec([k2, k1]);
    const [fresh] = await rotated.encode([json('written under k2')]);
    assert.equal(metadata(fresh!, 'encryption-key-id'), 'k2');
    const decoded = await rotated.decode([old!, fresh!]);
    assert.deepEqual(
      decoded.map((payload) => defaultPayloadConverter.fromPayload(payload)),
      ['written under k1', 'written under k2'],
    );
  });

  it('names the key id it does not hold', async () => {
    const [old] = await new EncryptionCodec([k1]).encode([json('x')]);
    await assert.rejects(new EncryptionCodec([k2]).decode([old!]), (error: unknown) => {
      assert.ok(error instanceof UnknownEncryptionKeyError);
      assert.equal(error.keyId, 'k1');
      assert.match(error.message, /encrypted with key "k1", which SYNC_ENCRYPTION_KEYS does not hold/);
      return true;
    });
  });

  it('refuses a payload whose ciphertext was altered, or read with another key of the same id', async () => {
    const codec = new EncryptionCodec([k1]);
    const [encrypted] = await codec.encode([json(SUPPLIER)]);
    const tampered = Buffer.from(encrypted!.data!);
    tampered[20] = tampered[20]! ^ 1;
    await assert.rejects(codec.decode([{ ...encrypted!, data: tampered }]), TamperedPayloadError);
    const impostor = new EncryptionCodec([{ id: 'k1', key: randomBytes(32) }]);
    await assert.rejects(impostor.decode([encrypted!]), /key "k1" failed authentication/);
  });

  it('passes through payloads written before encryption was turned on', async () => {
    const plain = json('from an unencrypted history');
    assert.deepEqual(await new EncryptionCodec([k1]).decode([plain]), [plain]);
  });

  it('shows no key when the codec is printed or serialized (the SDK logs its options at debug)', () => {
    const codec = new EncryptionCodec([k1]);
    const key = k1.key.toString('base64');
    for (const shown of [JSON.stringify(codec), inspect(codec, { depth: 5, showHidden: true })]) {
      assert.ok(!shown.includes(key), shown);
      assert.ok(!shown.includes(k1.key.toString('hex')), shown);
    }
  });
});

describe('SYNC_ENCRYPTION_KEYS', () => {
  const parse = (value: string) =>
    loadCodecServerConfig({ SYNC_ENCRYPTION_KEYS: value }).SYNC_ENCRYPTION_KEYS;
  const base64 = (bytes: number) => randomBytes(bytes).toString('base64');

  it('holds keys by id, the first one encrypting; unset or empty means no encryption', () => {
    const keys = parse(`k2:${k2.key.toString('base64')}, k1:${k1.key.toString('base64')}`);
    assert.deepEqual(keys, [k2, k1]);
    assert.equal(loadCodecServerConfig({}).SYNC_ENCRYPTION_KEYS, undefined);
    assert.equal(parse(''), undefined);
  });

  for (const [problem, value, expected] of [
    [
      'a 16-byte key',
      `k1:${base64(16)}`,
      /SYNC_ENCRYPTION_KEYS is invalid: key "k1" is not 32 bytes of base64/,
    ],
    ['a key not in base64', 'k1:not base64!', /key "k1" is not 32 bytes of base64/],
    ['a key without an id', base64(32), /SYNC_ENCRYPTION_KEYS is invalid: a key without an id/],
    ['an id used twice', `k1:${base64(32)},k1:${base64(32)}`, /key id "k1" appears twice/],
  ] as const) {
    it(`refuses ${problem}, naming the variable and never the key`, () => {
      assert.throws(
        () => parse(value),
        (error: unknown) => {
          assert.ok(error instanceof ConfigError);
          assert.match(error.message, expected);
          assert.ok(!error.message.includes(value.slice(3, 20)), 'no key material in the message');
          return true;
        },
      );
    });
  }
});

describe('codec server', () => {
  const origin = 'http://localhost:8233';
  const token = 'codec-server-test-token';
  let server: RunningCodecServer;
  let guarded: RunningCodecServer;
  const codec = new EncryptionCodec([k2, k1]);

  before(async () => {
    setLogLevel('error'); // the refusals below are expected
    server = await startCodecServer({ codec, port: 0, origins: [origin] });
    guarded = await startCodecServer({ codec, port: 0, origins: [origin], token });
  });
  after(async () => {
    setLogLevel('info');
    await server?.close();
    await guarded?.close();
  });

  /** A payload in proto3 JSON, as the Web UI sends it: metadata values and data in base64. */
  const toJson = (payload: Payload) => ({
    metadata: Object.fromEntries(
      Object.entries(payload.metadata ?? {}).map(([key, value]) => [
        key,
        Buffer.from(value).toString('base64'),
      ]),
    ),
    data: Buffer.from(payload.data ?? []).toString('base64'),
  });
  const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-namespace': 'default', origin, ...headers },
      body: JSON.stringify(body),
    });

  it('decodes what the worker encrypted, as the Web UI asks for it', async () => {
    const encrypted = await new EncryptionCodec([k1]).encode([json(SUPPLIER)]);
    const reply = await post(`${server.url}/decode`, { payloads: encrypted.map(toJson) });
    assert.equal(reply.status, 200);
    assert.equal(reply.headers.get('access-control-allow-origin'), origin);
    const { payloads } = (await reply.json()) as {
      payloads: Array<{ metadata: Record<string, string>; data: string }>;
    };
    assert.equal(Buffer.from(payloads[0]!.metadata.encoding!, 'base64').toString(), 'json/plain');
    assert.deepEqual(JSON.parse(Buffer.from(payloads[0]!.data, 'base64').toString()), SUPPLIER);
  });

  it('encodes with the current key, for input typed in the Web UI', async () => {
    const reply = await post(`${server.url}/encode`, { payloads: [toJson(json('typed in the UI'))] });
    const { payloads } = (await reply.json()) as { payloads: Array<{ metadata: Record<string, string> }> };
    assert.equal(Buffer.from(payloads[0]!.metadata['encryption-key-id']!, 'base64').toString(), 'k2');
  });

  it('answers the browser’s preflight for the Web UI’s origin only', async () => {
    const preflight = (from: string) =>
      fetch(`${server.url}/decode`, {
        method: 'OPTIONS',
        headers: {
          origin: from,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type,x-namespace',
        },
      });
    const allowed = await preflight(origin);
    assert.equal(allowed.status, 204);
    assert.equal(allowed.headers.get('access-control-allow-origin'), origin);
    assert.match(allowed.headers.get('access-control-allow-headers') ?? '', /x-namespace/);
    const other = await preflight('https://evil.example');
    assert.equal(other.headers.get('access-control-allow-origin'), null);
  });

  it('with a token, refuses calls without it', async () => {
    const body = { payloads: [toJson(json('x'))] };
    const refused = await post(`${guarded.url}/encode`, body);
    assert.equal(refused.status, 401);
    assert.match(((await refused.json()) as { message: string }).message, /Bearer <SYNC_CODEC_SERVER_TOKEN>/);
    assert.equal(
      (await post(`${guarded.url}/encode`, body, { authorization: 'Bearer wrong-token-0000' })).status,
      401,
    );
    assert.equal(
      (await post(`${guarded.url}/encode`, body, { authorization: `Bearer ${token}` })).status,
      200,
    );
  });

  it('says which key it lacks, and what a request must look like', async () => {
    const foreign = await new EncryptionCodec([{ id: 'k0', key: randomBytes(32) }]).encode([json('x')]);
    const unknown = await post(`${server.url}/decode`, { payloads: foreign.map(toJson) });
    assert.equal(unknown.status, 400);
    assert.match(((await unknown.json()) as { message: string }).message, /key "k0"/);
    const malformed = await post(`${server.url}/decode`, { data: 'x' });
    assert.equal(malformed.status, 400);
    assert.match(((await malformed.json()) as { message: string }).message, /"payloads"/);
  });
});

describe('encrypted histories, end to end', function () {
  this.timeout(120_000);
  const phone = '+47 913 57 246';

  it('keeps a supplier’s e-mail, phone and an API’s refusal out of the raw history, and shows them through the codec', async () => {
    const keys = `k1:${k1.key.toString('base64')}`;
    const stack = await startSyncStack({ env: { SYNC_ENCRYPTION_KEYS: keys } });
    try {
      const supplier = await adminOf(stack.v2).create('supplier', { ...SUPPLIER, PhoneNumber: phone });
      // v1 refuses a web address without a scheme: its words come back in an activity failure.
      const refused = await adminOf(stack.v2).create('supplier', {
        Name: 'Avvist Adresse AS',
        WebsiteUrl: 'www.avvist-adresse.no',
      });
      await stack.startWorkers();
      await stack.startSync();
      const v1 = adminOf(stack.v1);
      await eventually(
        async () =>
          (await v1.list('contact')).some((contact) =>
            JSON.stringify(contact).includes(SUPPLIER.EmailAddress),
          ) || undefined,
        { what: 'the supplier as a contact in v1' },
      );

      // Listed through the codec (a memo is encrypted too), read raw.
      const raw = new Client({ connection: stack.client.connection });
      const histories: unknown[] = [];
      for await (const execution of stack.client.workflow.list()) {
        histories.push(await raw.workflow.getHandle(execution.workflowId, execution.runId).fetchHistory());
      }
      assert.ok(histories.length >= 2, 'the feeds and the link');
      for (const history of histories) {
        const shown = historyText(history);
        assert.ok(!shown.includes(SUPPLIER.EmailAddress), 'no plaintext e-mail in a raw history');
        assert.ok(!shown.includes(phone), 'no plaintext phone in a raw history');
      }

      const parked = await eventually(async () => {
        const state = await stack.client.workflow
          .getHandle(linkWorkflowId('supplier-contact', String(refused.Id)))
          .query(getLinkStateQuery);
        return state.status === 'needs-attention' ? state : undefined;
      });
      const refusal = 'is not a valid web address';
      assert.match(parked.reason!, new RegExp(refusal), 'the reason, decrypted');
      const refusedHistory = await raw.workflow
        .getHandle(linkWorkflowId('supplier-contact', String(refused.Id)))
        .fetchHistory();
      assert.ok(historyText(refusedHistory).includes('Encoded failure'), 'the failure is there, encoded');
      assert.ok(!historyText(refusedHistory).includes(refusal), 'no plaintext refusal in a raw history');

      const link = await raw.workflow
        .getHandle(linkWorkflowId('supplier-contact', String(supplier.Id)))
        .fetchHistory();
      const decoded = await new EncryptionCodec([k1]).decode(payloadsIn(link));
      const clear = decoded.map(text).join('\n');
      assert.ok(clear.includes(SUPPLIER.EmailAddress), 'the e-mail, decrypted');
      assert.ok(clear.includes(phone), 'the phone, decrypted');
    } finally {
      await stack.stop();
    }
  });
});
