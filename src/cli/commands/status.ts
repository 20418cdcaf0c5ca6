// `status`: each flow's links by state, and when each change feed last polled and what it found.
import { Command } from 'commander';
import { noWorkerNote, workerAnswerDeadline } from '../askWorker.js';
import { readFeeds, type FeedState } from '../feedStates.js';
import { countFlows, renderFlowCounts } from '../flowCounts.js';
import { timeAgo } from '../formatTime.js';
import { renderTable } from '../table.js';
import { withClient } from '../temporalClient.js';

function feedRow(feed: FeedState): string[] {
  const result = feed.lastResult
    ? `delivered ${feed.lastResult.delivered}, unrouted ${feed.lastResult.unrouted}`
    : '';
  const lastPoll = feed.lastPollAt ? timeAgo(feed.lastPollAt) : feed.answered ? 'not yet' : 'no answer';
  return [feed.workflowId, feed.status, lastPoll, result];
}

export function statusCommand(): Command {
  return new Command('status')
    .description('Links per flow by state, and when each change feed last polled and what it found.')
    .option('--json', 'machine output: {flows: [{flow, states, parked, total}], feeds: [...]}')
    .action((options: { json?: boolean }) =>
      withClient(async (client) => {
        const [flows, feeds] = await Promise.all([
          countFlows(client),
          readFeeds(client, workerAnswerDeadline()),
        ]);
        if (options.json) return console.log(JSON.stringify({ flows, feeds }, null, 2));
        console.log(`Links\n\n${renderFlowCounts(flows)}\n`);
        console.log(
          `Change feeds\n\n${renderTable(['feed', 'status', 'last poll', 'last result'], feeds.map(feedRow))}`,
        );
        if (feeds.some((feed) => !feed.answered)) console.error(noWorkerNote('the feeds’ last polls are'));
      }),
    );
}
