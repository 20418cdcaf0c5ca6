// Real crashes: the worker process is killed (SIGKILL) after PowerOffice received a write but
// before the link heard back. DATAFLOWS.md rule 6: a retried create leaves exactly one B record.
// Rule 5: a retried update does not overwrite what a person changed in the meantime. A feed's
// listing goes on from the last page it reported, so its records are not handed over twice.
import { defaultPayloadConverter } from '@temporalio/common';
import { strict as assert } from 'node:assert';
import { feedWorkflowId } from '../src/ids.js';
import { getLinkStateQuery } from '../src/workflows/linkMessages.js';
import { adminOf } from './support/admin.js';
import { deliveredChanges } from './support/deliveredChanges.js';
import { eventually, startSyncStack, type SyncStack } from './support/syncStack.js';
import { startWorkerProcess, type WorkerProcess } from './support/workerProcess.js';

describe('crash safety', function () {
  this.timeout(180_000);
  let stack: SyncStack;
  let worker: WorkerProcess | undefined;

  before(async () => {
    stack = await startSyncStack();
  });

  after(async () => {
    await worker?.kill();
    await stack?.stop();
  });

  it('a worker killed between a B create and the link recording it leaves exactly one B record', async () => {
    const v1 = adminOf(stack.v1);
    const supplier = await adminOf(stack.v2).create('supplier', {
      Name: 'Krasj AS',
      EmailAddress: 'post@krasj.no',
    });
    // Every v1 answer comes 3 s late: time to kill the worker while its create is under way.
    await v1.setFaults({ latencyMs: 3_000 });
    worker = startWorkerProcess(stack.env);
    await stack.startSync();
    await eventually(async () => ((await v1.stats()).requests['POST /Contact'] ? true : undefined), {
      timeoutMs: 60_000,
      intervalMs: 50,
      what: 'the create to reach v1',
    });
    await worker.kill();
    const marker = `powerofficego:supplier:${supplier.Id}`;
    const created = await eventually(async () =>
      (await v1.list('contact')).find((c) => c.externalImportReference === marker),
    );

    await v1.setFaults({ latencyMs: 0 });
    worker = startWorkerProcess(stack.env);
    const link = stack.client.workflow.getHandle(`link:supplier-contact:${supplier.Id}`);
    const state = await eventually(
      async () => {
        const current = await link.query(getLinkStateQuery);
        return current.status === 'linked' ? current : undefined;
      },
      { timeoutMs: 90_000, what: 'the link to complete after the restart' },
    );
    assert.equal(state.bId, String(created.ContactId));
    assert.equal((await v1.list('contact')).filter((c) => c.externalImportReference === marker).length, 1);
    assert.equal((await v1.stats()).writes.contact?.create, 1, 'the retried create found the first one');
  });

  it('a write retried after the worker died does not overwrite an edit made in between', async () => {
    const v2 = adminOf(stack.v2);
    const v1 = adminOf(stack.v1);
    worker ??= startWorkerProcess(stack.env);
    const supplier = await v2.create('supplier', {
      Name: 'Mellomrom AS',
      EmailAddress: 'post@mellomrom.no',
      PhoneNumber: '+47 22 00 00 01',
    });
    const link = stack.client.workflow.getHandle(`link:supplier-contact:${supplier.Id}`);
    const bId = await eventually(async () => {
      const current = await link.query(getLinkStateQuery);
      return current.status === 'linked' ? current.bId : undefined;
    });
    const updates = async () => (await v1.stats()).writes.contact?.update ?? 0;
    const before = await updates();

    // The name reaches v1, whose answer comes too late: the worker dies waiting for it.
    await v1.setFaults({ latencyMs: 3_000 });
    await v2.edit('supplier', supplier.Id as number, { Name: 'Mellomrom Nord AS' });
    await eventually(async () => ((await updates()) > before ? true : undefined), {
      intervalMs: 50,
      what: 'the update to reach v1',
    });
    await worker.kill();
    // A person changes the phone number in v1 while no worker runs.
    await v1.setFaults({ latencyMs: 0 });
    await v1.edit('contact', bId!, { Phones: [{ Value: '+47 22 00 00 02' }] });
    worker = startWorkerProcess(stack.env);

    await eventually(
      async () =>
        (await v2.get('supplier', supplier.Id as number)).PhoneNumber === '+47 22 00 00 02' || undefined,
      { timeoutMs: 90_000, what: "the person's phone number to reach A" },
    );
    const contact = await v1.get('contact', bId!);
    assert.deepEqual(contact.Phones, [{ Value: '+47 22 00 00 02' }], "the person's edit stands in v1");
    assert.equal(contact.Name, 'Mellomrom Nord AS');
  });
});

describe('a first listing cut short by a dead worker', function () {
  this.timeout(240_000);
  let stack: SyncStack;
  let worker: WorkerProcess | undefined;

  before(async () => {
    stack = await startSyncStack({ env: { SYNC_PAGE_SIZE: '2' } });
  });

  after(async () => {
    await worker?.kill();
    await stack?.stop();
  });

  it('goes on from the last page it heartbeated instead of handing every record over again', async () => {
    const v2 = adminOf(stack.v2);
    const create = (i: number) =>
      v2.create('supplier', { Name: `Avbrutt ${i} AS`, EmailAddress: `post${i}@avbrutt.no` });
    const older: number[] = [];
    for (let i = 1; i <= 30; i++) older.push((await create(i)).Id as number);
    // Past the feed's overlap: the next poll lists the newer ones again, never these.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    for (let i = 31; i <= 34; i++) await create(i);

    // 17 pages of 2, each answered 1.5 s late: long enough for the SDK's throttled heartbeat (every
    // 16 s with a 20 s timeout) to report a page.
    await v2.setFaults({ latencyMs: 1_500 });
    worker = startWorkerProcess(stack.env);
    await stack.startSync();
    const feed = stack.client.workflow.getHandle(feedWorkflowId('powerofficego', 'supplier'));
    const progress = await eventually(
      async () => {
        const details = (await feed.describe()).raw.pendingActivities?.[0]?.heartbeatDetails?.payloads?.[0];
        const heartbeated = details && defaultPayloadConverter.fromPayload<{ position?: string }>(details);
        return heartbeated?.position ? heartbeated : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 250, what: 'the supplier listing to heartbeat a position' },
    );
    await worker.kill();
    const position = Number(progress.position);
    assert.ok(position < older.at(-1)!, `the listing was cut short before its end (at ${position})`);

    await v2.setFaults({ latencyMs: 0 });
    worker = startWorkerProcess(stack.env);
    await eventually(
      async () => {
        const { count } = await stack.client.workflow.count(
          `SyncFlow = 'supplier-contact' AND SyncLinkState = 'linked'`,
        );
        return count === 34 ? count : undefined;
      },
      { timeoutMs: 120_000, what: 'all 34 suppliers to be linked after the restart' },
    );
    for (const id of older.filter((id) => id <= position)) {
      const { events } = await stack.client.workflow.getHandle(`link:supplier-contact:${id}`).fetchHistory();
      const fromA = deliveredChanges(events ?? []).filter((change) => change.side === 'a');
      assert.equal(fromA.length, 1, `supplier ${id}, listed before the worker died, was handed over once`);
    }
    assert.equal((await adminOf(stack.v1).list('contact')).length, 34);
  });
});
