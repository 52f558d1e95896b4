/** Reads a successful response: text ops as { contentType, text }, empty bodies as {}, JSON
 *  parsed, bounded in depth and checked against the operation's schema. Anything else →
 *  'invalid_response'. */
import type { Operation, TextResponse } from './operation';
import { KallyApiError } from './errors';
import { describeIssue } from './validation/issues';
import { MAX_JSON_DEPTH, MAX_RESPONSE_BYTES, nestedDeeperThan } from './responseLimits';

export function readSuccessBody(op: Operation, response: Pick<Response, 'status' | 'headers'>, text: string): unknown {
  const { status } = response;
  const contentType = response.headers.get('content-type') ?? '';
  if (op.response === 'text') {
    const location = response.headers.get('location') ?? undefined;
    return (location ? { contentType, text, status, location } : { contentType, text, status }) satisfies TextResponse;
  }
  let value: unknown = {};
  if (status !== 204 && text.trim() !== '') {
    try {
      value = JSON.parse(text);
    } catch {
      const what = contentType ? `"${contentType.split(';')[0]}"` : 'text';
      throw new KallyApiError({
        code: 'invalid_response',
        status,
        message: `KallyAI's answer to "${op.summary}" could not be read: it sent ${what} that is not valid JSON.`,
      });
    }
  }
  if (nestedDeeperThan(value, MAX_JSON_DEPTH)) {
    throw new KallyApiError({
      code: 'invalid_response',
      status,
      message: `KallyAI's answer to "${op.summary}" could not be read: it is nested more than ${MAX_JSON_DEPTH} levels deep.`,
    });
  }
  if (op.response === 'empty') return value && typeof value === 'object' ? value : {};
  let result: ReturnType<typeof op.response.safeParse>;
  try {
    result = op.response.safeParse(value);
  } catch (cause) {
    // A schema must never turn an answer into a crash (a RangeError from recursion, a bug).
    throw new KallyApiError({
      code: 'invalid_response',
      status,
      message: `KallyAI's answer to "${op.summary}" could not be read.`,
      cause,
    });
  }
  if (result.success) return result.data;
  const { field, english } = describeIssue(result.error.issues, undefined);
  throw new KallyApiError({
    code: 'invalid_response',
    status,
    field: field || undefined,
    message: `KallyAI's answer to "${op.summary}" was not understood: ${english.replace(/^"/, 'field "')}`,
  });
}

/** The error for a success body over MAX_RESPONSE_BYTES (the client stops reading it). */
export function responseTooLarge(op: Operation, status: number): KallyApiError {
  return new KallyApiError({
    code: 'invalid_response',
    status,
    message: `KallyAI's answer to "${op.summary}" was not read: it is larger than ${MAX_RESPONSE_BYTES / 1024 / 1024} MB.`,
  });
}
