/** A tool's input: one flat object for the model, derived from the operation's own zod schemas
 *  (path parameters, query and body fields; one nested body object may be offered flat), and its
 *  way back into the operation's `{ path, query, body }`. No `vscode` import. */
import { checkPhoneNumber } from '../api/validation/phone';
import { inputJsonSchema } from '../pipeline/input/fields';
import type { PartialInput } from '../pipeline/operationRequest';
import { FULL_NUMBERS, type ToolSpec } from './toolSpec';

export interface JsonSchemaObject {
  type: 'object';
  properties: Record<string, Record<string, unknown>>;
  required?: string[];
  additionalProperties: false;
}

type Where = 'path' | 'query' | 'body' | 'unwrapped';

interface Shape {
  readonly schema: JsonSchemaObject;
  readonly where: ReadonlyMap<string, Where>;
}

type Json = {
  type?: unknown;
  properties?: Record<string, Json>;
  required?: string[];
  anyOf?: Json[];
  description?: string;
  [k: string]: unknown;
};

const shapes = new WeakMap<ToolSpec, Shape>();

/** The object schema of a body or query (the first variant of a union of objects). */
function objectSchema(json: Json | undefined): Json | undefined {
  if (!json) return undefined;
  if (json.properties) return json;
  return json.anyOf?.find((variant) => variant.properties);
}

function withoutMeta(prop: Json): Record<string, unknown> {
  const { $schema: _schema, ...rest } = prop as Record<string, unknown>;
  void _schema;
  return rest;
}

function shapeOf(spec: ToolSpec): Shape {
  let shape = shapes.get(spec);
  if (shape) return shape;
  const { op } = spec;
  const omit = new Set(spec.omit ?? []);
  const properties: Record<string, Record<string, unknown>> = {};
  const required: string[] = [];
  const where = new Map<string, Where>();
  const add = (name: string, prop: Record<string, unknown>, at: Where, isRequired: boolean) => {
    if (omit.has(name)) return;
    if (where.has(name)) throw new Error(`${spec.name}: the input property "${name}" appears twice`);
    const hint = spec.hints?.[name];
    properties[name] = hint ? { ...prop, description: hint } : prop;
    where.set(name, at);
    if (isRequired) required.push(name);
  };
  for (const name of op.pathParams) add(name, { type: 'string', minLength: 1 }, 'path', true);
  const query = objectSchema(op.query ? (inputJsonSchema(op.query) as Json) : undefined);
  for (const [name, prop] of Object.entries(query?.properties ?? {}))
    add(name, withoutMeta(prop), 'query', (query?.required ?? []).includes(name));
  const body = objectSchema(op.body ? (inputJsonSchema(op.body) as Json) : undefined);
  for (const [name, prop] of Object.entries(body?.properties ?? {})) {
    const isRequired = (body?.required ?? []).includes(name);
    if (name === spec.unwrap) {
      const inner = objectSchema(prop);
      for (const [innerName, innerProp] of Object.entries(inner?.properties ?? {})) {
        add(innerName, withoutMeta(innerProp), 'unwrapped', isRequired && (inner?.required ?? []).includes(innerName));
      }
      continue;
    }
    add(name, withoutMeta(prop), 'body', isRequired);
  }
  if (spec.mentionsNumbers) {
    // Not part of the operation: it only decides how the answer reads.
    properties[FULL_NUMBERS] = {
      type: 'boolean',
      description:
        'Show phone numbers in full. Set it only when the user asked for the numbers; otherwise they are masked.',
    };
  }
  shape = {
    schema: { type: 'object', properties, ...(required.length ? { required } : {}), additionalProperties: false },
    where,
  };
  shapes.set(spec, shape);
  return shape;
}

/** The input schema published in package.json (`contributes.languageModelTools`). */
export function toolInputSchema(spec: ToolSpec): JsonSchemaObject {
  return shapeOf(spec).schema;
}

/** A model's input, back in the operation's shape. Properties the tool does not know are kept in
 *  the body (the operation's strict schema refuses them with a clear message); phone numbers
 *  written nationally are read with the default country. */
export function toolRequest(
  spec: ToolSpec,
  given: unknown,
  defaultCountry: string,
): { input: PartialInput; fullNumbers: boolean } {
  const { where } = shapeOf(spec);
  const input = (given && typeof given === 'object' && !Array.isArray(given) ? given : {}) as Record<string, unknown>;
  const path: Record<string, string> = {};
  const query: Record<string, unknown> = {};
  const body: Record<string, unknown> = {};
  const unwrapped: Record<string, unknown> = {};
  for (const [name, raw] of Object.entries(input)) {
    if (name === FULL_NUMBERS || raw === undefined || raw === null) continue;
    const value = spec.phones?.includes(name) && typeof raw === 'string' ? normalisedPhone(raw, defaultCountry) : raw;
    switch (where.get(name) ?? 'body') {
      case 'path':
        path[name] = String(value);
        break;
      case 'query':
        query[name] = value;
        break;
      case 'unwrapped':
        unwrapped[name] = value;
        break;
      default:
        body[name] = value;
    }
  }
  if (spec.unwrap && Object.keys(unwrapped).length) body[spec.unwrap] = unwrapped;
  const out: PartialInput = {};
  if (Object.keys(path).length) out.path = path;
  if (Object.keys(query).length) out.query = query;
  if (Object.keys(body).length) out.body = body;
  return { input: out, fullNumbers: input[FULL_NUMBERS] === true };
}

function normalisedPhone(text: string, defaultCountry: string): string {
  // An email address (outreach targets) or anything that is not a number stays as written.
  if (!/^[\d\s()+.-]+$/.test(text.trim())) return text;
  const check = checkPhoneNumber(text, defaultCountry);
  return check.ok ? check.e164 : text;
}
