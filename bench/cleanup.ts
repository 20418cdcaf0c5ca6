// Everything the benchmark starts is registered here, so that it is stopped when a run ends, on
// an error and on Ctrl-C, and no child process outlives the benchmark.
import type { ChildProcess } from 'node:child_process';

const running = new Set<() => Promise<void>>();
const children = new Set<ChildProcess>();

/** Registers `stop`; the function returned runs it once, whoever calls first. */
export function register(stop: () => Promise<void>): () => Promise<void> {
  const once = async () => {
    if (!running.delete(once)) return;
    await stop();
  };
  running.add(once);
  return once;
}

/** A child process to kill if the benchmark exits before stopping it. */
export function track(child: ChildProcess): void {
  children.add(child);
}

/** Stops whatever is still running, newest first. */
export async function stopEverything(): Promise<void> {
  for (const stop of [...running].reverse()) await stop().catch(() => undefined);
}

/** The last resort on exit: synchronous, so it also runs from `process.on('exit')`. */
export function killChildren(): void {
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}
