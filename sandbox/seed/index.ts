/** Builds the starting state: the demo user always; demo data unless empty. */
import { randomBytes } from 'node:crypto';
import { DAY, iso } from '../clock';
import { seedId } from '../ids';
import type { AuthState, SandboxState } from '../state';
import { INITIAL_ALLOCATED, SEEDED_REMAINING, seedAccount, seedCredits } from './account';
import { seedCalls } from './calls';
import { seedGoals } from './goals';
import { seedInbox } from './inbox';

export function seedState(now: number, empty: boolean, auth?: AuthState): SandboxState {
  const periodStart = iso(now - 12 * DAY);
  const periodEnd = iso(now + 18 * DAY);
  const state: SandboxState = {
    version: 1,
    user: { id: seedId('user-demo'), email: 'demo@kallyai.test', name: 'Demo User', created_at: iso(now - 60 * DAY) },
    auth: auth ?? { secret: randomBytes(32).toString('hex'), access: {}, refresh: {}, codes: {} },
    credits: {
      remaining: SEEDED_REMAINING,
      allocated: INITIAL_ALLOCATED,
      plan_type: 'pro',
      period_start: periodStart,
      period_end: periodEnd,
    },
    creditHistory: [],
    subscription: {
      plan_type: 'pro',
      status: 'active',
      annual: false,
      current_period_start: periodStart,
      current_period_end: periodEnd,
      pending_change: null,
      change_times: [],
    },
    calls: [],
    idempotency: {},
    goals: [],
    conversations: [],
    inbox: [],
    outbox: [],
    actions: [],
    calendarEvents: [],
    bookings: [],
    searches: [],
    inboundCalls: [],
    rules: [],
    voicemails: [],
    contacts: [],
    inboundEvents: [],
    phoneNumbers: [],
    forwardingTargets: [],
    verifications: {},
    emailAccounts: [],
    emailMessages: [],
    voiceProfile: { trained: false, samples_analyzed: 0 },
    channelEmails: [],
    webhooks: {},
    outreachTasks: [],
    referrals: [],
    referralCode: 'DEMO-KALLY',
  };
  if (empty) {
    state.creditHistory = [
      {
        id: seedId('credit-allocation'),
        type: 'allocation',
        description: 'Pro plan: monthly credits',
        credits: INITIAL_ALLOCATED,
        timestamp: periodStart,
        goal_id: null,
      },
    ];
    state.credits.remaining = INITIAL_ALLOCATED;
    return state;
  }
  state.calls = seedCalls(now);
  seedGoals(state, now);
  seedInbox(state, now);
  seedAccount(state, now);
  seedCredits(state, now);
  return state;
}
