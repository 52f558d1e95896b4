/** A sample input made from a request schema (zod/mini): the least a valid request holds — every
 *  required field with a plain value of its type, no optional field. The tests use it for an
 *  operation that has no hand-written sample (test/unit/api.samples.ts), so adding an operation
 *  needs no new test line. The sample is checked against the schema: a field this walker cannot
 *  fill (a phone number, a date in a format of its own…) fails the check, and the test asks for a
 *  hand-written sample instead. */
import * as z from 'zod/mini';
import type { Schema } from '../../src/api/schemas/common';

/** The shape of a schema this walker reads (zod's own definition object). */
interface Def {
  type: string;
  shape?: Record<string, Schema>;
  element?: Schema;
  entries?: Record<string, string | number>;
  values?: readonly unknown[];
  options?: readonly Schema[];
  innerType?: Schema;
  in?: Schema;
  defaultValue?: unknown;
}
const defOf = (schema: Schema): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;
const isOptional = (schema: Schema): boolean =>
  (schema as unknown as { _zod: { optin?: string } })._zod.optin === 'optional';

/** The least value of one schema; undefined when it cannot make one. */
function valueOf(schema: Schema, depth = 0): unknown {
  if (depth > 20) return undefined;
  const def = defOf(schema);
  switch (def.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, field] of Object.entries(def.shape ?? {}))
        if (!isOptional(field)) out[key] = valueOf(field, depth + 1);
      return out;
    }
    case 'string':
      return 'sample';
    case 'number':
    case 'int':
      return 1;
    case 'boolean':
      return false;
    case 'enum':
      return Object.values(def.entries ?? {})[0];
    case 'literal':
      return def.values?.[0];
    case 'array':
      return def.element ? [valueOf(def.element, depth + 1)] : [];
    case 'union':
      return def.options?.length ? valueOf(def.options[0], depth + 1) : undefined;
    case 'nullable':
    case 'readonly':
    case 'nonoptional':
      return def.innerType ? valueOf(def.innerType, depth + 1) : undefined;
    case 'default':
    case 'prefault':
      return def.defaultValue;
    case 'pipe':
      return def.in ? valueOf(def.in, depth + 1) : undefined;
    case 'record':
      return {};
    default:
      return undefined;
  }
}

/** The least valid input of a request schema, or undefined when the schema asks for nothing
 *  (every field optional); throws when the value it makes does not pass the schema. */
export function sampleOf(schema: Schema | undefined, what: string): Record<string, unknown> | undefined {
  if (!schema) return undefined;
  const value = valueOf(schema) as Record<string, unknown> | undefined;
  if (value && typeof value === 'object' && Object.keys(value).length === 0) return undefined;
  const checked = z.safeParse(schema, value);
  if (!checked.success)
    throw new Error(`${what}: no sample can be made from its schema (${checked.error.issues[0]?.message}); write one`);
  return value;
}
