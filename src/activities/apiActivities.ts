// One activity per API call, run on that API's task queue so Temporal holds the rate limit.
import { Context } from '@temporalio/activity';
import { AlreadyInUseError } from '../systems/errors.js';
import type { FieldQuery, RecordRef, SyncRecord, SystemAdapter, SystemName } from '../systems/system.js';
import { asActivity } from './failures.js';

export type Adapters = Record<SystemName, SystemAdapter>;

export interface ReadRecordInput {
  system: SystemName;
  ref: RecordRef;
}

export interface FindRecordsInput {
  system: SystemName;
  query: FieldQuery;
}

export interface CreateRecordInput {
  system: SystemName;
  datatype: string;
  parentId?: string;
  data: Record<string, unknown>;
  /** A unique field and value that find this record again if the create already happened. */
  identity: { field: string; value: string };
}

export interface UpdateRecordInput {
  system: SystemName;
  ref: RecordRef;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
}

const signal = () => ({ signal: Context.current().cancellationSignal });

export function createApiActivities(adapters: Adapters) {
  const findOne = async (system: SystemName, query: FieldQuery): Promise<SyncRecord | undefined> => {
    const found = await adapters[system].findByField(query, signal());
    return found.length === 1 ? found[0] : undefined;
  };

  return {
    /** Reads one record; null when it does not exist. */
    async readRecord({ system, ref }: ReadRecordInput): Promise<SyncRecord | null> {
      return asActivity(async () => (await adapters[system].get(ref, signal())) ?? null);
    },

    async findRecords({ system, query }: FindRecordsInput): Promise<SyncRecord[]> {
      return asActivity(() => adapters[system].findByField(query, signal()));
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
        const query = { datatype, parentId, ...identity };
        if (Context.current().info.attempt > 1) {
          const existing = await findOne(system, query);
          if (existing) return existing;
        }
        try {
          return await adapters[system].create({ datatype, parentId }, data, signal());
        } catch (error) {
          const existing = error instanceof AlreadyInUseError ? await findOne(system, query) : undefined;
          if (existing) return existing;
          throw error;
        }
      });
    },

    async updateRecord({ system, ref, before, after }: UpdateRecordInput): Promise<SyncRecord> {
      return asActivity(() => adapters[system].update(ref, before, after, signal()));
    },
  };
}

export type ApiActivities = ReturnType<typeof createApiActivities>;
