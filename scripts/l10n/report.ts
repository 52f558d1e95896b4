// npm run l10n — what the Spanish still lacks: runtime strings with no entry in
// l10n/bundle.l10n.es.json (with where each is shown), entries nothing shows any more, and
// package.json keys with no Spanish in package.nls.es.json. `--template` prints the missing runtime
// strings as JSON ({ "English": "English" }) to translate and merge into the bundle; then run
// `npm run manifest` (command titles, tools and chat take their Spanish from the bundle).
// Exits non-zero while anything is missing.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { extractMessages } from './extractMessages';

const root = path.resolve(__dirname, '../..');
const readJson = (name: string): Record<string, string> => (fs.existsSync(path.join(root, name)) ? JSON.parse(fs.readFileSync(path.join(root, name), 'utf8')) : {});

const messages = extractMessages(root);
const bundle = readJson('l10n/bundle.l10n.es.json');
const nls = readJson('package.nls.json');
const nlsEs = readJson('package.nls.es.json');

const missing = messages.filter((m) => !(m.message in bundle));
const shown = new Set(messages.map((m) => m.message));
const stale = Object.keys(bundle).filter((k) => !shown.has(k));
const missingNls = Object.keys(nls).filter((k) => !(k in nlsEs));

if (process.argv.includes('--template')) {
  console.log(JSON.stringify(Object.fromEntries(missing.map((m) => [m.message, m.message])), null, 2));
} else {
  console.log(`${messages.length} runtime strings, ${missing.length} without Spanish, ${stale.length} stale; ${Object.keys(nls).length} package.json texts, ${missingNls.length} without Spanish`);
  for (const m of missing) console.log(`  missing  ${m.file}:${m.line}  ${JSON.stringify(m.message)}`);
  for (const k of stale) console.log(`  stale    ${JSON.stringify(k)}`);
  for (const k of missingNls) console.log(`  nls      ${k}  ${JSON.stringify(nls[k])}`);
}
process.exitCode = missing.length || stale.length || missingNls.length ? 1 : 0;
