// What the admin interface can do to a running simulator, in process. The `/_admin` HTTP
// routes and `npm run simulator` call these; tests and `npm start` may call them directly.
import { z } from 'zod';
import type { FaultOptions } from '../simulator.js';
import type { FaultInjector } from './faults.js';
import { SimulatorProblem } from './problem.js';
import type { RateLimiter } from './rateLimiter.js';
import type { ReplicaLag } from './replicaLag.js';
import type { Resource } from './resource.js';
import { canonicalKeys } from './schemaShape.js';
import type { SimulatorStats, StatsCounter } from './stats.js';

/** Record counts by datatype, as a seed reports what it made. */
export type SeedResult = Record<string, number>;

/**
 * Runs a seed in one transaction, telling it how many records exist (so seeding again on top of
 * data makes new parties), and counts what it created per datatype.
 */
export function seedInTransaction(
  collections: object,
  transaction: (work: () => void) => void,
  work: (existing: number) => void,
): SeedResult {
  const sizes = () =>
    Object.entries(collections).map(([datatype, collection]) => [datatype, collection.size] as const);
  const before = new Map(sizes());
  transaction(() => work([...before.values()].reduce((sum, size) => sum + size, 0)));
  return Object.fromEntries(sizes().map(([datatype, size]) => [datatype, size - before.get(datatype)!]));
}

export interface AdminParts<SeedRequest> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- records of every datatype
  resources: Record<string, Resource<any, any>>;
  /** Creating some datatypes needs more than the body (v2 contact persons: their `ContactId`). */
  create?: Partial<Record<string, (fields: Record<string, unknown>) => object>>;
  seedRequest: z.ZodType<SeedRequest>;
  seed(request: SeedRequest): SeedResult;
  reset(): void;
  stats: StatsCounter;
  faults: FaultInjector;
  rateLimiter: RateLimiter;
  replicaLag?: ReplicaLag;
}

export class SimulatorAdmin<SeedRequest = unknown> {
  constructor(private readonly parts: AdminParts<SeedRequest>) {}

  get datatypes(): string[] {
    return Object.keys(this.parts.resources);
  }

  reset(): void {
    this.parts.reset();
    this.parts.replicaLag?.forgetAll();
  }

  seed(request: unknown): SeedResult {
    const parsed = this.parts.seedRequest.safeParse(request ?? {});
    if (!parsed.success) {
      throw new SimulatorProblem(400, 'Invalid seed request', z.prettifyError(parsed.error));
    }
    return this.parts.seed(parsed.data);
  }

  list(datatype: string): object[] {
    const resource = this.#resource(datatype);
    return resource.collection.values().map((record) => resource.present(record));
  }

  get(datatype: string, id: number): object {
    const resource = this.#resource(datatype);
    return resource.present(resource.require(id));
  }

  /** Inserts a record as a person would in the product: validated like an API write. */
  create(datatype: string, fields: Record<string, unknown>): object {
    const resource = this.#resource(datatype);
    const create = this.parts.create?.[datatype];
    return resource.present(create ? create(fields) : resource.create(fields));
  }

  /** Sets fields of a record (objects merged, the rest replaced); last-changed moves. */
  edit(datatype: string, id: number, fields: Record<string, unknown>): object {
    const resource = this.#resource(datatype);
    const changes = canonicalKeys(fields, resource.definition.input);
    return resource.present(resource.change(id, (input) => merge(input, changes)));
  }

  delete(datatype: string, id: number): void {
    this.#resource(datatype).delete(id);
  }

  stats(): SimulatorStats {
    return this.parts.stats.snapshot();
  }

  resetStats(): void {
    this.parts.stats.reset();
  }

  faults(): Required<FaultOptions> {
    return this.parts.faults.settings;
  }

  setFaults(options: FaultOptions): Required<FaultOptions> {
    this.parts.faults.set(options);
    return this.faults();
  }

  rateLimit(): number | false {
    return this.parts.rateLimiter.limit;
  }

  setRateLimit(requestsPerSecond: number | false): void {
    this.parts.rateLimiter.setLimit(requestsPerSecond);
  }

  /** v1 only: undefined on a simulator without a replica. */
  replicaLagMs(): number | undefined {
    return this.parts.replicaLag?.lagMs;
  }

  setReplicaLagMs(lagMs: number): void {
    if (!this.parts.replicaLag) {
      throw new SimulatorProblem(404, 'Not Found', 'This simulator has no read replica.');
    }
    this.parts.replicaLag.lagMs = lagMs;
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- records of every datatype
  #resource(datatype: string): Resource<any, any> {
    const resource = this.parts.resources[datatype.toLowerCase()];
    if (!resource) {
      throw new SimulatorProblem(
        404,
        'Unknown datatype',
        `Unknown datatype '${datatype}'; use one of ${this.datatypes.join(', ')}.`,
      );
    }
    return resource;
  }
}

/** A field of an admin body (any casing) and the rest: `splitField(body, 'ContactId')`. */
export function splitField(
  fields: Record<string, unknown>,
  name: string,
): [unknown, Record<string, unknown>] {
  const key = Object.keys(fields).find((candidate) => candidate.toLowerCase() === name.toLowerCase());
  if (key === undefined) return [undefined, fields];
  const { [key]: value, ...rest } = fields;
  return [value, rest];
}

function merge(target: unknown, changes: unknown): unknown {
  if (!isPlainObject(target) || !isPlainObject(changes)) return changes;
  const merged: Record<string, unknown> = { ...target };
  for (const [key, value] of Object.entries(changes)) merged[key] = merge(target[key], value);
  return merged;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
