#!/usr/bin/env node
// Writes the user settings of the "Run Extension (sandbox)" launch configuration
// (.vscode-test/dev-user-data/User/settings.json): kallyai.apiBaseUrl points at the sandbox that
// the preLaunchTask starts on 127.0.0.1:8790. A separate user-data folder keeps your own
// VS Code settings untouched. Usage: node scripts/devProfile.js [sandbox URL]
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const url = process.argv[2] || 'http://127.0.0.1:8790';
const file = path.resolve(__dirname, '../.vscode-test/dev-user-data/User/settings.json');
fs.mkdirSync(path.dirname(file), { recursive: true });
let settings = {};
try {
  settings = JSON.parse(fs.readFileSync(file, 'utf8'));
} catch {
  /* first run */
}
settings['kallyai.apiBaseUrl'] = url;
settings['workbench.startupEditor'] ??= 'none';
fs.writeFileSync(file, JSON.stringify(settings, null, 2) + '\n');
console.log(`kallyai.apiBaseUrl = ${url} in ${path.relative(process.cwd(), file)}`);
