// The reconciliation sweep, end to end: it repairs what the change feeds missed and parks links
// whose record was deleted (DATAFLOWS.md rule 7).
import { strict as assert } from 'node:assert';
import { setTimeout as pause } from 'node:timers/promises';
import { WorkflowFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { feedWorkflowId, WORKFLOW_TASK_QUEUE } from '../src/ids.js';
import { sweepNow } from '../src/temporal/sweep.js';
import type { SweepReport } from '../src/workflows/sweepWorkflow.js';
import { getLinkStateQuery } from '../src/workflows/linkMessages.js';
import { adminOf, type Admin, type Fields } from './support/admin.js';
import { eventually, startSyncStack, type SyncStack } from './support/syncStack.js';

describe('reconciliation sweep', function () {
  this.timeout(180_000);
  let stack: SyncStack;
  let v2: Admin;
  let v1: Admin;
  let supplier: Fields;
  let other: Fields;
  const link = (id: unknown) => stack.client.workflow.getHandle(`link:supplier-contact:${id}`);
  const contactOf = async (id: unknown) =>
    (await v1.list('contact')).find(
      (contact) => contact.externalImportReference === `powerofficego:supplier:${id}`,
    );

  before(async () => {
    stack = await startSyncStack();
    v2 = adminOf(stack.v2);
    v1 = adminOf(stack.v1);
    supplier = await v2.create('supplier', {
      Name: 'Sveip AS',
      EmailAddress: 'post@sveip.no',
      PhoneNumber: '+47 1',
    });
    other = await v2.create('supplier', { Name: 'Slettet AS', EmailAddress: 'post@slettet.no' });
    await stack.startWorkers();
    await stack.startSync();
    await eventually(async () =>
      (await contactOf(supplier.Id)) && (await contactOf(other.Id)) ? true : undefined,
    );
  });

  after(async () => stack?.stop());

  it('repairs a change in A that the feed missed because its cursor moved past it', async () => {
    // The supplier feed stops, the edit lands, and the feed comes back with its cursor past the edit.
    const feedId = feedWorkflowId('powerofficego', 'supplier');
    await stack.client.workflow.getHandle(feedId).terminate('test: lose a change');
    await v2.edit('supplier', supplier.Id as number, { PhoneNumber: '+47 99 99 99 99' });
    // Past the feed's overlap window (2 s), and the part of a second the API's clock may be read early.
    await pause(3_500);
    await stack.client.workflow.start('changeFeedWorkflow', {
      workflowId: feedId,
      taskQueue: WORKFLOW_TASK_QUEUE,
      args: [
        {
          system: 'powerofficego',
          datatype: 'supplier',
          pollInterval: '500ms',
          cursor: { since: new Date().toISOString(), seen: [] },
        },
      ],
    });
    await pause(2_000);
    assert.deepEqual((await contactOf(supplier.Id))!.Phones, [{ Value: '+47 1' }], 'the feed missed it');

    const report = await sweepNow(stack.client);
    const suppliers = report.datatypes.find(
      (entry) => entry.system === 'powerofficego' && entry.datatype === 'supplier',
    );
    assert.equal(suppliers?.records, 2);
    await eventually(async () =>
      ((await contactOf(supplier.Id))!.Phones as Fields[])[0]?.Value === '+47 99 99 99 99' ? true : undefined,
    );
  });

  it('parks a link whose B record was deleted, with the reason, and counts it', async () => {
    const contact = (await contactOf(other.Id))!;
    await v1.delete('contact', contact.ContactId as number);
    const report = await sweepNow(stack.client);
    const contacts = report.datatypes.find(
      (entry) => entry.system === 'powerofficegov1' && entry.datatype === 'contact',
    );
    assert.equal(contacts?.missing['supplier-contact'], 1);
    const state = await eventually(async () => {
      const current = await link(other.Id).query(getLinkStateQuery);
      return current.status === 'target-missing' ? current : undefined;
    });
    assert.equal(state.reason, `PowerOfficeGov1 Contact ${contact.ContactId} no longer exists`);
    assert.equal(await contactOf(other.Id), undefined, 'deletes are not propagated: nothing re-created');
  });

  it('has a link that waits for a dependency search again, and link a B record made since', async () => {
    // On-dependency: no contact person or supplier connects this customer, so its link waits.
    const customer = await v2.create('customer', { Name: 'Vente AS', EmailAddress: 'post@vente.no' });
    const waiting = stack.client.workflow.getHandle(`link:customer-customer:${customer.Id}`);
    await eventually(async () =>
      (await waiting.query(getLinkStateQuery).catch(() => undefined))?.status === 'waiting-for-dependency'
        ? true
        : undefined,
    );
    // Someone makes the customer in B by hand: no feed routes it, as it carries no link's marker.
    const made = await v1.create('customer', { name: 'Vente AS', emailAddress: 'post@vente.no' });
    await pause(4_000);
    assert.equal((await waiting.query(getLinkStateQuery)).status, 'waiting-for-dependency');
    const report = await sweepNow(stack.client);
    const customers = report.datatypes.find(
      (entry) => entry.system === 'powerofficego' && entry.datatype === 'customer',
    );
    assert.equal(customers?.waiting['customer-customer'], 1);
    const state = await eventually(async () => {
      const current = await waiting.query(getLinkStateQuery);
      return current.status === 'linked' ? current : undefined;
    });
    assert.equal(state.bId, String(made.id));
  });
});

describe('a sweep that cannot list one datatype', function () {
  this.timeout(120_000);
  let stack: SyncStack;

  // A contact route v1 does not have: every listing of contacts is refused with a 404.
  before(async () => {
    // The worker's warnings of the refusal it expects would only bury the report.
    stack = await startSyncStack({
      env: { POWEROFFICEGOV1_CONTACT_ROUTE: '/Kontakter', LOG_LEVEL: 'error' },
    });
    await stack.startWorkers();
  });

  after(async () => stack?.stop());

  it('sweeps every other datatype, then fails naming the one it could not list', async () => {
    const error = await sweepNow(stack.client).catch((e: unknown) => e);
    assert.ok(error instanceof WorkflowFailedError, String(error));
    const failure = error.cause;
    assert.ok(failure instanceof ApplicationFailure, String(failure));
    assert.match(failure.message, /could not list powerofficegov1 contact \(.*Kontakter/);
    const [report] = failure.details as [SweepReport];
    assert.deepEqual(
      report.failed.map(({ system, datatype }) => `${system} ${datatype}`),
      ['powerofficegov1 contact'],
    );
    const swept = report.datatypes.map(({ system, datatype }) => `${system} ${datatype}`);
    assert.ok(
      swept.includes('powerofficegov1 employee'),
      `a datatype after it was swept: ${swept.join(', ')}`,
    );
  });
});
