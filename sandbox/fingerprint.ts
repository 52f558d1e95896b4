/** A hash of a request body that does not depend on the order of its keys (for Idempotency-Key). */
import { createHash } from 'node:crypto';
import { ApiError } from './http';

const MAX_DEPTH = 64;

export function bodyFingerprint(body: unknown): string {
  return createHash('sha256').update(canonical(body, 0)).digest('base64url');
}

function canonical(value: unknown, depth: number): string {
  if (depth > MAX_DEPTH)
    throw new ApiError(400, 'invalid_json', `The request body is nested more than ${MAX_DEPTH} levels deep.`);
  if (Array.isArray(value)) return `[${value.map((v) => canonical(v, depth + 1)).join(',')}]`;
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(o[k], depth + 1)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}
