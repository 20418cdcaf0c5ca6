// The chaos run (chaos/): its checks against made-up data, then the small run itself end to end —
// worker SIGKILLs, a dev server restart, API faults and edits on both sides — which must end with
// no violation.
import { strict as assert } from 'node:assert';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { checkEditsLanded, standingEdit } from '../chaos/checks/edits.js';
import { checkFieldsEqual } from '../chaos/checks/fields.js';
import { checkOneRecordEach } from '../chaos/checks/records.js';
import { checkUneditedKept } from '../chaos/checks/untouched.js';
import { worldOf, type Fields, type World } from '../chaos/checks/world.js';
import type { EditRecord } from '../chaos/editor.js';
import type { LinkReader, LinkRow } from '../chaos/links.js';
import type { LinkSnapshot } from '../src/workflows/linkState.js';

const supplier = (id: number, phone: string): Fields => ({
  Id: id,
  Name: `Fjord ${id} AS`,
  LegalName: `Fjord ${id} AS`,
  EmailAddress: `post@fjord${id}.no`,
  PhoneNumber: phone,
});
const contact = (contactId: number, supplierId: number, phone: string): Fields => ({
  ContactId: contactId,
  Name: `Fjord ${supplierId} AS`,
  Emails: [{ Value: `post@fjord${supplierId}.no` }],
  Phones: [{ Value: phone }],
  Urls: [],
  Domains: [],
  externalImportReference: `powerofficego:supplier:${supplierId}`,
});
const linked = (aId: number, bId: number): LinkRow => ({
  workflowId: `link:supplier-contact:${aId}`,
  flow: 'supplier-contact',
  aId: String(aId),
  bId: String(bId),
  state: 'linked',
});

function world(suppliers: Fields[], contacts: Fields[], links: LinkRow[]): World {
  return worldOf(
    { supplier: suppliers, customer: [], employee: [], contactperson: [] },
    { contact: contacts, customer: [], department: [], employee: [], contactperson: [] },
    new Map([['supplier-contact', new Map(links.map((row) => [row.aId, row]))]]),
  );
}

/** Every link's state is `state`. */
const linksAnswering =
  (state: Partial<LinkSnapshot>): LinkReader =>
  async () =>
    ({ decisions: [], status: 'linked', ...state }) as LinkSnapshot;

const edit = (n: number, side: 'a' | 'b', value: string, lastChanged: string): EditRecord => ({
  n,
  atMs: n * 100,
  kind: 'supplier',
  flow: 'supplier-contact',
  field: 'PhoneNumber>Phones.Value',
  aId: '1001',
  side,
  recordId: side === 'a' ? '1001' : '7',
  value,
  lastChanged,
  conflict: true,
});

describe('chaos checks', () => {
  it('a consistent pair passes every check', async () => {
    const consistent = world([supplier(1001, '+47 1')], [contact(7, 1001, '+47 1')], [linked(1001, 7)]);
    assert.deepEqual(checkOneRecordEach(consistent), []);
    assert.deepEqual((await checkFieldsEqual(consistent, linksAnswering({}))).violations, []);
  });

  it('finds a missing B record, two with one marker, and one whose A record does not exist', () => {
    const broken = world(
      [supplier(1001, '+47 1'), supplier(1002, '+47 2')],
      [contact(7, 1001, '+47 1'), contact(8, 1001, '+47 1'), contact(9, 4242, '+47 9')],
      [linked(1001, 7)],
    );
    const details = checkOneRecordEach(broken).map(
      (violation) => `${violation.subject}: ${violation.detail}`,
    );
    assert.deepEqual(details, [
      'link:supplier-contact:1001: 2 Contact records carry its origin marker: 7, 8',
      'link:supplier-contact:1002: no Contact in PowerOfficeGov1 (link not started)',
      'Contact 9: carries powerofficego:supplier:4242, but Powerofficego has no Supplier 4242',
    ]);
  });

  it('reports a field the merge would still write, and leaves alone a difference both sides had when in sync', async () => {
    const differing = world([supplier(1001, '+47 2')], [contact(7, 1001, '+47 1')], [linked(1001, 7)]);
    const changedInA = await checkFieldsEqual(
      differing,
      linksAnswering({ base: { 'PhoneNumber>Phones.Value': { a: '+47 1', b: '+47 1' } } }),
    );
    assert.equal(changedInA.violations.length, 1);
    assert.match(
      changedInA.violations[0]!.detail,
      /^PhoneNumber → "\+47 2" but Contact 7 Phones.Value = "\+47 1"/,
    );
    const asWhenInSync = await checkFieldsEqual(
      differing,
      linksAnswering({ base: { 'PhoneNumber>Phones.Value': { a: '+47 2', b: '+47 1' } } }),
    );
    assert.deepEqual([asWhenInSync.violations, asWhenInSync.accepted], [[], 1]);
  });

  it('the edit whose record changed last must stand on both sides; a tie goes to A', async () => {
    const edits = [
      edit(1, 'a', '+47 2', '2026-01-01T10:00:00.000001Z'),
      edit(2, 'b', '+47 3', '2026-01-01T10:00:00.500000Z'),
    ];
    assert.equal(standingEdit(edits).n, 2);
    assert.equal(standingEdit([edit(3, 'b', 'x', 'T'), edit(4, 'a', 'y', 'T')]).n, 4);

    const landed = world([supplier(1001, '+47 3')], [contact(7, 1001, '+47 3')], [linked(1001, 7)]);
    assert.deepEqual((await checkEditsLanded(landed, edits, linksAnswering({}))).violations, []);
    // The later B edit lost: both sides hold the earlier A value.
    const lost = world([supplier(1001, '+47 2')], [contact(7, 1001, '+47 2')], [linked(1001, 7)]);
    const [violation] = (await checkEditsLanded(lost, edits, linksAnswering({}))).violations;
    assert.match(violation!.detail, /#2 must stand, but A holds "\+47 2" and B "\+47 2"/);
  });

  it('tells apart a v1 edit written over before v1 could show it to anyone, and only that', async () => {
    const edits = [
      edit(1, 'a', '+47 2', '2026-01-01T10:00:00.000001Z'),
      edit(2, 'b', '+47 3', '2026-01-01T10:00:00.500000Z'),
    ];
    const overwrittenAt = (lastChanged: string) =>
      world([supplier(1001, '+47 2')], [{ ...contact(7, 1001, '+47 2'), lastChanged }], [linked(1001, 7)]);
    const unseeable = await checkEditsLanded(
      overwrittenAt('2026-01-01T10:00:00.800000Z'),
      edits,
      linksAnswering({}),
    );
    assert.deepEqual(
      [unseeable.violations, unseeable.hiddenByReadLag],
      [[], ['link:supplier-contact:1001 PhoneNumber #2']],
    );
    const seeable = await checkEditsLanded(
      overwrittenAt('2026-01-01T10:00:01.700000Z'),
      edits,
      linksAnswering({}),
    );
    assert.equal(seeable.violations.length, 1, 'written over 1.2 s later: v1 showed it by then');
  });

  it('an A value nobody edited must not change', () => {
    const seeded = world([{ ...supplier(1001, '+47 1'), WebsiteUrl: 'https://fjord.no' }], [], []).a;
    const wiped = world([supplier(1001, '+47 2')], [], []);
    assert.deepEqual(
      checkUneditedKept(wiped, seeded, [edit(1, 'a', '+47 2', 'T')]).map((violation) => violation.detail),
      ['Supplier 1001 WebsiteUrl was "https://fjord.no", is null; nobody edited it'],
    );
  });
});

describe('chaos run (small)', function () {
  // Kills cost the worker a restart and Temporal its timeouts: minutes, on a busy machine more.
  this.timeout(900_000);
  let child: ChildProcess | undefined;

  // A run cut short (a timeout, Ctrl-C) cleans up after itself on SIGINT.
  after(() => {
    if (child && child.exitCode === null) child.kill('SIGINT');
  });

  it('ends with exactly one B record each, equal fields and every last edit standing', async function () {
    // Minutes of SIGKILLs and faults; SYNC_TEST_CHAOS=0 leaves it out of a quick local run.
    if (process.env.SYNC_TEST_CHAOS === '0') {
      console.log('    (skipped: SYNC_TEST_CHAOS=0)');
      this.skip();
    }
    const root = fileURLToPath(new URL('..', import.meta.url));
    child = spawn(process.execPath, ['--import', 'tsx', 'chaos/main.ts', '--small', '--seed', '1'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child!.once('exit', resolve));
    assert.equal(code, 0, `the chaos run failed:\n${output.slice(-8_000)}`);
    assert.match(output, /^Violations {2}0$/m);
    assert.ok(Number(/^Worker +(\d+) SIGKILLs/m.exec(output)?.[1]) >= 3, 'at least 3 kills');
    assert.match(output, /^Dev server {2}1 restart/m);
  });
});
