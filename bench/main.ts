// `npm run bench`: measures the sync against its physical limits for each N — backfill with and
// without rate limits, edit propagation, API calls per edit and while idle, memory — and prints
// one table (README "Benchmark"). Every process it starts is stopped on exit and on Ctrl-C.
import { Command, InvalidArgumentError, Option } from 'commander';
import ms, { type StringValue } from 'ms';
import { writeChart } from './chart.js';
import { killChildren, stopEverything } from './cleanup.js';
import { printReport, writeReport } from './report.js';
import { runSize, type BenchOptions, type SizeResult } from './runSize.js';

const positiveNumber = (value: string) => {
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0) throw new InvalidArgumentError('a positive number');
  return number;
};
const sizeList = (value: string) => value.split(',').map((size) => Math.round(positiveNumber(size.trim())));
const DURATION = /^(\d+)(ms|s|m)$/;
const duration = (value: string) => {
  if (!DURATION.test(value)) throw new InvalidArgumentError('a duration such as 500ms, 3s or 1m');
  return value;
};
const timestamp = () => new Date().toISOString().replace(/[:.]/g, '-');

const program = new Command('bench')
  .description('Measures the sync against its physical limits (README "Benchmark").')
  .option(
    '--sizes <list>',
    'numbers of suppliers N (customers N/4, employees N/50)',
    sizeList,
    [1000, 5000, 20000],
  )
  .addOption(
    new Option('--rate-limits <mode>', 'simulators at their published rate limits')
      .choices(['on', 'off', 'both'])
      .default('both'),
  )
  .option('--poll-interval <duration>', "the change feeds' SYNC_POLL_INTERVAL", duration, '3s')
  .option('--edits <count>', 'edits on each side after the backfill', positiveNumber, 200)
  .option(
    '--edit-rate-a <perSecond>',
    'A edits per second (each costs B a read and a write)',
    positiveNumber,
    10,
  )
  .option(
    '--edit-rate-b <perSecond>',
    'B edits per second (each costs A a read and a write; A allows 10/s)',
    positiveNumber,
    3,
  )
  .option('--idle-seconds <seconds>', 'how long idle polling is counted', positiveNumber, 30)
  .option(
    '--out <file>',
    'JSON results; an SVG chart is written next to it (default: bench-results/<timestamp>.json)',
  )
  .option(
    '--max-backfill-minutes <minutes>',
    'stop a backfill still running after this long and report it as it stands (no edits then)',
    positiveNumber,
  )
  .option('--skip-plain', 'skip the plain floor (no Temporal) of the rate-limits-off backfill', false);

async function run(): Promise<void> {
  const flags = program.parse().opts();
  const options: BenchOptions = {
    modes: flags.rateLimits === 'both' ? ['on', 'off'] : [flags.rateLimits],
    pollInterval: flags.pollInterval,
    pollMs: ms(flags.pollInterval as StringValue),
    edits: Math.round(flags.edits),
    editRateA: flags.editRateA,
    editRateB: flags.editRateB,
    idleSeconds: flags.idleSeconds,
    skipPlain: flags.skipPlain,
    maxBackfillMs: flags.maxBackfillMinutes === undefined ? undefined : flags.maxBackfillMinutes * 60_000,
  };
  const out: string = flags.out ?? `bench-results/${timestamp()}.json`;
  const chartFile = `${out.replace(/\.json$/, '')}.svg`;
  const startedAt = new Date();
  const results: SizeResult[] = [];
  for (const n of [...(flags.sizes as number[])].sort((x, y) => x - y)) {
    results.push(await runSize(n, options));
    writeReport(out, results, { ...flags, out }, startedAt);
    writeChart(chartFile, results);
  }
  printReport(results, options.pollMs / 1000);
  console.log(`Results: ${out}, chart: ${chartFile}`);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: stopping the worker, the dev server and the simulators`);
    void stopEverything().finally(() => process.exit(130));
  });
}
process.on('exit', killChildren);

run()
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => stopEverything());
