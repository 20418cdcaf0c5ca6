// One durable workflow per link: it finds or creates the B record for its A record, waits for
// what it depends on, and keeps both records' mapped fields equal from then on.
import {
  ActivityFailure,
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  log,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setCurrentDetails,
  setHandler,
  upsertMemo,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { ApiActivities, CreatedRecord } from '../activities/apiActivities.js';
import type { LinkActivities } from '../activities/linkActivities.js';
import type { LinkPlan, MappingActivities } from '../activities/mappingActivities.js';
import { apiTaskQueue, linkWorkflowId } from '../ids.js';
import { flowNamed } from '../mappings/index.js';
import { SyncBId, SyncLinkState } from '../searchAttributes.js';
import type { RecordRef, SyncRecord } from '../systems/system.js';
import { ownedByAnother, searchFor } from '../engine/candidates.js';
import {
  dependencyStateSignal,
  forceResyncSignal,
  getLinkStateQuery,
  recordChangedSignal,
  requireLinkSignal,
  verifyRecordSignal,
  type LinkInput,
} from './linkMessages.js';
import { LinkState } from './linkState.js';

// An activity is one API call, or a read and the write it verifies, or a search: 15 s, a little
// over one call's HTTP timeout (10 s), so a task whose worker died is retried in seconds. One cut
// short is retried whole, which every write allows (see createRecord and updateRecord).
const apiFor = (system: string) =>
  proxyActivities<ApiActivities>({
    taskQueue: apiTaskQueue(system),
    startToCloseTimeout: '15s',
    retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1m' },
  });
// Local: each is a marker in the workflow task that asked for it, not a task of its own.
const mapping = proxyLocalActivities<MappingActivities>({ startToCloseTimeout: '10s' });
const links = proxyLocalActivities<LinkActivities>({ startToCloseTimeout: '30s' });

/** A merge that has not settled after this many rounds of writes is parked, not looped on. */
const MAX_MERGE_ROUNDS = 6;
const MERGE_WHAT_A_WRITE_BROUGHT = 'merge-what-a-write-brought';
const RESUME_ON_BOTH_SIDES = 'resume-on-both-sides';
const HISTORY_LIMIT = 2_000;

export async function linkWorkflow({ flow: flowName, aId, state, change }: LinkInput): Promise<void> {
  const flow = flowNamed(flowName);
  const link = new LinkState(flowName, aId, flow.policy, state);
  const self = workflowInfo().workflowId;
  const aApi = apiFor(flow.a.system);
  const bApi = apiFor(flow.b.system);

  setHandler(recordChangedSignal, (input) => link.receive(input));
  setHandler(requireLinkSignal, (input) => link.addDependant(input));
  setHandler(dependencyStateSignal, (input) => {
    const parentId =
      flow.parent && link.s.aParentId ? linkWorkflowId(flow.parent.flow, link.s.aParentId) : undefined;
    link.dependencyChanged(input, input.from === parentId);
  });
  setHandler(forceResyncSignal, () => link.requestResync());
  setHandler(verifyRecordSignal, ({ side }) => {
    if (link.isLinked || link.s.status === 'waiting-for-dependency') link.s.verify = side;
  });
  setHandler(getLinkStateQuery, () => link.s);
  if (change) link.receive(change);

  const now = () => new Date().toISOString();
  const aRef = (): RecordRef => ({ datatype: flow.a.datatype, id: aId, parentId: link.s.aParentId });
  const bRef = (): RecordRef => ({ datatype: flow.b.datatype, id: link.s.bId!, parentId: link.s.bParentId });
  /** Each side's API, system and record reference. */
  const sides = {
    a: { api: aApi, system: flow.a.system, ref: aRef },
    b: { api: bApi, system: flow.b.system, ref: bRef },
  };
  /** Reads a side's record, never older than a copy the link has already seen. */
  const read = async (side: 'a' | 'b') => {
    const { api, system, ref } = sides[side];
    return (await api.readRecord({ system, ref: ref(), notOlderThan: link.s.lastSeen[side] })) ?? undefined;
  };
  /** Reads a side's record and writes the merge into it in one step; see readMergeWrite. */
  const readMergeWrite = (side: 'a' | 'b', other: SyncRecord) => {
    const { api, system, ref } = sides[side];
    const { base, lastSeen } = link.s;
    return api.readMergeWrite({
      system,
      ref: ref(),
      notOlderThan: lastSeen[side],
      flow: flowName,
      side,
      base,
      other,
    });
  };
  /** Writes a side's record over the copy it was read as; see updateRecord. */
  const write = async (
    side: 'a' | 'b',
    before: SyncRecord,
    after: Record<string, unknown>,
    ref = sides[side].ref(),
  ) => {
    const { api, system } = sides[side];
    const outcome = await api.updateRecord({ system, ref, before, after });
    if (outcome.kind !== 'gone') link.saw(side, outcome.record);
    return outcome;
  };

  function missing(side: 'a' | 'b'): void {
    const which =
      side === 'a' ? `Powerofficego ${flow.a.label} ${aId}` : `PowerOfficeGov1 ${flow.b.label} ${link.s.bId}`;
    link.setStatus(side === 'a' ? 'source-missing' : 'target-missing', `${which} no longer exists`);
    link.decide(now(), `${which} is gone: parked`);
  }

  /** Asks another link to tell this one when it is synchronized, once. */
  async function ask(linkId: string, start: boolean, unlisted?: boolean): Promise<void> {
    if (link.s.asked.includes(linkId)) return;
    await links.requireLink({ linkId, from: self, start, ...(unlisted && { unlisted }) });
    link.s.asked.push(linkId);
  }

  /** Existing B records for this A record: by the origin marker first, then the flow's match rules. */
  function findExisting(plan: LinkPlan): Promise<SyncRecord[]> {
    return bApi.findExisting({
      system: flow.b.system,
      datatype: flow.b.datatype,
      parentId: link.s.bParentId,
      search: searchFor(plan),
    });
  }

  /**
   * Writes this link's origin marker into a B record it matched whose marker field is empty, so no
   * other link takes it and its changes route straight here. A value another system put there stays.
   * Undefined: the record was deleted, or another link claimed it first; establishment looks again.
   */
  async function claim(plan: LinkPlan, b: SyncRecord): Promise<SyncRecord | undefined> {
    const { field, value } = plan.identity;
    const held = b.data[field];
    if (plan.identityIsMarker && ownedByAnother(b, plan.identity)) return undefined;
    if (!plan.identityIsMarker || (typeof held === 'string' && held.trim() !== '')) return b;
    const ref = { datatype: flow.b.datatype, id: b.id, parentId: b.parentId ?? link.s.bParentId };
    const outcome = await write('b', b, { ...b.data, [field]: value }, ref);
    if (outcome.kind === 'changed') return claim(plan, outcome.record);
    return outcome.kind === 'written' ? outcome.record : undefined;
  }

  async function establish(): Promise<void> {
    const a = link.s.pending.a ?? link.s.aRecord ?? (link.s.aUnlisted ? undefined : await read('a'));
    // What a feed found for this copy of the A record: good for this round only.
    const delivered = link.takeDelivered();
    link.s.pending.a = undefined;
    if (a) link.saw('a', a);
    if (!a) {
      link.setStatus('not-applicable', `There is no Powerofficego ${flow.a.label} ${aId}`);
      return;
    }
    link.s.aRecord = a;
    if (a.parentId) link.s.aParentId = a.parentId;
    const plan = delivered.plan ?? (await mapping.planLink({ flow: flowName, a }));

    if (plan.parent && !link.s.bParentId) {
      link.waitForParent(`Waiting for ${plan.parent.linkId} to be synchronized`);
      await ask(plan.parent.linkId, true, link.s.parentUnlisted);
      return;
    }
    const candidates = delivered.candidates ?? (await findExisting(plan));
    if (candidates.length > 1) {
      const ids = candidates.map((record) => record.id).join(', ');
      link.setStatus(
        'needs-attention',
        `${candidates.length} PowerOfficeGov1 ${flow.b.label} records match: ${ids}`,
      );
      link.decide(now(), `Not linked: several candidates (${ids})`);
      return;
    }
    let b = candidates[0];
    const created = !b;
    if (!b && !link.mayCreate) {
      link.setStatus('waiting-for-dependency', 'Nothing synchronized into PowerOfficeGov1 refers to it yet');
      for (const required of plan.requires) await ask(required.linkId, required.start);
      return;
    }
    if (b) {
      const claimed = await claim(plan, b);
      if (!claimed) {
        link.setStatus(
          'new',
          `PowerOfficeGov1 ${flow.b.label} ${b.id} was deleted or claimed by another link: looking again`,
        );
        return;
      }
      b = claimed;
      link.decide(now(), `Linked to existing PowerOfficeGov1 ${flow.b.label} ${b.id}`);
    } else {
      const made: CreatedRecord | SyncRecord = await bApi.createRecord({
        system: flow.b.system,
        datatype: flow.b.datatype,
        parentId: link.s.bParentId,
        data: plan.createData,
        identity: plan.identity,
        link: { flow: flowName, a },
      });
      // A link that created its record before the base came with it replays the step it took then.
      const { record, base } =
        'record' in made
          ? made
          : { record: made, base: await mapping.baseOf({ flow: flowName, a, b: made }) };
      b = record;
      link.s.base = base;
      link.decide(now(), `Created PowerOfficeGov1 ${flow.b.label} ${b.id}`);
    }
    link.saw('b', b);
    link.linked(b.id, b.parentId ?? link.s.bParentId);
    if (!created) await syncRecords(a, b);
    for (const other of plan.notifyWhenLinked) await tell(other);
  }

  /**
   * Merges until both sides agree (DATAFLOWS.md rules 3–5). A write goes only over the copy of the
   * record the merge used (see updateRecord); after the writes the base is what both APIs hold of
   * what was written, so a value an API keeps its own way (v1 fills in a country code) is not
   * written again, and a change someone made meanwhile is merged in the next round (see baseOf in
   * engine/merge.ts). Settling leaves the link linked, which resumes a parked one.
   */
  async function syncRecords(a?: SyncRecord, b?: SyncRecord): Promise<void> {
    const records = { a, b };
    // A parked link resumes only once both sides agree: a change it could not write, or a record
    // that is gone, shows on the side that did not change this time. (A link parked before this
    // check was added replays as it ran then.)
    const bothSides = link.s.status !== 'linked' && patched(RESUME_ON_BOTH_SIDES);
    for (let round = 0; round < MAX_MERGE_ROUNDS; round++) {
      const step = await mapping.planMerge({
        flow: flowName,
        base: link.s.base,
        ...records,
        ...(bothSides && { bothSides }),
      });
      if (step.kind === 'nothing-new') {
        link.setStatus('linked');
        return;
      }
      if (step.kind === 'in-sync') {
        link.s.base = step.base;
        link.setStatus('linked');
        return;
      }
      if (step.kind === 'read') {
        const other = records[step.side === 'a' ? 'b' : 'a']!;
        const outcome = await readMergeWrite(step.side, other);
        if (outcome.kind === 'gone') return missing(step.side);
        if (outcome.kind !== 'written') {
          link.saw(step.side, outcome.record);
          records[step.side] = outcome.record;
          continue;
        }
        link.saw(step.side, outcome.read);
        link.saw(step.side, outcome.record);
        for (const decision of outcome.decisions) link.decide(now(), decision);
        link.s.base = outcome.base;
        if (outcome.changedMeanwhile) {
          records[step.side] = outcome.record;
          continue;
        }
        link.setStatus('linked');
        return;
      }
      const merged = { a: records.a!, b: records.b! };
      const outcome = await writeAll(step, records);
      if (outcome === 'gone') return;
      if (outcome === 'changed') continue;
      for (const decision of step.decisions) link.decide(now(), decision);
      const written = {
        ...(step.aAfter && { a: { read: merged.a.data, sent: step.aAfter } }),
        ...(step.bAfter && { b: { read: merged.b.data, sent: step.bAfter } }),
      };
      link.s.base = await mapping.baseOf({ flow: flowName, a: records.a!, b: records.b!, written });
      // A v2 patch's reply holds any change made since the copy it went over was read (a v1 post
      // writes every field): one more round merges it, unless this was the last round anyway. (A
      // link that wrote before this round was added replays as it ran then.)
      if (round + 1 < MAX_MERGE_ROUNDS && patched(MERGE_WHAT_A_WRITE_BROUGHT)) continue;
      link.setStatus('linked');
      return;
    }
    link.setStatus('needs-attention', `The two records did not settle after ${MAX_MERGE_ROUNDS} merges`);
  }

  /** Writes a merge's records, B first; a side that changed since it was read stops it to be merged again. */
  async function writeAll(
    step: { aAfter?: Record<string, unknown>; bAfter?: Record<string, unknown> },
    records: { a?: SyncRecord; b?: SyncRecord },
  ): Promise<'written' | 'changed' | 'gone'> {
    for (const side of ['b', 'a'] as const) {
      const after = step[`${side}After`];
      if (!after) continue;
      const outcome = await write(side, records[side]!, after);
      if (outcome.kind === 'gone') {
        missing(side);
        return 'gone';
      }
      records[side] = outcome.record;
      if (outcome.kind === 'changed') return 'changed';
    }
    return 'written';
  }

  async function resync(): Promise<void> {
    link.decide(now(), 'Forced resync');
    link.s.aUnlisted = undefined;
    const a = await read('a');
    if (!a) return missing('a');
    link.saw('a', a);
    if (!link.isLinked) {
      link.s.pending.a = a;
      return establish();
    }
    const b = await read('b');
    if (!b) {
      // The B record was deleted: find or create it again where the policy allows.
      link.unlink();
      link.s.pending.a = a;
      return establish();
    }
    link.saw('b', b);
    await syncRecords(a, b);
  }

  /** Sends this link's outcome to a link that waits for it; a link that is not running needs no answer. */
  async function tell(linkId: string): Promise<void> {
    const { bId, status, reason } = link.s;
    const message = bId
      ? { from: self, bId }
      : { from: self, problem: `${self} is ${status}: ${reason ?? ''}`, absent: status === 'not-applicable' };
    await links.tellLink({ linkId, message });
  }

  async function step(): Promise<void> {
    if (link.s.toNotify.length > 0 && link.isSettled) {
      const dependants = link.s.toNotify;
      link.s.toNotify = [];
      for (const dependant of dependants) await tell(dependant);
    }
    if (link.s.resyncRequested) {
      link.s.resyncRequested = false;
      return resync();
    }
    if (link.s.verify) {
      const side = link.s.verify;
      link.s.verify = undefined;
      // A linked link reads its record; one waiting for a dependency searches again, below.
      if (link.isLinked) {
        const record = await read(side);
        if (!record) return missing(side);
        link.receive({ side, record });
      }
    }
    if (!link.isLinked) return establish();
    const { a, b } = link.takePending();
    if (a || b) await syncRecords(a, b);
  }

  // What the search attributes show: set at start and carried over a continue-as-new, so only a
  // change is upserted (each upsert is a history event and a visibility write).
  const attributes = () => `${link.s.status}|${link.s.bId ?? ''}`;
  const started = workflowInfo().typedSearchAttributes;
  let upserted = `${started.get(SyncLinkState) ?? ''}|${started.get(SyncBId) ?? ''}`;
  let memoName = workflowInfo().memo?.name;
  // What the Web UI shows; a handler may change it while the loop waits.
  const shown = () => `${attributes()}|${link.s.reason ?? ''}|${link.s.name ?? ''}`;
  let published = '';
  /** Search attributes for finding links, the record's name in the memo, and a summary for the Web UI. */
  function publish(): void {
    if (shown() === published) return;
    published = shown();
    if (attributes() !== upserted) {
      upserted = attributes();
      upsertSearchAttributes([
        { key: SyncLinkState, value: link.s.status },
        ...(link.s.bId ? [{ key: SyncBId, value: link.s.bId }] : []),
      ]);
    }
    if (link.s.name !== undefined && link.s.name !== memoName) {
      memoName = link.s.name;
      upsertMemo({ name: memoName });
    }
    const { name, bId, status, reason } = link.s;
    setCurrentDetails(
      [
        `**${flow.a.label} ${aId}**${name ? ` ${name}` : ''} → PowerOfficeGov1 ${flow.b.label} ${bId ?? '(none yet)'}`,
        `State: ${status}${reason ? ` — ${reason}` : ''}`,
      ].join('\n\n'),
    );
    // Flow, link and A id come with every line, from the workflow id (see temporalLogger.ts).
    if (link.s.status === 'needs-attention') {
      log.warn('Link parked', { bId: link.s.bId, reason: link.s.reason });
    }
  }

  const mustContinueAsNew = () =>
    workflowInfo().continueAsNewSuggested || workflowInfo().historyLength > HISTORY_LIMIT;
  for (;;) {
    publish();
    await condition(() => link.hasWork || shown() !== published || mustContinueAsNew());
    if (mustContinueAsNew()) {
      await condition(allHandlersFinished);
      return continueAsNew<typeof linkWorkflow>({ flow: flowName, aId, state: link.s });
    }
    try {
      await step();
    } catch (error) {
      park(link, error, now());
    }
  }
}

/** A permanent API failure parks the link with the API's words; anything else is a bug to surface. */
function park(link: LinkState, error: unknown, at: string): void {
  const cause = error instanceof ActivityFailure ? error.cause : undefined;
  if (!(cause instanceof ApplicationFailure)) throw error;
  link.setStatus('needs-attention', cause.message);
  link.decide(at, `Parked: ${cause.message}`);
}
