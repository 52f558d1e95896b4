/** Sign-in attacks accepted (target 0), against the real flows (src/auth/loopbackFlow.ts,
 *  pkceFlow.ts) and an auto-approving sandbox. Loopback: a callback carrying an attacker's
 *  tokens with a wrong, missing, empty, altered or another sign-in's state, on a wrong path,
 *  with a wrong method, or after the real callback. PKCE: a wrong or missing verifier, a replayed
 *  code, a replayed or forged callback, another redirect URI. A case fails when the attacker's
 *  tokens become the sign-in's, or when KallyAI hands out tokens for the attack. */
import { exchangeAuthorizationCode } from '../../src/auth/authApi';
import { createCodeVerifier, PkceFlow, type CodeExchange } from '../../src/auth/pkceFlow';
import { startLoopbackSignIn } from '../../src/auth/loopbackFlow';
import type { TokenSet } from '../../src/auth/tokens';
import { askKallyAI, clientFor, sandbox, visit } from '../../test/unit/auth.helpers';
import { total, within, type Section, type SectionRow } from './section';

const ATTACKER = 'attacker_access_token_0123456789';
const attackerQuery = (state: string | undefined) => {
  const q = new URLSearchParams({
    access_token: ATTACKER,
    refresh_token: 'rt_attacker_0123456789',
    expires_in: '3600',
  });
  if (state !== undefined) q.set('state', state);
  return q.toString();
};
const REDIRECT = 'vscode://kallyai.kallyai/auth/callback';

type Attack = { name: string; run: (baseUrl: string) => Promise<boolean> };

/** Runs a loopback sign-in with `attack` in the middle; true when the attacker's tokens won. */
async function loopback(
  baseUrl: string,
  attack: (ctx: { port: number; state: string; legit: string; other: string }) => Promise<void>,
  after = false,
): Promise<boolean> {
  const flow = await startLoopbackSignIn({ baseUrl, timeoutMs: 5000 });
  const other = await startLoopbackSignIn({ baseUrl, timeoutMs: 5000 });
  try {
    const legit = (await askKallyAI(flow.signInUrl)).location!;
    const ctx = {
      port: flow.port,
      state: new URL(flow.signInUrl).searchParams.get('state')!,
      legit,
      other: new URL(other.signInUrl).searchParams.get('state')!,
    };
    if (after) await visit(legit);
    await attack(ctx).catch(() => undefined); // a refused connection is a refused attack
    if (!after) await visit(legit).catch(() => undefined);
    const outcome = await within(6000, flow.tokens);
    return outcome.settled && (outcome.value as TokenSet | undefined)?.accessToken === ATTACKER;
  } finally {
    flow.close();
    other.close();
  }
}

const send = (port: number, path: string, query: string, method = 'GET'): Promise<void> =>
  fetch(`http://127.0.0.1:${port}${path}?${query}`, { method, redirect: 'manual' }).then(
    async (r) => void (await r.text()),
  );

const LOOPBACK: Attack[] = [
  { name: 'forged state', run: (b) => loopback(b, ({ port }) => send(port, '/', attackerQuery('forged-state'))) },
  { name: 'no state', run: (b) => loopback(b, ({ port }) => send(port, '/', attackerQuery(undefined))) },
  { name: 'empty state', run: (b) => loopback(b, ({ port }) => send(port, '/', attackerQuery(''))) },
  {
    name: 'state with one character changed',
    run: (b) =>
      loopback(b, ({ port, state }) =>
        send(port, '/', attackerQuery(`${state.slice(0, -1)}${state.endsWith('A') ? 'B' : 'A'}`)),
      ),
  },
  {
    name: "another sign-in's state",
    run: (b) => loopback(b, ({ port, other }) => send(port, '/', attackerQuery(other))),
  },
  {
    name: 'right state, wrong path',
    run: (b) => loopback(b, ({ port, state }) => send(port, '/callback/evil', attackerQuery(state))),
  },
  {
    name: 'right state, POST',
    run: (b) => loopback(b, ({ port, state }) => send(port, '/', attackerQuery(state), 'POST')),
  },
  {
    name: 'right state, PUT',
    run: (b) => loopback(b, ({ port, state }) => send(port, '/', attackerQuery(state), 'PUT')),
  },
  {
    name: 'a second callback after the real one',
    run: (b) => loopback(b, ({ port, state }) => send(port, '/', attackerQuery(state)), true),
  },
];

/** A PKCE sign-in whose code exchange is altered by `alter` (the attack); true when tokens came out. */
async function pkceWith(baseUrl: string, alter: (p: CodeExchange) => CodeExchange): Promise<boolean> {
  const flow = new PkceFlow({
    baseUrl,
    clientId: 'kallyai-vscode',
    exchange: (p) => exchangeAuthorizationCode(clientFor(baseUrl), alter(p)),
  });
  try {
    const pending = flow.begin({ redirectUri: REDIRECT });
    flow.handleCallback(new URL((await askKallyAI(pending.authorizeUrl)).location!).search);
    const outcome = await within(5000, pending.tokens);
    return outcome.settled && outcome.error === undefined;
  } finally {
    flow.dispose();
  }
}

/** A completed PKCE sign-in: the flow (still open), the callback query and the exchange it made. */
async function pkceDone(baseUrl: string) {
  let used: CodeExchange | undefined;
  const flow = new PkceFlow({
    baseUrl,
    clientId: 'kallyai-vscode',
    exchange: (p) => {
      used = p;
      return exchangeAuthorizationCode(clientFor(baseUrl), p);
    },
  });
  const pending = flow.begin({ redirectUri: REDIRECT });
  const query = new URL((await askKallyAI(pending.authorizeUrl)).location!).search;
  flow.handleCallback(query);
  await pending.tokens;
  return { flow, query, used: used! };
}

const PKCE: Attack[] = [
  { name: 'wrong verifier', run: (b) => pkceWith(b, (p) => ({ ...p, codeVerifier: createCodeVerifier() })) },
  { name: 'no verifier', run: (b) => pkceWith(b, (p) => ({ ...p, codeVerifier: undefined as unknown as string })) },
  {
    name: 'another redirect URI at the exchange',
    run: (b) => pkceWith(b, (p) => ({ ...p, redirectUri: 'http://127.0.0.1:9/evil' })),
  },
  { name: 'another client id at the exchange', run: (b) => pkceWith(b, (p) => ({ ...p, clientId: 'evil-client' })) },
  {
    name: 'replayed code',
    run: async (b) => {
      const { flow, used } = await pkceDone(b);
      flow.dispose();
      return exchangeAuthorizationCode(clientFor(b), used).then(
        () => true,
        () => false,
      );
    },
  },
  {
    name: 'replayed callback',
    run: async (b) => {
      const { flow, query } = await pkceDone(b);
      const accepted = flow.handleCallback(query);
      flow.dispose();
      return accepted;
    },
  },
  {
    name: 'forged or missing state in the callback',
    run: async (b) => {
      const flow = new PkceFlow({
        baseUrl: b,
        clientId: 'kallyai-vscode',
        exchange: (p) => exchangeAuthorizationCode(clientFor(b), p),
      });
      const pending = flow.begin({ redirectUri: REDIRECT });
      pending.tokens.catch(() => undefined);
      const code = new URL((await askKallyAI(pending.authorizeUrl)).location!).searchParams.get('code');
      const accepted = flow.handleCallback(`?code=${code}&state=forged-state`) || flow.handleCallback(`?code=${code}`);
      flow.dispose();
      return accepted;
    },
  },
];

export const signInAttacks: Section = {
  name: 'sign-in attacks accepted',
  async run() {
    const sb = await sandbox({ timeScale: 1000 });
    const rows: SectionRow[] = [];
    const examples: string[] = [];
    try {
      for (const [figure, attacks] of [
        ['loopback (/v1/auth/cli)', LOOPBACK],
        ['authorization code + PKCE', PKCE],
      ] as const) {
        const row: SectionRow = { figure, cases: 0, failures: 0 };
        for (const attack of attacks) {
          row.cases++;
          let accepted: boolean;
          try {
            accepted = await attack.run(sb.url);
          } catch (e) {
            accepted = false;
            if (!(e instanceof Error)) throw e;
          }
          if (accepted) {
            row.failures++;
            examples.push(`${figure}: ${attack.name} was accepted`);
          }
        }
        rows.push(row);
      }
      return total(rows, examples);
    } finally {
      await sb.close();
    }
  },
};
