// Link-to-link messages, sent through the Temporal client and run as local activities: a signal
// sent this way is one marker in the sender's history, where a workflow's own external signal is
// two events and a further workflow task when the server reports it delivered.
import type { Client } from '@temporalio/client';
import { WorkflowNotFoundError, type SignalDefinition } from '@temporalio/common';
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

export interface TellLinkActivityInput {
  /** The link told, by workflow id. */
  linkId: string;
  message: DependencyStateInput;
}

export function createLinkActivities(client: Client) {
  /** Signals a running link; one that is not running asks for what it needs once it starts. */
  async function signalIfRunning<Args extends unknown[]>(
    linkId: string,
    signal: SignalDefinition<Args>,
    ...args: Args
  ): Promise<void> {
    try {
      await client.workflow.getHandle(linkId).signal(signal, ...args);
    } catch (error) {
      if (!(error instanceof WorkflowNotFoundError)) throw error;
    }
  }

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
      // Not running yet: it asks this link itself once it starts (its plan names this one).
      await signalIfRunning(linkId, requireLinkSignal, input);
    },

    /** Sends a link's outcome to a link that waits for it. */
    async tellLink({ linkId, message }: TellLinkActivityInput): Promise<void> {
      await signalIfRunning(linkId, dependencyStateSignal, message);
    },
  };
}

export type LinkActivities = ReturnType<typeof createLinkActivities>;
