// A display language for code-server, made here. What code-server does (read in 4.100.3's and
// 4.139.1's lib/vscode/out/server-main.js, from code-server's patches/display-language.diff):
//   1. The locale of a page is `--locale`, else `locale` in <user-data>/User/argv.json; a missing
//      argv.json reads as "en", so the vscode.nls.locale cookie and the browser's Accept-Language
//      count only when argv.json exists without a locale.
//   2. A locale other than en* is served only through an installed extension that contributes
//      `localizations` for it (a language pack) and is listed in <user-data>/languagepacks.json: the
//      server builds the workbench's nls.messages.js from the pack's translations[id=vscode] (VS Code's
//      English for every key the pack lacks), and that script sets the workbench's language. Without
//      a listed pack the workbench stays "en" whatever --locale says: VS Code's menus, and every
//      extension (vscode.env.language, package.nls.<lang>.json, l10n bundles), in English.
//   3. The running server writes languagepacks.json when a pack is installed through it (its
//      post-install participant), but `code-server --install-extension` before the start does not
//      (measured: no file), so registerLanguagePacks() writes it the same way for what is installed.
// The real pack (MS-CEINTL.vscode-language-pack-es) comes from the Marketplace or Open VSX, which
// cannot be reached here; the npm registry has none (@codingame/monaco-vscode-language-pack-es holds
// the same translations as an array indexed for CodinGame's own build of VS Code, not by VS Code's
// module and key). So the launcher makes a pack with no translations of its own: the workbench runs
// in the locale — vscode.env.language, package.nls.<locale>.json and l10n/bundle.l10n.<locale>.json
// apply — while VS Code's own texts fall back to English. Where a real pack can be had, pass its
// .vsix to startCodeServer with `languagePack: false`.
'use strict';
const { spawnSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '../..');
const NAMES = {
  es: ['Spanish', 'Español'],
  en: ['English', 'English'],
  fr: ['French', 'Français'],
  de: ['German', 'Deutsch'],
};

/**
 * Packages a language pack for `locale` as a .vsix in `dir` (a few seconds: vsce) and returns its path.
 * @param {string} locale e.g. "es"
 * @param {string} dir a folder of the run (the pack's sources and the .vsix are written there)
 */
function makeLanguagePack(locale, dir) {
  const [languageName, localizedLanguageName] = NAMES[locale] ?? [locale, locale];
  const src = path.join(dir, `language-pack-${locale}`);
  fs.mkdirSync(path.join(src, 'translations'), { recursive: true });
  const manifest = {
    name: `kallyai-test-language-pack-${locale}`,
    displayName: `${languageName} language pack (KallyAI tests)`,
    description: `Makes code-server's display language ${languageName} in the KallyAI tests.`,
    publisher: 'kallyai-tests',
    version: '1.0.0',
    license: 'MIT',
    private: true,
    engines: { vscode: '^1.100.0' },
    categories: ['Language Packs'],
    contributes: {
      localizations: [
        {
          languageId: locale,
          languageName,
          localizedLanguageName,
          translations: [{ id: 'vscode', path: './translations/main.i18n.json' }],
        },
      ],
    },
  };
  fs.writeFileSync(path.join(src, 'package.json'), JSON.stringify(manifest, null, 2));
  fs.writeFileSync(path.join(src, 'README.md'), `# ${manifest.displayName}\n\n${manifest.description}\n`);
  // No strings of VS Code's own: each falls back to VS Code's English (see above).
  fs.writeFileSync(path.join(src, 'translations/main.i18n.json'), JSON.stringify({ version: '1.0.0', contents: {} }));
  const vsix = path.join(dir, `${manifest.name}.vsix`);
  const r = spawnSync(
    path.join(ROOT, 'node_modules/.bin/vsce'),
    ['package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--out', vsix],
    { cwd: src, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
  if (r.status !== 0 || !fs.existsSync(vsix))
    throw new Error(`packaging the ${locale} language pack failed:\n${r.stdout}\n${r.stderr}`);
  return vsix;
}

/**
 * Writes <userDataDir>/languagepacks.json for the language packs installed in `extensionsDir`, as the
 * server's language-pack cache does after an install through it (same fields; the hash names the
 * folder the server caches the generated messages in). Returns the locales listed.
 */
function registerLanguagePacks(userDataDir, extensionsDir) {
  const listFile = path.join(extensionsDir, 'extensions.json');
  const installed = fs.existsSync(listFile) ? JSON.parse(fs.readFileSync(listFile, 'utf8')) : [];
  const packs = {};
  for (const ext of installed) {
    const dir = ext.location?.fsPath ?? path.join(extensionsDir, ext.relativeLocation);
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
    for (const l of manifest.contributes?.localizations ?? []) {
      const pack = (packs[l.languageId] ??= {
        hash: '',
        extensions: [],
        translations: {},
        label: l.localizedLanguageName ?? l.languageName,
      });
      pack.extensions.push({ extensionIdentifier: { id: ext.identifier.id }, version: manifest.version });
      for (const t of l.translations) pack.translations[t.id] = path.join(dir, t.path);
    }
  }
  for (const pack of Object.values(packs)) {
    const hash = crypto.createHash('md5');
    for (const e of pack.extensions) hash.update(e.extensionIdentifier.id).update(e.version);
    pack.hash = hash.digest('hex');
  }
  if (Object.keys(packs).length) fs.writeFileSync(path.join(userDataDir, 'languagepacks.json'), JSON.stringify(packs));
  return Object.keys(packs);
}

module.exports = { makeLanguagePack, registerLanguagePacks };
