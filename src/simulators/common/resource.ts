// The write rules every record of both APIs follows: parse the body (property names matched
// case-insensitively, as .NET binds them), build the full record, check unique fields, store.
// Create, full replace (v1), change-in-place (v2 JSON Patch, admin edits) and delete.
import type { z } from 'zod';
import type { Collection } from './collection.js';
import { fieldErrors, issueMessage } from './describeIssues.js';
import { SimulatorProblem } from './problem.js';
import { canonicalKeys } from './schemaShape.js';

export interface UniqueRule<R> {
  /** A unique index of the collection. */
  index: string;
  /** The refusal when `record` takes a value `owner` already has. */
  message(record: R, owner: R): string;
}

export interface ResourceDefinition<R extends object, I extends object> {
  /** The name the admin API and stats use: `customer`, `contactperson`, ... */
  datatype: string;
  /** The record's name in the API's messages: `Customer`. */
  title: string;
  collection: Collection<R>;
  /** What a client may write. */
  input: z.ZodType<I>;
  /** The writable part of a stored record, in the input's shape: what a patch or an edit changes. */
  toInput(record: R): I;
  /** The full record from valid input; `previous` when it replaces one. May refuse (e.g. a missing reference). */
  build(input: I, previous: R | undefined, fixed: Partial<R>): R;
  unique?: readonly UniqueRule<R>[];
  /** Why the record cannot be deleted now, if it cannot. */
  inUse?(record: R): string | undefined;
  /** Clean-up after a delete (e.g. contact persons of a removed contact). */
  afterDelete?(record: R): void;
  /** The record as reads show it (e.g. national id numbers read back as "hidden"). */
  present?(record: R): object;
}

export class Resource<R extends object, I extends object> {
  constructor(
    readonly definition: ResourceDefinition<R, I>,
    private readonly transaction: <T>(work: () => T) => T,
  ) {}

  get datatype(): string {
    return this.definition.datatype;
  }

  get collection(): Collection<R> {
    return this.definition.collection;
  }

  parse(body: unknown): I {
    const { input, title } = this.definition;
    const result = input.safeParse(canonicalKeys(body ?? {}, input), { error: issueMessage });
    if (!result.success) {
      throw SimulatorProblem.validation(`${title} validation error(s)`, fieldErrors(result.error.issues));
    }
    return result.data;
  }

  present(record: R): object {
    return this.definition.present?.(record) ?? record;
  }

  find(id: number): R | undefined {
    return this.collection.get(id);
  }

  require(id: number): R {
    const record = this.collection.get(id);
    if (!record) throw SimulatorProblem.notFound(`${this.definition.title} with id = ${id} not found.`);
    return record;
  }

  /** `fixed` holds what the server decides outside the body: a shared contact id, a parent id. */
  create(body: unknown, fixed: Partial<R> = {}): R {
    return this.#store(this.definition.build(this.parse(body), undefined, fixed));
  }

  /** A full write: what the body leaves out is cleared. */
  replace(id: number, body: unknown): R {
    const previous = this.require(id);
    return this.#store(this.definition.build(this.parse(body), previous, {}));
  }

  /** Changes the writable part of a record in place and validates the result as a whole. */
  change(id: number, edit: (input: I) => unknown): R {
    const previous = this.require(id);
    const edited = edit(structuredClone(this.definition.toInput(previous)));
    return this.#store(this.definition.build(this.parse(edited), previous, {}));
  }

  delete(id: number): R {
    const record = this.require(id);
    const reason = this.definition.inUse?.(record);
    if (reason) throw new SimulatorProblem(409, `${this.definition.title} conflict`, reason);
    return this.transaction(() => {
      this.collection.delete(id);
      this.definition.afterDelete?.(record);
      return record;
    });
  }

  #store(record: R): R {
    for (const rule of this.definition.unique ?? []) {
      const index = this.#index(rule.index);
      const key = index.key(record);
      if (key === null || key === undefined || key === '') continue;
      const owner = this.collection.findUnique(rule.index, key);
      if (owner && this.collection.idOf(owner) !== this.collection.idOf(record)) {
        throw SimulatorProblem.validation(`${this.definition.title} validation error(s)`, [
          { field: rule.index, message: rule.message(record, owner) },
        ]);
      }
    }
    this.collection.put(record);
    return record;
  }

  #index(name: string) {
    const index = this.collection.uniqueIndex(name);
    if (!index) throw new Error(`${this.datatype} has no unique index ${name}`);
    return index;
  }
}
