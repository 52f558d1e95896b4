// Process groups the launchers start, and their cleanup: every server is spawned `detached`
// (its own process group) and stopped by signalling the whole group (-pgid), so the children
// it forks (code-server's extension hosts and file watchers, tsx workers) go with it.
// Cleanup also runs on SIGINT/SIGTERM/SIGHUP and, as a last resort, synchronously on exit.
// A group id is a pid, and pids are reused: a group is signalled only while it is still the one
// this run started (ownGroup), never by name.
'use strict';
const fs = require('node:fs');
const net = require('node:net');

const groups = new Map(); // pgid still to stop → its leader's start time (see startTime), or undefined
const cleanups = []; // async functions to run before exit (close the browser, stop servers)
let signalsInstalled = false;
let shuttingDown = false;

function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

/** When process `pid` started (field 22 of /proc/<pid>/stat, clock ticks since boot), or undefined
 *  when there is no such process or no /proc (not Linux). Together with the pid it names one process:
 *  a pid reused by another process has another start time. */
function startTime(pid) {
  let stat;
  try {
    stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // "pid (comm) state ppid …": comm may hold spaces and parentheses, so count from its last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return fields[22 - 3];
}

/** Whether group `pgid` is still the one trackGroup saved: its leader (pid == pgid) has the start
 *  time saved then, or is gone while members of its group live on (code-server's extension hosts
 *  after code-server): Linux hands a pid out again only once no process uses it as its pid or its
 *  group id, so a leader that is gone and a group that lives mean the group still holds the number.
 *  A leader with another start time is a stranger that got the number after the group had emptied.
 *  A group not tracked, or tracked without a start time (no /proc), is trusted as before. */
function ownGroup(pgid) {
  const saved = groups.get(pgid);
  if (saved === undefined) return true;
  const now = startTime(pgid);
  return now === undefined || now === saved;
}

/** Stops a whole process group: SIGTERM, then SIGKILL after graceMs; resolves when the group is
 *  empty, or at once when its id now belongs to another process (ownGroup). */
async function stopGroup(pgid, graceMs = 3000) {
  if (!pgid) return;
  if (!ownGroup(pgid)) return forget(pgid);
  try {
    process.kill(-pgid, 'SIGTERM');
  } catch {
    /* already gone */
  }
  const deadline = Date.now() + graceMs;
  while (groupAlive(pgid) && Date.now() < deadline) await sleep(50);
  if (groupAlive(pgid) && ownGroup(pgid)) {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      /* gone */
    }
    const hard = Date.now() + 2000;
    while (groupAlive(pgid) && Date.now() < hard) await sleep(50);
  }
  groups.delete(pgid);
}

function forget(pgid) {
  console.error(`[launcher] process group ${pgid} is no longer this run's (its id was reused): left alone`);
  groups.delete(pgid);
}

/** Remembers a group so that an interrupted run still stops it, with its leader's start time so
 *  that a later process given the same id is not taken for it. Call it right after spawning. */
function trackGroup(pgid) {
  groups.set(pgid, startTime(pgid));
  installSignalHandlers();
}

/** Registers an async cleanup (run in reverse order by runCleanups / on signals). */
function onCleanup(fn) {
  cleanups.push(fn);
  installSignalHandlers();
  return () => {
    const i = cleanups.indexOf(fn);
    if (i >= 0) cleanups.splice(i, 1);
  };
}

async function runCleanups() {
  while (cleanups.length) {
    const fn = cleanups.pop();
    try {
      await fn();
    } catch (e) {
      console.error('[launcher] cleanup failed:', e && e.message);
    }
  }
  for (const pgid of [...groups.keys()]) await stopGroup(pgid);
}

function installSignalHandlers() {
  if (signalsInstalled) return;
  signalsInstalled = true;
  for (const [sig, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ]) {
    process.on(sig, () => {
      if (shuttingDown) return;
      shuttingDown = true;
      console.error(`\n[launcher] ${sig}: stopping everything this run started…`);
      const force = setTimeout(() => process.exit(code), 10_000);
      runCleanups().finally(() => {
        clearTimeout(force);
        process.exit(code);
      });
    });
  }
  process.on('exit', () => {
    for (const pgid of groups.keys()) {
      if (ownGroup(pgid)) {
        try {
          process.kill(-pgid, 'SIGKILL');
        } catch {
          /* gone */
        }
      }
    }
  });
}

/** True once a signal started the shutdown (so watchers do not report the servers' exit as a failure). */
function isShuttingDown() {
  return shuttingDown;
}

function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}

/** A free TCP port on 127.0.0.1 (or `preferred` when it is free). */
function freePort(preferred) {
  const tryPort = (port) =>
    new Promise((resolve) => {
      const s = net.createServer();
      s.once('error', () => resolve(undefined));
      s.listen(port, '127.0.0.1', () => {
        const p = s.address().port;
        s.close(() => resolve(p));
      });
    });
  return (async () => (preferred && (await tryPort(preferred))) || tryPort(0))();
}

module.exports = {
  stopGroup,
  trackGroup,
  onCleanup,
  runCleanups,
  groupAlive,
  ownGroup,
  startTime,
  freePort,
  sleep,
  isShuttingDown,
};
