/** The stakes of an operation, in plain words, by one rule: an operation the catalogue flags as
 *  costing credits, contacting a person or being irreversible is asked about first, and the
 *  question names whom it contacts, what happens, the estimated credits and the balance, and
 *  "cannot be undone" where true. For a person, read-only and unflagged operations ask nothing
 *  (their own command is their intent). An agent's tool call is nobody's intent: every operation
 *  that is not read-only asks (`asksAgent`), an unflagged change with a question naming what it
 *  changes, from the entry's command title and the catalogue's `changes`. No `vscode`. */
import type { Operation } from '../../api/operation';
import type { Resource } from '../../api/resources';
import { creditsLabel, formatCredits, t } from '../../format';
import type { ConsentSpec, Presentation, PresentationContext } from '../../presentation/entry';

/** What an operation will cost, as far as it can be known before it runs: a price (the price
 *  list's, or the thing's own, such as a goal step's), at most a limit (a budget approved), a
 *  base price and a price per minute (a call), no credits (a plan change costs money), or not
 *  known. Each states a range the charge falls in (`creditsRange`). */
export type CreditsFigure =
  | { kind: 'amount'; amount: number; source: 'entry' | 'price' }
  | { kind: 'upTo'; amount: number }
  | { kind: 'perMinute'; base: number; perMinute: number }
  | { kind: 'none' }
  | { kind: 'unknown' };

export interface Stakes {
  readonly opId: string;
  readonly question: string;
  /** The modal's detail, one statement per line. */
  readonly lines: readonly string[];
  readonly confirm: string;
  readonly decline: string;
  readonly whom?: string;
  readonly credits: CreditsFigure;
  readonly balance?: number;
  readonly costsCredits: boolean;
  readonly contactsPeople: boolean;
  readonly irreversible: boolean;
}

/** The one rule. */
export function needsConsent(op: Pick<Operation, 'costsCredits' | 'contactsPeople' | 'irreversible'>): boolean {
  return op.costsCredits || op.contactsPeople || op.irreversible;
}

/** An agent's request asks before anything that is not read-only, flagged or not. */
export function asksAgent(op: Pick<Operation, 'readOnly'>): boolean {
  return !op.readOnly;
}

/** The consent wording of an operation: its entry's own, else the generic question for a flagged
 *  operation, else the question for an unflagged change. */
export function consentSpecFor(
  op: Operation,
  presentation: Pick<Presentation, 'command' | 'consent'> | undefined,
): ConsentSpec {
  return (
    (presentation?.consent as ConsentSpec | undefined) ??
    (needsConsent(op) ? genericConsent(op) : changeConsent(op, presentation))
  );
}

/** The data an operation changes, as a person says it ("your inbox"). */
const RESOURCE_WORDS: Record<Resource, () => string> = {
  goals: () => t('your goals'),
  calls: () => t('your calls'),
  inbox: () => t('your inbox'),
  credits: () => t('your credits'),
  receptionist: () => t('the calls to your number'),
  phoneNumbers: () => t('your phone numbers'),
  email: () => t('your email'),
  channels: () => t('your channels'),
  outreach: () => t('your outreach tasks'),
  actions: () => t('your activity'),
  account: () => t('your account'),
  conversations: () => t('your conversations with KallyAI'),
};

/** What an unflagged change changes, in a sentence. */
export function changesText(op: Pick<Operation, 'changes'>): string {
  const words = op.changes.map((r) => RESOURCE_WORDS[r]());
  return words.length ? t('This changes {0}.', words.join(', ')) : t('This changes something in your KallyAI account.');
}

/** The question an agent's unflagged change asks: its command's title as a question ("Mark as
 *  Read?"), and what it changes; the buttons say the action and "Not Now". */
export function changeConsent(op: Operation, presentation: Pick<Presentation, 'command'> | undefined): ConsentSpec {
  const title = presentation?.command?.title;
  const action = title ? t(title).replace(/…$/, '') : undefined;
  return {
    question: () => (action ? t('{0}?', action) : t('{0}?', op.summary)),
    what: () => changesText(op),
    confirm: action ?? 'Go Ahead',
    decline: 'Not Now',
  };
}

/** A question for an operation without a presentation entry of its own (chat tools, tests). */
export function genericConsent(op: Operation): ConsentSpec {
  return {
    question: () => t('{0}?', op.summary),
    what: () => op.summary,
    confirm: 'Go Ahead',
    decline: 'Not Now',
  };
}

export function creditsText(figure: CreditsFigure): string {
  switch (figure.kind) {
    case 'amount':
      return t('Estimated cost: about {0}', creditsLabel(figure.amount));
    case 'upTo':
      return t('Estimated cost: up to {0}', creditsLabel(figure.amount));
    case 'perMinute':
      return t(
        'Estimated cost: about {0} plus {1} per minute',
        creditsLabel(figure.base),
        formatCredits(figure.perMinute),
      );
    case 'none':
      return t('Estimated cost: no credits');
    case 'unknown':
      return t('Estimated cost: not available');
  }
}

/** The credits a figure says may be charged, least and most: a price is charged as it is, "up to"
 *  anything from nothing to the limit, a call its base and its price for each minute begun (at
 *  least one). Undefined when the figure states nothing. */
export function creditsRange(figure: CreditsFigure, minutes = 1): { min: number; max: number } | undefined {
  switch (figure.kind) {
    case 'amount':
      return { min: figure.amount, max: figure.amount };
    case 'upTo':
      return { min: 0, max: figure.amount };
    case 'perMinute':
      return { min: figure.base, max: figure.base + figure.perMinute * Math.max(1, Math.ceil(minutes)) };
    case 'none':
      return { min: 0, max: 0 };
    case 'unknown':
      return undefined;
  }
}

export function buildStakes(
  op: Operation,
  spec: ConsentSpec,
  ctx: PresentationContext,
  credits: CreditsFigure,
  balance: number | undefined,
  detail?: string,
): Stakes {
  const whom = op.contactsPeople ? spec.whom?.(ctx) : undefined;
  const lines: string[] = [spec.what(ctx), ...(detail ? [detail] : [])];
  if (op.contactsPeople)
    lines.push(whom ? t('KallyAI will contact {0}.', whom) : t('KallyAI will contact people for you.'));
  const money = op.costsCredits ? spec.money?.(ctx) : undefined;
  if (money) lines.push(money);
  else if (op.costsCredits) {
    lines.push(creditsText(credits));
    lines.push(
      balance === undefined ? t('Your balance: not available') : t('Your balance: {0}', creditsLabel(balance)),
    );
    const least = credits.kind === 'amount' ? credits.amount : credits.kind === 'perMinute' ? credits.base : undefined;
    if (balance !== undefined && least !== undefined && balance < least)
      lines.push(t('Your balance may not cover this.'));
  }
  const limit = spec.limit?.(ctx);
  if (limit) lines.push(limit);
  if (op.irreversible) lines.push(t('This cannot be undone.'));
  return {
    opId: op.id,
    question: spec.question(ctx),
    lines,
    confirm: t(spec.confirm),
    decline: t(spec.decline),
    whom,
    credits,
    balance,
    costsCredits: op.costsCredits,
    contactsPeople: op.contactsPeople,
    irreversible: op.irreversible,
  };
}
