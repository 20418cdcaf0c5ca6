// Reading one datatype's changes and handing each changed record to its link(s).
import { Context } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import pLimit from 'p-limit';
import { linkWorkflowId, parseOriginMarker } from '../ids.js';
import { flows } from '../mappings/index.js';
import { originMarkerFields } from '../systems/originMarkerFields.js';
import type { SyncRecord, SystemName } from '../systems/system.js';
import { SyncBId } from '../searchAttributes.js';
import { recordChangedSignal } from '../workflows/linkMessages.js';
import { startLinkOptions } from '../workflows/startLinkOptions.js';
import type { Adapters } from './apiActivities.js';
import { asActivity } from './failures.js';

export interface FeedCursor {
  /** The newest last-changed seen, ISO 8601; absent before the first poll. */
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

export function createFeedActivities(adapters: Adapters, client: Client, options: FeedOptions) {
  const deliver = async (linkId: string, side: 'a' | 'b', record: SyncRecord) => {
    // Throttled by the SDK: shows progress through a long page of deliveries.
    Context.current().heartbeat();
    await client.workflow.signalWithStart('linkWorkflow', {
      ...startLinkOptions(linkId),
      signal: recordChangedSignal,
      signalArgs: [{ side, record }],
    });
  };

  /** The link ids owning these B records: by origin marker, else by the link's `SyncBId` search attribute. */
  async function routeB(flowName: string, aDatatype: string, bDatatype: string, records: SyncRecord[]) {
    const routes = new Map<SyncRecord, string>();
    const unmarked: SyncRecord[] = [];
    const markerField = originMarkerFields[bDatatype];
    for (const record of records) {
      const marker = markerField ? parseOriginMarker(record.data[markerField]) : undefined;
      if (marker?.datatype === aDatatype) routes.set(record, linkWorkflowId(flowName, marker.aId));
      else unmarked.push(record);
    }
    for (let start = 0; start < unmarked.length; start += 100) {
      const chunk = unmarked.slice(start, start + 100);
      const ids = chunk.map((record) => `'${record.id}'`).join(', ');
      const owners = new Map<string, string>();
      for await (const link of client.workflow.list({
        query: `SyncFlow = '${flowName}' AND SyncBId IN (${ids})`,
      })) {
        const bId = link.typedSearchAttributes.get(SyncBId);
        if (bId) owners.set(bId, link.workflowId);
      }
      for (const record of chunk) {
        const owner = owners.get(record.id);
        if (owner) routes.set(record, owner);
      }
    }
    return routes;
  }

  return {
    async pollChanges({ system, datatype, cursor }: PollChangesInput): Promise<PollChangesResult> {
      return asActivity(async () => {
        const context = Context.current();
        const startedAt = Date.now();
        const fedFlows = flows.filter(
          (flow) =>
            (flow.a.system === system && flow.a.datatype === datatype) ||
            (flow.b.system === system && flow.b.datatype === datatype),
        );
        const since = cursor.since
          ? new Date(Date.parse(cursor.since) - options.overlapMs).toISOString()
          : undefined;
        const seen = new Set(cursor.seen);
        const limit = pLimit(options.concurrency);
        let newest = cursor.since;
        let delivered = 0;
        let unrouted = 0;
        const recent: string[] = [];
        const unroutedKeys = new Set<string>();

        for await (const page of adapters[system].listChanged(
          { datatype, since, pageSize: options.pageSize },
          { signal: context.cancellationSignal },
        )) {
          const fresh = page.filter((record) => !seen.has(seenKey(record)));
          const deliveries: Array<Promise<unknown>> = [];
          for (const flow of fedFlows) {
            if (flow.a.system === system) {
              for (const record of fresh) {
                deliveries.push(limit(() => deliver(linkWorkflowId(flow.name, record.id), 'a', record)));
              }
            } else {
              const routes = await routeB(flow.name, flow.a.datatype, datatype, fresh);
              unrouted += fresh.length - routes.size;
              for (const [record, linkId] of routes)
                deliveries.push(limit(() => deliver(linkId, 'b', record)));
              // Not marked seen: within the overlap window the next poll routes it again, which
              // catches a link made by matching seconds ago that the search index does not show yet.
              for (const record of fresh) if (!routes.has(record)) unroutedKeys.add(seenKey(record));
            }
          }
          await Promise.all(deliveries);
          delivered += deliveries.length;
          for (const record of page) {
            recent.push(seenKey(record));
            if (!newest || Date.parse(record.lastChanged) > Date.parse(newest)) newest = record.lastChanged;
          }
          context.heartbeat({ delivered });
        }

        // Pages come in id order: a record edited while the listing ran may sit on a page already
        // read, so the next poll starts no later than this one did (the overlap covers clock skew).
        if (newest && Date.parse(newest) > startedAt) newest = new Date(startedAt).toISOString();
        const windowStart = newest ? Date.parse(newest) - options.overlapMs : 0;
        const stillSeen = [...cursor.seen, ...recent.filter((key) => !unroutedKeys.has(key))].filter(
          (key) => Date.parse(key.slice(key.indexOf('@') + 1)) >= windowStart,
        );
        return { cursor: { since: newest, seen: [...new Set(stillSeen)] }, delivered, unrouted };
      });
    },
  };
}

export type FeedActivities = ReturnType<typeof createFeedActivities>;
