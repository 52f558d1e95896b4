/** Turns a request in plain words into a goal: a title, steps that wait for approval, an estimate. */
import type { GoalStep } from '../state';

export type Intent = 'greeting' | 'balance' | 'task';

export function intentOf(text: string): Intent {
  const t = text.trim().toLowerCase();
  if (/^(hi|hello|hey|hola|good (morning|afternoon|evening))[!.\s]*$/.test(t)) return 'greeting';
  if (/\b(balance|how many credits|credits left|my credits)\b/.test(t)) return 'balance';
  return 'task';
}

/** A short title from the request: first sentence, without a leading please/can you, capitalised, at most 60 chars. */
export function titleFrom(text: string): string {
  let t = text
    .trim()
    .split(/(?<=[.!?])\s|\n/)[0]
    .replace(/(?<![.!?])[.!?]+$/, '');
  t = t.replace(/^(please\s+|can you\s+|could you\s+|i need you to\s+|i want you to\s+)/i, '').replace(/\s+/g, ' ');
  if (t.length > 60) t = `${t.slice(0, 57).replace(/(?<!\s)\s+\S*$/, '')}...`;
  return t.charAt(0).toUpperCase() + t.slice(1);
}

export function planSteps(text: string): [string, GoalStep['status'], number][] {
  const t = text.toLowerCase();
  const subject = titleFrom(text).replace(/^./, (c) => c.toLowerCase());
  if (/\b(email|mail|write to)\b/.test(t)) {
    return [
      ['Draft the email', 'pending', 0.1],
      ['Send the email after your approval', 'pending', 0.3],
    ];
  }
  if (/\b(plumber|electrician|quotes?|compare|cheapest|best price)\b/.test(t)) {
    return [
      ['Search for well-reviewed options near you', 'pending', 0.5],
      ['Call the top 3 for a quote and their earliest availability', 'pending', 3.9],
      ['Book the best offer', 'pending', 1.2],
      ['Summarise the result for you', 'pending', 0.2],
    ];
  }
  if (/\b(book|reserve|reservation|table|appointment|schedule)\b/.test(t)) {
    return [
      [`Find the best option to ${subject}`, 'pending', 0.5],
      [`Call to ${subject}`, 'pending', 1.2],
      ['Confirm the booking and add it to your calendar', 'pending', 0.3],
    ];
  }
  if (/\b(call|phone|ring|ask)\b/.test(t)) {
    return [
      ['Find the right number to call', 'pending', 0.5],
      [`Call to ${subject}`, 'pending', 1.2],
      ['Report back what they said', 'pending', 0.2],
    ];
  }
  return [
    ['Research the request', 'pending', 0.5],
    ['Contact the right people', 'pending', 1.2],
    ['Report back with the result', 'pending', 0.2],
  ];
}

/** Goals estimated above this many credits wait for budget approval before the first step. */
export const BUDGET_APPROVAL_ABOVE = 5;
