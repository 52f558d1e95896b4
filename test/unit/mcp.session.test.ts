/** Where the MCP server's session comes from, with the server running as a process over stdio:
 *  on its own, the `kallyai` CLI's rules — the loopback sign-in writes the token file (0600), a
 *  file others can read is refused with the chmod to run, an expiring token is renewed and written
 *  back, no file is "not signed in" with what to run; started by VS Code (`--vscode`), only the
 *  session handed over in its environment (never a file), and a server whose session expired says
 *  so and exits, for VS Code to start it again. And the command of the "done when":
 *  `npm run mcp -- --api-base-url <sandbox>` answers tools/list with every tool. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ops } from '../../src/api/catalogue';
import { encodeHandedSession, SESSION_ENV } from '../../src/mcp/handoff';
import { tools } from '../../src/tools/toolTable';
import { startSandbox } from '../../sandbox/server';
import { clearRequests, control, requests, sandbox, type SandboxHandle } from './api.helpers';
import { buildServer, emptyHome, homeWithSignIn, isRequestOf, serverRequests, startServer } from './mcp.helpers';

const root = resolve(__dirname, '../..');

/** Runs the server for a command that ends (sign-in, sign-out, a bad option): its exit code and stderr.
 *  `onLine` sees each stderr line as it comes (the sign-in test plays the browser from it). */
function runToEnd(
  script: string,
  args: string[],
  env: Record<string, string>,
  onLine?: (line: string) => void,
): Promise<{ code: number | null; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [script, ...args], {
      env: { PATH: process.env.PATH ?? '', LANG: 'C', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let partial = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      const lines = (partial + d.toString()).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) onLine?.(line);
    });
    child.on('error', fail);
    child.on('exit', (code) => done({ code, stderr }));
  });
}

describe("the MCP server's session", () => {
  let sb: SandboxHandle;
  let build: { dir: string; script: string };
  const homes: string[] = [];
  const home = async (h: Promise<string>) => {
    const dir = await h;
    homes.push(dir);
    return dir;
  };

  before(async () => {
    [sb, build] = await Promise.all([sandbox(), buildServer()]);
  });
  after(async () => {
    await sb?.close();
    await Promise.all([build.dir, ...homes].map((d) => rm(d, { recursive: true, force: true })));
  });

  it('signs in as `kallyai login` does (loopback, state checked) into a 0600 file of its own for this API, and out again', async () => {
    // A sandbox that asks nobody (auto-approve): the "browser" follows the printed address.
    const approving = await startSandbox({ port: 0, quiet: true, autoApprove: true });
    const dir = await home(emptyHome());
    try {
      let visited: Promise<unknown> | undefined;
      const result = await runToEnd(
        build.script,
        ['--sign-in', '--no-browser', '--api-base-url', approving.url],
        { HOME: dir },
        (line) => {
          const url = /https?:\/\/\S+\/v1\/auth\/cli\?\S+/.exec(line)?.[0];
          if (url && !visited) visited = fetch(url).then((r) => r.text());
        },
      );
      await visited;
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stderr, /Signed in\./);
      const url = new URL(approving.url);
      const file = join(dir, `.kallyai_token.${url.hostname}-${url.port}.json`);
      assert.equal((await stat(file)).mode & 0o777, 0o600);
      const written = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
      assert.deepEqual(Object.keys(written).sort(), ['access_token', 'api_origin', 'expires_at', 'refresh_token']);
      assert.equal(written.api_origin, url.origin);
      assert.ok(Number.isInteger(written.expires_at));
      assert.doesNotMatch(
        result.stderr,
        new RegExp(
          String(written.access_token)
            .slice(0, 40)
            .replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
        ),
        'the token is never printed',
      );
      // The server started next uses it.
      const run = await startServer(build.script, { sandboxUrl: approving.url, home: dir });
      try {
        const goals = await run.call('kallyai_list_goals', {});
        assert.equal(goals.isError, false, goals.text);
      } finally {
        await run.close();
      }
      const out = await runToEnd(build.script, ['--sign-out', '--api-base-url', approving.url], { HOME: dir });
      assert.equal(out.code, 0);
      await assert.rejects(stat(file), /ENOENT/);
    } finally {
      await approving.close();
    }
  });

  it('no sign-in: tools are listed, a call says how to sign in, and nothing is sent', async () => {
    const run = await startServer(build.script, { sandboxUrl: sb.url, home: await home(emptyHome()) });
    try {
      assert.equal((await run.client.listTools()).tools.length, tools.length);
      await clearRequests(sb);
      const result = await run.call('kallyai_list_goals', {});
      assert.equal(result.isError, true);
      assert.match(
        result.text,
        /Not signed in to KallyAI\. Sign in once in a terminal with "npm run mcp -- --sign-in --api-base-url http:\/\/127\.0\.0\.1:\d+"/,
      );
      assert.deepEqual(await serverRequests(sb), []);
    } finally {
      await run.close();
    }
  });

  it('a token file others can read is refused, unread and unchanged, with the chmod to run', async () => {
    const { home: dir, file } = await homeWithSignIn(sb, { mode: 0o644 });
    homes.push(dir);
    const before = await readFile(file, 'utf8');
    const run = await startServer(build.script, { sandboxUrl: sb.url, home: dir });
    try {
      await clearRequests(sb);
      const result = await run.call('kallyai_get_credits', {});
      assert.equal(result.isError, true);
      assert.ok(result.text.includes(`chmod 600 ${file}`), result.text);
      assert.deepEqual(await serverRequests(sb), []);
      assert.equal(await readFile(file, 'utf8'), before);
      assert.equal((await stat(file)).mode & 0o777, 0o644, 'the server does not chmod a file it refuses');
    } finally {
      await run.close();
    }
  });

  it('an expiring token is renewed with its refresh token and written back as the CLI writes it (0600)', async () => {
    const { home: dir, file } = await homeWithSignIn(sb);
    homes.push(dir);
    const old = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    await writeFile(file, JSON.stringify({ ...old, expires_at: Math.floor(Date.now() / 1000) - 5 }), { mode: 0o600 });
    const run = await startServer(build.script, { sandboxUrl: sb.url, home: dir });
    try {
      await clearRequests(sb);
      const result = await run.call('kallyai_get_credits', {});
      assert.equal(result.isError, false, result.text);
      assert.equal((await requests(sb)).filter((r) => isRequestOf(ops.auth.refresh, r)).length, 1);
      const renewed = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
      assert.notEqual(renewed.access_token, old.access_token);
      assert.ok(Number(renewed.expires_at) > Date.now() / 1000);
      assert.equal((await stat(file)).mode & 0o777, 0o600);
    } finally {
      await run.close();
    }
  });

  describe('started by VS Code (--vscode)', () => {
    const handed = async (expiresIn: number) => {
      const tokens = await control<{ access_token: string }>(sb, 'POST', '/sandbox/tokens');
      return encodeHandedSession({
        accessToken: tokens.access_token,
        expiresAt: Date.now() + expiresIn,
        origin: new URL(sb.url).origin,
      });
    };

    it('uses the session in its environment and reads no token file', async () => {
      const run = await startServer(build.script, {
        sandboxUrl: sb.url,
        home: await home(emptyHome()),
        args: ['--vscode'],
        env: { [SESSION_ENV]: await handed(3_600_000) },
      });
      try {
        const result = await run.call('kallyai_get_credits', {});
        assert.equal(result.isError, false, result.text);
        assert.match(run.stderr(), /session from VS Code/);
      } finally {
        await run.close();
      }
    });

    it('without a session it says to sign in in VS Code — even with a CLI sign-in on disk — and exits for VS Code to start it again', async () => {
      const { home: dir } = await homeWithSignIn(sb);
      homes.push(dir);
      const run = await startServer(build.script, { sandboxUrl: sb.url, home: dir, args: ['--vscode'] });
      await clearRequests(sb);
      const result = await run.call('kallyai_list_goals', {});
      assert.equal(result.isError, true);
      assert.match(result.text, /Not signed in to KallyAI in VS Code/);
      assert.deepEqual(await serverRequests(sb), []);
      await run.closed;
    });

    it('an expired session is said so, and the server exits after answering', async () => {
      const run = await startServer(build.script, {
        sandboxUrl: sb.url,
        home: await home(emptyHome()),
        args: ['--vscode'],
        env: { [SESSION_ENV]: await handed(-1000) },
      });
      const result = await run.call('kallyai_get_credits', {});
      assert.equal(result.isError, true);
      assert.match(result.text, /has expired\. Call the tool again/);
      await run.closed;
    });

    it('a session of another API is not sent to this one', async () => {
      const tokens = await control<{ access_token: string }>(sb, 'POST', '/sandbox/tokens');
      const other = encodeHandedSession({
        accessToken: tokens.access_token,
        expiresAt: Date.now() + 3_600_000,
        origin: 'https://api.kallyai.com',
      });
      const run = await startServer(build.script, {
        sandboxUrl: sb.url,
        home: await home(emptyHome()),
        args: ['--vscode'],
        env: { [SESSION_ENV]: other },
      });
      await clearRequests(sb);
      const result = await run.call('kallyai_get_credits', {});
      assert.equal(result.isError, true);
      assert.deepEqual(await serverRequests(sb), []);
      await run.closed;
    });
  });

  it('a bad option, or an API address over plain http to another computer, stops with a sentence (exit 2)', async () => {
    const dir = await home(emptyHome());
    const insecure = await runToEnd(build.script, ['--api-base-url', 'http://api.example.com'], { HOME: dir });
    assert.equal(insecure.code, 2);
    assert.match(insecure.stderr, /plain http to another computer/);
    const unknown = await runToEnd(build.script, ['--frobnicate'], { HOME: dir });
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /Unknown option "--frobnicate"/);
    const vscodeWithFile = await runToEnd(build.script, ['--vscode', '--token-file', join(dir, 'x.json')], {
      HOME: dir,
    });
    assert.equal(vscodeWithFile.code, 2);
  });

  it('`npm run --silent mcp -- --api-base-url <sandbox>` builds the server and answers tools/list with every tool', async () => {
    const dir = await home(emptyHome());
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const run = await startServer(build.script, {
      sandboxUrl: sb.url,
      home: dir,
      env: { npm_config_cache: join(dir, '.npm') },
      command: { command: npm, args: ['run', '--silent', 'mcp', '--', '--api-base-url', sb.url], cwd: root },
    });
    try {
      const { tools: listed } = await run.client.listTools();
      assert.deepEqual(
        listed.map((t) => t.name),
        tools.map((t) => t.name),
      );
    } finally {
      await run.close();
    }
  });
});
