/** The conversation page for Ask: the turns, each goal a reply started with its live status and the
 *  actions it waits for (run through the pipeline, with consent), KallyAI's suggestions as buttons
 *  (one that names an action runs it, asking first; the others are sent as the next message),
 *  and a box to reply — whose note names the stakes, as the Ask input box does. No ids anywhere. */
import { ops } from '../api/catalogue';
import type { KallyClient } from '../api/client';
import type { Goal } from '../api/schemas/coordination';
import type { Turn } from '../models/conversation';
import { suggestionCommand } from '../presentation/suggestions';
import { waitingText } from '../documents/goalMarkdown';
import { codeLabel, html, oneLine, t, textBlock, type Html } from '../format';
import { goalTitle, waitingFor } from '../models/goal';
import type { Pipeline } from '../pipeline/pipeline';
import type { PageActions, PageController, PageState, PageView } from './pageController';
import { actionBar, actionButton, icon } from './pageParts';

export interface ConversationPageDeps {
  readonly client: KallyClient;
  readonly pipeline: Pipeline;
  turns(id: string): readonly Turn[];
  title(id: string): string | undefined;
  /** Sends a message in this conversation (Ask), then the page renders again. */
  send(id: string, text: string): Promise<unknown>;
  openGoal(id: string): Promise<unknown>;
  runCommand(id: string, ...args: unknown[]): Promise<unknown>;
  /** The sentence that names what a message may cost. */
  stakes(): string;
}

export class ConversationPage implements PageController {
  constructor(
    readonly state: PageState,
    private readonly deps: ConversationPageDeps,
  ) {}

  async render(): Promise<PageView> {
    const { deps } = this;
    const turns = deps.turns(this.state.id);
    const goalIds = [...new Set(turns.map((turn) => turn.goal?.id).filter((x): x is string => !!x))];
    const goals = new Map<string, Goal>();
    await Promise.all(
      goalIds.map(async (id) => {
        const goal = await deps.client.execute(ops.coordination.goal, { path: { id } }).catch(() => undefined);
        if (goal) goals.set(id, goal);
      }),
    );
    const lastReply = [...turns].reverse().find((turn) => turn.role === 'kallyai');
    const suggestions = lastReply?.suggestions ?? [];
    // A suggestion that names an action runs it (asking first); the others are words to send.
    const commands = suggestions.map((s) => suggestionCommand(s, lastReply?.goal?.id));

    const actions: PageActions = {
      send: async ({ text }) => (text ? deps.send(this.state.id, text) : undefined),
      suggest: async ({ arg }) => {
        if (!/^\d+$/.test(arg ?? '')) return;
        const s = suggestions[Number(arg)];
        const command = commands[Number(arg)];
        if (command) await deps.runCommand(command.command, ...(command.args ?? []));
        else if (s !== undefined) await deps.send(this.state.id, s);
      },
      openGoal: async ({ arg }) => (arg && goals.has(arg) ? deps.openGoal(arg) : undefined),
      newConversation: async () => deps.runCommand('kallyai.newConversation'),
      asText: async () =>
        deps.runCommand('kallyai.conversationHistory', { conversationId: this.state.id, asText: true }),
    };
    const goalAction = (name: string, op: Parameters<Pipeline['run']>[0], wanted: (g: Goal) => boolean) => {
      actions[name] = async ({ arg }) => {
        const goal = arg ? goals.get(arg) : undefined;
        if (goal && wanted(goal)) await deps.pipeline.run(op, { target: { kind: 'goal', id: arg!, value: goal } });
      };
    };
    goalAction('approveStep', ops.coordination.approveStep, (g) => waitingFor(g) === 'step_approval');
    goalAction('approveBudget', ops.budget.approve, (g) => waitingFor(g) === 'budget_approval');
    goalAction('acceptOutcome', ops.coordination.acceptOutcome, (g) => waitingFor(g) === 'outcome_acceptance');

    const title =
      deps.title(this.state.id) ??
      (turns.find((turn) => turn.role === 'you')?.text
        ? oneLine(turns.find((turn) => turn.role === 'you')!.text, 60)
        : t('KallyAI conversation'));
    return {
      title: t('{0} — KallyAI', oneLine(title, 50)),
      actions,
      body: html` <h1>${title}</h1>
        ${actionBar([actionButton('newConversation', t('New Conversation'), 'add', 'secondary'), actionButton('asText', t('Open as Text'), 'note', 'secondary')])}
        ${turns.length ? turns.map((turn) => this.turn(turn, goals)) : html`<p class="muted">${t('No messages yet. Say what you need below.')}</p>`}
        ${
          suggestions.length
            ? html`${actionBar(
                suggestions.map((s, i) =>
                  actionButton('suggest', oneLine(s, 60), commands[i] ? 'play' : 'lightbulb', 'secondary', String(i)),
                ),
                t('Suggestions'),
              )}`
            : ''
        }
        <form data-action="send" aria-label="${t('Reply')}">
          <label for="reply" class="muted">${deps.stakes()}</label>
          <textarea
            id="reply"
            placeholder="${t('Reply to KallyAI… (Enter sends, Shift+Enter adds a line)')}"
          ></textarea>
          <div class="actions">
            <button type="submit">${icon('send')}<span>${t('Send')}</span></button>
          </div>
        </form>`,
    };
  }

  private turn(turn: Turn, goals: ReadonlyMap<string, Goal>): Html {
    const who = turn.role === 'you' ? t('You') : 'KallyAI';
    const goal = turn.goal ? goals.get(turn.goal.id) : undefined;
    return html`<div class="turn ${turn.role === 'you' ? 'you' : 'kallyai'}">
      <span class="who">${who}</span
      >${turn.at ? html`<span class="when">${turn.at}</span>` : ''}${textBlock(turn.text)}${turn.goal ? goalCard(turn.goal, goal) : ''}
    </div>`;
  }
}

function goalCard(ref: NonNullable<Turn['goal']>, goal: Goal | undefined): Html {
  const title = goal ? goalTitle(goal) : (ref.title ?? t('A new goal'));
  const waiting = goal ? waitingText(goal) : undefined;
  const w = goal ? waitingFor(goal) : undefined;
  const buttons: Html[] = [actionButton('openGoal', t('Open Goal'), 'target', 'secondary', ref.id)];
  if (w === 'step_approval')
    buttons.unshift(actionButton('approveStep', t('Approve Step'), 'check', 'primary', ref.id));
  if (w === 'budget_approval')
    buttons.unshift(actionButton('approveBudget', t('Approve Budget'), 'check-all', 'primary', ref.id));
  if (w === 'outcome_acceptance')
    buttons.unshift(actionButton('acceptOutcome', t('Accept Outcome'), 'pass', 'primary', ref.id));
  return html`<div class="callout">
    ${icon('target')} <strong>${title}</strong> —
    <span data-announce>${codeLabel('goalStatus', goal?.status ?? ref.status ?? '')}</span
    >${waiting ? html` · <span class="badge warning" data-announce>${waiting}</span>` : ''}
    <div class="actions">${goal ? buttons : ''}</div>
  </div>`;
}
