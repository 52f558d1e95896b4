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
import { actionLabel, describeCallStatus, phoneForPeople, t, type Markdown } from '../format';
import type { FailureResult } from '../pipeline/errors/presenter';
import { actionCommand } from '../pipeline/errors/actionCommands';
import type { RunResult } from '../pipeline/pipeline';
import type { CommandContext } from '../commands/commandContext';
import type { MakeCallResult } from '../commands/makeCall/makeCall';
import { readCallWords } from './callWords';
import { creditsMarkdown, goalCard, goalsMarkdown, inboxMarkdown, replyMarkdown, searchMarkdown } from './chatMarkdown';
import { conversationOfThread, type ChatMetadata } from './chatThread';

const LIST_LIMIT = 10;
const MAX_BUTTONS = 3;

export type RunCommand = (id: string, ...args: unknown[]) => Promise<unknown>;

export class KallyChat {
  constructor(private readonly ctx: CommandContext, private readonly runCommand: RunCommand) {}

  async handle(request: vscode.ChatRequest, context: vscode.ChatContext, stream: vscode.ChatResponseStream, token: vscode.CancellationToken): Promise<vscode.ChatResult> {
    if (!this.ctx.services.auth.isSignedIn) {
      stream.markdown(t('Sign in to KallyAI to use @kallyai.'));
      stream.button({ command: 'kallyai.signIn', title: t('Sign In') });
      return { metadata: {} };
    }
    const aborter = new AbortController();
    const listener = token.onCancellationRequested(() => aborter.abort());
    try {
      const words = request.prompt.trim();
      switch (request.command) {
        case 'call': return await this.call(words, stream, token);
        case 'goals': return await this.goals(stream, aborter.signal);
        case 'inbox': return await this.inbox(stream, aborter.signal);
        case 'credits': return await this.credits(stream, aborter.signal);
        case 'search': return await this.search(words, stream, aborter.signal);
        default: return await this.message(words, context, stream, aborter.signal);
      }
    } finally {
      listener.dispose();
    }
  }

  /** KallyAI's suggestions, as the chat's follow-ups. */
  followups(result: vscode.ChatResult): vscode.ChatFollowup[] {
    const suggestions = (result.metadata as ChatMetadata | undefined)?.suggestions ?? [];
    return suggestions.slice(0, MAX_BUTTONS).map((s) => ({ prompt: s, label: s }));
  }

  private async message(words: string, context: vscode.ChatContext, stream: vscode.ChatResponseStream, signal: AbortSignal): Promise<vscode.ChatResult> {
    if (!words) {
      stream.markdown(t('Say what you need in plain words, for example: "Book a table for 4 at an Italian place near me on Friday at 8pm".'));
      return { metadata: { conversationId: conversationOfThread(context.history) } };
    }
    stream.progress(t('Asking KallyAI…'));
    let conversationId = conversationOfThread(context.history);
    if (!conversationId) {
      // A new chat thread: a new KallyAI conversation, whatever shape the reply takes.
      const created = await this.quietly(ops.coordination.newConversation, {}, signal);
      if (created.outcome !== 'done') return this.failure(created, stream, {});
      conversationId = created.data.conversation_id ?? created.data.id ?? undefined;
    }
    const send = (id: string | undefined) => this.ctx.pipeline.run(ops.coordination.message, {
      input: { body: { message: words, ...(id ? { conversation_id: id } : {}) } },
      interactive: false, quiet: true, inlineConsent: true, signal, recover: () => true,
    });
    let result = await send(conversationId);
    if (result.outcome === 'failed' && result.code === 'conversation_not_found') {
      stream.markdown(t('The earlier KallyAI conversation of this chat is gone; this message starts a new one.'));
      stream.markdown('\n\n');
      conversationId = undefined;
      result = await send(undefined);
    }
    if (result.outcome !== 'done') return this.failure(result, stream, { conversationId });
    const reply = result.data;
    const id = reply.conversation_id ?? conversationId;
    const suggestions = (reply.suggestions ?? []).map((s) => s.trim()).filter(Boolean);
    this.markdown(stream, replyMarkdown(replyText(reply), reply.credits_used));
    if (reply.goal_id) await this.showGoal(reply.goal_id, stream, signal);
    return { metadata: { conversationId: id, suggestions } satisfies ChatMetadata };
  }

  /** The goal a reply created or changed, with the buttons for what it waits for. */
  private async showGoal(goalId: string, stream: vscode.ChatResponseStream, signal: AbortSignal): Promise<void> {
    const read = await this.quietly(ops.coordination.goal, { path: { id: goalId } }, signal);
    if (read.outcome !== 'done') {
      stream.markdown('\n\n');
      stream.button({ command: 'kallyai.goals.openGoal', arguments: [{ id: goalId }], title: t('Open Goal') });
      return;
    }
    const goal = read.data;
    stream.markdown('\n\n');
    this.markdown(stream, goalCard(goal));
    this.goalButtons(goal, goalId, stream);
  }

  private goalButtons(goal: Goal, goalId: string, stream: vscode.ChatResponseStream): void {
    const target = [{ id: goalId }];
    switch (waitingFor(goal)) {
      case 'step_approval': stream.button({ command: 'kallyai.goals.approveStep', arguments: target, title: t('Approve Step') }); break;
      case 'budget_approval': stream.button({ command: 'kallyai.goals.approveBudget', arguments: target, title: t('Approve Budget') }); break;
      case 'soft_cap': stream.button({ command: 'kallyai.goals.acknowledgeSoftCap', arguments: target, title: t('Acknowledge Soft Cap') }); break;
      case 'outcome_acceptance': stream.button({ command: 'kallyai.goals.acceptOutcome', arguments: target, title: t('Accept Outcome') }); break;
      default: break;
    }
    stream.button({ command: 'kallyai.goals.showBudget', arguments: target, title: t('Show Budget') });
    stream.button({ command: 'kallyai.goals.openGoal', arguments: target, title: t('Open Goal Page') });
  }

  /** /call: the call wizard opens with what the words already say; the person checks it, and the
   *  call is confirmed by the wizard's own question (the pipeline's consent). */
  private async call(words: string, stream: vscode.ChatResponseStream, token: vscode.CancellationToken): Promise<vscode.ChatResult> {
    const settings = this.ctx.services.settings();
    const read = words ? readCallWords(words, { defaultCountry: settings.defaultCountry }) : {};
    const understood = [
      read.businessName,
      read.phone ? phoneForPeople(read.phone) : undefined,
      read.date,
      read.time,
      read.partySize ? t('party of {0}', read.partySize) : undefined,
    ].filter(Boolean);
    stream.progress(understood.length ? t('Opening Make a Call with: {0}', understood.join(', ')) : t('Opening Make a Call…'));
    const prefill = Object.fromEntries(Object.entries(read).filter(([, v]) => v !== undefined));
    const result = (await this.runCommand('kallyai.makeCall', { prefill, cancellation: token, whenCancelled: 'keep' })) as MakeCallResult | undefined;
    switch (result?.outcome) {
      case 'completed':
        stream.markdown(t('Call to {0}: {1}.', callLabel(result.call), describeCallStatus(result.status).label));
        stream.button({ command: 'kallyai.calls.openDetails', arguments: [{ id: result.callId }], title: t('Open Call Page') });
        break;
      case 'dismissed':
        stream.markdown(t('No call was placed.'));
        break;
      case 'refused':
      case 'failed':
        return this.failure({ outcome: 'failed', code: result.code, message: result.message, action: result.action }, stream, {});
      default:
        stream.markdown(t('No call was placed.'));
    }
    return { metadata: {} };
  }

  private async goals(stream: vscode.ChatResponseStream, signal: AbortSignal): Promise<vscode.ChatResult> {
    stream.progress(t('Loading your goals…'));
    const result = await this.quietly(ops.coordination.goals, {}, signal);
    if (result.outcome !== 'done') return this.failure(result, stream, {});
    const groups = groupGoals(result.data.goals);
    const ordered = GOAL_GROUPS.flatMap((g) => groups.get(g) ?? []);
    const shown = ordered.slice(0, LIST_LIMIT);
    this.markdown(stream, goalsMarkdown(shown, ordered.length));
    for (const goal of shown.filter((g) => waitingFor(g) && g.id).slice(0, MAX_BUTTONS)) {
      stream.button({ command: 'kallyai.goals.openGoal', arguments: [{ id: goal.id }], title: t('Open "{0}"', goalTitle(goal).slice(0, 40)) });
    }
    stream.button({ command: 'kallyai.goals.focus', title: t('Show Goals View') });
    return { metadata: {} };
  }

  private async inbox(stream: vscode.ChatResponseStream, signal: AbortSignal): Promise<vscode.ChatResult> {
    stream.progress(t('Loading your inbox…'));
    const result = await this.quietly(ops.messages.inbox, {}, signal);
    if (result.outcome !== 'done') return this.failure(result, stream, {});
    const messages = result.data.messages;
    this.markdown(stream, inboxMarkdown(messages.slice(0, LIST_LIMIT), messages.filter((m) => m.unread).length));
    stream.button({ command: 'kallyai.inbox.focus', title: t('Show Inbox') });
    return { metadata: {} };
  }

  private async credits(stream: vscode.ChatResponseStream, signal: AbortSignal): Promise<vscode.ChatResult> {
    stream.progress(t('Loading your balance…'));
    const result = await this.quietly(ops.credits.balance, {}, signal);
    if (result.outcome !== 'done') return this.failure(result, stream, {});
    this.markdown(stream, creditsMarkdown(result.data));
    stream.button({ command: 'kallyai.credits.focus', title: t('Show Credits') });
    stream.button({ command: 'kallyai.billing.openPortal', title: t('Manage Billing') });
    return { metadata: {} };
  }

  /** /search: a search costs credits, so the pipeline's modal asks first. */
  private async search(words: string, stream: vscode.ChatResponseStream, signal: AbortSignal): Promise<vscode.ChatResult> {
    if (!words) {
      stream.markdown(t('Say what to search for, for example: /search sushi near Union Square'));
      return { metadata: {} };
    }
    stream.progress(t('Searching…'));
    const result = await this.ctx.pipeline.run(ops.search.run, { input: { body: { query: words.slice(0, 500) } }, interactive: false, quiet: true, signal, recover: () => true });
    if (result.outcome === 'dismissed') {
      stream.markdown(t('Nothing was searched.'));
      return { metadata: {} };
    }
    if (result.outcome !== 'done') return this.failure(result, stream, {});
    const hits = result.data.results;
    this.markdown(stream, searchMarkdown(words, hits));
    for (const hit of hits.filter((h) => h.phone).slice(0, MAX_BUTTONS)) {
      stream.button({
        command: 'kallyai.makeCall',
        arguments: [{ prefill: { phone: hit.phone, ...(hit.title ? { businessName: hit.title.slice(0, 200) } : {}) } }],
        title: t('Call {0}…', (hit.title || phoneForPeople(hit.phone ?? '')).slice(0, 40)),
      });
    }
    return { metadata: {} };
  }

  /** A read run through the pipeline without any notification: the chat shows what went wrong. */
  private quietly<O extends Parameters<CommandContext['pipeline']['run']>[0]>(op: O, input: object, signal: AbortSignal): Promise<RunResult<O>> {
    return this.ctx.pipeline.run(op, { input, interactive: false, quiet: true, signal, recover: () => true });
  }

  /** Every failure: one sentence and the button that fixes it (signed out → Sign In). */
  private failure(result: RunResult | FailureResult, stream: vscode.ChatResponseStream, metadata: ChatMetadata): vscode.ChatResult {
    if (result.outcome === 'failed') {
      if (result.code === 'cancelled') return { metadata };
      stream.markdown(result.message);
      const action = actionCommand(result.action);
      if (action) {
        const args = action.command === 'vscode.open' ? action.arguments?.map((a) => vscode.Uri.parse(String(a))) : action.arguments;
        stream.button({ command: action.command, arguments: args ? [...args] : undefined, title: actionLabel(result.action) });
      }
      return { metadata };
    }
    if (result.outcome === 'unavailable') stream.markdown(result.reason);
    else if (result.outcome === 'dismissed') stream.markdown(t('Nothing was done.'));
    return { metadata };
  }

  private markdown(stream: vscode.ChatResponseStream, text: Markdown): void {
    stream.markdown(new vscode.MarkdownString(text.text));
  }
}
