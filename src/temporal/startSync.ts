// Starts the change feeds — one per system and datatype the flows use — which start every link.
// Idempotent: a feed already running is left as it is.
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import type { Environment } from '../config.js';
import { feedWorkflowId, WORKFLOW_TASK_QUEUE } from '../ids.js';
import { flows } from '../mappings/index.js';
import { createAdapters } from '../systems/adapters.js';
import type { SystemName } from '../systems/system.js';
import type { ChangeFeedInput } from '../workflows/changeFeedWorkflow.js';

/** Every system and datatype some flow reads, once each. */
export function feedsToRun(): Array<{ system: SystemName; datatype: string }> {
  const sides = flows.flatMap((flow) => [flow.a, flow.b]);
  const unique = new Map(sides.map((side) => [feedWorkflowId(side.system, side.datatype), side]));
  return [...unique.values()].map(({ system, datatype }) => ({ system, datatype }));
}

export async function startSync(
  client: Client,
  config: Environment,
): Promise<{ started: string[]; alreadyRunning: string[] }> {
  const adapters = createAdapters(config);
  const started: string[] = [];
  const alreadyRunning: string[] = [];
  for (const { system, datatype } of feedsToRun()) {
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
