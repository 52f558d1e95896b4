/** `npm run reliability`: the figures later work must keep, each with the number of cases tried.
 *  Local only (the sandbox and hostile servers on 127.0.0.1) and bounded (about a minute; every
 *  case has its own time limit). Prints a Markdown table, or with `--json` one JSON document.
 *  Exits 1 when a figure misses its target. Sections are listed in sections.ts. */
import { SECTIONS } from './sections';
import type { SectionResult } from './section';

interface Report {
  section: string;
  target: number;
  result: SectionResult;
  seconds: number;
}

async function main(): Promise<void> {
  const asJson = process.argv.includes('--json');
  const reports: Report[] = [];
  for (const section of SECTIONS) {
    const started = performance.now();
    if (!asJson) process.stderr.write(`reliability: ${section.name}…\n`);
    const result = await section.run();
    reports.push({
      section: section.name,
      target: section.target ?? 0,
      result,
      seconds: Math.round((performance.now() - started) / 100) / 10,
    });
  }
  const missed = reports.filter((r) => r.result.failures > r.target);
  if (asJson) {
    console.log(JSON.stringify({ ok: missed.length === 0, sections: reports }, null, 2));
  } else {
    console.log(table(reports));
    for (const r of missed) for (const example of r.result.examples ?? []) console.log(`- ${r.section}: ${example}`);
  }
  process.exitCode = missed.length ? 1 : 0;
}

function table(reports: Report[]): string {
  const lines = ['| figure | target | result | cases tried |', '|---|---:|---:|---:|'];
  for (const r of reports) {
    lines.push(`| **${r.section}** | ${r.target} | **${r.result.failures}** | ${r.result.cases} |`);
    for (const row of r.result.rows ?? [])
      lines.push(`| &nbsp;&nbsp;${row.figure} | ${r.target} | ${row.failures} | ${row.cases} |`);
  }
  const cases = reports.reduce((n, r) => n + r.result.cases, 0);
  const seconds = reports.reduce((n, r) => n + r.seconds, 0);
  lines.push('', `${cases} cases in ${Math.round(seconds)} s.`);
  return lines.join('\n');
}

main().then(
  () => process.exit(),
  (e: unknown) => {
    console.error(`reliability: ${e instanceof Error ? e.stack : String(e)}`);
    process.exit(2);
  },
);
