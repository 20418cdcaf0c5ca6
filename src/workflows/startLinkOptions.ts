// How a link workflow is started, wherever that happens (feeds, other links, the starter).
import { WORKFLOW_TASK_QUEUE } from '../ids.js';
import { SyncAId, SyncFlow, SyncLinkState } from '../searchAttributes.js';
import type { LinkInput } from './linkMessages.js';

export function parseLinkId(linkId: string): { flow: string; aId: string } {
  const [kind, flow, aId] = linkId.split(':');
  if (kind !== 'link' || !flow || !aId) throw new Error(`Not a link workflow id: ${linkId}`);
  return { flow, aId };
}

export function startLinkOptions(linkId: string) {
  const { flow, aId } = parseLinkId(linkId);
  const input: LinkInput = { flow, aId };
  return {
    workflowId: linkId,
    taskQueue: WORKFLOW_TASK_QUEUE,
    args: [input] as [LinkInput],
    typedSearchAttributes: [
      { key: SyncFlow, value: flow },
      { key: SyncAId, value: aId },
      { key: SyncLinkState, value: 'new' },
    ],
  };
}
