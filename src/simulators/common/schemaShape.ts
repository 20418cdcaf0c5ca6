// Reading a zod object schema's shape: which property names exist (case-insensitively, as both
// .NET APIs bind them) and what lies below a property. Used to normalise the casing of request
// bodies, JSON Patch paths and OData property paths.
import { z } from 'zod';

type AnySchema = z.ZodType;

type Property = { name: string; schema: AnySchema };

interface Shape {
  /** By lower-case name, for an object schema. */
  properties?: Map<string, Property>;
  /** For an array schema. */
  element?: AnySchema;
}

// Bodies are matched against the same few schemas thousands of times (seeding): describe each once.
const shapes = new WeakMap<AnySchema, Shape>();

/** The schema without optional/nullable/default wrappers. */
export function unwrap(schema: AnySchema): AnySchema {
  let current: AnySchema = schema;
  for (;;) {
    if (
      current instanceof z.ZodOptional ||
      current instanceof z.ZodNullable ||
      current instanceof z.ZodDefault
    ) {
      current = current.unwrap() as AnySchema;
    } else if (current instanceof z.ZodPipe) {
      current = current.in as AnySchema;
    } else {
      return current;
    }
  }
}

/** The property of an object schema whose name matches case-insensitively, with its schema. */
export function findProperty(schema: AnySchema, name: string): Property | undefined {
  return shapeOf(schema).properties?.get(name.toLowerCase());
}

/** The element schema of an array schema, if it is one. */
export function elementOf(schema: AnySchema): AnySchema | undefined {
  return shapeOf(schema).element;
}

/** A copy of `value` whose keys use the schema's spelling; unknown keys are kept as sent. */
export function canonicalKeys(value: unknown, schema: AnySchema): unknown {
  if (Array.isArray(value)) {
    const element = elementOf(schema);
    return element ? value.map((item) => canonicalKeys(item, element)) : value;
  }
  if (value === null || typeof value !== 'object') return value;
  const copy: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    const property = findProperty(schema, key);
    if (property) copy[property.name] = canonicalKeys(inner, property.schema);
    else copy[key] = inner;
  }
  return copy;
}

function shapeOf(schema: AnySchema): Shape {
  let shape = shapes.get(schema);
  if (!shape) {
    shape = describe(unwrap(schema));
    shapes.set(schema, shape);
  }
  return shape;
}

function describe(schema: AnySchema): Shape {
  if (schema instanceof z.ZodObject) {
    const entries = Object.entries(schema.shape as Record<string, AnySchema>);
    return {
      properties: new Map(
        entries.map(([key, property]) => [key.toLowerCase(), { name: key, schema: property }]),
      ),
    };
  }
  if (schema instanceof z.ZodArray) return { element: schema.element as AnySchema };
  return {};
}
