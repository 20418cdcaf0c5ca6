// The routes of a v1 record: GET list (OData), GET one, POST create-or-update, DELETE. GETs
// read the replica, so they may lag writes. A POST with the id is a full write: fields the body
// leaves out are cleared (only the id and a customer's or employee's code are kept), which is
// what "a full write of the fields sent" means for a client that sends the whole record.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { SimulatorProblem } from '../common/problem.js';
import type { RecordView } from '../common/replicaLag.js';
import type { Resource } from '../common/resource.js';
import { findProperty } from '../common/schemaShape.js';
import type { StatsCounter } from '../common/stats.js';
import { list, one } from './envelope.js';
import { listRecords } from './listQuery.js';

export interface RecordRoutes<R extends object, I extends object> {
  /** `/Customer` */
  path: string;
  resource: Resource<R, I>;
  /** The full record, for OData property names. */
  schema: z.ZodType;
  /** The id property in bodies: `id`, or `ContactId` on Contact. */
  idField: string;
  view(): RecordView<R>;
}

export function registerRecordRoutes<R extends object, I extends object>(
  app: FastifyInstance,
  stats: StatsCounter,
  { path, resource, schema, idField, view }: RecordRoutes<R, I>,
): void {
  const title = resource.definition.title;
  const present = (record: object) => resource.present(record as R);

  app.get(path, async (request) => {
    const { data, count } = listRecords(view().values(), request.query, { schema, typeName: title, present });
    return list(data, count);
  });
  app.get(`${path}/:id`, async (request) => {
    const id = pathId(request, 'id');
    const record = view().get(id);
    if (!record) throw SimulatorProblem.notFound(`${title} with id = ${id} not found.`);
    return one(present(record));
  });
  app.post(path, async (request) => {
    const id = bodyId(request.body, schema, idField);
    const record = id ? resource.replace(id, request.body) : resource.create(request.body);
    stats.countWrite(resource.datatype, id ? 'update' : 'create');
    return one(present(record));
  });
  app.delete(`${path}/:id`, async (request) => {
    resource.delete(pathId(request, 'id'));
    stats.countWrite(resource.datatype, 'delete');
    return { success: true };
  });
}

export function pathId(request: FastifyRequest, name: string): number {
  const text = (request.params as Record<string, string>)[name] ?? '';
  if (!/^\d+$/.test(text)) {
    throw new SimulatorProblem(400, 'Bad Request', `The value '${text}' is not valid for ${name}.`);
  }
  return Number(text);
}

/** The record id in a POST body (any casing); 0, null or absent means "create". */
export function bodyId(body: unknown, schema: z.ZodType, idField: string): number | undefined {
  if (body === null || typeof body !== 'object') return undefined;
  const canonical = findProperty(schema, idField)?.name ?? idField;
  const entry = Object.entries(body).find(([key]) => key.toLowerCase() === canonical.toLowerCase());
  const value = entry?.[1];
  if (value === undefined || value === null || value === 0) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw SimulatorProblem.validation(`${canonical} validation error(s)`, [
      { field: canonical, message: `${canonical} must be an integer.` },
    ]);
  }
  return value;
}
