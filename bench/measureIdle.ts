// Measurement 4b: what the sync costs when nothing changes — the change feeds' polling, in calls
// per minute on each side. It should not grow with the number of records. The v1 contact person
// feed polls once a minute (SYNC_PER_PARENT_POLL_INTERVAL): a window shorter than that counts it
// once or not at all.
import { setTimeout as sleep } from 'node:timers/promises';
import type { SystemName } from '../src/systems/system.js';
import { countCalls, type CallCounts } from './apiCalls.js';
import type { BenchEnvironment } from './environment.js';

export interface IdleResult {
  seconds: number;
  calls: Record<SystemName, CallCounts>;
  perMinute: Record<SystemName, number>;
  /** By route: which feed polled how often. */
  requests: Record<SystemName, Record<string, number>>;
}

export async function measureIdle({ v2, v1 }: BenchEnvironment, seconds: number): Promise<IdleResult> {
  v2.admin.resetStats();
  v1.admin.resetStats();
  await sleep(seconds * 1000);
  const stats = { powerofficego: v2.admin.stats(), powerofficegov1: v1.admin.stats() };
  const calls = {
    powerofficego: countCalls(stats.powerofficego),
    powerofficegov1: countCalls(stats.powerofficegov1),
  };
  const perMinute = (system: SystemName) => (calls[system].total * 60) / seconds;
  return {
    seconds,
    calls,
    perMinute: { powerofficego: perMinute('powerofficego'), powerofficegov1: perMinute('powerofficegov1') },
    requests: {
      powerofficego: stats.powerofficego.requests,
      powerofficegov1: stats.powerofficegov1.requests,
    },
  };
}
