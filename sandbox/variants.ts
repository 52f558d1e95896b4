/** Serving every documented response variant (contract §5.9, §6, §7.1, §12) on demand — for every
 *  resource at once or for one resource alone — so that clients are tested against each.
 *
 *  A variant is a comma-separated list of settings, `dimension=value` (every resource) or
 *  `dimension.scope=value` (one scope; it wins over the unscoped setting):
 *  - `envelope` = `documented` | `items` | `bare`: a list answer under its documented key (§6),
 *    under `items` (other fields kept), or as a bare array. Scope: a list resource (listRoutes.ts).
 *  - `error` = `nested` | `details` | `flat` | `fastapi`: the error body (§7.1) as
 *    `{error:{code, message}}`, `{error:{code, details:{message}}}`, `{error:'code', message}` or
 *    `{detail:'message'}`; unset, each route keeps its own. Scope: any /v1 resource.
 *  - `unauthorized` = `missing_token` | `token_expired`: the code of a 401. Scope: any /v1 resource.
 *  - `connect` = `contract` | `pairing`: what `POST /v1/channels/webhook/{channel}/connect` does
 *    without credentials: connect at once and answer `{success, channel, account_name}` (§5.9, the
 *    default), or start a pairing the person finishes on a sandbox page. Scope: a channel.
 *  A resource is the path after /v1/ without its parameters, joined by dots (`calls`,
 *  `calls.transcript`, `inbound.calls.transcript`, `coordination.goals`); so
 *  `envelope.calls=items` serves a client that reads `items` for the call list and `entries` for
 *  transcripts, and `envelope=items,envelope.calls.transcript=documented` the reverse of that.
 *
 *  Set per run (`--variant`, `startSandbox({ variant })`, `POST /sandbox/variant`) and per request
 *  (the header `X-Sandbox-Variant`, same syntax), the header laid over the run's: an unscoped
 *  setting in the header replaces every setting of that dimension in the run's, scoped ones
 *  included; a scoped one replaces that scope only. Applied centrally to /v1 answers (server.ts),
 *  except `connect`, which the channels route reads from the request's variant. */
import type { ErrorShape, Reply } from './http';
import { LIST_ROUTES, resourceOf } from './listRoutes';

export const ENVELOPES = ['documented', 'items', 'bare'] as const;
export const ERROR_SHAPES = ['nested', 'details', 'flat', 'fastapi'] as const;
export const UNAUTHORIZED_CODES = ['missing_token', 'token_expired'] as const;
export const CONNECT_FLOWS = ['contract', 'pairing'] as const;

/** Each dimension and its values (the default first where there is one). */
export const DIMENSIONS = {
  envelope: ENVELOPES,
  error: ERROR_SHAPES,
  unauthorized: UNAUTHORIZED_CODES,
  connect: CONNECT_FLOWS,
} as const;
export type Dimension = keyof typeof DIMENSIONS;
export type ValueOf<D extends Dimension> = (typeof DIMENSIONS)[D][number];

/** The settings, spelled as in the text form: `{ envelope: 'items', 'envelope.calls.transcript': 'documented' }`. */
export type Variant = { [D in Dimension]?: ValueOf<D> } & { [D in Dimension as `${D}.${string}`]?: ValueOf<D> };

/** The scopes each dimension accepts (variantScopes.ts builds them from the routes). */
export type VariantScopes = { readonly [D in Dimension]: readonly string[] };

/** What a scope of each dimension is called in messages. */
const SCOPE_NOUN: Record<Dimension, string> = {
  envelope: 'list resource',
  error: 'resource',
  unauthorized: 'resource',
  connect: 'channel',
};

export class VariantError extends Error {}

export const VARIANT_HEADER = 'x-sandbox-variant';

const isDimension = (name: string): name is Dimension => Object.prototype.hasOwnProperty.call(DIMENSIONS, name);
const quoted = (s: string) => JSON.stringify(s.length > 60 ? `${s.slice(0, 60)}…` : s);

/** `envelope=items,envelope.calls.transcript=documented` → the settings; throws VariantError saying
 *  what is wrong. Scope names are checked when `scopes` is given. Linear in the text. */
export function parseVariant(text: string, scopes?: VariantScopes): Variant {
  const variant: Record<string, string> = {};
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const eq = part.indexOf('=');
    const name = (eq < 0 ? part : part.slice(0, eq)).trim();
    const value = eq < 0 ? '' : part.slice(eq + 1).trim();
    const dot = name.indexOf('.');
    const dimension = dot < 0 ? name : name.slice(0, dot);
    if (!isDimension(dimension))
      throw new VariantError(`unknown variant ${quoted(dimension)} (known: ${Object.keys(DIMENSIONS).join(', ')}).`);
    const choices: readonly string[] = DIMENSIONS[dimension];
    if (!choices.includes(value))
      throw new VariantError(`${name} must be one of ${choices.join(', ')} (got ${quoted(value)}).`);
    if (dot >= 0) {
      const scope = name.slice(dot + 1);
      const known = scopes?.[dimension];
      if (scope === '' || (known && !known.includes(scope))) {
        const hint = known && known.length <= 40 ? `known: ${known.join(', ')}` : 'GET /sandbox/variant lists them';
        throw new VariantError(`${dimension}.${scope}: no ${SCOPE_NOUN[dimension]} ${quoted(scope)} (${hint}).`);
      }
    }
    variant[name] = value;
  }
  return variant as Variant;
}

/** The text form of the settings (what parseVariant reads back). */
export function formatVariant(variant: Variant): string {
  return Object.entries(variant)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}

/** The settings checked as the text form would be (for the object form of `startSandbox({ variant })`). */
export function checkVariant(variant: Variant | string, scopes: VariantScopes): Variant {
  return parseVariant(typeof variant === 'string' ? variant : formatVariant(variant), scopes);
}

/** `top` laid over `base`: an unscoped setting in `top` drops `base`'s settings of that dimension, scoped ones included. */
export function overlay(base: Variant, top: Variant): Variant {
  const out: Record<string, string | undefined> = { ...base };
  for (const name of Object.keys(top)) {
    if (name.includes('.')) continue;
    for (const k of Object.keys(out)) if (k.startsWith(`${name}.`)) delete out[k];
  }
  return { ...out, ...top } as Variant;
}

/** The run's variant with the request's header on top; throws VariantError. */
export function requestVariant(run: Variant, header: string | string[] | undefined, scopes?: VariantScopes): Variant {
  const text = Array.isArray(header) ? header.join(',') : header;
  return text ? overlay(run, parseVariant(text, scopes)) : run;
}

/** The value of one dimension for one scope: the scoped setting, else the unscoped one, else undefined. */
export function settingFor<D extends Dimension>(
  variant: Variant,
  dimension: D,
  scope?: string,
): ValueOf<D> | undefined {
  const v = variant as Record<string, string | undefined>;
  return ((scope !== undefined ? v[`${dimension}.${scope}`] : undefined) ?? v[dimension]) as ValueOf<D> | undefined;
}

/** A success answer of a list route, re-enveloped as the variant asks for that route's resource. */
export function applyEnvelope(reply: Reply, routeKey: string, variant: Variant): Reply {
  const key = LIST_ROUTES[routeKey];
  if (!key) return reply;
  const envelope = settingFor(variant, 'envelope', resourceOf(routeKey)) ?? 'documented';
  const body = reply.body as Record<string, unknown> | undefined;
  if (
    envelope === 'documented' ||
    reply.status >= 300 ||
    !body ||
    typeof body !== 'object' ||
    Array.isArray(body) ||
    !Array.isArray(body[key])
  )
    return reply;
  if (envelope === 'bare') return { ...reply, body: body[key] };
  if (key === 'items') return reply;
  const { [key]: list, ...extra } = body;
  return { ...reply, body: { ...extra, items: list } };
}

/** The error body shape the variant asks for (for `resource`, when known); undefined keeps the route's own. */
export function errorShapeOf(variant: Variant, resource?: string): ErrorShape | undefined {
  const shape = settingFor(variant, 'error', resource);
  return shape && ({ nested: 'standard', details: 'mcp', flat: 'flat', fastapi: 'detail' } as const)[shape];
}

/** The code a 401 gets under the variant (for `resource`, when known); undefined keeps the cause's. */
export function unauthorizedCodeOf(variant: Variant, resource?: string): string | undefined {
  return settingFor(variant, 'unauthorized', resource);
}
