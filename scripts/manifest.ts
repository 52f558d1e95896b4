// npm run manifest — writes package.json's contributes.commands, menus, languageModelTools and
// chatParticipants (their text as %keys%), the generated keys of package.nls.json and
// package.nls.es.json (Spanish from l10n/bundle.l10n.es.json), and the README's command and tool
// tables, from the tables in src (src/presentation, src/tools/toolTable.ts,
// src/chat/chatCommands.ts). Run it after changing any of them or the Spanish bundle;
// the unit tests fail while the files are out of date.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildManifest } from './manifest/buildManifest';

const root = path.resolve(__dirname, '..');
const file = (name: string) => path.join(root, name);
const readJson = (name: string) => (fs.existsSync(file(name)) ? JSON.parse(fs.readFileSync(file(name), 'utf8')) : {});
const writeJson = (name: string, value: unknown) => fs.writeFileSync(file(name), `${JSON.stringify(value, null, 2)}\n`);

const built = buildManifest(
  {
    pkg: readJson('package.json'),
    readme: fs.readFileSync(file('README.md'), 'utf8'),
    nls: readJson('package.nls.json'),
    nlsEs: readJson('package.nls.es.json'),
  },
  readJson('l10n/bundle.l10n.es.json'),
);
writeJson('package.json', built.pkg);
writeJson('package.nls.json', built.nls);
writeJson('package.nls.es.json', built.nlsEs);
fs.writeFileSync(file('README.md'), built.readme);
const commands = (built.pkg.contributes.commands as unknown[]).length;
const untranslated = Object.keys(built.nls).filter((k) => !(k in built.nlsEs));
console.log(
  `manifest: ${commands} commands, the tools and the @kallyai participant written to package.json, package.nls*.json and README.md` +
    (untranslated.length ? `; ${untranslated.length} keys have no Spanish yet (npm run l10n lists them)` : ''),
);
