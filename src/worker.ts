// The worker process: runs every workflow and activity until Ctrl-C (SIGINT/SIGTERM shut it down
// gracefully). Run as many as you like against one Temporal cluster.
import { loadConfig } from './config.js';
import { logger } from './logging/logger.js';
import { startWorkers } from './temporal/workers.js';

async function run(): Promise<void> {
  const workers = await startWorkers(loadConfig());
  logger.info('Worker running; Ctrl-C stops it');
  await workers.done;
}

run().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
