/** `npm run mcp` from a clone (scripts/mcp.js): it builds dist/mcp.js when the bundle is missing or
 *  older than what it is made from, and runs it with stdout left to MCP alone — with `--silent`,
 *  as an MCP client's configuration runs it, stdout is exactly the server's own output. The build
 *  is checked in a copy of the project, so the working tree's dist/ is not touched. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, stat, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '../..');
const { bundleIsCurrent } = require(join(root, 'scripts', 'mcp.js')) as {
  bundleIsCurrent(root: string, bundle?: string): boolean;
};
const pkg = JSON.parse(require('node:fs').readFileSync(join(root, 'package.json'), 'utf8')) as {
  version: string;
  scripts: Record<string, string>;
};

function run(
  command: string,
  args: string[],
  cwd: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, npm_config_cache: join(cwd, '.npm') } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

describe('npm run mcp (scripts/mcp.js)', () => {
  it('is what `npm run mcp` runs', () => {
    assert.equal(pkg.scripts.mcp, 'node scripts/mcp.js');
  });

  it('the bundle is current only when it exists and nothing it is made from is newer', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kallyai-mcp-launcher-'));
    try {
      await mkdir(join(dir, 'src', 'mcp'), { recursive: true });
      await mkdir(join(dir, 'dist'));
      const source = join(dir, 'src', 'mcp', 'main.ts');
      const bundle = join(dir, 'dist', 'mcp.js');
      await writeFile(source, '');
      await writeFile(join(dir, 'package.json'), '{}');
      assert.equal(bundleIsCurrent(dir), false, 'no bundle: build it');
      await writeFile(bundle, '');
      const at = (s: number) => new Date(Date.UTC(2025, 0, 1, 0, 0, s));
      await utimes(source, at(1), at(1));
      await utimes(join(dir, 'package.json'), at(1), at(1));
      await utimes(bundle, at(2), at(2));
      assert.equal(bundleIsCurrent(dir), true, 'built after its sources');
      await utimes(source, at(3), at(3));
      assert.equal(bundleIsCurrent(dir), false, 'a source changed after the build');
      await utimes(source, at(1), at(1));
      await utimes(join(dir, 'package.json'), at(3), at(3));
      assert.equal(bundleIsCurrent(dir), false, 'package.json changed after the build');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('without dist/mcp.js it builds it, then runs it; with --silent stdout is the server’s alone', async () => {
    const copy = await mkdtemp(join(tmpdir(), 'kallyai-mcp-clone-'));
    try {
      for (const f of ['package.json', 'esbuild.js', 'scripts/mcp.js']) await cp(join(root, f), join(copy, f));
      await cp(join(root, 'src'), join(copy, 'src'), { recursive: true });
      await cp(join(root, 'l10n'), join(copy, 'l10n'), { recursive: true });
      await symlink(join(root, 'node_modules'), join(copy, 'node_modules'), 'dir');
      const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

      const first = await run(npm, ['run', '--silent', 'mcp', '--', '--version'], copy);
      assert.equal(first.code, 0, first.stderr);
      assert.equal(first.stdout, `${pkg.version}\n`, 'stdout holds the server’s output only');
      assert.match(first.stderr, /building dist\/mcp\.js/);
      const built = await stat(join(copy, 'dist', 'mcp.js'));
      assert.ok(built.size > 0);
      assert.match(await readFile(join(copy, 'dist', 'mcp.js'), 'utf8'), /KallyAI MCP server/);

      const second = await run(npm, ['run', '--silent', 'mcp', '--', '--version'], copy);
      assert.equal(second.code, 0, second.stderr);
      assert.equal(second.stdout, `${pkg.version}\n`);
      assert.doesNotMatch(second.stderr, /building/, 'a current bundle is not built again');
      assert.equal((await stat(join(copy, 'dist', 'mcp.js'))).mtimeMs, built.mtimeMs);
    } finally {
      await rm(copy, { recursive: true, force: true });
    }
  });
});
