// No link parked without a true reason (DATAFLOWS.md rules 1, 7, 8): a run has no bad data and
// deletes nothing, so the only parking a record can explain is an ambiguous match whose candidates
// really exist. Links that never got going (`new`, or no state published) are reported too, one
// line per flow and state.
import { flowNamed } from '../../src/mappings/index.js';
import type { LinkReader, LinkRow } from '../links.js';
import { type Violation, type World } from './world.js';

const check = 'parked links';
const parked = new Set(['needs-attention', 'source-missing', 'target-missing']);
const notStarted = new Set(['new', 'unpublished']);

export interface ParkedResult {
  violations: Violation[];
  /** Parked links whose reason the data bears out. */
  explained: string[];
}

export async function checkParkedLinks(world: World, readLink: LinkReader): Promise<ParkedResult> {
  const result: ParkedResult = { violations: [], explained: [] };
  for (const [flow, rows] of world.links) {
    const idle = new Map<string, LinkRow[]>();
    for (const row of rows.values()) {
      if (notStarted.has(row.state)) idle.set(row.state, [...(idle.get(row.state) ?? []), row]);
      if (!parked.has(row.state)) continue;
      const state = await readLink(row.flow, row.aId);
      // Visibility lags a moment behind the link itself.
      if (state && !parked.has(state.status)) continue;
      const reason = state?.reason ?? '(reason not readable)';
      const status = state?.status ?? row.state;
      const ambiguous = /^(\d+) PowerOfficeGov1 .+ records match: (.+)$/.exec(reason);
      const records = world.b[flowNamed(row.flow).b.datatype]!;
      if (status === 'needs-attention' && ambiguous) {
        const ids = ambiguous[2]!.split(', ');
        if (ids.length >= 2 && ids.every((id) => records.has(id))) {
          result.explained.push(`${row.workflowId}: ${reason}`);
          continue;
        }
      }
      result.violations.push({ check, subject: row.workflowId, detail: `${status}: ${reason}` });
    }
    for (const [state, idleRows] of idle) {
      const examples = idleRows.slice(0, 5).map((row) => row.aId);
      result.violations.push({
        check,
        subject: `${flow} links`,
        detail:
          `${idleRows.length} still ${state === 'new' ? 'new' : 'without a published state'} ` +
          `(A ${examples.join(', ')}${idleRows.length > examples.length ? ', …' : ''})`,
      });
    }
  }
  return result;
}
