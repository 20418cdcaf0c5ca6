// The PowerOffice Go API v2 simulator: /OAuth/Token, the five resources under /v2, and the
// admin API under /_admin. Start it with `startPowerofficegoSimulator(options)`.
import type { FastifyInstance } from 'fastify';
import { SimulatorAdmin, splitField } from '../common/admin.js';
import { registerAdminRoutes } from '../common/adminRoutes.js';
import { SimulatorDatabase } from '../common/database.js';
import { Clock } from '../common/clock.js';
import { FaultInjector } from '../common/faults.js';
import { createServer, listen } from '../common/httpServer.js';
import { RateLimiter } from '../common/rateLimiter.js';
import { StatsCounter } from '../common/stats.js';
import { newSecret, TokenIssuer } from '../common/tokens.js';
import { simulatorCredentials } from '../credentials.js';
import type { RunningSimulator, SimulatorOptions } from '../simulator.js';
import { type PowerofficegoKeys, registerTokenRoute, requireAccess } from './auth.js';
import { registerContactPersonRoutes } from './contactPersonRoutes.js';
import { CustomerDto } from './customer.js';
import { DepartmentDto } from './department.js';
import { EmployeeDto } from './employee.js';
import {
  booleanEquals,
  changedAfter,
  contactFilters,
  numberEquals,
  textContains,
  textEquals,
  textIn,
} from './listFilters.js';
import { powerofficegoStyle } from './problemDetails.js';
import { PowerofficegoRecords } from './records.js';
import { registerResourceRoutes } from './resourceRoutes.js';
import { PowerofficegoSeedRequest, seedPowerofficego } from './seed.js';
import { SupplierDto } from './supplier.js';

export const apiPrefix = '/v2';

export interface RunningPowerofficegoSimulator extends RunningSimulator {
  admin: SimulatorAdmin<PowerofficegoSeedRequest>;
}

export async function startPowerofficegoSimulator(
  options: SimulatorOptions = {},
): Promise<RunningPowerofficegoSimulator> {
  const database = new SimulatorDatabase(options.dataFile);
  const clock = new Clock(options.clockOffsetMs);
  const records = new PowerofficegoRecords(database, clock);
  const stats = new StatsCounter();
  const faults = new FaultInjector(options.faults);
  const rateLimiter = new RateLimiter(options.rateLimit ?? 10);
  const tokens = new TokenIssuer(
    database.setting('token-secret', newSecret),
    options.tokenTtlSeconds ?? 1200,
  );
  const keys = { ...simulatorCredentials.powerofficego, ...options.credentials } as PowerofficegoKeys;

  const app = createServer({ style: powerofficegoStyle, rateLimiter, faults, stats, clock });
  registerTokenRoute(app, keys, tokens);
  await app.register(
    async (api) => {
      api.addHook('onRequest', requireAccess(keys, tokens));
      registerApiRoutes(api, stats, records);
    },
    { prefix: apiPrefix },
  );

  const admin = new SimulatorAdmin({
    resources: records.resources,
    create: {
      // The admin API names a contact person's parent in the body: { "ContactId": 1001, ... }.
      contactperson: (fields) => {
        const [contactId, rest] = splitField(fields, 'ContactId');
        return records.createContactPerson(Number(contactId), rest);
      },
      // One party can be customer and supplier under one contact Id: { "Id": 1001, ... } gives the
      // existing customer (or supplier) its other role, as a person would in the product.
      customer: (fields) => addRole(records.resources.customer, records.resources.supplier, fields),
      supplier: (fields) => addRole(records.resources.supplier, records.resources.customer, fields),
    },
    seedRequest: PowerofficegoSeedRequest,
    seed: (request) => seedPowerofficego(records, request),
    reset: () => records.reset(),
    stats,
    faults,
    rateLimiter,
  });
  registerAdminRoutes(app, admin, 'powerofficego');

  const running = await listen(app, options, apiPrefix, () => database.close());
  return { ...running, admin };
}

function registerApiRoutes(api: FastifyInstance, stats: StatsCounter, records: PowerofficegoRecords): void {
  const { resources } = records;
  registerResourceRoutes(api, stats, {
    path: '/Customers',
    resource: resources.customer,
    dto: CustomerDto,
    dtoName: 'CustomerDto',
    filters: contactFilters('customer'),
  });
  registerResourceRoutes(api, stats, {
    path: '/Suppliers',
    resource: resources.supplier,
    dto: SupplierDto,
    dtoName: 'SupplierDto',
    filters: contactFilters('supplier'),
  });
  registerResourceRoutes(api, stats, {
    path: '/Employees',
    idParameter: 'employeeId',
    resource: resources.employee,
    dto: EmployeeDto,
    dtoName: 'EmployeeDto',
    filters: contactFilters('employee'),
  });
  registerResourceRoutes(api, stats, {
    path: '/Departments',
    resource: resources.department,
    dto: DepartmentDto,
    dtoName: 'DepartmentDto',
    filters: {
      codes: textIn('Code'),
      createddatetimeoffsetgreaterthan: changedAfter(
        'CreatedDateTimeOffset',
        'createdDateTimeOffsetGreaterThan',
      ),
      createdfromimportjournalid: textEquals('CreatedFromImportJournalId'),
      isactive: booleanEquals('IsActive', 'isActive'),
      lastchangeddatetimeoffsetgreaterthan: changedAfter(
        'LastChangedDateTimeOffset',
        'lastChangedDateTimeOffsetGreaterThan',
      ),
      manageremployeeno: numberEquals('ManagerEmployeeNo', 'managerEmployeeNo'),
      name: textContains('Name'),
    },
  });
  registerContactPersonRoutes(api, stats, records, '');
}

type PartyResource =
  PowerofficegoRecords['resources']['customer'] | PowerofficegoRecords['resources']['supplier'];

function addRole(resource: PartyResource, other: PartyResource, fields: Record<string, unknown>): object {
  const [id, rest] = splitField(fields, 'Id');
  if (id === undefined) return resource.create(rest);
  const party = other.require(Number(id));
  return resource.create(rest, {
    Id: party.Id,
    ContactCreatedDateTimeOffset: party.ContactCreatedDateTimeOffset,
  });
}
