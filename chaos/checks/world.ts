// Both systems' data and the links, read at one moment, for the checks: v2 and v1 from the
// simulators in this process (no replica lag, no rate limit), the links from Temporal's visibility.
import { linkWorkflowId, originMarker } from '../../src/ids.js';
import type { FlowDefinition } from '../../src/mappings/flow.js';
import { flows } from '../../src/mappings/index.js';
import { originMarkerFields } from '../../src/systems/originMarkerFields.js';
import { listLinks, type LinkRow } from '../links.js';
import type { ChaosStack } from '../stack.js';

export type Fields = Record<string, unknown>;
export type Records = Map<string, Fields>;

export interface World {
  /** v2 records by datatype and id. */
  a: Record<string, Records>;
  /** v1 records by datatype and id. */
  b: Record<string, Records>;
  /** Running links by flow and A id. */
  links: Map<string, Map<string, LinkRow>>;
  /** v1 records by datatype and the origin marker they carry. */
  marked: Record<string, Map<string, Fields[]>>;
}

export interface Violation {
  check: string;
  /** The link (or record) it is about. */
  subject: string;
  detail: string;
}

export const idOf = (record: Fields) => String(record.Id ?? record.ContactId ?? record.id);

export async function readWorld(stack: ChaosStack): Promise<World> {
  const links = await listLinks(stack.client);
  const list = (admin: { list(datatype: string): object[] }, side: 'a' | 'b') =>
    Object.fromEntries(
      [...new Set(flows.map((flow) => flow[side].datatype))].map((datatype) => [
        datatype,
        admin.list(datatype) as Fields[],
      ]),
    );
  return worldOf(list(stack.v2.admin, 'a'), list(stack.v1.admin, 'b'), links);
}

/** The world from record lists by datatype (every datatype the flows use must be given) and the links. */
export function worldOf(
  aLists: Record<string, Fields[]>,
  bLists: Record<string, Fields[]>,
  links: World['links'],
): World {
  const byId = (lists: Record<string, Fields[]>) =>
    Object.fromEntries(
      Object.entries(lists).map(([datatype, records]) => [
        datatype,
        new Map(records.map((record) => [idOf(record), record])),
      ]),
    );
  const marked = Object.fromEntries(
    Object.entries(bLists).map(([datatype, records]) => {
      const field = originMarkerFields[datatype];
      const byMarker = new Map<string, Fields[]>();
      for (const record of records) {
        const marker = field ? record[field] : undefined;
        if (typeof marker === 'string' && marker !== '') {
          byMarker.set(marker, [...(byMarker.get(marker) ?? []), record]);
        }
      }
      return [datatype, byMarker];
    }),
  );
  return { a: byId(aLists), b: byId(bLists), links, marked };
}

/** The B record a link holds: the one its state names, else the one carrying its origin marker. */
export function pairOf(world: World, flow: FlowDefinition, aId: string): Fields | undefined {
  const records = world.b[flow.b.datatype]!;
  const bId = world.links.get(flow.name)?.get(aId)?.bId;
  if (bId) return records.get(bId);
  return markedFor(world, flow, aId)[0];
}

/** B records carrying this A record's origin marker. */
export function markedFor(world: World, flow: FlowDefinition, aId: string): Fields[] {
  return world.marked[flow.b.datatype]?.get(originMarker(flow.a.datatype, aId)) ?? [];
}

export const subjectOf = (flow: FlowDefinition, aId: string) => linkWorkflowId(flow.name, aId);

/** `"x"` for text, JSON for the rest: values as a violation line shows them. */
export function show(value: unknown): string {
  return typeof value === 'string' ? `"${value}"` : JSON.stringify(value ?? null);
}
