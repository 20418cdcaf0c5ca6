import { strict as assert } from 'node:assert';
import { LinkState } from '../src/workflows/linkState.js';

const record = (lastChanged: string, data: Record<string, unknown> = {}) => ({ id: '7', lastChanged, data });

describe('link state', () => {
  it('keeps only the newest record per side and ignores old news', () => {
    const link = new LinkState('supplier-contact', '7', 'always');
    link.receive({ side: 'a', record: record('2026-01-01T00:00:02Z', { v: 2 }) });
    link.receive({ side: 'a', record: record('2026-01-01T00:00:01Z', { v: 1 }) });
    assert.deepEqual(link.s.pending.a?.data, { v: 2 });
    link.takePending();
    link.receive({ side: 'a', record: record('2026-01-01T00:00:02Z', { v: 2 }) });
    assert.equal(link.s.pending.a, undefined, 'a re-delivered record is not new work');
  });

  it('drops a pending copy that a record it read or wrote supersedes, and later copies of it', () => {
    const link = new LinkState('supplier-contact', '7', 'always');
    link.linked('7', undefined);
    const pending = () => link.s.pending.b;
    link.receive({ side: 'b', record: record('2026-01-01T00:00:05Z', { v: 'from the feed' }) });
    link.saw('b', record('2026-01-01T00:00:09Z', { v: 'written by the link' }));
    assert.equal(pending(), undefined, 'merged already');
    link.receive({ side: 'b', record: record('2026-01-01T00:00:07Z', { v: 'a lagging replica' }) });
    assert.equal(pending(), undefined, 'older than the link wrote');
    link.receive({ side: 'b', record: record('2026-01-01T00:00:11Z', { v: 'a person' }) });
    assert.equal(pending()?.data.v, 'a person');
    link.saw('b', record('2026-01-01T00:00:10Z'));
    assert.equal(pending()?.data.v, 'a person', 'newer than anything the link saw');
  });

  it('takes B copies of its own B record only, whatever carries its origin marker', () => {
    const link = new LinkState('supplier-contact', '7', 'always');
    const pending = () => link.s.pending.b;
    link.receive({ side: 'b', record: { id: '31', lastChanged: '2026-01-01T00:00:01Z', data: {} } });
    assert.equal(pending(), undefined, 'not linked yet: establishment searches for itself');
    link.linked('31', undefined);
    link.receive({ side: 'b', record: { id: '32', lastChanged: '2026-01-01T00:00:02Z', data: {} } });
    assert.equal(pending(), undefined, 'another record with a copied marker');
    link.receive({ side: 'b', record: { id: '31', lastChanged: '2026-01-01T00:00:03Z', data: {} } });
    assert.equal(pending()?.id, '31');
  });

  it("takes a feed's candidates and plan once, and none once linked", () => {
    const link = new LinkState('supplier-contact', '7', 'always');
    const candidate = { id: '31', lastChanged: '2026-01-01T00:00:00Z', data: {} };
    const plan = {
      identity: { field: 'externalImportReference', value: 'powerofficego:supplier:7' },
      identityIsMarker: true,
      matches: [],
      requires: [],
      notifyWhenLinked: [],
      createData: { Name: 'Seven' },
    };
    const delivery = { side: 'a' as const, candidates: [candidate], plan };
    link.receive({ ...delivery, record: record('2026-01-01T00:00:01Z') });
    assert.deepEqual(link.takeDelivered(), { candidates: [candidate], plan });
    const nothing = { candidates: undefined, plan: undefined };
    assert.deepEqual(link.takeDelivered(), nothing, 'a search is good for one round');
    link.linked('31', undefined);
    link.receive({ ...delivery, record: record('2026-01-01T00:00:02Z') });
    assert.deepEqual(link.takeDelivered(), nothing);
  });

  it('reads no A record a listing lacked until a copy of it is delivered', () => {
    const link = new LinkState('customer-customer', '7', 'on-dependency');
    link.addDependant({ from: 'link:contactperson-contactperson:5', unlisted: true });
    assert.equal(link.s.aUnlisted, true);
    link.receive({ side: 'a', record: record('2026-01-01T00:00:01Z') });
    assert.equal(link.s.aUnlisted, undefined, 'the record exists after all');
    const known = new LinkState('customer-customer', '8', 'on-dependency');
    known.receive({ side: 'a', record: record('2026-01-01T00:00:01Z') });
    known.addDependant({ from: 'link:contactperson-contactperson:6', unlisted: true });
    assert.equal(known.s.aUnlisted, undefined, 'a link that has its record keeps it');
  });

  it('may create under "always"; under "on-dependency" only once something needs it', () => {
    assert.equal(new LinkState('f', '1', 'always').mayCreate, true);
    const waiting = new LinkState('f', '1', 'on-dependency');
    assert.equal(waiting.mayCreate, false);
    waiting.addDependant({ from: 'link:child:9' });
    assert.equal(waiting.mayCreate, true);
    const connected = new LinkState('f', '1', 'on-dependency');
    connected.dependencyChanged({ from: 'link:employee-employee:3', bId: '12' }, false);
    assert.equal(connected.mayCreate, true);
  });

  it("remembers a parent's answer that it has no A record, so the child stays not applicable", () => {
    const child = new LinkState('contactperson-contactperson', '50', 'always');
    child.dependencyChanged(
      { from: 'link:customer-customer:1', problem: 'no customer 1', absent: true },
      true,
    );
    assert.equal(child.s.status, 'not-applicable');
    child.waitForParent('Waiting for link:customer-customer:1');
    assert.equal(child.s.status, 'not-applicable');
    assert.equal(child.s.reason, 'no customer 1');
    child.dependencyChanged({ from: 'link:customer-customer:1', bId: '900' }, true);
    assert.equal(child.s.bParentId, '900');
    assert.equal(child.hasWork, true, 'the parent is linked after all: establish the child');
  });

  it('tells dependants again whenever its outcome changes, and keeps a bounded decision log', () => {
    const link = new LinkState('customer-customer', '1', 'on-dependency');
    link.addDependant({ from: 'link:contactperson-contactperson:5' });
    link.s.toNotify = [];
    link.linked('900', undefined);
    assert.deepEqual(link.s.toNotify, ['link:contactperson-contactperson:5']);
    for (let n = 0; n < 40; n++) link.decide(`t${n}`, `decision ${n}`);
    assert.equal(link.s.decisions.length, 25);
    assert.equal(link.s.decisions.at(-1)?.text, 'decision 39');
  });
});
