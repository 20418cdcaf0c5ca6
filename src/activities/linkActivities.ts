// Activities that reach other workflows through the Temporal client (workflow code cannot
// signal-with-start): asking another link to become synchronized.
import type { Client } from '@temporalio/client';
import { WorkflowNotFoundError } from '@temporalio/common';
import { startLinkOptions } from '../workflows/startLinkOptions.js';
import { requireLinkSignal } from '../workflows/linkMessages.js';

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

export function createLinkActivities(client: Client) {
  return {
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
      try {
        await client.workflow.getHandle(linkId).signal(requireLinkSignal, input);
      } catch (error) {
        // Not running yet: it asks this link itself once it starts (its plan names this one).
        if (!(error instanceof WorkflowNotFoundError)) throw error;
      }
    },
  };
}

export type LinkActivities = ReturnType<typeof createLinkActivities>;
