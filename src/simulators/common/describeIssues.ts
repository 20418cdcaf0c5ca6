// zod issues as the sentences an accounting API answers with, each naming the property:
// "FirstName is required.", "MailAddress.City can be at most 100 characters long."
import type { z } from 'zod';
import type { FieldError } from './problem.js';

type Issue = z.core.$ZodRawIssue;

/** Per-parse error map: the sentence after the property name. */
export function issueMessage(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined || issue.input === null
        ? 'is required'
        : `must be ${describeType(issue.expected)}`;
    case 'too_big':
      return issue.origin === 'string'
        ? `can be at most ${String(issue.maximum)} characters long`
        : `must be at most ${String(issue.maximum)}`;
    case 'too_small':
      return issue.origin === 'string'
        ? `must be at least ${String(issue.minimum)} characters long`
        : `must be at least ${String(issue.minimum)}`;
    case 'invalid_format':
      return `is not a valid ${issue.format === 'date' ? 'date (yyyy-MM-dd)' : issue.format}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map(String).join(', ')}`;
    case 'unrecognized_keys':
      return 'is not a known property';
    default:
      return issue.message ?? 'is not valid';
  }
}

export function fieldErrors(issues: readonly z.core.$ZodIssue[]): FieldError[] {
  return issues.flatMap((issue) => {
    const path = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => sentence([...path, key].join('.'), issue.message));
    }
    return [sentence(path.join('.') || 'The request body', issue.message)];
  });
}

function sentence(field: string, message: string): FieldError {
  return { field, message: `${field} ${message}.` };
}

function describeType(expected: string): string {
  if (expected === 'int') return 'an integer';
  if (expected === 'object' || expected === 'array') return `an ${expected}`;
  return `a ${expected}`;
}
