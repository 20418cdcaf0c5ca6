// A customer's contact persons: GET/POST /Customer/{partyId}/Contact (POST creates, or updates
// when the body has the id) and GET/DELETE /Customer/{partyId}/Contact/{id}.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { SimulatorProblem } from '../common/problem.js';
import type { StatsCounter } from '../common/stats.js';
import { V1ContactPerson } from './contactPerson.js';
import { list, one } from './envelope.js';
import { listRecords } from './listQuery.js';
import type { Powerofficegov1Records } from './records.js';
import { bodyId, pathId } from './recordRoutes.js';

export function registerContactPersonRoutes(
  app: FastifyInstance,
  stats: StatsCounter,
  records: Powerofficegov1Records,
): void {
  const resource = records.resources.contactperson;
  const path = '/Customer/:partyId/Contact';
  const view = () => records.replica.view(records.collections.contactperson);
  const present = (record: object) => record;

  // The person must belong to the customer in the path.
  const requireOwn = (partyId: number, id: number, person = resource.find(id)) => {
    if (!person || person.partyId !== partyId) {
      throw SimulatorProblem.notFound(`Contact person with id = ${id} not found on customer ${partyId}.`);
    }
    return person;
  };
  const partyOf = (request: FastifyRequest) => pathId(request, 'partyId');

  app.get(path, async (request) => {
    const partyId = partyOf(request);
    const own = view()
      .values()
      .filter((person) => person.partyId === partyId);
    const { data, count } = listRecords(own, request.query, {
      schema: V1ContactPerson,
      typeName: 'ContactPerson',
      present,
    });
    return list(data, count);
  });
  app.get(`${path}/:id`, async (request) => {
    const id = pathId(request, 'id');
    return one(requireOwn(partyOf(request), id, view().get(id)));
  });
  app.post(path, async (request) => {
    const partyId = partyOf(request);
    const id = bodyId(request.body, V1ContactPerson, 'id');
    if (id) requireOwn(partyId, id);
    const person = id
      ? resource.replace(id, request.body)
      : records.createContactPerson(partyId, request.body);
    stats.countWrite(resource.datatype, id ? 'update' : 'create');
    return one(person);
  });
  app.delete(`${path}/:id`, async (request) => {
    const id = pathId(request, 'id');
    resource.delete(requireOwn(partyOf(request), id).id);
    stats.countWrite(resource.datatype, 'delete');
    return { success: true };
  });
}
