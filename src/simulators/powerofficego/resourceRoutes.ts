// The five routes of a v2 resource (Customers, Suppliers, Employees, Departments): list, get,
// create (201 + DTO), JSON Patch (200 + DTO; only application/json-patch+json), delete (200).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { SimulatorProblem } from '../common/problem.js';
import type { Resource } from '../common/resource.js';
import type { StatsCounter } from '../common/stats.js';
import { applyJsonPatch } from './jsonPatch.js';
import { listPage, type QueryFilter } from './listQuery.js';

export interface ResourceRoutes<R extends object, I extends object> {
  /** `/v2/Customers` */
  path: string;
  /** The id parameter's name in the OpenAPI file (`employeeId` on Employees). */
  idParameter?: string;
  resource: Resource<R, I>;
  dto: z.ZodObject;
  dtoName: string;
  filters: Record<string, QueryFilter<R>>;
}

export function registerResourceRoutes<R extends object, I extends object>(
  app: FastifyInstance,
  stats: StatsCounter,
  { path, idParameter = 'id', resource, dto, dtoName, filters }: ResourceRoutes<R, I>,
): void {
  const one = `${path}/:${idParameter}`;
  const idOf = (request: FastifyRequest) => pathId(request, idParameter);
  const present = (record: R) => resource.present(record);

  app.get(path, async (request, reply) => {
    const page = listPage(resource.collection.values(), request.query, { dto, dtoName, filters, present });
    return page.length === 0 ? reply.code(204).send() : page;
  });
  app.get(one, async (request) => present(resource.require(idOf(request))));
  app.post(path, async (request, reply) => {
    const created = resource.create(request.body);
    stats.countWrite(resource.datatype, 'create');
    return reply.code(201).send(present(created));
  });
  app.patch(one, async (request) => {
    requireJsonPatch(request);
    const id = idOf(request);
    const title = resource.definition.title;
    const updated = resource.change(id, (input) =>
      applyJsonPatch(input, request.body, resource.definition.input, title),
    );
    stats.countWrite(resource.datatype, 'update');
    return present(updated);
  });
  app.delete(one, async (request, reply) => {
    resource.delete(idOf(request));
    stats.countWrite(resource.datatype, 'delete');
    return reply.code(200).send();
  });
}

export function pathId(request: FastifyRequest, name: string): number {
  const text = (request.params as Record<string, string>)[name] ?? '';
  if (!/^\d+$/.test(text)) {
    throw new SimulatorProblem(400, 'Bad Request', `The value '${text}' is not valid for ${name}.`);
  }
  return Number(text);
}

export function requireJsonPatch(request: FastifyRequest): void {
  const type = request.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json-patch+json') {
    throw new SimulatorProblem(
      415,
      'Unsupported Media Type',
      `PATCH takes a JSON Patch document: Content-Type must be application/json-patch+json, not '${type ?? 'none'}'.`,
    );
  }
}
