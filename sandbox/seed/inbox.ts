/** Seeded inbox (every channel, one email thread of 3, some unread) and outbox (2 drafts pending approval, one sent with a reply, one discarded, one failed). */
import { DAY, HOUR, MINUTE, iso } from '../clock';
import { seedId } from '../ids';
import type { InboxMessage, OutboxEmail, SandboxState } from '../state';

function msg(
  key: string,
  channel: string,
  from: string,
  subject: string,
  body: string,
  agoMs: number,
  unread: boolean,
  now: number,
  conversation = key,
): InboxMessage {
  return {
    id: seedId(`inbox-${key}`),
    from,
    subject,
    channel,
    preview: body.length > 90 ? `${body.slice(0, 87)}...` : body,
    body,
    unread,
    received_at: iso(now - agoMs),
    conversation_id: seedId(`thread-${conversation}`),
  };
}

export function seedInbox(state: SandboxState, now: number): void {
  state.inbox = [
    msg(
      'luigi-3',
      'email',
      "Luigi's Trattoria <bookings@luigis.example>",
      'Re: Table for 4 on Friday',
      'Perfect, we have noted the window table. See you on Friday at 8:00 PM! Luigi',
      25 * MINUTE,
      true,
      now,
      'luigi',
    ),
    msg(
      'sms-dentist',
      'sms',
      '+12015550110',
      'Appointment reminder',
      'Bright Smile Dental: reminder of your check-up next week at 9:30 AM. Reply C to confirm.',
      50 * MINUTE,
      true,
      now,
    ),
    msg(
      'chat-assistant',
      'chat',
      'KallyAI',
      'Plumber quotes ready soon',
      'Approve the budget for the plumber goal and I will start calling three plumbers for quotes.',
      38 * MINUTE,
      true,
      now,
    ),
    msg(
      'luigi-2',
      'email',
      'Demo User <demo@kallyai.test>',
      'Re: Table for 4 on Friday',
      'Thank you! Could we have the table by the window, please?',
      2 * HOUR,
      false,
      now,
      'luigi',
    ),
    msg(
      'call-hardware',
      'call',
      '+12015550112',
      'Call summary: City Hardware',
      'City Hardware is open on Saturday from 10:00 AM to 2:00 PM.',
      2 * DAY + 6 * HOUR,
      false,
      now,
    ),
    msg(
      'luigi-1',
      'email',
      "Luigi's Trattoria <bookings@luigis.example>",
      'Table for 4 on Friday',
      "Thank you for your booking at Luigi's Trattoria: a table for 4 on Friday at 8:00 PM. Reply to this email for any request.",
      2 * HOUR + 10 * MINUTE,
      false,
      now,
      'luigi',
    ),
    msg(
      'sms-bike',
      'sms',
      '+12015550101',
      'Your bike is ready',
      'Spoke & Chain Cycles: your bike repair is done, you can pick it up until 6 PM.',
      5 * HOUR,
      true,
      now,
    ),
    msg(
      'call-painter',
      'call',
      '+12015550103',
      'Missed call: ProPaint Co.',
      'ProPaint Co. called back about the painting quote and left a voicemail.',
      1 * DAY,
      false,
      now,
    ),
    msg(
      'email-airline',
      'email',
      'SkyJet Customer Care <care@skyjet.example>',
      'Your refund options',
      'We can refund $320 to your card within 7 days, or issue a $400 travel voucher valid for a year.',
      3 * DAY,
      true,
      now,
    ),
    msg(
      'chat-offsite',
      'chat',
      'KallyAI',
      'Offsite venue shortlist',
      'I shortlisted 4 venues in Lisbon for 12 people; I am calling them for availability on the 14th.',
      4 * DAY,
      false,
      now,
    ),
  ].sort((a, b) => b.received_at.localeCompare(a.received_at));

  const draft = (
    key: string,
    to: string,
    subject: string,
    body: string,
    agoMs: number,
    status: OutboxEmail['status'] = 'pending_approval',
  ): OutboxEmail => ({
    id: seedId(`outbox-${key}`),
    to,
    subject,
    body,
    status,
    created_at: iso(now - agoMs),
    replies: [],
    ...(status === 'sent' ? { sent_at: iso(now - agoMs + MINUTE) } : {}),
  });
  const sent = draft(
    'sent-luigi',
    'bookings@luigis.example',
    'Re: Table for 4 on Friday',
    'Thank you! Could we have the table by the window, please?',
    2 * HOUR,
    'sent',
  );
  sent.replies.push({
    id: seedId('reply-luigi'),
    from: 'bookings@luigis.example',
    body: 'Perfect, we have noted the window table. See you on Friday at 8:00 PM! Luigi',
    received_at: iso(now - 25 * MINUTE),
  });
  state.outbox = [
    draft(
      'guests',
      'team@example.com',
      "Dinner on Friday at Luigi's",
      "Hi all,\n\nDinner is booked for Friday at 8:00 PM at Luigi's Trattoria, 12 Main Street. See you there!\n\nDemo",
      20 * MINUTE,
    ),
    draft(
      'landlord',
      'landlord@example.com',
      'Kitchen sink leak',
      'Hello,\n\nThe kitchen sink has been leaking since Monday. I am arranging a plumber this week and will send you the invoice.\n\nBest regards,\nDemo User',
      35 * MINUTE,
    ),
    sent,
    draft(
      'gym',
      'members@peakfitness.example',
      'Membership renewal',
      'Please do not renew my membership next month.',
      8 * DAY,
      'cancelled',
    ),
    {
      ...draft(
        'hardware',
        'orders@cityhardware.example',
        'Order 4471: delivery address',
        'Hello,\n\nPlease deliver order 4471 to 1 Hudson Place instead.\n\nThanks,\nDemo',
        1 * DAY,
        'failed',
      ),
      failure_reason: 'The mail provider refused the recipient (550 mailbox unavailable).',
    },
  ];
}
