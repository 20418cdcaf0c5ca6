// Backpressure for a first listing: the next chunk of new links is started only once few links are
// still `new`. Unpaced, a backfill of N=20000 started 22600 links in 8 minutes; the server then
// held a backlog of first workflow tasks far beyond its and the worker's caches, and linked about
// one link a second. Paced, the links being worked on stay few and the rest wait as list rows.
import { Context } from '@temporalio/activity';
import type { Client } from '@temporalio/client';

const newLinks = "WorkflowType = 'linkWorkflow' AND ExecutionStatus = 'Running' AND SyncLinkState = 'new'";

/** How often the count is asked while waiting: one cheap visibility query. */
const CHECK_EVERY_MS = 1_000;
/** How often the index is asked whether it shows the links just started, and for how long. */
const INDEX_CHECK_EVERY_MS = 200;
const INDEX_WAIT_MS = 30_000;

/** Paces one listing's chunks. */
export interface Pacer {
  /** The most new links one chunk may start. */
  maxChunk: number;
  /** Waits until the last chunk's links are started and counted, and `count` more fit. */
  beforeChunk(count: number): Promise<void>;
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
      return {
        maxChunk: size,
        async beforeChunk(count) {
          const context = Context.current();
          if (lastChunk) await shownInIndex(lastChunk, context);
          for (;;) {
            const { count: waiting } = await client.workflow.count(newLinks);
            if (waiting + count <= size) return;
            // The details show in the Web UI's pending activity: why the listing is not moving.
            context.heartbeat({ waitingForNewLinks: waiting, window: size });
            await context.sleep(CHECK_EVERY_MS);
          }
        },
        started(deliveries) {
          lastChunk = deliveries;
        },
      };
    },
  };

  /** Until the index shows every link these deliveries started: then the count of new ones holds them. */
  async function shownInIndex(deliveries: Map<string, Promise<unknown>>, context: Context): Promise<void> {
    // Settled: a failed delivery fails the page where it is awaited, not here.
    const outcomes = await Promise.allSettled(deliveries.values());
    const ids = [...deliveries.keys()].filter((_, i) => outcomes[i]!.status === 'fulfilled');
    if (ids.length === 0) return;
    const query = `WorkflowId IN (${ids.map((id) => `'${id}'`).join(', ')})`;
    // Bounded: a link deleted meanwhile never shows, and a count short by a few links is harmless.
    const deadline = Date.now() + INDEX_WAIT_MS;
    while ((await client.workflow.count(query)).count < ids.length && Date.now() < deadline) {
      context.heartbeat();
      await context.sleep(INDEX_CHECK_EVERY_MS);
    }
  }
}
