// Exactly one B record for every A record that must have one (DATAFLOWS.md rules 1, 2 and 6):
// none missing, no two with the same origin marker, none whose A record does not exist, no B
// record held by two links, and children under their parent's B record.
import { parseOriginMarker } from '../../src/ids.js';
import { valuesAt } from '../../src/engine/candidates.js';
import type { FlowDefinition } from '../../src/mappings/flow.js';
import { flowNamed, flows } from '../../src/mappings/index.js';
import { originMarkerFields } from '../../src/systems/originMarkerFields.js';
import { idOf, markedFor, subjectOf, type Fields, type Violation, type World } from './world.js';

const check = 'one B record each';

/**
 * Whether the flow's policy requires a B record for this A record, read from the flow definitions:
 * `always` (a child: when its parent's A record exists), or `on-dependency` when a record it is
 * connected to exists in A (every such record is synchronized in a run, so it connects).
 */
export function mustHaveB(world: World, flow: FlowDefinition, a: Fields): boolean {
  const aId = idOf(a);
  if (flow.parent) {
    const parentId = flow.parent.aId(a);
    return parentId !== undefined && world.a[flowNamed(flow.parent.flow).a.datatype]!.has(parentId);
  }
  if (flow.policy === 'always') return true;
  const connected = (flow.createdWhenLinked ?? []).some((edge) => {
    const other = flowNamed(edge.flow);
    const otherId = 'sameId' in edge ? aId : edge.aId(a);
    return otherId !== undefined && world.a[other.a.datatype]!.has(otherId);
  });
  const children = flows.filter((child) => child.parent?.flow === flow.name);
  return (
    connected ||
    children.some((child) =>
      [...world.a[child.a.datatype]!.values()].some((record) => child.parent!.aId(record) === aId),
    )
  );
}

export function checkOneRecordEach(world: World): Violation[] {
  return flows.flatMap((flow) => [
    ...checkEachA(world, flow),
    ...checkClaimedOnce(world, flow),
    ...checkOrphans(world, flow),
  ]);
}

function checkEachA(world: World, flow: FlowDefinition): Violation[] {
  const violations: Violation[] = [];
  const bRecords = world.b[flow.b.datatype]!;
  const markerField = originMarkerFields[flow.b.datatype];
  const parentHolder = parentsOf(world, flow);
  for (const a of world.a[flow.a.datatype]!.values()) {
    const aId = idOf(a);
    const subject = subjectOf(flow, aId);
    const add = (detail: string) => violations.push({ check, subject, detail });
    const link = world.links.get(flow.name)?.get(aId);
    const marked = markedFor(world, flow, aId);
    if (marked.length > 1) {
      add(`${marked.length} ${flow.b.label} records carry its origin marker: ${marked.map(idOf).join(', ')}`);
    }
    if (!markerField && mustHaveB(world, flow, a)) {
      const matching = flow.match.flatMap((rule) => {
        const wanted = new Set(rule.values(a).map((value) => value.trim().toLowerCase()));
        return [...bRecords.values()].filter((b) =>
          valuesAt(b, rule.bField).some((value) => wanted.has(value.trim().toLowerCase())),
        );
      });
      const ids = [...new Set(matching.map(idOf))];
      if (ids.length > 1) add(`${ids.length} ${flow.b.label} records match it: ${ids.join(', ')}`);
    }
    const bId = link?.bId;
    const b = bId ? bRecords.get(bId) : undefined;
    if (bId && !b) add(`the link names ${flow.b.label} ${bId}, which does not exist`);
    if (bId && marked.length === 1 && idOf(marked[0]!) !== bId) {
      add(`the link names ${flow.b.label} ${bId}, but ${idOf(marked[0]!)} carries its origin marker`);
    }
    const owner = b && markerField ? parseOriginMarker(b[markerField]) : undefined;
    if (owner && (owner.datatype !== flow.a.datatype || owner.aId !== aId)) {
      add(`it holds ${flow.b.label} ${bId}, which carries ${String(b![markerField!])}: another record's`);
    }
    if (!b && marked.length === 0 && mustHaveB(world, flow, a)) {
      add(`no ${flow.b.label} in PowerOfficeGov1 (link ${link ? link.state : 'not started'})`);
    }
    if (b && flow.parent) {
      const wanted = parentHolder.get(flow.parent.aId(a) ?? '');
      const actual = String(b[flow.parent.bField]);
      if (wanted && actual !== wanted) {
        add(`${flow.b.label} ${bId} is under ${actual}, but the parent's link holds ${wanted}`);
      }
    }
  }
  return violations;
}

/** For a child flow: the parent link's B id by parent A id. */
function parentsOf(world: World, flow: FlowDefinition): Map<string, string> {
  if (!flow.parent) return new Map();
  const rows = world.links.get(flow.parent.flow)?.values() ?? [];
  return new Map([...rows].filter((row) => row.bId).map((row) => [row.aId, row.bId!]));
}

function checkClaimedOnce(world: World, flow: FlowDefinition): Violation[] {
  const holders = new Map<string, string[]>();
  for (const row of world.links.get(flow.name)?.values() ?? []) {
    if (row.bId) holders.set(row.bId, [...(holders.get(row.bId) ?? []), row.aId]);
  }
  return [...holders]
    .filter(([, aIds]) => aIds.length > 1)
    .map(([bId, aIds]) => ({
      check,
      subject: `${flow.b.label} ${bId}`,
      detail: `held by ${aIds.length} links of ${flow.name}: A ${aIds.join(', ')}`,
    }));
}

function checkOrphans(world: World, flow: FlowDefinition): Violation[] {
  const field = originMarkerFields[flow.b.datatype];
  if (!field) return [];
  return [...world.b[flow.b.datatype]!.values()].flatMap((b) => {
    const marker = parseOriginMarker(b[field]);
    if (!marker || marker.datatype !== flow.a.datatype || world.a[flow.a.datatype]!.has(marker.aId))
      return [];
    return [
      {
        check,
        subject: `${flow.b.label} ${idOf(b)}`,
        detail: `carries ${String(b[field])}, but Powerofficego has no ${flow.a.label} ${marker.aId}`,
      },
    ];
  });
}
