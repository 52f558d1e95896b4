// A node:test reporter run beside `spec` by scripts/runUnitTests.js: one `[failed] file › test: reason`
// line per failed test (suites that fail only because a test in them did are left out), which
// scripts/test.js repeats under its summary.
import path from 'node:path';

const firstLine = (text) =>
  String(text)
    .split('\n')
    .find((l) => l.trim())
    ?.trim()
    .slice(0, 300) ?? '';

export default async function* unitFailureLines(source) {
  for await (const { type, data } of source) {
    if (type !== 'test:fail' || data.details?.type === 'suite') continue;
    const error = data.details?.error;
    const reason = error?.cause?.message ?? error?.message ?? error;
    yield `[failed] ${data.file ? `${path.basename(data.file)} › ` : ''}${data.name}: ${firstLine(reason)}\n`;
  }
}
