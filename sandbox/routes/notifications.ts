/** §5.15 GET /v1/notifications/pending: what waits for the user, computed from the state. */
import { iso } from '../clock';
import type { Sandbox } from '../context';
import { ok } from '../http';
import type { Router } from '../router';

const REASON: Record<string, string> = {
  step_approval: 'waits for your approval of the next step',
  budget_approval: 'waits for budget approval',
  soft_cap: 'reached its soft cap',
  outcome_acceptance: 'has an outcome for you to accept',
};

export function pending(sb: Sandbox) {
  const s = sb.state;
  const actions = s.outbox
    .filter((e) => e.status === 'pending_approval')
    .map((e) => ({ id: e.id, type: 'email_approval', summary: `Email to ${e.to}: ${e.subject}` }));
  const goals = s.goals
    .filter((g) => g.waiting_for && (g.status === 'active' || g.status === 'pending'))
    .map((g) => ({
      id: g.id,
      status: 'needs_input',
      summary: `${g.title} ${REASON[g.waiting_for as string]}`,
      waiting_for: g.waiting_for,
      title: g.title,
    }));
  const inbox = s.inbox
    .filter((m) => m.unread)
    .map((m) => ({ id: m.id, channel: m.channel, preview: m.preview, from: m.from }));
  const active = s.goals.find((g) => g.status === 'active');
  const step = active?.steps.find((x) => x.status === 'pending' || x.status === 'in_progress');
  return {
    actions: { count: actions.length, items: actions },
    goals: { count: goals.length, items: goals },
    inbox: { count: inbox.length, items: inbox },
    total_pending: actions.length + goals.length + inbox.length,
    ...(active
      ? {
          active_goal: {
            id: active.id,
            summary: active.title,
            status: active.waiting_for ? 'needs_input' : 'in_progress',
            current_step_description: step?.description ?? null,
          },
        }
      : {}),
    generated_at: iso(),
  };
}

export function registerNotifications(router: Router): void {
  router.get('/v1/notifications/pending', (ctx) => ok(pending(ctx.sb)));
}
