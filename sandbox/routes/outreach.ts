/** §5.10 Outreach tasks: list (status filter, paging), one task with attempts, create (both body variants, 201), retry, cancel. */
import { iso } from '../clock';
import type { Sandbox } from '../context';
import { bodyObject, created, fail, intQuery, ok, str } from '../http';
import { COSTS, requireCredits, spend } from '../credits';
import { credits, newId } from '../ids';
import type { Router } from '../router';
import { wording } from '../hostileText';
import type { Json } from '../state';

/** Tasks started through the API finish 30 simulated seconds later (checked when read), with a
 *  summary that is a payload if the run is hostile then (hostileText.ts). */
const TASK_SECONDS = 30;

function progress(sb: Sandbox, t: Json): void {
  const due = t.completes_at_ms as number | undefined;
  if (t.status !== 'in_progress' || !due || Date.now() < due) return;
  t.status = 'completed';
  t.completed_at = iso(due);
  t.updated_at = t.completed_at;
  t.completed_via_channel = t.selected_channel;
  t.completion_summary = wording(
    sb,
    177,
    `${t.recipient_name ?? t.recipient_identifier} replied and confirmed: ${t.goal}.`,
  );
  const attempts = t.attempts as Json[];
  const last = attempts[attempts.length - 1];
  if (last) {
    last.status = 'completed';
    last.completed_at = t.completed_at;
  }
  delete t.completes_at_ms;
  sb.changed();
}

function view(t: Json): Json {
  const { completes_at_ms: _c, attempts: _a, ...rest } = t;
  return rest;
}

function find(sb: Sandbox, id: string): Json {
  const t = sb.state.outreachTasks.find((x) => x.id === id);
  if (!t) fail(404, 'task_not_found', `No outreach task with id ${id}.`);
  progress(sb, t);
  return t;
}

/** What an attempt costs by the price list: by phone a call of a minute, by any other channel an email. */
function attemptCost(channel: unknown): number {
  return channel === 'call' ? credits(COSTS.call.base + COSTS.call.per_minute) : COSTS.email_send.per_email;
}

/** Starts an attempt, charged by the price list as it starts. */
function start(sb: Sandbox, t: Json): void {
  const cost = attemptCost(t.selected_channel);
  requireCredits(sb, cost);
  spend(sb, cost, 'outreach', `Outreach to ${t.recipient_name ?? t.recipient_identifier}: ${t.goal}`);
  t.status = 'in_progress';
  t.updated_at = iso();
  t.completes_at_ms = Date.now() + sb.clock.realMs(TASK_SECONDS);
  (t.attempts as Json[]).push({
    channel: t.selected_channel,
    status: 'in_progress',
    started_at: iso(),
    completed_at: null,
  });
}

export function registerOutreach(router: Router): void {
  router.get('/v1/outreach/tasks', (ctx) => {
    const statuses = ctx.query
      .get('status')
      ?.split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const limit = intQuery(ctx, 'limit', 50, 1, 100);
    const offset = intQuery(ctx, 'offset', 0, 0, Number.MAX_SAFE_INTEGER);
    for (const t of ctx.sb.state.outreachTasks) progress(ctx.sb, t);
    const all = ctx.sb.state.outreachTasks.filter((t) => !statuses?.length || statuses.includes(String(t.status)));
    return ok({
      tasks: all.slice(offset, offset + limit).map(view),
      total: all.length,
      has_more: offset + limit < all.length,
    });
  });
  router.get('/v1/outreach/tasks/{id}', (ctx) => {
    const t = find(ctx.sb, ctx.params.id);
    return ok({ ...view(t), attempts: t.attempts });
  });
  router.post('/v1/outreach/tasks', (ctx) => {
    const b = bodyObject(ctx);
    // REF-B body {goal, recipient_identifier, ...} or the CLI's {channel, target, description}.
    const goal = str(b.goal) ?? str(b.description);
    const recipient = str(b.recipient_identifier) ?? str(b.target);
    if (!goal || !recipient)
      fail(422, 'validation_error', 'goal (or description) and recipient_identifier (or target) are required.', {
        details: { field: goal ? 'recipient_identifier' : 'goal' },
      });
    const channel = str(b.channel) ?? ((recipient as string).includes('@') ? 'email' : 'call');
    if (!['call', 'email', 'whatsapp', 'telegram', 'sms'].includes(channel))
      fail(422, 'validation_error', 'channel must be call, email, whatsapp or telegram.', {
        details: { field: 'channel' },
      });
    const t: Json = {
      id: newId(),
      goal,
      recipient_identifier: recipient,
      recipient_name: str(b.recipient_name) ?? null,
      status: 'pending',
      urgency: str(b.urgency) ?? 'normal',
      selected_channel: channel,
      completed_via_channel: null,
      completion_summary: null,
      coordination_message_id: str(b.coordination_message_id) ?? null,
      created_at: iso(),
      updated_at: iso(),
      completed_at: null,
      attempts: [],
    };
    if (b.auto_execute !== false) start(ctx.sb, t);
    ctx.sb.state.outreachTasks.unshift(t);
    return created({ ...view(t), attempts: t.attempts });
  });
  router.post('/v1/outreach/tasks/{id}/retry', (ctx) => {
    const t = find(ctx.sb, ctx.params.id);
    if (!['failed', 'cancelled', 'pending'].includes(String(t.status)))
      fail(
        409,
        'task_not_retryable',
        `Only failed, cancelled or pending tasks can be retried; this one is ${t.status}.`,
      );
    start(ctx.sb, t);
    return ok({ ...view(t), attempts: t.attempts });
  });
  router.post('/v1/outreach/tasks/{id}/cancel', (ctx) => {
    const t = find(ctx.sb, ctx.params.id);
    if (!['pending', 'in_progress'].includes(String(t.status)))
      fail(409, 'task_not_cancellable', `Only pending or running tasks can be cancelled; this one is ${t.status}.`);
    t.status = 'cancelled';
    t.updated_at = iso();
    delete t.completes_at_ms;
    return ok(view(t));
  });
}
