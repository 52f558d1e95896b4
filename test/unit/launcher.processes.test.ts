/** The launchers' process cleanup (test/launcher/processes.js) stops the process groups this run
 *  started, and no other: a group id whose leader now has another start time was reused by a
 *  stranger and is left alone. Real processes (`sleep`), real signals; Linux only (/proc). */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs'; // the module object itself, whose readFileSync processes.js calls

interface Processes {
  trackGroup(pgid: number): void;
  stopGroup(pgid: number, graceMs?: number): Promise<void>;
  runCleanups(): Promise<void>;
  groupAlive(pgid: number): boolean;
  ownGroup(pgid: number): boolean;
  startTime(pid: number): string | undefined;
  sleep(ms: number): Promise<void>;
}
const processes = createRequire(__filename)('../launcher/processes.js') as Processes;

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
const detached = (cmd: string, args: string[]) =>
  spawn(cmd, args, { detached: true, stdio: ['ignore', 'pipe', 'ignore'] });

/** Runs `fn` while /proc/<pid>/stat reads as `rewrite` makes of the real one (read on demand). */
async function withStat<T>(pid: number, rewrite: (real: () => string) => string, fn: () => Promise<T> | T): Promise<T> {
  const real = fs.readFileSync;
  const read = real as (...a: unknown[]) => string | Buffer;
  const fake = ((file: fs.PathOrFileDescriptor, ...rest: unknown[]) =>
    file === `/proc/${pid}/stat`
      ? rewrite(() => String(read(file, ...rest)))
      : read(file, ...rest)) as typeof fs.readFileSync;
  (fs as { readFileSync: typeof fs.readFileSync }).readFileSync = fake;
  try {
    return await fn();
  } finally {
    (fs as { readFileSync: typeof fs.readFileSync }).readFileSync = real;
  }
}

describe('launcher process groups (Linux: /proc)', () => {
  it('stops a group it started', async () => {
    const child = detached('sleep', ['30']);
    processes.trackGroup(child.pid!);
    assert.match(String(processes.startTime(child.pid!)), /^\d+$/);
    assert.equal(processes.ownGroup(child.pid!), true);
    await processes.stopGroup(child.pid!);
    assert.equal(processes.groupAlive(child.pid!), false);
  });

  it('leaves alone a process that got the id of a group it started (another start time)', async () => {
    const child = detached('sleep', ['30']);
    processes.trackGroup(child.pid!);
    try {
      const later = (real: () => string) => {
        const stat = real();
        const head = stat.slice(0, stat.lastIndexOf(')') + 2);
        const fields = stat.slice(head.length).split(' ');
        fields[22 - 3] = String(Number(fields[22 - 3]) + 1);
        return head + fields.join(' ');
      };
      await withStat(child.pid!, later, async () => {
        assert.equal(processes.ownGroup(child.pid!), false);
        await processes.runCleanups();
      });
      assert.equal(alive(child.pid!), true, 'the process holding the reused id was signalled');
    } finally {
      process.kill(-child.pid!, 'SIGKILL');
    }
  });

  it("stops the members of a group whose leader has exited (code-server's extension hosts)", async () => {
    const child = detached('sh', ['-c', 'sleep 30 & echo $!; exit 0']);
    processes.trackGroup(child.pid!);
    const member = Number(String(await new Promise<Buffer>((resolve) => child.stdout!.once('data', resolve))).trim());
    if (child.exitCode === null) await new Promise((resolve) => child.once('exit', resolve));
    await processes.sleep(100);
    assert.equal(processes.startTime(child.pid!), undefined, 'the leader is gone');
    assert.equal(alive(member), true);
    assert.equal(processes.ownGroup(child.pid!), true);
    await processes.stopGroup(child.pid!);
    assert.equal(alive(member), false, 'the member was left running');
  });

  it('reads the start time after a command name with spaces and parentheses', async () => {
    const stat = '4242 (a) b (c) S 1 4242 4242 0 -1 4194560 1 0 0 0 0 0 0 0 20 0 1 0 987654 1 1';
    assert.equal(
      await withStat(
        4242,
        () => stat,
        () => processes.startTime(4242),
      ),
      '987654',
    );
  });
});
