// What each change feed last did: its last poll and that poll's result, read with the feed's query.
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { feedWorkflowId } from '../ids.js';
import { datatypesInUse } from '../mappings/index.js';
import { getFeedStateQuery } from '../workflows/changeFeedWorkflow.js';
import { askWorker } from './askWorker.js';

export interface FeedState {
  workflowId: string;
  system: string;
  datatype: string;
  /** The workflow's status, lower case (`running`, `terminated`…), or `not started`. */
  status: string;
  /** False when the feed runs but no worker answered its query. */
  answered: boolean;
  polls?: number;
  lastPollAt?: string;
  lastResult?: { delivered: number; unrouted: number };
}

async function readFeed(
  client: Client,
  deadline: number,
  { system, datatype }: { system: string; datatype: string },
): Promise<FeedState> {
  const workflowId = feedWorkflowId(system, datatype);
  const handle = client.workflow.getHandle(workflowId);
  const status = await handle.describe().then(
    (description) => description.status.name.toLowerCase().replaceAll('_', ' '),
    (error: unknown) => {
      if (error instanceof WorkflowNotFoundError) return 'not started';
      throw error;
    },
  );
  const feed = { workflowId, system, datatype, status };
  if (status !== 'running') return { ...feed, answered: true };
  const snapshot = await askWorker(client, deadline, () => handle.query(getFeedStateQuery));
  if (!snapshot) return { ...feed, answered: false };
  const { polls, lastPollAt, lastResult } = snapshot;
  return {
    ...feed,
    answered: true,
    polls,
    lastPollAt,
    lastResult: lastResult && { delivered: lastResult.delivered, unrouted: lastResult.unrouted },
  };
}

/** Every feed the flows need, in the starter's order. */
export function readFeeds(client: Client, deadline: number): Promise<FeedState[]> {
  return Promise.all(datatypesInUse().map((feed) => readFeed(client, deadline, feed)));
}
