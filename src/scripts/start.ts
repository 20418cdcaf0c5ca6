// `npm start`: the whole system on one machine. Starts the Temporal dev server (Web UI on :8233),
// both simulators seeded with demo data — or, with real PowerOffice credentials in the
// environment, no simulators — then the worker and the starter. Ctrl-C stops it all.
import 'dotenv/config';
import { Client, Connection } from '@temporalio/client';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadCodecServerConfig, loadConfig } from '../config.js';
import { simulatorEnvironment } from '../simulators/credentials.js';
import { startPowerofficegoSimulator } from '../simulators/powerofficego/server.js';
import { startPowerofficegov1Simulator } from '../simulators/powerofficegov1/server.js';
import type { RunningSimulator } from '../simulators/simulator.js';
import { startCodecServerFor } from '../temporal/codecServer.js';
import { connectionOptions } from '../temporal/connectionOptions.js';
import { dataConverterFrom } from '../temporal/dataConverter.js';
import { startDevServer } from '../temporal/devServer.js';
import { startSync } from '../temporal/startSync.js';
import { startWorkers } from '../temporal/workers.js';
import { bundleWorkflowsApart } from '../temporal/workflowBundle.js';

const REAL_CREDENTIALS = ['POWEROFFICEGO_APPLICATION_KEY', 'POWEROFFICEGOV1_APPLICATION_KEY'];

async function startSimulators(dataDir: string): Promise<RunningSimulator[]> {
  const simulators = [
    await startPowerofficegoSimulator({ port: 4010, dataFile: join(dataDir, 'powerofficego.sqlite') }),
    await startPowerofficegov1Simulator({ port: 4011, dataFile: join(dataDir, 'powerofficegov1.sqlite') }),
  ];
  const [v2] = simulators;
  const stats = (await fetch(`${v2!.url}/_admin/records/supplier`).then((reply) =>
    reply.json(),
  )) as unknown[];
  if (stats.length === 0) {
    await fetch(`${v2!.url}/_admin/seed`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
  }
  Object.assign(process.env, simulatorEnvironment(simulators[0]!, simulators[1]!));
  return simulators;
}

/** What has been started, stopped in reverse order on Ctrl-C or when starting fails. */
const stopping: Array<() => Promise<void>> = [];
async function stopAll(): Promise<void> {
  for (const close of stopping.reverse()) await close().catch(() => undefined);
}

async function run(): Promise<void> {
  const dataDir = resolve(process.env.SYNC_DATA_DIR ?? 'data');
  const realMode = REAL_CREDENTIALS.every((name) => process.env[name]);
  const workflowBundle = bundleWorkflowsApart(); // meanwhile the servers start
  mkdirSync(dataDir, { recursive: true });
  const simulators = realMode ? [] : await startSimulators(dataDir);
  for (const simulator of simulators) stopping.push(() => simulator.close());
  // With encryption keys, the Web UI shows histories decrypted through the codec server.
  const codecServer = await startCodecServerFor(loadCodecServerConfig());
  if (codecServer) stopping.push(() => codecServer.close());
  // TEMPORAL_ADDRESS set: use that cluster; otherwise the embedded dev server.
  const server = process.env.TEMPORAL_ADDRESS
    ? undefined
    : await startDevServer({
        dbFile: join(dataDir, 'temporal.sqlite'),
        port: 7233,
        uiPort: 8233,
        codecEndpoint: codecServer?.url,
      });
  if (server) {
    stopping.push(() => server.stop());
    process.env.TEMPORAL_ADDRESS = server.address;
  }
  const config = loadConfig();

  const workers = await startWorkers(config, await workflowBundle);
  stopping.push(() => workers.shutdown());

  const connection = await Connection.connect(connectionOptions(config));
  stopping.push(() => connection.close());
  const client = new Client({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    dataConverter: dataConverterFrom(config),
  });
  const feeds = await startSync(client, config);

  const [v2, v1] = simulators;
  console.log(
    [
      '',
      'poweroffice-sync is running.',
      server
        ? `  Temporal Web UI   ${server.uiUrl}/namespaces/${config.TEMPORAL_NAMESPACE}/workflows`
        : `  Temporal          ${config.TEMPORAL_ADDRESS} (TEMPORAL_ADDRESS)`,
      realMode
        ? `  PowerOffice       ${config.POWEROFFICEGO_BASE_URL} and ${config.POWEROFFICEGOV1_BASE_URL} (real credentials)`
        : [
            `  Powerofficego simulator (API v2)   ${v2!.apiBaseUrl}   admin: ${v2!.url}/_admin/records/supplier`,
            `  PowerOfficeGov1 simulator (API v1) ${v1!.apiBaseUrl}   admin: ${v1!.url}/_admin/records/contact`,
          ].join('\n'),
      codecServer
        ? `  Codec server      ${codecServer.url} (histories encrypted; the Web UI decrypts through it)`
        : '  Histories         not encrypted (SYNC_ENCRYPTION_KEYS unset)',
      `  Change feeds      ${feeds.started.length} started, ${feeds.alreadyRunning.length} already running; polling every ${config.SYNC_POLL_INTERVAL}`,
      `  Data              ${dataDir}`,
      '',
      'Find a link:   SyncFlow = "supplier-contact" AND SyncAId = "<supplier id>"  (Web UI search)',
      realMode
        ? ''
        : `Edit a record: npm run simulator -- edit powerofficego supplier <id> PhoneNumber="+47 900 00 000" --url ${v2!.url}`,
      'Stop:          Ctrl-C',
    ].join('\n'),
  );
  await workers.done;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void stopAll().then(() => process.exit(0)));
}
run().catch(async (error) => {
  console.error(error instanceof Error ? error.message : error);
  await stopAll();
  process.exit(1);
});
