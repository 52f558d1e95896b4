/** Serving every documented variant (contract §6, §7.1, §12) on demand, so that clients are
 *  tested against each: list envelopes under their documented key, under `items`, or bare;
 *  error bodies nested (`error.message`), in `error.details.message`, flat (`{error: code,
 *  message}`) or FastAPI's `{detail}`; and the code of a 401 (`missing_token` or `token_expired`).
 *  Chosen per run (`--variant envelope=items,error=details`) and per request (the header
 *  `X-Sandbox-Variant: envelope=bare`, which wins), applied centrally to what /v1 answers. */
import type { ErrorShape, Reply } from './http';
import { LIST_ROUTES } from './listRoutes';

export const ENVELOPES = ['documented', 'items', 'bare'] as const;
export const ERROR_SHAPES = ['nested', 'details', 'flat', 'fastapi'] as const;
export const UNAUTHORIZED_CODES = ['missing_token', 'token_expired'] as const;

export interface Variant {
  envelope?: (typeof ENVELOPES)[number];
  error?: (typeof ERROR_SHAPES)[number];
  unauthorized?: (typeof UNAUTHORIZED_CODES)[number];
}

export class VariantError extends Error {}

const CHOICES: Record<keyof Variant, readonly string[]> = { envelope: ENVELOPES, error: ERROR_SHAPES, unauthorized: UNAUTHORIZED_CODES };
export const VARIANT_HEADER = 'x-sandbox-variant';

/** `envelope=items,error=details` → {envelope: 'items', error: 'details'}; throws VariantError. */
export function parseVariant(text: string): Variant {
  const variant: Record<string, string> = {};
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const [key, value] = part.split('=').map((s) => s.trim());
    const choices = CHOICES[key as keyof Variant];
    if (!choices) throw new VariantError(`unknown variant "${key}" (known: ${Object.keys(CHOICES).join(', ')}).`);
    if (!choices.includes(value)) throw new VariantError(`${key} must be one of ${choices.join(', ')} (got "${value ?? ''}").`);
    variant[key] = value;
  }
  return variant as Variant;
}

/** The run's variant with the request's header on top. */
export function requestVariant(run: Variant, header: string | string[] | undefined): Variant {
  const text = Array.isArray(header) ? header.join(',') : header;
  return text ? { ...run, ...parseVariant(text) } : run;
}

/** A success answer of a list route, re-enveloped as the variant asks. */
export function applyEnvelope(reply: Reply, routeKey: string, variant: Variant): Reply {
  const key = LIST_ROUTES[routeKey];
  const envelope = variant.envelope ?? 'documented';
  const body = reply.body as Record<string, unknown> | undefined;
  if (!key || envelope === 'documented' || reply.status >= 300 || !body || typeof body !== 'object' || Array.isArray(body) || !Array.isArray(body[key])) return reply;
  if (envelope === 'bare') return { ...reply, body: body[key] };
  if (key === 'items') return reply;
  const { [key]: list, ...extra } = body;
  return { ...reply, body: { ...extra, items: list } };
}

/** The error body shape the variant asks for; undefined keeps the route's own. */
export function errorShapeOf(variant: Variant): ErrorShape | undefined {
  return variant.error && ({ nested: 'standard', details: 'mcp', flat: 'flat', fastapi: 'detail' } as const)[variant.error];
}
