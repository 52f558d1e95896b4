/** Hostile strings in every field a page, a document, a view or a notification shows (POST
 *  /sandbox/seed-hostile): a goal with its steps, costs and outcome, a conversation about it, a
 *  finished call with its transcript, an inbox message, an email draft (to, cc, subject, body), a
 *  sent email with hostile replies, an email message of the connected account (from, to, cc,
 *  subject, body, attachment names), a notification email address with a hostile label — and the
 *  account half (hostileAccount.ts): receptionist, numbers, outreach, credits, actions, search,
 *  channels. From then on the run is hostile (hostileText.ts): the answers the sandbox words
 *  itself carry the payloads too, until /sandbox/reset. The extension's XSS and trust-boundary
 *  tests open each surface and check that nothing acts, freezes or deceives. */
import { DAY, HOUR, iso, ymd } from '../clock';
import { finishedCall } from '../calls/record';
import type { Sandbox } from '../context';
import { hostileText } from '../hostileText';
import { makeGoal, recountSubGoals } from '../goals/model';
import { newId } from '../ids';
import { type HostileAccountIds, seedHostileAccount } from './hostileAccount';

export interface HostileIds extends HostileAccountIds {
  goalId: string;
  conversationId: string;
  callId: string;
  messageId: string;
  draftId: string;
  sentEmailId: string;
  emailMessageId: string;
  channelEmailId: string;
}

export function seedHostile(sb: Sandbox, payloads: readonly string[]): HostileIds {
  const p = (i: number) => payloads[i % payloads.length];
  const all = payloads.join(' ');
  const now = Date.now();
  const { state } = sb;
  const h = hostileText(payloads);
  sb.hostile = h;
  const conversationId = newId();
  const goal = makeGoal({
    id: newId(),
    title: p(0),
    description: all,
    createdMs: now - HOUR,
    conversationId,
    creditsEstimated: 3,
    creditsUsed: 0.5,
    waitingFor: 'step_approval',
    outcome: all,
    steps: payloads.map(
      (text, i) => [text, i === 0 ? 'completed' : 'pending', 1] as [string, 'completed' | 'pending', number],
    ),
  });
  goal.cost_items = payloads.slice(0, 5).map((action) => ({ action, credits: 0.1, timestamp: iso(now - HOUR) }));
  state.goals.unshift(goal);
  recountSubGoals(state);
  state.conversations.unshift({
    id: conversationId,
    title: p(1),
    created_at: iso(now - HOUR),
    messages: payloads.flatMap((text, i) => [
      { id: newId(), role: 'user' as const, content: text, created_at: iso(now - HOUR + i * 1000) },
      {
        id: newId(),
        role: 'assistant' as const,
        content: p(i + 1),
        created_at: i % 2 ? p(i) : iso(now - HOUR + i * 1000 + 500),
        goal_id: goal.id,
      },
    ]),
  });
  const call = finishedCall(
    newId(),
    {
      task_category: 'restaurant',
      task_description: all,
      respondent_phone: '+12015550100',
      business_name: p(2),
      party_size: 2,
      appointment_date: ymd(now + 2 * DAY),
      appointment_time: '20:00',
      language: 'en',
      call_language: 'en',
    },
    'UTC',
    now - 2 * HOUR,
    'success',
    90,
  );
  call.highlights = all;
  call.next_steps = payloads.map((x) => `- ${x}`).join('\n');
  call.transcript = payloads.map((text, i) => ({
    speaker: i % 2 ? 'AI' : p(i + 3),
    content: text,
    timestamp: p(i + 4),
  }));
  state.calls.unshift(call);
  const messageId = newId();
  state.inbox.unshift({
    id: messageId,
    from: p(3),
    subject: p(4),
    channel: 'email',
    preview: p(5),
    body: all,
    unread: true,
    received_at: iso(now - HOUR),
    conversation_id: newId(),
  });
  const draftId = newId();
  state.outbox.unshift({
    id: draftId,
    to: 'someone@example.com',
    cc: [p(7), p(8)],
    subject: p(6),
    body: all,
    status: 'pending_approval',
    created_at: iso(now - HOUR),
    replies: [],
  });
  const sentEmailId = newId();
  state.outbox.unshift({
    id: sentEmailId,
    to: p(9),
    subject: p(10),
    body: all,
    status: 'sent',
    created_at: iso(now - 2 * HOUR),
    sent_at: iso(now - 2 * HOUR),
    replies: payloads.map((text, i) => ({
      id: newId(),
      from: p(i + 11),
      subject: p(i + 12),
      body: text,
      received_at: iso(now - HOUR + i * 1000),
    })),
  });
  const emailMessageId = newId();
  state.emailMessages.unshift({
    id: emailMessageId,
    from: p(11),
    to: p(12),
    cc: p(13),
    subject: p(14),
    snippet: p(15),
    body: all,
    classification: 'important',
    received_at: iso(now - HOUR),
    unread: true,
    attachments: payloads.slice(0, 3).map((text) => ({ filename: text, content_type: 'application/pdf', size: 1024 })),
  });
  const channelEmailId = newId();
  state.channelEmails.push({
    id: channelEmailId,
    email_address: 'hostile@example.com',
    label: p(16),
    display_name: p(16),
    is_primary: false,
    receives_copies: true,
    receives_notifications: true,
    verified: false,
    verified_at: null,
    created_at: iso(now - HOUR),
  });
  const account = seedHostileAccount(sb, h, now);
  sb.changed();
  return {
    goalId: goal.id,
    conversationId,
    callId: call.call_id,
    messageId,
    draftId,
    sentEmailId,
    emailMessageId,
    channelEmailId,
    ...account,
  };
}
