/** Token and full-number leaks into logs and error messages (target 0). A hostile local server
 *  echoes what it was sent: the 25 token echo cases of test/unit/tokenEcho.cases.ts for three
 *  token sets held by the auth layer (JWT-shaped, opaque `rt_…`, opaque with "/", "+", "="),
 *  and a phone number we called echoed back in 8 spellings × 4 error shapes. A case fails when a
 *  token or the full number shows in KallyApiError.message, serverMessage or a client log line. */
import type { IncomingMessage } from 'node:http';
import { ops } from '../../src/api/catalogue';
import { KallyClient } from '../../src/api/client';
import { KallyApiError } from '../../src/api/errors';
import { AuthService } from '../../src/auth/authService';
import { MemorySecretStore } from '../../src/auth/memorySecretStore';
import { newSession } from '../../src/auth/sessionStore';
import { hostileServer } from '../../test/unit/hostile.helpers';
import { echoCases, json, lowerHex, text, type Answer, type Tokens } from '../../test/unit/tokenEcho.cases';
import { total, type Section, type SectionRow } from './section';

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
const TOKEN_SETS: Array<{ figure: string; tokens: Tokens }> = [
  {
    figure: 'JWT access + rt_ refresh',
    tokens: {
      a: `${b64({ alg: 'HS256' })}.${b64({ sub: 'u1', email: 'demo@kallyai.test', exp: 4_000_000_000 })}.c2lnbmF0dXJlLW9mLXRoZS10b2tlbg`,
      r: 'rt_Qm9yZWRPZlRva2Vucz9OZXZlcjEyMzQ1Njc4',
    },
  },
  {
    figure: 'opaque access + refresh',
    tokens: { a: 'kat_9f8e7d6c5b4a39281706f5e4d3c2b1a0', r: 'krt_0a1b2c3d4e5f60718293a4b5c6d7e8f9' },
  },
  {
    figure: 'opaque with / + =',
    tokens: { a: 'ya29.A0Zq/x+Yw==acc3ss-opaque-value', r: '1//0gRf+Tq/Zz==refresh-opaque-value' },
  },
];

const PHONE = '+12015550100';
const SPELLINGS = [
  PHONE,
  '+1 201-555-0100',
  '+1 (201) 555-0100',
  '12015550100',
  '(201) 555-0100',
  '201-555-0100',
  '201.555.0100',
  '%2B12015550100',
];
const SHAPES: Array<(said: string) => Answer> = [
  (said) => json(422, { error: { code: 'weird_refusal', message: `cannot call ${said}` } }),
  (said) => json(403, { error: 'number_refused', message: `the number ${said} is refused` }),
  (said) => json(422, { detail: [{ loc: ['body', 'submission', 'respondent_phone'], msg: `${said} is not allowed` }] }),
  (said) => text(400, `<p>Number ${said} rejected</p>`, 'text/html'),
];
const PHONE_PIECES = ['5550100', '555-0100', '555 0100', '555.0100', '2015550100'];

function leaked(outputs: string[], pieces: string[]): string | undefined {
  for (const out of outputs)
    for (const piece of pieces) if (out.includes(piece)) return `"${piece}" in: ${out.slice(0, 160)}`;
  return undefined;
}

const tokenPieces = (t: string) => {
  const piece = t.slice(4, 20);
  return [...new Set([piece, encodeURIComponent(piece), lowerHex(piece)])];
};

export const leaks: Section = {
  name: 'token and full-number leaks into logs and error messages',
  async run() {
    let answer: (req: IncomingMessage) => Answer = () => text(500, 'unset');
    const server = await hostileServer((req, res) => {
      req.resume();
      req.on('end', () => {
        // An echoed 401 sets off a refresh: it fails as a network error, so the session is kept.
        const a = req.url === '/v1/auth/refresh' ? text(503, 'busy') : answer(req);
        res.writeHead(a.status, { 'content-type': a.type });
        res.end(a.body);
      });
    });
    const auth = new AuthService({ secrets: new MemorySecretStore(), baseUrl: () => server.url, clientId: () => '' });
    const lines: string[] = [];
    const client = new KallyClient({
      baseUrl: server.url,
      tokenSource: auth,
      retry: { retries: 0 },
      log: (l) => lines.push(l),
    });
    const rows: SectionRow[] = [];
    const examples: string[] = [];
    const attempt = async (run: () => Promise<unknown>): Promise<string[]> => {
      lines.length = 0;
      try {
        await run();
        return [...lines];
      } catch (e) {
        return e instanceof KallyApiError ? [e.message, e.serverMessage ?? '', ...lines] : [String(e), ...lines];
      }
    };
    try {
      for (const { figure, tokens } of TOKEN_SETS) {
        await auth.store.save(
          newSession(
            { accessToken: tokens.a, refreshToken: tokens.r, expiresAt: Date.now() + 3_600_000 },
            'paste',
            server.url,
          ),
        );
        const row: SectionRow = { figure: `tokens echoed: ${figure}`, cases: 0, failures: 0 };
        for (const c of echoCases(() => tokens)) {
          auth.refresher.reset();
          answer = (req) => c.answer(tokens, req);
          const outputs = await attempt(() => c.run(client));
          row.cases++;
          const found = leaked(outputs, [...tokenPieces(tokens.a), ...tokenPieces(tokens.r)]);
          if (found) {
            row.failures++;
            examples.push(`${figure} / ${c.name}: ${found}`);
          }
        }
        rows.push(row);
      }
      const row: SectionRow = {
        figure: `the called number echoed: ${SPELLINGS.length} spellings × ${SHAPES.length} error shapes`,
        cases: 0,
        failures: 0,
      };
      for (const said of SPELLINGS) {
        for (const shape of SHAPES) {
          answer = () => shape(said);
          const outputs = await attempt(() =>
            client.execute(ops.calls.create, {
              body: {
                submission: {
                  task_category: 'general',
                  task_description: 'Ask about the opening hours.',
                  respondent_phone: PHONE,
                },
                timezone: 'UTC',
              },
            }),
          );
          row.cases++;
          const found = leaked(outputs, PHONE_PIECES);
          if (found) {
            row.failures++;
            examples.push(`number as ${said}: ${found}`);
          }
        }
      }
      rows.push(row);
      return total(rows, examples);
    } finally {
      await auth.signOut();
      auth.dispose();
      await server.close();
    }
  },
};
