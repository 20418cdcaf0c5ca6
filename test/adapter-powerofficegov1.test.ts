// The v1 SystemAdapter against the real v1 simulator: inclusive change feeds (contact persons per
// customer), OData lookups trimmed and in any case, and full-record updates despite replica lag.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { simulatorCredentials } from '../src/simulators/credentials.js';
import {
  startPowerofficegov1Simulator,
  type RunningPowerofficegov1Simulator,
} from '../src/simulators/powerofficegov1/server.js';
import {
  createPowerofficegoV1Adapter,
  type PowerofficegoV1Adapter,
} from '../src/systems/powerofficegov1/adapter.js';
import type { ListedPage, SyncRecord } from '../src/systems/system.js';
import { startScriptedServer } from './client-scripted-server.js';

type Stamped = { id: number; lastChanged: string };

async function collect(pages: AsyncIterable<ListedPage>): Promise<SyncRecord[]> {
  const all: SyncRecord[] = [];
  for await (const page of pages) all.push(...page.records);
  return all;
}

describe('PowerofficegoV1Adapter (v1) against the simulator', () => {
  let sim: RunningPowerofficegov1Simulator;
  let adapter: PowerofficegoV1Adapter;
  const requests = (route: string) => sim.admin.stats().requests[route] ?? 0;

  before(async () => {
    sim = await startPowerofficegov1Simulator({ rateLimit: false });
    adapter = createPowerofficegoV1Adapter({
      baseUrl: sim.apiBaseUrl,
      ...simulatorCredentials.powerofficegov1,
    });
  });
  after(() => sim.close());
  beforeEach(() => {
    sim.admin.reset();
    sim.admin.resetStats();
    sim.admin.setReplicaLagMs(0);
  });

  it('serves the five v1 datatypes', () => {
    assert.equal(adapter.system, 'powerofficegov1');
    assert.deepEqual(adapter.datatypes, ['customer', 'employee', 'department', 'contact', 'contactperson']);
  });

  describe('listChanged', () => {
    it('includes records changed exactly at `since`', async () => {
      sim.admin.create('contact', { Name: 'Eldre AS' });
      await sleep(5); // `since` has millisecond precision
      const middle = sim.admin.create('contact', { Name: 'Midt AS' }) as {
        ContactId: number;
        lastChanged: string;
      };
      sim.admin.create('contact', { Name: 'Nyere AS' });
      const since = new Date(middle.lastChanged).toISOString();
      const records = await collect(adapter.listChanged({ datatype: 'contact', since }));
      assert.deepEqual(
        records.map((record) => record.data.Name),
        ['Midt AS', 'Nyere AS'],
      );
      assert.equal(records[0]!.id, String(middle.ContactId));
      assert.equal(records[0]!.lastChanged, since);
    });

    it('resumes after a position a page gave: a flat list after its record, the walk after its customer', async () => {
      const names = ['En AS', 'To AS', 'Tre AS'];
      const ids = names.map((name) => (sim.admin.create('customer', { name }) as Stamped).id);
      const pages: ListedPage[] = [];
      for await (const page of adapter.listChanged({ datatype: 'customer', pageSize: 2 })) pages.push(page);
      assert.deepEqual(
        pages.map(({ position }) => position),
        [ids[1], ids[2]].map(String),
      );
      sim.admin.delete('customer', ids[0]!);
      const rest = await collect(
        adapter.listChanged({ datatype: 'customer', pageSize: 2, after: pages[0]!.position }),
      );
      assert.deepEqual(
        rest.map((record) => record.data.name),
        ['Tre AS'],
      );

      for (const partyId of ids.slice(1)) {
        sim.admin.create('contactperson', { partyId, firstName: 'Kontakt', lastName: String(partyId) });
      }
      const walk: ListedPage[] = [];
      for await (const page of adapter.listChanged({ datatype: 'contactperson' })) walk.push(page);
      assert.deepEqual(
        walk.map(({ position, records }) => [position, records.length]),
        [
          [String(ids[1]), 1],
          [String(ids[2]), 1],
        ],
      );
      sim.admin.resetStats();
      const resumed = await collect(
        adapter.listChanged({ datatype: 'contactperson', after: walk[0]!.position }),
      );
      assert.deepEqual(
        resumed.map((record) => record.parentId),
        [String(ids[2])],
      );
      assert.equal(
        requests('GET /Customer/:partyId/Contact'),
        1,
        'the customers before the position are not read',
      );
    });

    it('reads contact persons customer by customer, or only for the customers named', async () => {
      const first = sim.admin.create('customer', { name: 'Første AS' }) as Stamped;
      const second = sim.admin.create('customer', { name: 'Andre AS' }) as Stamped;
      sim.admin.create('contactperson', { partyId: first.id, firstName: 'Gammel', lastName: 'Kontakt' });
      await sleep(5);
      const since = new Date().toISOString();
      sim.admin.create('contactperson', { partyId: second.id, firstName: 'Ny', lastName: 'Kontakt' });

      const changed = await collect(adapter.listChanged({ datatype: 'contactperson', since }));
      assert.deepEqual(
        changed.map((record) => [record.parentId, record.data.firstName]),
        [[String(second.id), 'Ny']],
      );
      assert.equal(requests('GET /Customer'), 1);
      assert.equal(requests('GET /Customer/:partyId/Contact'), 2);

      sim.admin.resetStats();
      const named = await collect(
        adapter.listChanged({ datatype: 'contactperson', parentIds: [String(first.id)] }),
      );
      assert.deepEqual(
        named.map((record) => record.data.firstName),
        ['Gammel'],
      );
      assert.equal(requests('GET /Customer'), 0);
    });
  });

  it("a record's last change is its address's when that is later (scripted: v1 does not say a record's moves)", async () => {
    const token = { access_token: 't', token_type: 'bearer', expires_in: 599, refresh_token: 'r' };
    const data = {
      id: 7,
      name: 'Adresse AS',
      lastChanged: '2026-01-01T10:00:00Z',
      mailAddress: {
        id: 1,
        address1: 'Kaia 2',
        city: 'Oslo',
        zipCode: '0150',
        lastChanged: '2026-01-01T11:00:00Z',
      },
    };
    const server = await startScriptedServer({
      'POST /OAuth/Token': { status: 200, body: token },
      'GET /Customer/7': { status: 200, body: { success: true, data } },
    });
    try {
      const scripted = createPowerofficegoV1Adapter({
        baseUrl: server.url,
        ...simulatorCredentials.powerofficegov1,
      });
      const record = await scripted.get({ datatype: 'customer', id: '7' });
      assert.equal(record?.lastChanged, '2026-01-01T11:00:00.000Z');
    } finally {
      await server.close();
    }
  });

  it('get: undefined when v1 says not found', async () => {
    assert.equal(await adapter.get({ datatype: 'department', id: '999' }), undefined);
  });

  describe('findByField', () => {
    it('matches trimmed and in any case, quotes included', async () => {
      sim.admin.create('customer', { name: "O'Brien Bygg AS", emailAddress: 'Post@OBrien.no' });
      sim.admin.create('customer', { name: 'Annen AS', emailAddress: 'post@annen.no' });
      const byEmail = await adapter.findByField({
        datatype: 'customer',
        any: [{ field: 'emailAddress', value: '  post@obrien.NO ' }],
      });
      assert.deepEqual(
        byEmail.map((record) => record.data.name),
        ["O'Brien Bygg AS"],
      );
      const byName = await adapter.findByField({
        datatype: 'customer',
        any: [{ field: 'name', value: "o'brien bygg as" }],
      });
      assert.equal(byName.length, 1);
    });

    it('matches any element of a list: Emails.Value', async () => {
      sim.admin.create('contact', {
        Name: 'Liste AS',
        Emails: [{ Value: 'post@liste.no' }, { Value: 'Faktura@Liste.no' }],
      });
      sim.admin.create('contact', { Name: 'Annen AS', Emails: [{ Value: 'post@annen.no' }] });
      const found = await adapter.findByField({
        datatype: 'contact',
        any: [{ field: 'Emails.Value', value: ' faktura@liste.no' }],
      });
      assert.deepEqual(
        found.map((record) => record.data.Name),
        ['Liste AS'],
      );
    });

    it('splits a long list of values into searches of a safe length, and finds every match', async () => {
      const emails = Array.from({ length: 60 }, (_, i) => `mange.${i}@eksempel.no`);
      for (const email of emails.filter((_, i) => i % 3 === 0)) {
        sim.admin.create('contact', { Name: email, Emails: [{ Value: email }] });
      }
      sim.admin.resetStats();
      const found = await adapter.findByField({
        datatype: 'contact',
        any: emails.map((value) => ({ field: 'Emails.Value', value })),
      });
      assert.deepEqual(
        found.map((record) => record.data.Name).sort(),
        emails.filter((_, i) => i % 3 === 0).sort(),
      );
      const searches = requests('GET /Contact');
      assert.ok(searches > 1 && searches < 60, `${searches} searches for 60 values`);
    });

    it('searches contact persons within one customer', async () => {
      const mine = sim.admin.create('customer', { name: 'Min AS' }) as Stamped;
      const other = sim.admin.create('customer', { name: 'Annen AS' }) as Stamped;
      sim.admin.create('contactperson', {
        partyId: mine.id,
        firstName: 'A',
        lastName: 'A',
        emailAddress: 'felles@x.no',
      });
      sim.admin.create('contactperson', {
        partyId: other.id,
        firstName: 'B',
        lastName: 'B',
        emailAddress: 'felles@x.no',
      });
      const found = await adapter.findByField({
        datatype: 'contactperson',
        any: [{ field: 'emailAddress', value: 'FELLES@x.no' }],
        parentId: String(mine.id),
      });
      assert.deepEqual(
        found.map((record) => [record.parentId, record.data.firstName]),
        [[String(mine.id), 'A']],
      );
    });
  });

  describe('create and update', () => {
    it('creates without the fields the API sets itself', async () => {
      const created = await adapter.create(
        { datatype: 'contact' },
        {
          ContactId: 99,
          lastChanged: '2020-01-01T00:00:00Z',
          Name: 'Ny AS',
          Urls: [{ Value: 'https://ny.no' }],
        },
      );
      assert.notEqual(created.id, '99');
      assert.equal(created.data.Name, 'Ny AS');
    });

    it('creates a contact person under its customer', async () => {
      const customer = sim.admin.create('customer', { name: 'Forelder AS' }) as Stamped;
      const created = await adapter.create(
        { datatype: 'contactperson', parentId: String(customer.id) },
        { firstName: 'Barn', lastName: 'Person' },
      );
      assert.equal(created.parentId, String(customer.id));
    });

    it('posts the whole record and returns what was written, even while reads lag', async () => {
      const { id } = sim.admin.create('employee', {
        firstName: 'Eva',
        lastName: 'Lund',
        emailAddress: 'eva@lund.no',
        socialSecurityNumber: '01017012345',
      }) as Stamped;
      const ref = { datatype: 'employee', id: String(id) };
      const before = (await adapter.get(ref))!.data;
      assert.equal(before.socialSecurityNumber, 'hidden');
      sim.admin.setReplicaLagMs(5000);
      const updated = await adapter.update(ref, before, { ...before, phoneNumber: '+47 400 00 000' });
      assert.equal(updated.data.phoneNumber, '+47 400 00 000');
      assert.equal(updated.data.emailAddress, 'eva@lund.no');
      assert.equal(updated.data.socialSecurityNumber, 'hidden', 'the stored number was kept');
      assert.equal(
        (await adapter.get(ref))!.data.phoneNumber,
        null,
        'the replica still shows the old record',
      );
      assert.equal(sim.admin.stats().writes.employee?.update, 1);
    });
  });
});
