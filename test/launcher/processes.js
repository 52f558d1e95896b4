// Process groups the launchers start, and their cleanup: every server is spawned `detached`
// (its own process group) and stopped by signalling the whole group (-pgid), so the children
// it forks (code-server's extension hosts and file watchers, tsx workers) go with it.
// Cleanup also runs on SIGINT/SIGTERM/SIGHUP and, as a last resort, synchronously on exit.
'use strict';
const net = require('node:net');

const groups = new Set(); // pgids still to stop
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

/** Stops a whole process group: SIGTERM, then SIGKILL after graceMs; resolves when the group is empty. */
async function stopGroup(pgid, graceMs = 3000) {
  if (!pgid) return;
  try { process.kill(-pgid, 'SIGTERM'); } catch { /* already gone */ }
  const deadline = Date.now() + graceMs;
  while (groupAlive(pgid) && Date.now() < deadline) await sleep(50);
  if (groupAlive(pgid)) {
    try { process.kill(-pgid, 'SIGKILL'); } catch { /* gone */ }
    const hard = Date.now() + 2000;
    while (groupAlive(pgid) && Date.now() < hard) await sleep(50);
  }
  groups.delete(pgid);
}

/** Remembers a group so that an interrupted run still stops it. */
function trackGroup(pgid) {
  groups.add(pgid);
  installSignalHandlers();
}

/** Registers an async cleanup (run in reverse order by runCleanups / on signals). */
function onCleanup(fn) {
  cleanups.push(fn);
  installSignalHandlers();
  return () => { const i = cleanups.indexOf(fn); if (i >= 0) cleanups.splice(i, 1); };
}

async function runCleanups() {
  while (cleanups.length) {
    const fn = cleanups.pop();
    try { await fn(); } catch (e) { console.error('[launcher] cleanup failed:', e && e.message); }
  }
  for (const pgid of [...groups]) await stopGroup(pgid);
}

function installSignalHandlers() {
  if (signalsInstalled) return;
  signalsInstalled = true;
  for (const [sig, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]]) {
    process.on(sig, () => {
      if (shuttingDown) return;
      shuttingDown = true;
      console.error(`\n[launcher] ${sig}: stopping everything this run started…`);
      const force = setTimeout(() => process.exit(code), 10_000);
      runCleanups().finally(() => { clearTimeout(force); process.exit(code); });
    });
  }
  process.on('exit', () => {
    for (const pgid of groups) { try { process.kill(-pgid, 'SIGKILL'); } catch { /* gone */ } }
  });
}

/** True once a signal started the shutdown (so watchers do not report the servers' exit as a failure). */
function isShuttingDown() { return shuttingDown; }

function sleep(ms) { return new Promise((r) => setTimeout(r, ms)); }

/** A free TCP port on 127.0.0.1 (or `preferred` when it is free). */
function freePort(preferred) {
  const tryPort = (port) => new Promise((resolve) => {
    const s = net.createServer();
    s.once('error', () => resolve(undefined));
    s.listen(port, '127.0.0.1', () => { const p = s.address().port; s.close(() => resolve(p)); });
  });
  return (async () => (preferred && (await tryPort(preferred))) || tryPort(0))();
}

module.exports = { stopGroup, trackGroup, onCleanup, runCleanups, groupAlive, freePort, sleep, isShuttingDown };
