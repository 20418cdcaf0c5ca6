// Handing records read from a system to the links that own them: an A record to its link in every
// flow it feeds, a B record to the link that holds it (by origin marker, else by the link's
// `SyncBId` search attribute). Shared by the change feeds and the reconciliation sweep.
import { log } from '@temporalio/activity';
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import pLimit from 'p-limit';
import { linkWorkflowId, parseOriginMarker } from '../ids.js';
import { flows } from '../mappings/index.js';
import { recordName } from '../mappings/recordName.js';
import type { FlowDefinition } from '../mappings/flow.js';
import type { Adapters } from './apiActivities.js';
import type { BackfillWindow } from './backfillWindow.js';
import { heartbeat } from './heartbeat.js';
import type { OwnWrites } from './ownWrites.js';
import { pageCandidates } from './pageCandidates.js';
import { unlistedParents } from './unlistedParents.js';
import { SyncBId } from '../searchAttributes.js';
import { originMarkerFields } from '../systems/originMarkerFields.js';
import type { SyncRecord, SystemName } from '../systems/system.js';
import { recordChangedSignal, type RecordChangedInput } from '../workflows/linkMessages.js';
import { startLinkOptions } from '../workflows/startLinkOptions.js';

export interface Delivered {
  delivered: number;
  /** B records no link owns (made in B, or linked so recently the search index does not show it yet). */
  unrouted: SyncRecord[];
}

/** The flows one system's datatype feeds, with the side it is on in each. */
export function flowsFedBy(
  system: SystemName,
  datatype: string,
): Array<{ flow: FlowDefinition; side: 'a' | 'b' }> {
  return flows.flatMap((flow) =>
    (['a', 'b'] as const)
      .filter((side) => flow[side].system === system && flow[side].datatype === datatype)
      .map((side) => ({ flow, side })),
  );
}

export interface DeliveryOptions {
  /**
   * A feed's first listing: new links get their B candidates found a page at a time
   * (pageCandidates), and children whose parent A record is absent are told so (unlistedParents).
   */
  firstListing?: boolean;
}

/** New A records searched for in one go (see pageCandidates): about 10 paced v1 calls. */
const MATCH_CHUNK = 100;

export interface DeliveryDependencies {
  client: Client;
  adapters: Adapters;
  ownWrites: OwnWrites;
  /** Deliveries in flight at once. */
  concurrency: number;
  /** Paces the links a first listing starts. */
  backfillWindow: BackfillWindow;
}

export function createDelivery({
  client,
  adapters,
  ownWrites,
  concurrency,
  backfillWindow,
}: DeliveryDependencies) {
  const limit = pLimit(concurrency);

  /** `isNew`: the link most likely does not exist yet (a feed's first listing). */
  const deliver = async (system: SystemName, linkId: string, change: RecordChangedInput, isNew = false) => {
    // The link wrote this very copy itself: it is no news to it.
    if (ownWrites.take(linkId, system, change.record)) return;
    // Throttled by the SDK: shows progress through a long page of deliveries.
    heartbeat();
    // A link the feed starts has its record's name in the memo from the start: no later upsert.
    const name = change.side === 'a' ? recordName(change.record.data) : undefined;
    if (isNew) {
      // Started eagerly, the link's first workflow task comes back with the start, to this
      // process's workflow worker, instead of through the server's task queue.
      try {
        await client.workflow.start('linkWorkflow', {
          ...startLinkOptions(linkId, name, change),
          requestEagerStart: true,
        });
        return;
      } catch (error) {
        if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
      }
    }
    await client.workflow.signalWithStart('linkWorkflow', {
      ...startLinkOptions(linkId, name),
      signal: recordChangedSignal,
      signalArgs: [change],
    });
  };

  /** The link ids owning these B records. */
  async function routeB(flow: FlowDefinition, records: SyncRecord[]): Promise<Map<SyncRecord, string>> {
    const routes = new Map<SyncRecord, string>();
    const unmarked: SyncRecord[] = [];
    const markerField = originMarkerFields[flow.b.datatype];
    for (const record of records) {
      const marker = markerField ? parseOriginMarker(record.data[markerField]) : undefined;
      if (marker?.datatype === flow.a.datatype) routes.set(record, linkWorkflowId(flow.name, marker.aId));
      else unmarked.push(record);
    }
    for (let start = 0; start < unmarked.length; start += 100) {
      const chunk = unmarked.slice(start, start + 100);
      const ids = chunk.map((record) => `'${record.id}'`).join(', ');
      const owners = new Map<string, string>();
      for await (const link of client.workflow.list({
        query: `SyncFlow = '${flow.name}' AND SyncBId IN (${ids})`,
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

  /** The links of a chunk's parents that a listing of A holds, which their own feed starts. */
  function parentLinks(flow: FlowDefinition, chunk: SyncRecord[], unlisted: Set<SyncRecord>): string[] {
    const edge = flow.parent;
    if (!edge) return [];
    const ids = chunk.filter((record) => !unlisted.has(record)).map((record) => edge.aId(record.data));
    return [...new Set(ids.filter((id) => id !== undefined))].map((id) => linkWorkflowId(edge.flow, id));
  }

  return {
    async deliverPage(
      system: SystemName,
      datatype: string,
      listed: SyncRecord[],
      { firstListing = false }: DeliveryOptions = {},
    ): Promise<Delivered> {
      // A record sent without a readable id has no link to park: it is told here, and the rest go on.
      for (const record of listed.filter((record) => !record.id)) {
        log.warn('A listed record cannot be routed to its link', {
          system,
          datatype,
          problem: record.problem,
        });
      }
      const records = listed.filter((record) => record.id);
      const deliveries: Array<Promise<void>> = [];
      const unrouted: SyncRecord[] = [];
      for (const { flow, side } of flowsFedBy(system, datatype)) {
        if (side === 'a') {
          const orphans = firstListing
            ? await unlistedParents(adapters, flow, records)
            : new Set<SyncRecord>();
          // Matched a chunk at a time: each chunk's searches end well within the heartbeat timeout,
          // and its links start while the next chunk is searched for. A first listing starts a
          // chunk only when the window has room, and searches just before, so candidates are fresh.
          const pacer = firstListing ? backfillWindow.pacer() : undefined;
          const chunkSize = Math.min(MATCH_CHUNK, pacer?.maxChunk ?? MATCH_CHUNK);
          for (let start = 0; start < records.length; start += chunkSize) {
            const chunk = records.slice(start, start + chunkSize);
            await pacer?.beforeChunk(chunk.length, parentLinks(flow, chunk, orphans));
            const found = firstListing ? await pageCandidates(adapters, flow, chunk) : new Map();
            heartbeat();
            const started = new Map(
              chunk.map((record) => {
                const linkId = linkWorkflowId(flow.name, record.id);
                const change = {
                  side,
                  record,
                  ...found.get(record),
                  ...(orphans.has(record) && { parentUnlisted: true }),
                };
                return [linkId, limit(() => deliver(system, linkId, change, firstListing))];
              }),
            );
            deliveries.push(...started.values());
            pacer?.started(started);
          }
          continue;
        }
        const routes = await routeB(flow, records);
        for (const [record, linkId] of routes) {
          deliveries.push(limit(() => deliver(system, linkId, { side, record })));
        }
        unrouted.push(...records.filter((record) => !routes.has(record)));
      }
      await Promise.all(deliveries);
      return { delivered: deliveries.length, unrouted };
    },
  };
}
