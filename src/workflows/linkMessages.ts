// The messages a link workflow answers. Each is defined once, here, and used by the workflow,
// the feeds, other links and the command line.
import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { LinkPlan } from '../activities/mappingActivities.js';
import type { SyncRecord } from '../systems/system.js';
import type { LinkSnapshot } from './linkState.js';

export interface LinkInput {
  flow: string;
  aId: string;
  /** Carried across continue-as-new; absent on a link's first run. */
  state?: LinkSnapshot;
  /** The change a feed started the link with (an eager start carries no signal). */
  change?: RecordChangedInput;
}

export interface RecordChangedInput {
  side: 'a' | 'b';
  record: SyncRecord;
  /**
   * A records only: the B records a feed found matching this copy, when it searched for a whole
   * page at once (its first listing); the link then makes no search of its own.
   */
  candidates?: SyncRecord[];
  /** With the candidates: the plan the feed searched by (see planLink), so the link makes none of its own. */
  plan?: LinkPlan;
  /** Child records only: a full listing of the parents' A records, made for this delivery, lacks its parent. */
  parentUnlisted?: boolean;
}

export interface RequireLinkInput {
  /** The workflow id of the link that needs this one synchronized. */
  from: string;
  /** A full listing of A lacked this link's record: nothing to read until a feed delivers it. */
  unlisted?: boolean;
}

export interface DependencyStateInput {
  /** The workflow id of the link this message is about. */
  from: string;
  /** Its B record id when it is linked. */
  bId?: string;
  /** Set when it is not linked: why. */
  problem?: string;
  /** Set when its A record does not exist, so it never will be linked. */
  absent?: boolean;
}

/** A feed saw this record change on one side. */
export const recordChangedSignal = defineSignal<[RecordChangedInput]>('recordChanged');
/** Another link needs this one synchronized into B and wants its B id. */
export const requireLinkSignal = defineSignal<[RequireLinkInput]>('requireLink');
/** A link this one depends on became linked (with its B id) or cannot be. */
export const dependencyStateSignal = defineSignal<[DependencyStateInput]>('dependencyState');
export interface VerifyRecordInput {
  /** The side whose record a full listing did not show. */
  side: 'a' | 'b';
}

/**
 * From the reconciliation sweep: it did not see this link's record on one side (read it, park if
 * gone), or the link waits for a dependency (search for a match again).
 */
export const verifyRecordSignal = defineSignal<[VerifyRecordInput]>('verifyRecord');
/** Re-read both sides, re-apply the mapping and write what differs. */
export const forceResyncSignal = defineSignal('forceResync');
export const getLinkStateQuery = defineQuery<LinkSnapshot>('getLinkState');
