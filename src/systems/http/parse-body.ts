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
  const issues = result.error.issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`);
  const more = issues.length > MAX_ISSUES ? ` (and ${issues.length - MAX_ISSUES} more)` : '';
  const detail = `response does not match the contract: ${issues.slice(0, MAX_ISSUES).join('; ')}${more}`;
  throw new ResponseShapeError({ ...context, detail, cause: result.error });
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
