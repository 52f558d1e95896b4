/** Regenerates phoneMetadata.json: libphonenumber-js "max" metadata (with number types, so
 *  premium-rate numbers are recognised) reduced to SUPPORTED_COUNTRIES, ~26 KB instead of the
 *  ~157 KB of every country. Display formats (index 4 of a country entry) are kept only for
 *  FORMATTED_COUNTRIES; other numbers display as "+CC national-number". Run after upgrading
 *  libphonenumber-js:
 *    npx tsx src/api/validation/buildPhoneMetadata.ts */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SUPPORTED_COUNTRIES } from './phoneCountries';

const FORMATTED_COUNTRIES = new Set(['US', 'CA', 'GB', 'ES', 'FR', 'DE', 'IT']);
const FORMATS_INDEX = 4;

type Metadata = {
  version: number;
  country_calling_codes: Record<string, string[]>;
  countries: Record<string, unknown>;
  nonGeographic?: unknown;
};

const source = JSON.parse(readFileSync(require.resolve('libphonenumber-js/metadata.max.json'), 'utf8')) as Metadata;
const keep = new Set<string>(SUPPORTED_COUNTRIES);
const out: Metadata = { version: source.version, country_calling_codes: {}, countries: {}, nonGeographic: {} };
for (const [code, countries] of Object.entries(source.country_calling_codes)) {
  const kept = countries.filter((c) => keep.has(c));
  if (kept.length) out.country_calling_codes[code] = kept;
}
for (const c of SUPPORTED_COUNTRIES) {
  if (!source.countries[c]) throw new Error(`libphonenumber-js has no metadata for ${c}`);
  const entry = [...(source.countries[c] as unknown[])];
  if (!FORMATTED_COUNTRIES.has(c)) entry[FORMATS_INDEX] = undefined;
  out.countries[c] = entry;
}
const target = join(__dirname, 'phoneMetadata.json');
writeFileSync(target, JSON.stringify(out));
process.stdout.write(
  `wrote ${target} (${JSON.stringify(out).length} bytes, ${SUPPORTED_COUNTRIES.length} countries)\n`,
);
