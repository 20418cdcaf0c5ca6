// One activity per API call, run on that API's task queue so Temporal holds the rate limit.
import { Context, log } from '@temporalio/activity';
import { AlreadyInUseError } from '../systems/errors.js';
import { pickCandidates } from '../engine/candidates.js';
import { parseOriginMarker } from '../ids.js';
import type { FieldValue, RecordRef, SyncRecord, SystemAdapter, SystemName } from '../systems/system.js';
import { asActivity } from './failures.js';

export type Adapters = Record<SystemName, SystemAdapter>;

export interface ReadRecordInput {
  system: SystemName;
  ref: RecordRef;
}

export interface FindExistingInput {
  system: SystemName;
  datatype: string;
  parentId?: string;
  /** Record ids the A record names (a link-only match rule): read first. */
  ids: string[];
  /** Field values by precedence: the records answering the first group that finds any win. */
  groups: FieldValue[][];
  /** The link's origin marker: a record carrying another link's marker belongs to that link. */
  marker?: FieldValue;
}

export interface CreateRecordInput {
  system: SystemName;
  datatype: string;
  parentId?: string;
  data: Record<string, unknown>;
  /** A unique field and value that find this record again if the create already happened. */
  identity: FieldValue;
}

export interface UpdateRecordInput {
  system: SystemName;
  ref: RecordRef;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
}

const signal = () => ({ signal: Context.current().cancellationSignal });

export function createApiActivities(adapters: Adapters) {
  const findOne = async (
    system: SystemName,
    datatype: string,
    parentId: string | undefined,
    identity: FieldValue,
  ): Promise<SyncRecord | undefined> => {
    const found = await adapters[system].findByField({ datatype, parentId, any: [identity] }, signal());
    return found.length === 1 ? found[0] : undefined;
  };

  return {
    /** Reads one record; null when it does not exist. */
    async readRecord({ system, ref }: ReadRecordInput): Promise<SyncRecord | null> {
      return asActivity(async () => (await adapters[system].get(ref, signal())) ?? null);
    },

    /**
     * Existing records for a link: those the A record names by id, else one search for every rule,
     * ranked by the rules' order. Records another link created or claimed are never candidates.
     */
    async findExisting({
      system,
      datatype,
      parentId,
      ids,
      groups,
      marker,
    }: FindExistingInput): Promise<SyncRecord[]> {
      const free = (record: SyncRecord) => !marker || !ownedByAnother(record, marker);
      return asActivity(async () => {
        for (const id of ids) {
          const named = await adapters[system].get({ datatype, id, parentId }, signal());
          if (named && free(named)) return [named];
        }
        const any = groups.flat();
        if (any.length === 0) return [];
        const found = await adapters[system].findByField({ datatype, parentId, any }, signal());
        return pickCandidates(found.filter(free), groups);
      });
    },

    /**
     * Creates a record exactly once: a retried attempt first looks for the record an earlier attempt
     * may have made, and "already in use" on the identity means it exists (DATAFLOWS.md rule 6).
     */
    async createRecord({
      system,
      datatype,
      parentId,
      data,
      identity,
    }: CreateRecordInput): Promise<SyncRecord> {
      return asActivity(async () => {
        if (Context.current().info.attempt > 1) {
          const existing = await findOne(system, datatype, parentId, identity);
          if (existing) return existing;
        }
        try {
          const created = await adapters[system].create({ datatype, parentId }, data, signal());
          log.info('Created a record', { system, datatype, id: created.id, parentId });
          return created;
        } catch (error) {
          const existing =
            error instanceof AlreadyInUseError
              ? await findOne(system, datatype, parentId, identity)
              : undefined;
          if (existing) return existing;
          throw error;
        }
      });
    },

    async updateRecord({ system, ref, before, after }: UpdateRecordInput): Promise<SyncRecord> {
      return asActivity(async () => {
        const updated = await adapters[system].update(ref, before, after, signal());
        // Which fields, never their values: those are customer data.
        const fields = Object.keys(after).filter(
          (field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]),
        );
        log.info('Updated a record', { system, datatype: ref.datatype, id: ref.id, fields });
        return updated;
      });
    },
  };
}

/** Whether the record carries an origin marker other than this link's. */
function ownedByAnother(record: SyncRecord, marker: FieldValue): boolean {
  const held = record.data[marker.field];
  return parseOriginMarker(held) !== undefined && String(held).trim() !== marker.value;
}

export type ApiActivities = ReturnType<typeof createApiActivities>;
