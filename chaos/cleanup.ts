// Everything a run starts is registered here, so it ends on success, on failure and on Ctrl-C:
// async stops newest first, and a SIGKILL to every child process as the last resort on exit.
import type { ChildProcess } from 'node:child_process';

const stops: Array<() => Promise<void>> = [];
const children = new Set<ChildProcess>();

/** Runs `stop` when the run ends (newest first). */
export function onCleanup(stop: () => Promise<void>): void {
  stops.push(stop);
}

/** A child process that must not outlive this one. */
export function track(child: ChildProcess): ChildProcess {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

let cleaning = false;

export async function cleanUp(): Promise<void> {
  if (!cleaning) {
    cleaning = true;
    // What was under way when the run was cut short fails as its connections close: expected now.
    process.on('uncaughtException', (error) => console.error(`chaos: while stopping: ${error.message}`));
  }
  while (stops.length > 0) {
    const stop = stops.pop()!;
    await stop().catch((error: unknown) => console.error('chaos: clean-up step failed:', error));
  }
  killChildren();
}

function killChildren(): void {
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

/** Ctrl-C or SIGTERM: clean up, then exit 130/143; a second signal exits at once. */
export function cleanUpOnSignals(): void {
  process.once('exit', killChildren);
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    process.once(signal, () => {
      console.error(`\nchaos: ${signal}: stopping everything…`);
      process.once(signal, () => process.exit(code));
      void cleanUp().finally(() => process.exit(code));
    });
  }
}
