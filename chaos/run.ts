// One chaos run, start to finish: the world is set up and seeded, the worker started and the sync
// begun; then, for the run's duration, records are edited on both sides while the worker is killed,
// the dev server restarted and the APIs fail; then the sync is verified (verify.ts).
import { loadConfig } from '../src/config.js';
import { flows } from '../src/mappings/index.js';
import type { SimulatorStats } from '../src/simulators/common/stats.js';
import { startSync } from '../src/temporal/startSync.js';
import { idOf, type Fields, type Records } from './checks/world.js';
import { Disruptions, type TimelineEvent } from './disruptions.js';
import { Editor, type EditRecord } from './editor.js';
import { LinkedPairs } from './links.js';
import type { ChaosOptions } from './options.js';
import { reportProgress } from './progress.js';
import { Random } from './random.js';
import { seedWorld, type SeedSummary } from './seedData.js';
import { startChaosStack, type ChaosStack } from './stack.js';
import { verify, writeViolations, type Verdict } from './verify.js';
import { warmUp } from './warmUp.js';
import { WorkerSupervisor, type UnexpectedExit } from './workerProcess.js';

export interface ChaosReport extends Verdict {
  options: ChaosOptions;
  dir: string;
  seeded: SeedSummary;
  /** Records per datatype at the end. */
  records: { powerofficego: Record<string, number>; powerofficegov1: Record<string, number> };
  edits: EditRecord[];
  editFailures: string[];
  warmUpMs: number;
  chaosMs: number;
  kills: number;
  devServerRestarts: number;
  unexpectedExits: UnexpectedExit[];
  timeline: TimelineEvent[];
  stats: { powerofficego: SimulatorStats; powerofficegov1: SimulatorStats };
  /** Every violation, when there were any. */
  violationsFile?: string;
}

export async function runChaos(options: ChaosOptions, say: (line: string) => void): Promise<ChaosReport> {
  const random = new Random(options.seed);
  say('starting the Temporal dev server (with a database file) and both simulators…');
  const stack = await startChaosStack();
  say(`run directory ${stack.dir}`);
  const seeded = seedWorld(stack.v2, stack.v1, options, random.fork('seed'));
  const initialA = snapshotA(stack);
  say(
    `seeded Powerofficego ${describeCounts(seeded.powerofficego)}; already in PowerOfficeGov1 ${describeCounts(seeded.preexisting)}`,
  );

  const worker = new WorkerSupervisor(stack.env, stack.dir);
  say('starting the worker process…');
  await worker.start();
  await worker.ready();
  await startSync(stack.client, loadConfig(stack.env));
  say('sync started; warming up until half the suppliers are linked…');
  const warmUpMs = await warmUp(stack.client, options.suppliers, options.warmUpMs);
  say(`warmed up in ${(warmUpMs / 1000).toFixed(0)} s; chaos for ${options.durationMs / 1000} s`);

  const linked = new LinkedPairs(stack.client);
  linked.start(3_000);
  const chaosStart = Date.now();
  const disruptions = new Disruptions(
    stack,
    worker,
    random.fork('disruptions'),
    options.durationMs,
    options.kills,
  );
  const editor = new Editor(stack.v2, stack.v1, linked, random.fork('edits'), chaosStart);
  let disrupted = false;
  const stopProgress = reportProgress(stack.client, say, () => {
    const b = editor.log.filter((edit) => edit.side === 'b').length;
    return `${editor.log.length} edits (${b} in PowerOfficeGov1), ${worker.kills} kills`;
  });
  await Promise.all([
    disruptions.run().finally(() => (disrupted = true)),
    editor.run(options.editRate, () => disrupted && Date.now() - chaosStart >= options.durationMs),
  ]);
  linked.stop();
  stopProgress();
  await disruptions.calm();
  const chaosMs = Date.now() - chaosStart;
  say(
    `chaos over after ${(chaosMs / 1000).toFixed(0)} s: ${editor.log.length} edits, ${worker.kills} kills; waiting for the sync to settle…`,
  );

  const verdict = await verify(stack, editor.log, initialA, options, say);

  const count = (admin: { datatypes: string[]; list(datatype: string): object[] }) =>
    Object.fromEntries(admin.datatypes.map((datatype) => [datatype, admin.list(datatype).length]));
  const failed = verdict.checks.violations.length > 0 || (verdict.sweep?.checks.violations.length ?? 0) > 0;
  stack.keepDir = options.keep || failed;
  return {
    options,
    dir: stack.dir,
    seeded,
    records: { powerofficego: count(stack.v2.admin), powerofficegov1: count(stack.v1.admin) },
    edits: editor.log,
    editFailures: editor.failures,
    warmUpMs,
    chaosMs,
    kills: worker.kills,
    devServerRestarts: disruptions.devServerRestarts,
    unexpectedExits: worker.unexpectedExits,
    timeline: disruptions.timeline,
    stats: { powerofficego: stack.v2.admin.stats(), powerofficegov1: stack.v1.admin.stats() },
    ...verdict,
    violationsFile: failed ? writeViolations(stack.dir, verdict) : undefined,
  };
}

/** The A records of every datatype the flows read, as they are now. */
function snapshotA(stack: ChaosStack): Record<string, Records> {
  return Object.fromEntries(
    [...new Set(flows.map((flow) => flow.a.datatype))].map((datatype) => [
      datatype,
      new Map((stack.v2.admin.list(datatype) as Fields[]).map((record) => [idOf(record), record])),
    ]),
  );
}

export function describeCounts(counts: Record<string, number>): string {
  return Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([datatype, n]) => `${datatype} ${n}`)
    .join(', ');
}
