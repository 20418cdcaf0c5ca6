import { strict as assert } from 'node:assert';
import { candidatesFor, pickCandidates, searchFor, valuesAt } from '../src/engine/candidates.js';
import { orFilters } from '../src/systems/powerofficegov1/odata.js';

const record = (id: string, data: Record<string, unknown>) => ({
  id,
  lastChanged: '2026-01-01T00:00:00Z',
  data,
});

describe('candidates', () => {
  it('reads texts at a dotted path, any element of a list', () => {
    const contact = {
      Emails: [{ Value: 'a@x.no' }, { Value: 'b@x.no' }],
      mailAddress: { city: 'Oslo' },
      code: 12,
    };
    assert.deepEqual(valuesAt(contact, 'Emails.Value'), ['a@x.no', 'b@x.no']);
    assert.deepEqual(valuesAt(contact, 'mailAddress.city'), ['Oslo']);
    assert.deepEqual(valuesAt(contact, 'code'), ['12']);
    assert.deepEqual(valuesAt({ Domains: ['x.no', 'y.no'] }, 'Domains'), ['x.no', 'y.no']);
    assert.deepEqual(valuesAt(contact, 'missing.path'), []);
  });

  it('ranks by group: the origin marker before the match rules, trimmed and in any case', () => {
    const marked = record('1', { externalImportReference: 'powerofficego:supplier:7', Emails: [] });
    const byEmail = record('2', { Emails: [{ Value: ' POST@x.no' }] });
    const groups = [
      [{ field: 'externalImportReference', value: 'powerofficego:supplier:7' }],
      [{ field: 'Emails.Value', value: 'post@x.no' }],
    ];
    assert.deepEqual(pickCandidates([byEmail, marked], groups), [marked]);
    assert.deepEqual(pickCandidates([byEmail], groups), [byEmail]);
    assert.deepEqual(pickCandidates([record('3', { Emails: [{ Value: 'other@x.no' }] })], groups), []);
  });

  it('returns every record answering the first group that finds any: two means ambiguous', () => {
    const one = record('1', { vatNumber: '923 609 016' });
    const two = record('2', { vatNumber: '923609016' });
    const groups = [
      [
        { field: 'vatNumber', value: '923609016' },
        { field: 'vatNumber', value: '923 609 016' },
      ],
    ];
    assert.deepEqual(
      pickCandidates([one, two], groups).map((r) => r.id),
      ['1', '2'],
    );
  });

  it('describes a search: ids named, then the marker, then each rule with values', () => {
    const marker = { field: 'externalImportReference', value: 'powerofficego:supplier:7' };
    const search = searchFor({
      identity: marker,
      identityIsMarker: true,
      matches: [
        { bField: 'ContactId', values: ['55'], byId: true },
        { bField: 'Emails.Value', values: ['post@x.no'], byId: false },
        { bField: 'Name', values: [], byId: false },
      ],
    });
    assert.deepEqual(search, {
      ids: ['55'],
      groups: [[marker], [{ field: 'Emails.Value', value: 'post@x.no' }]],
      marker,
    });
  });

  it("never offers a record carrying another link's marker; a page's answers are picked per link", () => {
    const search = (aId: string, email: string) =>
      searchFor({
        identity: { field: 'externalImportReference', value: `powerofficego:supplier:${aId}` },
        identityIsMarker: true,
        matches: [{ bField: 'Emails.Value', values: [email], byId: false }],
      });
    const taken = record('1', {
      externalImportReference: 'powerofficego:supplier:8',
      Emails: [{ Value: 'felles@x.no' }],
    });
    const free = record('2', { Emails: [{ Value: 'egen@x.no' }] });
    const foreign = record('3', { externalImportReference: 'ERP-17', Emails: [{ Value: 'felles@x.no' }] });
    const page = [taken, free, foreign];
    assert.deepEqual(candidatesFor(page, search('7', 'felles@x.no')), [foreign]);
    assert.deepEqual(candidatesFor(page, search('8', 'felles@x.no')), [taken]);
    assert.deepEqual(candidatesFor(page, search('9', 'egen@x.no')), [free]);
  });

  it('splits or-filters at the length given, never splitting one clause', () => {
    const clauses = ['a eq 1', 'b eq 2', 'c eq 3'];
    assert.deepEqual(orFilters(clauses), ['(a eq 1) or (b eq 2) or (c eq 3)']);
    assert.deepEqual(orFilters(clauses, 20), ['(a eq 1) or (b eq 2)', '(c eq 3)']);
    assert.deepEqual(orFilters(['a very long clause'], 5), ['(a very long clause)']);
    assert.deepEqual(orFilters([]), []);
  });
});
