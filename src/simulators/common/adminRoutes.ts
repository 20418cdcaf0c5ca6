// The admin HTTP API under /_admin: no auth, no rate limit, no faults, no replica lag.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { SimulatorAdmin } from './admin.js';
import { adminPrefix } from './httpServer.js';
import { SimulatorProblem } from './problem.js';

const RecordParams = z.object({ datatype: z.string(), id: z.coerce.number().int().optional() });
const Fields = z.record(z.string(), z.unknown());
const FaultSettings = z
  .object({
    errorRate: z.number().min(0).max(1).optional(),
    timeoutRate: z.number().min(0).max(1).optional(),
    latencyMs: z.number().int().min(0).optional(),
    malformedIds: z.array(z.string()).optional(),
  })
  .strict();
const RateLimitSetting = z.object({ rateLimit: z.union([z.number().positive(), z.literal(false)]) }).strict();
const ReplicaLagSetting = z.object({ replicaLagMs: z.number().int().min(0) }).strict();

export function registerAdminRoutes(app: FastifyInstance, admin: SimulatorAdmin, system: string): void {
  const route = (path: string) => `${adminPrefix}${path}`;

  app.get(route(''), async () => ({ system, datatypes: admin.datatypes }));
  app.post(route('/reset'), async (_request, reply) => {
    admin.reset();
    return reply.code(204).send();
  });
  app.post(route('/seed'), async (request) => ({ created: admin.seed(request.body) }));

  app.get(route('/records/:datatype'), async (request) =>
    admin.list(parse(RecordParams, request.params).datatype),
  );
  app.get(route('/records/:datatype/:id'), async (request) => {
    const { datatype, id } = parse(RecordParams, request.params);
    return admin.get(datatype, id!);
  });
  app.post(route('/records/:datatype'), async (request, reply) => {
    const { datatype } = parse(RecordParams, request.params);
    return reply.code(201).send(admin.create(datatype, parse(Fields, request.body)));
  });
  app.patch(route('/records/:datatype/:id'), async (request) => {
    const { datatype, id } = parse(RecordParams, request.params);
    return admin.edit(datatype, id!, parse(Fields, request.body));
  });
  app.delete(route('/records/:datatype/:id'), async (request, reply) => {
    const { datatype, id } = parse(RecordParams, request.params);
    admin.delete(datatype, id!);
    return reply.code(204).send();
  });

  app.get(route('/stats'), async () => admin.stats());
  app.post(route('/stats/reset'), async (_request, reply) => {
    admin.resetStats();
    return reply.code(204).send();
  });
  app.get(route('/faults'), async () => admin.faults());
  app.put(route('/faults'), async (request) => admin.setFaults(parse(FaultSettings, request.body)));
  app.get(route('/rate-limit'), async () => ({ rateLimit: admin.rateLimit() }));
  app.put(route('/rate-limit'), async (request) => {
    admin.setRateLimit(parse(RateLimitSetting, request.body).rateLimit);
    return { rateLimit: admin.rateLimit() };
  });
  app.get(route('/replica-lag'), async () => ({ replicaLagMs: admin.replicaLagMs() ?? null }));
  app.put(route('/replica-lag'), async (request) => {
    admin.setReplicaLagMs(parse(ReplicaLagSetting, request.body).replicaLagMs);
    return { replicaLagMs: admin.replicaLagMs() };
  });
}

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value ?? {});
  if (!result.success) {
    throw new SimulatorProblem(400, 'Invalid admin request', z.prettifyError(result.error));
  }
  return result.data;
}
