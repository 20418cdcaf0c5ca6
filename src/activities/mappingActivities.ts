// The mapping and merging, run as local activities: pure work on the flow definitions, kept out of
// workflow code so that a changed mapping never breaks the replay of a running link.
import { baseOf, differsFromBase, merge, recordForB, type Base, type Written } from '../engine/merge.js';
import { linkWorkflowId, originMarker } from '../ids.js';
import { flowNamed, flows } from '../mappings/index.js';
import { originMarkerFields } from '../systems/originMarkerFields.js';
import type { SyncRecord } from '../systems/system.js';

export interface PlanLinkInput {
  flow: string;
  a: SyncRecord;
}

export interface LinkPlan {
  /** How this A record's B record is found again, or found as already created. */
  identity: { field: string; value: string };
  /** Whether `identity` is the origin marker (worth a look-up before matching). */
  identityIsMarker: boolean;
  /** The flow's match rules with this record's values, in order. */
  matches: Array<{ bField: string; values: string[]; byId: boolean }>;
  /** The parent's link, for a child flow; the parent's B id goes into the create call's `parentId`. */
  parent?: { linkId: string };
  /** Links whose being synchronized lets this one be created (on-dependency); `start`: may be started. */
  requires: Array<{ linkId: string; start: boolean }>;
  /** Links of other flows to tell when this one is linked (they name it as their same-party connection). */
  notifyWhenLinked: string[];
  /** The B record to create, without the parent's id. */
  createData: Record<string, unknown>;
}

export interface PlanMergeInput {
  flow: string;
  base?: Base;
  a?: SyncRecord;
  b?: SyncRecord;
  /** A parked link resuming: both sides are merged even when the record given holds nothing new. */
  bothSides?: boolean;
}

export interface BaseOfInput {
  flow: string;
  a: SyncRecord;
  b: SyncRecord;
  /** The sides just written, when `a` and `b` are the writes' replies (see engine/merge.ts). */
  written?: Partial<Record<'a' | 'b', Written>>;
}

export type MergeStep =
  /** The records given hold nothing new against the base: an echo or a change to unmapped fields. */
  | { kind: 'nothing-new' }
  /** The other side's record is needed to merge. */
  | { kind: 'read'; side: 'a' | 'b' }
  /** Write these records; `decisions` says why. */
  | { kind: 'write'; aAfter?: Record<string, unknown>; bAfter?: Record<string, unknown>; decisions: string[] }
  /** Both sides agree; this is the new base. */
  | { kind: 'in-sync'; base: Base };

export const mappingActivities = {
  async planLink({ flow: flowName, a }: PlanLinkInput): Promise<LinkPlan> {
    const flow = flowNamed(flowName);
    const marker = originMarker(flow.a.datatype, a.id);
    const markerField = originMarkerFields[flow.b.datatype];
    const matches = flow.match.map((rule) => ({
      bField: rule.bField,
      values: rule.values(a.data),
      byId: rule.byId ?? false,
    }));
    const firstKey = matches.find((rule) => !rule.byId && rule.values.length > 0);
    const identity = markerField
      ? { field: markerField, value: marker }
      : { field: firstKey?.bField ?? '', value: firstKey?.values[0] ?? '' };
    const parentAId = flow.parent?.aId(a.data);
    return {
      identity,
      identityIsMarker: markerField !== undefined,
      matches,
      parent: flow.parent && parentAId ? { linkId: linkWorkflowId(flow.parent.flow, parentAId) } : undefined,
      requires: (flow.createdWhenLinked ?? []).flatMap((edge) => {
        const aId = 'sameId' in edge ? a.id : edge.aId(a.data);
        return aId ? [{ linkId: linkWorkflowId(edge.flow, aId), start: !('sameId' in edge) }] : [];
      }),
      notifyWhenLinked: flows
        .filter((other) =>
          other.createdWhenLinked?.some((edge) => edge.flow === flowName && 'sameId' in edge),
        )
        .map((other) => linkWorkflowId(other.name, a.id)),
      createData: recordForB(flow, a.data, markerField ? { [markerField]: marker } : {}),
    };
  },

  /**
   * The base for a B record just created from A: both as they are. What differs is the API's own
   * defaults and spelling (v1 sets a country code), not a change to carry back to A.
   */
  async baseOf({ flow, a, b, written }: BaseOfInput): Promise<Base> {
    return baseOf(flowNamed(flow), a.data, b.data, written);
  },

  async planMerge({ flow: flowName, base, a, b, bothSides }: PlanMergeInput): Promise<MergeStep> {
    const flow = flowNamed(flowName);
    const given = { a, b };
    const sides = (['a', 'b'] as const).filter((side) => given[side]);
    const nothingNew =
      base !== undefined && sides.every((side) => !differsFromBase(flow, side, given[side]!.data, base));
    if (nothingNew && (!bothSides || sides.length === 2)) {
      return { kind: 'nothing-new' };
    }
    if (!a) return { kind: 'read', side: 'a' };
    if (!b) return { kind: 'read', side: 'b' };
    const plan = merge(flow, base, a, b);
    if (plan.aAfter || plan.bAfter) return { kind: 'write', ...plan };
    return { kind: 'in-sync', base: baseOf(flow, a.data, b.data) };
  },
};

export type MappingActivities = typeof mappingActivities;
