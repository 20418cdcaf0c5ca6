// How a link workflow is started, wherever that happens (feeds, other links, the starter).
import { parseLinkWorkflowId, WORKFLOW_TASK_QUEUE } from '../ids.js';
import { SyncAId, SyncFlow, SyncLinkState } from '../searchAttributes.js';
import type { LinkInput, RecordChangedInput } from './linkMessages.js';

/**
 * `name`: what a person calls the A record, when the starter has it (kept in the memo).
 * `change`: the change to start with, when the link is started without a signal.
 */
export function startLinkOptions(linkId: string, name?: string, change?: RecordChangedInput) {
  const parsed = parseLinkWorkflowId(linkId);
  if (!parsed) throw new Error(`Not a link workflow id: ${linkId}`);
  const { flow, aId } = parsed;
  const input: LinkInput = { flow, aId, ...(change && { change }) };
  return {
    workflowId: linkId,
    taskQueue: WORKFLOW_TASK_QUEUE,
    args: [input] as [LinkInput],
    typedSearchAttributes: [
      { key: SyncFlow, value: flow },
      { key: SyncAId, value: aId },
      { key: SyncLinkState, value: 'new' },
    ],
    ...(name !== undefined && { memo: { name } }),
  };
}
