/** The fields of an operation's input, derived from its zod schemas (through their JSON Schema,
 *  the same one the chat tools publish), and the conversion of what a person typed into a value
 *  of the field's type. Validation is the schema's own, field by field. No `vscode` import. */
import * as z from 'zod/mini';
import type { Operation } from '../../api/operation';
import type { Schema } from '../../api/schemas/common';
import { checkPhoneNumber } from '../../api/validation/phone';
import { describeIssue, type InputIssue } from '../../api/validation/issues';
import type { FieldSpec, Presentation } from '../../presentation/entry';

export type FieldType = 'text' | 'number' | 'integer' | 'boolean' | 'choice' | 'list' | 'object';

export interface Field {
  readonly where: 'body' | 'query';
  readonly name: string;
  readonly type: FieldType;
  readonly required: boolean;
  readonly choices?: readonly string[];
  /** Length bounds for text, value bounds for numbers, item bounds for lists. */
  readonly min?: number;
  readonly max?: number;
  readonly spec?: FieldSpec;
}

type JsonSchema = {
  type?: string | string[];
  enum?: unknown[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  format?: string;
  description?: string;
};

const jsonSchemas = new WeakMap<Schema, JsonSchema>();

/** The JSON Schema of what a caller sends (zod's own conversion; refinements such as the phone
 *  check are not representable and stay in zod). */
export function inputJsonSchema(schema: Schema): JsonSchema {
  let s = jsonSchemas.get(schema);
  if (!s) {
    s = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
    jsonSchemas.set(schema, s);
  }
  return s;
}

/** The body and query fields of an operation, in the presentation's order (then the schema's). */
export function fieldsOf(op: Operation, presentation?: Pick<Presentation, 'fields' | 'ask'>): Field[] {
  const out: Field[] = [];
  for (const where of ['body', 'query'] as const) {
    const schema = op[where];
    if (!schema) continue;
    const json = inputJsonSchema(schema);
    const required = new Set(json.required ?? []);
    for (const [name, prop] of Object.entries(json.properties ?? {})) {
      out.push({ where, name, required: required.has(name), spec: presentation?.fields?.[name], ...typeOf(prop) });
    }
  }
  const order = [...Object.keys(presentation?.fields ?? {}), ...(presentation?.ask ?? [])];
  const rank = (f: Field) => {
    const i = order.indexOf(f.name);
    return i < 0 ? order.length + (f.required ? 0 : 1) : i;
  };
  return out
    .map((f, i) => ({ f, i }))
    .sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i)
    .map(({ f }) => f);
}

function typeOf(prop: JsonSchema): Pick<Field, 'type' | 'choices' | 'min' | 'max'> {
  if (prop.anyOf?.length) {
    // e.g. cc: an address or a list of addresses → a list.
    const list = prop.anyOf.find((p) => p.type === 'array');
    return list ? typeOf(list) : typeOf(prop.anyOf[0]);
  }
  if (prop.enum) return { type: 'choice', choices: prop.enum.map(String) };
  switch (prop.type) {
    case 'integer':
      return { type: 'integer', min: prop.minimum, max: prop.maximum };
    case 'number':
      return { type: 'number', min: prop.minimum, max: prop.maximum };
    case 'boolean':
      return { type: 'boolean' };
    case 'array':
      return { type: 'list', min: prop.minItems, max: prop.maxItems, choices: prop.items?.enum?.map(String) };
    case 'object':
      return { type: 'object' };
    default:
      return { type: 'text', min: prop.minLength, max: prop.maxLength };
  }
}

export type Converted = { ok: true; value: unknown } | { ok: false; message: { template: string; args: string[] } };

/** What a person typed, as the field's value: '' is "not given" (undefined); numbers, yes/no,
 *  comma-separated lists and JSON objects are parsed; phone numbers are normalised to E.164. */
export function convertTyped(field: Field, typed: string, defaultCountry?: string): Converted {
  const text = typed.trim();
  if (text === '') return { ok: true, value: undefined };
  switch (field.type) {
    case 'integer':
    case 'number': {
      const n = Number(text.replace(',', '.'));
      if (!Number.isFinite(n) || (field.type === 'integer' && !Number.isInteger(n))) {
        return {
          ok: false,
          message:
            field.type === 'integer'
              ? { template: 'Enter a whole number.', args: [] }
              : { template: 'Enter a number.', args: [] },
        };
      }
      return { ok: true, value: n };
    }
    case 'boolean':
      return { ok: true, value: /^(y|yes|true|1|sí|si)$/i.test(text) };
    case 'list':
      return {
        ok: true,
        value: text
          .split(/[,\n;]+/)
          .map((s) => s.trim())
          .filter(Boolean),
      };
    case 'object':
      try {
        const value = JSON.parse(text) as unknown;
        if (!value || typeof value !== 'object' || Array.isArray(value))
          return { ok: false, message: { template: 'Enter a JSON object, e.g. {0}.', args: ['{"caller_vip": true}'] } };
        return { ok: true, value };
      } catch {
        return { ok: false, message: { template: 'Enter a JSON object, e.g. {0}.', args: ['{"caller_vip": true}'] } };
      }
    default:
      return field.spec?.phone ? readPhone(text, defaultCountry) : { ok: true, value: text };
  }
}

/** The phone field: a typed number as the number dialled (E.164, a string), or why it cannot be
 *  called. The one check of a number a person types (the call wizard, the editors, the asks). */
export function readPhone(typed: string, defaultCountry?: string): Converted {
  const check = checkPhoneNumber(typed, defaultCountry);
  return check.ok
    ? { ok: true, value: check.e164 }
    : { ok: false, message: { template: check.template, args: check.args } };
}

/** Checks one field against the operation's schema, with the other values known so far; issues
 *  about other (not yet asked) fields are ignored. */
export function validateField(
  op: Operation,
  field: Field,
  value: unknown,
  known: Record<string, unknown>,
): InputIssue | undefined {
  const schema = op[field.where];
  if (!schema) return undefined;
  const candidate = { ...known, [field.name]: value };
  if (value === undefined) delete candidate[field.name];
  const result = schema.safeParse(candidate);
  if (result.success) return undefined;
  const mine = result.error.issues.filter(
    (i) => i.path[0] === field.name || (i.code === 'invalid_union' && i.path.length === 0),
  );
  const own = mine.filter((i) => i.path[0] === field.name);
  if (own.length === 0) return undefined;
  return describeIssue(own, undefined);
}
