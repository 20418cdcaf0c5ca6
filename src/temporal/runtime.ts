// The Temporal SDK's process-wide runtime, installed once with the configured log level, so the
// SDK's own INFO chatter does not drown what the operator needs to see.
import { DefaultLogger, Runtime, type LogLevel } from '@temporalio/worker';

export function installRuntime(level: string): void {
  if (Runtime._instance) return;
  Runtime.install({ logger: new DefaultLogger(level.toUpperCase() as LogLevel) });
}

/** A logger that only lets warnings through: for the workflow bundler's webpack report. */
export const quietLogger = new DefaultLogger('WARN');
