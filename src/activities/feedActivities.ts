// Reading one datatype's changes since a cursor and handing each changed record to its link(s).
import { Context } from '@temporalio/activity';
import { z } from 'zod';
import type { SyncRecord, SystemName } from '../systems/system.js';
import type { Adapters } from './apiActivities.js';
import type { createDelivery } from './delivery.js';
import { asActivity } from './failures.js';
import { heartbeatProgress, previousProgress } from './heartbeat.js';

export interface FeedCursor {
  /**
   * The newest last-changed seen, kept within an overlap of the last poll's start (see nextSince);
   * ISO 8601, absent before the first poll.
   */
  since?: string;
  /** `id@lastChanged` of the records delivered within the overlap window before `since`. */
  seen: string[];
}

export interface PollChangesInput {
  system: SystemName;
  datatype: string;
  cursor: FeedCursor;
}

export interface PollChangesResult {
  cursor: FeedCursor;
  /** Records handed to links. */
  delivered: number;
  /** B records no link owns (made in B, or not linked yet). */
  unrouted: number;
}

export interface FeedOptions {
  /**
   * How far back each poll reaches before the newest timestamp seen. Covers records that share the
   * cursor's timestamp, writes that land while a page is read, and v1's replica lag.
   */
  overlapMs: number;
  pageSize: number;
  /** Deliveries in flight at once. */
  concurrency: number;
}

const seenKey = (record: SyncRecord) => `${record.id}@${record.lastChanged}`;
const msOf = (key: string) => Date.parse(key.slice(key.indexOf('@') + 1));

/**
 * How far a poll has come, heartbeated after each page: an attempt that follows a worker's death or
 * a failure goes on from there instead of handing every record over again (at N = 20000 a first
 * listing takes the best part of an hour). An older worker's details, in another shape, start over.
 */
const PollProgress = z.object({
  /** When the first attempt began, on this machine's clock: the next poll must not start later. */
  startedAt: z.number(),
  /** The newest last-changed listed so far (the cursor's, before the first page). */
  newest: z.string().optional(),
  /** The listing's position after the last page handed over in full. */
  position: z.string().optional(),
  delivered: z.number(),
  unrouted: z.number(),
});
type PollProgress = z.infer<typeof PollProgress>;

/**
 * The next poll's cursor: the newest last-changed listed, but no later than this poll's start and no
 * earlier than an overlap before it. Pages come in id order, so a record edited while the listing
 * ran may sit on a page already read: the next poll starts no later than this one did. And a change
 * that was an overlap old when this poll started was listed by it, so a burst of changes (an import,
 * a seed) is listed again for an overlap or two, not at every poll until something newer comes:
 * idle polls cost the same whatever the burst's size. `startedAt` is on the API's clock (see
 * ServerClock); the lower bound takes a write to be listed within the overlap. In epoch ms.
 */
function nextSince(newest: string | undefined, startedAt: number, overlapMs: number): number {
  const newestMs = newest === undefined ? -Infinity : Date.parse(newest);
  return Math.min(Math.max(newestMs, startedAt - overlapMs), startedAt);
}

export function createFeedActivities(
  adapters: Adapters,
  delivery: ReturnType<typeof createDelivery>,
  options: FeedOptions,
) {
  return {
    async pollChanges({ system, datatype, cursor }: PollChangesInput): Promise<PollChangesResult> {
      return asActivity(async () => {
        const since = cursor.since
          ? new Date(Date.parse(cursor.since) - options.overlapMs).toISOString()
          : undefined;
        const seen = new Set(cursor.seen);
        const resumed = PollProgress.safeParse(previousProgress()).data;
        const progress: PollProgress = resumed ?? {
          startedAt: Date.now(),
          newest: cursor.since,
          delivered: 0,
          unrouted: 0,
        };
        // Only this attempt's: a record within the overlap that an earlier attempt handed over may
        // come to its link once more, which drops it as seen.
        const keys: string[] = [];

        for await (const { records: page, position } of adapters[system].listChanged(
          { datatype, since, pageSize: options.pageSize, after: resumed?.position },
          { signal: Context.current().cancellationSignal },
        )) {
          // Oldest change first: the edit that waited longest for this poll is not kept waiting longer.
          const fresh = page
            .filter((record) => !seen.has(seenKey(record)))
            .sort((x, y) => Date.parse(x.lastChanged) - Date.parse(y.lastChanged));
          // The first listing is the backfill: its new links are given what a page at a time finds.
          const result = await delivery.deliverPage(system, datatype, fresh, {
            firstListing: cursor.since === undefined,
          });
          progress.delivered += result.delivered;
          progress.unrouted += result.unrouted.length;
          // An unrouted record is not marked seen: within the overlap window the next poll routes
          // it again, which catches a link made by matching seconds ago that search does not show yet.
          const retry = new Set(result.unrouted);
          for (const record of fresh) if (!retry.has(record)) keys.push(seenKey(record));
          for (const { lastChanged } of page) {
            const { newest } = progress;
            if (!newest || Date.parse(lastChanged) > Date.parse(newest)) progress.newest = lastChanged;
          }
          progress.position = position;
          heartbeatProgress(progress);
        }

        const { startedAt, newest, delivered, unrouted } = progress;
        // On the API's clock, as this process last saw it (an attempt on another worker took
        // `startedAt` on that worker's clock: a small error, on a poll cut short).
        const nextMs = nextSince(newest, adapters[system].apiTime(startedAt), options.overlapMs);
        const windowStart = nextMs - options.overlapMs;
        const stillSeen = [...new Set([...cursor.seen, ...keys])].filter((key) => msOf(key) >= windowStart);
        const next = { since: new Date(nextMs).toISOString(), seen: stillSeen };
        return { cursor: next, delivered, unrouted };
      });
    },
  };
}

export type FeedActivities = ReturnType<typeof createFeedActivities>;
