import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, truncate, writeFile } from 'node:fs/promises';
import fsPromises = require('node:fs/promises');
import { syncBuiltinESMExports } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { requestRefresh, verifyAccessToken } from '../../src/auth/authApi';
import { AuthFlowError } from '../../src/auth/authErrors';
import {
  chmodCommand,
  cliTokenFileExists,
  deleteCliTokenFile,
  readCliTokenFile,
  writeCliTokenFile,
} from '../../src/auth/cliTokenFile';
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
    await writeFile(
      path,
      '{"access_token": "eyJhbGciOiJub25lIn0.eyJlbWFpbCI6ImFAYi5jIn0.x", "refresh_token": null, "expires_at": 1750003540.123456}',
    );
    await chmod(path, 0o600);
    const before = await snapshot(path);
    const { tokens } = await readCliTokenFile(path);
    assert.equal(tokens.accessToken, 'eyJhbGciOiJub25lIn0.eyJlbWFpbCI6ImFAYi5jIn0.x');
    assert.equal(tokens.refreshToken, undefined);
    assert.equal(tokens.expiresAt, 1_750_003_540_123);
    assert.deepEqual(await snapshot(path), before, 'content, mode and mtime unchanged');
  });

  test('reads the MCP form (integer expires_at, indented)', async () => {
    const path = join(dir, 'mcp.json');
    await writeFile(
      path,
      JSON.stringify(
        { access_token: 'tok_abcdefghijklmnop', refresh_token: 'rt_1', expires_at: 1_750_003_600 },
        null,
        2,
      ),
      { mode: 0o600 },
    );
    const before = await snapshot(path);
    assert.deepEqual(await readCliTokenFile(path), {
      tokens: { accessToken: 'tok_abcdefghijklmnop', refreshToken: 'rt_1', expiresAt: 1_750_003_600_000 },
      origin: 'https://api.kallyai.com',
    });
    assert.deepEqual(await snapshot(path), before);
  });

  test('a missing, invalid or empty file is a clear failure', async () => {
    const missing = join(dir, 'nope.json');
    assert.equal(await cliTokenFileExists(missing), false);
    await assert.rejects(
      readCliTokenFile(missing),
      (e: AuthFlowError) => e.code === 'file_unavailable' && /No kallyai CLI sign-in/.test(e.message),
    );
    const bad = join(dir, 'bad.json');
    await writeFile(bad, 'access_token=oops', { mode: 0o600 });
    assert.equal(await cliTokenFileExists(bad), true);
    await assert.rejects(readCliTokenFile(bad), (e: AuthFlowError) => e.code === 'file_unavailable');
    const empty = join(dir, 'empty.json');
    await writeFile(empty, '{"refresh_token": null}', { mode: 0o600 });
    await assert.rejects(
      readCliTokenFile(empty),
      (e: AuthFlowError) => e.code === 'file_unavailable' && !/null/.test(e.message),
    );
  });

  /** Fails the test instead of hanging it when the read does not come back: a hang guard, generous so
   *  that a busy machine never meets it (how fast a refusal is, is not this file's business). */
  const HANG_MS = 30_000;
  function within<T>(ms: number, p: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    });
    return Promise.race([p, late]).finally(() => clearTimeout(timer));
  }
  const good = JSON.stringify({
    access_token: 'tok_abcdefghijklmnop',
    refresh_token: 'rt_abcdefghijkl',
    expires_at: 1_750_003_600,
  });

  test('a FIFO at the path is refused at once instead of hanging the import', async () => {
    const path = join(dir, 'fifo.json');
    execFileSync('mkfifo', ['-m', '600', path]);
    await assert.rejects(
      within(HANG_MS, readCliTokenFile(path)),
      (e: AuthFlowError) => e.code === 'file_unavailable' && /not a regular file/.test(e.message),
    );
  });

  test('a device or a directory is refused', async () => {
    await assert.rejects(
      within(HANG_MS, readCliTokenFile('/dev/null')),
      (e: AuthFlowError) => e.code === 'file_unavailable' && /not a regular file/.test(e.message),
    );
    const folder = join(dir, 'folder.json');
    await mkdir(folder);
    await assert.rejects(
      readCliTokenFile(folder),
      (e: AuthFlowError) => e.code === 'file_unavailable' && /not a regular file/.test(e.message),
    );
  });

  test('a 200 MB file is refused by its size, without reading it', async (t) => {
    const path = join(dir, 'huge.json');
    await writeFile(path, good, { mode: 0o600 });
    await truncate(path, 200 * 1024 * 1024); // sparse: costs no disk
    // Counts what is read through the file handles the import opens (node:fs/promises, whose `open`
    // src/auth/cliTokenFile.ts calls): refused from its size means nothing read, not 200 MB.
    let bytesRead = 0;
    const open = fsPromises.open;
    t.mock.method(fsPromises, 'open', async (...args: Parameters<typeof fsPromises.open>) => {
      const handle = await open(...args);
      const read = handle.read.bind(handle) as (...a: unknown[]) => Promise<{ bytesRead: number }>;
      (handle as unknown as { read: typeof read }).read = async (...a: unknown[]) => {
        const r = await read(...a);
        bytesRead += r.bytesRead;
        return r;
      };
      return handle;
    });
    syncBuiltinESMExports(); // the import's `open` is the ESM binding of node:fs/promises
    try {
      const small = join(dir, 'small.json');
      await writeFile(small, good, { mode: 0o600 });
      await readCliTokenFile(small);
      assert.equal(bytesRead, Buffer.byteLength(good), 'the reads of the import are counted here');
      bytesRead = 0;
      await assert.rejects(
        within(HANG_MS, readCliTokenFile(path)),
        (e: AuthFlowError) => e.code === 'file_unavailable' && /larger than 64 KB/.test(e.message),
      );
      assert.equal(bytesRead, 0, `refused from its size, not after reading it (${bytesRead} bytes read)`);
    } finally {
      t.mock.restoreAll();
      syncBuiltinESMExports();
    }
  });

  test('a symbolic link is refused, even to a good token file', async () => {
    const target = join(dir, 'target.json');
    await writeFile(target, good, { mode: 0o600 });
    const link = join(dir, 'link.json');
    await symlink(target, link);
    assert.ok((await readCliTokenFile(target)).tokens.accessToken, 'the target itself is fine');
    await assert.rejects(
      readCliTokenFile(link),
      (e: AuthFlowError) => e.code === 'file_unavailable' && /symbolic link/.test(e.message),
    );
  });

  test('0600 and 0400 read; a file its group or others may read or write is refused, unread and unchanged, with the chmod to run', async () => {
    const path = join(dir, 'modes.json');
    await writeFile(path, good, { mode: 0o600 });
    for (const mode of [0o600, 0o400]) {
      await chmod(path, mode);
      assert.equal((await readCliTokenFile(path)).tokens.accessToken, 'tok_abcdefghijklmnop', mode.toString(8));
    }
    for (const mode of [0o640, 0o604, 0o644, 0o660, 0o606, 0o666, 0o610, 0o601, 0o700 | 0o070]) {
      await chmod(path, mode);
      const before = await snapshot(path);
      await assert.rejects(readCliTokenFile(path), (e: AuthFlowError) => {
        assert.equal(e.code, 'file_exposed', mode.toString(8));
        assert.equal(e.command, `chmod 600 ${path}`);
        assert.match(e.message, new RegExp(`mode ${(mode & 0o777).toString(8)}\\); run "chmod 600 `));
        return true;
      });
      assert.deepEqual(await snapshot(path), before, 'the file is left as it was');
    }
  });

  test('the chmod command is ready to paste, whatever the path holds', () => {
    assert.equal(chmodCommand('/home/ana/.kallyai_token.json'), 'chmod 600 /home/ana/.kallyai_token.json');
    assert.equal(
      chmodCommand('/home/ana maría/.kallyai_token.json'),
      "chmod 600 '/home/ana maría/.kallyai_token.json'",
    );
    assert.equal(chmodCommand("/home/o'brien/x; rm -rf ~"), "chmod 600 '/home/o'\\''brien/x; rm -rf ~'");
  });

  test('a real CLI sign-in imports: the token is checked by one API call, and can be renewed', async () => {
    const signedIn = await signIn(sb.url);
    const path = join(dir, 'real.json');
    await writeFile(
      path,
      JSON.stringify({
        access_token: signedIn.accessToken,
        refresh_token: signedIn.refreshToken,
        expires_at: signedIn.expiresAt / 1000 - 60 + 0.5,
      }),
      { mode: 0o600 },
    );
    const before = await snapshot(path);
    const { tokens } = await readCliTokenFile(path);
    await verifyAccessToken((ts) => clientFor(sb.url, ts), tokens.accessToken);
    const renewed = await requestRefresh(clientFor(sb.url), tokens.refreshToken!);
    assert.notEqual(renewed.accessToken, tokens.accessToken);
    assert.deepEqual(await snapshot(path), before);
  });
});

describe('writing the token file as the CLI does (the MCP server on its own)', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kallyai-cli-write-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  test("mode 0600, compact JSON, whole seconds with the CLI's margin, null when there is no refresh token; read back the same", async () => {
    const path = join(dir, 'token.json');
    const expiresAt = 1_750_003_600_000;
    await writeCliTokenFile(path, { accessToken: 'tok_abcdefghijklmnop', expiresAt });
    assert.equal((await stat(path)).mode & 0o777, 0o600);
    assert.equal(
      await readFile(path, 'utf8'),
      '{"access_token":"tok_abcdefghijklmnop","refresh_token":null,"expires_at":1750003540}',
    );
    assert.deepEqual(await readCliTokenFile(path), {
      tokens: { accessToken: 'tok_abcdefghijklmnop', expiresAt: expiresAt - 60_000 },
      origin: 'https://api.kallyai.com',
    });
    // Written again over a file that another program left readable: the new file is private.
    await chmod(path, 0o644);
    await writeCliTokenFile(
      path,
      { accessToken: 'tok_second_one_here', refreshToken: 'rt_2', expiresAt },
      'http://127.0.0.1:8790',
    );
    assert.equal((await stat(path)).mode & 0o777, 0o600);
    const back = await readCliTokenFile(path);
    assert.deepEqual(back, {
      tokens: { accessToken: 'tok_second_one_here', refreshToken: 'rt_2', expiresAt: expiresAt - 60_000 },
      origin: 'http://127.0.0.1:8790',
    });
    assert.deepEqual((await readdir(dir)).sort(), ['token.json'], 'no temporary file is left behind');
  });

  test('a symbolic link or a folder at the path is refused, never followed; signing out deletes only a regular file', async () => {
    const target = join(dir, 'elsewhere.json');
    await writeFile(target, 'not yours', { mode: 0o600 });
    const link = join(dir, 'link.json');
    await symlink(target, link);
    await assert.rejects(
      writeCliTokenFile(link, { accessToken: 'tok_abcdefghijklmnop', expiresAt: Date.now() }),
      (e: AuthFlowError) => e.code === 'file_unavailable' && /symbolic link/.test(e.message),
    );
    assert.equal(await readFile(target, 'utf8'), 'not yours');
    await assert.rejects(deleteCliTokenFile(link), (e: AuthFlowError) => /symbolic link/.test(e.message));
    assert.equal(await readFile(target, 'utf8'), 'not yours');
    const folder = join(dir, 'folder.json');
    await mkdir(folder);
    await assert.rejects(
      writeCliTokenFile(folder, { accessToken: 'tok_abcdefghijklmnop', expiresAt: Date.now() }),
      (e: AuthFlowError) => /not a regular file/.test(e.message),
    );
    const file = join(dir, 'out.json');
    await writeCliTokenFile(file, { accessToken: 'tok_abcdefghijklmnop', expiresAt: Date.now() });
    assert.equal(await deleteCliTokenFile(file), true);
    assert.equal(await cliTokenFileExists(file), false);
    assert.equal(await deleteCliTokenFile(file), false, 'already signed out');
  });

  test('a file naming an API origin that is not one is refused', async () => {
    const path = join(dir, 'odd.json');
    await writeFile(
      path,
      JSON.stringify({
        access_token: 'tok_abcdefghijklmnop',
        expires_at: 1_750_003_600,
        api_origin: 'https://api.kallyai.com/v1',
      }),
      { mode: 0o600 },
    );
    await assert.rejects(
      readCliTokenFile(path),
      (e: AuthFlowError) => e.code === 'file_unavailable' && /origin/.test(e.message),
    );
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
    const pasted = parsePastedToken(
      JSON.stringify({ access_token: signedIn.accessToken, refresh_token: signedIn.refreshToken, expires_in: 3600 }),
    );
    assert.ok(pasted.ok);
    await verifyAccessToken((ts) => clientFor(sb.url, ts), pasted.tokens.accessToken);

    const forged = `${signedIn.accessToken.slice(0, -4)}AAAA`;
    await assert.rejects(
      verifyAccessToken((ts) => clientFor(sb.url, ts), forged),
      (e: AuthFlowError) => e.code === 'token_rejected',
    );
    await fetch(`${sb.url}/sandbox/expire-tokens`, { method: 'POST' });
    await assert.rejects(
      verifyAccessToken((ts) => clientFor(sb.url, ts), signedIn.accessToken),
      (e: AuthFlowError) => e.code === 'token_rejected',
    );
  });

  test('an unreachable API is a network failure, not a refusal', async () => {
    const other = await sandbox();
    const url = other.url;
    await other.close();
    await assert.rejects(
      verifyAccessToken((ts) => clientFor(url, ts), 'tok_abcdefghijklmnop'),
      (e: AuthFlowError) => e.code === 'network',
    );
  });
});
