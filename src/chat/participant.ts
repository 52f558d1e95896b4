/** The @kallyai chat participant. KallyAI is the brain: the person's words go to KallyAI's
 *  coordination AI (POST /v1/coordination/message) in one KallyAI conversation per chat thread, and
 *  the reply streams back as escaped Markdown, with the goal it created or changed and buttons that
 *  run the extension's commands (through the pipeline, with their consent). Slash commands: /call
 *  opens Make a Call with what the words already say, /goals, /inbox, /credits, /search.
 *  The participant's description (shown where the person types) names the stakes of a message —
 *  it may use credits, and whatever calls, emails or spends more asks first — so sending it is the
 *  consent, as in "KallyAI: Ask…"; every other flagged action still asks with the modal. */
import * as vscode from 'vscode';
import { ops } from '../api/catalogue';
import { replyText, type Goal } from '../api/schemas/coordination';
import { callLabel } from '../models/call';
import { goalTitle, groupGoals, waitingFor, GOAL_GROUPS } from '../models/goal';
import { actionLabel, describeCallStatus, phoneForPeople, t } from '../format';
import type { FailureResult } from '../pipeline/errors/presenter';
import { actionCommand } from '../pipeline/errors/actionCommands';
import { suggestionCommand } from '../presentation/suggestions';
import type { RunResult } from '../pipeline/pipeline';
import type { CommandContext } from '../commands/commandContext';
import type { MakeCallResult } from '../commands/calls/makeCall';
import { readCallWords } from './callWords';
import { creditsMarkdown, goalCard, goalsMarkdown, inboxMarkdown, replyMarkdown, searchMarkdown } from './chatMarkdown';
import { conversationOfThread, type ChatMetadata } from './chatThread';
import { ChatAnswer } from './chatAnswer';
import { guessCallKind } from '../models/callCategory';

const LIST_LIMIT = 10;
const MAX_BUTTONS = 3;

export type RunCommand = (id: string, ...args: unknown[]) => Promise<unknown>;

export class KallyChat {
  constructor(
    private readonly ctx: CommandContext,
    private readonly runCommand: RunCommand,
  ) {}

  async handle(
    request: vscode.ChatRequest,
    context: vscode.ChatContext,
    stream: vscode.ChatResponseStream,
    token: vscode.CancellationToken,
  ): Promise<vscode.ChatResult> {
    const answer = new ChatAnswer(stream);
    if (!this.ctx.services.auth.isSignedIn) {
      answer.say(t('Sign in to KallyAI to use @kallyai.'));
      answer.button('kallyai.signIn', t('Sign In'));
      return { metadata: {} };
    }
    const aborter = new AbortController();
    const listener = token.onCancellationRequested(() => aborter.abort());
    try {
      const words = request.prompt.trim();
      switch (request.command) {
        case 'call':
          return await this.call(words, answer, token);
        case 'goals':
          return await this.goals(answer, aborter.signal);
        case 'inbox':
          return await this.inbox(answer, aborter.signal);
        case 'credits':
          return await this.credits(answer, aborter.signal);
        case 'search':
          return await this.search(words, answer, aborter.signal);
        default:
          return await this.message(words, context, answer, aborter.signal);
      }
    } finally {
      listener.dispose();
    }
  }

  /** KallyAI's suggestions of words to say, as the chat's follow-ups (those naming an action are buttons). */
  followups(result: vscode.ChatResult): vscode.ChatFollowup[] {
    const suggestions = (result.metadata as ChatMetadata | undefined)?.suggestions ?? [];
    return suggestions.slice(0, MAX_BUTTONS).map((s) => ({ prompt: s, label: s }));
  }

  private async message(
    words: string,
    context: vscode.ChatContext,
    answer: ChatAnswer,
    signal: AbortSignal,
  ): Promise<vscode.ChatResult> {
    if (!words) {
      answer.say(
        t(
          'Say what you need in plain words, for example: "Book a table for 4 at an Italian place near me on Friday at 8pm".',
        ),
      );
      return { metadata: { conversationId: conversationOfThread(context.history) } };
    }
    answer.progress(t('Asking KallyAI…'));
    let conversationId = conversationOfThread(context.history);
    if (!conversationId) {
      // A new chat thread: a new KallyAI conversation, whatever shape the reply takes.
      const created = await this.quietly(ops.coordination.newConversation, {}, signal);
      if (created.outcome !== 'done') return this.failure(created, answer, {});
      conversationId = created.data.conversation_id ?? created.data.id ?? undefined;
    }
    const send = (id: string | undefined) =>
      this.ctx.pipeline.run(ops.coordination.message, {
        input: { body: { message: words, ...(id ? { conversation_id: id } : {}) } },
        interactive: false,
        quiet: true,
        inlineConsent: true,
        signal,
        recover: () => true,
      });
    let result = await send(conversationId);
    if (result.outcome === 'failed' && result.code === 'conversation_not_found') {
      answer.say(t('The earlier KallyAI conversation of this chat is gone; this message starts a new one.'));
      answer.gap();
      conversationId = undefined;
      result = await send(undefined);
    }
    if (result.outcome !== 'done') return this.failure(result, answer, { conversationId });
    const reply = result.data;
    const id = reply.conversation_id ?? conversationId;
    const all = (reply.suggestions ?? []).map((s) => s.trim()).filter(Boolean);
    // A suggestion that names an action is a button that runs it (asking first), not words to send.
    const actions = all.map((s) => suggestionCommand(s, reply.goal_id ?? undefined));
    const suggestions = all.filter((_, i) => !actions[i]);
    answer.markdown(replyMarkdown(replyText(reply), reply.credits_used));
    if (reply.goal_id) await this.showGoal(reply.goal_id, answer, signal);
    for (const action of actions)
      if (action && !answer.commands.has(action.command)) answer.button(action.command, action.title, action.args);
    return { metadata: { conversationId: id, suggestions } satisfies ChatMetadata };
  }

  /** The goal a reply created or changed, with the buttons for what it waits for. */
  private async showGoal(goalId: string, answer: ChatAnswer, signal: AbortSignal): Promise<void> {
    const read = await this.quietly(ops.coordination.goal, { path: { id: goalId } }, signal);
    if (read.outcome !== 'done') {
      answer.gap();
      answer.button('kallyai.goals.openGoal', t('Open Goal'), [{ id: goalId }]);
      return;
    }
    const goal = read.data;
    answer.gap();
    answer.markdown(goalCard(goal));
    this.goalButtons(goal, goalId, answer);
  }

  private goalButtons(goal: Goal, goalId: string, answer: ChatAnswer): void {
    const target = [{ id: goalId }];
    switch (waitingFor(goal)) {
      case 'step_approval':
        answer.button('kallyai.goals.approveStep', t('Approve Step'), target);
        break;
      case 'budget_approval':
        answer.button('kallyai.goals.approveBudget', t('Approve Budget'), target);
        break;
      case 'soft_cap':
        answer.button('kallyai.goals.acknowledgeSoftCap', t('Acknowledge Soft Cap'), target);
        break;
      case 'outcome_acceptance':
        answer.button('kallyai.goals.acceptOutcome', t('Accept Outcome'), target);
        break;
      default:
        break;
    }
    answer.button('kallyai.goals.showBudget', t('Show Budget'), target);
    answer.button('kallyai.goals.openGoal', t('Open Goal Page'), target);
  }

  /** /call: the call wizard opens with what the words already say; the person checks it, and the
   *  call is confirmed by the wizard's own question (the pipeline's consent). */
  private async call(words: string, answer: ChatAnswer, token: vscode.CancellationToken): Promise<vscode.ChatResult> {
    const settings = this.ctx.services.settings();
    const read = words ? readCallWords(words, { defaultCountry: settings.defaultCountry }) : {};
    const understood = [
      read.businessName,
      read.phone ? phoneForPeople(read.phone) : undefined,
      read.date,
      read.time,
      read.partySize ? t('party of {0}', read.partySize) : undefined,
    ].filter(Boolean);
    answer.progress(
      understood.length ? t('Opening Make a Call with: {0}', understood.join(', ')) : t('Opening Make a Call…'),
    );
    const prefill = Object.fromEntries(Object.entries(read).filter(([, v]) => v !== undefined));
    const result = (await this.runCommand('kallyai.makeCall', {
      prefill,
      cancellation: token,
      whenCancelled: 'keep',
    })) as MakeCallResult | undefined;
    switch (result?.outcome) {
      case 'completed':
        answer.say(t('Call to {0}: {1}.', callLabel(result.call), describeCallStatus(result.status).label));
        answer.button('kallyai.calls.openDetails', t('Open Call Page'), [{ id: result.callId }]);
        break;
      case 'dismissed':
        answer.say(t('No call was placed.'));
        break;
      case 'refused':
      case 'failed':
        return this.failure(
          { outcome: 'failed', code: result.code, message: result.message, action: result.action },
          answer,
          {},
        );
      default:
        answer.say(t('No call was placed.'));
    }
    return { metadata: {} };
  }

  private async goals(answer: ChatAnswer, signal: AbortSignal): Promise<vscode.ChatResult> {
    answer.progress(t('Loading your goals…'));
    const result = await this.quietly(ops.coordination.goals, {}, signal);
    if (result.outcome !== 'done') return this.failure(result, answer, {});
    const groups = groupGoals(result.data.goals);
    const ordered = GOAL_GROUPS.flatMap((g) => groups.get(g) ?? []);
    const shown = ordered.slice(0, LIST_LIMIT);
    answer.markdown(goalsMarkdown(shown, ordered.length));
    for (const goal of shown.filter((g) => waitingFor(g) && g.id).slice(0, MAX_BUTTONS)) {
      answer.button('kallyai.goals.openGoal', t('Open "{0}"', goalTitle(goal).slice(0, 40)), [{ id: goal.id }]);
    }
    answer.button('kallyai.goals.focus', t('Show Goals View'));
    return { metadata: {} };
  }

  private async inbox(answer: ChatAnswer, signal: AbortSignal): Promise<vscode.ChatResult> {
    answer.progress(t('Loading your inbox…'));
    const result = await this.quietly(ops.messages.inbox, {}, signal);
    if (result.outcome !== 'done') return this.failure(result, answer, {});
    const messages = result.data.messages;
    answer.markdown(inboxMarkdown(messages.slice(0, LIST_LIMIT), messages.filter((m) => m.unread).length));
    answer.button('kallyai.inbox.focus', t('Show Inbox'));
    return { metadata: {} };
  }

  private async credits(answer: ChatAnswer, signal: AbortSignal): Promise<vscode.ChatResult> {
    answer.progress(t('Loading your balance…'));
    const result = await this.quietly(ops.credits.balance, {}, signal);
    if (result.outcome !== 'done') return this.failure(result, answer, {});
    answer.markdown(creditsMarkdown(result.data));
    answer.button('kallyai.credits.focus', t('Show Credits'));
    answer.button('kallyai.billing.openPortal', t('Manage Billing'));
    return { metadata: {} };
  }

  /** /search: a search costs credits, so the pipeline's modal asks first. */
  private async search(words: string, answer: ChatAnswer, signal: AbortSignal): Promise<vscode.ChatResult> {
    if (!words) {
      answer.say(t('Say what to search for, for example: /search sushi near Union Square'));
      return { metadata: {} };
    }
    answer.progress(t('Searching…'));
    const result = await this.ctx.pipeline.run(ops.search.run, {
      input: { body: { query: words.slice(0, 500) } },
      interactive: false,
      quiet: true,
      signal,
      recover: () => true,
    });
    if (result.outcome === 'dismissed') {
      answer.say(t('Nothing was searched.'));
      return { metadata: {} };
    }
    if (result.outcome !== 'done') return this.failure(result, answer, {});
    const hits = result.data.results;
    answer.markdown(searchMarkdown(words, hits));
    for (const hit of hits.filter((h) => h.phone).slice(0, MAX_BUTTONS)) {
      answer.button('kallyai.makeCall', t('Call {0}…', (hit.title || phoneForPeople(hit.phone ?? '')).slice(0, 40)), [
        {
          prefill: {
            phone: hit.phone,
            ...(hit.title ? { businessName: hit.title.slice(0, 200) } : {}),
            category: guessCallKind([hit.title, hit.description].filter(Boolean).join(' '), words) ?? 'general',
          },
        },
      ]);
    }
    return { metadata: {} };
  }

  /** A read run through the pipeline without any notification: the chat shows what went wrong. */
  private quietly<O extends Parameters<CommandContext['pipeline']['run']>[0]>(
    op: O,
    input: object,
    signal: AbortSignal,
  ): Promise<RunResult<O>> {
    return this.ctx.pipeline.run(op, { input, interactive: false, quiet: true, signal, recover: () => true });
  }

  /** Every failure: one sentence and the button that fixes it (signed out → Sign In). */
  private failure(result: RunResult | FailureResult, answer: ChatAnswer, metadata: ChatMetadata): vscode.ChatResult {
    if (result.outcome === 'failed') {
      if (result.code === 'cancelled') return { metadata };
      // The message may carry the server's own words: escaped whole, never Markdown.
      answer.say(result.message);
      const action = actionCommand(result.action);
      if (action) {
        const args =
          action.command === 'vscode.open'
            ? action.arguments?.map((a) => vscode.Uri.parse(String(a)))
            : action.arguments;
        answer.button(action.command, actionLabel(result.action), args);
      }
      return { metadata };
    }
    if (result.outcome === 'unavailable') answer.say(result.reason);
    else if (result.outcome === 'dismissed') answer.say(t('Nothing was done.'));
    return { metadata };
  }
}
