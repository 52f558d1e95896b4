import assert from 'node:assert/strict';
import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { requestRefresh, verifyAccessToken } from '../../src/auth/authApi';
import { AuthFlowError } from '../../src/auth/authErrors';
import { cliTokenFileExists, readCliTokenFile } from '../../src/auth/cliTokenFile';
import { parsePastedToken } from '../../src/auth/tokenPaste';
import { clientFor, sandbox, signIn, type Sandbox } from './auth.helpers';

describe('importing the kallyai CLI token file', () => {
  let dir: string;
  let sb: Sandbox;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kallyai-cli-'));
    sb = await sandbox();
  });
  after(async () => {
    await sb.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function snapshot(path: string) {
    const s = await stat(path);
    return { content: await readFile(path, 'utf8'), mode: s.mode, mtimeMs: s.mtimeMs, size: s.size };
  }

  test('reads the CLI form leniently (float expires_at, null refresh token) and leaves the file alone', async () => {
    const path = join(dir, 'cli.json');
    // What the Python CLI writes: compact JSON, time.time() + expires_in - 60 as a float.
    await writeFile(path, '{"access_token": "eyJhbGciOiJub25lIn0.eyJlbWFpbCI6ImFAYi5jIn0.x", "refresh_token": null, "expires_at": 1750003540.123456}');
    await chmod(path, 0o644); // not 0600: MCP would refuse it; we read it and never fix it
    const before = await snapshot(path);
    const tokens = await readCliTokenFile(path);
    assert.equal(tokens.accessToken, 'eyJhbGciOiJub25lIn0.eyJlbWFpbCI6ImFAYi5jIn0.x');
    assert.equal(tokens.refreshToken, undefined);
    assert.equal(tokens.expiresAt, 1_750_003_540_123);
    assert.deepEqual(await snapshot(path), before, 'content, mode and mtime unchanged');
  });

  test('reads the MCP form (integer expires_at, indented)', async () => {
    const path = join(dir, 'mcp.json');
    await writeFile(path, JSON.stringify({ access_token: 'tok_abcdefghijklmnop', refresh_token: 'rt_1', expires_at: 1_750_003_600 }, null, 2), { mode: 0o600 });
    const before = await snapshot(path);
    assert.deepEqual(await readCliTokenFile(path), { accessToken: 'tok_abcdefghijklmnop', refreshToken: 'rt_1', expiresAt: 1_750_003_600_000 });
    assert.deepEqual(await snapshot(path), before);
  });

  test('a missing, invalid or empty file is a clear failure', async () => {
    const missing = join(dir, 'nope.json');
    assert.equal(await cliTokenFileExists(missing), false);
    await assert.rejects(readCliTokenFile(missing), (e: AuthFlowError) => e.code === 'file_unavailable' && /No kallyai CLI sign-in/.test(e.message));
    const bad = join(dir, 'bad.json');
    await writeFile(bad, 'access_token=oops');
    assert.equal(await cliTokenFileExists(bad), true);
    await assert.rejects(readCliTokenFile(bad), (e: AuthFlowError) => e.code === 'file_unavailable');
    const empty = join(dir, 'empty.json');
    await writeFile(empty, '{"refresh_token": null}');
    await assert.rejects(readCliTokenFile(empty), (e: AuthFlowError) => e.code === 'file_unavailable' && !/null/.test(e.message));
  });

  test('a real CLI sign-in imports: the token is checked by one API call, and can be renewed', async () => {
    const signedIn = await signIn(sb.url);
    const path = join(dir, 'real.json');
    await writeFile(path, JSON.stringify({ access_token: signedIn.accessToken, refresh_token: signedIn.refreshToken, expires_at: signedIn.expiresAt / 1000 - 60 + 0.5 }), { mode: 0o600 });
    const before = await snapshot(path);
    const tokens = await readCliTokenFile(path);
    await verifyAccessToken((ts) => clientFor(sb.url, ts), tokens.accessToken);
    const renewed = await requestRefresh(clientFor(sb.url), tokens.refreshToken!);
    assert.notEqual(renewed.accessToken, tokens.accessToken);
    assert.deepEqual(await snapshot(path), before);
  });
});

describe('checking a pasted token with the API', () => {
  let sb: Sandbox;
  before(async () => {
    sb = await sandbox();
  });
  after(() => sb.close());

  test('a good token passes, a forged or expired one is refused', async () => {
    const signedIn = await signIn(sb.url);
    const pasted = parsePastedToken(JSON.stringify({ access_token: signedIn.accessToken, refresh_token: signedIn.refreshToken, expires_in: 3600 }));
    assert.ok(pasted.ok);
    await verifyAccessToken((ts) => clientFor(sb.url, ts), pasted.tokens.accessToken);

    const forged = `${signedIn.accessToken.slice(0, -4)}AAAA`;
    await assert.rejects(verifyAccessToken((ts) => clientFor(sb.url, ts), forged), (e: AuthFlowError) => e.code === 'token_rejected');
    await fetch(`${sb.url}/sandbox/expire-tokens`, { method: 'POST' });
    await assert.rejects(verifyAccessToken((ts) => clientFor(sb.url, ts), signedIn.accessToken), (e: AuthFlowError) => e.code === 'token_rejected');
  });

  test('an unreachable API is a network failure, not a refusal', async () => {
    const other = await sandbox();
    const url = other.url;
    await other.close();
    await assert.rejects(verifyAccessToken((ts) => clientFor(url, ts), 'tok_abcdefghijklmnop'), (e: AuthFlowError) => e.code === 'network');
  });
});
