// Waiting for the sync to come to rest once the chaos stops: the links' states (as visibility
// counts them) and the API writes both simulators count stop changing for a while, and every
// change feed has polled at least twice since the wait began (so each has read past the last edit).
// A slow machine is not a stuck sync: the wait gives up when nothing has moved for the stall
// timeout, or when only writes go on — no link changing state — for three times that (a write loop),
// naming the records still being written.
import { feedWorkflowId } from '../src/ids.js';
import { datatypesInUse } from '../src/mappings/index.js';
import type { SimulatorStats } from '../src/simulators/common/stats.js';
import { getFeedStateQuery } from '../src/workflows/changeFeedWorkflow.js';
import { countLinksByState } from './links.js';
import type { ChaosStack } from './stack.js';

export interface SettleResult {
  settled: boolean;
  /** From the start of the wait until the sync was at rest (or the wait gave up). */
  afterMs: number;
  /** Links by state at the end. */
  counts: Record<string, number>;
  /** Feeds that had not polled twice since the wait began, with how often they had. */
  lagging: string[];
  /** Records still being written when the wait gave up (`v1 employee 1`). */
  stillWritten: string[];
}

const QUIET_MS = 10_000;
const INTERVAL_MS = 2_000;
const HARD_CAP_MS = 30 * 60_000;

/** Watches the sync move: link counts, API writes and feed polls, sampled on demand. */
export class SyncWatch {
  counts: Record<string, number> = {};
  /** When a sample last differed from the one before. */
  changedAt = Date.now();
  /** When the links' counts by state last changed. */
  countsChangedAt = Date.now();
  #fingerprint = '';
  #countsFingerprint = '';
  readonly #feeds = datatypesInUse().map(({ system, datatype }) => feedWorkflowId(system, datatype));
  readonly #lastPolls = new Map<string, number>();
  readonly #pollsSince = new Map<string, number>();

  constructor(private readonly stack: ChaosStack) {}

  async sample(): Promise<void> {
    const { stack } = this;
    this.counts = await countLinksByState(stack.client);
    const countsFingerprint = JSON.stringify(this.counts);
    if (countsFingerprint !== this.#countsFingerprint) {
      this.#countsFingerprint = countsFingerprint;
      this.countsChangedAt = Date.now();
    }
    const fingerprint = JSON.stringify({
      counts: this.counts,
      v2: writes(stack.v2.admin.stats()),
      v1: writes(stack.v1.admin.stats()),
    });
    if (fingerprint !== this.#fingerprint) {
      this.#fingerprint = fingerprint;
      this.changedAt = Date.now();
    }
    for (const feed of this.#feeds) {
      const { polls } = await stack.client.workflow.getHandle(feed).query(getFeedStateQuery);
      const last = this.#lastPolls.get(feed);
      // A feed that continued as new counts its polls from 0 again.
      const more = last === undefined ? 0 : polls >= last ? polls - last : polls;
      this.#pollsSince.set(feed, (this.#pollsSince.get(feed) ?? 0) + more);
      this.#lastPolls.set(feed, polls);
    }
  }

  /** Whether every feed has polled twice since the watch began. */
  get feedsCaughtUp(): boolean {
    return this.lagging.length === 0;
  }

  /** `feed:powerofficegov1:contactperson (0 polls)` for each feed that has not. */
  get lagging(): string[] {
    return this.#feeds
      .filter((feed) => (this.#pollsSince.get(feed) ?? 0) < 2)
      .map((feed) => `${feed} (${this.#pollsSince.get(feed) ?? 0} polls)`);
  }
}

export async function waitForSettle(
  stack: ChaosStack,
  watch: SyncWatch,
  stallTimeoutMs: number,
): Promise<SettleResult> {
  const startedAt = Date.now();
  watch.changedAt = startedAt;
  watch.countsChangedAt = startedAt;
  for (;;) {
    try {
      await watch.sample();
      if (watch.feedsCaughtUp && Date.now() - watch.changedAt >= QUIET_MS) {
        const afterMs = Date.now() - startedAt;
        return { settled: true, afterMs, counts: watch.counts, lagging: [], stillWritten: [] };
      }
    } catch {
      // The worker (answering queries) or the server is not there this moment: try again.
    }
    const stalled = Date.now() - watch.changedAt > stallTimeoutMs;
    const onlyWrites = Date.now() - watch.countsChangedAt > 3 * stallTimeoutMs;
    if (stalled || onlyWrites || Date.now() - startedAt > HARD_CAP_MS) {
      return {
        settled: false,
        afterMs: Date.now() - startedAt,
        counts: watch.counts,
        lagging: watch.lagging,
        stillWritten: stalled ? [] : await recordsWritten(stack, 10_000),
      };
    }
    await new Promise((resolve) => setTimeout(resolve, INTERVAL_MS));
  }
}

/** The records of both simulators whose last-changed moves within `windowMs`. */
async function recordsWritten(stack: ChaosStack, windowMs: number): Promise<string[]> {
  const sides = [
    ['v2', stack.v2.admin],
    ['v1', stack.v1.admin],
  ] as const;
  const snapshot = () =>
    new Map(
      sides.flatMap(([side, admin]) =>
        admin.datatypes.flatMap((datatype) =>
          (admin.list(datatype) as Array<Record<string, unknown>>).map((record) => [
            `${side} ${datatype} ${String(record.Id ?? record.ContactId ?? record.id)}`,
            String(record.LastChangedDateTimeOffset ?? record.lastChanged),
          ]),
        ),
      ),
    );
  const before = snapshot();
  await new Promise((resolve) => setTimeout(resolve, windowMs));
  return [...snapshot()].filter(([key, lastChanged]) => before.get(key) !== lastChanged).map(([key]) => key);
}

function writes(stats: SimulatorStats): number {
  return Object.values(stats.writes).reduce((sum, counts) => sum + counts.total, 0);
}
