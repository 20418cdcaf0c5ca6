// The v2 SystemAdapter against the real v2 simulator: inclusive change feeds, read-only fields never
// sent, updates as JSON Patches of exactly what changed, and which fields v2 can search.
import assert from 'node:assert/strict';
import { setTimeout as pause } from 'node:timers/promises';
import { simulatorCredentials } from '../src/simulators/credentials.js';
import {
  startPowerofficegoSimulator,
  type RunningPowerofficegoSimulator,
} from '../src/simulators/powerofficego/server.js';
import {
  createPowerofficegoAdapter,
  type PowerofficegoAdapter,
} from '../src/systems/powerofficego/adapter.js';
import { ChangedSinceReadError, ValidationError } from '../src/systems/errors.js';
import type { ListedPage, SyncRecord } from '../src/systems/system.js';

type Stamped = { Id: number; LastChangedDateTimeOffset: string };

async function collect(pages: AsyncIterable<ListedPage>): Promise<SyncRecord[]> {
  const all: SyncRecord[] = [];
  for await (const page of pages) all.push(...page.records);
  return all;
}

describe('PowerofficegoAdapter (v2) against the simulator', () => {
  let sim: RunningPowerofficegoSimulator;
  let adapter: PowerofficegoAdapter;
  const requests = (route: string) => sim.admin.stats().requests[route] ?? 0;

  before(async () => {
    sim = await startPowerofficegoSimulator({ rateLimit: false });
    adapter = createPowerofficegoAdapter({ baseUrl: sim.apiBaseUrl, ...simulatorCredentials.powerofficego });
  });
  after(() => sim.close());
  beforeEach(() => {
    sim.admin.reset();
    sim.admin.resetStats();
  });

  it('serves the five v2 datatypes', () => {
    assert.equal(adapter.system, 'powerofficego');
    assert.deepEqual(adapter.datatypes, ['customer', 'supplier', 'employee', 'contactperson', 'department']);
  });

  describe('listChanged', () => {
    it('includes records changed exactly at `since`', async () => {
      sim.admin.create('supplier', { Name: 'Eldre AS' });
      await new Promise((resolve) => setTimeout(resolve, 5)); // `since` has millisecond precision
      const middle = sim.admin.create('supplier', { Name: 'Midt AS' }) as Stamped;
      sim.admin.create('supplier', { Name: 'Nyere AS' });
      const since = new Date(middle.LastChangedDateTimeOffset).toISOString();
      const records = await collect(adapter.listChanged({ datatype: 'supplier', since }));
      assert.deepEqual(
        records.map((record) => record.data.Name),
        ['Midt AS', 'Nyere AS'],
      );
      assert.deepEqual(records[0], {
        id: String(middle.Id),
        lastChanged: since,
        data: records[0]!.data,
      });
    });

    it('resumes after a position a page gave, even when records before it were deleted', async () => {
      const names = ['En AS', 'To AS', 'Tre AS', 'Fire AS', 'Fem AS'];
      const ids = names.map((Name) => (sim.admin.create('supplier', { Name }) as Stamped).Id);
      const pages: ListedPage[] = [];
      for await (const page of adapter.listChanged({ datatype: 'supplier', pageSize: 2 })) pages.push(page);
      assert.deepEqual(
        pages.map(({ position }) => position),
        [ids[1], ids[3], ids[4]].map(String),
      );

      // Cut short after the first page; the first record is deleted before the listing goes on:
      // page 2 by number would now begin with Fire AS, and Tre AS would be missed.
      sim.admin.delete('supplier', ids[0]!);
      const rest = await collect(
        adapter.listChanged({ datatype: 'supplier', pageSize: 2, after: pages[0]!.position }),
      );
      assert.deepEqual(
        rest.map((record) => record.data.Name),
        ['Tre AS', 'Fire AS', 'Fem AS'],
      );
    });

    it('lists contact persons of every contact, each with its ContactId as parentId', async () => {
      const customer = sim.admin.create('customer', { Name: 'Kunde AS' }) as Stamped;
      const supplier = sim.admin.create('supplier', { Name: 'Leverandør AS' }) as Stamped;
      sim.admin.create('contactperson', { ContactId: customer.Id, FirstName: 'Per', LastName: 'Kunde' });
      sim.admin.create('contactperson', { ContactId: supplier.Id, FirstName: 'Pål', LastName: 'Leverandør' });
      const all = await collect(adapter.listChanged({ datatype: 'contactperson' }));
      assert.deepEqual(
        all.map((record) => [record.parentId, record.data.FirstName]),
        [
          [String(customer.Id), 'Per'],
          [String(supplier.Id), 'Pål'],
        ],
      );
      const ofCustomer = await collect(
        adapter.listChanged({ datatype: 'contactperson', parentIds: [String(customer.Id)] }),
      );
      assert.deepEqual(
        ofCustomer.map((record) => record.data.FirstName),
        ['Per'],
      );
    });
  });

  it('get: undefined on 404', async () => {
    assert.equal(await adapter.get({ datatype: 'employee', id: '999' }), undefined);
  });

  it("a record's last change is its address's when only the address changed since", async () => {
    const { Id } = sim.admin.create('customer', {
      Name: 'Adresse AS',
      MailAddress: { AddressLine1: 'Kaia 1', City: 'Oslo', ZipCode: '0150' },
    }) as Stamped;
    const ref = { datatype: 'customer', id: String(Id) };
    const before = (await adapter.get(ref))!;
    await pause(5);
    sim.admin.edit('customer', Id, { MailAddress: { City: 'Bergen' } });
    const after = (await adapter.get(ref))!;
    assert.equal(after.data.LastChangedDateTimeOffset, before.data.LastChangedDateTimeOffset);
    const addressChanged = (after.data.MailAddress as Stamped).LastChangedDateTimeOffset;
    assert.equal(Date.parse(after.lastChanged), Date.parse(addressChanged));
    assert.ok(Date.parse(after.lastChanged) > Date.parse(before.lastChanged));
  });

  it('create: leaves out read-only fields (the API refuses them)', async () => {
    const created = await adapter.create(
      { datatype: 'customer' },
      {
        Id: 77,
        LastChangedDateTimeOffset: '2020-01-01T00:00:00Z',
        IsActive: true,
        Name: 'Ny Kunde AS',
        MailAddress: {
          Id: 5,
          LastChangedDateTimeOffset: '2020-01-01T00:00:00Z',
          City: 'Bergen',
          ZipCode: '5003',
        },
      },
    );
    assert.notEqual(created.id, '77');
    assert.equal(created.data.Name, 'Ny Kunde AS');
    assert.equal((created.data.MailAddress as { City: string }).City, 'Bergen');
  });

  describe('update', () => {
    it('sends only what changed, so a concurrent edit of another field survives', async () => {
      const { Id } = sim.admin.create('customer', {
        Name: 'Kai AS',
        EmailAddress: 'kai@kai.no',
        PhoneNumber: '111',
        MailAddress: { AddressLine1: 'Kaia 1', City: 'Oslo', ZipCode: '0150' },
      }) as Stamped;
      const ref = { datatype: 'customer', id: String(Id) };
      const before = (await adapter.get(ref))!.data;
      // Someone in the product, meanwhile:
      sim.admin.edit('customer', Id, { PhoneNumber: '222', MailAddress: { AddressLine1: 'Kaia 2' } });
      const after = {
        ...before,
        EmailAddress: 'post@kai.no',
        MailAddress: { ...(before.MailAddress as object), City: 'Molde' },
      };
      const updated = await adapter.update(ref, before, after);
      assert.equal(updated.data.EmailAddress, 'post@kai.no');
      assert.equal(updated.data.PhoneNumber, '222', 'the patch did not carry the old phone number');
      assert.deepEqual(
        [
          (updated.data.MailAddress as { AddressLine1: string; City: string }).AddressLine1,
          (updated.data.MailAddress as { City: string }).City,
        ],
        ['Kaia 2', 'Molde'],
      );
      assert.equal(requests('PATCH /v2/Customers/:id'), 1);
      assert.equal(sim.admin.stats().writes.customer?.update, 1);
    });

    it('applies no patch over a field changed since it was read, and says so; a refusal stays a refusal', async () => {
      const { Id } = sim.admin.create('customer', { Name: 'Vakt AS', PhoneNumber: '111' }) as Stamped;
      const ref = { datatype: 'customer', id: String(Id) };
      const before = (await adapter.get(ref))!.data;
      sim.admin.edit('customer', Id, { PhoneNumber: '222' }); // a person, meanwhile
      await assert.rejects(
        adapter.update(ref, before, { ...before, PhoneNumber: '333' }),
        ChangedSinceReadError,
      );
      assert.equal((await adapter.get(ref))!.data.PhoneNumber, '222', 'the person’s edit stands');
      assert.equal(sim.admin.stats().writes.customer?.update, undefined, 'nothing written');

      const now = (await adapter.get(ref))!.data;
      await assert.rejects(adapter.update(ref, now, { ...now, Name: '' }), ValidationError);
    });

    it('writes an address that was empty as a whole', async () => {
      const { Id } = sim.admin.create('supplier', { Name: 'Uten Adresse AS' }) as Stamped;
      const ref = { datatype: 'supplier', id: String(Id) };
      const before = (await adapter.get(ref))!.data;
      const after = {
        ...before,
        MailAddress: { ...(before.MailAddress as object), City: 'Bodø', ZipCode: '8006' },
      };
      const updated = await adapter.update(ref, before, after);
      assert.equal((updated.data.MailAddress as { City: string }).City, 'Bodø');
    });

    it('sends nothing when nothing writable changed, and returns the record re-read', async () => {
      const { Id } = sim.admin.create('department', { Name: 'Salg', Code: '10' }) as Stamped;
      const before = (await adapter.get({ datatype: 'department', id: String(Id) }))!.data;
      const after = { ...before, LastChangedDateTimeOffset: '2030-01-01T00:00:00Z' };
      const result = await adapter.update({ datatype: 'department', id: String(Id) }, before, after);
      assert.equal(result.data.Name, 'Salg');
      assert.equal(requests('PATCH /v2/Departments/:id'), 0);
      assert.equal(requests('GET /v2/Departments/:id'), 2);
    });

    it('patches a contact person under its contact', async () => {
      const customer = sim.admin.create('customer', { Name: 'Mor AS' }) as Stamped;
      const person = sim.admin.create('contactperson', {
        ContactId: customer.Id,
        FirstName: 'Siri',
        LastName: 'Li',
      }) as Stamped;
      const ref = { datatype: 'contactperson', id: String(person.Id), parentId: String(customer.Id) };
      const before = (await adapter.get(ref))!.data;
      const updated = await adapter.update(ref, before, { ...before, LastName: 'Lie' });
      assert.equal(updated.data.LastName, 'Lie');
      assert.equal(updated.parentId, String(customer.Id));
    });
  });

  describe('findByField', () => {
    it('finds by ExternalImportReference, trimmed and in any case', async () => {
      sim.admin.create('employee', {
        FirstName: 'Ida',
        LastName: 'Vik',
        ExternalImportReference: 'powerofficegov1:employee:7',
      });
      sim.admin.create('employee', { FirstName: 'Ola', LastName: 'Vik', ExternalImportReference: 'other' });
      const found = await adapter.findByField({
        datatype: 'employee',
        any: [{ field: 'ExternalImportReference', value: '  PowerOfficeGoV1:Employee:7 ' }],
      });
      assert.deepEqual(
        found.map((record) => record.data.FirstName),
        ['Ida'],
      );
    });

    it('refuses a field v2 cannot filter on, saying so', async () => {
      await assert.rejects(
        adapter.findByField({ datatype: 'customer', any: [{ field: 'EmailAddress', value: 'a@b.no' }] }),
        /powerofficego: customer field EmailAddress is not searchable in API v2 \(only ExternalImportReference\)/,
      );
    });
  });
});
