// A client for a running simulator's /_admin API: what `npm run simulator` uses, and what
// tests and scripts in other processes can use.
import type { FaultOptions } from '../simulator.js';
import type { SeedResult } from './admin.js';
import type { SimulatorStats } from './stats.js';

export class AdminRequestError extends Error {
  override readonly name = 'AdminRequestError';

  constructor(
    readonly status: number,
    readonly body: unknown,
    call: string,
  ) {
    super(`${call} failed with ${status}: ${typeof body === 'string' ? body : JSON.stringify(body)}`);
  }
}

export class AdminClient {
  /** `url`: the simulator's root URL, e.g. http://127.0.0.1:4010. */
  constructor(readonly url: string) {}

  reset = () => this.#call<void>('POST', '/reset');
  seed = (request: Record<string, unknown> = {}) =>
    this.#call<{ created: SeedResult }>('POST', '/seed', request);
  list = (datatype: string) => this.#call<Record<string, unknown>[]>('GET', `/records/${datatype}`);
  get = (datatype: string, id: number) =>
    this.#call<Record<string, unknown>>('GET', `/records/${datatype}/${id}`);
  create = (datatype: string, fields: object) =>
    this.#call<Record<string, unknown>>('POST', `/records/${datatype}`, fields);
  edit = (datatype: string, id: number, fields: object) =>
    this.#call<Record<string, unknown>>('PATCH', `/records/${datatype}/${id}`, fields);
  delete = (datatype: string, id: number) => this.#call<void>('DELETE', `/records/${datatype}/${id}`);
  stats = () => this.#call<SimulatorStats>('GET', '/stats');
  resetStats = () => this.#call<void>('POST', '/stats/reset');
  faults = () => this.#call<Required<FaultOptions>>('GET', '/faults');
  setFaults = (faults: FaultOptions) => this.#call<Required<FaultOptions>>('PUT', '/faults', faults);
  setRateLimit = (rateLimit: number | false) =>
    this.#call<{ rateLimit: number | false }>('PUT', '/rate-limit', { rateLimit });
  setReplicaLag = (replicaLagMs: number) =>
    this.#call<{ replicaLagMs: number }>('PUT', '/replica-lag', { replicaLagMs });

  async #call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.url}/_admin${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const parsed: unknown = text ? JSON.parse(text) : undefined;
    if (!response.ok) throw new AdminRequestError(response.status, parsed, `${method} /_admin${path}`);
    return parsed as T;
  }
}
