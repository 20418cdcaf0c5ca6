// After the chaos: let the sync settle, check the invariants (again and again while links in a
// retry's back-off still catch up), then run the reconciliation sweep and check once more.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SimulatorStats } from '../src/simulators/common/stats.js';
import { sweepNow } from '../src/temporal/sweep.js';
import { runChecks, type CheckReport, type Violation } from './checks/index.js';
import type { EditRecord } from './editor.js';
import { formatDuration } from './options.js';
import { reportProgress } from './progress.js';
import { SyncWatch, waitForSettle, type SettleResult } from './settle.js';
import type { ChaosStack } from './stack.js';
import type { Records } from './checks/world.js';

export interface Verdict {
  settle: SettleResult;
  /** From the end of the chaos until the checks first passed; undefined when they never did. */
  consistentAfterMs?: number;
  checks: CheckReport;
  sweep?: { settle: SettleResult; checks: CheckReport };
}

const CHECK_INTERVAL_MS = 5_000;
/** Longer than the longest retry interval of the engine's activities (1 min). */
const BACKOFF_SLACK_MS = 75_000;

export async function verify(
  stack: ChaosStack,
  log: EditRecord[],
  initialA: Record<string, Records>,
  options: { settleTimeoutMs: number; sweep: boolean },
  say: (line: string) => void,
): Promise<Verdict> {
  const since = Date.now();
  const stopProgress = reportProgress(stack.client, say, () => {
    const writes = (stats: SimulatorStats) =>
      Object.values(stats.writes).reduce((sum, w) => sum + w.total, 0);
    return `API writes v2 ${writes(stack.v2.admin.stats())}, v1 ${writes(stack.v1.admin.stats())}`;
  });
  try {
    const watch = new SyncWatch(stack);
    const settle = await waitForSettle(stack, watch, options.settleTimeoutMs);
    say(
      settle.settled
        ? `settled after ${formatDuration(settle.afterMs)}; checking…`
        : `not settled after ${formatDuration(settle.afterMs)}; checking anyway…`,
    );
    // A link in a retry's back-off (at most a minute) may still be catching up: check again a while.
    const firstCheckAt = Date.now();
    let checks = await runChecks(stack, log, initialA);
    while (checks.violations.length > 0 && Date.now() - firstCheckAt < BACKOFF_SLACK_MS) {
      await new Promise((resolve) => setTimeout(resolve, CHECK_INTERVAL_MS));
      checks = await runChecks(stack, log, initialA);
    }
    const consistentAfterMs = checks.violations.length === 0 ? Date.now() - since : undefined;
    if (!settle.settled) checks.violations.unshift(notSettled(settle));
    say(`${checks.violations.length} violation(s)`);
    if (!options.sweep) return { settle, consistentAfterMs, checks };

    say('running the reconciliation sweep…');
    const swept = await withTimeout(sweepNow(stack.client), options.settleTimeoutMs);
    const afterSweep = await waitForSettle(stack, new SyncWatch(stack), options.settleTimeoutMs);
    const sweepChecks = await runChecks(stack, log, initialA);
    if (!afterSweep.settled) sweepChecks.violations.unshift(notSettled(afterSweep));
    if (!swept) {
      sweepChecks.violations.unshift({
        check: 'sweep',
        subject: 'sweepWorkflow',
        detail: `the reconciliation sweep did not finish within ${formatDuration(options.settleTimeoutMs)}`,
      });
    }
    say(`${sweepChecks.violations.length} violation(s) after the sweep`);
    return { settle, consistentAfterMs, checks, sweep: { settle: afterSweep, checks: sweepChecks } };
  } finally {
    stopProgress();
  }
}

function notSettled(settle: SettleResult): Violation {
  const why: string[] = [];
  if (settle.stillWritten.length > 0) {
    why.push(
      `records still being written with no link changing state: ${settle.stillWritten.slice(0, 10).join(', ')}`,
    );
  }
  if (settle.lagging.length > 0)
    why.push(`feeds that did not poll twice since: ${settle.lagging.join(', ')}`);
  return {
    check: 'settle',
    subject: 'the sync',
    detail: `not at rest ${formatDuration(settle.afterMs)} after the chaos${why.length > 0 ? `: ${why.join('; ')}` : ''}`,
  };
}

/** Every violation, one per line, in the run's directory (the summary shows the first of each check). */
export function writeViolations(dir: string, verdict: Verdict): string {
  const file = join(dir, 'violations.txt');
  const lines = (checks: CheckReport) =>
    checks.violations.map((violation) => `[${violation.check}] ${violation.subject}: ${violation.detail}`);
  writeFileSync(
    file,
    [
      ...lines(verdict.checks),
      ...(verdict.sweep ? ['', 'After the sweep:', ...lines(verdict.sweep.checks)] : []),
      '',
    ].join('\n'),
  );
  return file;
}

/** True when `work` finished within `ms`. */
async function withTimeout(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([work.then(() => true), timedOut]);
  } finally {
    clearTimeout(timer);
  }
}
