import { strict as assert } from 'node:assert';
import { pickCandidates, valuesAt } from '../src/engine/candidates.js';

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
});
