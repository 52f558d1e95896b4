/** What the client reads of an answer is bounded: a huge or endless error body is cut after a few
 *  KB and the connection let go; a success body over 20 MB is refused as soon as it passes the
 *  cap (or at once when Content-Length says so); JSON nested deeper than 64 levels (a goal tree
 *  3,000 levels deep) is refused as invalid_response instead of blowing the stack. Against
 *  hostile local servers (node:http on 127.0.0.1). */
import { describe, it } from 'node:test';
import type { ServerResponse } from 'node:http';
import assert from 'node:assert/strict';
import { ops } from '../../src/api/catalogue';
import { KallyClient } from '../../src/api/client';
import { failure } from './api.helpers';
import { hostileServer, stream } from './hostile.helpers';

const token = { getToken: async () => 'tok_test_abcdefghijklmnop', refreshAfterUnauthorized: async () => undefined };
// A generous attempt timeout: streaming 20 MB on a busy machine takes long, and what these tests
// check is what is refused and how much was sent, not how fast (the unit layer's ceiling catches a hang).
const clientOf = (url: string) =>
  new KallyClient({ baseUrl: url, tokenSource: token, retry: { retries: 0 }, timeoutMs: 100_000 });

describe('bounded error bodies', () => {
  // How long these take is a figure of `npm run reliability` ("answers later than their time
  // limit"); here what is checked is what the client answers and how much it let the server send.
  it('a 200 KB "<<<…" 502 body becomes http_502', async () => {
    const server = await hostileServer((_req, res) => {
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end('<'.repeat(200_000));
    });
    try {
      const e = await failure(clientOf(server.url).execute(ops.calls.list));
      assert.equal(e.code, 'http_502');
      assert.ok((e.serverMessage ?? '').length <= 300, 'what is kept of the body stays short');
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
      const e = await failure(clientOf(server.url).execute(ops.calls.list));
      assert.equal(e.code, 'http_500');
      assert.ok((e.serverMessage ?? '').length <= 300);
      // Answered once a few KB were read, not after the server gave up: the server stopped writing
      // because the client let go (had it read on, the server would have written its 2 GB).
      await server.released();
      assert.ok(server.bytesWritten() < 64 * 1024 * 1024, `server wrote ${server.bytesWritten()} bytes`);
    } finally {
      await server.close();
    }
  });
});

/** Streams `{"calls":[{…},{…},…]}` of about `totalBytes`, valid JSON to the end. */
function streamCallList(res: ServerResponse, totalBytes: number): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.write('{"calls":[{"call_id":"c0","status":"success"}');
  stream(res, `,{"call_id":"c1","status":"success","highlights":"${'x'.repeat(200)}"}`, totalBytes, ']}');
}

describe('bounded success bodies', () => {
  it('a 300 MB JSON list is refused after 20 MB as invalid_response, and the rest is never sent', async () => {
    const server = await hostileServer((_req, res) => streamCallList(res, 300 * 1024 * 1024));
    try {
      const e = await failure(clientOf(server.url).execute(ops.calls.list));
      assert.equal(e.code, 'invalid_response');
      assert.match(e.message, /larger than 20 MB/);
      await server.released();
      assert.ok(
        server.bytesWritten() < 100 * 1024 * 1024,
        `server wrote ${Math.round(server.bytesWritten() / 1048576)} MB`,
      );
    } finally {
      await server.close();
    }
  });

  it('a Content-Length over 20 MB is refused before the body is read', async () => {
    const server = await hostileServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(300 * 1024 * 1024) });
      stream(res, '{"calls":[' + ' '.repeat(65_536), 300 * 1024 * 1024);
    });
    try {
      const e = await failure(clientOf(server.url).execute(ops.calls.list));
      assert.equal(e.code, 'invalid_response');
      assert.match(e.message, /larger than 20 MB/);
      // Refused before the body is read: the server wrote no more than the connection's buffers
      // hold (a client reading up to the 20 MB cap would have made it write more than 20 MB).
      await server.released();
      assert.ok(
        server.bytesWritten() < 20 * 1024 * 1024,
        `server wrote ${Math.round(server.bytesWritten() / 1048576)} MB`,
      );
    } finally {
      await server.close();
    }
  });

  it('a body just under the cap is still read', async () => {
    const server = await hostileServer((_req, res) => streamCallList(res, 5 * 1024 * 1024));
    try {
      const list = await clientOf(server.url).execute(ops.calls.list);
      assert.ok(list.calls.length > 10_000);
    } finally {
      await server.close();
    }
  });
});

describe('bounded nesting', () => {
  function nestedTree(levels: number): string {
    let tree = '{"goal":{"id":"leaf"},"sub_goals":[]}';
    for (let i = 0; i < levels; i++) tree = `{"goal":{"id":"g${i}"},"sub_goals":[${tree}]}`;
    return tree;
  }

  it('a goal tree nested 3,000 levels deep is invalid_response, not a RangeError', async () => {
    const server = await hostileServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(nestedTree(3000));
    });
    try {
      const e = await failure(clientOf(server.url).execute(ops.coordination.goalTree, { path: { id: 'g1' } }));
      assert.equal(e.code, 'invalid_response');
      assert.match(e.message, /nested more than 64 levels/);
    } finally {
      await server.close();
    }
  });

  it('a bare array nested 100,000 deep in a list answer is invalid_response', async () => {
    const server = await hostileServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(`{"calls":${'['.repeat(100_000)}${']'.repeat(100_000)}}`);
    });
    try {
      const e = await failure(clientOf(server.url).execute(ops.calls.list));
      assert.equal(e.code, 'invalid_response');
    } finally {
      await server.close();
    }
  });

  it('a goal tree 20 levels deep is read', async () => {
    const server = await hostileServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(nestedTree(20));
    });
    try {
      let tree = await clientOf(server.url).execute(ops.coordination.goalTree, { path: { id: 'g1' } });
      let depth = 0;
      while (tree.sub_goals.length) {
        tree = tree.sub_goals[0];
        depth++;
      }
      assert.equal(depth, 20);
    } finally {
      await server.close();
    }
  });
});
