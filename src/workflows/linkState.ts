// The state of one link and the rules for changing it, with no I/O: message handlers call these
// methods, the workflow's main loop decides what to do next from them.
import type { LinkPlan } from '../activities/mappingActivities.js';
import type { Base } from '../engine/merge.js';
import type { CreationPolicy } from '../mappings/flow.js';
import { recordName } from '../mappings/recordName.js';
import type { SyncRecord } from '../systems/system.js';
import type { DependencyStateInput, RecordChangedInput, RequireLinkInput } from './linkMessages.js';

export type LinkStatus =
  /** Not looked at yet. */
  | 'new'
  /** On-dependency: no B record yet, and nothing synchronized into B refers to it. */
  | 'waiting-for-dependency'
  /** A child whose parent link is not synchronized yet. */
  | 'waiting-for-parent'
  | 'linked'
  /** Parked: ambiguous match, a record one of the APIs refused, ... `reason` says which. */
  | 'needs-attention'
  /** The A record is gone. */
  | 'source-missing'
  /** The B record is gone. */
  | 'target-missing'
  /** There is nothing to sync: the A record does not exist, or is outside the flow. */
  | 'not-applicable';

const DECISIONS_KEPT = 25;

export interface LinkSnapshot {
  flow: string;
  aId: string;
  status: LinkStatus;
  reason?: string;
  aParentId?: string;
  bId?: string;
  bParentId?: string;
  /** The values last synchronized, per field, as each side holds them. */
  base?: Base;
  /** The A record a link that is not linked yet was last seen with: what it is created from. */
  aRecord?: SyncRecord;
  /** The newest unprocessed record from each side; older ones are superseded, never queued. */
  pending: { a?: SyncRecord; b?: SyncRecord };
  /** The B records a feed found matching the pending A record (see RecordChangedInput). */
  candidates?: SyncRecord[];
  /** The plan for the pending A record the feed found the candidates by. */
  plan?: LinkPlan;
  /** A child: a feed's listing of the parents' A records lacked its parent. */
  parentUnlisted?: boolean;
  /** A listing of A lacked this link's record, as a child reported: not read until one is delivered. */
  aUnlisted?: boolean;
  resyncRequested: boolean;
  /**
   * A side the reconciliation sweep asks about: a linked link reads its record there (the sweep did
   * not find it); one waiting for a dependency searches for a match again.
   */
  verify?: 'a' | 'b';
  /** Links that need this one synchronized; told when it is (or cannot be). */
  dependants: string[];
  /** Dependants not yet told this link's current outcome. */
  toNotify: string[];
  /** On-dependency: the synchronized link that makes this one be created. */
  connectedBy?: string;
  /** A child's parent link, when it answered that it is not linked: why, and whether it never will be. */
  parentProblem?: { problem?: string; absent?: boolean };
  /**
   * The last-changed of the newest copy of each side's record this link has received, read or
   * written: a delivery not newer than it is old news (an echo, or a copy from before a write).
   */
  lastSeen: { a?: string; b?: string };
  /** Links already asked to tell this one when they are synchronized. */
  asked: string[];
  /** What a person calls the A record, from the newest copy of it the link has. */
  name?: string;
  /** The newest decisions, oldest first: `{at, text}`. */
  decisions: Array<{ at: string; text: string }>;
}

function newer(current: SyncRecord | undefined, incoming: SyncRecord): SyncRecord {
  if (!current) return incoming;
  return Date.parse(incoming.lastChanged) >= Date.parse(current.lastChanged) ? incoming : current;
}

export class LinkState {
  readonly s: LinkSnapshot;

  constructor(
    flow: string,
    aId: string,
    private readonly policy: CreationPolicy,
    snapshot?: LinkSnapshot,
  ) {
    this.s = snapshot ?? {
      flow,
      aId,
      status: 'new',
      pending: {},
      resyncRequested: false,
      dependants: [],
      toNotify: [],
      asked: [],
      decisions: [],
      lastSeen: {},
    };
    // A state carried over from code that took B copies of any record with this link's marker.
    if (this.s.pending.b && this.s.pending.b.id !== this.s.bId) this.s.pending.b = undefined;
  }

  get isLinked(): boolean {
    return this.s.bId !== undefined;
  }

  /** Whether the current outcome is one dependants are told of. */
  get isSettled(): boolean {
    return !['new', 'waiting-for-dependency', 'waiting-for-parent'].includes(this.s.status);
  }

  receive({ side, record, candidates, plan, parentUnlisted }: RecordChangedInput): void {
    // A B record comes here by the origin marker, which a person can copy into another record:
    // only the linked one is this link's (one that is not linked finds its B record by search).
    if (side === 'b' && record.id !== this.s.bId) return;
    const seen = this.s.lastSeen[side];
    if (record.problem) {
      // Parked until a copy of the record in a shape the contract allows comes; an older copy is old news.
      if (!(seen && Date.parse(record.lastChanged) <= Date.parse(seen))) {
        this.setStatus('needs-attention', record.problem);
      }
      return;
    }
    if (seen && Date.parse(record.lastChanged) <= Date.parse(seen)) return;
    this.s.lastSeen[side] = record.lastChanged;
    this.s.pending[side] = newer(this.s.pending[side], record);
    if (side === 'a') {
      this.s.candidates = this.isLinked ? undefined : candidates;
      this.s.plan = this.isLinked ? undefined : plan;
      this.s.parentUnlisted = parentUnlisted;
      this.s.aUnlisted = undefined;
    }
    if (side === 'a') this.s.name = recordName(record.data) ?? this.s.name;
    if (side === 'a' && record.parentId) this.s.aParentId = record.parentId;
  }

  /**
   * Notes a copy of a record the link read or wrote itself: a delivery still pending that is not
   * newer was merged with it already, or is older than what the link wrote.
   */
  saw(side: 'a' | 'b', record: SyncRecord): void {
    const at = Date.parse(record.lastChanged);
    const seen = this.s.lastSeen[side];
    if (!seen || at > Date.parse(seen)) this.s.lastSeen[side] = record.lastChanged;
    const pending = this.s.pending[side];
    if (pending && Date.parse(pending.lastChanged) <= at) this.s.pending[side] = undefined;
    if (side === 'a' && !this.s.pending.a) this.s.name = recordName(record.data) ?? this.s.name;
  }

  /** The candidates and plan delivered with the pending A record, once: an older search is not trusted. */
  takeDelivered(): { candidates?: SyncRecord[]; plan?: LinkPlan } {
    const { candidates, plan } = this.s;
    this.s.candidates = undefined;
    this.s.plan = undefined;
    return { candidates, plan };
  }

  addDependant({ from, unlisted }: RequireLinkInput): void {
    if (unlisted && !this.isLinked && !this.s.pending.a && !this.s.aRecord) this.s.aUnlisted = true;
    if (!this.s.dependants.includes(from)) this.s.dependants.push(from);
    if (!this.s.toNotify.includes(from)) this.s.toNotify.push(from);
  }

  /** A link this one waits for changed: a parent gives its B id, a connected link makes this creatable. */
  dependencyChanged(input: DependencyStateInput, isParent: boolean): void {
    if (!isParent) {
      if (input.bId) this.s.connectedBy = input.from;
    } else if (input.bId) {
      this.s.bParentId = input.bId;
      this.s.parentProblem = undefined;
    } else {
      this.s.parentProblem = { problem: input.problem, absent: input.absent };
      if (!this.isLinked) this.waitForParent(input.problem ?? 'The parent link is not synchronized');
    }
  }

  /** A child without its parent's B id: waiting, or not applicable when the parent has no A record. */
  waitForParent(reason: string): void {
    const answer = this.s.parentProblem;
    if (answer) this.setStatus(answer.absent ? 'not-applicable' : 'waiting-for-parent', answer.problem);
    else this.setStatus('waiting-for-parent', reason);
  }

  requestResync(): void {
    this.s.resyncRequested = true;
  }

  /** Whether a B record may be created now under the flow's policy. */
  get mayCreate(): boolean {
    return this.policy === 'always' || this.s.dependants.length > 0 || this.s.connectedBy !== undefined;
  }

  setStatus(status: LinkStatus, reason?: string): void {
    const changed = status !== this.s.status || reason !== this.s.reason;
    this.s.status = status;
    this.s.reason = reason;
    if (changed) this.s.toNotify = [...this.s.dependants];
  }

  linked(bId: string, bParentId: string | undefined): void {
    if (bId !== this.s.bId) this.s.toNotify = [...this.s.dependants];
    this.s.bId = bId;
    this.s.bParentId = bParentId;
    this.s.aRecord = undefined;
    this.setStatus('linked');
  }

  /** Whether the main loop has something to do now. */
  get hasWork(): boolean {
    const { s } = this;
    if (s.resyncRequested || s.pending.a || s.pending.b || s.verify) return true;
    if (s.toNotify.length > 0 && this.isSettled) return true;
    if (this.isLinked) return false;
    return (
      s.status === 'new' ||
      (s.status === 'waiting-for-dependency' && this.mayCreate) ||
      (['waiting-for-parent', 'not-applicable'].includes(s.status) && s.bParentId !== undefined)
    );
  }

  /** Forgets the B record (it is gone), so the next establishment finds or creates one. */
  unlink(): void {
    this.s.bId = undefined;
    this.s.base = undefined;
    this.s.lastSeen.b = undefined;
  }

  decide(at: string, text: string): void {
    this.s.decisions.push({ at, text });
    if (this.s.decisions.length > DECISIONS_KEPT)
      this.s.decisions.splice(0, this.s.decisions.length - DECISIONS_KEPT);
  }

  takePending(): { a?: SyncRecord; b?: SyncRecord } {
    const pending = this.s.pending;
    this.s.pending = {};
    return pending;
  }
}
