// The Temporal SDK's process-wide runtime, installed once: the SDK's logs (Core's included) go
// through the project's JSON logger, and its metrics are served for Prometheus when
// SYNC_METRICS_PORT is set.
import { Runtime } from '@temporalio/worker';
import type { Environment } from '../config.js';
import { logger, setLogLevel } from '../logging/logger.js';
import { temporalLogger } from '../logging/temporalLogger.js';

export function installRuntime(config: Pick<Environment, 'LOG_LEVEL' | 'SYNC_METRICS_PORT'>): void {
  setLogLevel(config.LOG_LEVEL);
  if (Runtime._instance) return;
  const port = config.SYNC_METRICS_PORT;
  Runtime.install({
    logger: temporalLogger(logger.child({ component: 'temporal' })),
    telemetryOptions: {
      // Forwarded rather than printed by Core itself, so every line is the same JSON.
      logging: { forward: {}, filter: { core: 'WARN', other: 'ERROR' } },
      ...(port ? { metrics: { prometheus: { bindAddress: `0.0.0.0:${port}` } } } : {}),
    },
  });
}

/** Only the workflow bundler's warnings: its webpack report is noise. */
export const quietLogger = temporalLogger(logger.child({ component: 'bundler' }, { level: 'warn' }));
