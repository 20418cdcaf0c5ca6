// The chaos begins once the sync is under way: half the suppliers linked (or the cap reached), so
// there are v1 records to edit and conflicts to make while the rest is still being created.
import type { Client } from '@temporalio/client';

const SHARE = 0.5;

export async function warmUp(client: Client, suppliers: number, capMs: number): Promise<number> {
  const startedAt = Date.now();
  const wanted = Math.ceil(suppliers * SHARE);
  const query =
    `WorkflowType = 'linkWorkflow' AND ExecutionStatus = 'Running' AND SyncFlow = 'supplier-contact' ` +
    `AND SyncLinkState = 'linked'`;
  while (Date.now() - startedAt < capMs) {
    const { count } = await client.workflow.count(query).catch(() => ({ count: 0 }));
    if (count >= wanted) break;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  return Date.now() - startedAt;
}
