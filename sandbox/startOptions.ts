/** The numbers a sandbox start accepts (flags of main.ts, options of startSandbox): finite and within
 *  what a real service or a test could use, so that `--token-ttl 1e308` or `timeScale: NaN` stops
 *  the start with a message naming the option instead of serving tokens that never expire. */
export class StartOptionError extends Error {}

interface Bound {
  flag?: string;
  min: number;
  max: number;
  whole?: boolean;
  what: string;
}

const BOUNDS: Record<string, Bound> = {
  port: { flag: '--port', min: 0, max: 65535, whole: true, what: 'a port (0 picks a free one)' },
  timeScale: {
    flag: '--time-scale',
    min: Number.MIN_VALUE,
    max: 100_000,
    what: 'how many times faster than real time simulated time runs',
  },
  tokenTtlSeconds: {
    flag: '--token-ttl',
    min: 1,
    max: 31_536_000,
    what: 'the access-token lifetime in seconds (at most a year)',
  },
  inboundEverySeconds: {
    flag: '--inbound-every',
    min: 0,
    max: 86_400,
    what: 'seconds between inbound calls (0 for none, at most a day)',
  },
  bodyTimeoutMs: { min: 1, max: 600_000, what: 'milliseconds a request body may take (at most 10 minutes)' },
};

/** Throws StartOptionError for the first number option out of its range. */
export function checkStartOptions(opts: object): void {
  for (const [name, b] of Object.entries(BOUNDS)) {
    const v = (opts as Record<string, unknown>)[name];
    if (v === undefined) continue;
    const ok =
      typeof v === 'number' && Number.isFinite(v) && v >= b.min && v <= b.max && (!b.whole || Number.isInteger(v));
    const range = b.min === Number.MIN_VALUE ? `above 0 and at most ${b.max}` : `from ${b.min} to ${b.max}`;
    if (!ok)
      throw new StartOptionError(
        `${name}${b.flag ? ` (${b.flag})` : ''} must be ${b.whole ? 'a whole number' : 'a number'} ${range}, ${b.what} (got ${String(v)}).`,
      );
  }
}
