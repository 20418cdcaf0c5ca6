// Measurements 3 and 4a: edit propagation after the backfill. Edits a supplier's phone number in A
// (then a contact's in B) as a person would, spread over time, each with a unique value, and
// watches the other side in process (no API calls) until it shows the value. Counts the calls
// the propagation cost: reads and writes per edit, and the feeds' list calls meanwhile.
import { setTimeout as sleep } from 'node:timers/promises';
import type { SystemName } from '../src/systems/system.js';
import { countCalls, type CallCounts } from './apiCalls.js';
import type { BenchEnvironment } from './environment.js';

export interface Latency {
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export interface EditPhase {
  edits: number;
  perSecond: number;
  propagated: number;
  /** Seconds from the write to the other side showing it; undefined when none propagated. */
  latency?: Latency;
  calls: Record<SystemName, CallCounts>;
  /** Reads and writes on both sides per propagated edit. */
  callsPerEdit: number;
  /** The feeds' polling meanwhile, not caused by any one edit. */
  listCalls: number;
  /** Access tokens fetched meanwhile: one per token lifetime, whatever the number of edits. */
  tokenCalls: number;
}

export interface EditsResult {
  aToB: EditPhase;
  bToA: EditPhase;
}

export interface EditOptions {
  edits: number;
  perSecondA: number;
  perSecondB: number;
  /** Waited after the last edit arrived, for echoes to come and go. */
  settleMs: number;
  /** Given up on an edit this long after the last write. */
  timeoutMs: number;
}

interface Pair {
  supplierId: number;
  contactId: number;
}

interface Edit {
  write(value: string): void;
  shows(value: string): boolean;
}

export async function measureEdits(env: BenchEnvironment, options: EditOptions): Promise<EditsResult> {
  const { v2, v1 } = env;
  const pairs = editablePairs(env).slice(0, options.edits);
  const supplierPhone = ({ supplierId }: Pair) =>
    (v2.admin.get('supplier', supplierId) as { PhoneNumber?: string }).PhoneNumber;
  const contactPhone = ({ contactId }: Pair) =>
    (v1.admin.get('contact', contactId) as { Phones?: Array<{ Value: string }> }).Phones?.[0]?.Value;
  const aToB = pairs.map((pair): Edit => ({
    write: (value) => v2.admin.edit('supplier', pair.supplierId, { PhoneNumber: value }),
    shows: (value) => contactPhone(pair) === value,
  }));
  const bToA = pairs.map((pair): Edit => ({
    write: (value) => v1.admin.edit('contact', pair.contactId, { Phones: [{ Value: value }] }),
    shows: (value) => supplierPhone(pair) === value,
  }));
  return {
    aToB: await runPhase(env, aToB, '+47 41', options.perSecondA, options),
    bToA: await runPhase(env, bToA, '+47 42', options.perSecondB, options),
  };
}

/** Suppliers that are not also customers (whose edit would feed a second flow), with their B contact. */
function editablePairs({ v2, v1 }: BenchEnvironment): Pair[] {
  const customers = new Set(v2.admin.list('customer').map((customer) => (customer as { Id: number }).Id));
  const contacts = v1.admin.list('contact') as Array<{ ContactId: number; externalImportReference?: string }>;
  return contacts.flatMap(({ ContactId, externalImportReference }) => {
    const match = /^powerofficego:supplier:(\d+)$/.exec(externalImportReference ?? '');
    const supplierId = Number(match?.[1]);
    return match && !customers.has(supplierId) ? [{ supplierId, contactId: ContactId }] : [];
  });
}

async function runPhase(
  { v2, v1 }: BenchEnvironment,
  edits: Edit[],
  prefix: string,
  perSecond: number,
  options: EditOptions,
): Promise<EditPhase> {
  v2.admin.resetStats();
  v1.admin.resetStats();
  const waiting = new Map<Edit, { value: string; writtenAt: number }>();
  const latencies: number[] = [];
  const check = () => {
    for (const [edit, { value, writtenAt }] of waiting) {
      if (!edit.shows(value)) continue;
      latencies.push((performance.now() - writtenAt) / 1000);
      waiting.delete(edit);
    }
  };
  const checker = setInterval(check, 50);
  try {
    const startedAt = performance.now();
    for (const [i, edit] of edits.entries()) {
      await sleep(Math.max(0, startedAt + (i * 1000) / perSecond - performance.now()));
      const value = `${prefix} ${String(i).padStart(6, '0')}`;
      edit.write(value);
      waiting.set(edit, { value, writtenAt: performance.now() });
    }
    const deadline = performance.now() + options.timeoutMs;
    while (waiting.size > 0 && performance.now() < deadline) await sleep(100);
  } finally {
    clearInterval(checker);
  }
  await sleep(options.settleMs);

  const calls = {
    powerofficego: countCalls(v2.admin.stats()),
    powerofficegov1: countCalls(v1.admin.stats()),
  };
  const onBothSides = (kind: keyof CallCounts) => calls.powerofficego[kind] + calls.powerofficegov1[kind];
  const listCalls = onBothSides('list');
  const tokenCalls = onBothSides('token');
  const otherCalls = onBothSides('total') - listCalls - tokenCalls;
  return {
    edits: edits.length,
    perSecond,
    propagated: latencies.length,
    latency: summarize(latencies),
    calls,
    callsPerEdit: otherCalls / Math.max(1, latencies.length),
    listCalls,
    tokenCalls,
  };
}

function summarize(seconds: number[]): Latency | undefined {
  if (seconds.length === 0) return undefined;
  const sorted = [...seconds].sort((x, y) => x - y);
  const at = (share: number) => sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)]!;
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted.at(-1)! };
}
