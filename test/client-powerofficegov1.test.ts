// PowerofficegoV1Client (API v1) against the real v1 simulator over HTTP: tokens with refresh,
// envelopes, OData paging, create-or-update, and every error type with the call, record and words.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simulatorCredentials } from '../src/simulators/credentials.js';
import {
  startPowerofficegov1Simulator,
  type RunningPowerofficegov1Simulator,
} from '../src/simulators/powerofficegov1/server.js';
import {
  AlreadyInUseError,
  AuthError,
  NotFoundError,
  RateLimitError,
  ResponseShapeError,
  UnavailableError,
  ValidationError,
} from '../src/systems/errors.js';
import { PowerofficegoV1Client, type PowerofficegoV1Config } from '../src/systems/powerofficegov1/client.js';
import { startScriptedServer } from './client-scripted-server.js';

const keys = simulatorCredentials.powerofficegov1;
const tokenCalls = (sim: RunningPowerofficegov1Simulator) =>
  sim.admin.stats().requests['POST /OAuth/Token'] ?? 0;

async function collect<T>(pages: AsyncIterable<T[]>): Promise<T[][]> {
  const all: T[][] = [];
  for await (const page of pages) all.push(page);
  return all;
}

/** Forwards token calls to the simulator and notes each grant_type, to see which renewal was used. */
async function startTokenRecorder(
  tokenUrl: string,
): Promise<{ url: string; grants: string[]; close(): Promise<void> }> {
  const grants: string[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', async () => {
      grants.push(new URLSearchParams(body).get('grant_type') ?? '');
      const headers = {
        authorization: request.headers.authorization ?? '',
        'content-type': request.headers['content-type'] ?? '',
      };
      const reply = await fetch(tokenUrl, { method: 'POST', headers, body });
      response.writeHead(reply.status, { 'content-type': 'application/json' }).end(await reply.text());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/OAuth/Token`,
    grants,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe('PowerofficegoV1Client (v1) against the simulator', () => {
  let sim: RunningPowerofficegov1Simulator;
  const client = (config: Partial<PowerofficegoV1Config> = {}) =>
    new PowerofficegoV1Client({ baseUrl: sim.apiBaseUrl, ...keys, ...config });

  before(async () => {
    sim = await startPowerofficegov1Simulator({ rateLimit: false });
  });
  after(() => sim.close());
  beforeEach(() => {
    sim.admin.reset();
    sim.admin.resetStats();
    sim.admin.setFaults({});
    sim.admin.setRateLimit(false);
  });

  describe('auth', () => {
    it('gets one token and reuses it', async () => {
      const v1 = client();
      const created = await v1.save('department', { name: 'Salg', code: '10' });
      await v1.get('department', { id: String(created.id) });
      await collect(v1.list('department'));
      assert.equal(tokenCalls(sim), 1);
    });

    it('says which keys were refused without quoting them', async () => {
      const error = await client({ clientKey: 'wrong-v1-client-key' })
        .get('customer', { id: '1' })
        .catch((e: unknown) => e);
      assert.ok(error instanceof AuthError, String(error));
      assert.match(
        error.message,
        /^powerofficegov1 POST \/OAuth\/Token \(token\) failed 400: invalid_client: /,
      );
      assert.ok(
        !error.message.includes('wrong-v1-client-key') && !error.message.includes(keys.applicationKey),
      );
    });

    it('after a restart, the refused token and refresh token give way to client credentials', async () => {
      const first = await startPowerofficegov1Simulator({ rateLimit: false });
      const port = Number(new URL(first.url).port);
      const v1 = new PowerofficegoV1Client({ baseUrl: first.apiBaseUrl, ...keys });
      await collect(v1.list('customer'));
      await first.close();
      await sleep(50); // lets the client's agent see its kept-alive socket closed
      const second = await startPowerofficegov1Simulator({ rateLimit: false, port });
      try {
        await collect(v1.list('customer'));
        assert.equal(tokenCalls(second), 2, 'the refused refresh, then client credentials');
        assert.equal(
          second.admin.stats().requests['GET /Customer'],
          2,
          'one 401, one retry with the new token',
        );
      } finally {
        await second.close();
      }
    });
  });

  describe('token expiry', () => {
    let shortLived: RunningPowerofficegov1Simulator;
    before(async () => {
      shortLived = await startPowerofficegov1Simulator({ rateLimit: false, tokenTtlSeconds: 2 });
    });
    after(() => shortLived.close());

    it('renews with the refresh token before expiry, once, while 20 calls wait for it', async () => {
      const recorder = await startTokenRecorder(`${shortLived.url}/OAuth/Token`);
      try {
        const v1 = new PowerofficegoV1Client({
          baseUrl: shortLived.apiBaseUrl,
          tokenUrl: recorder.url,
          ...keys,
        });
        await collect(v1.list('department'));
        await sleep(1600); // past 2 s minus the margin (a quarter of the lifetime), before expiry
        await Promise.all(Array.from({ length: 20 }, () => collect(v1.list('department'))));
        assert.deepEqual(recorder.grants, ['client_credentials', 'refresh_token']);
        assert.equal(shortLived.admin.stats().requests['GET /Department'], 21, 'no call was refused');
      } finally {
        await recorder.close();
      }
    });
  });

  describe('lists', () => {
    it('pages with $skip/$top until count is reached', async () => {
      for (let i = 1; i <= 7; i++) sim.admin.create('customer', { name: `Kunde ${i}` });
      const pages = await collect(client().list('customer', { pageSize: 3 }));
      assert.deepEqual(
        pages.map((page) => page.length),
        [3, 3, 1],
      );
      assert.deepEqual(
        pages.flat().map((customer) => customer.name),
        ['Kunde 1', 'Kunde 2', 'Kunde 3', 'Kunde 4', 'Kunde 5', 'Kunde 6', 'Kunde 7'],
      );
      assert.equal(sim.admin.stats().requests['GET /Customer'], 3);
    });

    it('stops after an exactly full last page without asking again', async () => {
      for (let i = 1; i <= 6; i++) sim.admin.create('department', { name: `Avdeling ${i}`, code: `A${i}` });
      const pages = await collect(client().list('department', { pageSize: 3 }));
      assert.deepEqual(
        pages.map((page) => page.length),
        [3, 3],
      );
      assert.equal(sim.admin.stats().requests['GET /Department'], 2);
    });

    it('lists every kind of record in the expected shape', async () => {
      sim.admin.seed({
        customers: 10,
        employees: 3,
        departments: 3,
        contacts: 5,
        contactPersonsPerCustomer: 1,
      });
      const v1 = client();
      for (const datatype of ['customer', 'employee', 'department', 'contact'] as const) {
        assert.ok((await collect(v1.list(datatype))).flat().length > 0, datatype);
      }
      const [customer] = (await collect(v1.list('customer'))).flat();
      assert.equal(
        (await collect(v1.list('contactperson', { parentId: String(customer!.id) }))).flat().length,
        1,
      );
    });
  });

  describe('records', () => {
    it('creates, reads, updates (full write) and deletes a customer', async () => {
      const v1 = client();
      const created = await v1.save('customer', {
        name: 'Fjellbekk AS',
        emailAddress: 'post@fjellbekk.no',
        phoneNumber: '1',
      });
      const ref = { id: String(created.id) };
      assert.equal((await v1.get('customer', ref)).emailAddress, 'post@fjellbekk.no');
      const updated = await v1.save('customer', { id: created.id, name: 'Fjellbekk AS', phoneNumber: '2' });
      assert.equal(updated.phoneNumber, '2');
      assert.equal(updated.emailAddress, null, 'a v1 write clears what it leaves out');
      await v1.delete('customer', ref);
      await assert.rejects(v1.get('customer', ref), NotFoundError);
      assert.deepEqual(sim.admin.stats().writes.customer, { create: 1, update: 1, delete: 1, total: 3 });
    });

    it('keeps contact persons under their customer', async () => {
      const v1 = client();
      const customer = await v1.save('customer', { name: 'Elvekanten AS' });
      const parentId = String(customer.id);
      const person = await v1.save('contactperson', { firstName: 'Jon', lastName: 'Dal' }, parentId);
      assert.equal(person.partyId, customer.id);
      const ref = { id: String(person.id), parentId };
      const updated = await v1.save(
        'contactperson',
        { ...person, emailAddress: 'jon@elvekanten.no' },
        parentId,
      );
      assert.equal(updated.emailAddress, 'jon@elvekanten.no');
      await v1.delete('contactperson', ref);
      await assert.rejects(v1.get('contactperson', ref), NotFoundError);
    });

    it('keeps the seed Contact keyed by ContactId', async () => {
      const v1 = client();
      const contact = await v1.save('contact', {
        Name: 'Leverandøren AS',
        Emails: [{ Value: 'post@lev.no' }],
      });
      const updated = await v1.save('contact', { ...contact, Phones: [{ Value: '+47 22 00 00 00' }] });
      assert.equal(updated.ContactId, contact.ContactId);
      assert.deepEqual(updated.Phones, [{ Value: '+47 22 00 00 00' }]);
      assert.equal(sim.admin.stats().writes.contact?.update, 1);
    });
  });

  describe('errors', () => {
    it('"not found" in a success:false envelope: NotFoundError', async () => {
      const error = await client()
        .get('employee', { id: '4242' })
        .catch((e: unknown) => e);
      assert.ok(error instanceof NotFoundError, String(error));
      assert.equal(error.status, undefined, 'v1 answered 200');
      assert.equal(
        error.message,
        'powerofficegov1 GET /Employee/4242 (employee 4242) failed: Employee with id = 4242 not found.',
      );
    });

    it('"already in use": AlreadyInUseError', async () => {
      const v1 = client();
      await v1.save('contact', { Name: 'En', externalImportReference: 'powerofficego:supplier:1' });
      const error = await v1
        .save('contact', { Name: 'To', externalImportReference: 'powerofficego:supplier:1' })
        .catch((e: unknown) => e);
      assert.ok(error instanceof AlreadyInUseError, String(error));
      assert.match(error.message, /^powerofficegov1 POST \/Contact \(new contact\) failed: .*already in use/);
    });

    it('validation: ValidationError with the field messages', async () => {
      const v1 = client();
      const customer = await v1.save('customer', { name: 'Riktig AS' });
      const error = await v1
        .save('customer', { id: customer.id, name: 'Riktig AS', emailAddress: 'feil' })
        .catch((e: unknown) => e);
      assert.ok(error instanceof ValidationError && !(error instanceof AlreadyInUseError), String(error));
      assert.equal(
        error.message,
        `powerofficegov1 POST /Customer (customer ${customer.id}) failed: emailAddress is not a valid e-mail address.`,
      );
    });

    it('429: RateLimitError, retry after 1 s', async () => {
      const v1 = client();
      await collect(v1.list('department')); // the token, before the limit
      sim.admin.setRateLimit(1);
      const results = await Promise.allSettled([1, 2, 3].map(() => collect(v1.list('department'))));
      const limited = results.flatMap((result) => (result.status === 'rejected' ? [result.reason] : []));
      assert.ok(limited.length >= 2, 'the burst over 1/s is refused');
      for (const error of limited) {
        assert.ok(error instanceof RateLimitError, String(error));
        assert.equal(error.retryAfterMs, 1000);
        assert.match(
          error.message,
          /GET \/Department \(department from 0\) failed 429: Rate limit is exceeded/,
        );
      }
    });

    it('5xx: UnavailableError', async () => {
      const v1 = client();
      await collect(v1.list('department'));
      sim.admin.setFaults({ errorRate: 1 });
      const error = await v1.get('department', { id: '1' }).catch((e: unknown) => e);
      assert.ok(error instanceof UnavailableError, String(error));
      assert.equal(error.status, 503);
    });

    it('a body off the expected shape (scripted): ResponseShapeError naming the field', async () => {
      const token = { access_token: 't', token_type: 'bearer', expires_in: 599, refresh_token: 'r' };
      const customer = (id: number, emailAddress: unknown) => ({
        id,
        name: 'X',
        emailAddress,
        lastChanged: '2024-01-01T00:00:00Z',
      });
      const server = await startScriptedServer({
        'POST /OAuth/Token': { status: 200, body: token },
        'GET /Customer': {
          status: 200,
          body: { success: true, count: 2, data: [customer(1, 'a@b.no'), customer(2, ['x'])] },
        },
      });
      try {
        const error = await collect(
          new PowerofficegoV1Client({ baseUrl: server.url, ...keys }).list('customer'),
        ).catch((e: unknown) => e);
        assert.ok(error instanceof ResponseShapeError, String(error));
        assert.match(
          error.message,
          /GET \/Customer \(customer from 0\) failed 200: response does not match the contract: data\[1\]\.emailAddress: /,
        );
      } finally {
        await server.close();
      }
    });
  });
});
