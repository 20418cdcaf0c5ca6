// The reconciliation sweep of one datatype: read every record (paged), hand each to its link —
// a link takes only what is newer than what it has seen, so this repairs what the feed missed —
// and tell the links whose record was not among them to check it: deletes are seen only this way.
import { Context } from '@temporalio/activity';
import { WorkflowNotFoundError, type Client, type WorkflowExecutionInfo } from '@temporalio/client';
import { SyncAId, SyncBId } from '../searchAttributes.js';
import type { SystemName } from '../systems/system.js';
import { verifyRecordSignal } from '../workflows/linkMessages.js';
import type { Adapters } from './apiActivities.js';
import { flowsFedBy, type createDelivery } from './delivery.js';
import type { FeedOptions } from './feedActivities.js';
import { asActivity } from './failures.js';
import { heartbeat } from './heartbeat.js';

export interface SweepDatatypeInput {
  system: SystemName;
  datatype: string;
}

export interface SweepDatatypeResult extends SweepDatatypeInput {
  records: number;
  delivered: number;
  unrouted: number;
  /** Per flow: linked links whose record on this side was not found, told to check it. */
  missing: Record<string, number>;
  /** Per flow (A side only): links waiting for a dependency, told to look for a match again. */
  waiting: Record<string, number>;
}

export function createSweepActivities(
  adapters: Adapters,
  client: Client,
  delivery: ReturnType<typeof createDelivery>,
  options: FeedOptions,
) {
  /** Sends the verify signal to the links a visibility query finds that `wanted` picks; how many. */
  async function signalAll(
    query: string,
    side: 'a' | 'b',
    wanted: (link: WorkflowExecutionInfo) => boolean,
  ): Promise<number> {
    let signalled = 0;
    for await (const link of client.workflow.list({ query })) {
      heartbeat({ signalled });
      if (!wanted(link)) continue;
      try {
        await client.workflow.getHandle(link.workflowId).signal(verifyRecordSignal, { side });
        signalled += 1;
      } catch (error) {
        // A link that ended since the query needs no word.
        if (!(error instanceof WorkflowNotFoundError)) throw error;
      }
    }
    return signalled;
  }

  return {
    async sweepDatatype({ system, datatype }: SweepDatatypeInput): Promise<SweepDatatypeResult> {
      return asActivity(async () => {
        const context = Context.current();
        const ids = new Set<string>();
        const result: SweepDatatypeResult = {
          system,
          datatype,
          records: 0,
          delivered: 0,
          unrouted: 0,
          missing: {},
          waiting: {},
        };
        for await (const { records: page } of adapters[system].listChanged(
          { datatype, pageSize: options.pageSize },
          { signal: context.cancellationSignal },
        )) {
          for (const record of page) ids.add(record.id);
          const delivered = await delivery.deliverPage(system, datatype, page);
          result.records += page.length;
          result.delivered += delivered.delivered;
          result.unrouted += delivered.unrouted.length;
          heartbeat({ records: result.records });
        }
        for (const { flow, side } of flowsFedBy(system, datatype)) {
          const idOnThisSide = side === 'a' ? SyncAId : SyncBId;
          // The link reads the record before it believes it gone: it may be newer than this listing.
          result.missing[flow.name] = await signalAll(
            `SyncFlow = '${flow.name}' AND SyncLinkState = 'linked' AND ExecutionStatus = 'Running'`,
            side,
            (link) => {
              const id = link.typedSearchAttributes.get(idOnThisSide);
              return Boolean(id) && !ids.has(id!);
            },
          );
          // A B record made since a waiting link searched is seen by no feed (it has no link's
          // marker): the sweep has the link search again (DATAFLOWS.md rule 2, "a later match"),
          // with the copy of its A record just handed to it, so only one that was listed.
          if (side === 'a') {
            result.waiting[flow.name] = await signalAll(
              `SyncFlow = '${flow.name}' AND SyncLinkState = 'waiting-for-dependency' AND ExecutionStatus = 'Running'`,
              side,
              (link) => ids.has(link.typedSearchAttributes.get(idOnThisSide) ?? ''),
            );
          }
        }
        return result;
      });
    },
  };
}

export type SweepActivities = ReturnType<typeof createSweepActivities>;
