// npm run manifest — writes package.json's contributes.commands and contributes.menus, and the
// README's command table, from the command table (src/commands/presentation). Run it after adding
// or changing a command; test/unit/manifest.test.ts fails while they are out of date.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { withManifest, withReadmeTable } from '../src/commands/manifest';
import { allCommands } from '../src/commands/presentation';

const root = path.resolve(__dirname, '..');
const pkgPath = path.join(root, 'package.json');
const readmePath = path.join(root, 'README.md');

const pkg = JSON.parse(fs.readFileSync(pkgPath, 'utf8'));
fs.writeFileSync(pkgPath, `${JSON.stringify(withManifest(pkg, allCommands), null, 2)}\n`);
fs.writeFileSync(readmePath, withReadmeTable(fs.readFileSync(readmePath, 'utf8'), allCommands));
console.log(`manifest: ${allCommands.length} commands written to package.json and README.md`);
