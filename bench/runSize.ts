// Every measurement for one N: a fresh world per rate-limit mode (backfill, then edits and idle
// polling in the first mode), the worker's and the dev server's peak memory, and the plain floor.
import type { BackfillResult } from './measureBackfill.js';
import { startEnvironment, seedFor } from './environment.js';
import { measureBackfill } from './measureBackfill.js';
import { measureEdits, type EditsResult } from './measureEdits.js';
import { measureIdle, type IdleResult } from './measureIdle.js';
import { MemorySampler, type PeakRss } from './measureMemory.js';
import { measurePlainFloor, type PlainFloorResult } from './plainFloor.js';

export interface BenchOptions {
  modes: Array<'on' | 'off'>;
  pollInterval: string;
  pollMs: number;
  edits: number;
  editRateA: number;
  editRateB: number;
  idleSeconds: number;
  skipPlain: boolean;
  /** A backfill still running after this long is stopped and reported as it stands. */
  maxBackfillMs?: number;
}

export interface RunResult {
  backfill: BackfillResult;
  /** Measured after the backfill of the first mode only. */
  edits?: EditsResult;
  idle?: IdleResult;
  peakRssMb: Record<string, PeakRss>;
}

export interface SizeResult {
  n: number;
  seed: ReturnType<typeof seedFor>;
  runs: Partial<Record<'on' | 'off', RunResult>>;
  plain?: PlainFloorResult;
  seconds: number;
}

export async function runSize(n: number, options: BenchOptions): Promise<SizeResult> {
  const startedAt = performance.now();
  const result: SizeResult = { n, seed: seedFor(n), runs: {}, seconds: 0 };
  for (const [i, mode] of options.modes.entries()) {
    const label = `N=${n}, rate limits ${mode}`;
    console.log(`${label}: starting the dev server, the simulators and the worker`);
    const env = await startEnvironment(n, { rateLimits: mode === 'on', pollInterval: options.pollInterval });
    const memory = new MemorySampler({ worker: env.worker.pid, devServer: env.server.process.pid });
    let run: RunResult | undefined;
    try {
      console.log(`${label}: backfill`);
      const backfill = await measureBackfill(env, {
        label,
        quietMs: 2 * options.pollMs + 2_000,
        stuckMs: Math.max(120_000, 10 * options.pollMs),
        deadlineMs: options.maxBackfillMs,
      });
      const outcome = backfill.complete ? 'settled' : 'stopped, INCOMPLETE,';
      console.log(
        `${label}: ${outcome} in ${backfill.wallSeconds.toFixed(1)} s (floor ${backfill.floor.seconds.toFixed(1)} s)`,
      );
      run = result.runs[mode] = { backfill, peakRssMb: {} };
      // Edits are measured against a finished backfill only: a busy one would say nothing of them.
      if (i === 0 && backfill.complete) {
        console.log(`${label}: ${options.edits} edits on each side`);
        run.edits = await measureEdits(env, {
          edits: options.edits,
          perSecondA: options.editRateA,
          perSecondB: options.editRateB,
          settleMs: 2 * options.pollMs + 1_000,
          timeoutMs: 120_000,
        });
        console.log(`${label}: idle polling for ${options.idleSeconds} s`);
        run.idle = await measureIdle(env, options.idleSeconds);
      }
    } finally {
      const peaks = memory.stop();
      if (run) run.peakRssMb = peaks;
      await env.stop();
    }
  }
  if (options.modes.includes('off') && !options.skipPlain) {
    console.log(`N=${n}: plain floor (no Temporal, rate limits off)`);
    result.plain = await measurePlainFloor(n);
  }
  result.seconds = (performance.now() - startedAt) / 1000;
  return result;
}
