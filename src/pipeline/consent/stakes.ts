/** The stakes of an operation, in plain words, by one rule: an operation the catalogue flags as
 *  costing credits, contacting a person or being irreversible is asked about first, and the
 *  question names whom it contacts, what happens, the estimated credits and the balance, and
 *  "cannot be undone" where true. Read-only and unflagged operations ask nothing. No `vscode`. */
import type { Operation } from '../../api/operation';
import { creditsLabel, formatCredits, t } from '../../format';
import type { ConsentSpec, PresentationContext } from '../presentation';

/** What an operation will cost, as far as it can be known before it runs. */
export type CreditsFigure =
  | { kind: 'amount'; amount: number; source: 'entry' | 'estimate' | 'price' }
  | { kind: 'perMinute'; base: number; perMinute: number }
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
    case 'amount': return t('Estimated cost: about {0}', creditsLabel(figure.amount));
    case 'perMinute': return t('Estimated cost: about {0} plus {1} per minute', creditsLabel(figure.base), formatCredits(figure.perMinute));
    case 'unknown': return t('Estimated cost: not available');
  }
}

export function buildStakes(op: Operation, spec: ConsentSpec, ctx: PresentationContext, credits: CreditsFigure, balance: number | undefined): Stakes {
  const whom = op.contactsPeople ? spec.whom?.(ctx) : undefined;
  const lines: string[] = [spec.what(ctx)];
  if (op.contactsPeople) lines.push(whom ? t('KallyAI will contact {0}.', whom) : t('KallyAI will contact people for you.'));
  if (op.costsCredits) {
    lines.push(creditsText(credits));
    lines.push(balance === undefined ? t('Your balance: not available') : t('Your balance: {0}', creditsLabel(balance)));
    const least = credits.kind === 'amount' ? credits.amount : credits.kind === 'perMinute' ? credits.base : undefined;
    if (balance !== undefined && least !== undefined && balance < least) lines.push(t('Your balance may not cover this.'));
  }
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
