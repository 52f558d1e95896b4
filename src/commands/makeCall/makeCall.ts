/** "KallyAI: Make a Call…" from the question to the outcome: the wizard (or the caller's arguments),
 *  the local phone check, the confirmation modal, the running call under a cancellable progress,
 *  and the outcome notification. One confirmation places at most one call: the POST is sent once
 *  with a fresh Idempotency-Key, and the client reuses that key on its own retries. */
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { ops } from '../api/catalogue';
import { describeCallStatus } from '../api/callStatus';
import { describeErrorCode, type UserActionKind } from '../api/errors';
import type { Call } from '../api/schemas/calls';
import { checkPhoneNumber, type PhoneCheck } from '../api/validation/phone';
import { confirmCall, fetchCallCosts, type CallCosts } from './callConfirmation';
import { showCallOutcome } from './callOutcome';
import { runCallWizard, type CallAnswers, type WizardInput } from './callWizard';
import { makeCallArgs, parseArgs, type MakeCallArgs } from './commandArgs';
import type { CommandContext } from './commandContext';
import type { ActionHandlers, PresentableError } from './errorPresenter';
import { LiveCall, type Settled } from './liveCall';

export const LAST_CALL_KEY = 'kallyai.makeCall.lastAnswers';

export type MakeCallResult =
  /** The call ended (whatever its status, including `cancelled` after a stop). */
  | { outcome: 'completed'; callId: string; status: string; statusLabel: string; call: Call; stoppedByUser: boolean; costs: CallCosts }
  /** The user left the wizard or declined the confirmation: nothing was sent. */
  | { outcome: 'dismissed'; at: 'wizard' | 'confirmation' }
  /** Refused before anything was sent (emergency, premium-rate, unsupported or invalid number; signed out). */
  | { outcome: 'refused'; code: string; message: string; action: UserActionKind }
  /** The API answered with an error (quota_exceeded, country_restriction, safety_violation, …). */
  | { outcome: 'failed'; code: string; message: string; action: UserActionKind };

export async function makeCall(ctx: CommandContext, raw: unknown, prefill: Partial<CallAnswers> = {}): Promise<MakeCallResult> {
  const args = parseArgs('kallyai.makeCall', makeCallArgs, raw);
  const { services } = ctx;
  const settings = services.settings();
  if (!services.auth.isSignedIn) {
    return refuse(ctx, {
      code: 'missing_token', message: vscode.l10n.t('Sign in to KallyAI to place calls.'),
      action: { kind: 'signIn', label: vscode.l10n.t('Sign In') },
    });
  }
  if (args.phone !== undefined) {
    const given = checkPhoneNumber(args.phone, settings.defaultCountry);
    if (!given.ok) return refusePhone(ctx, given);
  }

  const remembered = services.context.globalState.get<Partial<CallAnswers>>(LAST_CALL_KEY) ?? {};
  const wizard: WizardInput = {
    given: givenAnswers(args),
    defaults: { category: 'general', language: settings.language, callLanguage: settings.language, timezone: settings.timezone, ...remembered, ...prefill },
    defaultCountry: settings.defaultCountry,
  };
  const answers = await runCallWizard(wizard);
  if (!answers) return { outcome: 'dismissed', at: 'wizard' };

  const phone = checkPhoneNumber(answers.phone, settings.defaultCountry);
  if (!phone.ok) return refusePhone(ctx, phone);
  answers.phone = phone.e164;

  const costs = await fetchCallCosts(ctx, answers);
  const skipModal = args.confirmed === true && services.context.extensionMode === vscode.ExtensionMode.Test;
  if (!skipModal && !(await confirmCall(answers, phone.formatted, costs))) return { outcome: 'dismissed', at: 'confirmation' };
  await services.context.globalState.update(LAST_CALL_KEY, answers);
  return runCall(ctx, answers, phone.formatted, costs, args);
}

/** Which questions are settled by the arguments (null/'' = answered "none"). */
function givenAnswers(args: MakeCallArgs): WizardInput['given'] {
  const g: Record<string, unknown> = {};
  const put = (key: keyof CallAnswers, v: unknown) => {
    if (v === undefined) return;
    g[key] = v === '' ? null : v;
  };
  put('phone', args.phone);
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

async function runCall(ctx: CommandContext, answers: CallAnswers, formatted: string, costs: CallCosts, args: MakeCallArgs): Promise<MakeCallResult> {
  const { services, views, errors } = ctx;
  const who = answers.businessName || formatted;
  const startedAt = Date.now();
  const idempotencyKey = randomUUID();
  services.log.info(`Placing a call (${answers.category}) with Idempotency-Key ${idempotencyKey}`);
  const settled: Promise<Settled> = services.client
    .execute(ops.calls.create, { body: callRequestBody(answers, args.isUrgent) }, { idempotencyKey })
    .then((call) => ({ ok: true as const, call }), (error: unknown) => ({ ok: false as const, error }));
  const live = new LiveCall(ctx, answers.phone, startedAt, settled);
  void live.discover();

  const first = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Calling {0}', who), cancellable: true },
    (progress, token) => waitOrCancel(settled, [token, args.cancellation], (elapsed) => progress.report({ message: elapsedText(elapsed) }), startedAt),
  );

  let stoppedByUser = false;
  let result: Settled;
  if (first === 'cancel' && !live.isSettled) {
    const choice = args.whenCancelled && args.whenCancelled !== 'ask' ? args.whenCancelled : await askStopOrKeep(who);
    if (choice === 'stop') {
      result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Stopping the call to {0}…', who) },
        async () => {
          const stop = await live.stop();
          if (stop.ok) {
            stoppedByUser = true;
            return live.confirmEnded();
          }
          errors.show(stop.error instanceof Error && stop.error.message === 'not-found'
            ? { code: 'call_not_found', message: vscode.l10n.t('The call could not be stopped yet: it goes on, and you will be told how it ends.'), action: { kind: 'none', label: '' } }
            : stop.error);
          return inBackground(settled, who);
        },
      );
    } else {
      result = await inBackground(settled, who);
    }
  } else {
    result = await settled;
  }

  void views.refresh(['calls', 'credits']);
  if (result.ok) {
    const call = result.call;
    const status = describeCallStatus(call.status);
    services.log.info(`Call ${call.call_id} ended: ${call.status}`);
    void showCallOutcome(ctx, call, who, () => makeCall(ctx, {}, answers), answers);
    return { outcome: 'completed', callId: call.call_id, status: call.status, statusLabel: status.label, call, stoppedByUser, costs };
  }
  const failure = errors.show(result.error, {
    editRequest: () => makeCall(ctx, {}, answers),
    chooseAnotherNumber: () => makeCall(ctx, {}, { ...answers, phone: undefined }),
    retry: () => makeCall(ctx, {}, answers),
  });
  return { outcome: 'failed', ...failure };
}

type Cancellable = { isCancellationRequested: boolean; onCancellationRequested: (l: () => void) => { dispose(): void } } | undefined;

/** Resolves 'done' when the POST answers, 'cancel' when any token fires; reports elapsed time each second. */
function waitOrCancel(settled: Promise<Settled>, tokens: Cancellable[], report: (elapsedMs: number) => void, startedAt: number): Promise<'done' | 'cancel'> {
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
    for (const t of tokens) {
      if (!t) continue;
      if (t.isCancellationRequested) return end('cancel');
      subs.push(t.onCancellationRequested(() => end('cancel')));
    }
  });
}

async function askStopOrKeep(who: string): Promise<'stop' | 'keep'> {
  const stop = vscode.l10n.t('Stop the Call');
  const keep = vscode.l10n.t('Keep It Running');
  const choice = await vscode.window.showWarningMessage(
    vscode.l10n.t('Stop the call to {0}?', who),
    { modal: true, detail: vscode.l10n.t('The call is still going on. Stop it now (KallyAI hangs up), or keep it running: you will be told how it ends either way.') },
    stop, keep,
  );
  return choice === stop ? 'stop' : 'keep';
}

/** The call goes on: a status-bar progress until it ends; the outcome notification still comes. */
function inBackground(settled: Promise<Settled>, who: string): Promise<Settled> {
  void vscode.window.showInformationMessage(vscode.l10n.t('The call to {0} goes on in the background. You will be told how it ends.', who));
  return Promise.resolve(vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('KallyAI: call to {0} running', who) },
    () => settled,
  ));
}

function elapsedText(ms: number): string {
  const s = Math.floor(ms / 1000);
  return vscode.l10n.t('{0}:{1} elapsed — the call is in progress', Math.floor(s / 60), String(s % 60).padStart(2, '0'));
}

function refusePhone(ctx: CommandContext, check: Extract<PhoneCheck, { ok: false }>): MakeCallResult {
  const code = check.code === 'invalid' ? 'missing_phone_number' : check.code;
  const again = () => makeCall(ctx, {}, {});
  return refuse(ctx, { code, message: check.reason, action: describeErrorCode(code).action }, { editRequest: again, chooseAnotherNumber: again });
}

function refuse(ctx: CommandContext, error: PresentableError, handlers: ActionHandlers = {}): MakeCallResult {
  const failure = ctx.errors.show(error, handlers);
  return { outcome: 'refused', ...failure };
}
