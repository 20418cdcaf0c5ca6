// The worker as operators run it (`npm run worker`) in a child process, with
// its stdout and stderr kept: for tests of what a worker process logs and serves (a Temporal
// Runtime, with its logger and metrics, is installed once per process).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { WORKER_ENV, WORKER_NODE_ARGS } from '../../src/workerCommand.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface WorkerProcess {
  /** Everything written to stdout so far. */
  stdout(): string;
  stderr(): string;
  /** SIGTERM, then waits for the exit: the worker shuts down gracefully. */
  stop(): Promise<void>;
  /** SIGKILL, then waits for the exit: the worker dies wherever it is. */
  kill(): Promise<void>;
}

export function startWorkerProcess(env: Record<string, string>): WorkerProcess {
  const child = spawn(process.execPath, WORKER_NODE_ARGS, {
    cwd: root,
    env: { ...process.env, ...WORKER_ENV, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    stdout: () => stdout,
    stderr: () => stderr,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
