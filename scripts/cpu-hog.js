#!/usr/bin/env node
// A CPU hog for proving the suite stable under load (issue 22): N busy-loop processes at low
// priority beside a test run, as a machine busy with other work would have them.
//   node scripts/cpu-hog.js start [--procs 2] [--nice 19]   starts them detached, prints their pids,
//                                                           and writes them to test-results/cpu-hog.pids
//   node scripts/cpu-hog.js stop                            stops exactly those pids (each checked
//                                                           to still be one of ours first), removes the file
//   node scripts/cpu-hog.js status                          which of them still run
// Each hog is `node scripts/cpu-hog.js spin`: a loop that never sleeps. Stopping is by pid only,
// never by name, and only a pid whose command line is still this script's `spin` is signalled.
// Example (three runs under the hog, as the issue asks):
//   node scripts/cpu-hog.js start && .ci/run; node scripts/cpu-hog.js stop
'use strict';
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const PIDS = path.join(ROOT, 'test-results', 'cpu-hog.pids'); // git-ignored

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

/** Whether `pid` is still a hog this script started (its command line ends in "cpu-hog.js spin"). */
function isOurs(pid) {
  try {
    const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    return cmd.length >= 2 && cmd[cmd.length - 2].endsWith('cpu-hog.js') && cmd[cmd.length - 1] === 'spin';
  } catch {
    return false;
  }
}

function readPids() {
  if (!fs.existsSync(PIDS)) return [];
  return fs.readFileSync(PIDS, 'utf8').split(/\s+/).filter(Boolean).map(Number).filter(Number.isInteger);
}

function start() {
  const running = readPids().filter(isOurs);
  if (running.length) {
    console.error(`[cpu-hog] already running: ${running.join(' ')} (node scripts/cpu-hog.js stop first)`);
    process.exit(1);
  }
  const procs = option('procs', 2);
  const nice = option('nice', 19);
  const pids = [];
  for (let i = 0; i < procs; i++) {
    const child = spawn(process.execPath, [path.join(__dirname, 'cpu-hog.js'), 'spin'], {
      detached: true,
      stdio: 'ignore',
    });
    child.unref();
    try {
      os.setPriority(child.pid, nice);
    } catch (e) {
      console.error(`[cpu-hog] could not lower the priority of ${child.pid}: ${e.message}`);
    }
    pids.push(child.pid);
  }
  fs.mkdirSync(path.dirname(PIDS), { recursive: true });
  fs.writeFileSync(PIDS, `${pids.join('\n')}\n`);
  console.log(
    `[cpu-hog] started ${procs} busy loop(s) at nice ${nice}: pids ${pids.join(' ')} (in ${path.relative(process.cwd(), PIDS) || PIDS})`,
  );
}

function stop() {
  const pids = readPids();
  for (const pid of pids) {
    if (!isOurs(pid)) {
      console.log(`[cpu-hog] ${pid} is gone (or no longer ours): left alone`);
      continue;
    }
    try {
      process.kill(pid, 'SIGTERM');
      console.log(`[cpu-hog] stopped ${pid}`);
    } catch (e) {
      console.error(`[cpu-hog] ${pid}: ${e.message}`);
    }
  }
  fs.rmSync(PIDS, { force: true });
}

function status() {
  const pids = readPids();
  if (!pids.length) return console.log('[cpu-hog] none started');
  for (const pid of pids) console.log(`[cpu-hog] ${pid}: ${isOurs(pid) ? 'running' : 'gone'}`);
}

function spin() {
  let x = 0;
  for (;;) x = (x + Math.sqrt(x + 1)) % 1e9;
}

const commands = { start, stop, status, spin };
const command = commands[process.argv[2]];
if (!command) {
  console.error('usage: node scripts/cpu-hog.js start [--procs 2] [--nice 19] | stop | status');
  process.exit(2);
}
command();
