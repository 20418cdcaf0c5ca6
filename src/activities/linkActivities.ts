// Activities that reach other workflows through the Temporal client (workflow code cannot
// signal-with-start): asking another link to become synchronized, and telling one that asked.
import type { Client } from '@temporalio/client';
import { WorkflowNotFoundError } from '@temporalio/common';
import { startLinkOptions } from '../workflows/startLinkOptions.js';
import {
  dependencyStateSignal,
  requireLinkSignal,
  type DependencyStateInput,
} from '../workflows/linkMessages.js';

export interface RequireLinkActivityInput {
  /** The link asked, by workflow id (`link:<flow>:<A id>`). */
  linkId: string;
  /** The link asking. */
  from: string;
  /** Start the asked link when it is not running yet; otherwise only ask a running one. */
  start: boolean;
  /** A full listing of A lacked the asked link's record (see RequireLinkInput). */
  unlisted?: boolean;
}

export interface TellLinkInput {
  /** The link told, by workflow id. */
  linkId: string;
  message: DependencyStateInput;
}

/** Not running: the link told asks again when it starts. */
async function unlessNotRunning(signal: Promise<void>): Promise<void> {
  try {
    await signal;
  } catch (error) {
    if (!(error instanceof WorkflowNotFoundError)) throw error;
  }
}

export function createLinkActivities(client: Client) {
  return {
    /**
     * Run as a local activity: no workflow task of its own, where a signal sent from workflow code
     * takes one more to learn it was delivered (or, to a link not running, that it failed).
     */
    async tellLink({ linkId, message }: TellLinkInput): Promise<void> {
      await unlessNotRunning(client.workflow.getHandle(linkId).signal(dependencyStateSignal, message));
    },

    async requireLink({ linkId, from, start, unlisted }: RequireLinkActivityInput): Promise<void> {
      const input = { from, ...(unlisted && { unlisted }) };
      if (start) {
        await client.workflow.signalWithStart('linkWorkflow', {
          ...startLinkOptions(linkId),
          signal: requireLinkSignal,
          signalArgs: [input],
        });
        return;
      }
      // Not running yet: it asks this link itself once it starts (its plan names this one).
      await unlessNotRunning(client.workflow.getHandle(linkId).signal(requireLinkSignal, input));
    },
  };
}

export type LinkActivities = ReturnType<typeof createLinkActivities>;
