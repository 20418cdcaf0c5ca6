// `poweroffice-sync`: the operator's command line. One file per command in ./commands; this file
// only wires them and turns errors into one line and exit code 1.
import { Command } from 'commander';
import { CliError } from './cliError.js';
import { backfillCommand } from './commands/backfill.js';
import { explainCommand } from './commands/explain.js';
import { linksCommand } from './commands/links.js';
import { resyncCommand } from './commands/resync.js';
import { startCommand } from './commands/start.js';
import { statusCommand } from './commands/status.js';

const program = new Command('poweroffice-sync')
  .description('Keeps PowerOffice Go (API v2) and PowerOffice Go v1 in sync through Temporal.')
  .addCommand(startCommand())
  .addCommand(statusCommand())
  .addCommand(linksCommand())
  .addCommand(explainCommand())
  .addCommand(resyncCommand())
  .addCommand(backfillCommand());

program.parseAsync().catch((error: unknown) => {
  // An expected error says all there is to say; anything else is a bug, so its stack helps.
  console.error(error instanceof CliError ? error.message : error instanceof Error ? error.stack : error);
  process.exit(1);
});
