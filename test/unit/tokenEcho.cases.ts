/** The echo cases of test/unit/auth.tokenEcho.test.ts (and of the reliability report): ways a
 *  server may echo the tokens the extension holds back into an error body, a path or a query. */
import type { IncomingMessage } from 'node:http';
import { ops } from '../../src/api/catalogue';
import type { KallyClient } from '../../src/api/client';

export interface Tokens {
  a: string;
  r: string;
}
export interface Answer {
  status: number;
  type: string;
  body: string;
}
export interface EchoCase {
  name: string;
  run: (client: KallyClient) => Promise<unknown>;
  answer: (t: Tokens, req: IncomingMessage) => Answer;
}

export const json = (status: number, value: unknown): Answer => ({
  status,
  type: 'application/json',
  body: JSON.stringify(value),
});
export const text = (status: number, body: string, type = 'text/plain'): Answer => ({ status, type, body });
export const lowerHex = (s: string) => encodeURIComponent(s).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase());
const getCall = (c: KallyClient) => c.execute(ops.calls.get, { path: { call_id: 'c_1' } });

/** 25 cases; `tokens()` is read when a case runs (for the cases that put a token in the request). */
export const echoCases = (tokens: () => Tokens): EchoCase[] => [
  {
    name: 'refresh token as a bare word in text',
    run: getCall,
    answer: (t) => text(400, `invalid refresh token ${t.r}`),
  },
  { name: 'access token as a bare word in text', run: getCall, answer: (t) => text(500, `token ${t.a} expired`) },
  {
    name: 'refresh token inside HTML',
    run: getCall,
    answer: (t) => text(502, `<html><body><p>Token ${t.r} was revoked</p></body></html>`, 'text/html'),
  },
  {
    name: 'error.message (refresh)',
    run: getCall,
    answer: (t) => json(400, { error: { code: 'invalid_grant', message: `refresh token ${t.r} already used` } }),
  },
  {
    name: 'error.message (access)',
    run: getCall,
    answer: (t) => json(403, { error: { code: 'forbidden', message: `scope missing for ${t.a}` } }),
  },
  {
    name: 'error.details.message',
    run: getCall,
    answer: (t) => json(404, { error: { code: 'call_not_found', details: { message: `no call for session ${t.r}` } } }),
  },
  {
    name: 'error.details.reason',
    run: getCall,
    answer: (t) => json(409, { error: { code: 'conflict', details: { reason: `held by ${t.a}` } } }),
  },
  {
    name: 'flat {error, message}',
    run: getCall,
    answer: (t) => json(400, { error: 'invalid_grant', message: `grant ${t.r} is dead` }),
  },
  {
    name: 'unknown code: the server words become the message',
    run: getCall,
    answer: (t) => json(400, { error: { code: 'weird_new_code', message: `cannot use ${t.r} with ${t.a}` } }),
  },
  {
    name: 'flat unknown code',
    run: getCall,
    answer: (t) => json(418, { error: 'token_revoked', message: `revoked: ${t.a}` }),
  },
  {
    name: 'FastAPI {detail: text}',
    run: getCall,
    answer: (t) => json(401, { detail: `Could not validate credentials ${t.a}` }),
  },
  {
    name: 'FastAPI 422 {detail: [{loc, msg}]}',
    run: getCall,
    answer: (t) =>
      json(422, { detail: [{ loc: ['body', 'refresh_token'], msg: `${t.r} is revoked`, type: 'value_error' }] }),
  },
  {
    name: 'FastAPI {detail: {code, message}}',
    run: getCall,
    answer: (t) => json(400, { detail: { code: 'token_revoked', message: t.r } }),
  },
  { name: 'JSON without an error key', run: getCall, answer: (t) => json(409, { message: `echo ${t.r}` }) },
  {
    name: 'URL-encoded in a message',
    run: getCall,
    answer: (t) =>
      json(400, {
        error: {
          code: 'bad_redirect',
          message: `https://app.test/cb?rt=${encodeURIComponent(t.r)}&at=${encodeURIComponent(t.a)}`,
        },
      }),
  },
  { name: 'URL-encoded with lower-case hex', run: getCall, answer: (t) => text(400, `cb?x=${lowerHex(t.r)}`) },
  {
    name: 'form-encoded in text',
    run: getCall,
    answer: (t) => text(400, new URLSearchParams({ grant: 'refresh', rt: t.r }).toString()),
  },
  {
    name: 'doubly URL-encoded',
    run: getCall,
    answer: (t) => text(400, `next=${encodeURIComponent(encodeURIComponent(t.r))}`),
  },
  {
    name: 'in a query string inside a message',
    run: getCall,
    answer: (t) => json(400, { error: { code: 'weird', message: `GET /v1/x?session=${t.a}&foo=1` } }),
  },
  { name: 'quoted and bracketed', run: getCall, answer: (t) => text(400, `token='${t.r}' [${t.a}] "${t.r}"`) },
  { name: 'on its own line', run: getCall, answer: (t) => text(500, `error\n${t.r}\n${t.a}\n`) },
  {
    name: 'JSON-escaped inside a JSON string',
    run: getCall,
    answer: (t) =>
      text(
        400,
        `{"error":{"code":"x_y","message":${JSON.stringify(JSON.stringify({ rt: t.r }))}}}`,
        'application/json',
      ),
  },
  {
    name: 'in the request path (log line) and echoed back',
    run: (c) => c.execute(ops.calls.get, { path: { call_id: tokens().r } }),
    answer: (_t, req) =>
      json(404, {
        error: { code: 'call_not_found', message: `No call with id ${decodeURIComponent(req.url!.split('/').pop()!)}` },
      }),
  },
  {
    name: 'in the request query (log line) and echoed back',
    run: (c) => c.execute(ops.coordination.history, { query: { conversation_id: tokens().a } }),
    answer: (_t, req) =>
      json(404, {
        error: {
          code: 'not_found',
          message: `unknown conversation ${new URL(req.url!, 'http://x').searchParams.get('conversation_id')}`,
        },
      }),
  },
  {
    name: 'in a typed message echoed back',
    run: (c) => c.execute(ops.coordination.message, { body: { message: `my token is ${tokens().r}` } }),
    answer: (t) => json(422, { error: { code: 'safety_violation_x', message: `refused: "my token is ${t.r}"` } }),
  },
];
