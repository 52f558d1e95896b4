/** The shape of one catalogue entry, the builder that fills in derived fields and default
 *  flags, and the types that give `KallyClient.execute` typed input and output. */
import type * as z from 'zod/mini';
import type { Schema } from './schemas/common';
import type { CostKey, EstimateType, Resource } from './resources';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type ResponseKind = Schema | 'text' | 'empty';

export interface Operation<
  P extends string = string,
  Q extends Schema | undefined = Schema | undefined,
  B extends Schema | undefined = Schema | undefined,
  R extends ResponseKind = ResponseKind,
> {
  /** 'calls.create' */
  id: string;
  domain: string;
  name: string;
  method: HttpMethod;
  /** '/v1/calls/{call_id}' */
  path: P;
  pathParams: readonly string[];
  query?: Q;
  body?: B;
  bodyEncoding?: 'json' | 'form';
  /** A schema for JSON, 'text' for non-JSON bodies (returned as { contentType, text }), 'empty' for no body. */
  response: R;
  auth: 'bearer' | 'none';
  /** Spends the user's credits. */
  costsCredits: boolean;
  /** Dials or emails a third party. */
  contactsPeople: boolean;
  /** Cannot be undone (release a number, cancel, delete, send). */
  irreversible: boolean;
  /** Safe to retry automatically. */
  idempotent: boolean;
  /** A creating POST: always sends an Idempotency-Key and is retried only with the same key. */
  creates?: boolean;
  /** Runs for minutes (POST /v1/calls blocks until the phone call ends): uses longTimeoutMs. */
  longRunning?: boolean;
  /** The data it changes on the server: the views showing it refresh afterwards (empty for reads). */
  changes: readonly Resource[];
  /** Changes nothing: a GET without flags or `changes`, or a POST declared `reads` (an estimate).
   *  Derived here, once, for every operation: only these run for an agent without a confirmation. */
  readOnly: boolean;
  /** Declared to only read although not a GET (OperationSpec.reads). */
  reads?: true;
  /** The POST /v1/goals/estimate type of the work it does, if the contract has one. */
  estimate?: EstimateType;
  /** The GET /v1/credits/costs entry it is charged by, if any: what its consent names. */
  cost?: CostKey;
  summary: string;
}

/** An entry as written in src/api/catalogue/<domain>.ts; the rest is derived. */
export interface OperationSpec<
  P extends string,
  Q extends Schema | undefined,
  B extends Schema | undefined,
  R extends ResponseKind,
> {
  method: HttpMethod;
  path: P;
  query?: Q;
  body?: B;
  bodyEncoding?: 'json' | 'form';
  response: R;
  auth?: 'bearer' | 'none';
  costsCredits?: boolean;
  contactsPeople?: boolean;
  irreversible?: boolean;
  /** Default: true for GET and PUT, false otherwise. */
  idempotent?: boolean;
  creates?: boolean;
  longRunning?: boolean;
  changes?: readonly Resource[];
  /** A POST that only computes an answer and changes nothing on the server (POST
   *  /v1/goals/estimate): read-only like a GET. Not allowed with a flag or `changes`. */
  reads?: true;
  estimate?: EstimateType;
  cost?: CostKey;
  summary: string;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnySpec = OperationSpec<string, any, any, any>;
type OperationOf<S> = S extends OperationSpec<infer P, infer Q, infer B, infer R> ? Operation<P, Q, B, R> : never;

/** Turns a domain's specs into operations: id `domain.name`, path params from `{braces}`, default
 *  flags, and `readOnly` — the one place it is decided (a `reads` spec that also declares a flag or
 *  a change is a contradiction, refused as the catalogue loads). */
export function defineDomain<const T extends Record<string, AnySpec>>(
  domain: string,
  specs: T,
): { [K in keyof T]: OperationOf<T[K]> } {
  const out: Record<string, Operation> = {};
  for (const [name, spec] of Object.entries(specs)) {
    const flagged = spec.costsCredits === true || spec.contactsPeople === true || spec.irreversible === true;
    const changes = spec.changes ?? [];
    if (spec.reads && (flagged || changes.length > 0 || spec.creates))
      throw new Error(`${domain}.${name}: an operation that only reads has no flags and changes nothing`);
    out[name] = {
      id: `${domain}.${name}`,
      domain,
      name,
      pathParams: [...spec.path.matchAll(/\{([^{}]+)\}/g)].map((m) => m[1]),
      ...spec,
      auth: spec.auth ?? 'bearer',
      costsCredits: spec.costsCredits ?? false,
      contactsPeople: spec.contactsPeople ?? false,
      irreversible: spec.irreversible ?? false,
      idempotent: spec.idempotent ?? (spec.method === 'GET' || spec.method === 'PUT'),
      changes,
      readOnly: isReadOnly(spec.method, flagged, changes, spec.reads === true),
    };
  }
  return out as { [K in keyof T]: OperationOf<T[K]> };
}

/** Read-only: nothing flagged, nothing changed, and a GET (or a POST declared to only read). */
export function isReadOnly(
  method: HttpMethod,
  flagged: boolean,
  changes: readonly Resource[],
  reads: boolean,
): boolean {
  return !flagged && changes.length === 0 && (method === 'GET' || reads);
}

/** `'/v1/calls/{call_id}/x/{y}'` → `'call_id' | 'y'`. */
export type PathParamsOf<P extends string> = P extends `${string}{${infer Name}}${infer Rest}`
  ? Name | PathParamsOf<Rest>
  : never;

export type InputOf<O> =
  O extends Operation<infer P, infer Q, infer B, ResponseKind>
    ? {
        path?: [PathParamsOf<P>] extends [never] ? Record<string, never> : Record<PathParamsOf<P>, string>;
        query?: Q extends Schema ? z.input<Q> : never;
        body?: B extends Schema ? z.input<B> : never;
      }
    : never;

/** A non-JSON answer (calendar.ics, HTML pages). Redirects are not followed: `location` says where they point. */
export interface TextResponse {
  contentType: string;
  text: string;
  status?: number;
  location?: string;
}

export type OutputOf<O> =
  O extends Operation<string, Schema | undefined, Schema | undefined, infer R>
    ? R extends 'text'
      ? TextResponse
      : R extends 'empty'
        ? Record<string, unknown>
        : R extends Schema
          ? z.output<R>
          : never
    : never;
