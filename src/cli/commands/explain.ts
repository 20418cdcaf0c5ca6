// `explain <flow> <aId>`: one link's story — state and reason, both ids, the values it last
// synchronized, its last decisions, what depends on it — and where the Web UI shows its history.
import { WorkflowNotFoundError } from '@temporalio/client';
import { Command } from 'commander';
import { linkWorkflowId } from '../../ids.js';
import type { FlowDefinition } from '../../mappings/flow.js';
import type { Value } from '../../mappings/values.js';
import { SyncBId, SyncLinkState } from '../../searchAttributes.js';
import { getLinkStateQuery } from '../../workflows/linkMessages.js';
import type { LinkSnapshot } from '../../workflows/linkState.js';
import { askWorker, noWorkerNote, workerAnswerDeadline } from '../askWorker.js';
import { baseRows } from '../baseRows.js';
import { noSuchLinkError } from '../cliError.js';
import { localTime } from '../formatTime.js';
import { linkName } from '../linkName.js';
import { FLOW_NAMES, parseFlow } from '../options.js';
import { renderTable } from '../table.js';
import { withClient, type TemporalSettings } from '../temporalClient.js';

/** The Web UI's page for a workflow; colons kept, so the id stays readable. */
function historyUrl(settings: TemporalSettings, workflowId: string): string {
  const segment = (text: string) => encodeURIComponent(text).replaceAll('%3A', ':');
  return `${settings.TEMPORAL_UI_URL}/namespaces/${segment(settings.TEMPORAL_NAMESPACE)}/workflows/${segment(workflowId)}`;
}

/** What an unlinked link will create B from: its A record's mapped properties, as last seen. */
function lastSeenA(flow: FlowDefinition, snapshot: LinkSnapshot) {
  const record = snapshot.aRecord?.data;
  if (!record) return undefined;
  const accessors = [...new Map(flow.fields.map((field) => [field.a.label, field.a])).values()];
  return accessors.map((accessor) => ({ aProperty: accessor.label, aValue: accessor.get(record) }));
}

const shown = (value: Value): string => (Array.isArray(value) ? value.join(', ') : String(value ?? ''));

export function explainCommand(): Command {
  return new Command('explain')
    .description(
      'One link’s state, reason, ids, base values, last decisions and dependants, and its history in the Web UI.',
    )
    .argument('<flow>', `the flow: ${FLOW_NAMES}`, parseFlow)
    .argument('<aId>', 'the Powerofficego record id')
    .option('--json', 'machine output: the link as one JSON object')
    .action((flow: FlowDefinition, aId: string, options: { json?: boolean }) =>
      withClient(async (client, settings) => {
        const workflowId = linkWorkflowId(flow.name, aId);
        const handle = client.workflow.getHandle(workflowId);
        const description = await handle.describe().catch((error: unknown) => {
          throw error instanceof WorkflowNotFoundError ? noSuchLinkError(workflowId, flow.name) : error;
        });
        const snapshot = await askWorker(client, workerAnswerDeadline(), () =>
          handle.query(getLinkStateQuery),
        );
        const story = {
          workflowId,
          flow: flow.name,
          aId,
          bId: snapshot?.bId ?? description.typedSearchAttributes.get(SyncBId) ?? null,
          state: snapshot?.status ?? description.typedSearchAttributes.get(SyncLinkState) ?? null,
          reason: snapshot?.reason ?? null,
          name: (snapshot && linkName(flow, snapshot)) ?? null,
          base: (snapshot && baseRows(flow, snapshot)) ?? null,
          lastSeenA: (snapshot && lastSeenA(flow, snapshot)) ?? null,
          decisions: snapshot?.decisions ?? [],
          dependants: snapshot?.dependants ?? [],
          historyUrl: historyUrl(settings, workflowId),
          workerAnswered: snapshot !== undefined,
        };
        if (!snapshot) console.error(noWorkerNote('its reason, base values, decisions and dependants are'));
        if (options.json) return console.log(JSON.stringify(story, null, 2));

        const facts: Array<[string, string | null]> = [
          ['Link', `${workflowId} (${description.status.name.toLowerCase()})`],
          ['Name', story.name],
          ['State', story.state],
          ['Reason', story.reason],
          ['A id', `${aId} (${flow.a.system} ${flow.a.datatype})`],
          ['B id', `${story.bId ?? 'none yet'} (${flow.b.system} ${flow.b.datatype})`],
          ['Dependants', snapshot ? story.dependants.join(', ') || 'none' : null],
        ];
        for (const [label, value] of facts) if (value !== null) console.log(`${label.padEnd(12)}${value}`);
        if (story.base) {
          console.log('\nBase values, as last synchronized\n');
          const rows = story.base.map((row) => [
            row.aProperty,
            shown(row.aValue),
            row.bProperty,
            shown(row.bValue),
          ]);
          console.log(renderTable(['A property', 'A value', 'B property', 'B value'], rows));
        } else if (story.lastSeenA) {
          console.log('\nNot linked yet; the A record as last seen\n');
          const rows = story.lastSeenA.map((row) => [row.aProperty, shown(row.aValue)]);
          console.log(renderTable(['A property', 'A value'], rows));
        }
        if (story.decisions.length > 0) {
          console.log('\nLast decisions\n');
          for (const decision of story.decisions) console.log(`${localTime(decision.at)}  ${decision.text}`);
        }
        console.log(`\nHistory     ${story.historyUrl}`);
      }),
    );
}
