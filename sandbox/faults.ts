/** Fault injection for tests: latency, error status (+code, Retry-After), dropped connection, malformed body. */
import { randomUUID } from 'node:crypto';

export interface FaultSpec {
  path: string;
  method?: string;
  count?: number;
  latencyMs?: number;
  status?: number;
  code?: string;
  retryAfter?: number;
  drop?: boolean;
  malformed?: boolean;
}

export interface Fault extends FaultSpec {
  id: string;
  remaining: number;
  matcher: RegExp;
}

/** '^/v1/calls$' is a regex; '/v1/calls/*' (a '*' and no other regex syntax) is a glob where * is one segment and ** anything. */
export function pathMatcher(pattern: string): RegExp {
  const looksLikeGlob = pattern.includes('*') && !/[\^$()[\]{}\\+?|]/.test(pattern) && !pattern.includes('.*');
  if (!looksLikeGlob) return new RegExp(pattern);
  const source = pattern
    .split(/(\*\*|\*)/)
    .map((part) => (part === '**' ? '.*' : part === '*' ? '[^/]*' : part.replace(/[.*+?^$()[\]{}|\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`);
}

export function defaultFaultCode(status: number): string {
  return ({ 400: 'bad_request', 401: 'token_expired', 402: 'quota_exceeded', 403: 'forbidden', 404: 'not_found', 409: 'conflict', 422: 'validation_error', 429: 'rate_limited', 500: 'internal_error', 502: 'bad_gateway', 503: 'service_unavailable', 504: 'gateway_timeout' } as Record<number, string>)[status] ?? `http_${status}`;
}

export class FaultList {
  private faults: Fault[] = [];

  add(spec: FaultSpec): Fault {
    if (typeof spec.path !== 'string' || spec.path === '') throw new Error('path is required');
    const fault: Fault = { ...spec, id: randomUUID(), remaining: spec.count ?? 1, matcher: pathMatcher(spec.path) };
    this.faults.push(fault);
    return fault;
  }

  clear(): void {
    this.faults = [];
  }

  list(): Fault[] {
    return [...this.faults];
  }

  /** The first fault that applies to this request, consuming one of its uses. */
  take(method: string, path: string): Fault | undefined {
    const fault = this.faults.find((f) => (!f.method || f.method.toUpperCase() === method) && f.matcher.test(path));
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.faults = this.faults.filter((f) => f !== fault);
    return fault;
  }
}
