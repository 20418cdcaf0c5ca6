// Contact persons hang under their contact: list by `contactIds`, create under
// /ContactPersons/{contactId}, read, patch and delete at /ContactPersons/{contactId}/{id}.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { SimulatorProblem } from '../common/problem.js';
import type { StatsCounter } from '../common/stats.js';
import { ContactPersonDto, ContactPersonPostDto } from './contactPerson.js';
import { applyJsonPatch } from './jsonPatch.js';
import { changedAfter, idsIn, textIn } from './listFilters.js';
import { listPage } from './listQuery.js';
import type { PowerofficegoRecords } from './records.js';
import { pathId, requireJsonPatch } from './resourceRoutes.js';

const filters = {
  contactids: idsIn('ContactId', 'contactIds'),
  createddatetimeoffsetgreaterthan: changedAfter('CreatedDateTimeOffset', 'createdDateTimeOffsetGreaterThan'),
  externalcodes: textIn('ExternalCode'),
  lastchangeddatetimeoffsetgreaterthan: changedAfter(
    'LastChangedDateTimeOffset',
    'lastChangedDateTimeOffsetGreaterThan',
  ),
};

export function registerContactPersonRoutes(
  app: FastifyInstance,
  stats: StatsCounter,
  records: PowerofficegoRecords,
  prefix: string,
): void {
  const resource = records.resources.contactperson;
  const path = `${prefix}/ContactPersons`;
  const one = `${path}/:contactId/:id`;

  // The person must belong to the contact in the path.
  const requirePerson = (request: FastifyRequest) => {
    const contactId = pathId(request, 'contactId');
    const person = resource.find(pathId(request, 'id'));
    if (!person || person.ContactId !== contactId) {
      throw SimulatorProblem.notFound(
        `ContactPerson with id = ${pathId(request, 'id')} not found on contact ${contactId}.`,
      );
    }
    return person;
  };

  app.get(path, async (request, reply) => {
    const page = listPage(resource.collection.values(), request.query, {
      dto: ContactPersonDto,
      dtoName: 'ContactPersonDto',
      filters,
      present: (person) => person,
    });
    return page.length === 0 ? reply.code(204).send() : page;
  });
  app.get(one, async (request) => requirePerson(request));
  app.post(`${path}/:contactId`, async (request, reply) => {
    const created = records.createContactPerson(pathId(request, 'contactId'), request.body);
    stats.countWrite(resource.datatype, 'create');
    return reply.code(201).send(created);
  });
  app.patch(one, async (request) => {
    requireJsonPatch(request);
    const { Id } = requirePerson(request);
    const updated = resource.change(Id, (input) =>
      applyJsonPatch(input, request.body, ContactPersonPostDto, 'ContactPerson'),
    );
    stats.countWrite(resource.datatype, 'update');
    return updated;
  });
  app.delete(one, async (request, reply) => {
    resource.delete(requirePerson(request).Id);
    stats.countWrite(resource.datatype, 'delete');
    return reply.code(200).send();
  });
}
