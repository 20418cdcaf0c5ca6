// Starts the sync: every change feed, which in turn starts every link. Running it again starts
// nothing twice.
import { Client, Connection } from '@temporalio/client';
import { loadConfig } from '../config.js';
import { createAdapters } from '../systems/adapters.js';
import { startSync } from '../temporal/startSync.js';

async function run(): Promise<void> {
  const config = loadConfig();
  const connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
  const client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
  const adapters = createAdapters(config);
  const { started, alreadyRunning } = await startSync(client, {
    pollInterval: config.SYNC_POLL_INTERVAL,
    perParentPollInterval: config.SYNC_PER_PARENT_POLL_INTERVAL,
    perParentFeeds: {
      powerofficego: adapters.powerofficego.perParentFeeds,
      powerofficegov1: adapters.powerofficegov1.perParentFeeds,
    },
  });
  console.log(`Started ${started.length} change feeds; ${alreadyRunning.length} were already running.`);
  await connection.close();
}

run().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
