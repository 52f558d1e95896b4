/** One sample input per catalogue operation, for the data-driven "every operation once" test.
 *  Ids come from the sandbox's seeded data through the client itself; irreversible operations
 *  act on throwaway resources created here first. */
import { allOperations, ops } from '../../src/api/catalogue';
import type { Operation } from '../../src/api/operation';
import { entityOf, presentationOf } from '../../src/presentation';
import { sampleOf } from '../shared/schemaSample';
import type { KallyClient } from '../../src/api/client';
import type { OperationInput } from '../../src/api/requestInput';
import { control, type SandboxHandle } from './api.helpers';

export interface SampleContext {
  client: KallyClient;
  sb: SandboxHandle;
}
type Sample = (ctx: SampleContext) => Promise<OperationInput | undefined>;
type Row = Record<string, unknown>;

const idOf = (row: Row | undefined, ...keys: string[]): string => {
  for (const k of [...keys, 'id']) if (row && row[k] !== undefined && row[k] !== null) return String(row[k]);
  throw new Error(`no id in ${JSON.stringify(row)}`);
};
const first = <T>(list: T[] | undefined, pred: (t: T) => boolean = () => true): T | undefined =>
  list?.find(pred) ?? list?.[0];
const future = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

const calls = async ({ client }: SampleContext) =>
  (await client.execute(ops.calls.list, { query: { limit: 50 } })).calls;
const callWith = (status: string) => async (ctx: SampleContext) => ({
  path: {
    call_id: idOf(
      first(await calls(ctx), (c) => c.status === status),
      'call_id',
    ),
  },
});
const scheduled = async (ctx: SampleContext, index: number) => {
  const list = (await calls(ctx)).filter((c) => c.status === 'scheduled');
  return { path: { call_id: idOf(list[index] ?? list[0], 'call_id') } };
};
const goals = async ({ client }: SampleContext) => (await client.execute(ops.coordination.goals)).goals as Row[];
const goalWaiting = (waiting?: string) => async (ctx: SampleContext) => ({
  path: { id: idOf(first(await goals(ctx), (g) => (waiting ? g.waiting_for === waiting : g.status === 'active'))) },
});
const budgetGoal = (waiting?: string) => async (ctx: SampleContext) => ({
  path: { goal_id: idOf(first(await goals(ctx), (g) => (waiting ? g.waiting_for === waiting : true))) },
});
/** A goal created just for an irreversible operation. */
const throwawayGoal = async ({ client }: SampleContext, text: string) => {
  const reply = await client.execute(ops.coordination.message, { body: { message: text } });
  if (reply.goal_id) return String(reply.goal_id);
  return idOf((await client.execute(ops.coordination.goals)).goals[0] as Row);
};
const inboundCall = async ({ client }: SampleContext, pred: (c: Row) => boolean = () => true) =>
  idOf(first((await client.execute(ops.inbound.calls, { query: { limit: 50 } })).calls as Row[], pred));
const liveInbound = (ctx: SampleContext) => inboundCall(ctx, (c) => c.status === 'active');
const phoneId = async ({ client }: SampleContext) =>
  idOf(first((await client.execute(ops.phone.list)).phone_numbers as Row[]));
const draftEmail = async ({ client }: SampleContext) =>
  idOf(
    (await client.execute(ops.actions.sendEmail, {
      body: { to: 'someone@example.com', subject: 'Throwaway', body: 'Created by the catalogue test.' },
    })) as Row,
  );
const channelEmail = async ({ client }: SampleContext, address: string) =>
  idOf((await client.execute(ops.channels.addEmail, { body: { email_address: address, label: 'Test' } })) as Row);
const outreachTask = async ({ client }: SampleContext) =>
  idOf(
    (await client.execute(ops.outreach.create, {
      body: { channel: 'email', target: 'someone@example.com', description: 'Ask for a quote.' },
    })) as Row,
  );
/** Reseeds the sandbox (sign-ins survive): for operations whose target an earlier irreversible sample used up. */
const reseed = (sb: SandboxHandle) => control(sb, 'POST', '/sandbox/reset', {});
const verificationCode = async (sb: SandboxHandle, number: string) => {
  const state = await control<{ verifications: Record<string, { code: string }> }>(sb, 'GET', '/sandbox/state');
  return state.verifications[number]?.code ?? '000000';
};

/** The samples written by hand: an operation whose input needs the sandbox's own data (an id, a
 *  code it sent) or a value the schema walker cannot make. Every other sample is derived. */
const WRITTEN: Record<string, Sample> = {
  // auth
  'auth.cli': async () => ({ query: { redirect_uri: 'http://127.0.0.1:8741/', state: 'catalogue-test' } }),
  'auth.authorize': async () => ({
    query: {
      response_type: 'code',
      client_id: 'kallyai-vscode',
      redirect_uri: 'vscode://kallyai.kallyai/auth',
      state: 's1',
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
    },
  }),
  'auth.gptToken': async ({ sb }) => {
    // The sandbox's sign-in page posts to /sandbox/auth/approve, which redirects with the code.
    const res = await fetch(
      `${sb.url}/sandbox/auth/approve?flow=authorize&response_type=code&client_id=kallyai-vscode&redirect_uri=${encodeURIComponent('http://127.0.0.1:9/cb')}&state=x`,
      { redirect: 'manual' },
    );
    const location = res.headers.get('location') ?? '';
    const code = new URL(location, sb.url).searchParams.get('code') ?? 'missing-code';
    return {
      body: {
        grant_type: 'authorization_code',
        client_id: 'kallyai-vscode',
        client_secret: 'sandbox-secret',
        code,
        redirect_uri: 'http://127.0.0.1:9/cb',
      },
    };
  },
  'auth.googleValidate': async () => ({ body: { id_token: 'sandbox-google-id-token' } }),
  'auth.appleToken': async () => ({
    body: { identity_token: 'sandbox-apple-identity-token', authorization_code: 'abc', full_name: 'Demo User' },
  }),
  'auth.refresh': async ({ sb }) => ({
    body: { refresh_token: (await control<{ refresh_token: string }>(sb, 'POST', '/sandbox/tokens')).refresh_token },
  }),
  // coordination
  'coordination.message': async () => ({ body: { message: 'What is on my plate today?' } }),
  'coordination.history': async () => ({ query: { limit: 20 } }),
  'coordination.goals': async () => ({ query: { status: 'active', limit: 20, offset: 0 } }),
  'coordination.goal': goalWaiting(),
  'coordination.goalTree': async (ctx) => ({
    path: { id: idOf(first(await goals(ctx), (g) => Number(g.sub_goal_count) > 0)) },
  }),
  'coordination.cancelGoal': async (ctx) => ({
    path: { id: await throwawayGoal(ctx, 'Find a plumber for next week.') },
  }),
  'coordination.cascadeCancel': async (ctx) => ({
    path: { id: await throwawayGoal(ctx, 'Plan a weekend trip to Boston with hotel and dinner.') },
  }),
  'coordination.escalate': goalWaiting(),
  'coordination.approveStep': goalWaiting('step_approval'),
  'coordination.acceptOutcome': goalWaiting('outcome_acceptance'),
  'coordination.continueNegotiating': async (ctx) => {
    await reseed(ctx.sb);
    return goalWaiting('outcome_acceptance')(ctx);
  },
  'coordination.archive': async (ctx) => ({
    path: { id: idOf(first(await goals(ctx), (g) => g.status === 'completed')) },
  }),
  'coordination.batchArchive': async (ctx) => ({
    body: { goal_ids: [idOf(first(await goals(ctx), (g) => g.status === 'completed' || g.status === 'cancelled'))] },
  }),
  'coordination.goalBudget': goalWaiting(),
  // calls
  'calls.create': async () => ({
    body: {
      submission: {
        task_category: 'restaurant',
        task_description: 'Book a table for 2 tomorrow evening.',
        respondent_phone: '+12015550100',
        business_name: 'Catalogue Test Bistro',
        party_size: 2,
        appointment_date: future(2),
        appointment_time: '19:30',
        language: 'en',
        call_language: 'en',
      },
      timezone: 'America/New_York',
    },
  }),
  'calls.list': async () => ({ query: { limit: 10, offset: 0 } }),
  'calls.get': callWith('success'),
  'calls.transcript': callWith('success'),
  'calls.recording': callWith('success'),
  'calls.calendar': async (ctx) => ({
    path: {
      call_id: idOf(
        first(await calls(ctx), (c) => c.status === 'success' && Boolean(c.submission?.appointment_date)),
        'call_id',
      ),
    },
  }),
  'calls.cancel': (ctx) => scheduled(ctx, 0),
  'calls.reschedule': async (ctx) => ({ ...(await scheduled(ctx, 1)), body: { date: future(20), time: '10:30' } }),
  'calls.stop': async (ctx) => {
    // A long call (10 simulated minutes) is placed and stopped while it runs.
    let failure: unknown;
    const placing = ctx.client
      .execute(ops.calls.create, {
        body: {
          submission: {
            task_category: 'general',
            task_description: 'A long call to stop midway.',
            respondent_phone: '+12015550199',
          },
          timezone: 'UTC',
        },
      })
      .catch((e: unknown) => {
        failure = e;
      });
    const deadline = Date.now() + 5000;
    while (Date.now() < deadline) {
      const live = (await calls(ctx)).find((c) => c.status === 'in_progress');
      if (live) {
        void placing;
        return { path: { call_id: live.call_id } };
      }
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`no live call appeared within 5 s${failure ? `: placing it failed: ${String(failure)}` : ''}`);
  },
  // inbound
  'inbound.calls': async () => ({ query: { limit: 20, offset: 0, status: 'completed' } }),
  'inbound.deleteCalls': async (ctx) => ({
    body: { call_ids: [await inboundCall(ctx, (c) => c.status === 'missed')] },
  }),
  'inbound.analytics': async () => ({ query: { date_from: future(-30), date_to: future(0) } }),
  'inbound.call': async (ctx) => ({ path: { id: await inboundCall(ctx, (c) => c.status === 'completed') } }),
  'inbound.transcript': async (ctx) => ({ path: { id: await inboundCall(ctx, (c) => c.status === 'completed') } }),
  'inbound.recording': async (ctx) => ({ path: { id: await inboundCall(ctx, (c) => c.status === 'completed') } }),
  'inbound.updateActionItem': async (ctx) => ({
    path: { id: await inboundCall(ctx, (c) => Array.isArray(c.action_items) && c.action_items.length > 0), index: '0' },
    body: { status: 'completed' },
  }),
  'inbound.transfer': async (ctx) => ({
    path: { id: await liveInbound(ctx) },
    body: { target_number: '+12015550177' },
  }),
  'inbound.takeover': async (ctx) => {
    await reseed(ctx.sb);
    return { path: { id: await liveInbound(ctx) } };
  },
  'inbound.reject': async (ctx) => {
    await reseed(ctx.sb);
    return { path: { id: await liveInbound(ctx) }, body: { reason: 'user_rejected' } };
  },
  'inbound.createRule': async () => ({
    body: {
      name: 'VIPs to my mobile',
      action: 'transfer',
      priority: 100,
      is_active: true,
      conditions: { caller_vip: true },
      action_config: { target: '+12015550177' },
    },
  }),
  'inbound.updateRule': async ({ client }) => ({
    path: { id: idOf(first((await client.execute(ops.inbound.rules)).rules as Row[])) },
    body: { priority: 50 },
  }),
  'inbound.deleteRule': async ({ client }) => ({
    path: {
      id: idOf(
        (await client.execute(ops.inbound.createRule, {
          body: { name: 'Throwaway rule', action: 'voicemail' },
        })) as Row,
      ),
    },
  }),
  'inbound.voicemail': async ({ client }) => ({
    path: { id: idOf(first((await client.execute(ops.inbound.voicemails)).voicemails as Row[])) },
  }),
  'inbound.voicemailPlayback': async ({ client }) => ({
    path: { id: idOf(first((await client.execute(ops.inbound.voicemails)).voicemails as Row[])) },
  }),
  'inbound.createContact': async () => ({
    body: { name: 'Ana García', phone_number: '+34612345678', is_vip: true, notes: 'Dentist' },
  }),
  'inbound.updateContact': async ({ client }) => ({
    path: { id: idOf(first((await client.execute(ops.inbound.contacts)).contacts as Row[])) },
    body: { is_vip: false },
  }),
  'inbound.deleteContact': async ({ client }) => ({
    path: {
      id: idOf(
        (await client.execute(ops.inbound.createContact, {
          body: { name: 'Throwaway', phone_number: '+12015550178' },
        })) as Row,
      ),
    },
  }),
  'inbound.importContacts': async () => ({ body: { source: 'csv' } }),
  'inbound.events': async () => ({ query: { from: future(-7), to: future(0) } }),
  // phone
  'phone.get': async (ctx) => ({ path: { id: await phoneId(ctx) } }),
  'phone.available': async () => ({ query: { country: 'US', area_code: '201' } }),
  'phone.provision': async () => ({ body: { country: 'US', area_code: '201' } }),
  'phone.registerForwarding': async () => ({ body: { phone_number: '+12015550177', label: 'My mobile' } }),
  'phone.setForwarding': async (ctx) => ({
    path: { id: await phoneId(ctx) },
    body: { forwarding_number: '+12015550177' },
  }),
  'phone.removeForwarding': async (ctx) => ({ path: { id: await phoneId(ctx) } }),
  'phone.verifyStart': async () => ({ body: { phone_number: '+12015550179' } }),
  'phone.verifyCheck': async ({ client, sb }) => {
    await client.execute(ops.phone.verifyStart, { body: { phone_number: '+12015550180' } });
    return { body: { phone_number: '+12015550180', code: await verificationCode(sb, '+12015550180') } };
  },
  'phone.verifyConfigure': async () => ({ body: { enabled: true } }),
  'phone.verifyNumber': async (ctx) => ({ path: { id: await phoneId(ctx) }, body: {} }),
  'phone.setCallerId': async (ctx) => ({ path: { id: await phoneId(ctx) }, body: { caller_id_name: 'Demo User' } }),
  'phone.release': async ({ client }) => ({
    path: { id: idOf((await client.execute(ops.phone.provision, { body: { country: 'US' } })) as Row) },
  }),
  // actions
  'actions.createCalendarEvent': async () => ({
    body: {
      title: 'Dinner at Luigi’s',
      start: `${future(3)}T20:00:00Z`,
      end: `${future(3)}T22:00:00Z`,
      location: 'Hoboken',
    },
  }),
  'actions.calendarSlots': async () => ({ query: { date: future(2), duration_minutes: 60 } }),
  'actions.deleteCalendarEvent': async ({ client }) => ({
    path: {
      id: idOf(
        (await client.execute(ops.actions.createCalendarEvent, {
          body: { title: 'Throwaway', start: `${future(4)}T10:00:00Z` },
        })) as Row,
        'event_id',
      ),
    },
  }),
  'actions.searchRestaurants': async () => ({
    body: { query: 'sushi', location: 'Hoboken, NJ', party_size: 2, date: future(2), time: '19:00' },
  }),
  'actions.createBooking': async () => ({
    body: { type: 'restaurant', restaurant_id: 'r1', date: future(2), time: '19:00', party_size: 2, name: 'Demo User' },
  }),
  'actions.cancelBooking': async ({ client }) => ({
    path: {
      id: idOf(
        (await client.execute(ops.actions.createBooking, {
          body: { type: 'service', date: future(5), time: '11:00', notes: 'Throwaway' },
        })) as Row,
        'booking_id',
      ),
    },
  }),
  'actions.analyzeBill': async () => ({
    body: { description: 'Internet bill went up from $60 to $95.', amount: 95, provider: 'Comcast' },
  }),
  'actions.disputeBill': async () => ({
    body: { description: 'Charged twice for May.', amount: 60, provider: 'Comcast', reason: 'Duplicate charge' },
  }),
  'actions.ride': async () => ({
    body: { pickup: '1 Hudson Pl, Hoboken', destination: 'Newark Airport', pickup_time: 'tomorrow 07:00' },
  }),
  'actions.food': async () => ({
    body: { description: 'Two margherita pizzas', delivery_address: '1 Hudson Pl, Hoboken' },
  }),
  'actions.errand': async () => ({ body: { description: 'Pick up the dry cleaning on Friday.' } }),
  'actions.sendEmail': async () => ({
    body: { to: 'landlord@example.com', subject: 'Heating', body: 'The heating is broken again.' },
  }),
  'actions.approveEmail': async (ctx) => ({ path: { id: await draftEmail(ctx) } }),
  'actions.cancelEmail': async (ctx) => ({ path: { id: await draftEmail(ctx) } }),
  'actions.emailReplies': async ({ client }) => ({
    path: {
      id: idOf(first((await client.execute(ops.actions.emailOutbox)).emails as Row[], (e) => e.status === 'sent')),
    },
  }),
  'actions.log': async () => ({ query: { type: 'email', limit: 20 } }),
  'actions.undo': async ({ client }) => ({
    path: { id: idOf(first((await client.execute(ops.actions.log)).actions as Row[], (a) => a.undoable === true)) },
  }),
  // messages
  'messages.inbox': async () => ({ query: { limit: 20, unread: 'true' } }),
  'messages.conversation': async ({ client }) => ({
    path: {
      conversation_id: idOf(
        first((await client.execute(ops.messages.inbox)).messages as Row[], (m) => Boolean(m.conversation_id)),
        'conversation_id',
      ),
    },
  }),
  'messages.markRead': async ({ client }) => ({
    body: { message_ids: [idOf(first((await client.execute(ops.messages.inbox)).messages as Row[]))] },
  }),
  // search
  'search.run': async () => ({ body: { query: 'vegan restaurants', location: 'Hoboken, NJ' } }),
  'search.quick': async () => ({ body: { query: 'pharmacy open now' } }),
  // email
  'email.disconnect': async ({ client }) => ({
    path: { id: idOf(first((await client.execute(ops.email.accounts)).accounts as Row[])) },
  }),
  'email.messages': async ({ sb }) => {
    await reseed(sb);
    return { query: { classification: 'important', limit: 10 } };
  },
  'email.message': async ({ client }) => ({
    path: { id: idOf(first((await client.execute(ops.email.messages)).messages as Row[])) },
  }),
  'email.respond': async ({ client }) => ({
    path: { id: idOf(first((await client.execute(ops.email.messages)).messages as Row[])) },
    body: { instructions: 'Say yes, Thursday works.' },
  }),
  'email.trainVoice': async ({ client }) => ({
    body: {
      email_ids: [
        idOf(first((await client.execute(ops.actions.emailOutbox)).emails as Row[], (e) => e.status === 'sent')),
      ],
    },
  }),
  // channels
  'channels.addEmail': async () => ({ body: { email_address: 'work@example.com', label: 'Work', is_primary: false } }),
  'channels.updateEmail': async (ctx) => ({
    path: { id: await channelEmail(ctx, 'update-me@example.com') },
    body: { label: 'Updated', receives_copies: true },
  }),
  'channels.deleteEmail': async (ctx) => ({ path: { id: await channelEmail(ctx, 'delete-me@example.com') } }),
  'channels.verifyEmail': async () => ({ query: { token: 'sandbox-verify-token' } }),
  'channels.connect': async () => ({ path: { channel: 'telegram' }, body: { bot_token: '123456:sandbox-bot-token' } }),
  'channels.test': async () => ({ path: { channel: 'telegram' }, body: { bot_token: '123456:sandbox-bot-token' } }),
  'channels.disconnect': async () => ({ path: { channel: 'telegram' } }),
  // outreach
  'outreach.tasks': async () => ({ query: { status: 'pending,in_progress', limit: 20, offset: 0 } }),
  'outreach.task': async (ctx) => ({ path: { id: await outreachTask(ctx) } }),
  'outreach.create': async () => ({
    body: {
      goal: 'Get a quote for a new roof.',
      recipient_identifier: '+12015550181',
      recipient_name: 'Roof Co',
      urgency: 'high',
      auto_execute: false,
    },
  }),
  'outreach.retry': async (ctx) => {
    const id = await outreachTask(ctx);
    await ctx.client.execute(ops.outreach.cancel, { path: { id } });
    return { path: { id } };
  },
  'outreach.cancel': async (ctx) => ({ path: { id: await outreachTask(ctx) } }),
  // budget
  'budget.estimate': async () => ({ body: { type: 'call', description: 'Book a table for 4 on Friday.' } }),
  'budget.approve': budgetGoal('budget_approval'),
  'budget.costBreakdown': budgetGoal(),
  'budget.acknowledgeSoftCap': budgetGoal('soft_cap'),
  // credits
  'credits.history': async () => ({ query: { limit: 20 } }),
  // subscription
  'subscription.changePlan': async () => ({ body: { new_plan: 'power', target_plan: 'power', annual: false } }),
  'subscription.cancelPendingChange': async ({ client }) => {
    await client.execute(ops.subscription.changePlan, { body: { new_plan: 'starter' } }).catch(() => undefined);
    return undefined;
  },
  // referrals
  'referrals.validate': async ({ client }) => ({
    path: { code: String((await client.execute(ops.referrals.code)).code) },
  }),
  'referrals.track': async ({ client }) => ({
    body: { code: String((await client.execute(ops.referrals.code)).code), email: 'friend@example.com' },
  }),
  // notifications, stripe, users
  'stripe.trialCheckout': async () => ({
    body: { success_url: 'https://kallyai.com/app?checkout=ok', cancel_url: 'https://kallyai.com/app?checkout=cancel' },
  }),
};

/** A path parameter's value the way a person picks it: the first item of the list its
 *  presentation entry names ("Pick a goal"). */
async function pickedId(op: Operation, name: string, { client }: SampleContext): Promise<string> {
  const kind = presentationOf(op)?.params?.[name]?.entity;
  const entity = kind ? entityOf(kind) : undefined;
  if (!entity) throw new Error(`${op.id}: its path parameter ${name} names no entity; write a sample`);
  const item = (await entity.list(client, new AbortController().signal))[0];
  const id = item === undefined ? undefined : entity.id(item);
  if (!id) throw new Error(`${op.id}: the sandbox has no ${kind} to pick; write a sample`);
  return id;
}

/** A sample made from the catalogue entry: ids picked as a person picks them, query and body
 *  the least their schemas accept (test/shared/schemaSample.ts). */
function derived(op: Operation): Sample {
  return async (ctx) => {
    const path: Record<string, string> = {};
    for (const name of op.pathParams) path[name] = await pickedId(op, name, ctx);
    const input: OperationInput = {};
    if (op.pathParams.length) input.path = path;
    const query = sampleOf(op.query, `${op.id} query`);
    const body = sampleOf(op.body, `${op.id} body`);
    if (query) input.query = query;
    if (body) input.body = body;
    return Object.keys(input).length ? input : undefined;
  };
}

/** One sample per catalogue operation: the hand-written one, else one derived from the entry. */
export const SAMPLES: Readonly<Record<string, Sample>> = Object.fromEntries(
  allOperations.map((op) => [op.id, WRITTEN[op.id] ?? derived(op)]),
);
