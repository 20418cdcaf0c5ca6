// One benchmark run's world: its own Temporal dev server (in memory), both simulators in this
// process, and the worker as a separate process. Everything started is registered in cleanup.ts.
import { Client, Connection } from '@temporalio/client';
import type { ChildProcess } from 'node:child_process';
import { loadConfig, type Environment } from '../src/config.js';
import { simulatorEnvironment } from '../src/simulators/credentials.js';
import {
  startPowerofficegoSimulator,
  type RunningPowerofficegoSimulator,
} from '../src/simulators/powerofficego/server.js';
import {
  startPowerofficegov1Simulator,
  type RunningPowerofficegov1Simulator,
} from '../src/simulators/powerofficegov1/server.js';
import { startDevServer, type RunningDevServer } from '../src/temporal/devServer.js';
import { freePort } from '../test/support/freePort.js';
import { register, track } from './cleanup.js';
import { startWorkerProcess } from './workerProcess.js';

/** The task-queue limits when the simulators' limits are off: high enough never to be the bottleneck. */
export const UNLIMITED_TASK_QUEUE_RATE = 1000;

export interface Simulators {
  v2: RunningPowerofficegoSimulator;
  v1: RunningPowerofficegov1Simulator;
  close(): Promise<void>;
}

export interface BenchEnvironment extends Simulators {
  server: RunningDevServer;
  worker: ChildProcess;
  client: Client;
  config: Environment;
  stop(): Promise<void>;
}

/** Both simulators, v2 seeded with N suppliers and proportional customers, contact persons and employees. */
export async function startSimulators(n: number, rateLimits: boolean): Promise<Simulators> {
  const rateLimit = rateLimits ? undefined : false; // undefined: the published limits
  const v2 = await startPowerofficegoSimulator({ rateLimit });
  const v1 = await startPowerofficegov1Simulator({ rateLimit }).catch(async (error) => {
    await v2.close();
    throw error;
  });
  const close = register(async () => {
    await Promise.all([v2.close(), v1.close()]);
  });
  v2.admin.seed(seedFor(n));
  return { v2, v1, close };
}

export function seedFor(n: number) {
  return {
    suppliers: n,
    customers: Math.round(n / 4),
    employees: Math.max(1, Math.round(n / 50)),
    contactPersonsPerCustomer: 1,
    seed: 1,
  };
}

/** The worker's environment, as test/support/syncStack.ts builds it. */
export function workerEnv(
  { v2, v1 }: Simulators,
  temporalAddress: string,
  options: { rateLimits: boolean; pollInterval: string },
): Record<string, string> {
  return {
    TEMPORAL_ADDRESS: temporalAddress,
    ...simulatorEnvironment(v2, v1),
    SYNC_POLL_INTERVAL: options.pollInterval,
    // The nightly sweep is not what is measured: once a year, so it never fires during a run.
    SYNC_SWEEP_CRON: '0 3 1 1 *',
    ...(!options.rateLimits && {
      POWEROFFICEGO_RATE_LIMIT: String(UNLIMITED_TASK_QUEUE_RATE),
      POWEROFFICEGOV1_RATE_LIMIT: String(UNLIMITED_TASK_QUEUE_RATE),
    }),
  };
}

export async function startEnvironment(
  n: number,
  options: { rateLimits: boolean; pollInterval: string },
): Promise<BenchEnvironment> {
  const server = await startDevServer({ port: await freePort(), uiPort: false });
  track(server.process);
  const stopServer = register(() => server.stop());
  const simulators = await startSimulators(n, options.rateLimits);
  const env = workerEnv(simulators, server.address, options);
  const config = loadConfig(env);
  const connection = await Connection.connect({ address: server.address });
  const stopConnection = register(() => connection.close());
  const worker = await startWorkerProcess(env, connection);
  return {
    ...simulators,
    server,
    worker: worker.child,
    client: new Client({ connection }),
    config,
    async stop() {
      await worker.stop();
      await stopConnection();
      await simulators.close();
      await stopServer();
    },
  };
}
