// `links`: a flow's links — A id, B id, name, state, reason — ids, state and name from visibility
// (the name is in each link's memo), the reason from the link's own state (a query, answered by a worker).
import type { Client, WorkflowExecutionInfo } from '@temporalio/client';
import { Command } from 'commander';
import pLimit from 'p-limit';
import type { FlowDefinition } from '../../mappings/flow.js';
import { SyncAId, SyncBId, SyncLinkState } from '../../searchAttributes.js';
import { getLinkStateQuery } from '../../workflows/linkMessages.js';
import type { LinkStatus } from '../../workflows/linkState.js';
import { askWorker, noWorkerNote, workerAnswerDeadline } from '../askWorker.js';
import { linkName } from '../linkName.js';
import { LINK_STATES } from '../linkStates.js';
import { FLOW_NAMES, parseFlow, parsePositiveInteger, parseState } from '../options.js';
import { renderTable } from '../table.js';
import { withClient } from '../temporalClient.js';
import { linksQuery } from '../../temporal/linksQuery.js';

interface LinksOptions {
  flow: FlowDefinition;
  state?: LinkStatus;
  limit: number;
  json?: boolean;
}

interface LinkRow {
  workflowId: string;
  aId: string | null;
  bId: string | null;
  name: string | null;
  state: string | null;
  reason: string | null;
}

async function listLinks(
  client: Client,
  { flow, state, limit }: LinksOptions,
): Promise<WorkflowExecutionInfo[]> {
  const links: WorkflowExecutionInfo[] = [];
  const query = linksQuery({ flow: flow.name, states: state && [state] });
  for await (const link of client.workflow.list({ query, pageSize: Math.min(limit, 1000) })) {
    links.push(link);
    if (links.length === limit) break;
  }
  return links;
}

export function linksCommand(): Command {
  return new Command('links')
    .description('List a flow’s links: A id, B id, name, state and reason.')
    .requiredOption('--flow <flow>', `the flow: ${FLOW_NAMES}`, parseFlow)
    .option('--state <state>', `only links in this state: ${LINK_STATES.join(', ')}`, parseState)
    .option('--limit <n>', 'at most this many links', parsePositiveInteger, 50)
    .option('--json', 'machine output: [{workflowId, aId, bId, name, state, reason}]')
    .action((options: LinksOptions) =>
      withClient(async (client) => {
        const links = await listLinks(client, options);
        const deadline = workerAnswerDeadline();
        const limit = pLimit(16);
        let unanswered = 0;
        const rows = await Promise.all(
          links.map((link) =>
            limit(async (): Promise<LinkRow> => {
              const ask = () => client.workflow.getHandle(link.workflowId).query(getLinkStateQuery);
              const snapshot = await askWorker(client, deadline, ask);
              if (!snapshot) unanswered += 1;
              return {
                workflowId: link.workflowId,
                aId: link.typedSearchAttributes.get(SyncAId) ?? null,
                bId: link.typedSearchAttributes.get(SyncBId) ?? null,
                name:
                  (link.memo?.name as string | undefined) ??
                  (snapshot && linkName(options.flow, snapshot)) ??
                  null,
                state: link.typedSearchAttributes.get(SyncLinkState) ?? null,
                reason: snapshot?.reason ?? null,
              };
            }),
          ),
        );
        if (options.json) console.log(JSON.stringify(rows, null, 2));
        else if (rows.length === 0) {
          const which = options.state ? `${options.state} links` : 'links';
          console.log(`No ${which} in flow ${options.flow.name}.`);
        } else {
          console.log(
            renderTable(
              ['A id', 'B id', 'name', 'state', 'reason'],
              rows.map((row) => [
                row.aId ?? '',
                row.bId ?? '',
                row.name ?? '',
                row.state ?? '',
                row.reason ?? '',
              ]),
            ),
          );
        }
        if (unanswered > 0) console.error(noWorkerNote(`names and reasons of ${unanswered} link(s) are`));
      }),
    );
}
