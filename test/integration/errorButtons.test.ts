// Every error's button works (issue 23): for each error code with a next step, the code is made to
// happen in a real operation, started as the person starts it (a command on a goal, a search, a
// call, a plan change…), by a sandbox fault — or, for the walkthrough's goal over its hard cap, by
// the sandbox itself; the error's notification button is pressed as the person presses it (the
// test host's `press`), and the request or command it should start is checked for the same target:
// Approve Budget approves the budget of the goal whose step failed, Retry sends the same request
// again, Edit Request reopens the form with what was typed, Use Another Number reopens it without
// the number, Sign In signs in again, Open Pricing opens the pricing page, and so on.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { ERROR_ACTIONS, PRICING_URL, type UserActionKind } from '../../src/api/errorCodes';
import { DEFAULT_RETRY } from '../../src/api/retry';
import type { CommandsModule } from '../../src/app';
import { actionLabel } from '../../src/format/errors';
import type { Stakes } from '../../src/pipeline/consent/stakes';
import {
  answerConsents,
  clearSandboxFaults,
  clearSandboxRequests,
  inDays,
  openPage,
  resetSandbox,
  sandboxApi,
  sandboxJson,
  sandboxRequests,
  sandboxUrl,
  waitFor,
  type ActivatedExtension,
  type RunResult,
} from './helpers';
import { ensureSignedIn, extensionAuth, signInToFreshSandbox } from './signIn';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let exports: ActivatedExtension;
let commands: CommandsModule;
const state = () => sandboxJson<{ goals: Json[]; calls: Json[]; outbox: Json[] }>('/sandbox/state');
const addFault = (fault: Record<string, unknown>) => sandboxJson('/sandbox/faults', { method: 'POST', body: fault });
const run = (command: string, ...args: unknown[]) =>
  Promise.resolve(vscode.commands.executeCommand<RunResult>(command, ...args));

/** From now on, any notification offering `label` has it pressed; returns the notifications pressed. */
function pressing(label: string): string[] {
  const pressed: string[] = [];
  exports.press((message, buttons) => {
    if (!buttons.includes(label)) return undefined;
    pressed.push(message);
    return label;
  });
  return pressed;
}

/** What has been shown (or run) since `mark`. */
const shownSince = (mark: number) => exports.shown.slice(mark);
const ranSince = (mark: number) =>
  shownSince(mark)
    .filter((s) => s.surface === 'ran')
    .map((s) => s.texts);
/** The logged requests of `method` to `path`, or undefined while there are none (for waitFor). */
const requestsTo = (method: string, path: RegExp) => async () => {
  const found = (await sandboxRequests<Json>()).filter((q) => q.method === method && path.test(q.path));
  return found.length ? found : undefined;
};

/** Waits for the quick input a button opened (recorded with `texts` matching), then closes it. */
async function closesInput(
  mark: number,
  matches: (texts: readonly string[]) => boolean,
  what: string,
): Promise<readonly string[]> {
  const shown = await waitFor(
    () => shownSince(mark).find((s) => (s.surface === 'input' || s.surface === 'pick') && matches(s.texts)),
    20_000,
    what,
  );
  await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
  return shown.texts;
}

/** A sign-in the button starts is followed, as the browser would (the sandbox approves at once). */
async function followingSignIn(body: (opened: readonly string[]) => Promise<void>): Promise<void> {
  const auth = (await extensionAuth()) as unknown as { onDidOpenSignInPage: vscode.Event<string> };
  const opened: string[] = [];
  const follow = auth.onDidOpenSignInPage((url) => {
    opened.push(url);
    void fetch(url, { redirect: 'follow' })
      .then((r) => r.arrayBuffer())
      .catch(() => undefined);
  });
  try {
    await body(opened);
  } finally {
    follow.dispose();
  }
}

interface Case {
  readonly code: string;
  readonly status: number;
  /** Injects the fault and runs the operation; returns the target to find again. */
  readonly run: (fault: { status: number; code: string }) => Promise<unknown>;
  /** What pressing the button must have done, for the same target (`opened`: sign-in pages opened). */
  readonly check: (target: unknown, mark: number, opened: readonly string[], asked: Stakes[]) => Promise<void>;
}

/** Codes whose next step has a button, and the real operation each is checked in. */
const goalStep = async (fault: { status: number; code: string }) => {
  const goal = (await state()).goals.find((g) => g.waiting_for === 'step_approval')!;
  await addFault({ path: `^/v1/coordination/goals/${goal.id}/approve-step$`, method: 'POST', count: 1, ...fault });
  const r = await run('kallyai.goals.approveStep', { id: goal.id, confirmed: true });
  assert.equal(r.outcome, 'failed', JSON.stringify(r));
  return goal.id as string;
};
const search = async (fault: Record<string, unknown>) => {
  await addFault({ path: '^/v1/search$', method: 'POST', count: 1, ...fault });
  const r = await run('kallyai.search.run', { body: { query: 'plumbers', location: 'Hoboken' }, confirmed: true });
  assert.equal(r.outcome, 'failed', JSON.stringify(r));
  return 'plumbers';
};
const searchedAgain = async (query: unknown) => {
  const posts = await waitFor(
    async () => {
      const all = await requestsTo('POST', /^\/v1\/search$/)();
      return all && all.length >= 2 ? all : undefined;
    },
    20_000,
    'the search sent again',
  );
  assert.deepEqual(
    posts.map((q) => q.body?.query),
    [query, query],
    'the same search, twice',
  );
};
const draft = async () =>
  String(
    (
      await sandboxApi('/v1/actions/email/send', {
        method: 'POST',
        body: { to: 'landlord@example.com', subject: 'Heating', body: 'The heating is broken again.' },
      })
    ).id,
  );
const approveEmail = async (fault: { status: number; code: string }) => {
  const id = await draft();
  await addFault({ path: `^/v1/actions/email/${id}/approve$`, method: 'POST', count: 1, ...fault });
  const r = await run('kallyai.inbox.approveEmail', { id, confirmed: true });
  assert.equal(r.outcome, 'failed', JSON.stringify(r));
  return id;
};
const call = async (fault: { status: number; code: string }) => {
  await addFault({ path: '^/v1/calls$', method: 'POST', count: 1, ...fault });
  const r = await run('kallyai.makeCall', {
    phone: '+12015550107',
    category: 'restaurant',
    task: 'Book a table for two tonight, a quiet table if possible',
    businessName: 'Error Button Bistro',
    userName: 'Alex Tester',
    date: inDays(10),
    time: '20:30',
    partySize: 2,
    language: 'en',
    callLanguage: 'en',
    timezone: 'Europe/Madrid',
    confirmed: true,
  });
  assert.equal(r.outcome, 'failed', JSON.stringify(r));
  return '+1 201 555 0107';
};
const changePlan = async (fault: { status: number; code: string }) => {
  await addFault({ path: '^/v1/subscriptions/change-plan$', method: 'POST', count: 1, ...fault });
  const r = await run('kallyai.subscription.changePlan', { plan: 'power', confirmed: true });
  assert.equal(r.outcome, 'failed', JSON.stringify(r));
  return 'power';
};

const wizardReopened = (withNumber: boolean) => async (number: unknown, mark: number) => {
  const texts = await closesInput(
    mark,
    (t) => t.some((x) => /The phone number to call/.test(x)),
    'the call wizard asking the number again',
  );
  assert.equal(
    texts.some((x) => x === `KallyAI will call ${String(number)}`),
    withNumber,
    `the number ${withNumber ? 'is kept' : 'is asked afresh'}: ${texts.join(' | ')}`,
  );
};
/** Sign In ran and signed in again (the next case needs VS Code's own session back: ensureSignedIn). */
const signedInAgain = async (_target: unknown, mark: number, opened: readonly string[]) => {
  await waitFor(() => ranSince(mark).some((r) => r[0] === 'kallyai.signIn'), 10_000, 'Sign In to run');
  await waitFor(() => opened.length > 0, 20_000, 'the sign-in page opened');
  await waitFor(async () => (await extensionAuth()).isSignedIn, 20_000, 'signed in again');
  await ensureSignedIn();
};

const CASES: Record<
  UserActionKind,
  | { label: string; cases: Array<Omit<Case, 'code' | 'status'> & { codes: ReadonlyArray<readonly [string, number]> }> }
  | undefined
> = {
  approveBudget: {
    label: actionLabel('approveBudget'),
    cases: [
      {
        codes: [
          ['budget_exceeded', 402],
          ['budget_approval_required', 402],
        ],
        run: goalStep,
        check: async (goalId, _mark, _opened, asked) => {
          const [post] = await waitFor(
            requestsTo('POST', new RegExp(`^/v1/goals/${String(goalId)}/approve-budget$`)),
            20_000,
            'the budget of that goal approved',
          );
          assert.ok(post);
          assert.ok(
            asked.some((s) => s.opId === 'budget.approve' && /budget for "/.test(s.question)),
            'it asked first, naming the goal',
          );
        },
      },
    ],
  },
  acknowledgeSoftCap: {
    label: actionLabel('acknowledgeSoftCap'),
    cases: [
      {
        codes: [['soft_cap_reached', 402]],
        run: goalStep,
        check: async (goalId) => {
          await waitFor(
            requestsTo('POST', new RegExp(`^/v1/goals/${String(goalId)}/acknowledge-soft-cap$`)),
            20_000,
            'the soft cap of that goal acknowledged',
          );
        },
      },
    ],
  },
  retry: {
    label: actionLabel('retry'),
    cases: [
      {
        codes: [
          ['search_failed', 502],
          ['rate_limited', 429],
          ['internal_error', 500],
          ['bad_gateway', 502],
          ['service_unavailable', 503],
          ['gateway_timeout', 504],
        ],
        run: search,
        check: searchedAgain,
      },
      {
        codes: [['email_send_failed', 502]],
        run: approveEmail,
        check: async (id) => {
          await waitFor(
            async () =>
              ((await requestsTo('POST', new RegExp(`^/v1/actions/email/${String(id)}/approve$`))())?.length ?? 0) >= 2,
            20_000,
            'the same email approved again',
          );
        },
      },
      {
        codes: [['calendar_sync_failed', 502]],
        run: async (fault) => {
          // Syncing is safe to repeat: the client tries it 1 + retries times before it fails.
          await addFault({
            path: '^/v1/actions/calendar/sync$',
            method: 'POST',
            ...fault,
            count: DEFAULT_RETRY.retries + 1,
          });
          assert.equal((await run('kallyai.actions.calendarSync')).outcome, 'failed');
          return undefined;
        },
        check: async () => {
          await waitFor(
            async () =>
              ((await requestsTo('POST', /^\/v1\/actions\/calendar\/sync$/)())?.length ?? 0) >
              DEFAULT_RETRY.retries + 1,
            20_000,
            'the sync sent again',
          );
        },
      },
      {
        codes: [['transcript_not_found', 404]],
        run: async (fault) => {
          // A call that ended minutes ago may still get its transcript, so the error offers Retry (one
          // that ended a while ago has none, and says so): a call placed now, straight on the sandbox.
          const session = await vscode.authentication.getSession('kallyai', [], { silent: true });
          const placed = await fetch(`${sandboxUrl()}/v1/calls`, {
            method: 'POST',
            headers: {
              authorization: `Bearer ${session!.accessToken}`,
              'content-type': 'application/json',
              'idempotency-key': `error-buttons-${Date.now()}`,
            },
            body: JSON.stringify({
              submission: {
                task_category: 'general',
                task_description: 'Ask whether they are open on Sunday.',
                respondent_phone: '+12015550100',
                business_name: 'Retry Test',
              },
              timezone: 'UTC',
            }),
          });
          const { call_id: id } = (await placed.json()) as { call_id: string };
          const done = await waitFor(
            async () => (await state()).calls.find((c) => c.call_id === id && c.status === 'success'),
            30_000,
            'the call placed for this case to end',
          );
          await addFault({ path: `^/v1/calls/${done.call_id}/transcript$`, method: 'GET', count: 1, ...fault });
          assert.equal((await run('kallyai.calls.openTranscript', { id: done.call_id })).outcome, 'failed');
          return done.call_id;
        },
        check: async (id) => {
          await waitFor(
            async () =>
              ((await requestsTo('GET', new RegExp(`^/v1/calls/${String(id)}/transcript$`))())?.length ?? 0) >= 2,
            20_000,
            'the transcript of that call asked again',
          );
        },
      },
    ],
  },
  editRequest: {
    label: actionLabel('editRequest'),
    cases: [
      {
        codes: [
          ['missing_phone_number', 422],
          ['safety_violation', 422],
          ['scheduling_violation', 422],
          ['consent_denied', 403],
          ['unsupported_language', 422],
          ['bad_request', 400],
          ['validation_error', 422],
        ],
        run: call,
        check: wizardReopened(true),
      },
    ],
  },
  chooseAnotherNumber: {
    label: actionLabel('chooseAnotherNumber'),
    cases: [
      {
        codes: [
          ['emergency_number', 422],
          ['toll_number', 422],
          ['blocked_number', 403],
          ['suppression_violation', 403],
          ['country_restriction', 403],
          ['unsupported_country', 403],
        ],
        run: call,
        check: wizardReopened(false),
      },
    ],
  },
  signIn: {
    label: actionLabel('signIn'),
    cases: [
      {
        codes: [
          ['forbidden', 403],
          ['invalid_grant', 400],
        ],
        run: search,
        check: signedInAgain,
      },
      // A 401: the client renews the session once and asks again; the second 401 is the error.
      { codes: [['token_expired', 401]], run: async (fault) => search({ ...fault, count: 2 }), check: signedInAgain },
      {
        // Signed out: the pipeline refuses before anything is sent.
        codes: [['missing_token', 0]],
        run: async () => {
          const auth = await extensionAuth();
          await auth.signOut();
          await waitFor(() => !auth.isSignedIn, 10_000, 'signed out');
          const r = await run('kallyai.search.run', { body: { query: 'plumbers' }, confirmed: true });
          assert.equal((r as Json).code, 'missing_token', JSON.stringify(r));
          return undefined;
        },
        check: signedInAgain,
      },
    ],
  },
  openPricing: {
    label: actionLabel('openPricing'),
    cases: [
      {
        codes: [
          ['quota_exceeded', 402],
          ['no_active_subscription', 400],
        ],
        run: search,
        check: async (_t, mark) => {
          await waitFor(
            () => ranSince(mark).some((r) => r[0] === 'vscode.open' && r[1] === PRICING_URL),
            10_000,
            'the pricing page opened',
          );
        },
      },
    ],
  },
  openCheckout: {
    label: actionLabel('openCheckout'),
    cases: [
      {
        codes: [['trial_requires_checkout', 400]],
        run: changePlan,
        check: async () => {
          await waitFor(requestsTo('GET', /^\/v1\/stripe\/billing-portal$/), 20_000, 'the billing portal asked for');
        },
      },
    ],
  },
  cancelPendingChange: {
    label: actionLabel('cancelPendingChange'),
    cases: [
      {
        codes: [['pending_change_exists', 400]],
        run: changePlan,
        check: async () => {
          await waitFor(
            requestsTo('DELETE', /^\/v1\/subscriptions\/pending-change$/),
            20_000,
            'the pending change cancelled',
          );
        },
      },
    ],
  },
  connectEmail: {
    label: actionLabel('connectEmail'),
    cases: [
      {
        codes: [['email_not_connected', 400]],
        run: approveEmail,
        check: async (_t, mark) => {
          await closesInput(mark, (t) => t.some((x) => /Gmail/.test(x)), 'the email providers to connect');
        },
      },
    ],
  },
  provisionNumber: {
    label: actionLabel('provisionNumber'),
    cases: [
      {
        codes: [['phone_not_provisioned', 400]],
        run: async (fault) => {
          await addFault({ path: '^/v1/inbound/calls/summary$', method: 'GET', count: 1, ...fault });
          assert.equal((await run('kallyai.receptionist.summary')).outcome, 'failed');
          return undefined;
        },
        check: async (_t, mark) => {
          await closesInput(
            mark,
            (t) => t.some((x) => /Provision a Number/.test(x)),
            'Provision a Number asking the country',
          );
        },
      },
    ],
  },
  contactSupport: {
    label: actionLabel('contactSupport'),
    cases: [
      {
        codes: [['idempotency_key_reused', 422]],
        run: search,
        check: async (_t, mark) => {
          await waitFor(() => ranSince(mark).some((r) => r[0] === 'kallyai.showLog'), 10_000, 'the log shown');
        },
      },
    ],
  },
  none: undefined,
};

/** Codes with a next step that no fault here can make, and why. */
const NOT_HERE: Readonly<Record<string, string>> = {
  network_error:
    'offline: its notice shows once a minute whatever came before; its Retry is the handler the 5xx codes check',
  timeout: 'offline, as network_error',
  invalid_input: 'refused before anything is sent: the form says it at the field',
  invalid_response: "made by the client from a body it cannot read; its Show Log is idempotency_key_reused's",
  invalid_code: 'Enter Verification Code has no form to reopen: the sentence says to enter the code again (no button)',
};

suite("Every error's button works", function () {
  this.timeout(180_000);
  let asked: Stakes[] = [];

  suiteSetup(async () => {
    exports = await signInToFreshSandbox();
    commands = exports.commands();
  });

  setup(async () => {
    await clearSandboxFaults();
    await resetSandbox();
    asked = answerConsents(commands, true);
    await clearSandboxRequests();
  });

  teardown(async () => {
    exports.press(undefined);
    commands.pipeline.consent.answerWith(undefined);
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await clearSandboxFaults();
  });

  suiteTeardown(async () => {
    await ensureSignedIn();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await resetSandbox();
  });

  test('every code with a next step has a case here, or a reason why not', () => {
    const covered = new Set(
      Object.values(CASES).flatMap((k) => k?.cases.flatMap((c) => c.codes.map(([code]) => code)) ?? []),
    );
    const withAction = Object.entries(ERROR_ACTIONS)
      .filter(([, kind]) => kind !== 'none')
      .map(([code]) => code);
    assert.deepEqual(
      withAction.filter((code) => !covered.has(code) && !NOT_HERE[code]),
      [],
      'codes with a button and no case',
    );
    for (const [code] of Object.entries(NOT_HERE))
      assert.ok(withAction.includes(code), `${code} is not a code with a next step`);
  });

  test("the walkthrough: past the soft cap, Approve Step hits the hard cap; the consent named it, and the error's Approve Budget approves that goal's budget, naming the amount; the step then goes ahead", async () => {
    const goal = (await state()).goals.find((g) => g.title === 'Negotiate a lower internet bill')!;
    assert.equal((await run('kallyai.goals.acknowledgeSoftCap', { id: goal.id })).outcome, 'done');
    const soft = asked.find((s) => s.opId === 'budget.acknowledgeSoftCap')!;
    assert.match(
      soft.lines.join('\n'),
      /Hard cap: 9 credits, 1 credit left under it\.\nThe next step needs 2 credits: more than is left under the cap/,
    );

    // Its page offers more budget beside Approve Step.
    assert.equal((await run('kallyai.goals.openGoal', { id: goal.id })).outcome, 'done');
    const page = await waitFor(() => openPage('goal', goal.id), 10_000, 'the goal page');
    assert.match(page.current!.body.text, /data-action="approveBudget"[^>]*>.*Approve More Budget/s);

    // The palette's Approve Budget offers it (it said "No goals to pick from").
    const mark = exports.shown.length;
    void run('kallyai.goals.approveBudget');
    await closesInput(mark, (t) => t.includes('Negotiate a lower internet bill'), 'the goal offered by Approve Budget');

    const pressed = pressing(actionLabel('approveBudget'));
    asked.length = 0;
    const failed = await run('kallyai.goals.approveStep', { id: goal.id });
    assert.equal((failed as Json).code, 'budget_exceeded', JSON.stringify(failed));
    assert.match(
      asked[0].lines.join('\n'),
      /Hard cap: 9 credits, 1 credit left under it\./,
      "the step's consent named the cap",
    );
    await waitFor(
      requestsTo('POST', new RegExp(`^/v1/goals/${goal.id}/approve-budget$`)),
      20_000,
      "the goal's budget approved",
    );
    assert.equal(pressed.length, 1);
    const approve = asked.find((s) => s.opId === 'budget.approve')!;
    assert.equal(approve.question, 'Approve more budget for "Negotiate a lower internet bill"?');
    assert.match(approve.lines.join('\n'), /KallyAI may spend about 2 credits more to finish its steps\./);
    assert.deepEqual(approve.credits, { kind: 'upTo', amount: 2 });

    const step = await run('kallyai.goals.approveStep', { id: goal.id });
    assert.equal(step.outcome, 'done', JSON.stringify(step));
    assert.equal((await state()).goals.find((g) => g.id === goal.id)!.credits_used, 10);
  });

  for (const [kind, group] of Object.entries(CASES) as Array<[UserActionKind, (typeof CASES)[UserActionKind]]>) {
    for (const c of group?.cases ?? []) {
      for (const [code, status] of c.codes) {
        test(`${code}: "${group!.label}" ${kind === 'retry' ? 'sends the same request again' : 'does what it says'}`, async () => {
          const pressed = pressing(group!.label);
          const mark = exports.shown.length;
          await followingSignIn(async (opened) => {
            const target = await c.run({ status, code });
            await waitFor(() => pressed.length > 0, 10_000, `the "${group!.label}" button`);
            await c.check(target, mark, opened, asked);
          });
          assert.equal(pressed.length, 1, `one notification pressed: ${pressed.join(' / ')}`);
        });
      }
    }
  }
});
