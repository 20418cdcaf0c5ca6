// `resync`: makes one link, a flow's links or every link re-read both sides and rewrite what differs.
import { WorkflowNotFoundError } from '@temporalio/client';
import { Command } from 'commander';
import { linkWorkflowId } from '../../ids.js';
import type { FlowDefinition } from '../../mappings/flow.js';
import { resync, type ResyncTarget } from '../../temporal/resync.js';
import { CliError, noSuchLinkError } from '../cliError.js';
import { FLOW_NAMES, parseFlow } from '../options.js';
import { withClient } from '../temporalClient.js';

interface ResyncOptions {
  flow?: FlowDefinition;
  id?: string;
  all?: boolean;
  json?: boolean;
}

function targetOf({ flow, id, all }: ResyncOptions): ResyncTarget {
  if (all) return 'all';
  if (id && !flow) throw new CliError(`--id needs --flow <flow>, the flow the record is in: ${FLOW_NAMES}.`);
  if (!flow) throw new CliError('Say which links: --flow <flow> [--id <aId>], or --all.');
  return id ? { flow: flow.name, aId: id } : { flow: flow.name };
}

export function resyncCommand(): Command {
  return new Command('resync')
    .description('Make links re-read both sides and rewrite what differs.')
    .option('--flow <flow>', `one flow: ${FLOW_NAMES}`, parseFlow)
    .option('--id <aId>', 'one link: the Powerofficego record id (needs --flow)')
    .option('--all', 'every link of every flow')
    .option('--json', 'machine output: {signalled}')
    .action((options: ResyncOptions) => {
      const target = targetOf(options);
      return withClient(async (client) => {
        const signalled = await resync(client, target).catch((error: unknown) => {
          if (error instanceof WorkflowNotFoundError && typeof target === 'object' && 'aId' in target) {
            throw noSuchLinkError(linkWorkflowId(target.flow, target.aId), target.flow);
          }
          throw error;
        });
        if (options.json) return console.log(JSON.stringify({ signalled }));
        console.log(`Signalled ${signalled} link(s) to resync.`);
      });
    });
}
