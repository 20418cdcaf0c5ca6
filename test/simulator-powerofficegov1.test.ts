// The PowerOffice Go API v1 simulator over real HTTP: auth with refresh, every route, envelopes,
// OData listing, change tracking, validation, uniqueness, replica lag, rate limit, faults,
// persistence and the admin API.
import { strict as assert } from 'node:assert';
import { setTimeout as sleep } from 'node:timers/promises';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type RunningPowerofficegov1Simulator,
  startPowerofficegov1Simulator,
} from '../src/simulators/powerofficegov1/server.js';
import { ApiSession, call, v1TokenRequest } from './support/simulatorHttp.js';

describe('PowerOfficeGov1 (API v1) simulator', () => {
  let simulator: RunningPowerofficegov1Simulator;
  let api: ApiSession;

  before(async () => {
    simulator = await startPowerofficegov1Simulator({ rateLimit: false });
    api = new ApiSession(simulator, 'powerofficegov1');
  });
  beforeEach(() => simulator.admin.reset());
  after(() => simulator.close());

  const newCustomer = async (fields: object = {}) => {
    const reply = await api.post('/Customer', {
      name: 'Fjord Trading',
      emailAddress: 'post@fjord.no',
      vatNumber: '923609016',
      ...fields,
    });
    assert.equal(reply.body.success, true, reply.text);
    return reply.body.data;
  };

  describe('auth', () => {
    it('issues an access token and a refresh token for client credentials', async () => {
      const reply = await v1TokenRequest(simulator, 'grant_type=client_credentials');
      assert.equal(reply.status, 200);
      assert.equal(reply.body.token_type, 'bearer');
      assert.equal(reply.body.expires_in, 599);
      assert.ok(reply.body.access_token && reply.body.refresh_token);
    });

    it('renews with a refresh token once: a used refresh token is refused with invalid_grant', async () => {
      const first = (await v1TokenRequest(simulator, 'grant_type=client_credentials')).body;
      const renewed = await v1TokenRequest(
        simulator,
        `grant_type=refresh_token&refresh_token=${first.refresh_token}`,
      );
      assert.equal(renewed.status, 200);
      assert.notEqual(renewed.body.refresh_token, first.refresh_token);
      const works = await call(`${simulator.url}/Customer`, {
        headers: { authorization: `Bearer ${renewed.body.access_token}` },
      });
      assert.equal(works.body.success, true);
      const reused = await v1TokenRequest(
        simulator,
        `grant_type=refresh_token&refresh_token=${first.refresh_token}`,
      );
      assert.equal(reused.status, 400);
      assert.equal(reused.body.error, 'invalid_grant');
    });

    it('refuses bad client keys with invalid_client', async () => {
      const reply = await v1TokenRequest(simulator, 'grant_type=client_credentials', {
        applicationKey: 'sim-v1-application-key',
        clientKey: 'nope',
      });
      assert.equal(reply.status, 400);
      assert.equal(reply.body.error, 'invalid_client');
    });

    it('answers 401 to a missing or wrong token, and to an expired one', async () => {
      assert.equal((await call(`${simulator.url}/Customer`)).status, 401);
      const wrong = await call(`${simulator.url}/Customer`, { headers: { authorization: 'Bearer made.up' } });
      assert.equal(wrong.status, 401);
      assert.equal(wrong.body.message, 'Authorization has been denied for this request.');
      const shortLived = await startPowerofficegov1Simulator({ rateLimit: false, tokenTtlSeconds: 1 });
      try {
        const session = new ApiSession(shortLived, 'powerofficegov1');
        assert.equal((await session.get('/Customer')).status, 200);
        await sleep(1100);
        assert.equal((await session.get('/Customer')).status, 401);
      } finally {
        await shortLived.close();
      }
    });
  });

  describe('routes and envelopes', () => {
    const records = [
      {
        path: '/Customer',
        body: { name: 'Havbris AS', phoneNumber: '+47 900 00 001' },
        id: 'id',
        change: { name: 'Havbris Nord AS' },
      },
      {
        path: '/Employee',
        body: { firstName: 'Kari', lastName: 'Nordmann', jobTitle: 'Selger' },
        id: 'id',
        change: { firstName: 'Kari', lastName: 'Berg' },
      },
      {
        path: '/Department',
        body: { name: 'Salg', code: '10', managerCode: '7' },
        id: 'id',
        change: { name: 'Salg Vest', code: '10' },
      },
      {
        path: '/Contact',
        body: { Name: 'Nordlys Import', Phones: [{ Value: '+47 900 00 002' }] },
        id: 'ContactId',
        change: { Name: 'Nordlys Engros' },
      },
    ];
    for (const { path, body, id, change } of records) {
      it(`${path}: create, get, list, full update (what is left out is cleared), delete`, async () => {
        const created = await api.post(path, body);
        assert.deepEqual(Object.keys(created.body).sort(), ['data', 'success']);
        const recordId = created.body.data[id] as number;
        assert.equal((await api.get(`${path}/${recordId}`)).body.data[id], recordId);
        const listed = (await api.get(path)).body;
        assert.deepEqual([listed.success, listed.count, listed.data.length], [true, 1, 1]);
        const updated = await api.post(path, { [id]: recordId, ...change });
        assert.equal(updated.body.success, true, updated.text);
        assert.equal(updated.body.data[id], recordId);
        for (const [field, value] of Object.entries(change)) assert.equal(updated.body.data[field], value);
        const leftOut = Object.keys(body).find((field) => !(field in change))!;
        assert.ok(
          [null, undefined].includes(updated.body.data[leftOut]) ||
            (Array.isArray(updated.body.data[leftOut]) && updated.body.data[leftOut].length === 0),
          `${leftOut} cleared`,
        );
        assert.deepEqual((await api.delete(`${path}/${recordId}`)).body, { success: true });
        const gone = (await api.get(`${path}/${recordId}`)).body;
        assert.equal(gone.success, false);
        assert.equal(gone.data, undefined);
      });
    }

    it('answers a refusal with HTTP 200, success:false and the whole validation block', async () => {
      const reply = await api.get('/Customer/4242');
      assert.equal(reply.status, 200);
      assert.equal(reply.body.success, false);
      assert.deepEqual(Object.keys(reply.body.validation).sort(), [
        'batchItemErrors',
        'errorLogReference',
        'exception',
        'exceptionDetails',
        'fields',
        'summary',
      ]);
      assert.equal(reply.body.validation.summary, 'Customer with id = 4242 not found.');
      const update = await api.post('/Customer', { id: 4242, name: 'Ghost' });
      assert.equal(update.body.success, false);
    });

    it('serves Contact at a configured route', async () => {
      const custom = await startPowerofficegov1Simulator({ rateLimit: false, contactRoute: '/Kontakt' });
      try {
        const session = new ApiSession(custom, 'powerofficegov1');
        assert.equal((await session.post('/Kontakt', { Name: 'Alt rute AS' })).body.success, true);
        assert.equal((await session.get('/Contact')).status, 404);
      } finally {
        await custom.close();
      }
    });

    it('contact persons: create, list, get, update and delete under their customer', async () => {
      const customer = await newCustomer();
      const path = `/Customer/${customer.id}/Contact`;
      const created = (
        await api.post(path, {
          firstName: 'Ola',
          lastName: 'Hansen',
          emailAddress: 'ola@fjord.no',
          city: 'Oslo',
        })
      ).body.data;
      assert.deepEqual([created.partyId, created.isActive], [customer.id, true]);
      assert.equal((await api.get(path)).body.count, 1);
      assert.equal((await api.get(`${path}/${created.id}`)).body.data.emailAddress, 'ola@fjord.no');
      const updated = (await api.post(path, { id: created.id, firstName: 'Ola', lastName: 'Berg' })).body
        .data;
      assert.deepEqual([updated.lastName, updated.city], ['Berg', null]);
      assert.equal(
        (await api.get(`/Customer/${customer.id}`)).body.data.lastChanged,
        customer.lastChanged,
        'the customer did not change',
      );
      assert.deepEqual((await api.delete(`${path}/${created.id}`)).body, { success: true });
      assert.equal((await api.get(path)).body.count, 0);
      const orphan = await api.post('/Customer/999/Contact', { firstName: 'Ola', lastName: 'Hansen' });
      assert.equal(orphan.body.validation.summary, 'Customer with id = 999 not found.');
    });

    it('reads socialSecurityNumber back as "hidden" and keeps it when "hidden" is sent back', async () => {
      const created = (
        await api.post('/Employee', {
          firstName: 'Kari',
          lastName: 'Nordmann',
          socialSecurityNumber: '01017012345',
          dateOfBirth: '1970-01-01',
        })
      ).body.data;
      assert.deepEqual(
        [created.socialSecurityNumber, created.dateOfBirth],
        ['hidden', '1970-01-01T00:00:00'],
      );
      await api.post('/Employee', { ...created, jobTitle: 'Regnskapsfører' });
      assert.equal(simulator.admin.list('employee').length, 1);
      assert.equal((await api.get(`/Employee/${created.id}`)).body.data.socialSecurityNumber, 'hidden');
    });
  });

  describe('OData listing', () => {
    beforeEach(async () => {
      await newCustomer({
        name: 'Alfa AS',
        emailAddress: 'Post@Alfa.no',
        code: 10001,
        mailAddress: { city: 'Oslo' },
      });
      await newCustomer({
        name: ' Beta AS ',
        emailAddress: 'post@beta.no',
        code: 10002,
        isArchived: true,
        mailAddress: { city: 'Bergen' },
      });
      await newCustomer({ name: 'Gamma ANS', emailAddress: null, code: 10003 });
      await api.post('/Contact', {
        Name: 'Delta',
        Emails: [{ Value: 'Salg@Delta.no' }, { Value: 'post@delta.no' }],
        Domains: ['delta.no'],
      });
      await api.post('/Contact', { Name: 'Epsilon', Emails: [] });
    });
    const names = async (path: string, query: string) => {
      const reply = (await api.get(`${path}?${new URLSearchParams(query)}`)).body;
      assert.equal(reply.success, true, JSON.stringify(reply.validation));
      return reply.data.map((record: { name?: string; Name?: string }) => record.name ?? record.Name);
    };

    it('filters with PascalCase or camelCase names, comparisons, and/or/not and parentheses', async () => {
      assert.deepEqual(await names('/Customer', '$filter=Code ge 10002'), [' Beta AS ', 'Gamma ANS']);
      assert.deepEqual(await names('/Customer', '$filter=code lt 10003 and not (IsArchived eq true)'), [
        'Alfa AS',
      ]);
      assert.deepEqual(await names('/Customer', "$filter=emailAddress eq null or name eq 'Alfa AS'"), [
        'Alfa AS',
        'Gamma ANS',
      ]);
      assert.deepEqual(await names('/Customer', "$filter=MailAddress/City eq 'Bergen'"), [' Beta AS ']);
    });

    it('applies tolower, toupper, trim, contains and startswith', async () => {
      assert.deepEqual(await names('/Customer', "$filter=tolower(emailAddress) eq 'post@alfa.no'"), [
        'Alfa AS',
      ]);
      assert.deepEqual(await names('/Customer', "$filter=trim(name) eq 'Beta AS'"), [' Beta AS ']);
      assert.deepEqual(await names('/Customer', "$filter=contains(toupper(name), 'ANS')"), ['Gamma ANS']);
      assert.deepEqual(await names('/Customer', "$filter=startswith(Name, 'Al')"), ['Alfa AS']);
    });

    it('matches inside lists with any()', async () => {
      assert.deepEqual(
        await names('/Contact', "$filter=Emails/any(e: tolower(e/Value) eq 'salg@delta.no')"),
        ['Delta'],
      );
      assert.deepEqual(await names('/Contact', "$filter=Domains/any(d: d eq 'delta.no')"), ['Delta']);
      assert.deepEqual(await names('/Contact', '$filter=not Emails/any()'), ['Epsilon']);
    });

    it("compares lastChanged with datetimeoffset'...' literals", async () => {
      const all = (await api.get('/Customer')).body.data as { lastChanged: string; name: string }[];
      const second = all[1]!.lastChanged;
      assert.deepEqual(await names('/Customer', `$filter=LastChanged ge datetimeoffset'${second}'`), [
        ' Beta AS ',
        'Gamma ANS',
      ]);
      assert.deepEqual(await names('/Customer', `$filter=lastChanged gt datetimeoffset'${second}'`), [
        'Gamma ANS',
      ]);
      assert.deepEqual(
        await names('/Customer', "$filter=LastChanged lt datetimeoffset'2000-01-01T00:00:00+01:00'"),
        [],
      );
    });

    it('orders by several keys and pages with $skip/$top; count is before paging', async () => {
      const reply = (
        await api.get(`/Customer?${new URLSearchParams('$orderby=isArchived desc, name asc&$skip=1&$top=1')}`)
      ).body;
      assert.deepEqual([reply.count, reply.data.map((c: { name: string }) => c.name)], [3, ['Alfa AS']]);
      assert.deepEqual(await names('/Customer', '$orderby=code desc&$top=2'), ['Gamma ANS', ' Beta AS ']);
    });

    it('answers a bad filter with success:false naming the problem', async () => {
      const syntax = (await api.get(`/Customer?${new URLSearchParams("$filter=name eq 'x' and")}`)).body;
      assert.equal(syntax.success, false);
      assert.match(
        syntax.validation.summary,
        /Expected a value, a property or '\(' but found the end of the filter/,
      );
      const unknown = (await api.get(`/Customer?${new URLSearchParams('$filter=colour eq 1')}`)).body;
      assert.equal(
        unknown.validation.summary,
        "The query is not valid: Could not find a property named 'colour' on type 'Customer'.",
      );
    });
  });

  describe('change tracking, validation, uniqueness', () => {
    it('moves lastChanged on every write, strictly increasing', async () => {
      const customer = await newCustomer();
      const updates = [];
      for (let i = 0; i < 5; i++) {
        updates.push(
          (await api.post('/Customer', { ...customer, phoneNumber: `+47 900 00 00${i}` })).body.data
            .lastChanged,
        );
      }
      const stamps = [customer.lastChanged, ...updates];
      assert.deepEqual(stamps, [...new Set(stamps)].sort());
      assert.ok(Math.abs(Date.parse(updates[4]) - Date.now()) < 5000, 'real clock time');
    });

    it('refuses invalid e-mail addresses, wrong types, missing and oversize values with success:false', async () => {
      const reply = (
        await api.post('/Customer', {
          name: 7,
          emailAddress: 'not-an-email',
          externalImportReference: 'x'.repeat(51),
        })
      ).body;
      assert.equal(reply.success, false);
      assert.deepEqual(reply.validation.fields.map((field: { field: string }) => field.field).sort(), [
        'emailAddress',
        'externalImportReference',
        'name',
      ]);
      assert.match(reply.validation.summary, /emailAddress is not a valid e-mail address\./);
      assert.equal(
        (await api.post('/Employee', { firstName: 'Kari' })).body.validation.summary,
        'lastName is required.',
      );
      const malformed = await api.call('/Customer', {
        method: 'POST',
        body: '{"name": ',
        contentType: 'application/json',
      });
      assert.deepEqual([malformed.status, malformed.body.success], [200, false]);
    });

    it('keeps externalImportReference unique per class and code unique', async () => {
      const first = await newCustomer({ externalImportReference: 'powerofficego:customer:1', code: 10100 });
      const duplicate = (
        await api.post('/Customer', { name: 'Copy', externalImportReference: 'powerofficego:customer:1' })
      ).body;
      assert.equal(
        duplicate.validation.summary,
        `externalImportReference 'powerofficego:customer:1' is already in use by customer ${first.id}.`,
      );
      assert.equal(
        (
          await api.post('/Contact', {
            Name: 'Other class',
            externalImportReference: 'powerofficego:customer:1',
          })
        ).body.success,
        true,
      );
      assert.equal((await api.post('/Customer', { name: 'Same code', code: 10100 })).body.success, false);
      await api.post('/Department', { name: 'Salg', code: 'S1' });
      assert.equal((await api.post('/Department', { name: 'Salg 2', code: 's1' })).body.success, false);
    });
  });

  describe('replica lag, rate limit, faults, persistence, admin', () => {
    it('shows reads the state as it was replicaLagMs ago', async () => {
      const lagging = await startPowerofficegov1Simulator({ rateLimit: false, replicaLagMs: 300 });
      try {
        const session = new ApiSession(lagging, 'powerofficegov1');
        const created = (await session.post('/Customer', { name: 'Før AS' })).body.data;
        assert.equal(
          (await session.get(`/Customer/${created.id}`)).body.success,
          false,
          'a new record is not visible yet',
        );
        assert.equal((await session.get('/Customer')).body.count, 0);
        await sleep(350);
        assert.equal((await session.get(`/Customer/${created.id}`)).body.data.name, 'Før AS');
        await session.post('/Customer', { id: created.id, name: 'Etter AS' });
        assert.equal(
          (await session.get(`/Customer/${created.id}`)).body.data.name,
          'Før AS',
          'the old value right after the write',
        );
        assert.equal(
          (lagging.admin.get('customer', created.id) as { name: string }).name,
          'Etter AS',
          'admin reads the primary',
        );
        await sleep(350);
        assert.equal((await session.get(`/Customer/${created.id}`)).body.data.name, 'Etter AS');
      } finally {
        await lagging.close();
      }
    });

    it('answers a burst above 50 requests/s with 429, a JSON body and Retry-After', async () => {
      const limited = await startPowerofficegov1Simulator();
      try {
        const session = new ApiSession(limited, 'powerofficegov1');
        await session.token();
        await sleep(1000);
        const replies = await Promise.all(Array.from({ length: 80 }, () => session.get('/Customer')));
        const tooMany = replies.filter((reply) => reply.status === 429);
        // At most 50 in any second pass; on a slow machine a burst may spill into the next second.
        assert.ok(tooMany.length >= 15 && tooMany.length <= 30, `${tooMany.length} of 80 were 429`);
        assert.equal(tooMany[0]!.headers.get('retry-after'), '1');
        assert.equal(tooMany[0]!.body.success, false);
        assert.match(tooMany[0]!.body.validation.summary, /Rate limit/);
      } finally {
        await limited.close();
      }
    });

    it('answers API calls 503 at errorRate 1 while the admin API works', async () => {
      await call(`${simulator.url}/_admin/faults`, { method: 'PUT', body: { errorRate: 1 } });
      try {
        const reply = await api.get('/Customer');
        assert.equal(reply.status, 503);
        assert.equal(reply.body.success, false);
        assert.equal((await call(`${simulator.url}/_admin/records/customer`)).status, 200);
      } finally {
        await call(`${simulator.url}/_admin/faults`, { method: 'PUT', body: {} });
      }
    });

    it('keeps data and id sequences across a restart with the same data file', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'v1-simulator-'));
      try {
        const dataFile = join(dir, 'v1.sqlite');
        let restartable = await startPowerofficegov1Simulator({ rateLimit: false, dataFile });
        const kept = (
          await new ApiSession(restartable, 'powerofficegov1').post('/Contact', { Name: 'Varig AS' })
        ).body.data;
        await restartable.close();
        restartable = await startPowerofficegov1Simulator({ rateLimit: false, dataFile });
        const session = new ApiSession(restartable, 'powerofficegov1');
        assert.equal((await session.get(`/Contact/${kept.ContactId}`)).body.data.Name, 'Varig AS');
        assert.equal(
          (await session.post('/Contact', { Name: 'Ny AS' })).body.data.ContactId,
          kept.ContactId + 1,
        );
        await restartable.close();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('creates and edits records through the admin API as a person would', async () => {
      const admin = (path: string, method = 'GET', body?: unknown) =>
        call(`${simulator.url}/_admin${path}`, { method, body });
      const contact = await admin('/records/contact', 'POST', {
        Name: 'Allerede AS',
        Emails: [{ Value: 'post@allerede.no' }],
      });
      assert.equal(contact.status, 201);
      const customer = (await admin('/records/customer', 'POST', { name: 'Kunde AS' })).body;
      const person = await admin('/records/contactperson', 'POST', {
        partyId: customer.id,
        firstName: 'Ola',
        lastName: 'Hansen',
      });
      assert.equal(person.body.partyId, customer.id);
      const edited = await admin(`/records/contact/${contact.body.ContactId}`, 'PATCH', {
        Phones: [{ Value: '+47 933 33 333' }],
      });
      assert.deepEqual(
        [edited.body.Emails, edited.body.Phones],
        [[{ Value: 'post@allerede.no' }], [{ Value: '+47 933 33 333' }]],
      );
      assert.ok(edited.body.lastChanged > contact.body.lastChanged);
      assert.equal((await admin('/replica-lag', 'PUT', { replicaLagMs: 50 })).body.replicaLagMs, 50);
      await admin('/replica-lag', 'PUT', { replicaLagMs: 0 });
      const seeded = (
        await admin('/seed', 'POST', { customers: 2, contacts: 3, employees: 1, departments: 1 })
      ).body.created;
      assert.deepEqual([seeded.customer, seeded.contact, seeded.employee, seeded.department], [2, 3, 1, 1]);
    });
  });
});
