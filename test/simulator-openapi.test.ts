// The v2 simulator's real answers, checked against PowerOffice's own OpenAPI file with an
// OpenAPI response validator: lists, single records, creates, patches and error bodies.
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parse } from 'yaml';
import type { z } from 'zod';
import { ContactPersonPostDto } from '../src/simulators/powerofficego/contactPerson.js';
import { CustomerPostDto } from '../src/simulators/powerofficego/customer.js';
import { DepartmentPostDto } from '../src/simulators/powerofficego/department.js';
import { EmployeePostDto } from '../src/simulators/powerofficego/employee.js';
import {
  type RunningPowerofficegoSimulator,
  startPowerofficegoSimulator,
} from '../src/simulators/powerofficego/server.js';
import { SupplierPostDto } from '../src/simulators/powerofficego/supplier.js';
import { ApiSession, type Reply } from './support/simulatorHttp.js';

// The file lives beside the checkout in ../shared; users' clones do not have it.
const specFile = new URL('../../shared/reference/poweroffice-go-v2.subset.openapi.yaml', import.meta.url);

// The package is CommonJS with `exports.default`; require gives the same shape under node and tsx.
const { default: OpenAPIResponseValidator } = createRequire(import.meta.url)(
  'openapi-response-validator',
) as typeof import('openapi-response-validator');

const customFormats = {
  'date-time': (text: string) =>
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(text),
  date: (text: string) => /^\d{4}-\d{2}-\d{2}$/.test(text),
};

interface OpenApiDocument {
  paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
  components: { schemas: Record<string, { properties?: Record<string, unknown>; required?: string[] }> };
}

const resources = [
  {
    path: '/Customers',
    dto: 'CustomerDto',
    body: {
      Name: 'Havbris AS',
      EmailAddress: 'post@havbris.no',
      MailAddress: { City: 'Oslo', ZipCode: '0150' },
    },
    patch: { op: 'replace', path: '/Name', value: 'Havbris Nord AS' },
  },
  {
    path: '/Suppliers',
    dto: 'SupplierDto',
    body: { Name: 'Nordlys Import', OrganizationNumber: '923609016' },
    patch: { op: 'add', path: '/PhoneNumber', value: '+47 900 00 000' },
  },
  {
    path: '/Employees',
    dto: 'EmployeeDto',
    body: { FirstName: 'Kari', LastName: 'Nordmann', DateOfBirth: '1980-05-17' },
    patch: { op: 'replace', path: '/JobTitle', value: 'Selger' },
  },
  {
    path: '/Departments',
    dto: 'DepartmentDto',
    body: { Name: 'Test', Code: 'T1' },
    patch: { op: 'replace', path: '/Name', value: 'Test Vest' },
  },
];

describe('Powerofficego simulator answers match the OpenAPI file', function () {
  let document: OpenApiDocument;
  let simulator: RunningPowerofficegoSimulator;
  let api: ApiSession;

  before(async function () {
    if (!existsSync(specFile)) {
      console.log(
        `    (skipped: ${specFile.pathname} is not there; it comes with the shared/ folder beside the checkout)`,
      );
      this.skip();
    }
    document = parse(readFileSync(specFile, 'utf8')) as OpenApiDocument;
    simulator = await startPowerofficegoSimulator({ rateLimit: false });
    simulator.admin.seed({ seed: 3 });
    api = new ApiSession(simulator, 'powerofficego');
  });
  after(() => simulator?.close());

  // Compiling the file's components takes a while: one validator per schema.
  const validators = new Map<string, InstanceType<typeof OpenAPIResponseValidator>>();
  const validatorFor = (status: number, schema: object) => {
    const key = `${status} ${JSON.stringify(schema)}`;
    if (!validators.has(key)) {
      const responses = { [status]: { description: 'reply', content: { 'application/json': { schema } } } };
      validators.set(
        key,
        new OpenAPIResponseValidator({
          responses: responses as never,
          components: document.components as never,
          customFormats,
        }),
      );
    }
    return validators.get(key)!;
  };

  /** The reply's status is documented for the operation, and its body fits `schema`. */
  function assertDocumented(path: string, method: string, reply: Reply, schema: object): void {
    const operation = document.paths[path]?.[method];
    assert.ok(operation, `${method.toUpperCase()} ${path} is in the file`);
    assert.ok(
      operation.responses[String(reply.status)],
      `${method.toUpperCase()} ${path} documents ${reply.status}`,
    );
    const errors = validatorFor(reply.status, schema).validateResponse(reply.status, reply.body);
    assert.equal(errors, undefined, JSON.stringify(errors, null, 2));
  }

  const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

  for (const { path, dto, body, patch } of resources) {
    it(`${path}: list, get, create and patch answers are ${dto}s`, async () => {
      const list = await api.get(path);
      assert.equal(list.status, 200);
      assertDocumented(path, 'get', list, { type: 'array', items: ref(dto) });
      const created = await api.post(path, body);
      assert.equal(created.status, 201, created.text);
      assertDocumented(path, 'post', created, ref(dto));
      const one = await api.get(`${path}/${created.body.Id}`);
      const onePath = path === '/Employees' ? `${path}/{employeeId}` : `${path}/{id}`;
      assertDocumented(onePath, 'get', one, ref(dto));
      const patched = await api.patch(`${path}/${created.body.Id}`, [patch]);
      assertDocumented(onePath, 'patch', patched, ref(dto));
    });
  }

  it('/ContactPersons: list, get, create and patch answers are ContactPersonDtos', async () => {
    const customerId = (simulator.admin.list('customer')[0] as { Id: number }).Id;
    const created = await api.post(`/ContactPersons/${customerId}`, {
      FirstName: 'Ola',
      LastName: 'Hansen',
      MailAddress: { City: 'Oslo', ZipCode: '0150' },
    });
    assertDocumented('/ContactPersons/{contactId}', 'post', created, ref('ContactPersonDto'));
    const list = await api.get(`/ContactPersons?contactIds=${customerId}`);
    assertDocumented('/ContactPersons', 'get', list, { type: 'array', items: ref('ContactPersonDto') });
    const one = await api.get(`/ContactPersons/${customerId}/${created.body.Id}`);
    assertDocumented('/ContactPersons/{contactId}/{id}', 'get', one, ref('ContactPersonDto'));
    const patched = await api.patch(`/ContactPersons/${customerId}/${created.body.Id}`, [
      { op: 'replace', path: '/Title', value: 'Innkjøper' },
    ]);
    assertDocumented('/ContactPersons/{contactId}/{id}', 'patch', patched, ref('ContactPersonDto'));
  });

  it('refusals are documented ProblemDetails: 400 on create and patch, 404 on get, 204 on an empty list', async () => {
    const badCreate = await api.post('/Customers', { Name: 'X', EmailAddress: 'not-an-email' });
    assert.equal(badCreate.status, 400);
    assertDocumented('/Customers', 'post', badCreate, ref('ProblemDetails'));
    const customerId = (simulator.admin.list('customer')[0] as { Id: number }).Id;
    const badPatch = await api.patch(`/Customers/${customerId}`, [
      { op: 'replace', path: '/Nope', value: 1 },
    ]);
    assert.equal(badPatch.status, 400);
    assertDocumented('/Customers/{id}', 'patch', badPatch, ref('ProblemDetails'));
    const missing = await api.get('/Suppliers/1');
    assert.equal(missing.status, 404);
    assertDocumented('/Suppliers/{id}', 'get', missing, ref('ProblemDetails'));
    const empty = await api.get('/Departments?codes=none');
    assert.equal(empty.status, 204);
    assert.ok(document.paths['/Departments']!.get!.responses['204']);
  });

  it("the simulator's Post DTO schemas have the file's properties and required fields", () => {
    // The supplier's two extra fields are the seed's (DATAFLOWS.md flow 3), not PowerOffice's.
    const seedExtension = ['InternationalIdNumber', 'InternationalIdType'];
    const posts: [string, z.ZodObject][] = [
      ['CustomerPostDto', CustomerPostDto],
      ['SupplierPostDto', SupplierPostDto],
      ['EmployeePostDto', EmployeePostDto],
      ['ContactPersonPostDto', ContactPersonPostDto],
      ['DepartmentPostDto', DepartmentPostDto],
    ];
    for (const [name, schema] of posts) {
      const published = document.components.schemas[name]!;
      const ours = Object.keys(schema.shape).filter(
        (key) => name !== 'SupplierPostDto' || !seedExtension.includes(key),
      );
      assert.deepEqual(ours.sort(), Object.keys(published.properties ?? {}).sort(), name);
      for (const field of published.required ?? []) {
        assert.equal(
          schema.shape[field]!.safeParse(undefined).success,
          false,
          `${name}.${field} is required`,
        );
      }
    }
  });
});
