// The PowerOffice Go API v1 simulator: /OAuth/Token, the record routes at the root (Contact's
// path configurable), and the admin API under /_admin. Start it with
// `startPowerofficegov1Simulator(options)`.
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
import { type Powerofficegov1Keys, registerTokenRoute, requireAccess } from './auth.js';
import { V1Contact } from './contact.js';
import { registerContactPersonRoutes } from './contactPersonRoutes.js';
import { V1Customer } from './customer.js';
import { V1Department } from './department.js';
import { V1Employee } from './employee.js';
import { powerofficegov1Style } from './envelope.js';
import { registerRecordRoutes } from './recordRoutes.js';
import { Powerofficegov1Records } from './records.js';
import { Powerofficegov1SeedRequest, seedPowerofficegov1 } from './seed.js';

export interface Powerofficegov1SimulatorOptions extends SimulatorOptions {
  /** Where the seed's Contact lives. Default `/Contact`. */
  contactRoute?: string;
}

export interface RunningPowerofficegov1Simulator extends RunningSimulator {
  admin: SimulatorAdmin<Powerofficegov1SeedRequest>;
}

export async function startPowerofficegov1Simulator(
  options: Powerofficegov1SimulatorOptions = {},
): Promise<RunningPowerofficegov1Simulator> {
  const database = new SimulatorDatabase(options.dataFile);
  const clock = new Clock(options.clockOffsetMs);
  const records = new Powerofficegov1Records(database, options.replicaLagMs ?? 0, clock);
  const stats = new StatsCounter();
  const faults = new FaultInjector(options.faults);
  const rateLimiter = new RateLimiter(options.rateLimit ?? 50);
  const tokens = new TokenIssuer(database.setting('token-secret', newSecret), options.tokenTtlSeconds ?? 599);
  const keys = { ...simulatorCredentials.powerofficegov1, ...options.credentials } as Powerofficegov1Keys;

  const app = createServer({ style: powerofficegov1Style(tokens), rateLimiter, faults, stats, clock });
  registerTokenRoute(app, keys, tokens);
  await app.register(async (api) => {
    api.addHook('onRequest', requireAccess(tokens));
    const { resources, collections, replica } = records;
    registerRecordRoutes(api, stats, {
      path: '/Customer',
      resource: resources.customer,
      schema: V1Customer,
      idField: 'id',
      view: () => replica.view(collections.customer),
    });
    registerRecordRoutes(api, stats, {
      path: '/Employee',
      resource: resources.employee,
      schema: V1Employee,
      idField: 'id',
      view: () => replica.view(collections.employee),
    });
    registerRecordRoutes(api, stats, {
      path: '/Department',
      resource: resources.department,
      schema: V1Department,
      idField: 'id',
      view: () => replica.view(collections.department),
    });
    registerRecordRoutes(api, stats, {
      path: options.contactRoute ?? '/Contact',
      resource: resources.contact,
      schema: V1Contact,
      idField: 'ContactId',
      view: () => replica.view(collections.contact),
    });
    registerContactPersonRoutes(api, stats, records);
  });

  const admin = new SimulatorAdmin({
    resources: records.resources,
    create: {
      // The admin API names a contact person's customer in the body: { "partyId": 12, ... }.
      contactperson: (fields) => {
        const [partyId, rest] = splitField(fields, 'partyId');
        return records.createContactPerson(Number(partyId), rest);
      },
    },
    seedRequest: Powerofficegov1SeedRequest,
    seed: (request) => seedPowerofficegov1(records, request),
    reset: () => records.reset(),
    stats,
    faults,
    rateLimiter,
    replicaLag: records.replica,
  });
  registerAdminRoutes(app, admin, 'powerofficegov1');

  const running = await listen(app, options, '', () => database.close());
  return { ...running, admin };
}
