// `backfill`: the first full sync, watched. Starts the feeds (or asks running ones to poll now), shows
// progress until every link has settled, then a summary per flow.
import type { Client } from '@temporalio/client';
import { Command } from 'commander';
import { feedWorkflowId } from '../../ids.js';
import { datatypesInUse } from '../../mappings/index.js';
import { getFeedStateQuery, pollNowSignal } from '../../workflows/changeFeedWorkflow.js';
import { askWorker, workerAnswerDeadline } from '../askWorker.js';
import { backfillProgress } from '../backfillProgress.js';
import { CliError } from '../cliError.js';
import { countFlows, renderFlowCounts } from '../flowCounts.js';
import { parseDuration } from '../options.js';
import { startFeeds } from '../startFeeds.js';
import { withClient } from '../temporalClient.js';
import { describeCounts } from '../visibility.js';
import { watchBackfill } from '../watchBackfill.js';
import { loadWorkerConfig } from '../workerConfig.js';

interface BackfillOptions {
  timeout: number;
  json?: boolean;
}

/** A feed that was already running may be a minute from its next poll: its last poll, then poll now. */
async function pollRunningFeedsNow(
  client: Client,
  feeds: string[],
): Promise<Map<string, string | undefined>> {
  const deadline = workerAnswerDeadline();
  return new Map(
    await Promise.all(
      feeds.map(async (workflowId) => {
        const handle = client.workflow.getHandle(workflowId);
        const state = await askWorker(client, deadline, () => handle.query(getFeedStateQuery));
        await handle.signal(pollNowSignal);
        return [workflowId, state?.lastPollAt] as const;
      }),
    ),
  );
}

export function backfillCommand(): Command {
  return new Command('backfill')
    .description(
      'Run the first full sync: start the feeds, show progress until every link has settled, summarize.',
    )
    .option(
      '--timeout <duration>',
      'give up waiting after this long, e.g. 30s, 10m, 1h',
      parseDuration,
      30 * 60_000,
    )
    .option('--json', 'machine output: the summary as {settled, seconds, counts, flows}')
    .action((options: BackfillOptions) =>
      withClient(async (client) => {
        const startedAt = Date.now();
        const config = loadWorkerConfig();
        const { started, alreadyRunning } = await startFeeds(client, config);
        const feeds = datatypesInUse().map(({ system, datatype }) => feedWorkflowId(system, datatype));
        const lastPollBefore = await pollRunningFeedsNow(
          client,
          feeds.filter((feed) => alreadyRunning.includes(feed)),
        );
        for (const feed of feeds.filter((id) => started.includes(id))) lastPollBefore.set(feed, undefined);

        const progress = backfillProgress();
        const outcome = await watchBackfill(client, {
          startedAt,
          lastPollBefore,
          intervalMs: parseDuration(config.SYNC_POLL_INTERVAL),
          timeoutMs: options.timeout,
          progress,
        }).finally(() => progress.stop());

        const flows = await countFlows(client);
        const seconds = Number((outcome.elapsedMs / 1000).toFixed(1));
        if (options.json) {
          const { settled, counts } = outcome;
          console.log(JSON.stringify({ settled, seconds, counts, flows }, null, 2));
        } else {
          console.log(`\n${renderFlowCounts(flows)}\n`);
          console.log(
            `Backfill ${outcome.settled ? 'done' : 'stopped'} after ${seconds} s: ${describeCounts(outcome.counts)}.`,
          );
        }
        if (!outcome.settled) {
          throw new CliError(
            `Backfill did not settle within ${seconds} s (${outcome.counts.new} link(s) still new). ` +
              'It goes on in the background; follow it with: poweroffice-sync status',
          );
        }
      }),
    );
}
