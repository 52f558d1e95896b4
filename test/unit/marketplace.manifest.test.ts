/** What the Marketplace needs from package.json and the files beside it, so that `npm run package`
 *  makes a .vsix that vsce accepts without a warning and whose listing reads well: the icon, the
 *  gallery banner, categories VS Code knows, a handful of keywords, a CHANGELOG section for the
 *  version being packaged, the repository decision matching the package script's flags, README
 *  pictures that exist, and only the files that run in the .vsix (vsce's own file list). */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { listFiles, PackageManager } from '@vscode/vsce';

const root = path.resolve(__dirname, '../..');
/** The bundles esbuild.js builds into dist/. */
const { ENTRY_POINTS } = require(path.join(root, 'esbuild.js')) as { ENTRY_POINTS: Record<string, string> };
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
const changelog = fs.readFileSync(path.join(root, 'CHANGELOG.md'), 'utf8');

/** VS Code's extension categories (EXTENSION_CATEGORIES in src/vs/platform/extensions/common/extensions.ts,
 *  the enum of package.json's `categories` in 1.100 and later); the Marketplace files an extension
 *  under these only. */
const VSCODE_CATEGORIES = [
  'AI',
  'Azure',
  'Chat',
  'Data Science',
  'Debuggers',
  'Extension Packs',
  'Education',
  'Formatters',
  'Keymaps',
  'Language Packs',
  'Linters',
  'Machine Learning',
  'Notebooks',
  'Programming Languages',
  'SCM Providers',
  'Snippets',
  'Testing',
  'Themes',
  'Visualization',
  'Other',
];

/** The extension-manifest reference has given the Marketplace's keyword limit as 5 (later versions
 *  of the page say 30); vsce 3.9.1 counts none. Five fits both. */
const MAX_KEYWORDS = 5;

/** Keep a Changelog's kinds of change. */
const CHANGE_KINDS = ['Added', 'Changed', 'Deprecated', 'Removed', 'Fixed', 'Security'];

function pngSize(file: string): { width: number; height: number } {
  const bytes = fs.readFileSync(file);
  assert.ok(
    bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
    `${file} is not a PNG`,
  );
  assert.equal(bytes.subarray(12, 16).toString('latin1'), 'IHDR', `${file}: no IHDR chunk`);
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** WCAG relative luminance of #rrggbb. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5]
    .map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
    .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

const semverParts = (v: string) => v.split(/[.-]/).slice(0, 3).map(Number);
const newerFirst = (a: string, b: string) => {
  const [x, y] = [semverParts(a), semverParts(b)];
  return y[0] - x[0] || y[1] - x[1] || y[2] - x[2];
};

/** The flags of `npm run package` (the e2e launcher packages with the same script). */
const packageScript: string = pkg.scripts?.package ?? '';

describe('the Marketplace listing', () => {
  it('the icon is a PNG of at least 128×128 that exists (vsce refuses an SVG icon)', () => {
    assert.equal(typeof pkg.icon, 'string', 'package.json has no "icon"');
    assert.match(pkg.icon, /\.png$/i);
    const file = path.join(root, pkg.icon);
    assert.ok(fs.existsSync(file), `${pkg.icon} does not exist`);
    const { width, height } = pngSize(file);
    assert.equal(width, height, `${pkg.icon} is ${width}×${height}: the listing shows it square`);
    assert.ok(width >= 128, `${pkg.icon} is ${width}×${height}; the Marketplace wants at least 128×128`);
  });

  it("a gallery banner whose colour the theme's text can be read on", () => {
    const banner = pkg.galleryBanner;
    assert.ok(banner, 'package.json has no "galleryBanner"');
    assert.match(banner.color, /^#[0-9a-fA-F]{6}$/, 'galleryBanner.color is #rrggbb');
    assert.ok(['dark', 'light'].includes(banner.theme), 'galleryBanner.theme is "dark" or "light"');
    // A dark theme writes white text on the banner, a light one black: WCAG AA contrast (4.5:1).
    const l = luminance(banner.color);
    const contrast = banner.theme === 'dark' ? 1.05 / (l + 0.05) : (l + 0.05) / 0.05;
    assert.ok(contrast >= 4.5, `${banner.theme} text on ${banner.color}: contrast ${contrast.toFixed(2)}:1`);
  });

  it('categories VS Code knows, without "Other" beside real ones', () => {
    const categories: string[] = pkg.categories ?? [];
    assert.ok(categories.length > 0, 'package.json has no "categories"');
    assert.equal(new Set(categories).size, categories.length, 'a category twice');
    for (const c of categories)
      assert.ok(VSCODE_CATEGORIES.includes(c), `"${c}" is not a VS Code category: ${VSCODE_CATEGORIES.join(', ')}`);
    if (categories.length > 1)
      assert.ok(!categories.includes('Other'), '"Other" only hides the extension among the others');
  });

  it(`at most ${MAX_KEYWORDS} keywords, distinct, lower-case, not a category again`, () => {
    const keywords: string[] = pkg.keywords ?? [];
    assert.ok(keywords.length > 0, 'package.json has no "keywords"');
    assert.ok(keywords.length <= MAX_KEYWORDS, `${keywords.length} keywords: ${keywords.join(', ')}`);
    assert.equal(new Set(keywords).size, keywords.length, 'a keyword twice');
    const categories = new Set((pkg.categories ?? []).map((c: string) => c.toLowerCase()));
    for (const k of keywords) {
      assert.match(k, /^[a-z0-9][a-z0-9 .+-]*$/, `keyword "${k}"`);
      assert.ok(!categories.has(k), `keyword "${k}" repeats a category`);
    }
  });

  it('the repository decision matches the package script: a repository, or the flags that say there is none', () => {
    assert.match(packageScript, /^vsce package /, 'npm run package runs vsce package');
    if (pkg.repository) {
      const url = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository.url;
      assert.match(url, /^https:\/\//, 'repository.url is an https address');
      // With a repository vsce rewrites the README's relative links to it; the flags would only hide that.
      assert.doesNotMatch(packageScript, /--allow-missing-repository|--no-rewrite-relative-links/);
    } else {
      // Without one, vsce warns and asks (y/N) unless told, and it refuses README's relative images
      // ("Couldn't detect the repository where this extension is published") unless left as they are.
      assert.match(packageScript, /--allow-missing-repository/);
      if (/\]\((?!https?:|#|mailto:)[^)]+\)/.test(readme))
        assert.match(packageScript, /--no-rewrite-relative-links|--baseImagesUrl/);
    }
  });
});

describe('the CHANGELOG', () => {
  const headings = [...changelog.matchAll(/^## (.*)$/gm)].map((m) => m[1]);
  const versions = headings.map((h) => /^\[(\d+\.\d+\.\d+(?:-[\w.]+)?)\] - (\d{4}-\d{2}-\d{2}|Unreleased)$/.exec(h));

  it('is in Keep a Changelog style: "## [x.y.z] - YYYY-MM-DD" (or "- Unreleased") sections, newest first', () => {
    assert.match(changelog, /^# Changelog\n/);
    assert.match(changelog, /keepachangelog\.com/);
    headings.forEach((h, i) => assert.ok(h === '[Unreleased]' || versions[i], `heading "## ${h}"`));
    const listed = versions.filter((v) => v !== null).map((v) => v[1]);
    assert.ok(listed.length > 0, 'no version sections');
    assert.deepEqual(listed, [...listed].sort(newerFirst), 'versions are newest first');
    assert.equal(new Set(listed).size, listed.length, 'a version twice');
    // Only the version being prepared may be unreleased.
    versions.forEach((v) => {
      if (v && v[2] === 'Unreleased')
        assert.equal(v[1], pkg.version, `${v[1]} is marked Unreleased but package.json is ${pkg.version}`);
    });
    for (const kind of changelog.matchAll(/^### (.*)$/gm))
      assert.ok(CHANGE_KINDS.includes(kind[1]), `"### ${kind[1]}" is not one of ${CHANGE_KINDS.join(', ')}`);
  });

  it("has a section for package.json's version, on top, that says what changed", () => {
    const top = versions.find((v) => v !== null);
    assert.equal(top?.[1], pkg.version, `the newest section is ${top?.[1]}; package.json is ${pkg.version}`);
    const start = changelog.indexOf(`## [${pkg.version}]`);
    const next = changelog.indexOf('\n## ', start + 1);
    const section = changelog.slice(start, next < 0 ? undefined : next);
    assert.match(
      section,
      /^### (Added|Changed|Fixed|Removed|Deprecated|Security)$/m,
      'the section has a kind of change',
    );
    assert.ok((section.match(/^- /gm) ?? []).length >= 1, 'the section lists its changes');
  });
});

describe('the README pictures', () => {
  const images = [...readme.matchAll(/!\[([^\]]*)\]\(([^)\s]+)\)/g)].map((m) => ({ alt: m[1], src: m[2] }));
  const shots = fs.readdirSync(path.join(root, 'media/screenshots')).filter((f) => f.endsWith('.png'));

  it('every relative picture exists, is a PNG and says what it shows', () => {
    const local = images.filter((i) => !/^https?:/.test(i.src));
    assert.ok(local.length > 0, 'README.md shows no picture');
    for (const img of local) {
      assert.ok(fs.existsSync(path.join(root, img.src)), `${img.src} does not exist`);
      assert.match(img.src, /\.png$/, `${img.src}: vsce refuses SVG pictures in a README`);
      assert.ok(img.alt.length >= 20, `${img.src}: its alt text says what it shows`);
    }
  });

  it('every screenshot in media/screenshots/ is in the README (no stale pictures)', () => {
    const shown = new Set(images.map((i) => i.src));
    for (const f of shots) assert.ok(shown.has(`media/screenshots/${f}`), `media/screenshots/${f} is not in README.md`);
  });
});

describe('the .vsix', () => {
  /** What may be packed: what runs, and what the listing shows. */
  const allowed = [
    /^dist\/(extension\.js|commands\.js|phoneEngine\.js|errorSentences\.js|mcp\.js|codicon\.css|codicon\.ttf)$/,
    /^media\/pages\/[\w.-]+\.(js|css)$/,
    /^media\/(icon\.png|kallyai\.svg)$/,
    /^media\/walkthrough\/[\w.-]+\.(md|svg|png)$/,
    /^l10n\/bundle\.l10n(\.[\w-]+)?\.json$/,
    /^package(\.nls(\.[\w-]+)?)?\.json$/,
    /^(README\.md|CHANGELOG\.md|LICENSE)$/,
  ];

  it("holds only what runs and what the listing shows (vsce's own list of files)", async () => {
    const files = await listFiles({ cwd: root, packageManager: PackageManager.None });
    const stray = files.filter((f) => !allowed.some((re) => re.test(f)));
    assert.deepEqual(stray, [], `.vscodeignore lets these into the .vsix: ${stray.slice(0, 20).join(', ')}`);
    for (const kept of ['package.json', 'README.md', 'CHANGELOG.md', 'LICENSE', pkg.icon])
      assert.ok(files.includes(kept), `${kept} is not packed`);
    // Every file package.json names (the icon, the activity bar's and the views' icons, the pages' assets) is packed.
    const named = new Set<string>(JSON.stringify(pkg.contributes).match(/media\/[\w./-]+\.(svg|png)/g) ?? []);
    for (const f of named) assert.ok(files.includes(f), `${f} is named in package.json but not packed`);
    for (const dir of ['media/pages', 'media/walkthrough'])
      for (const f of fs.readdirSync(path.join(root, dir)))
        assert.ok(files.includes(`${dir}/${f}`), `${dir}/${f} is not packed`);
  });

  // `npm test` runs this beside the package and build layers, which rewrite dist/; the built files
  // are checked in a folder of their own, with the same package.json and .vscodeignore and a
  // stand-in for each bundle, so the answer never depends on how far a build has got.
  it('packs every bundle the extension loads (in a folder of its own, beside a build)', async (t) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kallyai-vsix-'));
    t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
    for (const f of fs.readdirSync(root))
      if (/^(package(\.nls(\.[\w-]+)?)?\.json|\.vscodeignore|README\.md|CHANGELOG\.md|LICENSE)$/.test(f))
        fs.copyFileSync(path.join(root, f), path.join(dir, f));
    const bundles = Object.keys(ENTRY_POINTS).map((b) => `dist/${b}.js`);
    fs.mkdirSync(path.join(dir, 'dist'));
    for (const f of [...bundles, 'dist/extension.js.map', 'dist/stray.txt']) fs.writeFileSync(path.join(dir, f), '');
    const files = await listFiles({ cwd: dir, packageManager: PackageManager.None });
    for (const f of bundles) assert.ok(files.includes(f), `${f} is built but not packed`);
    for (const f of ['dist/extension.js.map', 'dist/stray.txt']) assert.ok(!files.includes(f), `${f} would be packed`);
  });
});
