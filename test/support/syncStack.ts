// The whole system for an end-to-end test file: its own Temporal dev server (in memory), both
// simulators, the real workers and the starter — everything over real sockets, nothing mocked.
import { Client, Connection } from '@temporalio/client';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { loadConfig, type Environment } from '../../src/config.js';
import { simulatorEnvironment } from '../../src/simulators/credentials.js';
import { startPowerofficegoSimulator } from '../../src/simulators/powerofficego/server.js';
import { startPowerofficegov1Simulator } from '../../src/simulators/powerofficegov1/server.js';
import type { RunningSimulator, SimulatorOptions } from '../../src/simulators/simulator.js';
import { dataConverterFrom } from '../../src/temporal/dataConverter.js';
import { startDevServer, type RunningDevServer } from '../../src/temporal/devServer.js';
import { startSync } from '../../src/temporal/startSync.js';
import { bundleWorkflows } from '../../src/temporal/workflowBundle.js';
import { startWorkers, type RunningWorkers } from '../../src/temporal/workers.js';
import { freePort } from './freePort.js';

let bundle: Promise<WorkflowBundleWithSourceMap> | undefined;
/** The workflow code, bundled once per test run. */
export const workflowBundle = () => (bundle ??= bundleWorkflows());

export interface StackOptions {
  pollInterval?: `${number}ms` | `${number}s`;
  v2?: SimulatorOptions;
  v1?: SimulatorOptions;
  env?: Record<string, string>;
}

export interface SyncStack {
  v2: RunningSimulator;
  v1: RunningSimulator;
  server: RunningDevServer;
  client: Client;
  config: Environment;
  /** The environment the workers are configured from, for a worker run as a separate process. */
  env: Record<string, string>;
  workers?: RunningWorkers;
  startWorkers(): Promise<void>;
  stopWorkers(): Promise<void>;
  startSync(): Promise<{ started: string[]; alreadyRunning: string[] }>;
  stop(): Promise<void>;
}

export async function startSyncStack(options: StackOptions = {}): Promise<SyncStack> {
  const server = await startDevServer({ port: await freePort(), uiPort: false });
  const v2 = await startPowerofficegoSimulator({ rateLimit: false, ...options.v2 });
  const v1 = await startPowerofficegov1Simulator({ rateLimit: false, ...options.v1 });
  const env: Record<string, string> = {
    TEMPORAL_ADDRESS: server.address,
    ...simulatorEnvironment(v2, v1),
    SYNC_POLL_INTERVAL: options.pollInterval ?? '500ms',
    SYNC_PER_PARENT_POLL_INTERVAL: '2s',
    SYNC_FEED_OVERLAP_MS: '2000',
    POWEROFFICEGO_RATE_LIMIT: '200',
    POWEROFFICEGOV1_RATE_LIMIT: '200',
    // The workers' info lines (a record created, updated) would bury the test report.
    LOG_LEVEL: 'warn',
    ...options.env,
  };
  const config = loadConfig(env);
  const connection = await Connection.connect({ address: server.address });
  const client = new Client({ connection, dataConverter: dataConverterFrom(config) });
  const stack: SyncStack = {
    v2,
    v1,
    server,
    client,
    config,
    env,
    async startWorkers() {
      stack.workers = await startWorkers(config, await workflowBundle());
    },
    async stopWorkers() {
      await stack.workers?.shutdown();
      stack.workers = undefined;
    },
    startSync() {
      return startSync(client, config);
    },
    async stop() {
      await stack.stopWorkers();
      await connection.close();
      await Promise.all([v2.close(), v1.close()]);
      await server.stop();
    },
  };
  return stack;
}

/** Polls `check` until it returns a value other than undefined, or fails after `timeoutMs` with the last state. */
export async function eventually<T>(
  check: () => Promise<T | undefined>,
  { timeoutMs = 30_000, intervalMs = 200, what = 'the condition' } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `Timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
