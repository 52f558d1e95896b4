/** Reading a --state file. The sandbox writes it, so what it promises is "the state as the sandbox
 *  last saved it": parts that are missing (a file from an older sandbox, or trimmed by hand) are
 *  filled with the defaults of an empty sandbox (the demo user, 600 credits, a new token key,
 *  empty lists); parts that are present must have the right shape, else the sandbox refuses to
 *  start with a message that names the file and the part, e.g. `calls[0] must be an object`. */
import { existsSync, readFileSync } from 'node:fs';
import { MAX_CREDITS } from './controlValues';
import { type SandboxState, createState } from './state';

export class StateFileError extends Error {}

type Check = (value: unknown, at: string) => void;

const fail = (at: string, what: string): never => {
  throw new StateFileError(`${at} must be ${what}`);
};
const describe = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v);

const str: Check = (v, at) => {
  if (typeof v !== 'string') fail(at, `a string (got ${describe(v)})`);
};
const nonEmpty: Check = (v, at) => {
  if (typeof v !== 'string' || v === '') fail(at, 'a non-empty string');
};
const num: Check = (v, at) => {
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(at, `a number (got ${describe(v)})`);
};
/** A balance the real service could hold: 0 to MAX_CREDITS (a hand-edited 1e308 would read as null). */
const balance: Check = (v, at) => {
  num(v, at);
  if ((v as number) < 0 || (v as number) > MAX_CREDITS) fail(at, `from 0 to ${MAX_CREDITS} credits (got ${String(v)})`);
};
const bool: Check = (v, at) => {
  if (typeof v !== 'boolean') fail(at, `true or false (got ${describe(v)})`);
};
const optional =
  (check: Check): Check =>
  (v, at) => {
    if (v !== undefined) check(v, at);
  };
const nullable =
  (check: Check): Check =>
  (v, at) => {
    if (v !== null) check(v, at);
  };
const anyOf =
  (...checks: Check[]): Check =>
  (v, at) => {
    const errors: string[] = [];
    for (const check of checks) {
      try {
        return check(v, at);
      } catch (e) {
        errors.push((e as Error).message);
      }
    }
    throw new StateFileError(errors.join(', or '));
  };

function object(fields: Record<string, Check> = {}): Check {
  return (v, at) => {
    if (!v || typeof v !== 'object' || Array.isArray(v)) fail(at, `an object (got ${describe(v)})`);
    for (const [key, check] of Object.entries(fields)) check((v as Record<string, unknown>)[key], `${at}.${key}`);
  };
}
const list =
  (item: Check): Check =>
  (v, at) => {
    if (!Array.isArray(v)) fail(at, `a list (got ${describe(v)})`);
    (v as unknown[]).forEach((x, i) => item(x, `${at}[${i}]`));
  };
const record =
  (value: Check): Check =>
  (v, at) => {
    object()(v, at);
    for (const [key, x] of Object.entries(v as Record<string, unknown>)) value(x, `${at}.${key}`);
  };
const anyObject = object();

const CALL = object({
  call_id: str,
  status: str,
  timezone: str,
  to: str,
  created_at: str,
  metadata: object({ created_at: str }),
  submission: object({ task_category: str, task_description: str, respondent_phone: str }),
});
const GOAL = object({
  id: str,
  title: str,
  status: str,
  created_at: str,
  steps: list(object({ step: num, description: str, status: str })),
  budget: object({ approved: bool, soft_cap: num, hard_cap: num, soft_cap_acknowledged: bool }),
  cost_items: list(anyObject),
  credits_used: num,
  credits_estimated: num,
});

/** Every top-level part and its shape. */
const PARTS: { [K in keyof SandboxState]-?: Check } = {
  version: () => undefined,
  user: object({ id: str, email: str, name: str, created_at: str }),
  auth: object({
    secret: nonEmpty,
    access: record(object({ exp: num })),
    refresh: record(bool),
    codes: record(anyObject),
  }),
  credits: object({ remaining: balance, allocated: balance, plan_type: str, period_start: str, period_end: str }),
  creditHistory: list(object({ id: str, type: str, credits: num, timestamp: str })),
  subscription: object({
    plan_type: str,
    status: str,
    annual: bool,
    current_period_start: str,
    current_period_end: str,
    change_times: list(num),
    pending_change: nullable(anyObject),
  }),
  calls: list(CALL),
  idempotency: record(anyOf(str, object({ call_id: str, fingerprint: str }))),
  goals: list(GOAL),
  conversations: list(object({ id: str, title: str, messages: list(anyObject) })),
  inbox: list(object({ id: str, channel: str, unread: bool })),
  outbox: list(object({ id: str, status: str, replies: list(anyObject) })),
  actions: list(anyObject),
  calendarEvents: list(anyObject),
  bookings: list(anyObject),
  searches: list(anyObject),
  inboundCalls: list(anyObject),
  rules: list(anyObject),
  voicemails: list(anyObject),
  contacts: list(anyObject),
  inboundEvents: list(anyObject),
  phoneNumbers: list(anyObject),
  forwardingTargets: list(anyObject),
  verifications: record(object({ code: str, verified: bool })),
  emailAccounts: list(anyObject),
  emailMessages: list(anyObject),
  voiceProfile: anyObject,
  channelEmails: list(anyObject),
  webhooks: record(optional(nullable(anyObject))),
  outreachTasks: list(anyObject),
  referrals: list(anyObject),
  referralCode: str,
};

/** The state in `path`, missing parts filled in; undefined when there is no file yet. */
export function readStateFile(path: string): SandboxState | undefined {
  if (!existsSync(path)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new StateFileError(`${path} is not valid JSON (${(e as Error).message}).`);
  }
  try {
    return fillAndCheck(parsed);
  } catch (e) {
    if (e instanceof StateFileError)
      throw new StateFileError(`${path} is not a usable KallyAI sandbox state file: ${e.message}.`);
    throw e;
  }
}

function fillAndCheck(parsed: unknown): SandboxState {
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new StateFileError(`the file must be a JSON object (got ${describe(parsed)})`);
  const raw = parsed as Record<string, unknown>;
  if (raw.version !== 1)
    throw new StateFileError(`version must be 1 (got ${JSON.stringify(raw.version) ?? 'nothing'})`);
  const defaults = createState({ empty: true }) as unknown as Record<string, unknown>;
  const state: Record<string, unknown> = {};
  for (const [key, check] of Object.entries(PARTS)) {
    const value = raw[key] === undefined ? defaults[key] : raw[key];
    check(value, key);
    state[key] = value;
  }
  return state as unknown as SandboxState;
}
