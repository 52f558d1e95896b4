/** Spanish: every string people read has a translation with the same placeholders — the runtime
 *  strings (l10n/bundle.l10n.es.json, found in the source by scripts/l10n/extractMessages.ts) and
 *  package.json's text (package.nls.json / package.nls.es.json); package.json has no literal left
 *  but the product name; the nls files are what `npm run manifest` writes. `npm run l10n` lists
 *  what is missing. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { extractFrom, extractMessages, placeholders, translatedAtLoad } from '../../scripts/l10n/extractMessages';
import { nlsKeyOf, PRODUCT_NAME, userFacingText } from '../../scripts/manifest/packageNls';
import { builtManifest, currentManifest, root, spanishBundle } from './manifestFiles';

/** What must survive translation: placeholders, codicons, command links and inline code. */
function invariants(text: string) {
  return {
    placeholders: placeholders(text),
    codicons: (text.match(/\$\([a-z0-9-~]+\)/g) ?? []).sort(),
    links: (text.match(/\]\((command:[^)]*|https?:[^)]*)\)/g) ?? []).sort(),
    code: (text.match(/`[^`]+`/g) ?? []).sort(),
  };
}

describe('Spanish: the runtime strings', () => {
  const messages = extractMessages(root);
  const es = spanishBundle();

  it('the extractor finds every kind of message: t(), l10n.t(), count() and presentation data', () => {
    const found = extractFrom(
      'src/presentation/x.ts',
      [
        "t('One {0}'); vscode.l10n.t('Two'); l10n.t(ok ? 'Three' : 'Four');",
        "count(n, '{0} goal', '{0} goals');",
        "const p = { title: 'Five…', placeholder: 'Six', modelDescription: 'not shown to people', choiceLabels: { a: 'Seven' } };",
      ].join('\n'),
    ).map((m) => m.message);
    assert.deepEqual(found, ['One {0}', 'Two', 'Three', 'Four', '{0} goal', '{0} goals', 'Five…', 'Six', 'Seven']);
    assert.ok(messages.length > 1500, `only ${messages.length} messages found in src/`);
  });

  it('every one has a Spanish entry', () => {
    const missing = messages.filter((m) => typeof es[m.message] !== 'string' || !es[m.message].trim());
    assert.deepEqual(
      missing.map((m) => `${m.file}:${m.line} ${JSON.stringify(m.message)}`),
      [],
      'run `npm run l10n` for the list',
    );
  });

  it('each translation keeps the placeholders, codicons, links and code of its English', () => {
    const wrong = messages.filter(
      (m) =>
        (es[m.message] !== undefined &&
          JSON.stringify(invariants(m.message).placeholders) !==
            JSON.stringify(invariants(es[m.message]).placeholders)) ||
        (es[m.message] !== undefined &&
          JSON.stringify(invariants(m.message).codicons) !== JSON.stringify(invariants(es[m.message]).codicons)),
    );
    assert.deepEqual(
      wrong.map((m) => `${JSON.stringify(m.message)} → ${JSON.stringify(es[m.message])}`),
      [],
    );
  });

  it('nothing is translated when a module loads (it would stay English): data is translated where it is shown', () => {
    assert.deepEqual(translatedAtLoad(root), []);
  });

  it('the bundle has no entry for a string the extension no longer shows', () => {
    const shown = new Set(messages.map((m) => m.message));
    assert.deepEqual(
      Object.keys(es).filter((k) => !shown.has(k)),
      [],
    );
  });
});

describe("Spanish: package.json's text", () => {
  const { pkg, nls, nlsEs } = currentManifest();

  it('every field people read is a %key% (only the product name stays as it is)', () => {
    const fields = userFacingText(pkg);
    assert.ok(fields.length > 300, `${fields.length} fields`);
    const literals = fields.filter(([, value]) => !nlsKeyOf(value) && value !== PRODUCT_NAME);
    assert.deepEqual(literals, []);
  });

  it('every %key% is in package.nls.json and package.nls.es.json, and neither has a key nothing uses', () => {
    const used = new Set(
      userFacingText(pkg)
        .map(([, v]) => nlsKeyOf(v))
        .filter((k): k is string => k !== undefined),
    );
    assert.deepEqual(
      [...used].filter((k) => !(k in nls)),
      [],
      'keys missing from package.nls.json',
    );
    assert.deepEqual(
      [...used].filter((k) => !(k in nlsEs)),
      [],
      'keys missing from package.nls.es.json (npm run l10n)',
    );
    assert.deepEqual(
      Object.keys(nls).filter((k) => !used.has(k)),
      [],
      'package.nls.json keys nothing uses',
    );
    assert.deepEqual(
      Object.keys(nlsEs).filter((k) => !used.has(k)),
      [],
      'package.nls.es.json keys nothing uses',
    );
  });

  it('each Spanish text keeps the placeholders, codicons, command links and code of its English', () => {
    const wrong = Object.keys(nls).filter(
      (k) => k in nlsEs && JSON.stringify(invariants(nls[k])) !== JSON.stringify(invariants(nlsEs[k])),
    );
    assert.deepEqual(
      wrong.map((k) => `${k}: ${JSON.stringify(invariants(nls[k]))} ≠ ${JSON.stringify(invariants(nlsEs[k]))}`),
      [],
    );
  });

  it('the nls files are what `npm run manifest` writes (command titles, tools and chat take their Spanish from the bundle)', () => {
    const built = builtManifest();
    assert.deepEqual(nls, built.nls);
    assert.deepEqual(nlsEs, built.nlsEs);
  });
});
