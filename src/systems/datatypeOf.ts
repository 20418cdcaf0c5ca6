// The one check every adapter makes first: the engine asks only for datatypes the adapter serves.
import type { SystemName } from './system.js';

/** The datatype as the adapter's own type; one it does not serve is a programming error, named. */
export function datatypeOf<D extends string>(system: SystemName, served: readonly D[], datatype: string): D {
  if (!(served as readonly string[]).includes(datatype)) {
    throw new Error(`${system} has no datatype ${datatype} (it has ${served.join(', ')})`);
  }
  return datatype as D;
}
