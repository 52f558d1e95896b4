// Starts the KallyAI sandbox (sandbox/main.ts through tsx) in its own process group on a free
// 127.0.0.1 port and reads its URL from the line it prints:
//   KallyAI sandbox listening on http://127.0.0.1:N
'use strict';
const { spawn } = require('node:child_process');
const path = require('node:path');
const { stopGroup, trackGroup } = require('./processes');

const ROOT = path.resolve(__dirname, '../..');

/**
 * @param {{ entry?: string, port?: number, autoApprove?: boolean, timeScale?: number, empty?: boolean, tokenTtlSeconds?: number,
 *           state?: string, extraArgs?: string[], echo?: boolean | ((line: string) => void), startTimeoutMs?: number }} [opts]
 * @returns {Promise<{ url: string, port: number, pid: number, stop(): Promise<void> }>}
 */
async function startSandbox(opts = {}) {
  const entry = opts.entry || process.env.KALLYAI_SANDBOX_ENTRY || path.join(ROOT, 'sandbox/main.ts');
  const args = ['--import', 'tsx', entry, '--port', String(opts.port ?? 0)];
  if (opts.autoApprove ?? true) args.push('--auto-approve');
  args.push('--time-scale', String(opts.timeScale ?? 100));
  if (opts.empty) args.push('--empty');
  if (opts.tokenTtlSeconds) args.push('--token-ttl', String(opts.tokenTtlSeconds));
  if (opts.state) args.push('--state', opts.state);
  args.push(...(opts.extraArgs ?? []));

  const child = spawn(process.execPath, args, { cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  trackGroup(child.pid);
  const echo =
    typeof opts.echo === 'function' ? opts.echo : opts.echo ? (l) => console.log(`[sandbox] ${l}`) : () => {};
  const recent = [];
  const stop = () => stopGroup(child.pid);

  try {
    const url = await new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`the sandbox printed no "listening on" line within ${opts.startTimeoutMs ?? 30000} ms`)),
        opts.startTimeoutMs ?? 30_000,
      );
      const onLine = (line) => {
        recent.push(line);
        if (recent.length > 40) recent.shift();
        echo(line);
        const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(line);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      };
      for (const stream of [child.stdout, child.stderr]) {
        let buf = '';
        stream.setEncoding('utf8');
        stream.on('data', (d) => {
          buf += d;
          let i;
          while ((i = buf.indexOf('\n')) >= 0) {
            onLine(buf.slice(0, i));
            buf = buf.slice(i + 1);
          }
        });
      }
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`the sandbox exited (${signal ?? code}) before listening:\n${recent.join('\n')}`));
      });
    });
    return { url, port: Number(new URL(url).port), pid: child.pid, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

module.exports = { startSandbox };
