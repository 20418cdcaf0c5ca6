// PowerofficegoClient (API v2) against the real v2 simulator over HTTP: auth, paging, change feed,
// CRUD with JSON Patch, and every error type with the call, the record and the API's words.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { simulatorCredentials } from '../src/simulators/credentials.js';
import {
  startPowerofficegoSimulator,
  type RunningPowerofficegoSimulator,
} from '../src/simulators/powerofficego/server.js';
import {
  AlreadyInUseError,
  AuthError,
  NotFoundError,
  RateLimitError,
  ResponseShapeError,
  UnavailableError,
  ValidationError,
} from '../src/systems/errors.js';
import { PowerofficegoClient, type PowerofficegoConfig } from '../src/systems/powerofficego/client.js';
import { startScriptedServer } from './client-scripted-server.js';

const keys = simulatorCredentials.powerofficego;
const tokenCalls = (sim: RunningPowerofficegoSimulator) =>
  sim.admin.stats().requests['POST /OAuth/Token'] ?? 0;

async function collect<T>(pages: AsyncIterable<T[]>): Promise<T[][]> {
  const all: T[][] = [];
  for await (const page of pages) all.push(page);
  return all;
}

describe('PowerofficegoClient (v2) against the simulator', () => {
  let sim: RunningPowerofficegoSimulator;
  const client = (config: Partial<PowerofficegoConfig> = {}) =>
    new PowerofficegoClient({ baseUrl: sim.apiBaseUrl, ...keys, ...config });

  before(async () => {
    sim = await startPowerofficegoSimulator({ rateLimit: false });
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
      const go = client();
      const { Id } = (await go.create('customer', { Name: 'Fjord AS' })) as { Id: number };
      await go.get('customer', { id: String(Id) });
      await collect(go.list('customer'));
      assert.equal(tokenCalls(sim), 1);
    });

    it('renews a token the API refuses (simulator restarted with a new signing secret)', async () => {
      const first = await startPowerofficegoSimulator({ rateLimit: false });
      const port = Number(new URL(first.url).port);
      const go = new PowerofficegoClient({ baseUrl: first.apiBaseUrl, ...keys });
      await collect(go.list('customer'));
      await first.close();
      await sleep(50); // lets the client's agent see its kept-alive socket closed
      const second = await startPowerofficegoSimulator({ rateLimit: false, port });
      try {
        await collect(go.list('customer'));
        assert.equal(tokenCalls(second), 1);
        assert.equal(
          second.admin.stats().requests['GET /v2/Customers'],
          2,
          'one 401, one retry with the new token',
        );
      } finally {
        await second.close();
      }
    });

    it('says which keys were refused without quoting them', async () => {
      const go = client({ clientKey: 'wrong-client-key-123' });
      const error = await go.get('customer', { id: '1' }).catch((e: unknown) => e);
      assert.ok(error instanceof AuthError, String(error));
      assert.equal(error.status, 400);
      assert.match(
        error.message,
        /powerofficego POST \/OAuth\/Token \(token\) failed 400: invalid_client: The application key or client key is not valid/,
      );
      for (const secret of ['wrong-client-key-123', keys.applicationKey, keys.subscriptionKey]) {
        assert.ok(!error.message.includes(secret), `message quotes ${secret}`);
      }
    });

    it('reports a refused subscription key as an AuthError in the gateway words', async () => {
      const error = await client({ subscriptionKey: 'nope-subscription' })
        .get('customer', { id: '1' })
        .catch((e: unknown) => e);
      assert.ok(error instanceof AuthError, String(error));
      assert.match(error.message, /invalid subscription key/);
      assert.ok(!error.message.includes('nope-subscription'));
    });
  });

  describe('token expiry', () => {
    let shortLived: RunningPowerofficegoSimulator;
    before(async () => {
      shortLived = await startPowerofficegoSimulator({ rateLimit: false, tokenTtlSeconds: 2 });
    });
    after(() => shortLived.close());

    it('renews before expiry, once, while 20 calls wait for it', async () => {
      const go = new PowerofficegoClient({ baseUrl: shortLived.apiBaseUrl, ...keys });
      await collect(go.list('department'));
      assert.equal(tokenCalls(shortLived), 1);
      await sleep(1600); // past 2 s minus the margin (a quarter of the lifetime), before expiry
      await Promise.all(Array.from({ length: 20 }, () => collect(go.list('department'))));
      assert.equal(tokenCalls(shortLived), 2);
      assert.equal(shortLived.admin.stats().requests['GET /v2/Departments'], 21, 'no call was refused');
    });
  });

  describe('lists', () => {
    it('reads pages while they are full', async () => {
      for (let i = 1; i <= 7; i++) sim.admin.create('customer', { Name: `Kunde ${i}` });
      const pages = await collect(client().list('customer', { pageSize: 3 }));
      assert.deepEqual(
        pages.map((page) => page.length),
        [3, 3, 1],
      );
      assert.deepEqual(
        pages.flat().map((customer) => customer.Name),
        ['Kunde 1', 'Kunde 2', 'Kunde 3', 'Kunde 4', 'Kunde 5', 'Kunde 6', 'Kunde 7'],
      );
      assert.equal(sim.admin.stats().requests['GET /v2/Customers'], 3);
    });

    it('ends on the 204 after an exactly full last page', async () => {
      for (let i = 1; i <= 6; i++) sim.admin.create('department', { Name: `Avdeling ${i}`, Code: String(i) });
      const pages = await collect(client().list('department', { pageSize: 3 }));
      assert.deepEqual(
        pages.map((page) => page.length),
        [3, 3],
      );
      assert.equal(sim.admin.stats().requests['GET /v2/Departments'], 3);
    });

    it('lists only what changed after a timestamp', async () => {
      const old = sim.admin.create('employee', { FirstName: 'Kari', LastName: 'Nordmann' }) as {
        LastChangedDateTimeOffset: string;
      };
      sim.admin.create('employee', { FirstName: 'Ola', LastName: 'Nordmann' });
      const changed = (
        await collect(client().list('employee', { changedAfter: old.LastChangedDateTimeOffset }))
      ).flat();
      assert.deepEqual(
        changed.map((employee) => employee.FirstName),
        ['Ola'],
      );
    });

    it('lists every kind of record in the contract shape', async () => {
      sim.admin.seed({ customers: 10, suppliers: 10, employees: 3, departments: 3 });
      const go = client();
      for (const datatype of ['customer', 'supplier', 'employee', 'contactperson', 'department'] as const) {
        const records = (await collect(go.list(datatype))).flat();
        assert.ok(records.length > 0, datatype);
      }
    });
  });

  describe('records', () => {
    it('creates, reads, patches and deletes a customer', async () => {
      const go = client();
      const created = await go.create('customer', { Name: 'Havbris AS', EmailAddress: 'post@havbris.no' });
      const ref = { id: String(created.Id) };
      assert.equal((await go.get('customer', ref)).EmailAddress, 'post@havbris.no');
      const patched = await go.patch('customer', ref, [
        { op: 'replace', path: '/EmailAddress', value: 'hei@havbris.no' },
      ]);
      assert.equal(patched.EmailAddress, 'hei@havbris.no');
      assert.equal(patched.Name, 'Havbris AS');
      await go.delete('customer', ref);
      await assert.rejects(go.get('customer', ref), NotFoundError);
      assert.deepEqual(sim.admin.stats().writes.customer, { create: 1, update: 1, delete: 1, total: 3 });
    });

    it('keeps contact persons under their contact', async () => {
      const go = client();
      const customer = await go.create('customer', { Name: 'Lysverket AS' });
      const parentId = String(customer.Id);
      const person = await go.create('contactperson', { FirstName: 'Åse', LastName: 'Berg' }, parentId);
      assert.equal(person.ContactId, customer.Id);
      const ref = { id: String(person.Id), parentId };
      const patched = await go.patch('contactperson', ref, [
        { op: 'add', path: '/EmailAddress', value: 'ase@lysverket.no' },
      ]);
      assert.equal(patched.EmailAddress, 'ase@lysverket.no');
      const listed = (await collect(go.list('contactperson', { filters: { contactIds: parentId } }))).flat();
      assert.deepEqual(
        listed.map((p) => p.Id),
        [person.Id],
      );
      await go.delete('contactperson', ref);
      await assert.rejects(go.get('contactperson', ref), NotFoundError);
    });
  });

  describe('errors', () => {
    it('404: NotFoundError with the call, the record and the API words', async () => {
      const error = await client()
        .get('customer', { id: '424242' })
        .catch((e: unknown) => e);
      assert.ok(error instanceof NotFoundError, String(error));
      assert.equal(error.status, 404);
      assert.equal(
        error.message,
        'powerofficego GET /Customers/424242 (customer 424242) failed 404: Object(s) not found: Customer with id = 424242 not found.',
      );
    });

    it('400 "already in use": AlreadyInUseError', async () => {
      const go = client();
      await go.create('customer', { Name: 'Først AS', ExternalImportReference: 'ref-1' });
      const error = await go
        .create('customer', { Name: 'Andre AS', ExternalImportReference: 'ref-1' })
        .catch((e: unknown) => e);
      assert.ok(error instanceof AlreadyInUseError, String(error));
      assert.equal(error.code, 'ERR_ALREADY_IN_USE');
      assert.match(
        error.message,
        /^powerofficego POST \/Customers \(new customer\) failed 400: Customer validation error\(s\): /,
      );
      assert.match(error.detail, /ExternalImportReference is already in use/);
    });

    it('400: ValidationError naming the field', async () => {
      const customer = await client().create('customer', { Name: 'Feil AS' });
      const error = await client()
        .patch('customer', { id: String(customer.Id) }, [
          { op: 'replace', path: '/EmailAddress', value: 'ikke en adresse' },
        ])
        .catch((e: unknown) => e);
      assert.ok(error instanceof ValidationError && !(error instanceof AlreadyInUseError), String(error));
      assert.match(
        error.message,
        new RegExp(`PATCH /Customers/${customer.Id} \\(customer ${customer.Id}\\) failed 400`),
      );
      assert.match(error.detail, /EmailAddress is not a valid e-mail address/);
    });

    it('429: RateLimitError with the Retry-After the simulator sends', async () => {
      const go = client();
      await collect(go.list('department')); // the token, before the limit
      sim.admin.setRateLimit(1);
      const results = await Promise.allSettled([1, 2, 3].map(() => collect(go.list('department'))));
      const limited = results.flatMap((result) => (result.status === 'rejected' ? [result.reason] : []));
      assert.ok(limited.length >= 2, 'the burst over 1/s is refused');
      for (const error of limited) {
        assert.ok(error instanceof RateLimitError, String(error));
        assert.equal(error.retryAfterMs, 1000);
        assert.equal(error.retryable, true);
        assert.match(
          error.message,
          /GET \/Departments \(department page 1\) failed 429: Rate limit is exceeded/,
        );
      }
    });

    it('paced at callsPerSecond, a burst stays under the rate limit: no 429', async () => {
      const go = client({ callsPerSecond: 9 });
      await collect(go.list('department')); // the token, before the limit
      sim.admin.setRateLimit(10);
      sim.admin.resetStats();
      const results = await Promise.allSettled(
        Array.from({ length: 25 }, () => collect(go.list('department'))),
      );
      assert.deepEqual(
        results.filter((result) => result.status === 'rejected'),
        [],
      );
      assert.equal(sim.admin.stats().rateLimited, 0);
    });

    it('429 (scripted): Retry-After when sent, else the published wait of 1 s (v2 does not publish the header)', async () => {
      const tooMany = { status: 429, body: { statusCode: '429', message: 'Slow down.' } };
      const server = await startScriptedServer({
        'POST /OAuth/Token': {
          status: 200,
          body: { access_token: 't', token_type: 'bearer', expires_in: 1200 },
        },
        'GET /v2/Customers/1': { ...tooMany, headers: { 'Retry-After': '3' } },
        'GET /v2/Customers/2': tooMany,
      });
      try {
        const client = new PowerofficegoClient({ baseUrl: `${server.url}/v2`, ...keys });
        for (const [id, waitMs] of [
          ['1', 3000],
          ['2', 1000],
        ] as const) {
          const error = await client.get('customer', { id }).catch((e: unknown) => e);
          assert.ok(error instanceof RateLimitError, String(error));
          assert.equal(error.retryAfterMs, waitMs);
        }
      } finally {
        await server.close();
      }
    });

    it('5xx: UnavailableError', async () => {
      const go = client();
      await collect(go.list('department'));
      sim.admin.setFaults({ errorRate: 1 });
      const error = await go.get('department', { id: '101' }).catch((e: unknown) => e);
      assert.ok(error instanceof UnavailableError, String(error));
      assert.equal(error.status, 503);
      assert.match(
        error.message,
        /GET \/Departments\/101 \(department 101\) failed 503: Service Unavailable/,
      );
    });

    it('no answer in time: UnavailableError', async () => {
      const go = client({ timeoutMs: 300 });
      await collect(go.list('department'));
      sim.admin.setFaults({ timeoutRate: 1 });
      const error = await go.get('department', { id: '101' }).catch((e: unknown) => e);
      assert.ok(error instanceof UnavailableError, String(error));
      assert.match(
        error.message,
        /GET \/Departments\/101 \(department 101\) failed: Timeout awaiting 'request' for 300ms/,
      );
    });

    it('refused connection: UnavailableError', async () => {
      const server = await startScriptedServer({});
      await server.close();
      const error = await new PowerofficegoClient({ baseUrl: `${server.url}/v2`, ...keys })
        .get('customer', { id: '1' })
        .catch((e: unknown) => e);
      assert.ok(error instanceof UnavailableError, String(error));
      assert.match(error.message, /ECONNREFUSED/);
    });

    it('a body off the contract (scripted): ResponseShapeError naming the field', async () => {
      const server = await startScriptedServer({
        'POST /OAuth/Token': {
          status: 200,
          body: { access_token: 't', token_type: 'bearer', expires_in: 1200 },
        },
        'GET /v2/Customers': {
          status: 200,
          body: [
            { Id: 1, LastChangedDateTimeOffset: '2024-01-01T00:00:00Z', Name: 'Ok' },
            { Id: 2, LastChangedDateTimeOffset: '2024-01-01T00:00:00Z', EmailAddress: 42 },
          ],
        },
      });
      try {
        const error = await collect(
          new PowerofficegoClient({ baseUrl: `${server.url}/v2`, ...keys }).list('customer'),
        ).catch((e: unknown) => e);
        assert.ok(error instanceof ResponseShapeError, String(error));
        assert.equal(error.retryable, false);
        assert.match(
          error.message,
          /GET \/Customers \(customer page 1\) failed 200: response does not match the contract: \[1\]\.EmailAddress: /,
        );
        assert.match(error.detail, /expected string, received number/);
      } finally {
        await server.close();
      }
    });

    it('cancellation stays cancellation', async () => {
      const go = client();
      await collect(go.list('department'));
      const controller = new AbortController();
      controller.abort();
      const error = await go
        .get('department', { id: '101' }, { signal: controller.signal })
        .catch((e: unknown) => e);
      assert.ok(error instanceof Error && error.name === 'AbortError', String(error));
    });
  });
});
