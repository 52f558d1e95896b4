/** The .vsix meets the Open VSX registry's publishing requirements as it meets vsce's (checked
 *  offline: nothing is published from here), so editors built on VS Code that install from Open VSX
 *  (VSCodium and others) can get the same package. What Open VSX checks when a .vsix is published:
 *  - the namespace is package.json's `publisher`, and it and the extension `name` match
 *    `[\w\-\+\$~]+`, at most 255 characters (ExtensionValidator.validateNamespace/validateExtensionName
 *    in eclipse/openvsx server/src/main/java/org/eclipse/openvsx/ExtensionValidator.java; the
 *    namespace rule also in the Open VSX wiki, "Namespace Access");
 *  - the version is not empty, not a reserved word (latest, pre-release, reviews) and only letters,
 *    digits and $+-,.:;_ (checkVersion there);
 *  - displayName at most 255 characters, description at most 2048, categories, keywords and license
 *    at most 255 each, none with control, format, unassigned, private-use or line/paragraph-separator
 *    characters; homepage, repository and bugs, when given, are URLs with a host (validateMetadata);
 *    galleryBanner.color at most 16 characters, galleryBanner.theme dark or light;
 *  - a license: package.json's `license` or a LICENSE file in the package, else "This extension
 *    cannot be accepted because it has no license" (checkLicense in the publish handler; the
 *    registry's notices to publishers: "a license is now mandatory for publishing your extension
 *    to Open VSX");
 *  - an icon in a supported format: an SVG icon is refused ("unsupported icon format", validateIcon);
 *  - `ovsx publish` packages with vsce first (the ovsx README, npmjs.com/package/ovsx), so vsce's
 *    own rules hold too: publisher and name `^[a-z0-9][a-z0-9-]*$`, a semver version,
 *    engines.vscode, a README, no proposed API (`enabledApiProposals`) in a published extension.
 *  The files are vsce's own list of what it packs (the same list `npm run package` uses). */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { listFiles, PackageManager } from '@vscode/vsce';

const root = path.resolve(__dirname, '../..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const nls = JSON.parse(fs.readFileSync(path.join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;

/** A package.json text with its %key% resolved from package.nls.json, as the registries show it. */
const resolved = (value: string): string => {
  const key = /^%(.+)%$/.exec(value)?.[1];
  if (key === undefined) return value;
  assert.ok(key in nls, `${value} is not in package.nls.json`);
  return nls[key];
};

const OPEN_VSX_NAME = /^[\w\-+$~]+$/;
const VSCE_NAME = /^[a-z0-9][a-z0-9-]*$/i;
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;
/** Unicode general categories Open VSX refuses in texts: Cc, Cf, Cn, Co, Zl, Zp. */
const REFUSED_CHARACTERS = /[\p{Cc}\p{Cf}\p{Cn}\p{Co}\p{Zl}\p{Zp}]/u;

function checkText(field: string, value: string, limit: number): void {
  assert.equal(typeof value, 'string', `${field} is a string`);
  assert.ok(value.trim().length > 0, `${field} is empty`);
  assert.ok(value.length <= limit, `${field} is ${value.length} characters; Open VSX takes at most ${limit}`);
  assert.doesNotMatch(value, REFUSED_CHARACTERS, `${field} has a character Open VSX refuses`);
}

function isUrlWithHost(value: string): boolean {
  try {
    return new URL(value.replace(/^git\+/, '')).host.length > 0;
  } catch {
    return false;
  }
}

describe('Open VSX: the package meets its publishing requirements, as it meets vsce’s', () => {
  it('publisher (the namespace) and name: Open VSX’s pattern and vsce’s, at most 255 characters', () => {
    for (const field of ['publisher', 'name']) {
      const value: string = pkg[field];
      checkText(field, value, 255);
      assert.match(value, OPEN_VSX_NAME, `${field} "${value}" (Open VSX)`);
      assert.match(value, VSCE_NAME, `${field} "${value}" (vsce)`);
    }
  });

  it('a semver version with only the characters Open VSX allows, not a reserved word', () => {
    const version: string = pkg.version;
    assert.match(version, SEMVER);
    assert.match(version, /^[\p{L}\p{N}$+\-,.:;_]+$/u);
    assert.ok(!['latest', 'pre-release', 'reviews'].includes(version));
  });

  it('a license in package.json and a LICENSE file packed with it', async () => {
    checkText('license', pkg.license, 255);
    assert.match(pkg.license, /^[A-Za-z0-9.+-]+$/, 'an SPDX identifier');
    const files = await listFiles({ cwd: root, packageManager: PackageManager.None });
    assert.ok(files.includes('LICENSE'), 'LICENSE is not packed');
    assert.match(fs.readFileSync(path.join(root, 'LICENSE'), 'utf8'), new RegExp(`^${pkg.license} License`));
  });

  it('engines.vscode names the oldest VS Code it runs on; no proposed API', () => {
    assert.match(pkg.engines?.vscode ?? '', /^\^\d+\.\d+\.\d+$/);
    assert.equal(pkg.enabledApiProposals, undefined, 'a published extension may not use proposed API');
  });

  it('displayName and description (resolved from package.nls.json) within Open VSX’s limits', () => {
    checkText('displayName', resolved(pkg.displayName), 255);
    checkText('description', resolved(pkg.description), 2048);
    for (const c of pkg.categories ?? []) checkText('a category', c, 255);
    for (const k of pkg.keywords ?? []) checkText('a keyword', k, 255);
  });

  it('repository, homepage and bugs are URLs with a host when given; without a repository the package script says so', () => {
    for (const field of ['homepage', 'repository', 'bugs']) {
      const raw = pkg[field];
      if (raw === undefined) continue;
      const url = typeof raw === 'string' ? raw : raw.url;
      assert.ok(isUrlWithHost(url), `${field} "${url}" is not a URL Open VSX takes`);
      assert.ok(url.length <= 255);
    }
    if (pkg.repository === undefined) assert.match(pkg.scripts.package, /--allow-missing-repository/);
  });

  it('the gallery banner in the form Open VSX takes', () => {
    assert.ok(pkg.galleryBanner.color.length <= 16);
    assert.doesNotMatch(pkg.galleryBanner.color, REFUSED_CHARACTERS);
    assert.ok(['dark', 'light'].includes(pkg.galleryBanner.theme));
    if (pkg.markdown !== undefined) assert.ok(['github', 'standard'].includes(pkg.markdown));
    if (pkg.qna !== undefined) assert.ok(pkg.qna === 'marketplace' || pkg.qna === false || isUrlWithHost(pkg.qna));
  });

  it('the icon is a PNG that is packed (Open VSX refuses an SVG icon), and so is the README', async () => {
    assert.match(pkg.icon, /\.png$/);
    const bytes = fs.readFileSync(path.join(root, pkg.icon));
    assert.ok(bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])), 'a PNG');
    const files = await listFiles({ cwd: root, packageManager: PackageManager.None });
    assert.ok(files.includes(pkg.icon), `${pkg.icon} is not packed`);
    assert.ok(files.includes('README.md'), 'README.md is not packed');
    assert.ok(fs.readFileSync(path.join(root, 'README.md'), 'utf8').length > 0);
  });
});
