/** How much of an answer the client reads, and the reader that enforces it: a body is read
 *  chunk by chunk and never past its cap, so a huge or endless answer costs a bounded amount of
 *  memory and time. Past the cap an error body is cut (a few KB say all a person needs); a
 *  success body is refused, and in both cases the rest of the stream is cancelled, which lets
 *  go of the connection. Parsed JSON is also bounded in depth. */

/** What is read (and parsed) of an error body: enough for a server message of 20,000 characters
 *  in its JSON (a cut body loses its code: a long hostile message must not hide what went wrong),
 *  still bounded work whatever arrives. */
export const MAX_ERROR_BODY_BYTES = 64 * 1024;
/** The largest success body accepted (JSON lists of 200 calls are ~100 KB). */
export const MAX_RESPONSE_BYTES = 20 * 1024 * 1024;
/** The deepest nesting of JSON arrays and objects accepted (real answers nest < 10; a goal tree
 *  takes two per level, so this allows sub-goals 31 levels deep). Schemas and the views that
 *  render unknown JSON recurse: deeper input would end in a RangeError instead of an error. */
export const MAX_JSON_DEPTH = 64;

export interface LimitedText {
  text: string;
  /** True when the body went on past `maxBytes` (only the first `maxBytes` are in `text`). */
  truncated: boolean;
}

/** Reads at most `maxBytes` of the body as UTF-8 and cancels the rest. Network errors and
 *  aborts (timeout, cancellation) propagate to the caller. */
export async function readLimitedText(response: Pick<Response, 'body'>, maxBytes: number): Promise<LimitedText> {
  const body = response.body;
  if (!body) return { text: '', truncated: false };
  const reader = body.getReader();
  const decoder = new TextDecoder('utf-8');
  let text = '';
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return { text: text + decoder.decode(), truncated: false };
      const room = maxBytes - size;
      if (value.byteLength > room) {
        text += decoder.decode(value.subarray(0, room));
        await reader.cancel().catch(() => undefined);
        return { text, truncated: true };
      }
      size += value.byteLength;
      text += decoder.decode(value, { stream: true });
    }
  } finally {
    reader.releaseLock();
  }
}

/** True when the server announced a body longer than `maxBytes`. */
export function declaredTooLarge(response: Pick<Response, 'headers'>, maxBytes: number): boolean {
  const declared = response.headers.get('content-length');
  return declared !== null && Number(declared) > maxBytes;
}

/** True when `value` nests arrays/objects more than `max` levels deep (checked without recursion). */
export function nestedDeeperThan(value: unknown, max: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (!node || typeof node !== 'object') continue;
    if (depth > max) return true;
    for (const child of Array.isArray(node) ? node : Object.values(node)) {
      if (child && typeof child === 'object') stack.push([child, depth + 1]);
    }
  }
  return false;
}
