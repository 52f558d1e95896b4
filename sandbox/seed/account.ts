/** Seeded account: credits and their history, subscription, phone number, receptionist, email, channels, outreach, referrals, actions. */
import { DAY, HOUR, MINUTE, iso, ymd } from '../clock';
import { credits, seedId } from '../ids';
import type { CreditEntry, SandboxState } from '../state';

export const INITIAL_ALLOCATED = 600;
export const SEEDED_REMAINING = 142.5;

export function seedCredits(state: SandboxState, now: number): void {
  const entries: CreditEntry[] = [];
  for (const c of state.calls) {
    if (c.credits_used)
      entries.push({
        id: seedId(`credit-call-${c.call_id}`),
        type: 'call',
        description: `Call to ${c.business_name ?? c.to}`,
        credits: -c.credits_used,
        timestamp: c.ended_at ?? c.created_at,
        goal_id: null,
      });
  }
  for (const g of state.goals) {
    for (const [i, item] of g.cost_items.entries())
      entries.push({
        id: seedId(`credit-goal-${g.id}-${i}`),
        type: 'goal_step',
        description: `${g.title}: ${item.action}`,
        credits: -item.credits,
        timestamp: item.timestamp,
        goal_id: g.id,
      });
  }
  entries.push({
    id: seedId('credit-search-1'),
    type: 'search',
    description: 'Search: Italian restaurants open on Friday',
    credits: -0.5,
    timestamp: iso(now - 3 * HOUR),
    goal_id: null,
  });
  entries.push({
    id: seedId('credit-email-1'),
    type: 'email',
    description: 'Email to bookings@luigis.example',
    credits: -0.3,
    timestamp: iso(now - 2 * HOUR + MINUTE),
    goal_id: null,
  });
  const spent = entries.reduce((sum, e) => sum - e.credits, 0);
  const used = INITIAL_ALLOCATED - SEEDED_REMAINING;
  entries.push({
    id: seedId('credit-earlier'),
    type: 'call',
    description: 'Calls earlier this period',
    credits: -credits(used - spent),
    timestamp: iso(now - 14 * DAY),
    goal_id: null,
  });
  entries.push({
    id: seedId('credit-allocation'),
    type: 'allocation',
    description: 'Pro plan: monthly credits',
    credits: INITIAL_ALLOCATED,
    timestamp: state.credits.period_start,
    goal_id: null,
  });
  state.creditHistory = entries.sort((a, b) => b.timestamp.localeCompare(a.timestamp));
  state.credits.remaining = SEEDED_REMAINING;
}

export function seedAccount(state: SandboxState, now: number): void {
  const number = seedId('phone-1');
  state.phoneNumbers = [
    {
      id: number,
      phone_number: '+14155550134',
      iso_country: 'US',
      friendly_name: '(415) 555-0134',
      status: 'active',
      forwarding_number: '+12015550177',
      caller_id_name: 'Demo User',
      verified: true,
      capabilities: { voice: true, sms: true },
      created_at: iso(now - 40 * DAY),
    },
  ];
  state.forwardingTargets = [
    {
      id: seedId('fwd-1'),
      phone_number: '+12015550177',
      label: 'My mobile',
      verified: true,
      created_at: iso(now - 40 * DAY),
    },
  ];

  const inbound = (
    key: string,
    caller: string,
    name: string | null,
    status: string,
    ago: number,
    duration: number,
    summary: string,
    vip: boolean,
    items: string[],
  ) => ({
    id: seedId(`inbound-${key}`),
    caller_number: caller,
    caller_name: name,
    status,
    created_at: iso(now - ago),
    duration_seconds: duration,
    summary,
    is_vip: vip,
    action_items: items.map((description, index) => ({ index, description, status: 'pending' })),
  });
  state.inboundCalls = [
    inbound(
      'active',
      '+12015550130',
      'Alex Rivera',
      'active',
      1 * MINUTE,
      0,
      'Alex is asking whether Friday dinner is still on.',
      true,
      [],
    ),
    inbound(
      'delivery',
      '+12015550131',
      'QuickShip Courier',
      'completed',
      3 * HOUR,
      74.2,
      'The courier will deliver the parcel tomorrow between 10:00 and 12:00.',
      false,
      ['Be home tomorrow 10:00-12:00'],
    ),
    inbound(
      'dentist',
      '+12015550110',
      'Bright Smile Dental',
      'completed',
      1 * DAY,
      58.9,
      "The dental office asked to confirm next week's check-up.",
      false,
      ['Confirm the check-up by SMS', 'Bring the insurance card'],
    ),
    inbound('unknown', '+12015550132', null, 'missed', 2 * DAY, 0, 'Missed call, no message.', false, []),
    inbound(
      'sales',
      '+12015550133',
      'Solar Deals Inc.',
      'rejected',
      3 * DAY,
      12.4,
      'Sales call about solar panels; rejected by the rule "Block sales calls".',
      false,
      [],
    ),
    inbound(
      'mom',
      '+12015550135',
      'Mom',
      'completed',
      4 * DAY,
      131.0,
      'Mom asked about the birthday dinner plans and wants a call back tonight.',
      true,
      ['Call Mom back tonight'],
    ),
  ];
  state.rules = [
    {
      id: seedId('rule-vip'),
      name: 'Transfer VIP callers to me',
      action: 'transfer',
      priority: 10,
      is_active: true,
      conditions: { caller_vip: true },
      action_config: { target: '+12015550177' },
      created_at: iso(now - 30 * DAY),
    },
    {
      id: seedId('rule-sales'),
      name: 'Block sales calls',
      action: 'reject',
      priority: 50,
      is_active: true,
      conditions: { keywords: ['offer', 'solar', 'warranty'] },
      action_config: {},
      created_at: iso(now - 30 * DAY),
    },
    {
      id: seedId('rule-default'),
      name: 'Take a message',
      action: 'take_message',
      priority: 100,
      is_active: true,
      conditions: {},
      action_config: {},
      created_at: iso(now - 40 * DAY),
    },
  ];
  state.voicemails = [
    {
      id: seedId('voicemail-painter'),
      caller_number: '+12015550103',
      caller_name: 'ProPaint Co.',
      duration_seconds: 27.5,
      transcription:
        'Hi, this is ProPaint returning your call about the living room. The quote is $850 including materials; call us back to schedule.',
      listened: false,
      created_at: iso(now - 1 * DAY),
    },
  ];
  state.contacts = [
    {
      id: seedId('contact-alex'),
      name: 'Alex Rivera',
      phone_number: '+12015550130',
      is_vip: true,
      notes: 'Friday dinner guest',
      created_at: iso(now - 20 * DAY),
    },
    {
      id: seedId('contact-mom'),
      name: 'Mom',
      phone_number: '+12015550135',
      is_vip: true,
      notes: '',
      created_at: iso(now - 40 * DAY),
    },
    {
      id: seedId('contact-dentist'),
      name: 'Bright Smile Dental',
      phone_number: '+12015550110',
      is_vip: false,
      notes: 'Dr. Patel',
      created_at: iso(now - 15 * DAY),
    },
  ];
  state.inboundEvents = state.inboundCalls.map((c, i) => ({
    id: seedId(`event-${i}`),
    type: `call.${c.status}`,
    call_id: c.id,
    timestamp: c.created_at,
    data: { caller_number: c.caller_number },
  }));

  state.emailAccounts = [
    {
      id: seedId('email-account-gmail'),
      provider: 'gmail',
      email: 'demo@kallyai.test',
      connected_at: iso(now - 20 * DAY),
      status: 'connected',
    },
  ];
  state.emailMessages = [
    {
      id: seedId('email-msg-1'),
      from: 'SkyJet Customer Care <care@skyjet.example>',
      to: 'demo@kallyai.test',
      subject: 'Your refund options',
      snippet: 'We can refund $320 to your card within 7 days...',
      body: 'We can refund $320 to your card within 7 days, or issue a $400 travel voucher valid for a year.',
      classification: 'actionable',
      received_at: iso(now - 3 * DAY),
      unread: true,
      attachments: [],
    },
    {
      id: seedId('email-msg-2'),
      from: 'City Power <billing@citypower.example>',
      to: 'demo@kallyai.test',
      subject: 'Your March bill',
      snippet: 'Your bill of $84.20 is due on the 28th.',
      body: 'Your bill of $84.20 is due on the 28th. Pay online or by direct debit.',
      classification: 'important',
      received_at: iso(now - 2 * DAY),
      unread: false,
      attachments: [{ filename: 'bill-march.pdf', content_type: 'application/pdf', size: 48213 }],
    },
    {
      id: seedId('email-msg-3'),
      from: 'Weekly Deals <deals@shop.example>',
      to: 'demo@kallyai.test',
      subject: '50% off everything!',
      snippet: 'Only this weekend...',
      body: 'Only this weekend: 50% off everything.',
      classification: 'spam',
      received_at: iso(now - 1 * DAY),
      unread: true,
      attachments: [],
    },
    {
      id: seedId('email-msg-4'),
      from: 'Nordic Home <news@nordichome.example>',
      to: 'demo@kallyai.test',
      subject: 'New arrivals',
      snippet: 'The spring collection is here.',
      body: 'The spring collection is here.',
      classification: 'informational',
      received_at: iso(now - 5 * HOUR),
      unread: false,
      attachments: [],
    },
  ];
  state.voiceProfile = {
    trained: true,
    samples_analyzed: 48,
    tone: 'friendly and concise',
    formality: 'neutral',
    typical_greeting: 'Hi',
    typical_sign_off: 'Best, Demo',
    updated_at: iso(now - 10 * DAY),
  };
  state.channelEmails = [
    {
      id: seedId('channel-email-1'),
      email_address: 'demo@kallyai.test',
      label: 'Personal',
      display_name: 'Personal',
      is_primary: true,
      receives_copies: true,
      receives_notifications: true,
      verified: true,
      verified_at: iso(now - 20 * DAY),
      created_at: iso(now - 20 * DAY),
    },
  ];
  state.webhooks = {
    telegram: { connected: true, account_name: '@demo_kally_bot', connected_at: iso(now - 12 * DAY) },
  };

  state.outreachTasks = [
    {
      id: seedId('outreach-1'),
      goal: 'Confirm the venue deposit for the Lisbon offsite',
      recipient_identifier: 'events@lisbonvenue.example',
      recipient_name: 'Lisbon Venue Events',
      status: 'completed',
      urgency: 'normal',
      selected_channel: 'email',
      completed_via_channel: 'email',
      completion_summary: 'The venue confirmed the deposit of EUR 500.',
      created_at: iso(now - 5 * DAY),
      updated_at: iso(now - 4 * DAY),
      completed_at: iso(now - 4 * DAY),
      attempts: [
        { channel: 'email', status: 'completed', started_at: iso(now - 5 * DAY), completed_at: iso(now - 4 * DAY) },
      ],
    },
    {
      id: seedId('outreach-2'),
      goal: 'Ask the landlord when the plumber can enter the flat',
      recipient_identifier: '+12015550140',
      recipient_name: 'Landlord',
      status: 'in_progress',
      urgency: 'high',
      selected_channel: 'call',
      completed_via_channel: null,
      completion_summary: null,
      created_at: iso(now - 30 * MINUTE),
      updated_at: iso(now - 30 * MINUTE),
      completed_at: null,
      attempts: [
        {
          channel: 'call',
          status: 'no_answer',
          started_at: iso(now - 30 * MINUTE),
          completed_at: iso(now - 29 * MINUTE),
        },
      ],
    },
    {
      id: seedId('outreach-3'),
      goal: 'Get the invoice for the gym membership',
      recipient_identifier: 'billing@peakfitness.example',
      recipient_name: 'Peak Fitness',
      status: 'failed',
      urgency: 'low',
      selected_channel: 'email',
      completed_via_channel: null,
      completion_summary: 'No reply after 3 attempts.',
      created_at: iso(now - 9 * DAY),
      updated_at: iso(now - 6 * DAY),
      completed_at: null,
      attempts: [
        { channel: 'email', status: 'failed', started_at: iso(now - 9 * DAY), completed_at: iso(now - 6 * DAY) },
      ],
    },
  ];
  state.referralCode = 'DEMO-KALLY';
  state.referrals = [
    {
      id: seedId('ref-1'),
      referred_email: 'f***@example.com',
      status: 'converted',
      referrer_reward_minutes: 0,
      referred_reward_minutes: 0,
      referrer_reward_credits: 50,
      referred_reward_credits: 25,
      created_at: iso(now - 25 * DAY),
      converted_at: iso(now - 20 * DAY),
    },
    {
      id: seedId('ref-2'),
      referred_email: 's***@example.com',
      status: 'pending',
      referrer_reward_minutes: 0,
      referred_reward_minutes: 0,
      referrer_reward_credits: 0,
      referred_reward_credits: 0,
      created_at: iso(now - 3 * DAY),
      converted_at: null,
    },
  ];
  state.calendarEvents = [
    {
      id: seedId('cal-luigi'),
      title: "Dinner at Luigi's Trattoria",
      start: `${ymd(now + 3 * DAY)}T20:00:00Z`,
      end: `${ymd(now + 3 * DAY)}T22:00:00Z`,
      location: "Luigi's Trattoria, 12 Main Street",
      description: 'Table for 4',
      created_at: iso(now - 2 * HOUR),
    },
  ];
  state.bookings = [
    {
      id: seedId('booking-luigi'),
      type: 'restaurant',
      restaurant_id: 'rest-luigis',
      name: "Luigi's Trattoria",
      date: ymd(now + 3 * DAY),
      time: '20:00',
      party_size: 4,
      status: 'confirmed',
      confirmation_code: 'LUI-4821',
      created_at: iso(now - 2 * HOUR),
    },
  ];
  state.actions = [
    {
      id: seedId('action-cal'),
      type: 'calendar',
      description: "Added 'Dinner at Luigi's Trattoria' to your calendar",
      status: 'completed',
      created_at: iso(now - 2 * HOUR),
      undoable: true,
      target_id: seedId('cal-luigi'),
    },
    {
      id: seedId('action-booking'),
      type: 'booking',
      description: "Booked a table for 4 at Luigi's Trattoria",
      status: 'completed',
      created_at: iso(now - 2 * HOUR - MINUTE),
      undoable: true,
      target_id: seedId('booking-luigi'),
    },
    {
      id: seedId('action-email'),
      type: 'email',
      description: 'Sent an email to bookings@luigis.example',
      status: 'completed',
      created_at: iso(now - 2 * HOUR + MINUTE),
      undoable: false,
    },
    {
      id: seedId('action-ride'),
      type: 'ride',
      description: 'Ride from home to the airport',
      status: 'completed',
      created_at: iso(now - 12 * DAY),
      undoable: false,
    },
  ];
  state.searches = [
    {
      id: seedId('search-1'),
      query: 'Italian restaurants open on Friday',
      location: 'New York',
      created_at: iso(now - 3 * HOUR),
      result_count: 3,
      credits_used: 0.5,
    },
  ];
}
