// Observability of a worker process: the Temporal SDK's metrics on SYNC_METRICS_PORT for
// Prometheus, and JSON log lines that carry the link they are about.
import { strict as assert } from 'node:assert';
import { adminOf } from './support/admin.js';
import { freePort } from './support/freePort.js';
import { eventually, startSyncStack, type SyncStack } from './support/syncStack.js';
import { startWorkerProcess, type WorkerProcess } from './support/workerProcess.js';

describe('logs and metrics of a worker process', function () {
  this.timeout(120_000);
  let stack: SyncStack;
  let worker: WorkerProcess;
  let metricsUrl: string;
  let supplierId: string;

  before(async () => {
    stack = await startSyncStack();
    const port = await freePort();
    metricsUrl = `http://127.0.0.1:${port}/metrics`;
    const supplier = await adminOf(stack.v2).create('supplier', { Name: 'Målbar AS' });
    supplierId = String(supplier.Id);
    worker = startWorkerProcess({ ...stack.env, LOG_LEVEL: 'info', SYNC_METRICS_PORT: String(port) });
    await stack.startSync();
    await eventually(
      async () => ((await adminOf(stack.v1).list('contact')).length === 1 ? true : undefined),
      {
        what: 'the supplier as a contact in v1',
        timeoutMs: 60_000,
      },
    );
  });

  after(async () => {
    await worker?.stop();
    await stack?.stop();
  });

  it('serves the SDK’s metrics for Prometheus, the ones the README says to alert on among them', async () => {
    const text = await eventually(
      async () => {
        const body = await (await fetch(metricsUrl)).text();
        return body.includes('temporal_activity_execution_latency') ? body : undefined;
      },
      { what: 'activity metrics on /metrics' },
    );
    const names = new Set(text.split('\n').flatMap((line) => /^(temporal_\w+)/.exec(line)?.[1] ?? []));
    for (const name of [
      'temporal_activity_execution_latency_bucket',
      'temporal_activity_schedule_to_start_latency_bucket',
      'temporal_workflow_task_schedule_to_start_latency_bucket',
      'temporal_worker_task_slots_available',
      'temporal_request',
    ]) {
      assert.ok(names.has(name), `${name} among ${[...names].join(', ')}`);
    }
    assert.match(
      text,
      /temporal_activity_schedule_to_start_latency_bucket\{[^}]*task_queue="poweroffice-sync-api-powerofficegov1"/,
    );
  });

  it('writes JSON lines, an activity’s with its flow, link and record ids', async () => {
    // Complete lines only: the last one may still be being written.
    const logLines = () => {
      const output = worker.stdout();
      return output
        .slice(0, output.lastIndexOf('\n'))
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>);
    };
    // The worker logs the create just after v1 answered it, so the line may trail the contact.
    const created = await eventually(async () => logLines().find((line) => line.msg === 'Created a record'), {
      what: 'the line for the contact created',
    });
    assert.ok(
      logLines().every((line) => typeof line.level === 'string' && typeof line.time === 'string' && line.msg),
    );
    assert.equal(created.flow, 'supplier-contact');
    assert.equal(created.link, `link:supplier-contact:${supplierId}`);
    assert.equal(created.aId, supplierId);
    assert.equal(created.activityType, 'createRecord');
    assert.equal(created.system, 'powerofficegov1');
    assert.equal(created.datatype, 'contact');
    assert.ok(created.id, 'the B record id');
  });
});
