/** Spending credits: the balance and the history move together. */
import { iso } from './clock';
import type { Sandbox } from './context';
import { fail } from './http';
import { credits, newId } from './ids';

/** Deducts amount (never below 0) and records a history entry with a negative amount. */
export function spend(
  sb: Sandbox,
  amount: number,
  type: string,
  description: string,
  goalId: string | null = null,
): void {
  if (amount <= 0) return;
  const c = sb.state.credits;
  c.remaining = credits(Math.max(0, c.remaining - amount));
  sb.state.creditHistory.unshift({
    id: newId(),
    type,
    description,
    credits: -credits(amount),
    timestamp: iso(),
    goal_id: goalId,
  });
  sb.changed();
}

/** 402 quota_exceeded when the balance cannot cover amount. */
export function requireCredits(sb: Sandbox, amount: number): void {
  if (sb.state.credits.remaining < amount) {
    fail(402, 'quota_exceeded', 'You are out of credits. Upgrade your plan or buy more credits to continue.', {
      details: {
        reason: 'credits_exhausted',
        credits_remaining: sb.state.credits.remaining,
        upgrade_url: 'https://kallyai.com/pricing',
      },
    });
  }
}

/** The price list (GET /v1/credits/costs): every route that spends credits charges by it, and the
 *  budget estimate (POST /v1/goals/estimate) is made from it, so what a consent names, what the
 *  list shows and what is charged agree. `email_draft` is the sandbox's own addition (a reply or a
 *  revision KallyAI writes); the contract lists the other eight. */
export const COSTS = {
  call: { base: 1.0, per_minute: 0.1 },
  search: { per_query: 0.5 },
  email_send: { per_email: 0.3 },
  email_draft: { per_draft: 0.1 },
  booking: { per_booking: 0.5 },
  bill_analysis: { per_analysis: 1.0 },
  ride: { per_request: 0.5 },
  food: { per_order: 0.5 },
  errand: { per_errand: 1.0 },
};
