// Watches a backfill until it has settled — every feed has finished a poll since it began, no link is
// still `new`, and the counts have stayed the same for a few polls — or until its timeout.
import type { Client } from '@temporalio/client';
import { setTimeout as sleep } from 'node:timers/promises';
import { getFeedStateQuery } from '../workflows/changeFeedWorkflow.js';
import { askWorker, workerAnswerDeadline } from './askWorker.js';
import type { BackfillProgress } from './backfillProgress.js';
import { countGroups, type GroupCounts } from './visibility.js';

/** Polls in a row with the same counts before a backfill counts as done. */
const STABLE_POLLS = 3;

export interface WatchBackfillInput {
  startedAt: number;
  /** Each feed's workflow id and its last poll's time when the backfill began (a poll count restarts on continue-as-new). */
  lastPollBefore: Map<string, string | undefined>;
  intervalMs: number;
  timeoutMs: number;
  progress: BackfillProgress;
}

export interface BackfillOutcome {
  settled: boolean;
  counts: GroupCounts;
  elapsedMs: number;
}

export async function watchBackfill(client: Client, input: WatchBackfillInput): Promise<BackfillOutcome> {
  const pending = new Map(input.lastPollBefore);
  let previous = '';
  let stablePolls = 0;
  for (;;) {
    await Promise.all(
      [...pending].map(async ([workflowId, before]) => {
        const ask = () => client.workflow.getHandle(workflowId).query(getFeedStateQuery);
        const feed = await askWorker(client, workerAnswerDeadline(), ask);
        if (feed?.lastPollAt && feed.lastPollAt !== before) pending.delete(workflowId);
      }),
    );
    const counts = await countGroups(client);
    const elapsedMs = Date.now() - input.startedAt;
    input.progress.show({ counts, elapsedMs, feedsPending: pending.size });
    const now = JSON.stringify(counts);
    stablePolls = pending.size === 0 && counts.new === 0 && now === previous ? stablePolls + 1 : 0;
    previous = now;
    if (stablePolls >= STABLE_POLLS) return { settled: true, counts, elapsedMs };
    if (elapsedMs >= input.timeoutMs) return { settled: false, counts, elapsedMs };
    await sleep(input.intervalMs);
  }
}
