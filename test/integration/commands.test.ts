// Every contributed command, in the real extension host against the sandbox.
//  - package.json and the code agree (DESIGN.md: "a test keeps the two equal").
//  - Each command is executed once with arguments, and the sandbox's request log shows that its
//    operation — and no other operation that changes anything — was called. Operation commands
//    take their input from the catalogue test's samples (test/unit/api.samples.ts); the
//    hand-written ones from the table below. A new command is covered the day it is added (a
//    hand-written one without a row here fails).
//  - The whole catalogue walked through the pipeline: every operation flagged costsCredits,
//    contactsPeople or irreversible asks the person first, naming its stakes, and does nothing
//    when declined; unflagged ones never ask.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { allOperations } from '../../src/api/catalogue';
import type { KallyClient } from '../../src/api/client';
import type { CommandsModule } from '../../src/app';
import { allCommands, operationCommands } from '../../src/presentation';
import type { Stakes } from '../../src/pipeline/consent/stakes';
import type { Services } from '../../src/services';
import type { Views } from '../../src/views';
import { SAMPLES } from '../unit/api.samples';
import {
  changesNothing,
  clearSandboxRequests,
  closeKallyPages,
  extensionManifest,
  inDays,
  isRequestFor,
  resetSandbox,
  samplesSandbox,
  sandboxJson,
  sandboxRequests,
  waitFor,
  type RunResult,
} from './helpers';
import { ensureSignedIn, signInToFreshSandbox } from './signIn';

const GENERATED_VIEW_COMMAND_SUFFIXES = ['focus', 'resetViewLocation', 'toggleVisibility', 'removeView', 'open'];

type SandboxState = { rules: Array<{ id: string }>; contacts: Array<{ id: string; is_vip?: boolean }> };
/** 'PUT /v1/inbound/rules/{id}' matches 'PUT /v1/inbound/rules/<any id>'. */
const callMatcher = (call: string) => {
  const re = new RegExp(`^${call.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`);
  return (logged: string) => re.test(logged);
};

/** The hand-written commands: their arguments (or how to make them from the sandbox's state) and
 *  the operations they must call ({id} stands for any id). */
const CUSTOM: Record<string, { args: unknown[] | ((state: SandboxState) => unknown[]); calls: string[] }> = {
  'kallyai.signIn': { args: [], calls: [] },
  'kallyai.accountStatus': { args: [], calls: ['GET /v1/subscriptions/status', 'GET /v1/credits/balance'] },
  'kallyai.makeCall': {
    args: [
      {
        phone: '+12015550100',
        category: 'general',
        task: 'Ask whether they open on Sunday morning',
        businessName: 'Every Command Test',
        userName: null,
        date: null,
        time: null,
        timePreference: null,
        language: 'en',
        callLanguage: 'en',
        timezone: 'UTC',
        confirmed: true,
      },
    ],
    calls: ['POST /v1/calls'],
  },
  'kallyai.ask': { args: [{ message: 'What is on my plate today?' }], calls: ['POST /v1/coordination/message'] },
  'kallyai.newConversation': { args: [], calls: ['POST /v1/coordination/conversations'] },
  'kallyai.conversationHistory': { args: [], calls: ['GET /v1/coordination/history'] },
  'kallyai.refreshAll': { args: [], calls: ['GET /v1/credits/balance'] },
  'kallyai.goals.refresh': { args: [], calls: ['GET /v1/coordination/goals'] },
  'kallyai.calls.refresh': { args: [], calls: ['GET /v1/calls'] },
  'kallyai.inbox.refresh': { args: [], calls: ['GET /v1/messages/inbox'] },
  'kallyai.credits.refresh': { args: [], calls: ['GET /v1/credits/balance'] },
  'kallyai.calls.loadMore': { args: [], calls: [] },
  'kallyai.retry': { args: ['credits'], calls: ['GET /v1/credits/balance'] },
  'kallyai.inbox.openDraft': { args: [], calls: ['GET /v1/actions/email/outbox'] },
  'kallyai.signOut': { args: [], calls: [] },
  'kallyai.receptionist.filter': { args: ['missed'], calls: ['GET /v1/inbound/calls'] },
  'kallyai.receptionist.addRule': {
    args: [{ body: { name: 'Every Command Test rule', action: 'take_message', priority: 200, is_active: true } }],
    calls: ['POST /v1/inbound/rules'],
  },
  'kallyai.receptionist.editRule': {
    args: (s) => [{ id: s.rules[0].id, body: { priority: 42 } }],
    calls: ['PUT /v1/inbound/rules/{id}'],
  },
  'kallyai.receptionist.editContact': {
    args: (s) => [{ id: s.contacts[0].id, body: { notes: 'Edited by the every-command test' } }],
    calls: ['PUT /v1/inbound/contacts/{id}'],
  },
  'kallyai.receptionist.markVip': {
    args: (s) => [{ id: s.contacts.find((c) => !c.is_vip)!.id }],
    calls: ['PUT /v1/inbound/contacts/{id}'],
  },
  'kallyai.receptionist.unmarkVip': {
    args: (s) => [{ id: s.contacts.find((c) => c.is_vip)!.id }],
    calls: ['PUT /v1/inbound/contacts/{id}'],
  },
  'kallyai.receptionist.importContacts': { args: [{ source: 'google' }], calls: ['POST /v1/inbound/contacts/import'] },
  'kallyai.receptionist.refresh': { args: [], calls: ['GET /v1/inbound/calls'] },
  'kallyai.phoneNumbers.refresh': { args: [], calls: ['GET /v1/phone-numbers'] },
  'kallyai.showLog': { args: [], calls: [] },
  'kallyai.getStarted': { args: [], calls: [] },
  // Search, actions, outreach and the account (issue 13): forms given every answer.
  'kallyai.actions.createCalendarEvent': {
    args: [{ title: 'Every Command Test event', date: inDays(3), time: '10:00', duration: '1h', location: null }],
    calls: ['POST /v1/actions/calendar/events'],
  },
  'kallyai.actions.book': {
    args: [
      { type: 'service', date: inDays(5), time: '11:00', name: null, notes: 'Every command test', confirmed: true },
    ],
    calls: ['POST /v1/actions/bookings'],
  },
  'kallyai.outreach.create': {
    args: [
      { channel: 'email', target: 'quotes@example.com', description: 'Ask for a quote for the roof', confirmed: true },
    ],
    calls: ['POST /v1/outreach/tasks'],
  },
  'kallyai.subscription.changePlan': {
    args: [{ plan: 'power', confirmed: true }],
    calls: ['POST /v1/subscriptions/change-plan'],
  },
  'kallyai.referrals.copy': { args: [{ text: 'DEMO-KALLY' }], calls: [] },
  'kallyai.activity.filterActions': { args: ['all'], calls: ['GET /v1/actions/log'] },
  'kallyai.activity.filterOutreach': { args: [[]], calls: ['GET /v1/outreach/tasks'] },
  'kallyai.activity.refresh': { args: [], calls: ['GET /v1/actions/log', 'GET /v1/outreach/tasks'] },
  // Email, the inbox's filters and the channels (issue 12).
  'kallyai.email.refresh': {
    args: [],
    calls: ['GET /v1/email/accounts', 'GET /v1/actions/email/outbox', 'GET /v1/email/messages'],
  },
  'kallyai.email.write': {
    args: [
      {
        to: 'landlord@example.com',
        cc: ['me@example.com'],
        subject: 'Every command',
        body: 'Written by the command test.',
      },
    ],
    calls: ['POST /v1/actions/email/send'],
  },
  'kallyai.email.connect': { args: [{ provider: 'gmail', watchMs: 0 }], calls: ['GET /v1/email/oauth/gmail/url'] },
  'kallyai.email.connectGmail': { args: [{ watchMs: 0 }], calls: ['GET /v1/email/oauth/gmail/url'] },
  'kallyai.email.connectOutlook': { args: [{ watchMs: 0 }], calls: ['GET /v1/email/oauth/outlook/url'] },
  'kallyai.email.filterMail': { args: ['all'], calls: ['GET /v1/email/messages'] },
  'kallyai.inbox.filterChannel': { args: ['all'], calls: ['GET /v1/messages/inbox'] },
  'kallyai.inbox.showUnreadOnly': { args: [], calls: ['GET /v1/messages/inbox'] },
  'kallyai.inbox.showAllMessages': { args: [], calls: ['GET /v1/messages/inbox'] },
  'kallyai.inbox.loadMore': { args: [], calls: [] },
  'kallyai.channels.copyMailbox': { args: [], calls: ['GET /v1/channels/mailbox'] },
};

suite('Commands: every one, against the sandbox', function () {
  this.timeout(300_000);
  let services: Services;
  let commands: CommandsModule;
  let views: Views;
  /** No view is loading: a refresh an earlier command asked for has been answered. */
  const viewsIdle = () => Object.values(views.testing.providers).every((p) => !p.loader.loading);

  suiteSetup(async () => {
    const exports = await signInToFreshSandbox();
    services = exports.services;
    views = exports.views;
    commands = exports.commands();
    // Each test counts the requests the sandbox heard. Polling off stops the timers that would add
    // theirs at any moment: the notifications poll, the live-call probe (every 10 s, the same
    // endpoint as Find an Inbound Call) and the views following live calls.
    await vscode.workspace
      .getConfiguration('kallyai')
      .update('pollIntervalSeconds', 0, vscode.ConfigurationTarget.Global);
  });

  suiteTeardown(async () => {
    await vscode.workspace
      .getConfiguration('kallyai')
      .update('pollIntervalSeconds', undefined, vscode.ConfigurationTarget.Global);
    commands.pipeline.consent.answerWith(undefined);
    await ensureSignedIn();
    await resetSandbox();
  });

  test('the commands declared in package.json are exactly the commands registered in code, and the table', async () => {
    const contributes = extensionManifest().contributes as {
      commands: Array<{ command: string; title?: string; category?: string }>;
      views: Record<string, Array<{ id: string }>>;
      viewsContainers: { activitybar: Array<{ id: string }> };
    };
    const declared = new Set(contributes.commands.map((c) => c.command));
    const viewIds = [
      ...Object.values(contributes.views)
        .flat()
        .map((v) => v.id),
      ...contributes.viewsContainers.activitybar.map((c) => c.id),
    ];
    const generated = new Set(viewIds.flatMap((id) => GENERATED_VIEW_COMMAND_SUFFIXES.map((s) => `${id}.${s}`)));
    const registered = new Set(
      (await vscode.commands.getCommands(true)).filter((c) => c.startsWith('kallyai.') && !generated.has(c)),
    );
    assert.deepEqual([...declared].filter((c) => !registered.has(c)).sort(), [], 'declared but not registered');
    assert.deepEqual([...registered].filter((c) => !declared.has(c)).sort(), [], 'registered but not declared');
    assert.deepEqual(
      [...commands.ids].sort(),
      [...declared].sort(),
      'every declared command has a handler in the commands bundle',
    );
    assert.deepEqual(allCommands.map((c) => c.id).sort(), [...declared].sort());
    const wrong = contributes.commands.filter((c) => !c.title || c.category !== 'KallyAI').map((c) => c.command);
    assert.deepEqual(wrong, []);
  });

  for (const { spec, presentation } of operationCommands) {
    test(`${spec.id} runs ${presentation.op.id}, and nothing else that changes anything`, async () => {
      const op = presentation.op;
      const input = ((await SAMPLES[op.id]({ client: services.client as KallyClient, sb: samplesSandbox() })) ??
        {}) as Record<string, unknown>;
      await closeKallyPages();
      await waitFor(viewsIdle, 10_000, 'the views to finish loading');
      await clearSandboxRequests();
      // Picks and file dialogs would wait for a person: their results are checked in their own tests.
      const quiet = presentation.result.kind === 'pick' || presentation.result.kind === 'save';
      const r = await vscode.commands.executeCommand<RunResult>(spec.id, {
        path: input.path,
        query: input.query,
        body: input.body,
        confirmed: true,
        quiet,
      });
      assert.equal(r.outcome, 'done', `${spec.id}: ${JSON.stringify(r).slice(0, 300)}`);
      const log = await sandboxRequests();
      const own = log.filter(isRequestFor(op));
      assert.equal(
        own.length,
        1,
        `${spec.id}: ${op.method} ${op.path} sent ${own.length} times; log: ${log.map((q) => `${q.method} ${q.path}`).join(', ')}`,
      );
      const followUp = presentation.followUp?.op;
      const others = log.filter(
        (q) => !isRequestFor(op)(q) && !changesNothing(q) && !(followUp && isRequestFor(followUp)(q)),
      );
      assert.deepEqual(
        others.map((q) => `${q.method} ${q.path}`),
        [],
        `${spec.id} changed something else`,
      );
    });
  }

  for (const spec of allCommands.filter((c) => !operationCommands.some((o) => o.spec.id === c.id))) {
    test(`${spec.id} (hand-written) calls ${CUSTOM[spec.id]?.calls.join(', ') || 'no operation'}`, async () => {
      const row = CUSTOM[spec.id];
      assert.ok(row, `${spec.id} has no row in CUSTOM: add its arguments and the operations it calls`);
      if (spec.id === 'kallyai.conversationHistory') {
        const id = (await sandboxJson<{ conversations: Array<{ id: string }> }>('/sandbox/state')).conversations[0].id;
        (row.args as unknown[]).splice(0, (row.args as unknown[]).length, { conversationId: id });
      }
      if (spec.id === 'kallyai.inbox.openDraft') {
        const state = await sandboxJson<{ outbox: Array<{ id: string; status: string }> }>('/sandbox/state');
        const draft = state.outbox.find((e) => e.status === 'pending_approval');
        assert.ok(draft, 'the sandbox has a draft');
        (row.args as unknown[]).splice(0, (row.args as unknown[]).length, { id: draft.id });
      }
      const args =
        typeof row.args === 'function' ? row.args(await sandboxJson<SandboxState>('/sandbox/state')) : row.args;
      await clearSandboxRequests();
      const r = await vscode.commands.executeCommand<{ outcome?: string } | undefined>(spec.id, ...args);
      assert.notEqual(r?.outcome, 'failed', `${spec.id}: ${JSON.stringify(r)}`);
      const log = (await sandboxRequests()).map((q) => `${q.method} ${q.path}`);
      for (const call of row.calls)
        assert.ok(log.some(callMatcher(call)), `${spec.id} did not call ${call}; log: ${log.join(', ')}`);
      const writes = (await sandboxRequests()).filter((q) => !changesNothing(q)).map((q) => `${q.method} ${q.path}`);
      assert.deepEqual(
        writes.filter((w) => !row.calls.some((c) => callMatcher(c)(w))),
        [],
        `${spec.id} changed something else`,
      );
      if (spec.id === 'kallyai.signOut') await ensureSignedIn();
    });
  }

  test('the whole catalogue through the pipeline: flagged operations ask with their stakes (and do nothing when declined); the others never ask', async () => {
    const pipeline = commands.pipeline;
    let asked: Stakes[] = [];
    pipeline.consent.answerWith((stakes) => {
      asked.push(stakes);
      return false;
    });
    let flagged = 0;
    let unflagged = 0;
    try {
      for (const op of allOperations.filter((o) => o.auth === 'bearer')) {
        const input = ((await SAMPLES[op.id]({ client: services.client as KallyClient, sb: samplesSandbox() })) ??
          {}) as Record<string, unknown>;
        await clearSandboxRequests();
        asked = [];
        const r = await pipeline.run(op, {
          input: {
            path: input.path as Record<string, string>,
            query: input.query as Record<string, unknown>,
            body: input.body as Record<string, unknown>,
          },
          interactive: false,
          quiet: true,
        });
        const own = (await sandboxRequests()).filter(isRequestFor(op));
        if (op.costsCredits || op.contactsPeople || op.irreversible) {
          flagged++;
          assert.equal(asked.length, 1, `${op.id} did not ask (${r.outcome})`);
          const s = asked[0];
          const text = [s.question, ...s.lines].join('\n');
          assert.ok(s.question.length > 8 && s.confirm && s.decline && s.confirm !== s.decline, `${op.id}: ${text}`);
          assert.equal(s.lines.includes('This cannot be undone.'), op.irreversible, `${op.id} irreversible: ${text}`);
          assert.equal(/Estimated cost/.test(text), op.costsCredits, `${op.id} credits: ${text}`);
          assert.equal(/Your balance/.test(text), op.costsCredits, `${op.id} balance: ${text}`);
          assert.equal(/KallyAI will contact/.test(text), op.contactsPeople, `${op.id} contacts: ${text}`);
          assert.deepEqual([r.outcome, own.length], ['dismissed', 0], `${op.id} went ahead without a yes`);
        } else {
          unflagged++;
          assert.equal(asked.length, 0, `${op.id} asked though it costs nothing, contacts nobody and can be undone`);
          assert.equal(own.length, 1, `${op.id} was not sent (${JSON.stringify(r).slice(0, 200)})`);
        }
      }
    } finally {
      pipeline.consent.answerWith(undefined);
    }
    console.log(
      `[consent] ${flagged} flagged operations asked and were declined; ${unflagged} unflagged ran without asking`,
    );
    assert.ok(flagged > 40 && unflagged > 60, `${flagged} / ${unflagged}`);
  });
});
