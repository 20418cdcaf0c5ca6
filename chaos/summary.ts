// The run's summary as printed: what was there, what was done to it, how long the sync took to
// come to rest, and every violation on a line of its own.
import type { SimulatorStats } from '../src/simulators/common/stats.js';
import type { Violation } from './checks/index.js';
import { formatDuration } from './options.js';
import { describeCounts, type ChaosReport } from './run.js';

export function failed(report: ChaosReport): boolean {
  return report.checks.violations.length > 0 || (report.sweep?.checks.violations.length ?? 0) > 0;
}

export function formatSummary(report: ChaosReport): string {
  const { options, edits } = report;
  const lines: string[] = [];
  const row = (label: string, text: string) => lines.push(`${label.padEnd(12)}${text}`);
  const bySide = (side: 'a' | 'b') => edits.filter((edit) => edit.side === side).length;
  const byKind = Object.entries(
    edits.reduce<Record<string, number>>(
      (counts, edit) => ({ ...counts, [edit.kind]: (counts[edit.kind] ?? 0) + 1 }),
      {},
    ),
  )
    .map(([kind, n]) => `${kind} ${n}`)
    .join(', ');

  lines.push(
    `Chaos run — seed ${options.seed}: ${options.suppliers} suppliers, ${options.customers} customers, ` +
      `${options.employees} employees; warm-up ${formatDuration(report.warmUpMs)}, ` +
      `then ${formatDuration(report.chaosMs)} of chaos`,
  );
  row('Records', `Powerofficego ${describeCounts(report.records.powerofficego)}`);
  row('', `PowerOfficeGov1 ${describeCounts(report.records.powerofficegov1)}`);
  row(
    '',
    `(${describeCounts(report.seeded.preexisting)} were in PowerOfficeGov1 before the sync, to be matched)`,
  );
  row(
    'Edits',
    `${edits.length}: Powerofficego ${bySide('a')}, PowerOfficeGov1 ${bySide('b')}; ` +
      `${edits.filter((edit) => edit.conflict).length / 2} same-field pairs on both sides; ${byKind}` +
      `${report.editFailures.length > 0 ? `; ${report.editFailures.length} failed` : ''}`,
  );
  row(
    'Worker',
    `${report.kills} SIGKILLs, ${report.unexpectedExits.length} exits not caused by the run` +
      report.unexpectedExits.map((exit) => ` (${exit.at} code ${exit.code}: ${exit.log})`).join(''),
  );
  row('Dev server', `${report.devServerRestarts} restart(s) on the same database file`);
  row('Faults', `Powerofficego ${describeStats(report.stats.powerofficego)}`);
  row('', `PowerOfficeGov1 ${describeStats(report.stats.powerofficegov1)}`);
  row(
    'Settled',
    `${report.settle.settled ? 'after' : 'NOT: gave up after'} ${formatDuration(report.settle.afterMs)} ` +
      `(links: ${describeCounts(report.settle.counts)}); ` +
      (report.consistentAfterMs === undefined
        ? 'never consistent'
        : `consistent ${formatDuration(report.consistentAfterMs)} after the chaos`),
  );
  for (const note of report.checks.notes) row('Checked', note);
  if (report.sweep) {
    row(
      'Sweep',
      `then ran the reconciliation sweep; settled after ${formatDuration(report.sweep.settle.afterMs)}; ` +
        `${report.sweep.checks.violations.length} violation(s) after it`,
    );
  }
  lines.push('Timeline');
  for (const event of report.timeline)
    lines.push(`  +${(event.atMs / 1000).toFixed(1).padStart(5)} s  ${event.what}`);
  lines.push(`Violations  ${report.checks.violations.length}`);
  lines.push(...formatViolations(report.checks.violations));
  if (report.sweep && report.sweep.checks.violations.length > 0) {
    lines.push(`Violations after the sweep  ${report.sweep.checks.violations.length}`);
    lines.push(...formatViolations(report.sweep.checks.violations));
  }
  if (report.violationsFile) lines.push(`Every violation: ${report.violationsFile}`);
  if (failed(report)) lines.push(`Run directory (dev server database, worker logs): ${report.dir}`);
  return lines.join('\n');
}

const SHOWN_PER_CHECK = 15;

/** One line each, at most SHOWN_PER_CHECK per check (the rest are in the violations file). */
function formatViolations(violations: Violation[]): string[] {
  const byCheck = new Map<string, Violation[]>();
  for (const violation of violations) {
    byCheck.set(violation.check, [...(byCheck.get(violation.check) ?? []), violation]);
  }
  return [...byCheck].flatMap(([check, all]) => [
    ...all
      .slice(0, SHOWN_PER_CHECK)
      .map((violation) => `  [${check}] ${violation.subject}: ${violation.detail}`),
    ...(all.length > SHOWN_PER_CHECK ? [`  [${check}] … and ${all.length - SHOWN_PER_CHECK} more`] : []),
  ]);
}

function describeStats(stats: SimulatorStats): string {
  const requests = Object.values(stats.requests).reduce((sum, n) => sum + n, 0);
  const writes = Object.values(stats.writes).reduce((sum, counts) => sum + counts.total, 0);
  return (
    `${requests} requests, ${writes} writes; injected ${stats.faults.error} 5xx and ` +
    `${stats.faults.timeout} held requests; ${stats.rateLimited} answered 429`
  );
}
