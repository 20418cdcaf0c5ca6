import { strict as assert } from 'node:assert';
import { baseOf, differsFromBase, merge } from '../src/engine/merge.js';
import { employeeToEmployee } from '../src/mappings/employeeToEmployee.js';
import { supplierToContact } from '../src/mappings/supplierToContact.js';
import type { SyncRecord } from '../src/systems/system.js';

const flow = supplierToContact;
const supplier = (data: Record<string, unknown>, lastChanged = '2026-01-01T10:00:00.000Z'): SyncRecord => ({
  id: '7',
  lastChanged,
  data: {
    Id: 7,
    Name: 'Fjord AS',
    EmailAddress: 'post@fjord.no',
    PhoneNumber: '111',
    WebsiteUrl: 'https://fjord.no',
    ...data,
  },
});
const contact = (data: Record<string, unknown>, lastChanged = '2026-01-01T10:00:00.000Z'): SyncRecord => ({
  id: '900',
  lastChanged,
  data: {
    ContactId: 900,
    Name: 'Fjord AS',
    Emails: [{ Value: 'post@fjord.no' }],
    Phones: [{ Value: '111' }],
    Urls: [{ Value: 'https://fjord.no' }],
    Domains: ['fjord.no'],
    ...data,
  },
});
const base = baseOf(flow, supplier({}).data, contact({}).data);

describe('merge (DATAFLOWS.md rules 3 and 4)', () => {
  it('writes nothing when both sides agree', () => {
    assert.deepEqual(merge(flow, base, supplier({}), contact({})), {
      aAfter: undefined,
      bAfter: undefined,
      decisions: [],
    });
  });

  it('a change in A goes to B, and derived fields follow', () => {
    const plan = merge(
      flow,
      base,
      supplier({ PhoneNumber: '222', WebsiteUrl: 'https://www.ny.no' }),
      contact({}),
    );
    assert.equal(plan.aAfter, undefined);
    assert.deepEqual(plan.bAfter?.Phones, [{ Value: '222' }]);
    assert.deepEqual(plan.bAfter?.Urls, [{ Value: 'https://www.ny.no' }]);
    assert.deepEqual(plan.bAfter?.Domains, ['ny.no']);
    assert.ok(plan.decisions.includes('PhoneNumber → Phones.Value: changed in A'));
  });

  it('a change in B goes to A; B → A writes LegalName', () => {
    const plan = merge(flow, base, supplier({}), contact({ Name: 'Fjord Holding AS' }));
    assert.equal(plan.bAfter, undefined);
    assert.equal(plan.aAfter?.LegalName, 'Fjord Holding AS');
    assert.equal(plan.aAfter?.Name, 'Fjord AS');
  });

  it('a URL changed in B updates A and the derived Domains in B', () => {
    const plan = merge(flow, base, supplier({}), contact({ Urls: [{ Value: 'https://nytt.no' }] }));
    assert.equal(plan.aAfter?.WebsiteUrl, 'https://nytt.no');
    assert.deepEqual(plan.bAfter?.Domains, ['nytt.no']);
  });

  it('a change to a derived field in B is overwritten from A', () => {
    const plan = merge(flow, base, supplier({}), contact({ Domains: ['other.no'] }));
    assert.equal(plan.aAfter, undefined);
    assert.deepEqual(plan.bAfter?.Domains, ['fjord.no']);
  });

  it('a field changed on both sides: the record changed last wins', () => {
    const later = merge(
      flow,
      base,
      supplier({ PhoneNumber: 'A' }, '2026-01-01T10:00:01.000Z'),
      contact({ Phones: [{ Value: 'B' }] }, '2026-01-01T10:00:02.000Z'),
    );
    assert.equal(later.aAfter?.PhoneNumber, 'B');
    assert.equal(later.bAfter, undefined);
    assert.match(later.decisions[0]!, /changed on both sides; B changed last/);
  });

  it('a tie goes to A', () => {
    const tie = merge(flow, base, supplier({ PhoneNumber: 'A' }), contact({ Phones: [{ Value: 'B' }] }));
    assert.deepEqual(tie.bAfter?.Phones, [{ Value: 'A' }]);
    assert.match(tie.decisions[0]!, /a tie goes to A/);
  });

  it('in a conflict a non-empty value beats an empty one, whoever changed last', () => {
    const plan = merge(
      flow,
      base,
      supplier({ PhoneNumber: '999' }, '2026-01-01T10:00:01.000Z'),
      contact({ Phones: [] }, '2026-01-01T10:00:05.000Z'),
    );
    assert.deepEqual(plan.bAfter?.Phones, [{ Value: '999' }]);
    assert.match(plan.decisions[0]!, /non-empty value wins/);
  });

  it('a value emptied on one side only is emptied on the other', () => {
    const plan = merge(flow, base, supplier({ PhoneNumber: null }), contact({}));
    assert.deepEqual(plan.bAfter?.Phones, []);
  });

  it('without a base (a link just made by matching), A leads and B fills what A lacks', () => {
    const plan = merge(
      flow,
      undefined,
      supplier({ PhoneNumber: null }, '2026-01-01T10:00:00Z'),
      contact({ Name: 'Old name' }, '2026-06-01T00:00:00Z'),
    );
    assert.equal(plan.bAfter?.Name, 'Fjord AS', 'A leads even though B changed later');
    assert.equal(plan.aAfter?.PhoneNumber, '111', 'B fills an empty A field');
  });

  it('an echo — the record this engine wrote — differs from nothing in the base', () => {
    assert.equal(differsFromBase(flow, 'b', contact({}).data, base), false);
    assert.equal(differsFromBase(flow, 'b', contact({ Name: 'x' }).data, base), true);
    assert.equal(
      differsFromBase(flow, 'a', supplier({ Number: 12 }).data, base),
      false,
      'unmapped fields are ignored',
    );
  });
});

describe('merge leaves alone a difference neither side changed', () => {
  it('does not carry back a value only one API fills in (v1 defaults the country code)', async () => {
    const { employeeToEmployee } = await import('../src/mappings/employeeToEmployee.js');
    const a = {
      id: '1',
      lastChanged: '2026-01-01T00:00:00Z',
      data: { FirstName: 'Siri', MailAddress: { CountryCode: null } },
    };
    const b = {
      id: '9',
      lastChanged: '2026-01-01T00:00:00Z',
      data: { firstName: 'Siri', mailAddress: { countryCode: 'NO' } },
    };
    const base = baseOf(employeeToEmployee, a.data, b.data);
    const edited = { ...a, data: { ...a.data, JobTitle: 'Sjef' } };
    const plan = merge(employeeToEmployee, base, edited, b);
    assert.equal(plan.aAfter, undefined);
    assert.deepEqual(plan.decisions, ['JobTitle → jobTitle: changed in A']);
  });
});

describe('the base after a write', () => {
  it('takes what the API kept of a field the merge wrote, and the copy read for any other', () => {
    const read = supplier({});
    const sent = { ...read.data, Name: 'Fjord Frakt AS' };
    // The reply of a v2 patch of Name carries a phone number someone typed after the read.
    const reply = supplier({ Name: 'Fjord Frakt AS', PhoneNumber: '222' }, '2026-01-01T10:00:05.000Z');
    const b = contact({ Name: 'Fjord Frakt AS' });
    const after = baseOf(flow, reply.data, b.data, { a: { read: read.data, sent } });
    assert.equal(
      differsFromBase(flow, 'a', reply.data, after),
      true,
      'the phone number is a change to merge',
    );
    assert.deepEqual(merge(flow, after, reply, b).decisions, ['PhoneNumber → Phones.Value: changed in A']);
    assert.equal(
      differsFromBase(flow, 'a', reply.data, baseOf(flow, reply.data, b.data)),
      false,
      'without the write, the reply is taken as synchronized',
    );
  });

  it("takes an API's own value for the other members of an object it wrote where there was none", () => {
    const empty = { AddressLine1: null, AddressLine2: null, City: null, ZipCode: null, CountryCode: null };
    const read = { FirstName: 'Siri', MailAddress: empty };
    const sent = { ...read, MailAddress: { ...empty, City: 'Bodø', ZipCode: '8006' } };
    // v2 gives a new address the country code NO; nobody typed it.
    const reply = { ...read, MailAddress: { ...empty, City: 'Bodø', ZipCode: '8006', CountryCode: 'NO' } };
    const b = { firstName: 'Siri', mailAddress: { city: 'Bodø', zipCode: '8006', countryCode: null } };
    const after = baseOf(employeeToEmployee, reply, b, { a: { read, sent } });
    assert.equal(differsFromBase(employeeToEmployee, 'a', reply, after), false);
  });
});
