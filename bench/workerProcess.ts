// The worker as a separate process, as `npm run worker` starts it, so that its memory is its own.
// Ready once Temporal sees it polling every task queue (bundling the workflows takes a while on a
// busy machine).
import type { Connection } from '@temporalio/client';
import proto from '@temporalio/proto';
import { spawn, type ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { apiTaskQueue, WORKFLOW_TASK_QUEUE } from '../src/ids.js';
import { WORKER_ENV, WORKER_NODE_ARGS } from '../src/workerCommand.js';
import { SYSTEMS } from '../src/systems/system.js';
import { register, track } from './cleanup.js';

const { TaskQueueType } = proto.temporal.api.enums.v1;
const START_TIMEOUT_MS = 300_000;

export interface WorkerProcess {
  child: ChildProcess;
  stop(): Promise<void>;
}

export async function startWorkerProcess(
  env: Record<string, string>,
  connection: Connection,
): Promise<WorkerProcess> {
  const child = spawn(process.execPath, WORKER_NODE_ARGS, {
    env: { ...process.env, ...WORKER_ENV, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  track(child);
  const stop = register(() => stopProcess(child));
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4_000));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  child.once('exit', (code, signal) => {
    if (code !== 0 && signal === null) console.error(`\nThe worker exited (${code}):\n${output}`);
  });

  const queues = [
    { name: WORKFLOW_TASK_QUEUE, type: TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW },
    ...SYSTEMS.map((system) => ({
      name: apiTaskQueue(system),
      type: TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY,
    })),
  ];
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The worker exited (${child.exitCode}) at start`);
    const answers = await Promise.all(
      queues.map(({ name, type }) =>
        connection.workflowService.describeTaskQueue({
          namespace: env.TEMPORAL_NAMESPACE ?? 'default',
          taskQueue: { name },
          taskQueueType: type,
        }),
      ),
    );
    if (answers.every((answer) => (answer.pollers?.length ?? 0) > 0)) return { child, stop };
    if (Date.now() > deadline) {
      throw new Error(`The worker did not poll within ${START_TIMEOUT_MS / 1000} s:\n${output}`);
    }
    await sleep(500);
  }
}

/** SIGTERM (the worker shuts down gracefully), SIGKILL after 5 s. */
async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}
