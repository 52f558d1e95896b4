/** §5.6 Unified inbox: list (channel, unread, limit), one message, a thread, mark-read. */
import { type Ctx, bodyObject, fail, intQuery, ok } from '../http';
import type { Router } from '../router';

function inbox(ctx: Ctx) {
  const channel = ctx.query.get('channel');
  const unreadOnly = ctx.query.get('unread') === 'true';
  const limit = intQuery(ctx, 'limit', 50, 1, 200);
  const all = ctx.sb.state.inbox.filter((m) => (!channel || m.channel === channel) && (!unreadOnly || m.unread));
  return ok({
    messages: all.slice(0, limit),
    total: all.length,
    unread_count: ctx.sb.state.inbox.filter((m) => m.unread).length,
  });
}

export function registerMessages(router: Router): void {
  router.get('/v1/messages/inbox', inbox);
  router.get('/v1/messages/inbox/{id}', (ctx) => {
    const m = ctx.sb.state.inbox.find((x) => x.id === ctx.params.id);
    if (!m) fail(404, 'message_not_found', `No message with id ${ctx.params.id}.`);
    return ok(m);
  });
  router.get('/v1/messages/conversation/{conversation_id}', (ctx) => {
    const messages = ctx.sb.state.inbox
      .filter((m) => m.conversation_id === ctx.params.conversation_id)
      .sort((a, b) => a.received_at.localeCompare(b.received_at));
    if (messages.length === 0) fail(404, 'conversation_not_found', `No thread with id ${ctx.params.conversation_id}.`);
    return ok({
      conversation_id: ctx.params.conversation_id,
      subject: messages[0].subject,
      channel: messages[0].channel,
      messages,
    });
  });
  router.post('/v1/messages/mark-read', (ctx) => {
    const ids = bodyObject(ctx).message_ids;
    if (!Array.isArray(ids) || !ids.every((x) => typeof x === 'string'))
      fail(422, 'validation_error', 'message_ids must be a list of message ids.', {
        details: { field: 'message_ids' },
      });
    let marked = 0;
    for (const m of ctx.sb.state.inbox) {
      if ((ids as string[]).includes(m.id) && m.unread) {
        m.unread = false;
        marked++;
      }
    }
    ctx.sb.changed();
    return ok({ success: true, marked, unread_count: ctx.sb.state.inbox.filter((m) => m.unread).length });
  });
}
