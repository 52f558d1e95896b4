/** Validates an operation's input against its schemas and turns it into URL and body,
 *  before any network I/O. Invalid input throws KallyApiError 'invalid_input'. */
import type { Operation } from './operation';
import type { Schema } from './schemas/common';
import { KallyApiError } from './errors';
import { describeIssue, type InputIssue } from './validation/issues';

export interface OperationInput {
  path?: Record<string, unknown>;
  query?: unknown;
  body?: unknown;
}
declare const prepared: unique symbol;
/** A request checked against its operation's schemas: only `prepareRequest` makes one, so a
 *  request handed to the client ready-made has still been validated. */
export interface PreparedRequest {
  readonly pathAndQuery: string;
  readonly body?: string;
  readonly contentType?: string;
  readonly [prepared]: true;
}

/** Validates and builds the request; exported for the UI, which validates field by field as the user types. */
export function prepareRequest(op: Operation, input: OperationInput = {}): PreparedRequest {
  let path = op.path as string;
  for (const name of op.pathParams) {
    const value = input.path?.[name];
    if ((typeof value !== 'string' && typeof value !== 'number') || String(value).trim() === '') {
      throw invalid({ field: name, kind: 'required', english: `"${name}" is required.` });
    }
    path = path.replace(`{${name}}`, encodeURIComponent(String(value)));
  }

  const query = op.query ? validate(op.query, input.query ?? {}, undefined) : rejectUnexpected(input.query, 'query');
  const search = toSearchParams(query).toString();

  let body: string | undefined;
  let contentType: string | undefined;
  if (op.body) {
    const value = validate(op.body, input.body ?? {}, undefined);
    if (op.bodyEncoding === 'form') {
      body = toSearchParams(value).toString();
      contentType = 'application/x-www-form-urlencoded';
    } else {
      body = JSON.stringify(value);
      contentType = 'application/json';
    }
  } else {
    rejectUnexpected(input.body, 'body');
  }
  return { pathAndQuery: search ? `${path}?${search}` : path, body, contentType } as PreparedRequest;
}

function validate(schema: Schema, value: unknown, prefix: string | undefined): unknown {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw invalid(describeIssue(result.error.issues, prefix));
}

function rejectUnexpected(value: unknown, what: string): undefined {
  if (value !== undefined && !(typeof value === 'object' && value !== null && Object.keys(value).length === 0)) {
    throw invalid({
      field: what,
      kind: 'unknown_fields',
      values: Object.keys(value as object),
      english: `This request takes no ${what}.`,
    });
  }
  return undefined;
}

function invalid(issue: InputIssue): KallyApiError {
  return new KallyApiError({ code: 'invalid_input', status: 0, issue, message: issue.english });
}

function toSearchParams(value: unknown): URLSearchParams {
  const params = new URLSearchParams();
  if (!value || typeof value !== 'object') return params;
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (v === undefined || v === null) continue;
    for (const item of Array.isArray(v) ? v : [v]) params.append(key, String(item));
  }
  return params;
}
