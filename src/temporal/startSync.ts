// Starts the change feeds — one per system and datatype the flows use — which start every link.
// Idempotent: a feed already running is left as it is.
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import type { Duration } from '@temporalio/common';
import { feedWorkflowId, WORKFLOW_TASK_QUEUE } from '../ids.js';
import { flows } from '../mappings/index.js';
import type { SystemName } from '../systems/system.js';
import type { ChangeFeedInput } from '../workflows/changeFeedWorkflow.js';

export interface StartSyncOptions {
  pollInterval: Duration;
  /** For feeds that cost a call per parent record (v1 contact persons). */
  perParentPollInterval: Duration;
  /** Datatypes per system whose feed costs a call per parent. */
  perParentFeeds: Partial<Record<SystemName, readonly string[]>>;
}

/** Every system and datatype some flow reads, once each. */
export function feedsToRun(): Array<{ system: SystemName; datatype: string }> {
  const sides = flows.flatMap((flow) => [flow.a, flow.b]);
  const unique = new Map(sides.map((side) => [feedWorkflowId(side.system, side.datatype), side]));
  return [...unique.values()].map(({ system, datatype }) => ({ system, datatype }));
}

export async function startSync(
  client: Client,
  options: StartSyncOptions,
): Promise<{ started: string[]; alreadyRunning: string[] }> {
  const started: string[] = [];
  const alreadyRunning: string[] = [];
  for (const { system, datatype } of feedsToRun()) {
    const workflowId = feedWorkflowId(system, datatype);
    const perParent = options.perParentFeeds[system]?.includes(datatype);
    const input: ChangeFeedInput = {
      system,
      datatype,
      pollInterval: perParent ? options.perParentPollInterval : options.pollInterval,
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
