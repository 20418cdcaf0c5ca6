// Fault injection for API requests: added latency, a share answered with 503, a share held
// without an answer until the client gives up. Changeable at runtime through the admin API.
import type { FaultOptions } from '../simulator.js';

export type Fault = 'error' | 'timeout' | undefined;

export class FaultInjector {
  #settings: Required<FaultOptions>;

  constructor(
    options: FaultOptions = {},
    private readonly random: () => number = Math.random,
  ) {
    this.#settings = withDefaults(options);
  }

  get settings(): Required<FaultOptions> {
    return { ...this.#settings };
  }

  set(options: FaultOptions): void {
    this.#settings = withDefaults(options);
  }

  /** What to do to the next request; latency is applied by the caller for every request. */
  pick(): Fault {
    const roll = this.random();
    if (roll < this.#settings.errorRate) return 'error';
    if (roll < this.#settings.errorRate + this.#settings.timeoutRate) return 'timeout';
    return undefined;
  }
}

function withDefaults(options: FaultOptions): Required<FaultOptions> {
  return {
    errorRate: options.errorRate ?? 0,
    timeoutRate: options.timeoutRate ?? 0,
    latencyMs: options.latencyMs ?? 0,
  };
}
