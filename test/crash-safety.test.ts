// DATAFLOWS.md rule 6 with a real crash: the worker process is killed (SIGKILL) after PowerOffice
// received the create but before the link heard back. The restarted worker must end with exactly
// one B record and a complete link.
import { strict as assert } from 'node:assert';
import { getLinkStateQuery } from '../src/workflows/linkMessages.js';
import { adminOf } from './support/admin.js';
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
});
