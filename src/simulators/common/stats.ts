// Request and write counters, read by benchmarks and tests through `GET /_admin/stats`.

export type WriteOperation = 'create' | 'update' | 'delete';

export interface WriteCounts {
  create: number;
  update: number;
  delete: number;
  total: number;
}

export interface SimulatorStats {
  /** When the counters were last reset (ISO 8601). */
  since: string;
  /** API requests by `METHOD /route/template`, e.g. `GET /v2/Customers/:id`; admin calls not counted. */
  requests: Record<string, number>;
  /** Writes made through the API, by admin datatype (`customer`, `contactperson`, ...). */
  writes: Record<string, WriteCounts>;
  /** Requests answered 429. */
  rateLimited: number;
  /** Requests hit by fault injection. */
  faults: { error: number; timeout: number };
}

export class StatsCounter {
  #stats = emptyStats();

  countRequest(method: string, route: string): void {
    const key = `${method} ${route}`;
    this.#stats.requests[key] = (this.#stats.requests[key] ?? 0) + 1;
  }

  countWrite(datatype: string, operation: WriteOperation): void {
    const counts = (this.#stats.writes[datatype] ??= { create: 0, update: 0, delete: 0, total: 0 });
    counts[operation] += 1;
    counts.total += 1;
  }

  countRateLimited(): void {
    this.#stats.rateLimited += 1;
  }

  countFault(fault: 'error' | 'timeout'): void {
    this.#stats.faults[fault] += 1;
  }

  snapshot(): SimulatorStats {
    return structuredClone(this.#stats);
  }

  reset(): void {
    this.#stats = emptyStats();
  }
}

function emptyStats(): SimulatorStats {
  return {
    since: new Date().toISOString(),
    requests: {},
    writes: {},
    rateLimited: 0,
    faults: { error: 0, timeout: 0 },
  };
}
