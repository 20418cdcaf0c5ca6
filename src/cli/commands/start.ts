// `start`: starts the change feeds, which start every link, and the sweep's schedule. Idempotent.
import { Command } from 'commander';
import { startFeeds } from '../startFeeds.js';
import { withClient } from '../temporalClient.js';
import { loadWorkerConfig } from '../workerConfig.js';

export function startCommand(): Command {
  return new Command('start')
    .description(
      'Start the change feeds, which start every link, and the sweep’s schedule. Running it again starts nothing twice.',
    )
    .option('--json', 'machine output: {started, alreadyRunning}, feed workflow and schedule ids')
    .action((options: { json?: boolean }) =>
      withClient(async (client) => {
        const feeds = await startFeeds(client, loadWorkerConfig());
        if (options.json) return console.log(JSON.stringify(feeds, null, 2));
        const list = (ids: string[]) => (ids.length > 0 ? ids.join(', ') : 'none');
        console.log(`Started: ${list(feeds.started)}.\nAlready running: ${list(feeds.alreadyRunning)}.`);
      }),
    );
}
