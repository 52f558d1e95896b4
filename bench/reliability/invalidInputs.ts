/** Invalid inputs that reach the network (target 0): inputs generated with fast-check (seeded,
 *  so every run tries the same cases) from what must never be sent — emergency, premium-rate and
 *  unsupported-country numbers, dates that do not exist, party sizes out of range, made-up time
 *  zones — through KallyClient against a local server that counts every request it receives.
 *  A case fails when the client does not refuse it locally with invalid_input, or when anything
 *  reaches the server. */
import fc from 'fast-check';
import { ops } from '../../src/api/catalogue';
import { KallyClient } from '../../src/api/client';
import { KallyApiError } from '../../src/api/errors';
import { EMERGENCY_SHORT_CODES } from '../../src/api/validation/phoneCountries';
import { hostileServer } from '../../test/unit/hostile.helpers';
import { total, type Section, type SectionRow } from './section';

const SEED = 20_260_213;
const RUNS = 200;

const digits = (n: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''));
const separator = fc.constantFrom('', ' ', '-', '.');

const emergency = fc.oneof(
  fc.constantFrom(...EMERGENCY_SHORT_CODES),
  fc
    .tuple(fc.constantFrom('+1', '+34', '+44', '+33', '+49', '+39'), separator, fc.constantFrom('911', '112', '999'))
    .map(([cc, s, n]) => `${cc}${s}${n}`),
);
const premium = fc.oneof(
  fc.tuple(fc.constantFrom('900', '976'), digits(7)).map(([a, n]) => `+1${a}${n}`),
  digits(7).map((n) => `+44909${n}`),
  fc.tuple(fc.constantFrom('803', '806', '905', '907'), digits(6)).map(([a, n]) => `+34${a}${n}`),
  digits(7).map((n) => `+3389${n}`),
);
const unsupportedCountry = fc.oneof(
  digits(8).map((n) => `+86138${n}`),
  digits(7).map((n) => `+7916${n}`),
  digits(8).map((n) => `+55119${n}`),
  digits(8).map((n) => `+614${n}`),
  digits(7).map((n) => `+1876${n}`),
);
const badDate = fc.oneof(
  fc
    .tuple(
      fc.integer({ min: 2026, max: 2099 }),
      fc.constantFrom('02-30', '02-31', '04-31', '13-01', '00-10', '06-00', '11-31'),
    )
    .map(([y, md]) => `${y}-${md}`),
  fc.string({ maxLength: 12 }).filter((s) => !/^\d{4}-\d{2}-\d{2}$/.test(s)),
);
const badPartySize = fc.oneof(
  fc.integer({ min: -1000, max: 0 }),
  fc.integer({ min: 51, max: 1_000_000 }),
  fc.double({ min: 1.01, max: 49.99, noInteger: true }),
);
const badZone = fc.oneof(
  fc
    .tuple(
      fc.constantFrom('Mars', 'Moon', 'Atlantis', 'Narnia', 'Europe', 'America'),
      fc.stringMatching(/^[A-Z][a-z]{2,9}land$/),
    )
    .map(([a, b]) => `${a}/${b}`),
  fc.string({ maxLength: 20 }).filter((s) => !/^[A-Za-z_]+\//.test(s) && s !== 'UTC'),
);

const submission = {
  task_category: 'general' as const,
  task_description: 'Ask about the opening hours.',
  respondent_phone: '+12015550100',
};

interface Family {
  figure: string;
  cases: unknown[];
  send: (client: KallyClient, value: unknown) => Promise<unknown>;
}

const FAMILIES: Family[] = [
  {
    figure: 'emergency numbers (calls.create)',
    cases: fc.sample(emergency, { numRuns: RUNS, seed: SEED }),
    send: (c, v) =>
      c.execute(ops.calls.create, {
        body: { submission: { ...submission, respondent_phone: v as string }, timezone: 'UTC' },
      }),
  },
  {
    figure: 'premium-rate numbers (calls.create)',
    cases: fc.sample(premium, { numRuns: RUNS, seed: SEED }),
    send: (c, v) =>
      c.execute(ops.calls.create, {
        body: { submission: { ...submission, respondent_phone: v as string }, timezone: 'UTC' },
      }),
  },
  {
    figure: 'unsupported-country numbers (calls.create)',
    cases: fc.sample(unsupportedCountry, { numRuns: RUNS, seed: SEED }),
    send: (c, v) =>
      c.execute(ops.calls.create, {
        body: { submission: { ...submission, respondent_phone: v as string }, timezone: 'UTC' },
      }),
  },
  {
    figure: 'emergency / premium numbers (inbound.transfer)',
    cases: fc.sample(fc.oneof(emergency, premium), { numRuns: RUNS, seed: SEED }),
    send: (c, v) => c.execute(ops.inbound.transfer, { path: { id: 'c1' }, body: { target_number: v as string } }),
  },
  {
    figure: 'dates that do not exist',
    cases: fc.sample(badDate, { numRuns: RUNS, seed: SEED }),
    send: (c, v) =>
      c.execute(ops.calls.create, {
        body: { submission: { ...submission, appointment_date: v as string }, timezone: 'UTC' },
      }),
  },
  {
    figure: 'party sizes out of 1–50',
    cases: fc.sample(badPartySize, { numRuns: RUNS, seed: SEED }),
    send: (c, v) =>
      c.execute(ops.calls.create, {
        body: { submission: { ...submission, party_size: v as number }, timezone: 'UTC' },
      }),
  },
  {
    figure: 'time zones that do not exist',
    cases: fc.sample(badZone, { numRuns: RUNS, seed: SEED }),
    send: (c, v) => c.execute(ops.calls.create, { body: { submission, timezone: v as string } }),
  },
];

export const invalidInputs: Section = {
  name: 'invalid inputs that reach the network (fast-check, seeded)',
  async run() {
    let received = 0;
    const server = await hostileServer((req, res) => {
      received++;
      req.resume();
      res.writeHead(500).end();
    });
    const client = new KallyClient({
      baseUrl: server.url,
      tokenSource: { getToken: async () => 'tok_reliability', refreshAfterUnauthorized: async () => undefined },
      retry: { retries: 0 },
    });
    const rows: SectionRow[] = [];
    const examples: string[] = [];
    try {
      for (const family of FAMILIES) {
        const row: SectionRow = { figure: family.figure, cases: 0, failures: 0 };
        for (const value of family.cases) {
          const before = received;
          let refused = false;
          try {
            await family.send(client, value);
          } catch (e) {
            refused = e instanceof KallyApiError && e.code === 'invalid_input';
          }
          row.cases++;
          if (!refused || received !== before) {
            row.failures++;
            examples.push(
              `${family.figure}: ${JSON.stringify(value)} ${received !== before ? 'reached the network' : 'was not refused'}`,
            );
          }
        }
        rows.push(row);
      }
      return total(rows, examples);
    } finally {
      await server.close();
    }
  },
};
