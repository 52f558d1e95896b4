/** The one label table for the codes the service sends (statuses of goals, steps, calls, calls to
 *  your number, outreach and actions; task categories; plan ids; subscription, referral and account
 *  states; credit movements; urgency; country codes): each known code has its words in the UI
 *  language, and an unknown one is made readable ("on_hold" → "On hold") rather than shown raw.
 *  Every place that shows such a code goes through `codeLabel`; test/unit/format.codes.test.ts
 *  renders every code here in Spanish. Entries are functions: nothing is translated as the module
 *  loads (the translator is set later). No `vscode` import. */
import { locale, t } from './locale';
import { humanize } from './text';

export type CodeKind =
  | 'goalStatus'
  | 'waitingFor'
  | 'stepStatus'
  | 'callStatus'
  | 'inboundStatus'
  | 'outreachStatus'
  | 'actionStatus'
  | 'taskCategory'
  | 'plan'
  | 'planPeriod'
  | 'subscriptionStatus'
  | 'referralStatus'
  | 'accountStatus'
  | 'numberStatus'
  | 'creditEntry'
  | 'urgency'
  | 'country';

type Words = Readonly<Record<string, () => string>>;

const TABLES: Readonly<Record<Exclude<CodeKind, 'country'>, Words>> = {
  goalStatus: {
    active: () => t('Active'),
    in_progress: () => t('In progress'),
    pending: () => t('Pending'),
    waiting: () => t('Waiting'),
    paused: () => t('Paused'),
    needs_input: () => t('Needs your input'),
    completed: () => t('Completed'),
    cancelled: () => t('Cancelled'),
    canceled: () => t('Cancelled'),
    failed: () => t('Failed'),
    archived: () => t('Archived'),
  },
  waitingFor: {
    step_approval: () => t('Approve the next step'),
    budget_approval: () => t('Approve the budget'),
    soft_cap: () => t('Soft cap reached'),
    outcome_acceptance: () => t('Accept the outcome'),
    input: () => t('Needs your input'),
    needs_input: () => t('Needs your input'),
  },
  stepStatus: {
    pending: () => t('Pending'),
    waiting: () => t('Waiting'),
    waiting_approval: () => t('Waiting for your approval'),
    awaiting_approval: () => t('Waiting for your approval'),
    approved: () => t('Approved'),
    in_progress: () => t('In progress'),
    running: () => t('In progress'),
    completed: () => t('Completed'),
    done: () => t('Completed'),
    skipped: () => t('Skipped'),
    cancelled: () => t('Cancelled'),
    canceled: () => t('Cancelled'),
    failed: () => t('Failed'),
  },
  callStatus: {
    success: () => t('Succeeded'),
    no_answer: () => t('No answer'),
    busy: () => t('Busy'),
    failed: () => t('Failed'),
    voicemail: () => t('Voicemail'),
    cancelled: () => t('Cancelled'),
    terminated: () => t('Ended early'),
    scheduled: () => t('Scheduled'),
    queued: () => t('Queued'),
    ringing: () => t('Ringing'),
    in_progress: () => t('In progress'),
  },
  inboundStatus: {
    active: () => t('Live'),
    live: () => t('Live'),
    answering: () => t('Live'),
    in_progress: () => t('Live'),
    ringing: () => t('Ringing'),
    completed: () => t('Completed'),
    missed: () => t('Missed'),
    rejected: () => t('Rejected'),
    transferred: () => t('Transferred'),
    taken_over: () => t('Taken over by you'),
    voicemail: () => t('Voicemail'),
    failed: () => t('Failed'),
  },
  outreachStatus: {
    pending: () => t('Pending'),
    in_progress: () => t('In progress'),
    completed: () => t('Completed'),
    failed: () => t('Failed'),
    cancelled: () => t('Cancelled'),
    canceled: () => t('Cancelled'),
  },
  actionStatus: {
    pending: () => t('Pending'),
    scheduled: () => t('Scheduled'),
    confirmed: () => t('Confirmed'),
    completed: () => t('Completed'),
    done: () => t('Completed'),
    failed: () => t('Failed'),
    cancelled: () => t('Cancelled'),
    canceled: () => t('Cancelled'),
    undone: () => t('Undone'),
    reverted: () => t('Undone'),
    deleted: () => t('Deleted'),
  },
  taskCategory: {
    restaurant: () => t('Restaurant'),
    clinic: () => t('Clinic'),
    hotel: () => t('Hotel'),
    general: () => t('General'),
  },
  // Plan names are the product's own (Starter, Pro…): they read the same in every language.
  plan: {
    trial: () => t('Trial'),
    free: () => t('Free'),
    personal: () => t('Personal'),
    starter: () => 'Starter',
    pro: () => 'Pro',
    power: () => 'Power',
    business: () => 'Business',
  },
  planPeriod: {
    monthly: () => t('Monthly'),
    annual: () => t('Yearly'),
    yearly: () => t('Yearly'),
  },
  subscriptionStatus: {
    active: () => t('Active'),
    trialing: () => t('On trial'),
    past_due: () => t('Payment overdue'),
    unpaid: () => t('Unpaid'),
    incomplete: () => t('Payment incomplete'),
    cancelled: () => t('Cancelled'),
    canceled: () => t('Cancelled'),
    expired: () => t('Expired'),
  },
  referralStatus: {
    pending: () => t('Pending'),
    signed_up: () => t('Signed up'),
    converted: () => t('Subscribed'),
    subscribed: () => t('Subscribed'),
    rewarded: () => t('Rewarded'),
    expired: () => t('Expired'),
  },
  accountStatus: {
    connected: () => t('Connected'),
    active: () => t('Connected'),
    disconnected: () => t('Disconnected'),
    pending: () => t('Pending'),
    syncing: () => t('Syncing'),
    expired: () => t('Needs reconnecting'),
    error: () => t('Error'),
  },
  numberStatus: {
    active: () => t('Active'),
    pending: () => t('Pending'),
    provisioning: () => t('Pending'),
    suspended: () => t('Suspended'),
    released: () => t('Released'),
  },
  // What a credit movement was for (history) and what credits went on (spending by action).
  creditEntry: {
    call: () => t('Calls'),
    search: () => t('Searches'),
    email: () => t('Emails'),
    email_send: () => t('Emails'),
    booking: () => t('Bookings'),
    bill: () => t('Bill checks'),
    bill_analysis: () => t('Bill checks'),
    ride: () => t('Rides'),
    food: () => t('Food orders'),
    errand: () => t('Errands'),
    goal_step: () => t('Goal steps'),
    message: () => t('Requests to KallyAI'),
    outreach: () => t('Outreach'),
    phone_number: () => t('Phone numbers'),
    usage: () => t('Spent'),
    spend: () => t('Spent'),
    debit: () => t('Spent'),
    allocation: () => t('Plan credits'),
    refund: () => t('Refund'),
    purchase: () => t('Purchase'),
    bonus: () => t('Bonus'),
    referral: () => t('Referral reward'),
    adjustment: () => t('Adjustment'),
    overage: () => t('Overage'),
  },
  urgency: {
    low: () => t('Low'),
    normal: () => t('Normal'),
    medium: () => t('Normal'),
    high: () => t('High'),
    urgent: () => t('Urgent'),
  },
};

const regionNames = new Map<string, Intl.DisplayNames | undefined>();

/** "US" → "United States" ("Estados Unidos" in Spanish): the UI language's name for the region. */
function countryLabel(code: string): string {
  const tag = locale();
  if (!regionNames.has(tag)) {
    try {
      regionNames.set(tag, new Intl.DisplayNames([tag, 'en'], { type: 'region', fallback: 'none' }));
    } catch {
      regionNames.set(tag, undefined);
    }
  }
  const upper = code.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(upper)) return humanize(code);
  try {
    return regionNames.get(tag)?.of(upper) ?? upper;
  } catch {
    return upper;
  }
}

/** The words for a code of this kind, in the UI language; '' for no code. */
export function codeLabel(kind: CodeKind, code: string | null | undefined): string {
  if (code === null || code === undefined) return '';
  const trimmed = String(code).trim();
  if (!trimmed) return '';
  if (kind === 'country') return countryLabel(trimmed);
  const table = TABLES[kind];
  const key = trimmed.toLowerCase();
  return Object.hasOwn(table, key) ? table[key]() : humanize(trimmed);
}

/** Whether the table knows this code (an unknown one is only made readable). */
export function isKnownCode(kind: Exclude<CodeKind, 'country'>, code: string | null | undefined): boolean {
  return !!code && Object.hasOwn(TABLES[kind], code.trim().toLowerCase());
}

/** Every code the table knows, by kind (tests render each one). */
export function knownCodes(): ReadonlyArray<readonly [Exclude<CodeKind, 'country'>, string]> {
  return (Object.keys(TABLES) as Array<Exclude<CodeKind, 'country'>>).flatMap((kind) =>
    Object.keys(TABLES[kind]).map((code) => [kind, code] as const),
  );
}
