// `poweroffice-sync`: the operator's command line.
import { Command } from 'commander';
import { flows } from '../mappings/index.js';
import { resync } from '../temporal/resync.js';
import { startSync } from '../temporal/startSync.js';
import { withClient } from './temporalClient.js';

const program = new Command('poweroffice-sync').description(
  'Keeps PowerOffice Go (API v2) and PowerOffice Go v1 in sync through Temporal.',
);

program
  .command('start')
  .description('Start the change feeds, which start every link. Running it again starts nothing twice.')
  .action(() =>
    withClient(async (client, config) => {
      const { started, alreadyRunning } = await startSync(client, config);
      console.log(`Started ${started.length} change feeds; ${alreadyRunning.length} were already running.`);
    }),
  );

program
  .command('resync')
  .description('Make links re-read both sides and rewrite what differs.')
  .option('--flow <flow>', `one flow: ${flows.map((flow) => flow.name).join(', ')}`)
  .option('--id <aId>', 'one link: the Powerofficego record id (needs --flow)')
  .option('--all', 'every link of every flow')
  .action((options: { flow?: string; id?: string; all?: boolean }) =>
    withClient(async (client) => {
      if (!options.all && !options.flow)
        throw new Error('Say which links: --flow <flow> [--id <aId>], or --all.');
      if (options.id && !options.flow) throw new Error('--id needs --flow.');
      const target = options.all
        ? 'all'
        : options.id
          ? { flow: options.flow!, aId: options.id }
          : { flow: options.flow! };
      console.log(`Signalled ${await resync(client, target)} link(s) to resync.`);
    }),
  );

program.parseAsync().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
