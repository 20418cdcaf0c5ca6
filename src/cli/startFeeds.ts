// Starts the change feeds for `start` and `backfill`. The starter brings in both API clients, so only
// these commands load it: the others start in a fraction of the time.
import type { Client } from '@temporalio/client';
import type { Environment } from '../config.js';

export async function startFeeds(
  client: Client,
  config: Environment,
): Promise<{ started: string[]; alreadyRunning: string[] }> {
  const { startSync } = await import('../temporal/startSync.js');
  return startSync(client, config);
}
