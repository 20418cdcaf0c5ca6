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

/** How often the count is asked while waiting: one cheap visibility query. */
const CHECK_EVERY_MS = 1_000;
/** How often the index is asked whether it shows the links just started, and for how long. */
const INDEX_CHECK_EVERY_MS = 200;
const INDEX_WAIT_MS = 30_000;
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
 * same time may each find room for one more chunk.
 */
export function createBackfillWindow(client: Client, size: number): BackfillWindow {
  return {
    pacer() {
      let lastChunk: Map<string, Promise<unknown>> | undefined;
      const parentsDeadline = Date.now() + PARENTS_WAIT_MS;
      return {
        maxChunk: size,
        async beforeChunk(count, parentLinks = []) {
          const context = Context.current();
          if (lastChunk) {
            // Settled: a failed delivery fails the page where it is awaited, not here.
            const outcomes = await Promise.allSettled(lastChunk.values());
            const started = [...lastChunk.keys()].filter((_, i) => outcomes[i]!.status === 'fulfilled');
            // A link deleted meanwhile never shows: the wait is bounded.
            await untilRunning(started, INDEX_CHECK_EVERY_MS, Date.now() + INDEX_WAIT_MS);
          }
          for (;;) {
            const waiting = await countLinks(client, { states: ['new'] });
            if (waiting + count <= size) break;
            // The details show in the Web UI's pending activity: why the listing is not moving.
            context.heartbeat({ waitingForNewLinks: waiting, window: size });
            await context.sleep(CHECK_EVERY_MS);
          }
          await untilRunning(parentLinks, CHECK_EVERY_MS, parentsDeadline);
        },
        started(deliveries) {
          lastChunk = deliveries;
        },
      };
    },
  };

  /** Until the index shows every one of these links running, or the deadline. */
  async function untilRunning(linkIds: string[], everyMs: number, deadline: number): Promise<void> {
    if (linkIds.length === 0) return;
    const context = Context.current();
    const ids = linkIds.map((id) => `'${id}'`).join(', ');
    const query = `WorkflowId IN (${ids}) AND ExecutionStatus = 'Running'`;
    while ((await client.workflow.count(query)).count < linkIds.length && Date.now() < deadline) {
      context.heartbeat({ waitingForLinks: linkIds.length });
      await context.sleep(everyMs);
    }
  }
}
