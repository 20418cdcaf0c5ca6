// One long-running workflow per system and datatype: polls for records changed since its cursor
// and hands each to its link. The cursor lives in workflow state, so it survives every restart.
import {
  ActivityFailure,
  continueAsNew,
  defineQuery,
  defineSignal,
  proxyActivities,
  setHandler,
  condition,
  workflowInfo,
} from '@temporalio/workflow';
import type { FeedActivities, FeedCursor, PollChangesResult } from '../activities/feedActivities.js';
import type { Duration } from '@temporalio/common';
import ms from 'ms';
import { pauseAfter } from './pollPause.js';
import { apiTaskQueue } from '../ids.js';
import type { SystemName } from '../systems/system.js';

export interface ChangeFeedInput {
  system: SystemName;
  datatype: string;
  /** From the start of one poll to the start of the next, e.g. `3s`. */
  pollInterval: Duration;
  cursor?: FeedCursor;
  /** The run before's last poll, so that `status` shows it across a continue-as-new. */
  lastPoll?: Pick<FeedSnapshot, 'lastPollAt' | 'lastResult' | 'lastError'>;
}

export interface FeedSnapshot {
  cursor: FeedCursor;
  polls: number;
  lastPollAt?: string;
  lastResult?: PollChangesResult;
  /** Why the last poll failed for good (e.g. a page the API sent in a shape its contract forbids). */
  lastError?: string;
}

export const getFeedStateQuery = defineQuery<FeedSnapshot>('getFeedState');
/** Polls now instead of at the end of the pause (tests and `resync` use it). */
export const pollNowSignal = defineSignal('pollNow');

// A restarted worker replays each feed's run, all nine at once on its one workflow thread: 11
// history events a poll, about 0.45 s of replay for 50 polls alone and 1.3 s for 177. At 500 polls
// a run that would be some 30 s, beyond the 10 s workflow task timeout.
const POLLS_PER_RUN = 50;

export async function changeFeedWorkflow(input: ChangeFeedInput): Promise<void> {
  const { pollChanges } = proxyActivities<FeedActivities>({
    taskQueue: apiTaskQueue(input.system),
    // A first listing lasts as long as its links take to start (over 30 minutes for the 13400
    // contact persons of N=20000), and a listing cut short starts over: the heartbeat timeout,
    // not this, is what notices a worker that died.
    startToCloseTimeout: '24h',
    heartbeatTimeout: '20s',
    retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1m' },
  });
  const state: FeedSnapshot = { cursor: input.cursor ?? { seen: [] }, polls: 0, ...input.lastPoll };
  let pollRequested = false;
  setHandler(getFeedStateQuery, () => state);
  setHandler(pollNowSignal, () => {
    pollRequested = true;
  });

  const intervalMs = typeof input.pollInterval === 'number' ? input.pollInterval : ms(input.pollInterval);
  while (state.polls < POLLS_PER_RUN && !workflowInfo().continueAsNewSuggested) {
    const startedAt = new Date().getTime(); // workflow time: the sandbox makes it deterministic
    try {
      state.lastResult = await pollChanges({
        system: input.system,
        datatype: input.datatype,
        cursor: state.cursor,
      });
      state.cursor = state.lastResult.cursor;
      state.lastError = undefined;
    } catch (error) {
      // A permanent failure stops this poll, not the feed: the cursor stays, the next poll tries again.
      if (!(error instanceof ActivityFailure)) throw error;
      state.lastError = error.cause?.message ?? error.message;
    }
    state.polls += 1;
    state.lastPollAt = new Date().toISOString();
    pollRequested = false;
    await condition(() => pollRequested, pauseAfter(new Date().getTime() - startedAt, intervalMs));
  }
  const { cursor, lastPollAt, lastResult, lastError } = state;
  await continueAsNew<typeof changeFeedWorkflow>({
    ...input,
    cursor,
    lastPoll: { lastPollAt, lastResult, lastError },
  });
}
