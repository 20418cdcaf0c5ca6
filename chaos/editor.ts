// Edits records on both sides while the sync works, as people would: one field per flow, now in
// Powerofficego, now in PowerOfficeGov1, and now and then the same field on both sides within a
// second or so. Every edit is logged with the record's new last-changed, which the conflict rule
// (DATAFLOWS.md rule 3) orders by.
import type { RunningPowerofficegoSimulator } from '../src/simulators/powerofficego/server.js';
import type { RunningPowerofficegov1Simulator } from '../src/simulators/powerofficegov1/server.js';
import type { LinkedPairs } from './links.js';
import type { Random } from './random.js';
import { editedFieldKey, editTargets, pickTarget, type AData, type EditTarget } from './targets.js';

type Fields = Record<string, unknown>;

export interface EditRecord {
  n: number;
  /** Milliseconds since the chaos began. */
  atMs: number;
  kind: EditTarget['kind'];
  flow: string;
  /** The flow's field key, e.g. `PhoneNumber>Phones.Value`. */
  field: string;
  aId: string;
  side: 'a' | 'b';
  /** The edited record's id on its side. */
  recordId: string;
  value: string;
  /** The record's last-changed after the edit, as its system reports it (microseconds, UTC). */
  lastChanged: string;
  /** Part of a same-field edit on both sides. */
  conflict: boolean;
}

export class Editor {
  readonly log: EditRecord[] = [];
  readonly failures: string[] = [];
  #counter = 0;
  #inFlight = new Set<Promise<void>>();
  readonly #aData: AData;

  constructor(
    private readonly v2: RunningPowerofficegoSimulator,
    private readonly v1: RunningPowerofficegov1Simulator,
    private readonly linked: LinkedPairs,
    private readonly random: Random,
    private readonly startedAt: number,
  ) {
    const datatypes = new Set(editTargets.map((target) => target.flow.a.datatype).concat('customer'));
    this.#aData = Object.fromEntries(
      [...datatypes].map((datatype) => [
        datatype,
        new Map((v2.admin.list(datatype) as Fields[]).map((record) => [String(record.Id), record])),
      ]),
    );
  }

  /** Edits at about `perSecond` until `stop` says so, then waits for edits under way. */
  async run(perSecond: number, stop: () => boolean): Promise<void> {
    while (!stop()) {
      this.#editOnce();
      await sleep((1000 / perSecond) * this.random.between(0.5, 1.5));
    }
    await Promise.all(this.#inFlight);
  }

  #editOnce(): void {
    const target = pickTarget(this.random);
    const roll = this.random.next();
    const mode = roll < 0.4 ? 'a' : roll < 0.8 ? 'b' : 'both';
    const aRecords = [...this.#aData[target.flow.a.datatype]!.values()].filter((record) =>
      target.editable(record, this.#aData),
    );
    if (aRecords.length === 0) return;
    // v1 records are edited once their link holds them; until then an edit goes to A.
    const linked = [...this.linked.of(target.flow.name)].filter(([aId]) =>
      target.editable(this.#aData[target.flow.a.datatype]!.get(aId) ?? {}, this.#aData),
    );
    if (mode === 'a' || linked.length === 0) {
      this.#edit(target, 'a', String(this.random.pick(aRecords).Id), undefined, this.#next(target), false);
      return;
    }
    const [aId, bId] = this.random.pick(linked);
    if (mode === 'b') {
      this.#edit(target, 'b', aId, bId, this.#next(target), false);
      return;
    }
    // The same field on both sides, nearly at once, in either order. Everything random is drawn
    // now, so the plan does not depend on when the second edit runs.
    const first = this.random.chance(0.5) ? 'a' : 'b';
    const gapMs = this.random.int(0, 1_500);
    const [one, two] = [this.#next(target), this.#next(target)];
    const pair = (async () => {
      this.#edit(target, first, aId, bId, one, true);
      await sleep(gapMs);
      this.#edit(target, first === 'a' ? 'b' : 'a', aId, bId, two, true);
    })();
    this.#inFlight.add(pair);
    void pair.finally(() => this.#inFlight.delete(pair));
  }

  /** The next edit's number and value. */
  #next(target: EditTarget): { n: number; value: string } {
    const n = ++this.#counter;
    return { n, value: target.value(n, this.random) };
  }

  #edit(
    target: EditTarget,
    side: 'a' | 'b',
    aId: string,
    bId: string | undefined,
    { n, value }: { n: number; value: string },
    conflict: boolean,
  ): void {
    const { flow, field } = target;
    const recordId = side === 'a' ? aId : bId!;
    try {
      const edited = (
        side === 'a'
          ? this.v2.admin.edit(flow.a.datatype, Number(aId), field.a.set({}, value))
          : this.v1.admin.edit(flow.b.datatype, Number(bId), field.b.set({}, value))
      ) as Fields;
      this.log.push({
        n,
        atMs: Date.now() - this.startedAt,
        kind: target.kind,
        flow: flow.name,
        field: editedFieldKey(target),
        aId,
        side,
        recordId,
        value,
        lastChanged: String(edited.LastChangedDateTimeOffset ?? edited.lastChanged),
        conflict,
      });
    } catch (error) {
      this.failures.push(
        `${side} ${flow.name} ${recordId}: ${error instanceof Error ? error.message : error}`,
      );
    }
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
