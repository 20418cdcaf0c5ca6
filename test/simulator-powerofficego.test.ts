// The PowerOffice Go API v2 simulator over real HTTP: auth, every route, paging, change
// tracking, JSON Patch, validation, uniqueness, rate limit, faults, persistence, admin and CLI.
import { strict as assert } from 'node:assert';
import { setTimeout as sleep } from 'node:timers/promises';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { isValidOrganisationNumber } from '../src/simulators/common/organisationNumber.js';
import { simulatorCredentials } from '../src/simulators/credentials.js';
import {
  type RunningPowerofficegoSimulator,
  startPowerofficegoSimulator,
} from '../src/simulators/powerofficego/server.js';
import { ApiSession, call, v2TokenRequest } from './support/simulatorHttp.js';

const keys = simulatorCredentials.powerofficego;

describe('Powerofficego (API v2) simulator', () => {
  let simulator: RunningPowerofficegoSimulator;
  let api: ApiSession;

  before(async () => {
    simulator = await startPowerofficegoSimulator({ rateLimit: false });
    api = new ApiSession(simulator, 'powerofficego');
  });
  beforeEach(() => simulator.admin.reset());
  after(() => simulator.close());

  const newCustomer = (fields: object = {}) =>
    api.post('/Customers', { Name: 'Fjord Trading', EmailAddress: 'post@fjord.no', ...fields });

  describe('auth', () => {
    it('issues a bearer token for client credentials with the subscription key', async () => {
      const reply = await v2TokenRequest(simulator);
      assert.equal(reply.status, 200);
      assert.equal(reply.body.token_type, 'bearer');
      assert.equal(reply.body.expires_in, 1200);
      assert.ok(reply.body.access_token.length > 20);
    });

    it('refuses bad client keys with invalid_client', async () => {
      const reply = await v2TokenRequest(simulator, { ...keys, clientKey: 'wrong' });
      assert.equal(reply.status, 400);
      assert.equal(reply.body.error, 'invalid_client');
      assert.ok(reply.body.error_description);
    });

    it('refuses a token request without the subscription key at the gateway', async () => {
      const reply = await v2TokenRequest(simulator, {
        applicationKey: keys.applicationKey,
        clientKey: keys.clientKey,
      });
      assert.equal(reply.status, 401);
      assert.match(reply.body.message, /missing subscription key/);
    });

    it('answers 401 to a call without a token, with a wrong token, or with a wrong subscription key', async () => {
      const url = `${simulator.apiBaseUrl}/Customers`;
      const missing = await call(url, { headers: { 'Ocp-Apim-Subscription-Key': keys.subscriptionKey } });
      assert.equal(missing.status, 401);
      assert.equal(missing.body.detail, 'The access token is missing.');
      const wrong = await call(url, {
        headers: { 'Ocp-Apim-Subscription-Key': keys.subscriptionKey, authorization: 'Bearer forged.token' },
      });
      assert.equal(wrong.status, 401);
      assert.equal(wrong.body.detail, 'The access token is invalid.');
      const wrongKey = await api.call('/Customers', {
        headers: { 'Ocp-Apim-Subscription-Key': 'someone-else' },
      });
      assert.equal(wrongKey.status, 401);
      assert.match(wrongKey.body.message, /invalid subscription key/);
    });

    it('answers 401 once the token has expired', async () => {
      const shortLived = await startPowerofficegoSimulator({ rateLimit: false, tokenTtlSeconds: 1 });
      try {
        const session = new ApiSession(shortLived, 'powerofficego');
        assert.equal((await session.get('/Customers')).status, 204);
        await sleep(1100);
        const reply = await session.get('/Customers');
        assert.equal(reply.status, 401);
        assert.equal(reply.body.detail, 'The access token has expired.');
      } finally {
        await shortLived.close();
      }
    });
  });

  describe('routes', () => {
    const resources = [
      {
        path: '/Customers',
        body: { Name: 'Havbris AS' },
        patch: { path: '/name', value: 'Havbris Nord AS' },
        field: 'Name',
      },
      {
        path: '/Suppliers',
        body: { Name: 'Nordlys Import' },
        patch: { path: '/Name', value: 'Nordlys Engros' },
        field: 'Name',
      },
      {
        path: '/Employees',
        body: { FirstName: 'Kari', LastName: 'Nordmann' },
        patch: { path: '/JobTitle', value: 'Selger' },
        field: 'JobTitle',
      },
      {
        path: '/Departments',
        body: { Name: 'Salg', Code: '10' },
        patch: { path: '/Name', value: 'Salg Vest' },
        field: 'Name',
      },
    ];
    for (const { path, body, patch, field } of resources) {
      it(`${path}: create, get, list, patch, delete`, async () => {
        const created = await api.post(path, body);
        assert.equal(created.status, 201, created.text);
        const id = created.body.Id as number;
        assert.equal(typeof id, 'number');
        assert.equal((await api.get(`${path}/${id}`)).body.Id, id);
        assert.deepEqual(
          (await api.get(path)).body.map((record: { Id: number }) => record.Id),
          [id],
        );
        const patched = await api.patch(`${path}/${id}`, [{ op: 'replace', ...patch }]);
        assert.equal(patched.status, 200, patched.text);
        assert.equal(patched.body[field], patch.value);
        const deleted = await api.delete(`${path}/${id}`);
        assert.equal(deleted.status, 200);
        assert.equal(deleted.text, '');
        const gone = await api.get(`${path}/${id}`);
        assert.equal(gone.status, 404);
        assert.equal(gone.body.title, 'Object(s) not found');
      });
    }

    it('answers 404 ProblemDetails when deleting an unknown customer', async () => {
      const reply = await api.delete('/Customers/12');
      assert.equal(reply.status, 404);
      assert.deepEqual(
        { title: reply.body.title, detail: reply.body.detail, status: reply.body.status },
        {
          title: 'Object(s) not found',
          detail: 'Customer with id = 12 not found.',
          status: 404,
        },
      );
    });

    it('ContactPersons: create under a contact, list by contactIds, get, patch, delete', async () => {
      const customer = (await newCustomer()).body;
      const other = (await newCustomer({ Name: 'Other', EmailAddress: 'x@other.no' })).body;
      const created = await api.post(`/ContactPersons/${customer.Id}`, {
        FirstName: 'Ola',
        LastName: 'Hansen',
        EmailAddress: 'ola@fjord.no',
      });
      assert.equal(created.status, 201, created.text);
      assert.equal(created.body.ContactId, customer.Id);
      await api.post(`/ContactPersons/${other.Id}`, { FirstName: 'Per', LastName: 'Berg' });
      const listed = await api.get(`/ContactPersons?contactIds=${customer.Id}`);
      assert.deepEqual(
        listed.body.map((person: { Id: number }) => person.Id),
        [created.body.Id],
      );
      assert.equal((await api.get(`/ContactPersons?contactIds=${customer.Id},${other.Id}`)).body.length, 2);
      const one = await api.get(`/ContactPersons/${customer.Id}/${created.body.Id}`);
      assert.equal(one.body.FirstName, 'Ola');
      assert.equal(
        (await api.get(`/ContactPersons/${other.Id}/${created.body.Id}`)).status,
        404,
        'a person is found only under its own contact',
      );
      const patched = await api.patch(`/ContactPersons/${customer.Id}/${created.body.Id}`, [
        { op: 'replace', path: '/phonenumber', value: '+47 912 34 567' },
      ]);
      assert.equal(patched.body.PhoneNumber, '+47 912 34 567');
      assert.equal((await api.delete(`/ContactPersons/${customer.Id}/${created.body.Id}`)).status, 200);
      assert.equal((await api.get(`/ContactPersons?contactIds=${customer.Id}`)).status, 204);
    });

    it('refuses a contact person under a contact that does not exist', async () => {
      const reply = await api.post('/ContactPersons/424242', { FirstName: 'Ola', LastName: 'Hansen' });
      assert.equal(reply.status, 404);
      assert.equal(reply.body.detail, 'Contact with id = 424242 not found.');
    });

    it('gives customers, suppliers and employees ids from one contact sequence', async () => {
      const customer = (await newCustomer()).body;
      const supplier = (await api.post('/Suppliers', { Name: 'Leverandør AS' })).body;
      const employee = (await api.post('/Employees', { FirstName: 'Kari', LastName: 'Nordmann' })).body;
      assert.deepEqual([supplier.Id - customer.Id, employee.Id - supplier.Id], [1, 1]);
      assert.deepEqual([customer.Number, supplier.Number, employee.Number], [10000, 20000, 1]);
    });

    it('sets read-only fields itself and refuses them in a POST body', async () => {
      const created = (await newCustomer({ IsArchived: true })).body;
      assert.equal(created.IsActive, false);
      assert.equal(typeof created.SubledgerAccountId, 'number');
      assert.equal(created.CustomerCreatedDateTimeOffset, created.LastChangedDateTimeOffset);
      const refused = await newCustomer({ Id: 5, Name: 'X' });
      assert.equal(refused.status, 400);
      assert.deepEqual(refused.body.errors, { Id: ['Id is not a known property.'] });
    });
  });

  describe('paging and ordering', () => {
    const addSuppliers = async (names: string[]) => {
      for (const name of names) await api.post('/Suppliers', { Name: name });
    };

    it('answers 204 with no body when nothing matches', async () => {
      const reply = await api.get('/Suppliers');
      assert.equal(reply.status, 204);
      assert.equal(reply.text, '');
    });

    it('serves exactly one full page, then 204', async () => {
      await addSuppliers(['A', 'B', 'C']);
      assert.equal((await api.get('/Suppliers?PageSize=3')).body.length, 3);
      assert.equal((await api.get('/Suppliers?PageSize=3&PageNumber=2')).status, 204);
    });

    it('splits many records over pages in id order', async () => {
      await addSuppliers(['G', 'F', 'E', 'D', 'C', 'B', 'A']);
      const pages = [];
      for (let page = 1; page <= 3; page++) {
        pages.push((await api.get(`/suppliers?pagesize=3&pagenumber=${page}`)).body);
      }
      assert.deepEqual(
        pages.map((page) => page.length),
        [3, 3, 1],
      );
      const ids = pages.flat().map((supplier: { Id: number }) => supplier.Id);
      assert.deepEqual(
        ids,
        [...ids].sort((a, b) => a - b),
      );
    });

    it('orders by OrderBy and returns only Fields', async () => {
      await addSuppliers(['Beta', 'alfa', 'Gamma']);
      const reply = await api.get('/Suppliers?OrderBy=Name desc&Fields=Name,Id');
      assert.deepEqual(
        reply.body.map((supplier: { Name: string }) => supplier.Name),
        ['Gamma', 'Beta', 'alfa'],
      );
      assert.deepEqual(Object.keys(reply.body[0]), ['Name', 'Id']);
    });

    it('refuses a page size above 20000 and an unknown OrderBy field with 400', async () => {
      const tooBig = await api.get('/Suppliers?PageSize=20001');
      assert.equal(tooBig.status, 400);
      assert.match(tooBig.body.detail, /PageSize must be between 1 and MaxPageSize \(20000\)/);
      const unknown = await api.get('/Suppliers?OrderBy=Colour');
      assert.equal(unknown.status, 400);
      assert.match(unknown.body.detail, /Colour/);
    });

    it('filters customers by number ranges and external import reference', async () => {
      for (const Number of [10001, 10500, 12000, 13000]) {
        await newCustomer({ Number, EmailAddress: `${Number}@x.no` });
      }
      const numbers = async (query: string) =>
        (await api.get(`/Customers?${query}`)).body.map((c: { Number: number }) => c.Number);
      assert.deepEqual(await numbers('customerNos=10000-11000, 13000-'), [10001, 10500, 13000]);
      await api.patch(`/Customers/${(await api.get('/Customers?customerNos=12000')).body[0].Id}`, [
        { op: 'add', path: '/ExternalImportReference', value: 'ext-1' },
      ]);
      assert.deepEqual(await numbers('externalImportReference=EXT-1'), [12000]);
    });

    it('serves a page of 5000 records in well under a second', async () => {
      simulator.admin.seed({ suppliers: 5000, customers: 0, employees: 0, departments: 0 });
      const started = Date.now();
      const reply = await api.get('/Suppliers?PageSize=5000');
      assert.equal(reply.body.length, 5000);
      assert.ok(Date.now() - started < 700, `took ${Date.now() - started} ms`);
    });
  });

  describe('change tracking', () => {
    it("stamps records and its Date header on its own clock, when told it runs behind this machine's", async () => {
      const behind = await startPowerofficegoSimulator({ rateLimit: false, clockOffsetMs: -3_600_000 });
      try {
        const reply = await new ApiSession(behind, 'powerofficego').post('/Customers', {
          Name: 'Klokke AS',
          EmailAddress: 'post@klokke.no',
        });
        const hourAgo = Date.now() - 3_600_000;
        assert.ok(Math.abs(Date.parse(reply.body.LastChangedDateTimeOffset) - hourAgo) < 5_000);
        assert.ok(Math.abs(Date.parse(reply.headers.get('date')!) - hourAgo) < 5_000);
      } finally {
        await behind.close();
      }
    });

    it('returns only records changed strictly after lastChangedDateTimeOffsetGreaterThan', async () => {
      const first = (await newCustomer()).body;
      const second = (await newCustomer({ Name: 'Second', EmailAddress: 'b@b.no' })).body;
      const after = async (stamp: string) =>
        (
          await api.get(`/Customers?lastChangedDateTimeOffsetGreaterThan=${encodeURIComponent(stamp)}`)
        ).body?.map((c: { Id: number }) => c.Id);
      assert.deepEqual(await after(first.LastChangedDateTimeOffset), [second.Id]);
      assert.equal(await after(second.LastChangedDateTimeOffset), undefined);
      const patched = (
        await api.patch(`/Customers/${first.Id}`, [
          { op: 'replace', path: '/PhoneNumber', value: '+47 900 00 001' },
        ])
      ).body;
      assert.ok(patched.LastChangedDateTimeOffset > second.LastChangedDateTimeOffset);
      assert.deepEqual(await after(second.LastChangedDateTimeOffset), [first.Id]);
    });

    it('reads the documented "yyyy-MM-dd HH:mm:ss.fffffff -00:00" form too', async () => {
      await newCustomer();
      assert.equal(
        (
          await api.get(
            `/Customers?lastChangedDateTimeOffsetGreaterThan=${encodeURIComponent('2000-01-01 08:03:00.1234567 -00:00')}`,
          )
        ).body.length,
        1,
      );
      assert.equal((await api.get('/Customers?lastChangedDateTimeOffsetGreaterThan=yesterday')).status, 400);
    });

    it("does not move a customer's timestamp when its contact persons change", async () => {
      const customer = (await newCustomer()).body;
      const person = (
        await api.post(`/ContactPersons/${customer.Id}`, { FirstName: 'Ola', LastName: 'Hansen' })
      ).body;
      await api.patch(`/ContactPersons/${customer.Id}/${person.Id}`, [
        { op: 'replace', path: '/LastName', value: 'Berg' },
      ]);
      assert.equal(
        (await api.get(`/Customers/${customer.Id}`)).body.LastChangedDateTimeOffset,
        customer.LastChangedDateTimeOffset,
      );
      const changed = await api.get(
        `/ContactPersons?lastChangedDateTimeOffsetGreaterThan=${encodeURIComponent(person.LastChangedDateTimeOffset)}`,
      );
      assert.deepEqual(
        changed.body.map((p: { LastName: string }) => p.LastName),
        ['Berg'],
      );
    });

    it("moves only the address's timestamp when the address alone changes, as the OpenAPI says", async () => {
      const customer = (
        await newCustomer({ MailAddress: { AddressLine1: 'Kaia 1', City: 'Oslo', ZipCode: '0150' } })
      ).body;
      const moved = (
        await api.patch(`/Customers/${customer.Id}`, [
          { op: 'replace', path: '/MailAddress/City', value: 'Bergen' },
        ])
      ).body;
      assert.equal(moved.MailAddress.City, 'Bergen');
      assert.equal(moved.LastChangedDateTimeOffset, customer.LastChangedDateTimeOffset);
      assert.ok(moved.MailAddress.LastChangedDateTimeOffset > customer.MailAddress.LastChangedDateTimeOffset);
      const since = encodeURIComponent(customer.LastChangedDateTimeOffset);
      assert.equal((await api.get(`/Customers?lastChangedDateTimeOffsetGreaterThan=${since}`)).status, 204);
      const both = (
        await api.patch(`/Customers/${customer.Id}`, [
          { op: 'replace', path: '/MailAddress/City', value: 'Bodø' },
          { op: 'replace', path: '/PhoneNumber', value: '+47 900 00 002' },
        ])
      ).body;
      assert.ok(both.LastChangedDateTimeOffset > customer.LastChangedDateTimeOffset);
    });
  });

  describe('JSON Patch', () => {
    it('applies add, remove, replace, copy, move and test, matching paths case-insensitively', async () => {
      const customer = (await newCustomer({ PhoneNumber: '+47 900 00 000', FirstName: 'Kari' })).body;
      const reply = await api.patch(`/Customers/${customer.Id}`, [
        { op: 'test', path: '/emailaddress', value: 'post@fjord.no' },
        { op: 'copy', from: '/firstname', path: '/lastname' },
        { op: 'move', from: '/PhoneNumber', path: '/InvoiceEmailAddress' },
        { op: 'replace', path: '/InvoiceEmailAddress', value: 'faktura@fjord.no' },
        { op: 'add', path: '/MailAddress', value: { City: 'Bergen', ZipCode: '5003' } },
        { op: 'add', path: '/ContactGroupIds', value: [3] },
        { op: 'add', path: '/ContactGroupIds/-', value: 1001 },
        { op: 'remove', path: '/FirstName' },
      ]);
      assert.equal(reply.status, 200, reply.text);
      assert.deepEqual(
        [
          reply.body.LastName,
          reply.body.FirstName,
          reply.body.PhoneNumber,
          reply.body.InvoiceEmailAddress,
          reply.body.MailAddress.City,
          reply.body.ContactGroupIds,
        ],
        ['Kari', null, null, 'faktura@fjord.no', 'Bergen', [3, 1001]],
      );
      assert.equal(reply.body.MailAddress.Id, customer.MailAddress.Id, 'the address keeps its id');
    });

    it('refuses an unknown or read-only path with 400', async () => {
      const customer = (await newCustomer()).body;
      const unknown = await api.patch(`/Customers/${customer.Id}`, [
        { op: 'replace', path: '/Colour', value: 'red' },
      ]);
      assert.equal(unknown.status, 400);
      assert.equal(
        unknown.body.detail,
        "The target location specified by path segment 'Colour' was not found.",
      );
      const readOnly = await api.patch(`/Customers/${customer.Id}`, [
        { op: 'replace', path: '/Id', value: 9 },
      ]);
      assert.equal(readOnly.status, 400);
    });

    it('answers 415 to a PATCH that is not application/json-patch+json', async () => {
      const customer = (await newCustomer()).body;
      const reply = await api.call(`/Customers/${customer.Id}`, {
        method: 'PATCH',
        body: [{ op: 'replace', path: '/Name', value: 'X' }],
      });
      assert.equal(reply.status, 415);
      assert.equal(reply.body.title, 'Unsupported Media Type');
    });

    it('applies nothing when a test operation fails', async () => {
      const customer = (await newCustomer()).body;
      const reply = await api.patch(`/Customers/${customer.Id}`, [
        { op: 'replace', path: '/Name', value: 'Changed' },
        { op: 'test', path: '/EmailAddress', value: 'someone@else.no' },
      ]);
      assert.equal(reply.status, 400);
      assert.match(reply.body.detail, /not equal to the test value/);
      const after = (await api.get(`/Customers/${customer.Id}`)).body;
      assert.equal(after.Name, 'Fjord Trading');
      assert.equal(after.LastChangedDateTimeOffset, customer.LastChangedDateTimeOffset);
    });

    it('validates the patched record as a whole', async () => {
      const employee = (await api.post('/Employees', { FirstName: 'Kari', LastName: 'Nordmann' })).body;
      const reply = await api.patch(`/Employees/${employee.Id}`, [
        { op: 'remove', path: '/FirstName' },
        { op: 'replace', path: '/EmailAddress', value: 'not-an-email' },
      ]);
      assert.equal(reply.status, 400);
      assert.deepEqual(Object.keys(reply.body.errors).sort(), ['EmailAddress', 'FirstName']);
    });
  });

  describe('bad input', () => {
    it('answers malformed JSON with 400 ProblemDetails', async () => {
      const reply = await api.call('/Customers', {
        method: 'POST',
        body: '{"Name": ',
        contentType: 'application/json',
      });
      assert.equal(reply.status, 400);
      assert.equal(reply.body.status, 400);
      assert.match(reply.body.detail, /not valid JSON/);
    });

    it('names wrong types, missing required fields, oversize strings and bad e-mail addresses', async () => {
      const reply = await api.post('/Employees', {
        LastName: 'Nordmann',
        Number: 'seven',
        ExternalImportReference: 'x'.repeat(51),
        EmailAddress: 'not-an-email',
        MailAddress: { City: 'Oslo' },
      });
      assert.equal(reply.status, 400);
      assert.equal(reply.body.title, 'Employee validation error(s)');
      assert.deepEqual(reply.body.errors, {
        Number: ['Number must be a number.'],
        ExternalImportReference: ['ExternalImportReference can be at most 50 characters long.'],
        EmailAddress: ['EmailAddress is not a valid e-mail address.'],
        FirstName: ['FirstName is required.'],
        'MailAddress.ZipCode': ['MailAddress.ZipCode is required.'],
      });
    });

    it('requires a Name for a company and first and last name for a person', async () => {
      assert.deepEqual((await api.post('/Customers', { EmailAddress: 'a@b.no' })).body.errors, {
        Name: ['Name is required when IsPerson is false.'],
      });
      const person = await api.post('/Customers', {
        IsPerson: true,
        FirstName: 'Kari',
        LastName: 'Nordmann',
      });
      assert.equal(person.body.Name, 'Kari Nordmann');
    });
  });

  describe('uniqueness', () => {
    it("refuses a second ExternalImportReference in a class, with the API's words", async () => {
      const first = (await newCustomer({ ExternalImportReference: 'powerofficego:customer:1' })).body;
      const reply = await newCustomer({ Name: 'Copy', ExternalImportReference: 'powerofficego:customer:1' });
      assert.equal(reply.status, 400);
      assert.equal(
        reply.body.detail,
        `ExternalImportReference is already in use. 'powerofficego:customer:1' is used on (contact) Id = ${first.Id}.`,
      );
      const supplier = await api.post('/Suppliers', {
        Name: 'Other class',
        ExternalImportReference: 'powerofficego:customer:1',
      });
      assert.equal(supplier.status, 201, 'unique per class only');
    });

    it('refuses a taken Number and a taken department Code', async () => {
      await newCustomer({ Number: 10010 });
      assert.equal((await newCustomer({ Number: 10010, Name: 'B' })).status, 400);
      await api.post('/Departments', { Name: 'Salg', Code: 'S1' });
      const reply = await api.post('/Departments', { Name: 'Salg 2', Code: 's1' });
      assert.equal(reply.status, 400);
      assert.match(reply.body.detail, /Code is already in use/);
    });
  });

  describe('rate limit, faults, persistence', () => {
    it('answers a burst above 10 requests/s with some 429s, their body and Retry-After', async () => {
      const limited = await startPowerofficegoSimulator();
      try {
        const session = new ApiSession(limited, 'powerofficego');
        await session.token();
        await sleep(1000);
        const replies = await Promise.all(Array.from({ length: 30 }, () => session.get('/Customers')));
        const tooMany = replies.filter((reply) => reply.status === 429);
        // At most 10 pass; a few more may refill while the burst arrives.
        assert.ok(tooMany.length >= 12 && tooMany.length <= 20, `${tooMany.length} of 30 were 429`);
        assert.deepEqual(tooMany[0]!.body, {
          statusCode: '429',
          message: 'Rate limit is exceeded. Try again in 1 seconds.',
        });
        assert.equal(tooMany[0]!.headers.get('retry-after'), '1');
        assert.equal(limited.admin.stats().rateLimited, tooMany.length);
      } finally {
        await limited.close();
      }
      const replies = await Promise.all(Array.from({ length: 30 }, () => api.get('/Customers')));
      assert.ok(
        replies.every((reply) => reply.status === 204),
        'rateLimit false: no 429',
      );
    });

    it('answers every API call 503 at errorRate 1 while the admin API still works', async () => {
      simulator.admin.setFaults({ errorRate: 1 });
      try {
        const reply = await api.get('/Customers');
        assert.equal(reply.status, 503);
        assert.equal(reply.body.title, 'Service Unavailable');
        assert.equal((await call(`${simulator.url}/_admin/records/customer`)).status, 200);
        assert.equal(simulator.admin.stats().faults.error, 1);
      } finally {
        simulator.admin.setFaults({});
      }
    });

    it('holds a request without an answer at timeoutRate 1, and adds latency', async () => {
      simulator.admin.setFaults({ timeoutRate: 1 });
      await assert.rejects(api.call('/Customers', { signal: AbortSignal.timeout(300) }), {
        name: 'TimeoutError',
      });
      simulator.admin.setFaults({ latencyMs: 150 });
      const started = Date.now();
      assert.equal((await api.get('/Customers')).status, 204);
      assert.ok(Date.now() - started >= 150);
      simulator.admin.setFaults({});
    });

    it('keeps data and id sequences across a restart with the same data file', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'v2-simulator-'));
      try {
        const dataFile = join(dir, 'v2.sqlite');
        let restartable = await startPowerofficegoSimulator({ rateLimit: false, dataFile });
        let session = new ApiSession(restartable, 'powerofficego');
        const created = (await session.post('/Customers', { Name: 'Bevart AS' })).body;
        await session.delete(`/Customers/${created.Id}`);
        const kept = (await session.post('/Customers', { Name: 'Varig AS' })).body;
        await restartable.close();
        restartable = await startPowerofficegoSimulator({ rateLimit: false, dataFile });
        session = new ApiSession(restartable, 'powerofficego');
        assert.equal((await session.get(`/Customers/${kept.Id}`)).body.Name, 'Varig AS');
        const next = (await session.post('/Customers', { Name: 'Ny AS' })).body;
        assert.equal(next.Id, kept.Id + 1, 'ids are never reused');
        await restartable.close();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe('admin API, CLI and demo data', () => {
    const admin = (path: string, method = 'GET', body?: unknown) =>
      call(`${simulator.url}/_admin${path}`, { method, body });

    it('lists, shows, creates, edits (moving last-changed) and deletes records', async () => {
      const created = await admin('/records/customer', 'POST', {
        Name: 'Admin AS',
        EmailAddress: 'admin@as.no',
      });
      assert.equal(created.status, 201);
      const edited = await admin(`/records/customer/${created.body.Id}`, 'PATCH', {
        PhoneNumber: '+47 911 11 111',
        mailaddress: { City: 'Tromsø', ZipCode: '9008' },
      });
      assert.equal(edited.status, 200, edited.text);
      assert.equal(edited.body.MailAddress.City, 'Tromsø');
      assert.ok(edited.body.LastChangedDateTimeOffset > created.body.LastChangedDateTimeOffset);
      const refused = await admin(`/records/customer/${created.body.Id}`, 'PATCH', {
        EmailAddress: 'not-an-email',
      });
      assert.equal(refused.status, 400);
      assert.equal(refused.body.detail, 'EmailAddress is not a valid e-mail address.');
      assert.equal((await admin('/records/customer')).body.length, 1);
      const person = await admin('/records/contactperson', 'POST', {
        ContactId: created.body.Id,
        FirstName: 'Ola',
        LastName: 'Hansen',
      });
      assert.equal(person.body.ContactId, created.body.Id);
      assert.equal((await admin(`/records/customer/${created.body.Id}`, 'DELETE')).status, 204);
      assert.equal(
        (await admin(`/records/contactperson/${person.body.Id}`)).status,
        404,
        'its contact persons go with it',
      );
      assert.equal((await admin('/records/invoice')).status, 404);
    });

    it('counts requests by route template and writes by datatype, and resets the counts', async () => {
      await admin('/stats/reset', 'POST');
      const customer = (await newCustomer()).body;
      await api.get(`/Customers/${customer.Id}`);
      await api.patch(`/Customers/${customer.Id}`, [{ op: 'replace', path: '/Name', value: 'Y' }]);
      const stats = (await admin('/stats')).body;
      assert.equal(stats.requests['GET /v2/Customers/:id'], 1);
      assert.equal(stats.requests['POST /v2/Customers'], 1);
      assert.deepEqual(stats.writes.customer, { create: 1, update: 1, delete: 0, total: 2 });
      assert.equal((await admin('/rate-limit', 'PUT', { rateLimit: 3 })).body.rateLimit, 3);
      assert.equal((await admin('/rate-limit', 'PUT', { rateLimit: false })).body.rateLimit, false);
      assert.deepEqual((await admin('/faults', 'PUT', { latencyMs: 5 })).body, {
        errorRate: 0,
        timeoutRate: 0,
        latencyMs: 5,
        malformedIds: [],
      });
      await admin('/faults', 'PUT', { malformedIds: [String(customer.Id)] });
      const spoiled = await api.get(`/Customers/${customer.Id}`);
      assert.equal(spoiled.body.EmailAddress, 12345, 'a record sent in a forbidden shape');
      await admin('/faults', 'PUT', {});
      await admin('/stats/reset', 'POST');
      assert.deepEqual((await admin('/stats')).body.requests, {});
    });

    it('edits and lists records through the CLI, as a person would', async () => {
      const customer = (await newCustomer()).body;
      const cli = (...args: string[]) =>
        promisify(execFile)(process.execPath, [
          '--import',
          'tsx',
          'src/simulators/cli.ts',
          ...args,
          '--url',
          simulator.url,
        ]);
      const edit = await cli(
        'edit',
        'powerofficego',
        'customer',
        String(customer.Id),
        'PhoneNumber=+47 922 22 222',
        'MailAddress.City=Bodø',
        'MailAddress.ZipCode=8006',
        'IsArchived:=true',
      );
      assert.equal(JSON.parse(edit.stdout).PhoneNumber, '+47 922 22 222');
      const after = (await api.get(`/Customers/${customer.Id}`)).body;
      assert.deepEqual([after.MailAddress.City, after.IsArchived, after.IsActive], ['Bodø', true, false]);
      assert.ok(after.LastChangedDateTimeOffset > customer.LastChangedDateTimeOffset);
      const list = await cli('list', 'v2', 'customer');
      assert.match(list.stdout, new RegExp(`${customer.Id}\\s+Fjord Trading\\s+post@fjord.no`));
      assert.match(list.stdout, /1 record\(s\)/);
    });

    it('seeds realistic, repeatable Norwegian demo data', async () => {
      const created = simulator.admin.seed({ seed: 7 });
      assert.deepEqual(
        {
          customer: created.customer,
          supplier: created.supplier,
          employee: created.employee,
          department: created.department,
        },
        { customer: 15, supplier: 25, employee: 5, department: 3 },
      );
      const customers = simulator.admin.list('customer') as {
        Id: number;
        OrganizationNumber: string | null;
        SalesPersonEmployeeId: number | null;
        MailAddress: { CountryCode: string };
      }[];
      const suppliers = simulator.admin.list('supplier') as {
        Id: number;
        OrganizationNumber: string;
        PhoneNumber: string;
        WebsiteUrl: string;
      }[];
      const employeeIds = new Set(
        (simulator.admin.list('employee') as { Id: number }[]).map((employee) => employee.Id),
      );
      const organisationNumbers = [...customers, ...suppliers]
        .map((party) => party.OrganizationNumber)
        .filter((n): n is string => Boolean(n));
      assert.ok(organisationNumbers.length >= 30 && organisationNumbers.every(isValidOrganisationNumber));
      assert.ok(
        organisationNumbers.some((number) => number.includes(' ')),
        'some written with spaces',
      );
      const customerIds = new Set(customers.map((customer) => customer.Id));
      assert.ok(
        suppliers.some((supplier) => customerIds.has(supplier.Id)),
        'some suppliers are also customers',
      );
      const salesPersons = customers
        .map((customer) => customer.SalesPersonEmployeeId)
        .filter((id): id is number => id !== null);
      assert.ok(salesPersons.length > 0 && salesPersons.every((id) => employeeIds.has(id)));
      assert.ok(suppliers.every((supplier) => /^\+47 9\d{2} \d{2} \d{3}$/.test(supplier.PhoneNumber)));
      assert.ok(suppliers.some((supplier) => supplier.WebsiteUrl.includes('://www.')));
      assert.ok(customers.every((customer) => customer.MailAddress.CountryCode === 'NO'));
      const identity = (records: object[]) =>
        (records as { Id: number; Name: string; OrganizationNumber: string; EmailAddress: string }[]).map(
          (s) => [s.Id, s.Name, s.OrganizationNumber, s.EmailAddress],
        );
      simulator.admin.reset();
      simulator.admin.seed({ seed: 7 });
      assert.deepEqual(
        identity(simulator.admin.list('supplier')),
        identity(suppliers),
        'same seed, same data',
      );
    });
  });
});

describe('isValidOrganisationNumber', () => {
  it('accepts numbers whose mod-11 check digit is right, with or without spaces', () => {
    assert.ok(isValidOrganisationNumber('923609016'));
    assert.ok(isValidOrganisationNumber('923 609 016'));
    assert.ok(isValidOrganisationNumber('980386465'));
  });

  it('refuses a wrong check digit, a wrong length and letters', () => {
    assert.equal(isValidOrganisationNumber('923609017'), false);
    assert.equal(isValidOrganisationNumber('92360901'), false);
    assert.equal(isValidOrganisationNumber('92360901A'), false);
  });
});
