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
    malformedIds: options.malformedIds ?? [],
  };
}

const ID_KEYS = ['Id', 'id', 'ContactId'];
/** Spoiled in this order, the first the record has: an e-mail that is a number, else its last-changed. */
const SPOILED_KEYS = ['EmailAddress', 'emailAddress', 'Emails', 'LastChangedDateTimeOffset', 'lastChanged'];

/** A JSON answer with the records `ids` name spoiled: a field holds a value of the wrong type. */
export function spoil(payload: string, ids: readonly string[]): string {
  const wanted = new Set(ids);
  let spoiled = false;
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(walk);
    if (typeof value !== 'object' || value === null) return;
    const record = value as Record<string, unknown>;
    const idKey = ID_KEYS.find((key) => record[key] !== undefined && record[key] !== null);
    const spoiledKey = SPOILED_KEYS.find((key) => key in record);
    if (idKey && spoiledKey && wanted.has(String(record[idKey]))) {
      record[spoiledKey] = 12345;
      spoiled = true;
    }
    Object.values(record).forEach(walk);
  };
  try {
    const body: unknown = JSON.parse(payload);
    walk(body);
    return spoiled ? JSON.stringify(body) : payload;
  } catch {
    return payload;
  }
}
