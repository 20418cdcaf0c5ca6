// Backpressure for a first listing: the next chunk of new links is started only once few links are
// still `new`. Unpaced, a backfill of N=20000 started 22600 links in 8 minutes; the server then
// held a backlog of first workflow tasks far beyond its and the worker's caches, and linked about
// one link a second. Paced, the links being worked on stay few and the rest wait as list rows.
// Children also wait for their parents' links, which their own feed starts with their records: a
// parent link a child starts first would spend a call of A's small rate limit reading its record,
// and one of B's searching for its match.
import { Context } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import { countLinks } from '../temporal/linksQuery.js';
import { heartbeat } from './heartbeat.js';

/** How often, at most, the count is asked while waiting. */
const CHECK_EVERY_MS = 1_000;
/** How often, at most, the index is asked whether it shows the links just started, and for how long. */
const INDEX_CHECK_EVERY_MS = 200;
const INDEX_WAIT_MS = 30_000;
/**
 * A visibility count reads every link on some stores (the dev server's SQLite: 69 ms of its CPU
 * at 12500 links), and takes about as long as it costs. Waiting this many times as long before
 * the next keeps a waiting listing's checks near a twentieth of the server's time.
 */
const CHECK_GAP_FACTOR = 20;
/** A slow answer on a busy server says little about its cost: no pause near the heartbeat timeout. */
const MAX_PAUSE_MS = 5_000;
/** How long one listing waits for parents' links in all: a parent feed that fails is not waited for. */
const PARENTS_WAIT_MS = 10 * 60_000;

/** Paces one listing's chunks. */
export interface Pacer {
  /** The most new links one chunk may start. */
  maxChunk: number;
  /**
   * Waits until the last chunk's links are started and counted, `count` more fit, and the links of
   * the chunk's parents are running.
   */
  beforeChunk(count: number, parentLinks?: string[]): Promise<void>;
  /** The deliveries that start a chunk's links, by link id. */
  started(deliveries: Map<string, Promise<unknown>>): void;
}

export interface BackfillWindow {
  pacer(): Pacer;
}

/**
 * `size`: how many links may be `new` at once, across all workers. About: feeds listing at the
 * same time may each find room for one more chunk. One window per process, so that its listings
 * share one count.
 */
export function createBackfillWindow(client: Client, size: number): BackfillWindow {
  const newLinks = sharedCount(() => countLinks(client, { states: ['new'] }));
  return {
    pacer() {
      let lastChunk: Map<string, Promise<unknown>> | undefined;
      const parentsDeadline = Date.now() + PARENTS_WAIT_MS;
      return {
        maxChunk: size,
        async beforeChunk(count, parentLinks = []) {
          if (lastChunk) {
            // Settled: a failed delivery fails the page where it is awaited, not here.
            const outcomes = await Promise.allSettled(lastChunk.values());
            const started = [...lastChunk.keys()].filter((_, i) => outcomes[i]!.status === 'fulfilled');
            // A link deleted meanwhile never shows: the wait is bounded.
            await untilRunning(started, INDEX_CHECK_EVERY_MS, Date.now() + INDEX_WAIT_MS);
          }
          await waitUntil(async () => {
            const waiting = await newLinks.get();
            return { done: waiting + count <= size, details: { waitingForNewLinks: waiting, window: size } };
          }, CHECK_EVERY_MS);
          await untilRunning(parentLinks, CHECK_EVERY_MS, parentsDeadline);
        },
        started(deliveries) {
          lastChunk = deliveries;
          newLinks.add(deliveries.size);
        },
      };
    },
  };

  /** Until the index shows every one of these links running, or the deadline. */
  async function untilRunning(linkIds: string[], everyMs: number, deadline: number): Promise<void> {
    if (linkIds.length === 0) return;
    const ids = linkIds.map((id) => `'${id}'`).join(', ');
    const query = `WorkflowId IN (${ids}) AND ExecutionStatus = 'Running'`;
    await waitUntil(
      async () => ({
        done: (await client.workflow.count(query)).count >= linkIds.length,
        details: { waitingForLinks: linkIds.length },
      }),
      everyMs,
      deadline,
    );
  }
}

/**
 * A count every waiting listing of the process reads: asked again only once it is older than the
 * pause its asking earned (`pauseAfter`), and by one caller at a time. At 17000 links, every
 * listing counting for itself took 37.5% of the dev server's CPU. Links a listing starts are added
 * to it, as a count taken before the index showed them does not hold them.
 */
function sharedCount(count: () => Promise<number>) {
  let latest: { value: number; until: number } | undefined;
  let asking: Promise<number> | undefined;
  return {
    get(): Promise<number> {
      if (latest && Date.now() < latest.until) return Promise.resolve(latest.value);
      asking ??= (async () => {
        const asked = Date.now();
        try {
          const value = await count();
          latest = { value, until: Date.now() + pauseAfter(Date.now() - asked, CHECK_EVERY_MS) };
          return value;
        } finally {
          asking = undefined;
        }
      })();
      return asking;
    },
    add(links: number): void {
      if (latest) latest.value += links;
    },
  };
}

/**
 * Asks `check` until it is done or the deadline has passed. Between checks it heartbeats the
 * check's details (the Web UI's pending activity shows why the listing is not moving) and pauses
 * (`pauseAfter`, at least `minMs`).
 */
async function waitUntil(
  check: () => Promise<{ done: boolean; details: Record<string, number> }>,
  minMs: number,
  deadline = Infinity,
): Promise<void> {
  for (;;) {
    const asked = Date.now();
    const { done, details } = await check();
    if (done || Date.now() >= deadline) return;
    heartbeat(details);
    await Context.current().sleep(pauseAfter(Date.now() - asked, minMs));
  }
}

/** The pause after a check that took `tookMs`: CHECK_GAP_FACTOR times as long, within bounds. */
function pauseAfter(tookMs: number, minMs: number): number {
  return Math.min(MAX_PAUSE_MS, Math.max(minMs, tookMs * CHECK_GAP_FACTOR));
}
