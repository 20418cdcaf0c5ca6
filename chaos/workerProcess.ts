// The worker as a separate process, as `npm run worker` starts it:
// started, SIGKILLed and started again by the run. An exit the run did not cause is restarted too,
// and remembered for the summary. Each start logs to its own file in the run's directory.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WORKER_ENV, WORKER_NODE_ARGS } from '../src/workerCommand.js';
import { onCleanup, track } from './cleanup.js';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
// What the worker says (at LOG_LEVEL info) once it polls.
const READY = /worker running/i;
const START_TIMEOUT_MS = 180_000;
/** A worker that exits this often by itself will not run: the run stops. */
const MAX_UNEXPECTED_EXITS = 10;

export interface UnexpectedExit {
  at: string;
  code: number | null;
  signal: string | null;
  log: string;
}

export class WorkerSupervisor {
  #child: ChildProcess | undefined;
  #ready: Promise<void> | undefined;
  #starts = 0;
  #stopping = false;
  readonly unexpectedExits: UnexpectedExit[] = [];
  kills = 0;

  constructor(
    private readonly env: Record<string, string>,
    private readonly logDir: string,
  ) {
    onCleanup(() => this.stop());
  }

  get logFiles(): string[] {
    return Array.from({ length: this.#starts }, (_, i) => this.#logFile(i + 1));
  }

  /** Starts a worker process; resolves once it says it runs. */
  start(): Promise<void> {
    this.#starts += 1;
    const logFile = this.#logFile(this.#starts);
    const log = createWriteStream(logFile);
    const child = track(
      spawn(process.execPath, WORKER_NODE_ARGS, {
        cwd: repoRoot,
        env: { ...process.env, ...WORKER_ENV, ...this.env },
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    );
    this.#child = child;
    child.stdout!.pipe(log, { end: false });
    child.stderr!.pipe(log, { end: false });
    let output = '';
    const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4_000));
    child.stderr!.on('data', keep);

    this.#ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`The worker did not start within ${START_TIMEOUT_MS / 1000} s:\n${output}`)),
        START_TIMEOUT_MS,
      );
      child.stdout!.on('data', (chunk: Buffer) => {
        keep(chunk);
        if (READY.test(output)) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', () => {
        clearTimeout(timer);
        resolve(); // an exit at start is handled (and restarted) below
      });
    });
    child.once('exit', (code, signal) => {
      log.end();
      if (this.#child !== child || this.#stopping || signal === 'SIGKILL') return;
      this.unexpectedExits.push({ at: new Date().toISOString(), code, signal, log: logFile });
      setTimeout(() => {
        if (!this.#stopping && this.#child === child) void this.start();
      }, 1_000);
    });
    return this.#ready;
  }

  /** Resolves when the current worker runs (after a restart, the new one). */
  async ready(): Promise<void> {
    for (;;) {
      if (this.unexpectedExits.length > MAX_UNEXPECTED_EXITS) {
        const last = this.unexpectedExits.at(-1)!;
        throw new Error(
          `The worker keeps exiting (${this.unexpectedExits.length} times); last log: ${last.log}`,
        );
      }
      const child = this.#child;
      await this.#ready;
      if (child === this.#child && child?.exitCode === null && child.signalCode === null) return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  /** SIGKILL: the worker gets no chance to finish anything. */
  async kill(): Promise<void> {
    const child = this.#child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    this.kills += 1;
  }

  /** SIGTERM (a graceful shutdown), SIGKILL after 5 s. */
  async stop(): Promise<void> {
    this.#stopping = true;
    const child = this.#child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  }

  #logFile(start: number): string {
    return join(this.logDir, `worker-${start}.log`);
  }
}
