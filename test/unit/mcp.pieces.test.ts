/** The MCP server's pieces as functions, in plain Node: the command line, the language of a
 *  request, the consent elicitation (what counts as a yes; what the question may hold), the
 *  handed-over session's encoding, the tool list's annotations and where a sign-in is kept. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { ops } from '../../src/api/catalogue';
import { presentationOf } from '../../src/presentation';
import { promptText } from '../../src/format/sinks';
import { cannotAskText, consentElicitation, consented } from '../../src/mcp/consentRequest';
import { decodeHandedSession, encodeHandedSession } from '../../src/mcp/handoff';
import { languageOfAcceptLanguage, languageOfEnvironment, languageOfTag, Languages } from '../../src/mcp/language';
import { OptionsError, parseOptions } from '../../src/mcp/options';
import { tokenFileFor } from '../../src/mcp/sessions';
import { mcpTools } from '../../src/mcp/toolList';
import { buildStakes, consentSpecFor } from '../../src/pipeline/consent/stakes';
import { t } from '../../src/format';
import { tools } from '../../src/tools/toolTable';

const stakesOf = (business: string) =>
  buildStakes(
    ops.calls.create,
    consentSpecFor(ops.calls.create, presentationOf(ops.calls.create)),
    {
      input: {
        body: {
          submission: {
            task_category: 'restaurant',
            task_description: 'Book a table for 2 tomorrow at 8pm.',
            respondent_phone: '+12015550100',
            business_name: business,
          },
          timezone: 'UTC',
        },
      },
      client: undefined as never,
      baseUrl: 'https://api.kallyai.com',
    },
    { kind: 'amount', amount: 1.5, source: 'price' },
    20,
  );

describe("the MCP server's command line", () => {
  it("serves KallyAI's API by default; --api-base-url takes https, or http on this computer only", () => {
    assert.deepEqual(parseOptions([], {}), {
      command: 'serve',
      apiBaseUrl: 'https://api.kallyai.com',
      origin: 'https://api.kallyai.com',
      tokenFile: undefined,
      vscode: false,
      locale: undefined,
      defaultCountry: 'US',
      openBrowser: true,
    });
    const local = parseOptions(
      ['--api-base-url', 'http://127.0.0.1:8790/', '--locale=es', '--default-country', 'es'],
      {},
    );
    assert.equal(local.apiBaseUrl, 'http://127.0.0.1:8790');
    assert.equal(local.origin, 'http://127.0.0.1:8790');
    assert.equal(local.locale, 'es');
    assert.equal(local.defaultCountry, 'ES');
    assert.throws(() => parseOptions(['--api-base-url', 'http://api.example.com'], {}), OptionsError);
    assert.throws(() => parseOptions(['--api-base-url', 'not a url'], {}), OptionsError);
    assert.throws(() => parseOptions(['--api-base-url'], {}), /needs a value/);
    assert.throws(() => parseOptions(['--default-country', 'Spain'], {}), /two-letter/);
    assert.throws(() => parseOptions(['--confirm-everything'], {}), /Unknown option/);
    assert.equal(parseOptions(['--sign-in', '--no-browser'], {}).command, 'signIn');
    assert.equal(parseOptions(['--sign-in'], {}).openBrowser, true);
    assert.equal(parseOptions([], { KALLYAI_API_BASE_URL: 'http://localhost:9' }).origin, 'http://localhost:9');
  });

  it('--vscode takes its session from VS Code only: no sign-in, no token file', () => {
    assert.equal(parseOptions(['--vscode'], {}).vscode, true);
    assert.throws(() => parseOptions(['--vscode', '--sign-in'], {}), /from VS Code/);
    assert.throws(() => parseOptions(['--vscode', '--token-file', '/tmp/x'], {}), /from VS Code/);
  });

  it("keeps the CLI's file for KallyAI's API and a file of its own for any other (a sandbox never replaces the real sign-in)", () => {
    assert.equal(tokenFileFor('https://api.kallyai.com'), join(homedir(), '.kallyai_token.json'));
    assert.equal(tokenFileFor('http://127.0.0.1:8790'), join(homedir(), '.kallyai_token.127.0.0.1-8790.json'));
    assert.equal(tokenFileFor('http://[::1]:8790'), join(homedir(), '.kallyai_token.___1_-8790.json'));
  });
});

describe("the language of a person's question", () => {
  it('from a tag, an Accept-Language value (by weight, then order) or the environment', () => {
    assert.equal(languageOfTag('es-MX'), 'es');
    assert.equal(languageOfTag('es_ES.UTF-8'), 'es');
    assert.equal(languageOfTag('C'), undefined);
    assert.equal(languageOfTag('fr'), undefined);
    assert.equal(languageOfAcceptLanguage('fr-FR, es;q=0.8, en;q=0.9'), 'en');
    assert.equal(languageOfAcceptLanguage('fr-FR, es;q=0.9, en;q=0.8'), 'es');
    assert.equal(languageOfAcceptLanguage('es;q=0, en'), 'en');
    assert.equal(languageOfAcceptLanguage('de, *;q=0.1'), 'en');
    assert.equal(languageOfAcceptLanguage('de'), undefined);
    assert.equal(languageOfEnvironment({ LANG: 'es_AR.UTF-8' }), 'es');
    assert.equal(languageOfEnvironment({ LC_ALL: 'en_US.UTF-8', LANG: 'es_ES.UTF-8' }), 'en');
    assert.equal(languageOfEnvironment({}), undefined);
  });

  it("builds in the request's language and leaves English behind for what models read", () => {
    const languages = new Languages(join(__dirname, '../../l10n'), 'en');
    assert.equal(languages.forRequest({ 'io.modelcontextprotocol/acceptLanguage': 'es' }), 'es');
    assert.equal(languages.forRequest({ 'io.modelcontextprotocol/acceptLanguage': 42 }), 'en');
    assert.equal(languages.forRequest(undefined), 'en');
    assert.equal(
      languages.words('es')(() => t('This cannot be undone.')),
      'Esto no se puede deshacer.',
    );
    assert.equal(t('This cannot be undone.'), 'This cannot be undone.');
    assert.equal(
      new Languages('/nonexistent', 'es').words('es')(() => t('This cannot be undone.')),
      'This cannot be undone.',
      'no bundle: English',
    );
  });
});

describe('the consent elicitation', () => {
  it("asks the modal's question with the stakes, and one yes/no named by the action, no unless made yes", () => {
    const params = consentElicitation(stakesOf("Luigi's"));
    assert.equal(params.mode, 'form');
    assert.match(params.message, /^Call Luigi's now\?\n\n/);
    assert.match(params.message, /Estimated cost: about 1\.5 credits/);
    assert.match(params.message, /Your balance: 20 credits/);
    assert.match(params.message, /This cannot be undone\./);
    assert.deepEqual(params.requestedSchema.required, ['confirm']);
    const field = params.requestedSchema.properties.confirm as { type: string; title: string; default: boolean };
    assert.deepEqual([field.type, field.title, field.default], ['boolean', 'Place Call', false]);
  });

  it('only an accepted form with the yes is a yes', () => {
    assert.equal(consented({ action: 'accept', content: { confirm: true } }), true);
    assert.equal(consented({ action: 'accept', content: { confirm: false } }), false);
    assert.equal(consented({ action: 'accept', content: { confirm: 'true' } }), false);
    assert.equal(consented({ action: 'accept' }), false);
    assert.equal(consented({ action: 'decline' }), false);
    assert.equal(consented({ action: 'cancel', content: { confirm: true } }), false);
  });

  it('service text in the question can form no link (inline, reference or definition) and hides nothing', () => {
    const business = '[Bank](command:kallyai.test.canary) [x][1]\n[1]: https://evil.example \u202eevil\u200b';
    const message = consentElicitation(stakesOf(business)).message;
    assert.doesNotMatch(message, /\]\(|\]\[|\]:/);
    assert.doesNotMatch(message, /[\u202e\u200b]/);
    assert.ok(promptText('q'.repeat(10_000), ['l'.repeat(10_000)]).length <= 2_302);
  });

  it('a client that cannot ask: the model is told nothing was sent, the stakes, and where the person can approve', () => {
    const text = cannotAskText(stakesOf("Luigi's"));
    assert.match(text, /^Not done: .*cannot ask them.*nothing was sent\./);
    assert.match(text, /It would ask: Call Luigi's now\?/);
    assert.match(text, /\+1•+00|\+12•+00/, 'the number masked for the model');
    assert.match(text, /approve this in VS Code/);
  });
});

describe('the session VS Code hands over', () => {
  it('round-trips, and anything else is no session', () => {
    const session = {
      accessToken: 'tok_abcdefghijklmnop',
      expiresAt: 1_750_000_000_000,
      origin: 'https://api.kallyai.com',
    };
    assert.deepEqual(decodeHandedSession(encodeHandedSession(session)), session);
    for (const bad of [
      undefined,
      '',
      'not json',
      '{}',
      '[]',
      'null',
      JSON.stringify({ access_token: 'a b', expires_at: 1, api_origin: 'x' }),
      JSON.stringify({ access_token: 'tok', expires_at: 'soon', api_origin: 'x' }),
      'x'.repeat(40_000),
    ]) {
      assert.equal(decodeHandedSession(bad), undefined, String(bad).slice(0, 40));
    }
    assert.doesNotMatch(encodeHandedSession(session), /refresh/, 'never a refresh token');
  });
});

describe('the tool list', () => {
  it('annotations from the catalogue: read-only, destructive when irreversible, never both', () => {
    for (const tool of mcpTools(tools)) {
      const op = tools.find((s) => s.name === tool.name)!.op;
      assert.equal(tool.annotations?.readOnlyHint, op.readOnly);
      assert.equal(tool.annotations?.destructiveHint, !op.readOnly && op.irreversible);
      assert.ok(!(tool.annotations?.readOnlyHint && tool.annotations?.destructiveHint), tool.name);
    }
    const call = mcpTools(tools).find((x) => x.name === 'kallyai_place_call')!;
    assert.deepEqual([call.annotations?.readOnlyHint, call.annotations?.destructiveHint], [false, true]);
  });
});
