/** The manifest files as they are, and as `npm run manifest` would write them (the tests compare). */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildManifest, type ManifestFiles } from '../../scripts/manifest/buildManifest';

export const root = path.resolve(__dirname, '../..');
const readJson = (name: string) => JSON.parse(fs.readFileSync(path.join(root, name), 'utf8'));

export function currentManifest(): ManifestFiles {
  return {
    pkg: readJson('package.json'),
    readme: fs.readFileSync(path.join(root, 'README.md'), 'utf8'),
    nls: readJson('package.nls.json'),
    nlsEs: readJson('package.nls.es.json'),
  };
}

export const spanishBundle = (): Record<string, string> => readJson('l10n/bundle.l10n.es.json');

export const builtManifest = (): ManifestFiles => buildManifest(currentManifest(), spanishBundle());
