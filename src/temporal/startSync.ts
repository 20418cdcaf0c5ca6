// Starts the change feeds — one per system and datatype the flows use — which start every link,
// and schedules the reconciliation sweep. Idempotent: what already runs is left as it is.
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import type { Environment } from '../config.js';
import { feedWorkflowId, WORKFLOW_TASK_QUEUE } from '../ids.js';
import { datatypesInUse } from '../mappings/index.js';
import { createAdapters } from '../systems/adapters.js';
import { scheduleSweep, SWEEP_SCHEDULE_ID } from './sweep.js';
import type { ChangeFeedInput } from '../workflows/changeFeedWorkflow.js';

export async function startSync(
  client: Client,
  config: Environment,
): Promise<{ started: string[]; alreadyRunning: string[] }> {
  const sweepScheduled = await scheduleSweep(client, config.SYNC_SWEEP_CRON);
  const adapters = createAdapters(config);
  const started: string[] = sweepScheduled ? [SWEEP_SCHEDULE_ID] : [];
  const alreadyRunning: string[] = sweepScheduled ? [] : [SWEEP_SCHEDULE_ID];
  for (const { system, datatype } of datatypesInUse()) {
    const workflowId = feedWorkflowId(system, datatype);
    // A feed that costs a call per parent record (v1 contact persons) is polled less often.
    const perParent = adapters[system].perParentFeeds?.includes(datatype);
    const input: ChangeFeedInput = {
      system,
      datatype,
      pollInterval: perParent ? config.SYNC_PER_PARENT_POLL_INTERVAL : config.SYNC_POLL_INTERVAL,
    };
    try {
      await client.workflow.start('changeFeedWorkflow', {
        workflowId,
        taskQueue: WORKFLOW_TASK_QUEUE,
        args: [input],
      });
      started.push(workflowId);
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
      alreadyRunning.push(workflowId);
    }
  }
  return { started, alreadyRunning };
}
