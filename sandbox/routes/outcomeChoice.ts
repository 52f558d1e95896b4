/** Choosing one offer of an outcome through the coordination AI. The contract's accept-outcome takes
 *  no body: the client first sends POST /v1/coordination/message naming the offer the person chose
 *  (see src/models/goal.ts `outcomeChoiceMessage`), then accepts the outcome. The sandbox
 *  recognises the message by its first line and its "Goal id:" and "Chosen offer:" lines, and keeps
 *  the chosen offer as the goal's outcome (accept-outcome then completes the goal with it). */
import type { Sandbox } from '../context';

export interface OutcomeChoice {
  goalId: string;
  offer: string;
}

/** The choice, when the message names one. */
export function outcomeChoiceOf(message: string): OutcomeChoice | undefined {
  if (!/^I accept one of the offers for my goal\b/i.test(message.trim())) return undefined;
  const goalId = /^Goal id:[ \t]*(\S+)[ \t]*$/im.exec(message)?.[1];
  const offer = /^Chosen offer:[ \t]*(\S.*)$/im.exec(message)?.[1]?.trim();
  return goalId && offer ? { goalId, offer } : undefined;
}

/** Keeps the offer as the goal's outcome; KallyAI's answer in a sentence. */
export function chooseOffer(sb: Sandbox, choice: OutcomeChoice): string {
  const goal = sb.state.goals.find((g) => g.id === choice.goalId);
  if (!goal) return 'I could not find that goal.';
  if (goal.waiting_for !== 'outcome_acceptance')
    return `"${goal.title}" has no offer waiting for you, so I changed nothing.`;
  goal.outcome = choice.offer;
  return `Noted: "${goal.title}" goes ahead with ${choice.offer.charAt(0).toLowerCase()}${choice.offer.slice(1)}. I decline the other offer.`;
}
