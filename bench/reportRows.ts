// Every figure of the final table, one row each, with its target and, per N, met / not met.
import type { SystemName } from '../src/systems/system.js';
import { callKinds, type CallCounts } from './apiCalls.js';
import { sum } from './expected.js';
import type { BackfillResult } from './measureBackfill.js';
import type { EditPhase } from './measureEdits.js';
import type { PeakRss } from './measureMemory.js';
import type { RunResult, SizeResult } from './runSize.js';

export const TARGETS = {
  backfillOverFloor: 1.15,
  p95OverPollSeconds: 1,
  callsPerEdit: 2,
  offOverPlain: 3,
  workerRssMb: 500,
  /** Idle calls/min may differ across sizes by this share and still count as independent of N. */
  idleSpread: 0.25,
} as const;

/** A section title, or a figure: label, target, and one cell per N. */
export type ReportRow = string | { label: string; target: string; cells: string[] };

const fixed = (value: number, digits = 1) => value.toFixed(digits);
const verdict = (met: boolean) => (met ? 'met' : 'NOT MET');
const calls = (counts: CallCounts) => `${callKinds.map((kind) => counts[kind]).join('/')} (${counts.total})`;
const sides = (values: Record<SystemName, number>) =>
  `${fixed(values.powerofficego)} / ${fixed(values.powerofficegov1)}`;
const cpu = ({ cpuSeconds }: BackfillResult) =>
  `${fixed(cpuSeconds.worker)} / ${fixed(cpuSeconds.devServer)} / ${fixed(cpuSeconds.simulators)}`;
const memory = (mb: PeakRss) => `${mb.atStart} → ${mb.measured} (${mb.sinceStart})`;

export function reportRows(results: SizeResult[], pollSeconds: number): ReportRow[] {
  const row = (label: string, target: string, cell: (result: SizeResult) => string | undefined) => ({
    label,
    target,
    cells: results.map((result) => cell(result) ?? '–'),
  });
  const first = (result: SizeResult): RunResult | undefined => result.runs.on ?? result.runs.off;
  const on = (result: SizeResult) => result.runs.on?.backfill;
  const off = (result: SizeResult) => result.runs.off?.backfill;
  const maxP95 = pollSeconds + TARGETS.p95OverPollSeconds;
  const latency = (phase: EditPhase | undefined) => {
    const l = phase?.latency;
    if (!phase || !l) return undefined;
    const lost = phase.edits - phase.propagated;
    const figures = `${fixed(l.p50)} / ${fixed(l.p95)} / ${fixed(l.p99)} / ${fixed(l.max)}`;
    return `${figures} ${verdict(l.p95 <= maxP95 && lost === 0)}${lost ? `, ${lost} never arrived` : ''}`;
  };
  const perEdit = (phase: EditPhase | undefined) =>
    phase &&
    `${fixed(phase.callsPerEdit, 2)} ${verdict(phase.callsPerEdit <= TARGETS.callsPerEdit)} (+${phase.listCalls} list${phase.tokenCalls ? `, +${phase.tokenCalls} token` : ''})`;
  const largest = results.at(-1);

  return [
    'Data',
    row('A records: suppliers/customers/employees/contact persons', '', (result) => {
      const a = first(result)?.backfill.recordsAtStart.powerofficego;
      return a && `${a.supplier}/${a.customer}/${a.employee}/${a.contactperson}`;
    }),
    row('links (running link workflows)', '', (result) => first(result)?.backfill.links.total.toString()),
    row('B records created (expected)', 'all, no more', (result) => {
      const backfill = first(result)?.backfill;
      return (
        backfill && `${backfill.createdInB} (${sum(backfill.expectedCreates)}) ${verdict(backfill.complete)}`
      );
    }),
    'Backfill, rate limits on (v2 10/s, v1 50/s)',
    row('wall time, s', '', (result) => on(result) && fixed(on(result)!.wallSeconds)),
    row('floor, s (calls A / B)', '', (result) => {
      const floor = on(result)?.floor;
      return (
        floor && `${fixed(floor.seconds)} (${floor.powerofficego.calls} / ${floor.powerofficegov1.calls})`
      );
    }),
    row('wall ÷ floor', `≤ ${TARGETS.backfillOverFloor}×`, (result) => {
      const backfill = on(result);
      if (!backfill) return undefined;
      const { ratio, complete } = backfill;
      // Stopped before the end: the whole backfill takes longer still.
      if (!complete) return `stopped at ${fixed(ratio, 2)}× ${verdict(false)}`;
      return `${fixed(ratio, 2)}× ${verdict(ratio <= TARGETS.backfillOverFloor)}`;
    }),
    row(
      'calls A: list/get/create/update/token (all)',
      '',
      (result) => on(result) && calls(on(result)!.calls.powerofficego),
    ),
    row(
      'calls B: list/get/create/update/token (all)',
      '',
      (result) => on(result) && calls(on(result)!.calls.powerofficegov1),
    ),
    row('B calls per B record created', 'floor 1 + list pages', (result) => {
      const backfill = on(result);
      return backfill && fixed(backfill.calls.powerofficegov1.total / Math.max(1, backfill.createdInB), 2);
    }),
    row('429s A / B', '', (result) => {
      const backfill = on(result);
      return (
        backfill &&
        `${backfill.calls.powerofficego.rateLimited} / ${backfill.calls.powerofficegov1.rateLimited}`
      );
    }),
    row('CPU s: worker / dev server / simulators', '', (result) => on(result) && cpu(on(result)!)),
    row('per link: history events / workflow tasks / activities / signals', '', (result) => {
      const perLink = (on(result) ?? off(result))?.history.perLink;
      return (
        perLink &&
        [perLink.events, perLink.workflowTasks, perLink.activities, perLink.signals]
          .map((n) => fixed(n))
          .join(' / ')
      );
    }),
    'Backfill, rate limits off',
    row('engine: links/s (wall s)', '', (result) => {
      const backfill = off(result);
      return backfill && `${fixed(backfill.linksPerSecond)} (${fixed(backfill.wallSeconds)})`;
    }),
    row(
      'plain floor, no Temporal: links/s (s)',
      '',
      ({ plain }) => plain && `${fixed(plain.linksPerSecond)} (${fixed(plain.seconds)})`,
    ),
    row('engine time ÷ plain floor', `≤ ${TARGETS.offOverPlain}×`, (result) => {
      const backfill = off(result);
      if (!backfill || !result.plain) return undefined;
      const ratio = backfill.wallSeconds / result.plain.seconds;
      return `${fixed(ratio, 2)}× ${verdict(ratio <= TARGETS.offOverPlain)}`;
    }),
    row('calls B: engine / plain', '', (result) => {
      const engine = off(result)?.calls.powerofficegov1.total;
      return engine === undefined
        ? undefined
        : `${engine} / ${result.plain?.calls.powerofficegov1.total ?? '–'}`;
    }),
    row('CPU s: worker / dev server / simulators', '', (result) => off(result) && cpu(off(result)!)),
    `Edits after the first backfill, poll interval ${pollSeconds} s`,
    row('A→B latency s: p50 / p95 / p99 / max', `p95 ≤ ${maxP95} s`, (result) =>
      latency(first(result)?.edits?.aToB),
    ),
    row('B→A latency s: p50 / p95 / p99 / max', `p95 ≤ ${maxP95} s`, (result) =>
      latency(first(result)?.edits?.bToA),
    ),
    row('A→B calls per edit (+ feed list, token calls)', `≤ ${TARGETS.callsPerEdit}`, (result) =>
      perEdit(first(result)?.edits?.aToB),
    ),
    row('B→A calls per edit (+ feed list, token calls)', `≤ ${TARGETS.callsPerEdit}`, (result) =>
      perEdit(first(result)?.edits?.bToA),
    ),
    'Idle',
    row(
      'idle calls/min A / B',
      `independent of N: ${idleVerdict(results.map((result) => first(result)?.idle?.perMinute))}`,
      (result) => {
        const perMinute = first(result)?.idle?.perMinute;
        return perMinute && sides(perMinute);
      },
    ),
    'Memory and time',
    row(
      'worker RSS MB: ready → peak (peak since start)',
      `< ${TARGETS.workerRssMb} at largest N`,
      (result) => {
        const mb = peak(result, 'worker');
        if (!mb) return undefined;
        return result === largest
          ? `${memory(mb)} ${verdict(mb.measured < TARGETS.workerRssMb)}`
          : memory(mb);
      },
    ),
    row('dev server RSS MB: ready → peak (peak since start)', '', (result) => {
      const mb = peak(result, 'devServer');
      return mb && memory(mb);
    }),
    row('time for this N, s', '', (result) => fixed(result.seconds, 0)),
  ];
}

/** The highest peaks of a process over a size's runs. */
function peak(result: SizeResult, name: string): PeakRss | undefined {
  const peaks = Object.values(result.runs).flatMap((run) =>
    run.peakRssMb[name] ? [run.peakRssMb[name]] : [],
  );
  if (peaks.length === 0) return undefined;
  const highest = (key: keyof PeakRss) => Math.max(...peaks.map((mb) => mb[key]));
  return { atStart: highest('atStart'), measured: highest('measured'), sinceStart: highest('sinceStart') };
}

/** Met when the idle calls per minute of all sizes lie within TARGETS.idleSpread of the lowest. */
function idleVerdict(perMinute: Array<Record<SystemName, number> | undefined>): string {
  const totals = perMinute.flatMap((sides) => (sides ? [sides.powerofficego + sides.powerofficegov1] : []));
  if (totals.length < 2) return 'needs two sizes';
  const spread = (Math.max(...totals) - Math.min(...totals)) / Math.max(1, Math.min(...totals));
  return `${verdict(spread <= TARGETS.idleSpread)} (spread ${Math.round(spread * 100)}%)`;
}
