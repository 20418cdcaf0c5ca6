// Turns a response body into a typed value through its zod schema. Anything the contract does not
// allow becomes a ResponseShapeError naming the field path and what was wrong: never a crash,
// never a silent default.
import type { z } from 'zod';
import { ResponseShapeError, type ApiErrorContext } from '../errors.js';

/** Issues listed in one error; the rest are counted. */
const MAX_ISSUES = 5;

export function parseBody<S extends z.ZodType>(
  schema: S,
  body: unknown,
  context: Omit<ApiErrorContext, 'detail'>,
): z.output<S> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  throw new ResponseShapeError({ ...context, detail: contractProblem(result.error), cause: result.error });
}

/** Told of each element of a list that its schema refuses, with what is wrong with it. */
export type OnInvalid = (element: unknown, problem: string) => void;

/**
 * The elements of a list that match the schema. The others go to `onInvalid`: one record in a
 * shape the contract forbids is that record's problem, not the whole list's.
 */
export function keepValid<S extends z.ZodType>(
  schema: S,
  elements: readonly unknown[],
  onInvalid: OnInvalid,
): Array<z.output<S>> {
  return elements.flatMap((element) => {
    const result = schema.safeParse(element);
    if (result.success) return [result.data];
    onInvalid(element, contractProblem(result.error));
    return [];
  });
}

function contractProblem(error: z.ZodError): string {
  const issues = error.issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`);
  const more = issues.length > MAX_ISSUES ? ` (and ${issues.length - MAX_ISSUES} more)` : '';
  return `response does not match the contract: ${issues.slice(0, MAX_ISSUES).join('; ')}${more}`;
}

/** Decodes a JSON text body; empty is `undefined`, anything else that is not JSON a shape error. */
export function parseJson(text: string, context: Omit<ApiErrorContext, 'detail'>): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch (cause) {
    const detail = `response is not JSON: ${JSON.stringify(text.slice(0, 80))}`;
    throw new ResponseShapeError({ ...context, detail, cause });
  }
}

/** `[3].MailAddress.City`: where in the body the problem is. */
function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(body)';
  return path
    .map((key, index) => {
      if (typeof key === 'number') return `[${key}]`;
      return index === 0 ? String(key) : `.${String(key)}`;
    })
    .join('');
}
