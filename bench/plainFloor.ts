// The floor for a backfill without rate limits: the HTTP calls the engine makes, made by a plain
// script with no Temporal — every A list page, the B search for each page of parent records (as the
// feeds' first listing does, pageCandidates.ts), per child link its own B search, and the creates —
// through the real adapters, with as many calls in flight as the worker runs activities, against
// fresh simulators seeded the same way.
import pLimit from 'p-limit';
import { mappingActivities } from '../src/activities/mappingActivities.js';
import { searchFor } from '../src/engine/candidates.js';
import { loadConfig } from '../src/config.js';
import { linkWorkflowId } from '../src/ids.js';
import type { FlowDefinition } from '../src/mappings/flow.js';
import { datatypesInUse, flows } from '../src/mappings/index.js';
import { createAdapters } from '../src/systems/adapters.js';
import type { SyncRecord, SystemAdapter, SystemName } from '../src/systems/system.js';
import { countCalls, type CallCounts } from './apiCalls.js';
import { startSimulators, UNLIMITED_TASK_QUEUE_RATE, workerEnv } from './environment.js';
import { mustCreate, type ARecords } from './expected.js';

export interface PlainFloorResult {
  seconds: number;
  /** The links the engine would run for the same data. */
  links: number;
  linksPerSecond: number;
  concurrency: number;
  calls: Record<SystemName, CallCounts>;
}

/** As src/temporal/workers.ts sizes an API worker's activity slots. */
const concurrency = Math.max(10, Math.ceil(UNLIMITED_TASK_QUEUE_RATE));

export async function measurePlainFloor(n: number): Promise<PlainFloorResult> {
  const simulators = await startSimulators(n, false);
  try {
    const env = workerEnv(simulators, '127.0.0.1:7233', { rateLimits: false, pollInterval: '3s' });
    const config = loadConfig(env);
    const adapters = createAdapters(config);
    const startedAt = performance.now();
    const records = await listA(adapters.powerofficego, config.SYNC_PAGE_SIZE);
    const links = await linkAll(adapters.powerofficegov1, records);
    const seconds = (performance.now() - startedAt) / 1000;
    const { v2, v1 } = simulators;
    return {
      seconds,
      links,
      linksPerSecond: links / seconds,
      concurrency,
      calls: { powerofficego: countCalls(v2.admin.stats()), powerofficegov1: countCalls(v1.admin.stats()) },
    };
  } finally {
    await simulators.close();
  }
}

/** Every page of every A datatype a flow reads, the datatypes side by side as the feeds run. */
async function listA(a: SystemAdapter, pageSize: number): Promise<Record<string, SyncRecord[]>> {
  const datatypes = datatypesInUse().filter(({ system }) => system === 'powerofficego');
  const lists = await Promise.all(
    datatypes.map(async ({ datatype }) => {
      const records: SyncRecord[] = [];
      for await (const page of a.listChanged({ datatype, pageSize })) records.push(...page.records);
      return [datatype, records] as const;
    }),
  );
  return Object.fromEntries(lists);
}

/** Links every A record in every flow; children after their parent's B record exists. Returns the number of links. */
async function linkAll(b: SystemAdapter, records: Record<string, SyncRecord[]>): Promise<number> {
  const data = (datatype: string) => (records[datatype] ?? []).map((record) => record.data);
  const aRecords: ARecords = {
    supplier: data('supplier'),
    customer: data('customer'),
    employee: data('employee'),
    contactperson: data('contactperson'),
  };
  const toCreate = mustCreate(aRecords);
  const limit = pLimit(concurrency);
  // One search per flow for all its records, as a feed's first listing makes (children excepted).
  const searched = new Set<string>();
  await Promise.all(
    flows
      .filter((flow) => !flow.parent)
      .map(async (flow) => {
        const plans = await Promise.all(
          (records[flow.a.datatype] ?? []).map(async (a) => ({
            a,
            search: searchFor(await mappingActivities.planLink({ flow: flow.name, a })),
          })),
        );
        const byField = plans.filter(({ search }) => search.ids.length === 0);
        const any = byField.flatMap(({ search }) => search.groups.flat());
        if (any.length > 0) await b.findByField({ datatype: flow.b.datatype, any });
        for (const { a } of byField) searched.add(linkWorkflowId(flow.name, a.id));
      }),
  );
  const bIds = new Map<string, Promise<string | undefined>>();
  const missingParents = new Set<string>();

  async function link(flow: FlowDefinition, a: SyncRecord): Promise<string | undefined> {
    const plan = await mappingActivities.planLink({ flow: flow.name, a });
    let parentId: string | undefined;
    if (plan.parent) {
      const parent = bIds.get(plan.parent.linkId);
      // The engine starts the parent's link, which finds no A customer: no calls on B.
      if (!parent) missingParents.add(plan.parent.linkId);
      parentId = await parent;
      if (!parentId) return undefined;
    }
    const datatype = flow.b.datatype;
    for (const id of plan.matches.filter((rule) => rule.byId).flatMap((rule) => rule.values)) {
      const found = await limit(() => b.get({ datatype, id, parentId }));
      if (found) return found.id;
    }
    const any = searchFor(plan).groups.flat();
    const ownSearch = !searched.has(linkWorkflowId(flow.name, a.id));
    if (ownSearch && any.length > 0) await limit(() => b.findByField({ datatype, parentId, any }));
    if (!toCreate[flow.name]?.has(a.id)) return undefined;
    return (await limit(() => b.create({ datatype, parentId }, plan.createData))).id;
  }

  const started: Array<Promise<unknown>> = [];
  // Parents first, so that a child finds its parent's promise.
  for (const flow of [...flows].sort((x, y) => Number(!!x.parent) - Number(!!y.parent))) {
    for (const record of records[flow.a.datatype] ?? []) {
      const result = link(flow, record);
      bIds.set(linkWorkflowId(flow.name, record.id), result);
      started.push(result);
    }
  }
  await Promise.all(started);
  return started.length + missingParents.size;
}
