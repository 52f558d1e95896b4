// Entry point of the integration suite, run by VS Code inside a real extension host
// (extensionTestsPath = out/test/integration/index.js, built by test/launcher/buildSuites.js).
// Mocha with the TDD interface: suites use `suite`, `test`, `suiteSetup`, `setup`, `teardown`.
// Every compiled *.test.js beside this file is loaded; each *.test.ts is bundled on its own.
// Environment (passed through by the launchers):
//   KALLYAI_TEST_TIMEOUT_MS  per-test timeout (default 60000)
//   KALLYAI_TEST_GREP        only run tests whose full title matches this pattern
//   KALLYAI_TEST_FILES       comma-separated basenames (e.g. smoke,commands) to load only those files
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'tdd',
    reporter: 'spec',
    color: false,
    timeout: Number(process.env.KALLYAI_TEST_TIMEOUT_MS) || 60_000,
    grep: process.env.KALLYAI_TEST_GREP || undefined,
  });
  const only = (process.env.KALLYAI_TEST_FILES || '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const files = fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.test.js'))
    .filter((f) => only.length === 0 || only.includes(f.replace(/\.test\.js$/, '')))
    .sort();
  if (files.length === 0) return Promise.reject(new Error(`no *.test.js files in ${__dirname}`));
  for (const f of files) mocha.addFile(path.join(__dirname, f));
  // One `[failed] title: reason` line per failure, after the totals: scripts/test.js repeats them
  // under its summary, the part of a long CI log that is read first.
  const failed: string[] = [];
  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        // One plain line the launchers parse for the totals (scripts/test.js sums them).
        const { passes = 0, pending = 0 } = runner.stats ?? {};
        console.log(`[kallyai-tests] files=${files.length} passed=${passes} failed=${failures} pending=${pending}`);
        for (const line of failed) console.log(line);
        // The extension host exits as soon as this settles: give its last console lines (the
        // totals above) a moment to reach the window, where the launcher reads them.
        setTimeout(() => (failures > 0 ? reject(new Error(`${failures} test(s) failed`)) : resolve()), 500);
      });
      runner.on('fail', (t: Mocha.Test, err: Error) =>
        failed.push(
          `[failed] ${t.fullTitle()}: ${String(err?.message ?? err)
            .split('\n')[0]
            .slice(0, 300)}`,
        ),
      );
    } catch (e) {
      reject(e instanceof Error ? e : new Error(String(e)));
    }
  });
}
