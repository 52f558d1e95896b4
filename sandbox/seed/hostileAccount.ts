/** The account half of POST /sandbox/seed-hostile: hostile strings in every text field of the
 *  receptionist (a finished inbound call with action items and a voicemail, a VIP contact, a rule
 *  with hostile keywords, a provisioned number, a forwarding target, an event), of the account
 *  (credit history, an email account, the voice profile, Telegram and WhatsApp account names),
 *  of outreach (a completed task), of actions (a calendar event, a booking and their log entries),
 *  of search history, and of what GET /v1/notifications/pending reads (an unread message on a
 *  channel the service names). Numbers, dates and ids stay valid: only the text is hostile, so a
 *  surface that acts on a number still can. */
import { DAY, HOUR, MINUTE, iso, ymd } from '../clock';
import type { Sandbox } from '../context';
import { type HostileText, pick } from '../hostileText';
import { newId } from '../ids';

/** The caller, contact and voicemail number (valid, and no caller of the live-call cast). */
export const HOSTILE_CALLER_NUMBER = '+12015550187';
/** The hostile provisioned number (not among GET /v1/phone-numbers/available's). */
export const HOSTILE_PHONE_NUMBER = '+14155550177';
/** The hostile forwarding target's number, also the hostile number's forwarding number. */
export const HOSTILE_FORWARDING_NUMBER = '+12015550178';

export interface HostileAccountIds {
  inboundCallId: string;
  contactId: string;
  voicemailId: string;
  ruleId: string;
  phoneNumberId: string;
  forwardingTargetId: string;
  outreachTaskId: string;
  creditEntryId: string;
  actionId: string;
  bookingActionId: string;
  calendarEventId: string;
  bookingId: string;
  searchId: string;
  emailAccountId: string;
  channelMessageId: string;
}

export function seedHostileAccount(sb: Sandbox, h: HostileText, now: number): HostileAccountIds {
  const { state } = sb;
  const p = (i: number) => pick(h, i);
  const items = h.payloads;

  const inboundCallId = newId();
  const voicemailId = newId();
  state.inboundCalls.unshift({
    id: inboundCallId,
    caller_number: HOSTILE_CALLER_NUMBER,
    caller_name: p(17),
    status: 'completed',
    created_at: iso(now - 5 * MINUTE),
    ended_at: iso(now - 4 * MINUTE),
    duration_seconds: 61.5,
    summary: h.all,
    is_vip: true,
    voicemail_id: voicemailId,
    action_items: items.map((description, index) => ({ index, description, status: 'pending' })),
  });
  state.inboundEvents.unshift({
    id: newId(),
    type: 'call.completed',
    call_id: inboundCallId,
    timestamp: iso(now - 4 * MINUTE),
    data: { caller_number: HOSTILE_CALLER_NUMBER, caller_name: p(17) },
  });
  state.voicemails.unshift({
    id: voicemailId,
    call_id: inboundCallId,
    caller_number: HOSTILE_CALLER_NUMBER,
    caller_name: p(18),
    duration_seconds: 42,
    transcription: h.all,
    listened: false,
    created_at: iso(now - 4 * MINUTE),
  });
  const contactId = newId();
  state.contacts.unshift({
    id: contactId,
    name: p(19),
    phone_number: HOSTILE_CALLER_NUMBER,
    is_vip: true,
    notes: h.all,
    created_at: iso(now - DAY),
  });
  const ruleId = newId();
  state.rules.unshift({
    id: ruleId,
    name: p(20),
    action: 'take_message',
    priority: 1,
    is_active: true,
    conditions: { keywords: [...items], caller_name_contains: p(21) },
    action_config: { message: p(22) },
    created_at: iso(now - DAY),
  });

  const phoneNumberId = newId();
  state.phoneNumbers.unshift({
    id: phoneNumberId,
    phone_number: HOSTILE_PHONE_NUMBER,
    iso_country: 'US',
    friendly_name: p(23),
    status: 'active',
    forwarding_number: HOSTILE_FORWARDING_NUMBER,
    caller_id_name: p(24),
    verified: true,
    capabilities: { voice: true, sms: true },
    created_at: iso(now - DAY),
  });
  const forwardingTargetId = newId();
  state.forwardingTargets.unshift({
    id: forwardingTargetId,
    phone_number: HOSTILE_FORWARDING_NUMBER,
    label: p(25),
    verified: true,
    created_at: iso(now - DAY),
  });

  const outreachTaskId = newId();
  state.outreachTasks.unshift({
    id: outreachTaskId,
    goal: p(26),
    recipient_identifier: 'hostile@example.com',
    recipient_name: p(27),
    status: 'completed',
    urgency: 'high',
    selected_channel: 'email',
    completed_via_channel: 'email',
    completion_summary: h.all,
    coordination_message_id: null,
    created_at: iso(now - 2 * HOUR),
    updated_at: iso(now - HOUR),
    completed_at: iso(now - HOUR),
    attempts: [
      { channel: 'email', status: 'completed', started_at: iso(now - 2 * HOUR), completed_at: iso(now - HOUR) },
    ],
  });

  // Two entries: a hostile description, and a hostile type (the breakdown groups by it).
  const creditEntryId = newId();
  state.creditHistory.unshift(
    {
      id: creditEntryId,
      type: 'search',
      description: p(28),
      credits: -0.5,
      timestamp: iso(now - 10 * MINUTE),
      goal_id: null,
    },
    { id: newId(), type: p(29), description: p(30), credits: -0.1, timestamp: iso(now - 11 * MINUTE), goal_id: null },
  );

  const calendarEventId = newId();
  const day = ymd(now + 2 * DAY);
  state.calendarEvents.push({
    id: calendarEventId,
    title: p(31),
    start: `${day}T18:00:00Z`,
    end: `${day}T19:00:00Z`,
    location: p(32),
    description: h.all,
    created_at: iso(now - HOUR),
  });
  const bookingId = newId();
  state.bookings.push({
    id: bookingId,
    type: 'restaurant',
    restaurant_id: 'rest-hostile',
    name: p(33),
    date: day,
    time: '20:00',
    party_size: 2,
    notes: h.all,
    status: 'confirmed',
    confirmation_code: p(34),
    created_at: iso(now - HOUR),
  });
  const actionId = newId();
  const bookingActionId = newId();
  state.actions.unshift(
    {
      id: actionId,
      type: 'calendar',
      description: p(35),
      status: 'completed',
      created_at: iso(now - HOUR),
      undoable: true,
      target_id: calendarEventId,
    },
    {
      id: bookingActionId,
      type: 'booking',
      description: p(36),
      status: 'completed',
      created_at: iso(now - HOUR - MINUTE),
      undoable: true,
      target_id: bookingId,
    },
  );

  const searchId = newId();
  state.searches.unshift({
    id: searchId,
    query: p(37),
    location: p(38),
    created_at: iso(now - 20 * MINUTE),
    result_count: 4,
    credits_used: 0.5,
  });

  // A second account, after the demo one: channels status and the connect flow keep reading the first.
  const emailAccountId = newId();
  state.emailAccounts.push({
    id: emailAccountId,
    provider: 'gmail',
    email: p(39),
    connected_at: iso(now - DAY),
    status: 'connected',
  });
  state.voiceProfile = {
    ...state.voiceProfile,
    trained: true,
    tone: p(40),
    formality: p(41),
    typical_greeting: p(42),
    typical_sign_off: p(43),
    updated_at: iso(now - DAY),
  };
  state.webhooks.telegram = { connected: true, account_name: p(44), connected_at: iso(now - DAY) };
  state.webhooks.whatsapp = { connected: true, account_name: p(45), connected_at: iso(now - DAY) };

  // Unread, so GET /v1/notifications/pending lists it with its hostile channel, sender and preview.
  const channelMessageId = newId();
  state.inbox.unshift({
    id: channelMessageId,
    from: p(46),
    subject: p(47),
    channel: p(48),
    preview: p(49),
    body: h.all,
    unread: true,
    received_at: iso(now - 30 * MINUTE),
    conversation_id: newId(),
  });

  return {
    inboundCallId,
    contactId,
    voicemailId,
    ruleId,
    phoneNumberId,
    forwardingTargetId,
    outreachTaskId,
    creditEntryId,
    actionId,
    bookingActionId,
    calendarEventId,
    bookingId,
    searchId,
    emailAccountId,
    channelMessageId,
  };
}
