// PATCH bodies: an RFC 6902 JSON Patch document applied to the record's writable part.
// Paths are matched case-insensitively (`/emailaddress` = `/EmailAddress`) against the Post
// DTO, so only writable properties can be patched; a failed `test` applies nothing.
import jsonpatch, { type Operation as PatchOperation } from 'fast-json-patch';
import { z } from 'zod';
import { SimulatorProblem } from '../common/problem.js';
import { elementOf, findProperty } from '../common/schemaShape.js';

const Operation = z.object({
  op: z
    .string()
    .transform((op) => op.toLowerCase())
    .pipe(z.enum(['add', 'remove', 'replace', 'copy', 'move', 'test'])),
  path: z.string(),
  from: z.string().nullable().optional(),
  value: z.unknown().optional(),
});
const JsonPatchDocument = z.array(Operation);
type Operation = z.infer<typeof Operation>;

export function applyJsonPatch(document: object, body: unknown, writable: z.ZodType, title: string): unknown {
  const operations = parseOperations(body, title).map((operation) => ({
    ...operation,
    path: canonicalPointer(operation.path, writable, title),
    ...(operation.from ? { from: canonicalPointer(operation.from, writable, title) } : {}),
  }));
  try {
    return jsonpatch.applyPatch(document, operations as PatchOperation[], true, false).newDocument;
  } catch (error) {
    if (error instanceof jsonpatch.JsonPatchError) throw patchProblem(error, operations, title);
    throw error;
  }
}

function parseOperations(body: unknown, title: string): Operation[] {
  const lowerKeys = Array.isArray(body)
    ? body.map((operation: unknown) =>
        operation && typeof operation === 'object'
          ? Object.fromEntries(Object.entries(operation).map(([key, value]) => [key.toLowerCase(), value]))
          : operation,
      )
    : body;
  const result = JsonPatchDocument.safeParse(lowerKeys);
  if (result.success) return result.data;
  throw new SimulatorProblem(
    400,
    `${title} validation error(s)`,
    `The JSON Patch document is not valid: ${z.prettifyError(result.error)}`,
  );
}

// "/mailaddress/city" → "/MailAddress/City"; array indices and "-" pass through.
function canonicalPointer(pointer: string, writable: z.ZodType, title: string): string {
  if (pointer === '') return pointer;
  let schema: z.ZodType | undefined = writable;
  const segments = pointer
    .split('/')
    .slice(1)
    .map((raw) => {
      const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
      const element = schema ? elementOf(schema) : undefined;
      if (element && /^(\d+|-)$/.test(segment)) {
        schema = element;
        return segment;
      }
      const property = schema ? findProperty(schema, segment) : undefined;
      if (!property) {
        throw new SimulatorProblem(
          400,
          `${title} validation error(s)`,
          `The target location specified by path segment '${segment}' was not found.`,
        );
      }
      schema = property.schema;
      return property.name.replace(/~/g, '~0').replace(/\//g, '~1');
    });
  return `/${segments.join('/')}`;
}

function patchProblem(
  error: InstanceType<typeof jsonpatch.JsonPatchError>,
  operations: readonly Operation[],
  title: string,
): SimulatorProblem {
  const operation = operations[error.index ?? 0];
  const detail =
    error.name === 'TEST_OPERATION_FAILED'
      ? `The current value at path '${operation?.path}' is not equal to the test value '${JSON.stringify(operation?.value)}'.`
      : `Operation ${operation?.op} at path '${operation?.path}' could not be applied: ${error.message.split('\n')[0]}`;
  return new SimulatorProblem(400, `${title} validation error(s)`, detail);
}
