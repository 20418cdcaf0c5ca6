// The rough weather of a run, planned up front from the seed: worker SIGKILLs, one restart of the
// Temporal dev server, faults on both simulators (5xx, held requests, latency) re-rolled every few
// seconds, bursts of 429s (the simulator's limit lowered for a few seconds) and v1 replica lag.
import type { ChaosStack } from './stack.js';
import type { Random } from './random.js';
import type { WorkerSupervisor } from './workerProcess.js';
import type { FaultOptions } from '../src/simulators/simulator.js';

export interface TimelineEvent {
  atMs: number;
  what: string;
}

interface Planned {
  atMs: number;
  /** Does it, noting what it did when it did it. */
  run(): Promise<void>;
}

const PUBLISHED_LIMIT = { powerofficego: 10, powerofficegov1: 50 } as const;
const REPLICA_LAG_MS = 500;
const FAULT_PHASE_MS = 8_000;
const BURST_MS = 3_000;

export class Disruptions {
  readonly timeline: TimelineEvent[] = [];
  devServerRestarts = 0;
  readonly #startedAt: number;

  constructor(
    private readonly stack: ChaosStack,
    private readonly worker: WorkerSupervisor,
    private readonly random: Random,
    private readonly durationMs: number,
    private readonly kills: number,
  ) {
    this.#startedAt = Date.now();
  }

  /** Runs every planned disruption; resolves when the last kill and restart are done. */
  async run(): Promise<void> {
    await Promise.all([this.#play(this.#processPlan()), this.#play(this.#faultPlan())]);
  }

  /** Faults off, limits back to the published ones, no replica lag. */
  async calm(): Promise<void> {
    const { v2, v1 } = this.stack;
    v2.admin.setFaults({});
    v1.admin.setFaults({});
    v2.admin.setRateLimit(PUBLISHED_LIMIT.powerofficego);
    v1.admin.setRateLimit(PUBLISHED_LIMIT.powerofficegov1);
    v1.admin.setReplicaLagMs(0);
    this.#note('faults off, rate limits and replica back to normal');
  }

  // Kills spread over the run (each once the worker runs again, a moment after), and the dev
  // server restarted once in the middle third.
  #processPlan(): Planned[] {
    const random = this.random.fork('processes');
    const plan: Planned[] = Array.from({ length: this.kills }, () => ({
      atMs: random.between(0.1, 0.9) * this.durationMs,
      delayMs: random.int(300, 2_500),
    })).map(({ atMs, delayMs }) => ({
      atMs,
      run: async () => {
        await this.worker.ready();
        await sleep(delayMs);
        await this.worker.kill();
        this.#note(`worker SIGKILLed (#${this.worker.kills}); starting again`);
        void this.worker.start().catch(() => undefined);
      },
    }));
    plan.push({
      atMs: random.between(0.35, 0.65) * this.durationMs,
      run: async () => {
        this.#note('Temporal dev server stopping');
        const stoppedAt = Date.now();
        await this.stack.restartDevServer();
        this.devServerRestarts += 1;
        this.#note(`Temporal dev server back (down ${((Date.now() - stoppedAt) / 1000).toFixed(1)} s)`);
      },
    });
    return plan;
  }

  #faultPlan(): Planned[] {
    const random = this.random.fork('faults');
    const { v2, v1 } = this.stack;
    const plan: Planned[] = [
      {
        atMs: 0,
        run: async () => {
          v1.admin.setReplicaLagMs(REPLICA_LAG_MS);
          this.#note(`v1 replica lag ${REPLICA_LAG_MS} ms`);
        },
      },
    ];
    for (let atMs = 0; atMs < this.durationMs; atMs += FAULT_PHASE_MS) {
      const faults: FaultOptions = {
        errorRate: round(random.between(0.1, 0.2)),
        timeoutRate: round(random.between(0.02, 0.05)),
        latencyMs: random.int(20, 200),
      };
      plan.push({
        atMs,
        run: async () => {
          v2.admin.setFaults(faults);
          v1.admin.setFaults(faults);
          this.#note(
            `faults on both: ${percent(faults.errorRate!)} 5xx, ${percent(faults.timeoutRate!)} held, +${faults.latencyMs} ms`,
          );
        },
      });
    }
    const bursts = Math.max(2, Math.round(this.durationMs / 20_000));
    for (let i = 0; i < bursts; i++) {
      const system = random.chance(0.5) ? 'powerofficego' : 'powerofficegov1';
      const admin = system === 'powerofficego' ? v2.admin : v1.admin;
      const limit = random.int(1, 3);
      plan.push({
        atMs: random.between(0.05, 0.85) * this.durationMs,
        run: async () => {
          admin.setRateLimit(limit);
          this.#note(`${system} limited to ${limit}/s for ${BURST_MS / 1000} s (429 burst)`);
          await sleep(BURST_MS);
          admin.setRateLimit(PUBLISHED_LIMIT[system]);
        },
      });
    }
    return plan;
  }

  /** Runs one kind of disruption in time order; each waits for the one before it. */
  async #play(plan: Planned[]): Promise<void> {
    for (const { atMs, run } of plan.sort((x, y) => x.atMs - y.atMs)) {
      await sleep(this.#startedAt + atMs - Date.now());
      await run();
    }
  }

  #note(what: string): void {
    this.timeline.push({ atMs: Date.now() - this.#startedAt, what });
  }
}

const percent = (share: number) => `${Math.round(share * 100)}%`;
const round = (value: number) => Math.round(value * 100) / 100;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
