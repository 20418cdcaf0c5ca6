import { strict as assert } from 'node:assert';
import { contactPersonToContactPerson } from '../src/mappings/contactPersonToContactPerson.js';
import { customerToCustomer } from '../src/mappings/customerToCustomer.js';
import { customerToDepartment } from '../src/mappings/customerToDepartment.js';
import { flowNamed, flows, flowsFedBy } from '../src/mappings/index.js';
import { supplierToContact } from '../src/mappings/supplierToContact.js';
import { dateOnly, digitsOnly, emailKey, negate, urlToDomains } from '../src/mappings/transforms.js';
import { firstOf, isEmpty, prop, sameValue } from '../src/mappings/values.js';
import { recordForB } from '../src/engine/merge.js';

describe('flow definitions', () => {
  it('names five flows, each with a unique name, both systems and at least one field', () => {
    assert.deepEqual(
      flows.map((flow) => flow.name),
      [
        'customer-customer',
        'customer-department',
        'supplier-contact',
        'employee-employee',
        'contactperson-contactperson',
      ],
    );
    for (const flow of flows) {
      assert.equal(flow.a.system, 'powerofficego');
      assert.equal(flow.b.system, 'powerofficegov1');
      assert.ok(flow.fields.length > 0, flow.name);
    }
  });

  it('finds flows by name and by the datatype that feeds them', () => {
    assert.equal(flowNamed('supplier-contact'), supplierToContact);
    assert.throws(() => flowNamed('nope'), /No flow named "nope". Flows: customer-customer/);
    assert.deepEqual(
      flowsFedBy('a', 'customer').map((flow) => flow.name),
      ['customer-customer', 'customer-department'],
    );
  });

  it('every dependency edge names a flow that exists', () => {
    for (const flow of flows) {
      for (const edge of [...(flow.createdWhenLinked ?? []), ...(flow.parent ? [flow.parent] : [])]) {
        assert.doesNotThrow(() => flowNamed(edge.flow), `${flow.name} → ${edge.flow}`);
      }
    }
  });
});

describe('transforms', () => {
  it('digitsOnly strips grouping from organisation numbers', () => {
    assert.equal(digitsOnly('923 609 016'), '923609016');
    assert.equal(digitsOnly(null), null);
  });

  it('urlToDomains takes the host without www, and gives [] for nothing usable', () => {
    assert.deepEqual(urlToDomains('https://www.Example.no/about?x=1'), ['example.no']);
    assert.deepEqual(urlToDomains('example.com'), ['example.com']);
    assert.deepEqual(urlToDomains('http://user@shop.example.org:8080/'), ['shop.example.org']);
    assert.deepEqual(urlToDomains('not a url'), []);
    assert.deepEqual(urlToDomains(''), []);
    assert.deepEqual(urlToDomains(null), []);
  });

  it('emailKey trims and lower-cases; negate flips booleans only; dateOnly keeps the date', () => {
    assert.equal(emailKey('  Ola@Example.NO '), 'ola@example.no');
    assert.equal(negate(true), false);
    assert.equal(negate(null), null);
    assert.equal(dateOnly('1980-04-01T00:00:00Z'), '1980-04-01');
  });
});

describe('accessors and values', () => {
  it('prop reads and writes nested paths without changing the input', () => {
    const record = { MailAddress: { City: 'Oslo' } };
    const city = prop('MailAddress.City');
    assert.equal(city.get(record), 'Oslo');
    const moved = city.set(record, 'Bergen');
    assert.deepEqual(moved, { MailAddress: { City: 'Bergen' } });
    assert.equal(record.MailAddress.City, 'Oslo');
    assert.deepEqual(city.set({}, 'Bodø'), { MailAddress: { City: 'Bodø' } });
  });

  it('firstOf reads and replaces the first element and keeps the rest', () => {
    const emails = firstOf('Emails');
    const contact = { Emails: [{ Value: 'a@x.no' }, { Value: 'b@x.no' }] };
    assert.equal(emails.get(contact), 'a@x.no');
    assert.deepEqual(emails.set(contact, 'c@x.no').Emails, [{ Value: 'c@x.no' }, { Value: 'b@x.no' }]);
    assert.deepEqual(emails.set(contact, null).Emails, [{ Value: 'b@x.no' }]);
    assert.equal(emails.get({}), null);
  });

  it('treats every kind of empty alike', () => {
    for (const empty of [null, undefined, '', '  ', []]) assert.ok(isEmpty(empty));
    assert.ok(sameValue(null, ''));
    assert.ok(sameValue(['a'], ['a']));
    assert.ok(!sameValue(['a'], ['b']));
    assert.ok(!sameValue('a', 'A'));
  });
});

describe('supplier → contact (the seed table)', () => {
  const supplier = {
    Id: 7,
    Name: 'Fjord AS',
    LegalName: null,
    EmailAddress: 'post@fjord.no',
    PhoneNumber: '+47 22 33 44 55',
    WebsiteUrl: 'https://www.fjord.no',
  };

  it('maps to the seed properties, LegalName falling back to Name', () => {
    assert.deepEqual(recordForB(supplierToContact, supplier), {
      Emails: [{ Value: 'post@fjord.no' }],
      Name: 'Fjord AS',
      Phones: [{ Value: '+47 22 33 44 55' }],
      Domains: ['fjord.no'],
      Urls: [{ Value: 'https://www.fjord.no' }],
    });
  });

  it('matches by ContactId only when InternationalIdType is superoffice-contactid', () => {
    const [byId, byEmail] = supplierToContact.match;
    assert.deepEqual(
      byId!.values({
        ...supplier,
        InternationalIdType: 'superoffice-contactid',
        InternationalIdNumber: '55',
      }),
      ['55'],
    );
    assert.deepEqual(
      byId!.values({ ...supplier, InternationalIdType: 'PassportNumber', InternationalIdNumber: '55' }),
      [],
    );
    assert.deepEqual(byEmail!.values({ EmailAddress: ' Post@Fjord.no ' }), ['post@fjord.no']);
  });
});

describe('customer flows', () => {
  it('customer → customer removes spaces from Norwegian organisation numbers only', () => {
    const norwegian = recordForB(customerToCustomer, {
      OrganizationNumber: '923 609 016',
      MailAddress: { CountryCode: 'NO', City: 'Oslo' },
    });
    assert.equal(norwegian.vatNumber, '923609016');
    assert.deepEqual(norwegian.mailAddress, {
      address1: null,
      address2: null,
      city: 'Oslo',
      zipCode: null,
      countryCode: 'NO',
    });
    const swedish = recordForB(customerToCustomer, {
      OrganizationNumber: '556 123',
      MailAddress: { CountryCode: 'SE' },
    });
    assert.equal(swedish.vatNumber, '556 123');
  });

  it('customer → customer matches on both spellings of the organisation number, then e-mail', () => {
    const [byOrg, byEmail] = customerToCustomer.match;
    assert.deepEqual(byOrg!.values({ OrganizationNumber: '923609016' }), ['923609016', '923 609 016']);
    assert.deepEqual(byOrg!.values({}), []);
    assert.equal(byEmail!.bField, 'emailAddress');
  });

  it('customer → department sets code from Number on create and negates IsArchived', () => {
    assert.deepEqual(recordForB(customerToDepartment, { Name: 'Kunde', Number: 10001, IsArchived: false }), {
      name: 'Kunde',
      code: '10001',
      isActive: true,
    });
    const edge = customerToDepartment.createdWhenLinked![0]!;
    assert.ok('aId' in edge && edge.aId({ SalesPersonEmployeeId: 12 }) === '12');
  });

  it('contact person names its customer link as parent', () => {
    assert.equal(contactPersonToContactPerson.parent?.flow, 'customer-customer');
    assert.equal(contactPersonToContactPerson.parent?.aId({ ContactId: 44 }), '44');
  });
});

describe('dates', () => {
  it('compare a date with the same date spelled as a date-time', async () => {
    const { employeeToEmployee } = await import('../src/mappings/employeeToEmployee.js');
    const { merge, baseOf } = await import('../src/engine/merge.js');
    const a = { id: '1', lastChanged: '2026-01-01T00:00:00Z', data: { DateOfBirth: '1980-04-01' } };
    const b = { id: '2', lastChanged: '2026-01-01T00:00:00Z', data: { dateOfBirth: '1980-04-01T00:00:00' } };
    const plan = merge(employeeToEmployee, baseOf(employeeToEmployee, a.data, b.data), a, b);
    assert.deepEqual(plan.decisions, []);
    assert.equal(recordForB(employeeToEmployee, a.data).dateOfBirth, '1980-04-01');
  });
});
