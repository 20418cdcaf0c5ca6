// Two-way updates for every flow, conflicts and forced resync, end to end over the real stack
// (DATAFLOWS.md rules 3, 4, 5, 7 and 9). Each propagated change must cost exactly one write on the
// other side and none back, counted by the simulators themselves.
import { strict as assert } from 'node:assert';
import { setTimeout as pause } from 'node:timers/promises';
import { resync } from '../src/temporal/resync.js';
import { sweepNow } from '../src/temporal/sweep.js';
import { getLinkStateQuery } from '../src/workflows/linkMessages.js';
import type { LinkSnapshot } from '../src/workflows/linkState.js';
import { adminOf, type Admin, type Fields } from './support/admin.js';
import { eventually, startSyncStack, type SyncStack } from './support/syncStack.js';

describe('two-way updates, conflicts and resync, end to end', function () {
  this.timeout(240_000);
  let stack: SyncStack;
  let v2: Admin;
  let v1: Admin;
  let employee: Fields;
  let customer: Fields;
  let person: Fields;
  let supplier: Fields;
  /** The B id of each link, once linked. */
  const bIds: Record<string, string> = {};

  const linkState = (flow: string, aId: unknown) =>
    stack.client.workflow.getHandle(`link:${flow}:${aId}`).query(getLinkStateQuery) as Promise<LinkSnapshot>;
  const linked = (flow: string, aId: unknown) =>
    eventually(
      async () => {
        const state = await linkState(flow, aId);
        return state.status === 'linked' && state.bId ? state.bId : undefined;
      },
      { what: `link:${flow}:${aId} to be linked` },
    );

  /**
   * Makes one edit and waits for it on the other side, then checks the writes each side took:
   * `writes` maps `v1:contact` / `v2:supplier` to the count expected after things settle.
   */
  async function propagates(
    edit: () => Promise<unknown>,
    arrived: () => Promise<boolean>,
    writes: Record<string, number>,
  ) {
    await pause(1_500);
    await Promise.all([v1.resetStats(), v2.resetStats()]);
    await edit();
    await eventually(async () => ((await arrived()) ? true : undefined), {
      what: 'the edit on the other side',
    });
    await pause(3_000); // time for an echo to come back, if the engine made one
    for (const [where, expected] of Object.entries(writes)) {
      const [side, datatype] = where.split(':') as ['v1' | 'v2', string];
      assert.equal(await (side === 'v1' ? v1 : v2).writes(datatype), expected, `${where} writes`);
    }
  }

  before(async () => {
    stack = await startSyncStack();
    v2 = adminOf(stack.v2);
    v1 = adminOf(stack.v1);
    employee = await v2.create('employee', {
      FirstName: 'Siri',
      LastName: 'Selger',
      EmailAddress: 'siri@firma.no',
    });
    customer = await v2.create('customer', {
      Name: 'Havbris AS',
      EmailAddress: 'post@havbris.no',
      SalesPersonEmployeeId: employee.Id,
      MailAddress: { AddressLine1: 'Strandgata 1', City: 'Tromsø', ZipCode: '9008', CountryCode: 'NO' },
    });
    person = await v2.create('contactperson', {
      ContactId: customer.Id,
      FirstName: 'Ada',
      LastName: 'Havbris',
      EmailAddress: 'ada@havbris.no',
    });
    supplier = await v2.create('supplier', {
      Name: 'Kystfrakt AS',
      EmailAddress: 'post@kystfrakt.no',
      PhoneNumber: '+47 77 00 00 00',
    });
    await stack.startWorkers();
    await stack.startSync();
    bIds.employee = await linked('employee-employee', employee.Id);
    bIds.customer = await linked('customer-customer', customer.Id);
    bIds.department = await linked('customer-department', customer.Id);
    bIds.person = await linked('contactperson-contactperson', person.Id);
    bIds.supplier = await linked('supplier-contact', supplier.Id);
  });

  after(async () => stack?.stop());

  it('flow 1: a customer edit in A reaches B, and one in B reaches A', async () => {
    await propagates(
      () => v2.edit('customer', customer.Id as number, { PhoneNumber: '+47 77 11 22 33' }),
      async () => (await v1.get('customer', bIds.customer!)).phoneNumber === '+47 77 11 22 33',
      { 'v1:customer': 1, 'v2:customer': 0, 'v1:department': 0 },
    );
    await propagates(
      () => v1.edit('customer', bIds.customer!, { mailAddress: { city: 'Harstad' } }),
      async () =>
        ((await v2.get('customer', customer.Id as number)).MailAddress as Fields).City === 'Harstad',
      { 'v2:customer': 1, 'v1:customer': 0 },
    );
  });

  it('flow 2: archiving the B department archives the A customer, which flow 1 carries to the B customer', async () => {
    await propagates(
      () => v1.edit('department', bIds.department!, { isActive: false }),
      async () => (await v2.get('customer', customer.Id as number)).IsArchived === true,
      { 'v2:customer': 1, 'v1:department': 0 },
    );
    await eventually(async () => (await v1.get('customer', bIds.customer!)).isArchived === true || undefined);
  });

  it('flow 4: an employee edit in A reaches B, and one in B reaches A', async () => {
    await propagates(
      () => v2.edit('employee', employee.Id as number, { JobTitle: 'Salgssjef' }),
      async () => (await v1.get('employee', bIds.employee!)).jobTitle === 'Salgssjef',
      { 'v1:employee': 1, 'v2:employee': 0 },
    );
    await propagates(
      () => v1.edit('employee', bIds.employee!, { phoneNumber: '+47 99 88 77 66' }),
      async () => (await v2.get('employee', employee.Id as number)).PhoneNumber === '+47 99 88 77 66',
      { 'v2:employee': 1, 'v1:employee': 0 },
    );
  });

  it('flow 5: a contact person edit in A reaches B, and one in B reaches A', async () => {
    const bPerson = () =>
      v1.list('contactperson').then((all) => all.find((record) => String(record.id) === bIds.person)!);
    await propagates(
      () => v2.edit('contactperson', person.Id as number, { PhoneNumber: '+47 45 45 45 45' }),
      async () => (await bPerson()).phoneNumber === '+47 45 45 45 45',
      { 'v1:contactperson': 1, 'v2:contactperson': 0 },
    );
    await propagates(
      () => v1.edit('contactperson', bIds.person!, { lastName: 'Havbris-Olsen' }),
      async () => (await v2.get('contactperson', person.Id as number)).LastName === 'Havbris-Olsen',
      { 'v2:contactperson': 1, 'v1:contactperson': 0 },
    );
  });

  it('removing an address in A reaches B through the sweep, once, though v1 keeps a country code of its own', async () => {
    // v2 does not move a customer's LastChangedDateTimeOffset for a change to its address alone, so
    // no feed lists it: the sweep reads every customer and finds the address's own timestamp newer.
    const gone = async () =>
      !((await v1.get('customer', bIds.customer!)).mailAddress as Fields | undefined)?.address1;
    await propagates(
      async () => {
        await v2.edit('customer', customer.Id as number, { MailAddress: null });
        await pause(7_000); // two polls, which do not list it
        assert.equal(await gone(), false, 'an address-only change is not listed by the feed');
        await sweepNow(stack.client);
      },
      gone,
      { 'v1:customer': 1, 'v2:customer': 0 },
    );
    assert.equal((await linkState('customer-customer', customer.Id)).status, 'linked');
  });

  it('with v1 reads lagging its writes, quick edits in A all reach B and no stale copy of B comes back', async () => {
    await v1.setReplicaLag(1_500);
    try {
      await pause(1_500);
      await Promise.all([v1.resetStats(), v2.resetStats()]);
      for (const name of ['Kystfrakt Nord AS', 'Kystfrakt Sør AS', 'Kystfrakt Vest AS']) {
        await v2.edit('supplier', supplier.Id as number, { Name: name });
        await pause(1_000);
      }
      await eventually(
        async () => (await v1.get('contact', bIds.supplier!)).Name === 'Kystfrakt Vest AS' || undefined,
      );
      await pause(5_000); // lag, polls and the echo's way back
      assert.equal((await v2.get('supplier', supplier.Id as number)).Name, 'Kystfrakt Vest AS');
      assert.equal((await v1.get('contact', bIds.supplier!)).Name, 'Kystfrakt Vest AS');
      assert.equal(await v2.writes('supplier'), 0, 'nothing written back to A');
    } finally {
      await v1.setReplicaLag(0);
    }
  });

  it('an edit made in A between the read and the write that carries a B change to A still reaches B', async () => {
    const read = 'GET /v2/Customers/:id';
    await pause(1_500);
    await v2.resetStats();
    // The simulator answers late but does the work at once: the link's patch of A follows its read
    // by 4 s, and a person's edit falls in between. The patch sends only what changed, so the
    // edit survives in A, and its reply carries it.
    await v2.setFaults({ latencyMs: 4_000 });
    try {
      await v1.edit('customer', bIds.customer!, { phoneNumber: '+47 77 99 99 99' });
      await eventually(async () => ((await v2.stats()).requests[read] ?? 0) > 0 || undefined, {
        intervalMs: 50,
        what: "the link's read of the A customer",
      });
      await pause(1_000);
      await v2.edit('customer', customer.Id as number, { EmailAddress: 'kontor@havbris.no' });
    } finally {
      await v2.setFaults({ latencyMs: 0 });
    }
    await eventually(
      async () =>
        (await v2.get('customer', customer.Id as number)).PhoneNumber === '+47 77 99 99 99' || undefined,
      { what: "B's phone number in A" },
    );
    await eventually(
      async () =>
        (await v1.get('customer', bIds.customer!)).emailAddress === 'kontor@havbris.no' || undefined,
      { what: "A's e-mail address, edited during the write, in B" },
    );
    assert.equal((await v2.stats()).requests['PATCH /v2/Customers/:id'], 1, 'A was patched once');
  });

  it('parks with the API\'s words a write refused as "not found" for a record it refers to, not as deleted', async () => {
    const department = await v1.create('department', { name: 'Salg Nord', code: 'SN1' });
    await v1.edit('employee', bIds.employee!, { departmentCode: 'SN1' });
    await v1.edit('department', department.id as number, { code: 'SN2' }); // the employee's code now names nothing
    await pause(4_000); // the B edits' polls: they hold nothing to write
    await v2.edit('employee', employee.Id as number, { JobTitle: 'Regionssjef' });
    const parked = await eventually(async () => {
      const state = await linkState('employee-employee', employee.Id);
      return state.status === 'needs-attention' ? state : undefined;
    });
    assert.match(parked.reason!, /Department with code 'SN1' not found/);
    await v1.edit('employee', bIds.employee!, { departmentCode: 'SN2' }); // fixed in B: the link resumes
    await linked('employee-employee', employee.Id);
    assert.equal((await v1.get('employee', bIds.employee!)).jobTitle, 'Regionssjef');
  });

  it('a field changed on both sides goes to the side changed last', async () => {
    await stack.stopWorkers();
    await v2.edit('supplier', supplier.Id as number, { PhoneNumber: '+47 11 11 11 11' });
    await pause(50);
    await v1.edit('contact', bIds.supplier!, { Phones: [{ Value: '+47 22 22 22 22' }] });
    await Promise.all([v1.resetStats(), v2.resetStats()]);
    await stack.startWorkers();
    await eventually(
      async () =>
        (await v2.get('supplier', supplier.Id as number)).PhoneNumber === '+47 22 22 22 22' || undefined,
    );
    await pause(3_000);
    assert.deepEqual((await v1.get('contact', bIds.supplier!)).Phones, [{ Value: '+47 22 22 22 22' }]);
    assert.equal(await v1.writes('contact'), 0, 'B already holds the winning value');
    assert.equal(await v2.writes('supplier'), 1);
    const decisions = (await linkState('supplier-contact', supplier.Id)).decisions.map(
      (decision) => decision.text,
    );
    assert.ok(
      decisions.includes('PhoneNumber ← Phones.Value: changed on both sides; B changed last'),
      decisions.join('\n'),
    );
  });

  it('in a conflict a non-empty value beats an empty one, even when the empty one is newer', async () => {
    await stack.stopWorkers();
    await v1.edit('contact', bIds.supplier!, { Phones: [{ Value: '+47 33 33 33 33' }] });
    await pause(50);
    await v2.edit('supplier', supplier.Id as number, { PhoneNumber: null });
    await stack.startWorkers();
    await eventually(
      async () =>
        (await v2.get('supplier', supplier.Id as number)).PhoneNumber === '+47 33 33 33 33' || undefined,
    );
    const decisions = (await linkState('supplier-contact', supplier.Id)).decisions.map(
      (decision) => decision.text,
    );
    assert.ok(
      decisions.includes('PhoneNumber ← Phones.Value: changed on both sides; the non-empty value wins'),
    );
  });

  it('a forced resync re-creates a deleted B record where the policy allows', async () => {
    await v1.delete('contact', bIds.supplier!);
    assert.equal(await resync(stack.client, { flow: 'supplier-contact', aId: String(supplier.Id) }), 1);
    const newId = await eventually(async () => {
      const state = await linkState('supplier-contact', supplier.Id);
      return state.status === 'linked' && state.bId !== bIds.supplier ? state.bId : undefined;
    });
    const contact = await v1.get('contact', newId!);
    assert.equal(contact.externalImportReference, `powerofficego:supplier:${supplier.Id}`);
    assert.equal(contact.Name, (await v2.get('supplier', supplier.Id as number)).Name);
    assert.equal(await resync(stack.client, { flow: 'supplier-contact' }), 1, 'one link in the flow');
  });
});
