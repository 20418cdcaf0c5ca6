// `npm run chaos`: runs the sync through worker kills, a dev server restart, API faults and edits
// on both sides, then checks that it ended consistent. Exits 1 on any violation, 2 when the run
// itself failed.
import { Command, InvalidArgumentError } from 'commander';
import { cleanUp, cleanUpOnSignals } from './cleanup.js';
import { fullSize, parseDuration, smallSize, type ChaosOptions } from './options.js';
import { runChaos } from './run.js';
import { failed, formatSummary } from './summary.js';

interface CommandOptions {
  suppliers?: number;
  customers?: number;
  employees?: number;
  seed?: number;
  duration?: number;
  kills?: number;
  editRate?: number;
  warmUp?: number;
  settleTimeout?: number;
  sweep: boolean;
  keep?: boolean;
  small?: boolean;
}

const count = (text: string) => {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) throw new InvalidArgumentError('a whole number');
  return value;
};
const positive = (text: string) => {
  const value = Number(text);
  if (!(value > 0)) throw new InvalidArgumentError('a positive number');
  return value;
};
const duration = (text: string) => {
  try {
    return parseDuration(text);
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
};

const program = new Command('chaos')
  .description('Run the sync through kills, restarts, faults and edits on both sides; then check it.')
  .option('--suppliers <n>', `Powerofficego suppliers (${fullSize.suppliers})`, count)
  .option(
    '--customers <n>',
    `Powerofficego customers, one contact person each (${fullSize.customers})`,
    count,
  )
  .option('--employees <n>', `Powerofficego employees (${fullSize.employees})`, count)
  .option('--seed <n>', 'seed of the data and of the plan (1)', count)
  .option('--duration <d>', 'how long edits, kills and faults go on, e.g. 120s or 2m', duration)
  .option('--kills <n>', `worker SIGKILLs, at least (${fullSize.kills})`, count)
  .option('--edit-rate <n>', `edits per second (${fullSize.editRate})`, positive)
  .option('--warm-up <d>', 'at most this long for half the suppliers to be linked before the chaos', duration)
  .option(
    '--settle-timeout <d>',
    'afterwards, how long the sync may make no progress before the run stops waiting for it',
    duration,
  )
  .option('--no-sweep', 'skip the reconciliation sweep and the second check')
  .option('--keep', "keep the run's directory even when nothing failed")
  .option(
    '--small',
    `${smallSize.suppliers} suppliers, ${smallSize.customers} customers, ${smallSize.employees} employees, ` +
      `${smallSize.kills} kills, ${smallSize.durationMs / 1000} s`,
  );

async function main(): Promise<number> {
  const given = program.parse().opts<CommandOptions>();
  const preset = given.small ? smallSize : fullSize;
  const options: ChaosOptions = {
    suppliers: given.suppliers ?? preset.suppliers,
    customers: given.customers ?? preset.customers,
    employees: given.employees ?? preset.employees,
    seed: given.seed ?? preset.seed,
    durationMs: given.duration ?? preset.durationMs,
    kills: given.kills ?? preset.kills,
    editRate: given.editRate ?? preset.editRate,
    warmUpMs: given.warmUp ?? preset.warmUpMs,
    settleTimeoutMs: given.settleTimeout ?? preset.settleTimeoutMs,
    sweep: given.sweep,
    keep: given.keep ?? preset.keep,
  };
  cleanUpOnSignals();
  try {
    const report = await runChaos(options, (line) => console.log(`chaos: ${line}`));
    console.log(`\n${formatSummary(report)}`);
    return failed(report) ? 1 : 0;
  } finally {
    await cleanUp();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('chaos: the run failed:', error);
    process.exit(2);
  },
);
