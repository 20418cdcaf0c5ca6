// One activity per API call, run on that API's task queue so Temporal holds the rate limit.
import { Context, log } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { isDeepStrictEqual } from 'node:util';
import { AlreadyInUseError, ChangedSinceReadError, NotFoundError } from '../systems/errors.js';
import { callRank, inCallOrder } from '../systems/http/callOrder.js';
import { candidatesFor, ownedByAnother, type CandidateSearch } from '../engine/candidates.js';
import type { FieldValue, RecordRef, SyncRecord, SystemAdapter, SystemName } from '../systems/system.js';
import type { Base } from '../engine/merge.js';
import { asActivity } from './failures.js';
import { mappingActivities } from './mappingActivities.js';
import type { OwnWrites } from './ownWrites.js';

export type Adapters = Record<SystemName, SystemAdapter>;

export interface ReadRecordInput {
  system: SystemName;
  ref: RecordRef;
  /** The last-changed of the newest copy the link has seen: an older answer comes from a lagging replica. */
  notOlderThan?: string;
}

export interface FindExistingInput {
  system: SystemName;
  datatype: string;
  parentId?: string;
  search: CandidateSearch;
}

export interface CreateRecordInput {
  system: SystemName;
  datatype: string;
  parentId?: string;
  data: Record<string, unknown>;
  /** A unique field and value that find this record again if the create already happened. */
  identity: FieldValue;
  /** The link it is created for: the pair's base comes back with the record. */
  link: { flow: string; a: SyncRecord };
}

/** A record created for a link, and the base of the pair (see mappingActivities.baseOf). */
export interface CreatedRecord {
  record: SyncRecord;
  base: Base;
}

export interface UpdateRecordInput {
  system: SystemName;
  ref: RecordRef;
  /** The record as read when the merge was planned. */
  before: SyncRecord;
  after: Record<string, unknown>;
}

export interface ReadMergeWriteInput extends ReadRecordInput {
  flow: string;
  /** The side `ref` is on. */
  side: 'a' | 'b';
  base?: Base;
  /** The other side's record, as the link has it. */
  other: SyncRecord;
}

export type ReadMergeWriteOutcome =
  /**
   * Written over the copy read: `record` is what the API holds now, `base` what both sides were
   * synchronized at. `changedMeanwhile`: `record` also holds a change made after the read, to merge.
   */
  | {
      kind: 'written';
      read: SyncRecord;
      record: SyncRecord;
      decisions: string[];
      base: Base;
      changedMeanwhile?: true;
    }
  /** The record, to be merged by the link: there is more to write than this side, or nothing. */
  | { kind: 'read'; record: SyncRecord }
  /** It changed between the read and the conditional write: this is how it is now. */
  | { kind: 'changed'; record: SyncRecord }
  | { kind: 'gone' };

export type UpdateOutcome =
  | { kind: 'written'; record: SyncRecord }
  /** The record changed after `before` was read (by a person, or by this write's earlier attempt): merge again. */
  | { kind: 'changed'; record: SyncRecord }
  | { kind: 'gone' };

const signal = () => ({ signal: Context.current().cancellationSignal });

/** Attempts before a record the link has seen, and the API does not find, is believed gone (1 s, then 2 s apart). */
const GONE_AFTER_ATTEMPTS = 3;

/** The pair of records as `a` and `b`, from this side's record and the other side's. */
const bySide = (side: 'a' | 'b', mine: SyncRecord, other: SyncRecord) =>
  side === 'a' ? { a: mine, b: other } : { a: other, b: mine };

const isOlder = (record: SyncRecord, than: string | undefined) =>
  than !== undefined && Date.parse(record.lastChanged) < Date.parse(than);

/** Equal as JSON: a record that went through a workflow has lost its undefined properties. */
const sameData = (x: unknown, y: unknown) =>
  isDeepStrictEqual(JSON.parse(JSON.stringify(x ?? null)), JSON.parse(JSON.stringify(y ?? null)));

/** Retried until the replica the API reads from has caught up with a copy already seen. */
function replicaBehind(ref: RecordRef, record: SyncRecord, seen: string): ApplicationFailure {
  return ApplicationFailure.retryable(
    `${ref.datatype} ${ref.id} was read as of ${record.lastChanged}, older than ${seen} already seen: the API's replica is behind`,
    'ReplicaBehind',
  );
}

export function createApiActivities(adapters: Adapters, ownWrites: OwnWrites) {
  const findOne = async (
    system: SystemName,
    datatype: string,
    parentId: string | undefined,
    identity: FieldValue,
  ): Promise<SyncRecord | undefined> => {
    const found = await adapters[system].findByField({ datatype, parentId, any: [identity] }, signal());
    return found.length === 1 ? found[0] : undefined;
  };

  /**
   * Reads a record, never older than a copy already seen. A record seen before that the API does
   * not find may be one its replica does not show yet (v1, just after the create): believed gone
   * only when still not found after a few attempts.
   */
  const readSeen = async (
    system: SystemName,
    ref: RecordRef,
    notOlderThan: string | undefined,
  ): Promise<SyncRecord | undefined> => {
    const record = await adapters[system].get(ref, signal());
    if (!record) {
      if (notOlderThan !== undefined && Context.current().info.attempt < GONE_AFTER_ATTEMPTS) {
        throw ApplicationFailure.retryable(
          `${ref.datatype} ${ref.id} was not found, though seen as of ${notOlderThan}: the API's replica may be behind`,
          'ReplicaBehind',
        );
      }
      return undefined;
    }
    if (isOlder(record, notOlderThan)) throw replicaBehind(ref, record, notOlderThan!);
    return record;
  };

  /** The record as it is now, after a write found it changed. */
  const current = async (system: SystemName, ref: RecordRef): Promise<UpdateOutcome> => {
    const record = await adapters[system].get(ref, signal());
    return record ? { kind: 'changed', record } : { kind: 'gone' };
  };

  /** Writes `after` over `before`: a v2 patch fails when the record changed since, a v1 post cannot. */
  const writeOver = async (
    system: SystemName,
    ref: RecordRef,
    before: SyncRecord,
    after: Record<string, unknown>,
  ): Promise<UpdateOutcome> => {
    try {
      const record = await adapters[system].update(ref, before.data, after, signal());
      wrote(system, record);
      // Which fields, never their values: those are customer data.
      const fields = Object.keys(after).filter((field) => !sameData(before.data[field], after[field]));
      log.info('Updated a record', { system, datatype: ref.datatype, id: ref.id, fields });
      return { kind: 'written', record };
    } catch (error) {
      // "Not found" can be about a record the write refers to (v1: a department's code), not this
      // one: that is a refusal, in the API's words, not a deleted record.
      if (error instanceof NotFoundError) {
        const now = await current(system, ref);
        if (now.kind !== 'gone') throw error;
        return now;
      }
      if (error instanceof ChangedSinceReadError) return current(system, ref);
      throw error;
    }
  };

  /**
   * Creates a record exactly once: a retried attempt first looks for the record an earlier attempt
   * may have made, and "already in use" on the identity means it exists (DATAFLOWS.md rule 6).
   */
  const createOnce = async ({
    system,
    datatype,
    parentId,
    data,
    identity,
  }: Omit<CreateRecordInput, 'link'>): Promise<SyncRecord> => {
    if (Context.current().info.attempt > 1) {
      const existing = await findOne(system, datatype, parentId, identity);
      if (existing) return existing;
    }
    try {
      const created = await adapters[system].create({ datatype, parentId }, data, signal());
      wrote(system, created);
      log.info('Created a record', { system, datatype, id: created.id, parentId });
      return created;
    } catch (error) {
      const existing =
        error instanceof AlreadyInUseError ? await findOne(system, datatype, parentId, identity) : undefined;
      if (existing) return existing;
      throw error;
    }
  };

  /** Notes a copy this activity wrote for the link that asked, so it is not delivered back to it. */
  const wrote = (system: SystemName, record: SyncRecord) => {
    const linkId = Context.current().info.workflowExecution?.workflowId;
    if (linkId) ownWrites.add(linkId, system, record);
  };

  return {
    /** Reads one record, never older than a copy already seen; null when it does not exist. */
    async readRecord({ system, ref, notOlderThan }: ReadRecordInput): Promise<SyncRecord | null> {
      return asActivity(async () => (await readSeen(system, ref, notOlderThan)) ?? null);
    },

    /**
     * Existing records for a link: those the A record names by id, else one search for every rule,
     * ranked by the rules' order. Records another link created or claimed are never candidates.
     */
    async findExisting({ system, datatype, parentId, search }: FindExistingInput): Promise<SyncRecord[]> {
      return asActivity(async () => {
        for (const id of search.ids) {
          const named = await adapters[system].get({ datatype, id, parentId }, signal());
          if (named && !ownedByAnother(named, search.marker)) return [named];
        }
        const any = search.groups.flat();
        if (any.length === 0) return [];
        const found = await adapters[system].findByField({ datatype, parentId, any }, signal());
        return candidatesFor(found, search);
      });
    },

    /** Creates a record for a link exactly once (see createOnce), with the pair's base. */
    async createRecord({ link, ...input }: CreateRecordInput): Promise<CreatedRecord> {
      return asActivity(async () => {
        const record = await createOnce(input);
        // The base here rather than in a local activity of the link's: one step less, now and in replay.
        return { record, base: await mappingActivities.baseOf({ flow: link.flow, a: link.a, b: record }) };
      });
    },

    /**
     * Writes `after` only over the record as it was read (DATAFLOWS.md rule 5): a record that
     * changed since, by a person or by an earlier attempt of this write whose answer was lost, is
     * handed back to be merged again instead of being overwritten. Where the API can make the write
     * conditional (v2) it does; otherwise (v1) the record is read again first, the moment before.
     */
    async updateRecord({ system, ref, before, after }: UpdateRecordInput): Promise<UpdateOutcome> {
      return asActivity(async () => {
        if (!adapters[system].updatesAreConditional) {
          const now = await current(system, ref);
          if (now.kind === 'gone') return now;
          if (isOlder(now.record, before.lastChanged))
            throw replicaBehind(ref, now.record, before.lastChanged);
          const same =
            Date.parse(now.record.lastChanged) === Date.parse(before.lastChanged) &&
            sameData(now.record.data, before.data);
          if (!same) return now;
        }
        return writeOver(system, ref, before, after);
      });
    },

    /**
     * A change on the other side, carried over in one step: reads this side's record, merges it with
     * the other side's, and when the merge writes only this side, writes it at once over the copy
     * just read — the read that verifies and the write, two calls, and no time for a person's edit
     * to slip in between a link's read and its write. Anything else (a conflict to write back, or
     * nothing to write) hands the record read back to the link to merge.
     */
    async readMergeWrite({
      system,
      ref,
      notOlderThan,
      flow,
      side,
      base,
      other,
    }: ReadMergeWriteInput): Promise<ReadMergeWriteOutcome> {
      // The edit's calls rank by when it was made: a burst goes oldest edit first, whichever
      // link's task came first (callOrder.ts). The API's clock and ours agree as the feeds take
      // them to (within the overlap); a skew changes which call goes first, never whether it goes.
      const madeAt = Date.parse(other.lastChanged);
      return inCallOrder(Number.isNaN(madeAt) ? callRank() : madeAt, () =>
        asActivity(async () => {
          const read = await readSeen(system, ref, notOlderThan);
          if (!read) return { kind: 'gone' };
          const step = await mappingActivities.planMerge({ flow, base, ...bySide(side, read, other) });
          const otherSide = side === 'a' ? 'b' : 'a';
          const after =
            step.kind === 'write' && !step[`${otherSide}After`] ? step[`${side}After`] : undefined;
          if (step.kind !== 'write' || !after) return { kind: 'read', record: read };
          const outcome = await writeOver(system, ref, read, after);
          if (outcome.kind !== 'written') return outcome;
          const written = { [side]: { read: read.data, sent: after } };
          const synced = await mappingActivities.baseOf({
            flow,
            ...bySide(side, outcome.record, other),
            written,
          });
          // A change someone made between the read and a v2 patch comes back with the reply (a v1
          // post writes every field, so there it is overwritten: see the README).
          const again = await mappingActivities.planMerge({ flow, base: synced, [side]: outcome.record });
          return {
            kind: 'written',
            read,
            record: outcome.record,
            decisions: step.decisions,
            base: synced,
            ...(again.kind !== 'nothing-new' && { changedMeanwhile: true as const }),
          };
        }),
      );
    },
  };
}

export type ApiActivities = ReturnType<typeof createApiActivities>;
