import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { callbackPage, escapeHtml } from '../../src/auth/callbackPage';
import { MAX_PASTE_BYTES, NOT_A_TOKEN, parsePastedToken } from '../../src/auth/tokenPaste';
import {
  accountIdFromAccessToken,
  emailFromAccessToken,
  isExpiring,
  isTokenValue,
  MAX_TOKEN_LENGTH,
  safeEqual,
  tokenSetFromFields,
  tokenSetFromJson,
  tokenSetToJson,
} from '../../src/auth/tokens';

const NOW = 1_750_000_000_000;
const jwt = (payload: object) =>
  `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.sig`;

describe('token sets', () => {
  test('expires_in, expires_at (seconds, float, string, milliseconds) and the one-hour default', () => {
    assert.equal(tokenSetFromFields({ access_token: 'a', expires_in: 3600 }, NOW).expiresAt, NOW + 3_600_000);
    assert.equal(tokenSetFromFields({ access_token: 'a', expires_in: '120' }, NOW).expiresAt, NOW + 120_000);
    assert.equal(
      tokenSetFromFields({ access_token: 'a', expires_at: 1_750_003_600.75 }, NOW).expiresAt,
      1_750_003_600_750,
    );
    assert.equal(tokenSetFromFields({ access_token: 'a', expires_at: '1750003600' }, NOW).expiresAt, 1_750_003_600_000);
    assert.equal(
      tokenSetFromFields({ access_token: 'a', expires_at: 1_750_003_600_000 }, NOW).expiresAt,
      1_750_003_600_000,
    );
    assert.equal(tokenSetFromFields({ access_token: 'a' }, NOW).expiresAt, NOW + 3_600_000);
    assert.equal(tokenSetFromFields({ access_token: jwt({ exp: 1_750_000_600 }) }, NOW).expiresAt, 1_750_000_600_000);
  });

  test('a null or empty refresh token means none', () => {
    assert.equal(tokenSetFromFields({ access_token: 'a', refresh_token: null }, NOW).refreshToken, undefined);
    assert.equal(tokenSetFromFields({ access_token: 'a', refresh_token: '' }, NOW).refreshToken, undefined);
    assert.equal(tokenSetFromFields({ access_token: 'a', refresh_token: 'r' }, NOW).refreshToken, 'r');
    assert.throws(() => tokenSetFromFields({ refresh_token: 'r' }, NOW));
  });

  test('email claim and account id from the JWT payload, unverified', () => {
    const token = jwt({ sub: 'user_1', email: 'demo@kallyai.test' });
    assert.equal(emailFromAccessToken(token), 'demo@kallyai.test');
    assert.equal(accountIdFromAccessToken(token), 'user_1');
    assert.equal(emailFromAccessToken('opaque-token'), undefined);
    assert.equal(emailFromAccessToken('a.b.c'), undefined);
    assert.equal(emailFromAccessToken(jwt({ email: 'not an email' })), undefined);
    assert.equal(accountIdFromAccessToken('opaque'), 'kallyai');
  });

  test('expiry margin', () => {
    const t = { accessToken: 'a', expiresAt: NOW + 60_000 };
    assert.equal(isExpiring(t, NOW, 60_000), true);
    assert.equal(isExpiring(t, NOW - 1, 60_000), false);
  });

  test('stored form round-trips', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[\x21-\x7e]{1,200}$/),
        fc.option(fc.stringMatching(/^[\x21-\x7e]{1,200}$/), { nil: undefined }),
        fc.integer({ min: 0, max: 4_000_000_000_000 }),
        (accessToken, refreshToken, expiresAt) => {
          const t = refreshToken ? { accessToken, refreshToken, expiresAt } : { accessToken, expiresAt };
          assert.deepEqual(tokenSetFromJson(JSON.parse(JSON.stringify(tokenSetToJson(t)))), t);
        },
      ),
    );
  });

  test('a token is a header-safe value: visible ASCII, at most 16 KB; anything else is not a token, wherever it comes from', () => {
    for (const bad of [
      'a\r\nX-Injected: 1',
      'a\nb',
      'a b',
      'a\u0000',
      'a\u007f',
      'a\u0085',
      'tøken',
      'a…',
      'a'.repeat(MAX_TOKEN_LENGTH + 1),
    ]) {
      assert.equal(isTokenValue(bad), false, JSON.stringify(bad.slice(0, 20)));
      assert.throws(() => tokenSetFromFields({ access_token: bad }, NOW), /not a KallyAI token/);
      assert.throws(
        () => tokenSetFromFields({ access_token: 'good-token', refresh_token: bad }, NOW),
        /not a KallyAI token/,
      );
      assert.equal(
        tokenSetFromJson({ accessToken: bad, expiresAt: 1 }),
        undefined,
        'a stored value that is not a token is dropped',
      );
    }
    assert.equal(isTokenValue('a'.repeat(MAX_TOKEN_LENGTH)), true);
    assert.equal(isTokenValue(jwt({ sub: 'u' })), true);
  });

  test('safeEqual', () => {
    assert.equal(safeEqual('abc', 'abc'), true);
    assert.equal(safeEqual('abc', 'abd'), false);
    assert.equal(safeEqual('abc', 'abcd'), false);
  });
});

describe('pasted tokens', () => {
  const access = jwt({ sub: 'u', email: 'demo@kallyai.test', exp: 1_750_003_600 });

  test('the JSON from Settings → Developer → API Tokens', () => {
    const r = parsePastedToken(JSON.stringify({ access_token: access, refresh_token: 'rt_1', expires_in: 3600 }), NOW);
    assert.deepEqual(r, {
      ok: true,
      tokens: { accessToken: access, refreshToken: 'rt_1', expiresAt: NOW + 3_600_000 },
    });
    const withAt = parsePastedToken(
      `  {"access_token":"${access}","expires_at":1750003600.5,"refresh_token":null}\n`,
      NOW,
    );
    assert.deepEqual(withAt, { ok: true, tokens: { accessToken: access, expiresAt: 1_750_003_600_500 } });
  });

  test('a bare token, quoted, or with a Bearer prefix', () => {
    for (const text of [access, `"${access}"`, `'${access}'`, `\`${access}\``, `Bearer ${access}`, `  ${access}  `]) {
      const r = parsePastedToken(text, NOW);
      assert.equal(r.ok, true, text);
      assert.equal(r.ok && r.tokens.accessToken, access);
      assert.equal(r.ok && r.tokens.expiresAt, 1_750_003_600_000, 'expiry from the exp claim');
    }
  });

  test('the loopback redirect address, pasted from the browser', () => {
    const r = parsePastedToken(
      `http://127.0.0.1:5555/?access_token=${access}&refresh_token=rt_2&expires_in=3600&state=x`,
      NOW,
    );
    assert.equal(r.ok && r.tokens.refreshToken, 'rt_2');
  });

  test('refuses what is not a token, with a reason', () => {
    for (const text of [
      '',
      '   ',
      'hello world',
      '{"refresh_token":"x"}',
      '{broken',
      'http://127.0.0.1:5/?code=1',
      'short',
    ]) {
      const r = parsePastedToken(text, NOW);
      assert.equal(r.ok, false, text);
      assert.ok(!r.ok && r.reason.length > 0);
    }
  });

  test('control characters (C0, C1, DEL, CR/LF inside the value) or more than 16 KB: "not a KallyAI token", whatever the form', () => {
    const notAToken = (text: string) => {
      const r = parsePastedToken(text, NOW);
      assert.deepEqual(r, { ok: false, reason: NOT_A_TOKEN }, JSON.stringify(text.slice(0, 50)));
    };
    for (const c of ['\r\n', '\n', '\r', '\u0000', '\u0007', '\u001b', '\u007f', '\u0085', '\u009b', '\t']) {
      notAToken(`${access.slice(0, 10)}${c}${access.slice(10)}`);
      notAToken(JSON.stringify({ access_token: `${access}${c}x`, expires_in: 3600 }));
      notAToken(`http://127.0.0.1:5555/?access_token=${access.slice(0, 10)}${c}${access.slice(10)}`);
    }
    notAToken(`Bearer ${access}\r\nX-Injected: yes`);
    notAToken('a'.repeat(1024 * 1024));
    notAToken(`"${'a'.repeat(MAX_PASTE_BYTES)}"`);
    // Fewer than 16 K characters, more than 16 KB of UTF-8.
    notAToken(JSON.stringify({ access_token: access, expires_in: 3600, note: 'é'.repeat(MAX_PASTE_BYTES / 2) }));
    assert.equal(
      parsePastedToken(JSON.stringify({ access_token: access, expires_in: 3600, note: 'é'.repeat(100) }), NOW).ok,
      true,
    );
    // What is only around the token, or the JSON's own layout, is not part of it.
    assert.equal(parsePastedToken(`\r\n  ${access}\r\n`, NOW).ok, true);
    assert.equal(
      parsePastedToken(JSON.stringify({ access_token: access, expires_in: 3600 }, null, 2).replace(/\n/g, '\r\n'), NOW)
        .ok,
      true,
    );
  });

  test('any JSON token set survives being pasted', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[A-Za-z0-9._-]{16,80}$/),
        fc.option(fc.stringMatching(/^[A-Za-z0-9_-]{8,40}$/), { nil: undefined }),
        fc.integer({ min: 1, max: 86_400 }),
        (accessToken, refreshToken, expiresIn) => {
          const r = parsePastedToken(
            JSON.stringify({ access_token: accessToken, refresh_token: refreshToken ?? null, expires_in: expiresIn }),
            NOW,
          );
          assert.ok(r.ok);
          assert.equal(r.tokens.accessToken, accessToken);
          assert.equal(r.tokens.refreshToken, refreshToken);
          assert.equal(r.tokens.expiresAt, NOW + expiresIn * 1000);
        },
      ),
    );
  });
});

describe('callback page', () => {
  test('escapes any text it shows', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const escaped = escapeHtml(text);
        assert.ok(!/[<>"'`]/.test(escaped));
        assert.ok(!/&(?!#\d+;)/.test(escaped), 'every & starts an entity');
        const page = callbackPage('error', text);
        assert.ok(page.html.includes(escaped));
      }),
    );
  });

  test('the success page says the user can close the tab, and its CSP allows only its own nonce', () => {
    const page = callbackPage('success');
    assert.match(page.html, /You are signed in to KallyAI\. You can close this tab\./);
    const nonce = /nonce-([A-Za-z0-9_-]+)/.exec(page.csp)?.[1];
    assert.ok(nonce && page.html.includes(`nonce="${nonce}"`));
    assert.match(page.csp, /^default-src 'none'/);
  });
});
