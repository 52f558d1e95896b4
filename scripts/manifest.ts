// npm run manifest — writes package.json's contributes.commands, menus, languageModelTools and
// chatParticipants, and the README's command and tool tables, from the tables in src
// (src/commands/presentation, src/tools/toolTable.ts, src/chat/chatCommands.ts). Run it after
// changing any of them; test/unit/commands.manifest.test.ts fails while they are out of date.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CHAT_PARTICIPANT } from '../src/chat/chatCommands';
import { withManifest, withReadmeTable } from '../src/commands/manifest';
import { allCommands } from '../src/commands/presentation';
import { languageModelTools, withReadmeToolTable } from '../src/tools/toolManifest';
import { tools } from '../src/tools/toolTable';

const root = path.resolve(__dirname, '..');
const pkgPath = path.join(root, 'package.json');
const readmePath = path.join(root, 'README.md');

const pkg = withManifest(JSON.parse(fs.readFileSync(pkgPath, 'utf8')), allCommands);
pkg.contributes = { ...pkg.contributes, chatParticipants: [CHAT_PARTICIPANT], languageModelTools: languageModelTools(tools) };
fs.writeFileSync(pkgPath, `${JSON.stringify(pkg, null, 2)}\n`);
fs.writeFileSync(readmePath, withReadmeToolTable(withReadmeTable(fs.readFileSync(readmePath, 'utf8'), allCommands), tools));
console.log(`manifest: ${allCommands.length} commands, ${tools.length} tools and the @kallyai participant written to package.json and README.md`);
