// An id or number series that survives restarts. `next` skips values already taken, so a
// number a client set by hand is never handed out again.
import type { SimulatorDatabase } from './database.js';

export class Sequence {
  constructor(
    private readonly database: SimulatorDatabase,
    readonly name: string,
    private readonly start: number,
  ) {}

  next(isTaken: (value: number) => boolean = () => false): number {
    let value = this.database.sequenceValue(this.name, this.start) + 1;
    while (isTaken(value)) value += 1;
    this.database.setSequenceValue(this.name, value);
    return value;
  }
}

/** The first of make(1), make(2), ... that is not taken: names, codes and addresses made unique. */
export function firstFree(make: (n: number) => string, isTaken: (value: string) => boolean): string {
  let n = 1;
  while (isTaken(make(n))) n++;
  return make(n);
}
