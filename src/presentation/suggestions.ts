/** KallyAI's suggestions for what to do next are of two kinds: words to say ("Find a plumber for
 *  tomorrow"), sent as the next message, and the name of an action ("Approve the next step",
 *  "Cancel the goal"), which is run — through its command, so it asks first like the same button
 *  anywhere else — rather than sent as a message that KallyAI would take for a new request. A
 *  suggestion names an action only when it is one of the phrasings below, as a whole (English and
 *  Spanish, the languages KallyAI answers in); an action on a goal needs the goal of the reply.
 *  No `vscode`: the conversation page, the Ask notification and the chat read it. */
import type { NextAction } from './entry';

type Action =
  | 'approveStep'
  | 'approveBudget'
  | 'acknowledgeSoftCap'
  | 'acceptOutcome'
  | 'continueNegotiating'
  | 'cancelGoal'
  | 'showBudget'
  | 'openGoal'
  | 'creditHistory'
  | 'creditBalance'
  | 'changePlan';

const PHRASES: Readonly<Record<Action, readonly string[]>> = {
  approveStep: [
    'approve the next step',
    'approve next step',
    'approve the step',
    'approve step',
    'aprobar el siguiente paso',
    'aprueba el siguiente paso',
    'aprobar el paso',
    'aprueba el paso',
  ],
  approveBudget: [
    'approve the budget',
    'approve budget',
    'approve more budget',
    'approve the goal budget',
    'aprobar el presupuesto',
    'aprueba el presupuesto',
    'aprobar más presupuesto',
  ],
  acknowledgeSoftCap: [
    'acknowledge the cap',
    'acknowledge the soft cap',
    'continue past the cap',
    'seguir por encima del límite',
    'aceptar el límite',
  ],
  acceptOutcome: [
    'accept the outcome',
    'accept outcome',
    'accept the result',
    'aceptar el resultado',
    'acepta el resultado',
  ],
  continueNegotiating: ['continue negotiating', 'keep negotiating', 'seguir negociando', 'sigue negociando'],
  cancelGoal: ['cancel the goal', 'cancel goal', 'cancelar el objetivo', 'cancela el objetivo'],
  showBudget: [
    'show the goal budget',
    'show the budget',
    'show budget',
    'show the budget details',
    'mostrar el presupuesto del objetivo',
    'mostrar el presupuesto',
    'ver el presupuesto',
  ],
  openGoal: ['open the goal', 'show the goal', 'open goal', 'abrir el objetivo', 'ver el objetivo'],
  creditHistory: [
    'show my credit history',
    'show credit history',
    'mostrar mi historial de créditos',
    'ver mi historial de créditos',
  ],
  creditBalance: ['show my credit balance', 'show my balance', 'mostrar mi saldo', 'ver mi saldo'],
  changePlan: [
    'upgrade my plan',
    'change my plan',
    'change plan',
    'mejorar mi plan',
    'cambiar mi plan',
    'cambiar de plan',
  ],
};

const ON_GOAL: Readonly<Partial<Record<Action, string>>> = {
  approveStep: 'kallyai.goals.approveStep',
  approveBudget: 'kallyai.goals.approveBudget',
  acknowledgeSoftCap: 'kallyai.goals.acknowledgeSoftCap',
  acceptOutcome: 'kallyai.goals.acceptOutcome',
  continueNegotiating: 'kallyai.goals.continueNegotiating',
  cancelGoal: 'kallyai.goals.cancel',
  showBudget: 'kallyai.goals.showBudget',
  openGoal: 'kallyai.goals.openGoal',
};

const ON_ACCOUNT: Readonly<Partial<Record<Action, string>>> = {
  creditHistory: 'kallyai.credits.history',
  creditBalance: 'kallyai.credits.showBalance',
  changePlan: 'kallyai.subscription.changePlan',
};

const BY_PHRASE = new Map<string, Action>(
  Object.entries(PHRASES).flatMap(([action, phrases]) => phrases.map((p) => [p, action as Action] as const)),
);
const LONGEST = Math.max(...[...BY_PHRASE.keys()].map((p) => p.length));

const PUNCTUATION = new Set(['.', '!', '?', '¡', '¿', '…']);

/** The suggestion as compared: lower case, single spaces, no punctuation around it. */
function normalized(text: string): string | undefined {
  if (text.length > LONGEST + 20) return undefined;
  const s = text.toLowerCase().replace(/\s+/g, ' ');
  let start = 0;
  let end = s.length;
  while (start < end && (PUNCTUATION.has(s[start]) || s[start] === ' ')) start++;
  while (end > start && (PUNCTUATION.has(s[end - 1]) || s[end - 1] === ' ')) end--;
  return start < end ? s.slice(start, end) : undefined;
}

/** The command a suggestion names, on the reply's goal where it needs one; undefined for words to
 *  send (and for a goal's action when the reply has no goal). */
export function suggestionCommand(text: string, goalId: string | undefined): NextAction | undefined {
  const key = normalized(text);
  const action = key === undefined ? undefined : BY_PHRASE.get(key);
  if (!action) return undefined;
  const onGoal = ON_GOAL[action];
  if (onGoal) return goalId ? { title: text, command: onGoal, args: [{ id: goalId }] } : undefined;
  const onAccount = ON_ACCOUNT[action];
  return onAccount ? { title: text, command: onAccount } : undefined;
}
