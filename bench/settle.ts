// Waiting for a backfill to settle: every link has left `new`, v1 has made every record the seed
// needs, and neither the links' states nor v1's creates have changed for a quiet window. The
// moment of the last change is when it settled.
import type { Client } from '@temporalio/client';
import { setTimeout as sleep } from 'node:timers/promises';
import type { SimulatorStats } from '../src/simulators/common/stats.js';
import { sum } from './expected.js';
import { countLinks, describeLinks, unsettled, type LinkCounts } from './linkStates.js';

export interface SettleOptions {
  /** No change for this long after the last one: settled. */
  quietMs: number;
  /** No change for this long while incomplete: stuck, given up on. */
  stuckMs: number;
  /** Given up on this long after the start, settled or not (`--max-backfill-minutes`). */
  deadlineMs?: number;
  label: string;
}

export interface Settled {
  /** When the last change was seen (Date.now()). */
  at: number;
  links: LinkCounts;
  creates: Record<string, number>;
  /** Every 5 s: B records created and links by state. */
  timeline: Array<{ seconds: number; creates: number; links: LinkCounts }>;
}

export async function waitUntilSettled(
  client: Client,
  v1Stats: () => SimulatorStats,
  expected: Record<string, number>,
  startedAt: number,
  options: SettleOptions,
): Promise<Settled> {
  const timeline: Settled['timeline'] = [];
  let fingerprint = '';
  let lastChange = Date.now();
  let lastProgress = Date.now();
  for (;;) {
    const countingSince = Date.now();
    const links = await countLinks(client);
    const countingMs = Date.now() - countingSince;
    const creates = createsOf(v1Stats());
    const now = Date.now();
    const current = JSON.stringify([links, creates]);
    if (current !== fingerprint) [fingerprint, lastChange] = [current, now];
    const seconds = Math.round((now - startedAt) / 1000);
    if (now - startedAt >= timeline.length * 5_000) timeline.push({ seconds, creates: sum(creates), links });
    if (now - lastProgress >= 10_000) {
      lastProgress = now;
      console.log(
        `  ${options.label}: ${seconds} s, B creates ${sum(creates)}/${sum(expected)}, links ${links.total}: ${describeLinks(links)}`,
      );
    }

    const reached = Object.entries(expected).every(([datatype, count]) => (creates[datatype] ?? 0) >= count);
    const quiet = now - lastChange;
    if (links.total > 0 && unsettled(links) === 0 && reached && quiet >= options.quietMs) {
      return { at: lastChange, links, creates, timeline };
    }
    if (options.deadlineMs !== undefined && now - startedAt >= options.deadlineMs) {
      console.warn(
        `  ${options.label}: stopped at the time limit, ${options.deadlineMs / 60_000} min; not settled`,
      );
      return { at: now, links, creates, timeline };
    }
    if (quiet >= options.stuckMs) {
      console.warn(`  ${options.label}: nothing changed for ${options.stuckMs / 1000} s; not settled`);
      return { at: lastChange, links, creates, timeline };
    }
    // Every second; when counting is slow (many links, a busy server) less often, so that it
    // takes at most a tenth of the server's time, but at least every 5 s.
    await sleep(Math.min(5_000, Math.max(1_000, 9 * countingMs)));
  }
}

function createsOf(stats: SimulatorStats): Record<string, number> {
  return Object.fromEntries(
    Object.entries(stats.writes).map(([datatype, counts]) => [datatype, counts.create]),
  );
}
