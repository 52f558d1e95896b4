/** Malformed and hostile responses that crash or hang a caller (target 0): every list operation
 *  of the catalogue against a hostile local server (node:http on 127.0.0.1) that answers with
 *  truncated JSON, wrong types, a 25 MB body, 100,000 levels of nesting, a slow drip that never
 *  ends, the wrong content type, an empty body, `null`, binary garbage, or a reset mid-body;
 *  and a goal tree nested 3,000 levels deep (it used to end in a RangeError).
 *  A case fails when the call does not settle (hang) or settles with anything but a result of
 *  the right shape or a KallyApiError (crash). */
import { allOperations, ops, type Operation } from '../../src/api';
import { KallyClient } from '../../src/api/client';
import { KallyApiError } from '../../src/api/errors';
import { listKeyOf } from '../../src/api/schemas/common';
import { hostileServer, stream } from '../../test/unit/hostile.helpers';
import type { ServerResponse } from 'node:http';
import { total, within, type Section, type SectionRow } from './section';

type Answer = (res: ServerResponse, key: string) => void;
const json = (res: ServerResponse, body: string, type = 'application/json') => {
  res.writeHead(200, { 'content-type': type });
  res.end(body);
};

const HOSTILE: Record<string, Answer> = {
  'truncated JSON': (res, key) => json(res, `{"${key}":[{"id":"1","status":"ok"},{"id":`),
  'wrong types': (res, key) => json(res, `{"${key}":{"0":{"id":1}},"total":"many"}`),
  'list of wrong items': (res, key) => json(res, `{"${key}":[1,"two",null,[3]]}`),
  'huge body (25 MB)': (res, key) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write(`{"${key}":[{"id":"0"}`);
    stream(res, `,{"id":"x","note":"${'x'.repeat(200)}"}`, 25 * 1024 * 1024, ']}');
  },
  'deep nesting (100,000)': (res, key) => json(res, `{"${key}":[${'['.repeat(100_000)}${']'.repeat(100_000)}]}`),
  'slow drip': (res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write('{');
    const timer = setInterval(() => (res.destroyed ? clearInterval(timer) : res.write(' ')), 50);
    res.on('close', () => clearInterval(timer));
  },
  'wrong content type (HTML page)': (res) =>
    json(res, '<!doctype html><html><body><h1>Welcome</h1><script>alert(1)</script></body></html>', 'text/html'),
  'empty body': (res) => json(res, ''),
  null: (res) => json(res, 'null'),
  'binary garbage': (res) =>
    json(
      res,
      String.fromCharCode(...Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)),
      'application/octet-stream',
    ),
  'reset mid-body': (res, key) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100000' });
    res.write(`{"${key}":[{"id":"1"}`);
    setTimeout(() => res.socket?.destroy(), 20);
  },
};

/** What a list operation needs to pass local validation (the hostile server ignores it). */
function inputFor(op: Operation): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  if (op.pathParams.length) input.path = Object.fromEntries(op.pathParams.map((p) => [p, 'x1']));
  if (op.body) input.body = { query: 'pizza near me' };
  return input;
}

export const hostileResponses: Section = {
  name: 'malformed and hostile responses that crash or hang a caller',
  async run() {
    let answer: Answer = (res) => json(res, '{}');
    let key = '';
    const server = await hostileServer((req, res) => {
      req.resume();
      answer(res, key);
    });
    const client = new KallyClient({
      baseUrl: server.url,
      tokenSource: { getToken: async () => 'tok_reliability', refreshAfterUnauthorized: async () => undefined },
      retry: { retries: 0 },
      timeoutMs: 400,
    });
    const listOps = allOperations.filter((op) => listKeyOf(op.response));
    const rows: SectionRow[] = [];
    const examples: string[] = [];
    try {
      for (const [kind, hostile] of Object.entries(HOSTILE)) {
        const row: SectionRow = { figure: `${kind} × ${listOps.length} list operations`, cases: 0, failures: 0 };
        for (const op of listOps) {
          key = listKeyOf(op.response)!;
          answer = hostile;
          const outcome = await within(5000, client.execute(op, inputFor(op) as never));
          row.cases++;
          let problem: string | undefined;
          if (!outcome.settled) problem = 'hang';
          else if (outcome.error !== undefined && !(outcome.error instanceof KallyApiError))
            problem = `crash: ${String(outcome.error)}`;
          else if (
            outcome.error === undefined &&
            !Array.isArray((outcome.value as Record<string, unknown> | undefined)?.[key])
          )
            problem = 'a result without its list';
          if (problem) {
            row.failures++;
            examples.push(`${kind} / ${op.id}: ${problem}`);
          }
        }
        rows.push(row);
      }
      // Not a list, but the answer that used to crash a caller: a goal tree nested 3,000 deep.
      const deepTree = { figure: 'goal tree nested 3,000 deep × coordination.goalTree', cases: 1, failures: 0 };
      let tree = '{"goal":{"id":"leaf"},"sub_goals":[]}';
      for (let i = 0; i < 3000; i++) tree = `{"goal":{"id":"g${i}"},"sub_goals":[${tree}]}`;
      answer = (res) => json(res, tree);
      const outcome = await within(5000, client.execute(ops.coordination.goalTree, { path: { id: 'g1' } }));
      if (!outcome.settled || (outcome.error !== undefined && !(outcome.error instanceof KallyApiError))) {
        deepTree.failures++;
        examples.push(`deep goal tree: ${outcome.settled ? `crash: ${String(outcome.error)}` : 'hang'}`);
      }
      rows.push(deepTree);
      return total(rows, examples);
    } finally {
      await server.close();
    }
  },
};
