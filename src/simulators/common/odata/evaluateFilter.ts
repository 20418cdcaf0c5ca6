// Turns a parsed `$filter` into a predicate over records. Property names are matched
// case-insensitively against the record's schema (so `LastChanged` and `lastChanged` both work);
// an unknown name is an error, as it is in the real API.
import type { z } from 'zod';
import { parseTimestamp } from '../clock.js';
import { elementOf, findProperty } from '../schemaShape.js';
import { type ComparisonOperator, type FilterExpression, ODataError, parseFilter } from './parseFilter.js';

type Scope = ReadonlyMap<string, unknown>;
type Evaluate = (record: unknown, scope: Scope) => unknown;

interface Context {
  schema: z.ZodType;
  typeName: string;
  /** Lambda variables in scope and the schema of what they stand for. */
  variables: ReadonlyMap<string, z.ZodType>;
}

export function compileFilter(
  text: string,
  schema: z.ZodType,
  typeName: string,
): (record: unknown) => boolean {
  const evaluate = compile(parseFilter(text), { schema, typeName, variables: new Map() });
  const empty: Scope = new Map();
  return (record) => evaluate(record, empty) === true;
}

/** The schema's spelling of a `/`-separated property path, or an ODataError naming the unknown part. */
export function resolvePath(segments: readonly string[], schema: z.ZodType, typeName: string): string[] {
  let current = schema;
  return segments.map((segment) => {
    const property = findProperty(current, segment);
    if (!property) {
      throw new ODataError(`Could not find a property named '${segment}' on type '${typeName}'.`);
    }
    current = property.schema;
    return property.name;
  });
}

export function valueAt(record: unknown, path: readonly string[]): unknown {
  let value = record;
  for (const name of path) {
    if (value === null || typeof value !== 'object') return null;
    value = (value as Record<string, unknown>)[name];
  }
  return value ?? null;
}

function compile(expression: FilterExpression, context: Context): Evaluate {
  switch (expression.kind) {
    case 'literal': {
      const value = expression.datetime ?? expression.value;
      return () => value;
    }
    case 'path':
      return compilePath(expression.segments, context);
    case 'not': {
      const operand = compile(expression.operand, context);
      return (record, scope) => operand(record, scope) !== true;
    }
    case 'logical': {
      const left = compile(expression.left, context);
      const right = compile(expression.right, context);
      return expression.op === 'and'
        ? (record, scope) => left(record, scope) === true && right(record, scope) === true
        : (record, scope) => left(record, scope) === true || right(record, scope) === true;
    }
    case 'compare':
      return compileComparison(expression.op, expression.left, expression.right, context);
    case 'call':
      return compileCall(expression.name, expression.args, context);
    case 'lambda':
      return compileLambda(expression, context);
  }
}

function compilePath(segments: readonly string[], context: Context): Evaluate {
  const [first, ...rest] = segments;
  const variableSchema = context.variables.get(first!);
  if (variableSchema) {
    const path = resolvePath(rest, variableSchema, context.typeName);
    return (_record, scope) => valueAt(scope.get(first!), path);
  }
  const path = resolvePath(segments, context.schema, context.typeName);
  return (record) => valueAt(record, path);
}

function compileComparison(
  op: ComparisonOperator,
  leftExpression: FilterExpression,
  rightExpression: FilterExpression,
  context: Context,
): Evaluate {
  let left = compile(leftExpression, context);
  let right = compile(rightExpression, context);
  // A date-time literal makes the other side a date-time too: compare instants, not text.
  if (isDatetime(rightExpression)) left = asMicros(left);
  if (isDatetime(leftExpression)) right = asMicros(right);
  return (record, scope) => compareValues(op, left(record, scope), right(record, scope));
}

function compareValues(op: ComparisonOperator, a: unknown, b: unknown): boolean {
  if (a === null || b === null) {
    if (op === 'eq') return a === b;
    if (op === 'ne') return a !== b;
    return false;
  }
  const [x, y] = sameType(a, b);
  switch (op) {
    case 'eq':
      return x === y;
    case 'ne':
      return x !== y;
    case 'gt':
      return x! > y!;
    case 'ge':
      return x! >= y!;
    case 'lt':
      return x! < y!;
    case 'le':
      return x! <= y!;
  }
}

// A numeric text compared with a number compares as numbers (codes are text in some records).
function sameType(a: unknown, b: unknown): [string | number | boolean, string | number | boolean] {
  if (typeof a === 'number' && typeof b === 'string' && b.trim() !== '' && !Number.isNaN(Number(b))) {
    return [a, Number(b)];
  }
  if (typeof b === 'number' && typeof a === 'string' && a.trim() !== '' && !Number.isNaN(Number(a))) {
    return [Number(a), b];
  }
  return [a as string, b as string];
}

const textFunctions: Record<string, (text: string) => unknown> = {
  tolower: (text) => text.toLowerCase(),
  toupper: (text) => text.toUpperCase(),
  trim: (text) => text.trim(),
  length: (text) => text.length,
};

const textTests: Record<string, (text: string, part: string) => boolean> = {
  contains: (text, part) => text.includes(part),
  startswith: (text, part) => text.startsWith(part),
  endswith: (text, part) => text.endsWith(part),
  // OData v3 spells contains(text, part) as substringof(part, text).
  substringof: (part, text) => text.includes(part),
};

function compileCall(name: string, argExpressions: FilterExpression[], context: Context): Evaluate {
  const args = argExpressions.map((argument) => compile(argument, context));
  const textFunction = textFunctions[name];
  const textTest = textTests[name];
  if (textFunction && args.length === 1) {
    const [argument] = args as [Evaluate];
    return (record, scope) => {
      const value = argument(record, scope);
      return typeof value === 'string' ? textFunction(value) : null;
    };
  }
  if (textTest && args.length === 2) {
    const [first, second] = args as [Evaluate, Evaluate];
    return (record, scope) => {
      const a = first(record, scope);
      const b = second(record, scope);
      return typeof a === 'string' && typeof b === 'string' && textTest(a, b);
    };
  }
  if (textFunction || textTest) {
    throw new ODataError(`${name}() takes ${textFunction ? 1 : 2} argument(s), got ${args.length}.`);
  }
  throw new ODataError(`Unknown function '${name}'.`);
}

function compileLambda(
  expression: Extract<FilterExpression, { kind: 'lambda' }>,
  context: Context,
): Evaluate {
  const collectionPath = resolvePath(expression.collection, context.schema, context.typeName);
  let collectionSchema = context.schema;
  for (const segment of collectionPath) collectionSchema = findProperty(collectionSchema, segment)!.schema;
  const elementSchema = elementOf(collectionSchema);
  if (!elementSchema) throw new ODataError(`'${expression.collection.join('/')}' is not a collection.`);
  const { variable, predicate, quantifier } = expression;
  const test =
    variable && predicate
      ? compile(predicate, {
          ...context,
          variables: new Map([...context.variables, [variable, elementSchema]]),
        })
      : undefined;
  return (record, scope) => {
    const items = valueAt(record, collectionPath);
    if (!Array.isArray(items)) return quantifier === 'all';
    if (!test) return quantifier === 'any' ? items.length > 0 : true;
    const passes = (item: unknown) => test(record, new Map([...scope, [variable!, item]])) === true;
    return quantifier === 'any' ? items.some(passes) : items.every(passes);
  };
}

function isDatetime(expression: FilterExpression): boolean {
  return expression.kind === 'literal' && expression.datetime !== undefined;
}

function asMicros(evaluate: Evaluate): Evaluate {
  return (record, scope) => {
    const value = evaluate(record, scope);
    return typeof value === 'string' ? (parseTimestamp(value) ?? null) : value;
  };
}
