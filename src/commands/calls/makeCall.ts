/** "KallyAI: Make a Call…" from the question to the outcome: the wizard (or the caller's arguments)
 *  asks its own questions and checks the number locally; then the pipeline takes over — the one
 *  consent (number, business, task, estimate, balance), the call under a cancellable progress,
 *  the refresh of Calls and Credits. One confirmation places at most one call: the POST carries
 *  an Idempotency-Key the client reuses on its own retries, and a Retry of the same answers after
 *  an unknown outcome reuses it too, so the server answers with the call already placed. */
import * as vscode from 'vscode';
import { ops } from '../../api/catalogue';
import { actionFor } from '../../api/errorCodes';
import type { Call } from '../../api/schemas/calls';
import { checkPhoneNumber, type PhoneCheck } from '../../api/validation/phone';
import { describeCallStatus, phoneForPeople, t } from '../../format';
import { parseArgs } from '../../pipeline/commandArgs';
import type { FailureResult } from '../../pipeline/errors/presenter';
import type { Stakes } from '../../pipeline/consent/stakes';
import type { CommandContext } from '../commandContext';
import { showCallOutcome } from './callOutcome';
import { runCallWizard, type CallAnswers, type WizardInput } from './callWizard';
import { LiveCall, type Settled } from './liveCall';
import { makeCallArgs, type MakeCallArgs } from './makeCallArgs';
import { mayHaveGoneThrough } from '../../pipeline/idempotency';
import { notificationText, pickText, plainText } from '../../format/sinks';
import { info, warn, withNotificationProgress, withQuietProgress } from '../../platform/notify';

export const LAST_CALL_KEY = 'kallyai.makeCall.lastAnswers';

export type MakeCallResult =
  /** The call ended (whatever its status, including `cancelled` after a stop). */
  | {
      outcome: 'completed';
      callId: string;
      status: string;
      statusLabel: string;
      call: Call;
      stoppedByUser: boolean;
      stakes?: Stakes;
    }
  /** The person left the wizard or declined the confirmation: nothing was sent. */
  | { outcome: 'dismissed'; at: 'wizard' | 'confirmation' }
  /** Refused before anything was sent (emergency, premium-rate, unsupported or invalid number; signed out). */
  | { outcome: 'refused'; code: string; message: string; action: FailureResult['action'] }
  /** The API answered with an error (quota_exceeded, country_restriction, safety_violation, …). */
  | { outcome: 'failed'; code: string; message: string; action: FailureResult['action'] };

/** `prefill`: answers the wizard starts from (a Retry, an edit, "Call Again"); `allDetails` opens it
 *  with "More Details…" chosen, for a request that failed on one of its details. */
export async function makeCall(
  ctx: CommandContext,
  raw: unknown,
  prefill: Partial<CallAnswers> = {},
  allDetails = false,
): Promise<MakeCallResult> {
  const args = parseArgs('kallyai.makeCall', makeCallArgs, raw);
  const { services } = ctx;
  const settings = services.settings();
  if (!services.auth.isSignedIn) {
    return refuse(ctx, { code: 'missing_token', status: 0 });
  }
  // A number given by the caller is checked here, once; a typed one by the wizard's phone field.
  let givenPhone: string | undefined;
  if (args.phone !== undefined) {
    const given = checkPhoneNumber(args.phone, settings.defaultCountry);
    if (!given.ok) return refusePhone(ctx, given);
    givenPhone = given.e164;
  }

  // The last call's answers are offered only as "Same as Last Call": never filled in silently.
  const lastCall = services.context.globalState.get<Partial<CallAnswers>>(LAST_CALL_KEY);
  const wizard: WizardInput = {
    given: givenAnswers(args, givenPhone),
    defaults: {
      category: 'general',
      language: settings.language,
      callLanguage: settings.language,
      timezone: settings.timezone,
      ...definedOnly(args.prefill),
      ...definedOnly(prefill),
    },
    lastCall,
    allDetails,
    defaultCountry: settings.defaultCountry,
  };
  const answers = await runCallWizard(wizard);
  if (!answers) return { outcome: 'dismissed', at: 'wizard' };

  // The number is as it will be dialled (E.164): checked where it was given or typed; the request's
  // schema is checked once more by the pipeline before the consent.
  const body = callRequestBody(answers, args.isUrgent);
  const who = answers.businessName || phoneForPeople(answers.phone);

  let live: LiveCall | undefined;
  let stoppedByUser = false;
  const result = await ctx.pipeline.run(ops.calls.create, {
    input: { body },
    interactive: false,
    quiet: true,
    confirmed: args.confirmed,
    // No key given: the pipeline sends a new one, or, when the same answers are retried after a
    // lost answer, the key of that attempt, so the server does not dial twice.
    handlers: {
      editRequest: () => makeCall(ctx, {}, answers, true),
      chooseAnotherNumber: () => makeCall(ctx, {}, { ...answers, phone: undefined }),
      retry: () => makeCall(ctx, {}, answers),
    },
    runner: async (execute) => {
      await services.context.globalState.update(LAST_CALL_KEY, answers);
      services.log.info(`Placing a call (${answers.category})`);
      const startedAt = Date.now();
      const settled: Promise<Settled> = execute().then(
        (call) => ({ ok: true as const, call: call as Call }),
        (error: unknown) => ({ ok: false as const, error }),
      );
      live = new LiveCall(ctx, answers.phone, startedAt, settled);
      void live.discover();
      const outcome = await followCall(ctx, live, settled, who, startedAt, args);
      stoppedByUser = outcome.stoppedByUser;
      if (!outcome.settled.ok) throw outcome.settled.error;
      return outcome.settled.call;
    },
  });

  if (result.outcome === 'dismissed')
    return { outcome: 'dismissed', at: result.at === 'consent' ? 'confirmation' : 'wizard' };
  if (result.outcome === 'unavailable')
    return { outcome: 'refused', code: 'unavailable', message: result.reason, action: 'none' };
  if (result.outcome === 'failed') {
    if (mayHaveGoneThrough(result.code)) offerOpenCalls(ctx, who);
    return { outcome: 'failed', code: result.code, message: result.message, action: result.action };
  }
  const call = result.data as Call;
  const status = describeCallStatus(call.status);
  services.log.info(`Call ${call.call_id} ended: ${call.status}`);
  void showCallOutcome(ctx, call, who, () => makeCall(ctx, {}, answers), answers);
  return {
    outcome: 'completed',
    callId: call.call_id,
    status: call.status,
    statusLabel: status.label,
    call,
    stoppedByUser,
    stakes: result.stakes,
  };
}

function offerOpenCalls(ctx: CommandContext, who: string): void {
  const open = plainText(t('Show Calls'));
  void warn(
    notificationText(
      t(
        'The call to {0} may have gone through even though KallyAI did not answer. Check the Calls view before calling again: a Retry of the same call will not dial twice.',
        who,
      ),
    ),
    open,
  ).then((c) =>
    c === open
      ? ctx.views.refresh(['calls']).then(() => vscode.commands.executeCommand('kallyai.calls.focus'))
      : undefined,
  );
}

/** Which questions are settled by the arguments (null/'' = answered "none"); the number as checked. */
function givenAnswers(args: MakeCallArgs, phone: string | undefined): WizardInput['given'] {
  const g: Record<string, unknown> = {};
  const put = (key: keyof CallAnswers, v: unknown) => {
    if (v === undefined) return;
    g[key] = v === '' ? null : v;
  };
  put('phone', phone);
  put('category', args.category);
  put('task', args.task);
  put('businessName', args.businessName);
  put('userName', args.userName);
  put('date', args.date);
  if (args.time !== undefined || args.timePreference !== undefined) {
    put('time', args.time ?? null);
    put('timePreference', args.timePreference ?? null);
  }
  put('partySize', args.partySize);
  put('language', args.language);
  put('callLanguage', args.callLanguage ?? args.language);
  put('timezone', args.timezone);
  return g as WizardInput['given'];
}

/** The POST /v1/calls body (contract §4.1): optional fields only when given, party size for restaurants. */
export function callRequestBody(a: CallAnswers, isUrgent?: boolean) {
  return {
    submission: {
      task_category: a.category,
      task_description: a.task,
      respondent_phone: a.phone,
      ...(a.businessName ? { business_name: a.businessName } : {}),
      ...(a.userName ? { user_name: a.userName } : {}),
      ...(a.date ? { appointment_date: a.date } : {}),
      ...(a.time ? { appointment_time: a.time } : {}),
      ...(a.timePreference ? { time_preference_text: a.timePreference } : {}),
      ...(a.category === 'restaurant' && a.partySize ? { party_size: a.partySize } : {}),
      language: a.language,
      call_language: a.callLanguage,
      ...(isUrgent ? { is_urgent: true } : {}),
    },
    timezone: a.timezone,
  };
}

type Cancellable =
  { isCancellationRequested: boolean; onCancellationRequested: (l: () => void) => { dispose(): void } } | undefined;

/** Waits for the call under a cancellable notification. Cancel asks (through the pipeline's
 *  consent for calls.stop) whether to hang up; declining keeps the call running in the background. */
async function followCall(
  ctx: CommandContext,
  live: LiveCall,
  settled: Promise<Settled>,
  who: string,
  startedAt: number,
  args: MakeCallArgs,
): Promise<{ settled: Settled; stoppedByUser: boolean }> {
  const first = await withNotificationProgress(
    notificationText(t('Calling {0}', who)),
    (progress, token) =>
      waitOrCancel(
        settled,
        [token, args.cancellation],
        (elapsed) => progress.report({ message: notificationText(elapsedText(elapsed)) }),
        startedAt,
      ),
    true,
  );
  if (first !== 'cancel' || live.isSettled) return { settled: await settled, stoppedByUser: false };
  if (args.whenCancelled === 'keep') return { settled: await inBackground(settled, who), stoppedByUser: false };

  const id = live.callId ?? (await live.discover(15_000));
  if (live.isSettled) return { settled: await settled, stoppedByUser: false };
  if (!id) {
    void warn(notificationText(t('The call could not be stopped yet: it goes on, and you will be told how it ends.')));
    return { settled: await inBackground(settled, who), stoppedByUser: false };
  }
  const stop = await ctx.pipeline.run(ops.calls.stop, {
    input: { path: { call_id: id } },
    interactive: false,
    quiet: true,
    confirmed: args.whenCancelled === 'stop',
  });
  if (stop.outcome !== 'done') {
    // Declined ("Let It Run"), or the stop failed: the call goes on and its outcome still comes.
    return { settled: await inBackground(settled, who), stoppedByUser: false };
  }
  const ended = await withNotificationProgress(notificationText(t('Stopping the call to {0}…', who)), () =>
    live.confirmEnded(),
  );
  return { settled: ended, stoppedByUser: true };
}

/** Resolves 'done' when the POST answers, 'cancel' when any token fires; reports elapsed time each second. */
function waitOrCancel(
  settled: Promise<Settled>,
  tokens: Cancellable[],
  report: (elapsedMs: number) => void,
  startedAt: number,
): Promise<'done' | 'cancel'> {
  return new Promise((resolve) => {
    const subs: Array<{ dispose(): void }> = [];
    const timer = setInterval(() => report(Date.now() - startedAt), 1000);
    const end = (r: 'done' | 'cancel') => {
      clearInterval(timer);
      subs.forEach((s) => s.dispose());
      resolve(r);
    };
    report(0);
    void settled.then(() => end('done'));
    for (const token of tokens) {
      if (!token) continue;
      if (token.isCancellationRequested) return end('cancel');
      subs.push(token.onCancellationRequested(() => end('cancel')));
    }
  });
}

/** The call goes on: a status-bar progress until it ends; the outcome notification still comes. */
function inBackground(settled: Promise<Settled>, who: string): Promise<Settled> {
  void info(notificationText(t('The call to {0} goes on in the background. You will be told how it ends.', who)));
  return Promise.resolve(withQuietProgress({ title: pickText(t('KallyAI: call to {0} running', who)) }, () => settled));
}

function elapsedText(ms: number): string {
  const s = Math.floor(ms / 1000);
  return t('{0}:{1} elapsed — the call is in progress', Math.floor(s / 60), String(s % 60).padStart(2, '0'));
}

function refusePhone(ctx: CommandContext, check: Extract<PhoneCheck, { ok: false }>): MakeCallResult {
  const code = check.code === 'invalid' ? 'missing_phone_number' : check.code;
  const again = () => makeCall(ctx, {}, {});
  const failure = ctx.errors.show(
    {
      code,
      status: 0,
      issue: { field: 'phone', kind: 'rule', template: check.template, args: check.args, english: check.reason },
    },
    { editRequest: again, chooseAnotherNumber: again },
  );
  return { outcome: 'refused', code: failure.code, message: failure.message, action: failure.action };
}

function refuse(ctx: CommandContext, error: { code: string; status: number }): MakeCallResult {
  const failure = ctx.errors.show(error);
  return {
    outcome: 'refused',
    code: failure.code,
    message: failure.message,
    action: failure.action ?? actionFor(error.code).kind,
  };
}

function definedOnly<T extends object>(o: T | undefined): Partial<T> {
  return Object.fromEntries(
    Object.entries(o ?? {}).filter(([, v]) => v !== undefined && v !== null && v !== ''),
  ) as Partial<T>;
}
