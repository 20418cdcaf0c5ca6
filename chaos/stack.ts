// The world a chaos run works in: a Temporal dev server that keeps its state in a database file
// (so it can be stopped and started again mid-run), both simulators in this process, a client,
// and the environment the worker process is started with (as test/support/syncStack.ts builds it).
import { Client, Connection } from '@temporalio/client';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
import { onCleanup, track } from './cleanup.js';
import { freePort } from '../test/support/freePort.js';

export interface ChaosStack {
  /** Holds the dev server's database and the worker logs. */
  dir: string;
  v2: RunningPowerofficegoSimulator;
  v1: RunningPowerofficegov1Simulator;
  client: Client;
  /** The worker's environment. */
  env: Record<string, string>;
  /** Stops the dev server's process and starts it again on the same port and database file. */
  restartDevServer(): Promise<void>;
  /** Whether the run's directory stays when the run ends (it does unless the run says otherwise). */
  keepDir: boolean;
}

export async function startChaosStack(): Promise<ChaosStack> {
  const dir = mkdtempSync(join(tmpdir(), 'poweroffice-chaos-'));
  const kept = { dir: true };
  // Registered first, so it runs last: once the dev server no longer writes there.
  onCleanup(async () => {
    if (!kept.dir) rmSync(dir, { recursive: true, force: true });
  });
  const port = await freePort();
  const dbFile = join(dir, 'temporal.sqlite');
  let server: RunningDevServer = await startServer(port, dbFile);
  onCleanup(() => stopServer(server));

  // The published rate limits (10/s and 50/s): the worker's task-queue limits must hold them.
  const v2 = await startPowerofficegoSimulator({});
  onCleanup(() => v2.close());
  const v1 = await startPowerofficegov1Simulator({});
  onCleanup(() => v1.close());

  const connection = await Connection.connect({ address: server.address });
  onCleanup(() => connection.close());
  const env: Record<string, string> = {
    TEMPORAL_ADDRESS: server.address,
    ...simulatorEnvironment(v2, v1),
    SYNC_POLL_INTERVAL: '1s',
    SYNC_PER_PARENT_POLL_INTERVAL: '5s',
    POWEROFFICEGO_RATE_LIMIT: '9',
    POWEROFFICEGOV1_RATE_LIMIT: '45',
    // A request the simulator holds (a "timeout" fault) costs 3 s, not the default 10.
    SYNC_HTTP_TIMEOUT_MS: '3000',
    // The nightly sweep must not run by itself mid-run: the run starts it when it wants one.
    SYNC_SWEEP_CRON: '0 3 1 1 *',
    // info: the worker says when it runs, which is how a start is known to be done.
    LOG_LEVEL: 'info',
  };

  return {
    dir,
    v2,
    v1,
    client: new Client({ connection }),
    env,
    async restartDevServer() {
      await stopServer(server);
      server = await startServer(port, dbFile);
    },
    get keepDir() {
      return kept.dir;
    },
    set keepDir(keep: boolean) {
      kept.dir = keep;
    },
  };
}

/** SIGTERM, and SIGKILL when it has not stopped within 15 s. */
async function stopServer(server: RunningDevServer): Promise<void> {
  const timer = setTimeout(() => server.process.kill('SIGKILL'), 15_000);
  await server.stop();
  clearTimeout(timer);
}

async function startServer(port: number, dbFile: string): Promise<RunningDevServer> {
  const server = await startDevServer({ port, uiPort: false, dbFile });
  track(server.process);
  return server;
}
