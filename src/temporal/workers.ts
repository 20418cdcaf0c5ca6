// The workers of one process: one for the workflows and one per API task queue, whose
// `maxTaskQueueActivitiesPerSecond` is the API's rate limit, enforced by Temporal across all workers.
import { Client } from '@temporalio/client';
import { NativeConnection, Worker, type WorkflowBundle } from '@temporalio/worker';
import { createApiQueueActivities, createEngineActivities } from '../activities/index.js';
import { createBackfillWindow } from '../activities/backfillWindow.js';
import { OwnWrites } from '../activities/ownWrites.js';
import type { Environment } from '../config.js';
import { apiTaskQueue, WORKFLOW_TASK_QUEUE } from '../ids.js';
import { createAdapters } from '../systems/adapters.js';
import { callOrderInterceptor } from './callOrderInterceptor.js';
import { connectionOptions } from './connectionOptions.js';
import { dataConverterFrom } from './dataConverter.js';
import { installRuntime } from './runtime.js';
import { bundleWorkflowsApart } from './workflowBundle.js';

export interface RunningWorkers {
  /** Resolves when every worker has stopped. */
  done: Promise<void>;
  shutdown(): Promise<void>;
}

export async function startWorkers(
  config: Environment,
  workflowBundle?: WorkflowBundle,
): Promise<RunningWorkers> {
  installRuntime(config);
  const dataConverter = dataConverterFrom(config);
  const connection = await NativeConnection.connect(connectionOptions(config));
  // The workers' own connection: a link a feed starts eagerly comes back to this process's worker.
  const client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE, dataConverter });
  const dependencies = {
    adapters: createAdapters(config),
    client,
    feed: {
      overlapMs: config.SYNC_FEED_OVERLAP_MS,
      pageSize: config.SYNC_PAGE_SIZE,
      concurrency: 32,
    },
    ownWrites: new OwnWrites(),
    backfillWindow: createBackfillWindow(client, config.SYNC_BACKFILL_WINDOW),
  };
  const common = { connection, namespace: config.TEMPORAL_NAMESPACE, dataConverter };
  const rateLimits = {
    powerofficego: config.POWEROFFICEGO_RATE_LIMIT,
    powerofficegov1: config.POWEROFFICEGOV1_RATE_LIMIT,
  };

  const workers = await Promise.all([
    Worker.create({
      ...common,
      taskQueue: WORKFLOW_TASK_QUEUE,
      workflowBundle: workflowBundle ?? (await bundleWorkflowsApart()),
      activities: createEngineActivities(dependencies),
      // Links sit idle most of the time: a bounded cache bounds memory, and an evicted link
      // replays its (short, continued-as-new) history when its next message comes.
      maxCachedWorkflows: config.SYNC_WORKFLOW_CACHE_SIZE,
      // The SDK's 40 workflow tasks at once stays: 16 let a poll's replays go more in turn, but
      // slowed an N = 5000 backfill by a third (see bench/FINDINGS.md, Edits).
    }),
    ...Object.entries(rateLimits).map(([system, perSecond]) =>
      Worker.create({
        ...common,
        taskQueue: apiTaskQueue(system),
        activities: createApiQueueActivities(dependencies),
        maxTaskQueueActivitiesPerSecond: perSecond,
        maxConcurrentActivityTaskExecutions: Math.max(10, Math.ceil(perSecond)),
        interceptors: { activity: [callOrderInterceptor] },
      }),
    ),
  ]);
  const done = Promise.all(workers.map((worker) => worker.run())).then(() => connection.close());
  return {
    done,
    async shutdown() {
      for (const worker of workers) if (worker.getState() === 'RUNNING') worker.shutdown();
      await done;
    },
  };
}
