// Measurements 1 and 2: a backfill into an empty B. Starts the sync, waits until it has settled,
// and sets the wall time against the floor (floor.ts), with the calls and the CPU it cost.
import { startSync } from '../src/temporal/startSync.js';
import type { SystemName } from '../src/systems/system.js';
import { countCalls, type CallCounts } from './apiCalls.js';
import type { BenchEnvironment } from './environment.js';
import { aRecordsOf, expectedCreates, sum } from './expected.js';
import { backfillFloor, createdInB, recordCounts, type BackfillFloor } from './floor.js';
import type { LinkCounts } from './linkStates.js';
import { cpuSince, readCpu, type CpuSeconds } from './processCpu.js';
import { measureHistories, type HistoryCost } from './measureHistories.js';
import { waitUntilSettled, type Settled, type SettleOptions } from './settle.js';

export interface BackfillResult {
  /** Records per datatype on each side before the backfill. */
  recordsAtStart: Record<SystemName, Record<string, number>>;
  /** From startSync to the last change, in seconds. */
  wallSeconds: number;
  /** Every expected B record was created, no more: the engine did the whole job. */
  complete: boolean;
  links: LinkCounts;
  linksPerSecond: number;
  expectedCreates: Record<string, number>;
  creates: Record<string, number>;
  /** B records carrying the origin marker, plus departments, counted after the run. */
  createdInB: number;
  floor: BackfillFloor;
  /** Wall time over the floor. */
  ratio: number;
  calls: Record<SystemName, CallCounts>;
  /** The same by route, e.g. `GET /Contact`: searches and feed pages. */
  requests: Record<SystemName, Record<string, number>>;
  /** CPU each process used from startSync to settled: where the time went. */
  cpuSeconds: CpuSeconds;
  /** What a link's history holds after the backfill: the Temporal work per link. */
  history: HistoryCost;
  timeline: Settled['timeline'];
}

export async function measureBackfill(
  env: BenchEnvironment,
  options: SettleOptions,
): Promise<BackfillResult> {
  const { v2, v1, client, config } = env;
  const expected = expectedCreates(aRecordsOf(v2.admin));
  const recordsAtStart = {
    powerofficego: recordCounts(v2.admin, 'powerofficego'),
    powerofficegov1: recordCounts(v1.admin, 'powerofficegov1'),
  };
  v2.admin.resetStats();
  v1.admin.resetStats();
  const cpuAtStart = readCpu(env.worker.pid, env.server.process.pid);

  const startedAt = Date.now();
  await startSync(client, config);
  const settled = await waitUntilSettled(client, () => v1.admin.stats(), expected, startedAt, options);

  const stats = { powerofficego: v2.admin.stats(), powerofficegov1: v1.admin.stats() };
  const cpuSeconds = cpuSince(cpuAtStart, readCpu(env.worker.pid, env.server.process.pid));
  const wallSeconds = (settled.at - startedAt) / 1000;
  const made = createdInB(v1.admin);
  const { creates } = settled;
  const complete = Object.keys({ ...expected, ...creates }).every(
    (datatype) => (creates[datatype] ?? 0) === (expected[datatype] ?? 0),
  );
  // A backfill stopped before the end is held to the floor of the whole job.
  const toCreate = complete ? made : Math.max(made, sum(expected));
  const floor = backfillFloor(recordsAtStart, toCreate, config.SYNC_PAGE_SIZE);
  return {
    recordsAtStart,
    wallSeconds,
    complete,
    links: settled.links,
    linksPerSecond: settled.links.total / wallSeconds,
    expectedCreates: expected,
    creates,
    createdInB: made,
    floor,
    ratio: wallSeconds / floor.seconds,
    calls: {
      powerofficego: countCalls(stats.powerofficego),
      powerofficegov1: countCalls(stats.powerofficegov1),
    },
    requests: {
      powerofficego: stats.powerofficego.requests,
      powerofficegov1: stats.powerofficegov1.requests,
    },
    cpuSeconds,
    history: await measureHistories(client),
    timeline: settled.timeline,
  };
}
