// Forced resync: signals one link, every link of a flow, or every link. Each link then re-reads
// both sides and rewrites what differs (DATAFLOWS.md rule 9).
import type { Client } from '@temporalio/client';
import pLimit from 'p-limit';
import { linkWorkflowId } from '../ids.js';
import { flowNamed } from '../mappings/index.js';
import { forceResyncSignal } from '../workflows/linkMessages.js';

export type ResyncTarget = { flow: string; aId: string } | { flow: string } | 'all';

export async function resync(client: Client, target: ResyncTarget): Promise<number> {
  if (target !== 'all' && 'aId' in target) {
    await client.workflow
      .getHandle(linkWorkflowId(flowNamed(target.flow).name, target.aId))
      .signal(forceResyncSignal);
    return 1;
  }
  const flowFilter = target === 'all' ? '' : ` AND SyncFlow = '${flowNamed(target.flow).name}'`;
  const limit = pLimit(32);
  const signals: Array<Promise<void>> = [];
  for await (const link of client.workflow.list({
    query: `WorkflowType = 'linkWorkflow' AND ExecutionStatus = 'Running'${flowFilter}`,
  })) {
    signals.push(limit(() => client.workflow.getHandle(link.workflowId).signal(forceResyncSignal)));
  }
  await Promise.all(signals);
  return signals.length;
}
