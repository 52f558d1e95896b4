/** What the client reads of an answer is bounded: a huge or endless error body is cut after a few
 *  KB and the connection let go. Against hostile local servers (node:http on 127.0.0.1). */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ops } from '../../src/api/catalogue';
import { KallyClient } from '../../src/api/client';
import { KallyApiError } from '../../src/api/errors';
import { hostileServer, stream } from './hostile.helpers';

const token = { getToken: async () => 'tok_test_abcdefghijklmnop', refreshAfterUnauthorized: async () => undefined };
const clientOf = (url: string) => new KallyClient({ baseUrl: url, tokenSource: token, retry: { retries: 0 }, timeoutMs: 10_000 });

async function failure(p: Promise<unknown>): Promise<KallyApiError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof KallyApiError, `expected KallyApiError, got ${e}`);
    return e;
  }
  return assert.fail('expected a failure');
}

describe('bounded error bodies', () => {
  it('a 200 KB "<<<…" 502 body becomes http_502 well under a second', async () => {
    const server = await hostileServer((_req, res) => {
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end('<'.repeat(200_000));
    });
    try {
      const started = performance.now();
      const e = await failure(clientOf(server.url).execute(ops.calls.list));
      const ms = performance.now() - started;
      assert.equal(e.code, 'http_502');
      assert.ok(ms < 1000, `took ${Math.round(ms)} ms`);
    } finally {
      await server.close();
    }
  });

  it('an endless error body is cut after a few KB and the connection let go', async () => {
    const server = await hostileServer((_req, res) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      stream(res, 'x'.repeat(16 * 1024), 2_000_000_000);
    });
    try {
      const started = performance.now();
      const e = await failure(clientOf(server.url).execute(ops.calls.list));
      assert.equal(e.code, 'http_500');
      assert.ok(performance.now() - started < 2000, 'answered at once, not after the server gave up');
      assert.ok((e.serverMessage ?? '').length <= 300);
      await new Promise((r) => setTimeout(r, 100));
      assert.ok(server.bytesWritten() < 64 * 1024 * 1024, `server wrote ${server.bytesWritten()} bytes`);
    } finally {
      await server.close();
    }
  });
});
