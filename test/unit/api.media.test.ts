/** fetchMedia: the audio behind an address the API gave, fetched with the bearer token only on the
 *  API's own origin (never to another host, never in a URL, not across a redirect to another
 *  origin), refreshed once after a 401, bounded in size, refused when it is not audio. */
import { strict as assert } from 'node:assert';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { ops } from '../../src/api/catalogue';
import { KallyApiError } from '../../src/api/errors';
import { fetchMedia, mediaUrl } from '../../src/api/media';
import { client, control, sandbox, SandboxTokenSource, type SandboxHandle } from './api.helpers';

/** A plain server on 127.0.0.1 that records the headers it got and answers what `reply` says. */
type Reply = { status: number; headers?: Record<string, string>; body?: Buffer | string };
async function recorder(reply: (path: string) => Reply) {
  const seen: Array<{ path: string; headers: IncomingHttpHeaders }> = [];
  const server: Server = createServer((req, res) => {
    seen.push({ path: req.url ?? '', headers: req.headers });
    const r = reply(req.url ?? '');
    res.writeHead(r.status, r.headers);
    res.end(r.body ?? '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, seen, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('fetchMedia', () => {
  let sb: SandboxHandle;
  before(async () => {
    sb = await sandbox();
  });
  after(async () => {
    await sb.close();
  });

  it('fetches a recording with the bearer token from the API origin (the unsigned address needs it)', async () => {
    const c = client(sb);
    const call = (await c.execute(ops.inbound.calls, { query: { status: 'completed', limit: 20 } })).calls.find(
      (x) => x.caller_name === 'Mom',
    )!;
    const rec = await c.execute(ops.inbound.recording, { path: { id: String(call.id) } });
    const unsigned = String(rec.url).replace(/\?.*$/, '');
    const tokens = new SandboxTokenSource(sb);
    const file = await fetchMedia(unsigned, { baseUrl: sb.url, tokens });
    assert.equal(file.mimeType, 'audio/wav');
    assert.equal(Buffer.from(file.data).toString('ascii', 0, 4), 'RIFF');
    assert.equal(file.data.byteLength, 44 + Math.round(Number(call.duration_seconds) * 8000));
    await assert.rejects(
      fetchMedia(unsigned, { baseUrl: sb.url }),
      (e: KallyApiError) => e.status === 401,
      'without the token it is refused',
    );
  });

  it('after a 401 it refreshes the token once and tries again', async () => {
    const tokens = new SandboxTokenSource(sb);
    await tokens.getToken();
    await control(sb, 'POST', '/sandbox/expire-tokens');
    const c = client(sb);
    const v = (await c.execute(ops.inbound.voicemails)).voicemails[0];
    const pb = await c.execute(ops.inbound.voicemailPlayback, { path: { id: String(v.id) } });
    const file = await fetchMedia(String(pb.url).replace(/\?.*$/, ''), { baseUrl: sb.url, tokens });
    assert.equal(tokens.refreshes, 1);
    assert.ok(file.data.byteLength > 44);
  });

  it('never sends the token to another host, nor across a redirect to another origin', async () => {
    const wav = Buffer.from('RIFF0000WAVEfmt ');
    const storage = await recorder(() => ({ status: 200, headers: { 'content-type': 'audio/wav' }, body: wav }));
    const api = await recorder((path): Reply =>
      path.startsWith('/moved')
        ? { status: 302, headers: { location: `${storage.url}/file.wav?sig=abc` } }
        : { status: 200, headers: { 'content-type': 'audio/mpeg' }, body: wav },
    );
    const tokens = { getToken: async () => 'secret-token', refreshAfterUnauthorized: async () => undefined };
    try {
      await fetchMedia(`${storage.url}/direct.wav?sig=1`, { baseUrl: api.url, tokens });
      await fetchMedia(`${api.url}/moved/rec.wav`, { baseUrl: api.url, tokens });
      const own = await fetchMedia('/own/rec.mp3', { baseUrl: api.url, tokens });
      assert.equal(own.mimeType, 'audio/mpeg');
      assert.equal(storage.seen.length, 2);
      for (const s of storage.seen)
        assert.equal(s.headers.authorization, undefined, `the storage host got a token on ${s.path}`);
      assert.deepEqual(
        api.seen.map((s) => s.headers.authorization),
        ['Bearer secret-token', 'Bearer secret-token'],
      );
      for (const s of [...storage.seen, ...api.seen]) assert.ok(!s.path.includes('secret-token'));
    } finally {
      await storage.close();
      await api.close();
    }
  });

  it('refuses what is not audio, what is too large, and addresses that are not http(s)', async () => {
    const big = Buffer.alloc(3000, 1);
    const host = await recorder((path) =>
      path === '/page'
        ? { status: 200, headers: { 'content-type': 'text/html' }, body: '<html>' }
        : path === '/big'
          ? { status: 200, headers: { 'content-type': 'audio/wav' }, body: big }
          : path === '/gone'
            ? { status: 404, headers: { 'content-type': 'application/json' }, body: '{}' }
            : { status: 200, headers: { 'content-type': 'application/octet-stream' }, body: big },
    );
    try {
      await assert.rejects(
        fetchMedia(`${host.url}/page`, { baseUrl: host.url }),
        (e: KallyApiError) => e.code === 'invalid_response' && /text\/html/.test(e.message),
      );
      await assert.rejects(
        fetchMedia(`${host.url}/big`, { baseUrl: host.url, maxBytes: 1000 }),
        (e: KallyApiError) => e.code === 'response_too_large',
      );
      await assert.rejects(
        fetchMedia(`${host.url}/gone`, { baseUrl: host.url }),
        (e: KallyApiError) => e.code === 'recording_not_found',
      );
      const octets = await fetchMedia(`${host.url}/x.wav`, { baseUrl: host.url });
      assert.equal(octets.mimeType, 'audio/wav', 'octet-stream: the type from the file name');
      await assert.rejects(
        fetchMedia('file:///etc/passwd', { baseUrl: host.url }),
        (e: KallyApiError) => e.code === 'invalid_response',
      );
      assert.equal(mediaUrl('javascript:alert(1)', host.url), undefined);
      assert.equal(mediaUrl('/a/b.wav', 'http://127.0.0.1:9')?.toString(), 'http://127.0.0.1:9/a/b.wav');
    } finally {
      await host.close();
    }
  });
});
