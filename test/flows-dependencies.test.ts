// Creation on dependency, matching and parking, end to end over the real stack (DATAFLOWS.md
// rules 1, 2 and 8; flows 1, 2, 4 and 5).
import { strict as assert } from 'node:assert';
import type { LinkSnapshot } from '../src/workflows/linkState.js';
import { getLinkStateQuery } from '../src/workflows/linkMessages.js';
import { adminOf, type Admin, type Fields } from './support/admin.js';
import { eventually, startSyncStack, type SyncStack } from './support/syncStack.js';

describe('creation on dependency, matching and parking, end to end', function () {
  this.timeout(180_000);
  let stack: SyncStack;
  let v2: Admin;
  let v1: Admin;
  const a: Record<string, Fields> = {};
  const preexisting: Record<string, Fields> = {};

  const linkState = (flow: string, aId: unknown) =>
    stack.client.workflow.getHandle(`link:${flow}:${aId}`).query(getLinkStateQuery) as Promise<LinkSnapshot>;
  const stateIs = (flow: string, aId: unknown, status: string) =>
    eventually(async () => ((await linkState(flow, aId)).status === status ? true : undefined), {
      what: `link:${flow}:${aId} to be ${status}`,
    });
  const byMarker = async (datatype: string, marker: string) =>
    (await v1.list(datatype)).filter((record) => record.externalImportReference === marker);

  before(async () => {
    stack = await startSyncStack();
    v2 = adminOf(stack.v2);
    v1 = adminOf(stack.v1);

    a.matchedEmployee = await v2.create('employee', {
      FirstName: 'Kari',
      LastName: 'Nordmann',
      EmailAddress: 'kari@firma.no',
    });
    preexisting.employee = await v1.create('employee', {
      firstName: 'Kari',
      lastName: 'N.',
      emailAddress: 'KARI@firma.no',
    });
    a.salesPerson = await v2.create('employee', {
      FirstName: 'Per',
      LastName: 'Selger',
      EmailAddress: 'per@firma.no',
    });

    a.lonely = await v2.create('customer', { Name: 'Ensom Kunde AS', EmailAddress: 'post@ensom.no' });
    a.withSalesPerson = await v2.create('customer', {
      Name: 'Selgers Kunde AS',
      SalesPersonEmployeeId: a.salesPerson.Id,
    });
    a.withContacts = await v2.create('customer', { Name: 'Ti Kontakter AS', EmailAddress: 'post@ti.no' });
    for (let n = 0; n < 10; n++) {
      await v2.create('contactperson', {
        ContactId: a.withContacts.Id,
        FirstName: `Person${n}`,
        LastName: 'Kontakt',
        EmailAddress: `person${n}@ti.no`,
      });
    }
    a.byOrgNumber = await v2.create('customer', { Name: 'Org Match AS', OrganizationNumber: '923609016' });
    await v2.create('contactperson', { ContactId: a.byOrgNumber.Id, FirstName: 'Ola', LastName: 'Org' });
    preexisting.byOrgNumber = await v1.create('customer', {
      name: 'Org Match (gammel)',
      vatNumber: '923 609 016',
    });
    a.ambiguous = await v2.create('customer', { Name: 'To Treff AS', EmailAddress: 'dup@treff.no' });
    await v2.create('contactperson', { ContactId: a.ambiguous.Id, FirstName: 'Dina', LastName: 'Dobbel' });
    for (const name of ['Treff En AS', 'Treff To AS'])
      await v1.create('customer', { name, emailAddress: 'dup@treff.no' });
    a.supplierWithContact = await v2.create('supplier', {
      Name: 'Bare Leverandør AS',
      EmailAddress: 'post@bare.no',
    });
    a.supplierContact = await v2.create('contactperson', {
      ContactId: a.supplierWithContact.Id,
      FirstName: 'Lars',
      LastName: 'Leverandørsen',
    });

    a.party = await v2.create('customer', { Name: 'Begge Deler AS', EmailAddress: 'post@begge.no' });
    await v2.create('supplier', { Id: a.party.Id, Name: 'Begge Deler AS', EmailAddress: 'post@begge.no' });
    a.badUrl = await v2.create('supplier', { Name: 'Feil Adresse AS', WebsiteUrl: 'ftp//feil-adresse' });

    await stack.startWorkers();
    await stack.startSync();
  });

  after(async () => stack?.stop());

  it('does not create a customer that nothing synchronized refers to', async () => {
    await stateIs('customer-customer', a.lonely!.Id, 'waiting-for-dependency');
    await stateIs('customer-department', a.lonely!.Id, 'waiting-for-dependency');
    assert.deepEqual(await byMarker('customer', `powerofficego:customer:${a.lonely!.Id}`), []);
  });

  it('creates one B customer for ten new contact persons, then the ten under it', async () => {
    const customers = await eventually(async () => {
      const found = await byMarker('customer', `powerofficego:customer:${a.withContacts!.Id}`);
      return found.length > 0 ? found : undefined;
    });
    const persons = await eventually(
      async () => {
        const all = (await v1.list('contactperson')).filter((person) => person.partyId === customers[0]!.id);
        return all.length === 10 ? all : undefined;
      },
      { what: 'ten contact persons under the B customer' },
    );
    assert.equal(customers.length, 1, 'exactly one B customer');
    assert.equal((await byMarker('customer', `powerofficego:customer:${a.withContacts!.Id}`)).length, 1);
    assert.deepEqual(
      persons.map((person) => person.emailAddress).sort(),
      [...Array(10).keys()].map((n) => `person${n}@ti.no`).sort(),
    );
    assert.equal(customers[0]!.name, 'Ti Kontakter AS');
  });

  it('creates the B department of a customer whose sales person is a synchronized employee', async () => {
    const department = await eventually(async () =>
      (await v1.list('department')).find((record) => record.code === String(a.withSalesPerson!.Number)),
    );
    assert.equal(department.name, 'Selgers Kunde AS');
    assert.equal(department.isActive, true);
    await stateIs('customer-department', a.withSalesPerson!.Id, 'linked');
    await stateIs('customer-customer', a.withSalesPerson!.Id, 'waiting-for-dependency');
  });

  it('links an existing B record with the same e-mail or organisation number instead of creating one', async () => {
    await stateIs('employee-employee', a.matchedEmployee!.Id, 'linked');
    const kari = () =>
      v1
        .list('employee')
        .then((all) => all.filter((e) => String(e.emailAddress).trim().toLowerCase().startsWith('kari@')));
    const employees = await eventually(
      async () => ((await kari())[0]?.lastName === 'Nordmann' ? kari() : undefined),
      {
        what: 'A to lead on the matched employee',
      },
    );
    assert.equal(employees.length, 1);
    assert.equal(employees[0]!.id, preexisting.employee!.id);
    assert.equal(
      employees[0]!.externalImportReference,
      `powerofficego:employee:${a.matchedEmployee!.Id}`,
      'claimed',
    );

    await stateIs('customer-customer', a.byOrgNumber!.Id, 'linked');
    assert.equal(
      (await linkState('customer-customer', a.byOrgNumber!.Id)).bId,
      String(preexisting.byOrgNumber!.id),
    );
    assert.equal(
      (await v1.list('customer')).filter((customer) => customer.name === 'Org Match AS').length,
      1,
    );
  });

  it('parks a link with two B candidates as needs attention, and its contact person waits', async () => {
    await stateIs('customer-customer', a.ambiguous!.Id, 'needs-attention');
    const state = await linkState('customer-customer', a.ambiguous!.Id);
    assert.match(state.reason ?? '', /^2 PowerOfficeGov1 Customer records match: \d+, \d+$/);
    assert.equal(state.bId, undefined);
    assert.equal(
      (await v1.list('customer')).filter((customer) => customer.emailAddress === 'dup@treff.no').length,
      2,
    );
  });

  it("skips a supplier's contact person: a supplier is not a B customer", async () => {
    await stateIs('contactperson-contactperson', a.supplierContact!.Id, 'not-applicable');
    const state = await linkState('contactperson-contactperson', a.supplierContact!.Id);
    assert.match(state.reason ?? '', /There is no Powerofficego Customer/);
    assert.deepEqual(await byMarker('customer', `powerofficego:customer:${a.supplierWithContact!.Id}`), []);
    // The contact persons' first listing came with the list of customers, which lacks this one:
    // the customer link the contact person started reads nothing from A.
    const { events } = await stack.client.workflow
      .getHandle(`link:customer-customer:${a.supplierWithContact!.Id}`)
      .fetchHistory();
    const activities = (events ?? []).flatMap(
      (event) => event.activityTaskScheduledEventAttributes?.activityType?.name ?? [],
    );
    assert.ok(!activities.includes('readRecord'), `no read of an absent customer: ${activities.join(', ')}`);
    assert.equal((await linkState('customer-customer', a.supplierWithContact!.Id)).status, 'not-applicable');
  });

  it('creates the B customer of a supplier that is also a customer (same contact Id)', async () => {
    await stateIs('supplier-contact', a.party!.Id, 'linked');
    await stateIs('customer-customer', a.party!.Id, 'linked');
    const customers = await byMarker('customer', `powerofficego:customer:${a.party!.Id}`);
    assert.equal(customers.length, 1);
    assert.equal(customers[0]!.name, 'Begge Deler AS');
  });

  it("parks only the link of a record B refuses, with the API's words, and resumes when A is fixed", async () => {
    await stateIs('supplier-contact', a.badUrl!.Id, 'needs-attention');
    const parked = await linkState('supplier-contact', a.badUrl!.Id);
    assert.match(parked.reason ?? '', /POST \/Contact.*Urls.*is not a valid web address/);
    await stateIs('supplier-contact', a.party!.Id, 'linked');

    await v2.edit('supplier', a.badUrl!.Id as number, { WebsiteUrl: 'https://feil-adresse.no' });
    await stateIs('supplier-contact', a.badUrl!.Id, 'linked');
    const [contact] = await byMarker('contact', `powerofficego:supplier:${a.badUrl!.Id}`);
    assert.deepEqual(contact!.Urls, [{ Value: 'https://feil-adresse.no' }]);
    assert.deepEqual(contact!.Domains, ['feil-adresse.no']);
  });
});
