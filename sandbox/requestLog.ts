/** The log of requests the sandbox received (for test assertions), without Authorization or cookies. */
import type { IncomingHttpHeaders } from 'node:http';

export interface LoggedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body?: unknown;
  at: string;
}

const LIMIT = 5000;
const HIDDEN = new Set(['authorization', 'cookie', 'proxy-authorization']);

export class RequestLog {
  private entries: LoggedRequest[] = [];

  add(method: string, path: string, query: URLSearchParams, headers: IncomingHttpHeaders, body: unknown): void {
    const clean: Record<string, string> = {};
    for (const [k, v] of Object.entries(headers))
      if (!HIDDEN.has(k) && v !== undefined) clean[k] = Array.isArray(v) ? v.join(', ') : v;
    this.entries.push({
      method,
      path,
      query: Object.fromEntries(query),
      headers: clean,
      ...(body === undefined ? {} : { body }),
      at: new Date().toISOString(),
    });
    if (this.entries.length > LIMIT) this.entries.splice(0, this.entries.length - LIMIT);
  }

  list(): LoggedRequest[] {
    return [...this.entries];
  }

  clear(): void {
    this.entries = [];
  }
}
