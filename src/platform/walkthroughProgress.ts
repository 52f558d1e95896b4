/** The Getting Started walkthrough ticks what the person did anywhere — signing in from the side
 *  bar, seeing the Goals view, making a call from a search result, asking in the chat, approving a
 *  step on a goal's page — not only what its own buttons ran. Its steps' completion events are
 *  context keys this module sets (package.json `contributes.walkthroughs`):
 *  `onContext:kallyai.walkthrough.<step> && activeEditor == 'gettingStartedPage'`. VS Code reads a
 *  walkthrough's steps only when its page is first opened, and a key already true then never ticks
 *  its step; with the page's own key in the expression, the step ticks when the page is shown (or
 *  at once while it is). What was done is kept in globalState, so the keys come back after a
 *  reload; the commands bundle and the activation bundle share nothing else. */
import * as vscode from 'vscode';

export const WALKTHROUGH_STEPS = ['signIn', 'goals', 'makeCall', 'ask', 'approve'] as const;
export type WalkthroughStep = (typeof WALKTHROUGH_STEPS)[number];

const DONE_KEY = 'kallyai.walkthrough.done';

/** "kallyai.walkthrough.makeCall": the context key that says the step was done. */
export const walkthroughContextKey = (step: WalkthroughStep) => `kallyai.walkthrough.${step}`;

/** Which operation's success does a step (whoever ran it). */
const STEP_OF_OPERATION: Readonly<Record<string, WalkthroughStep>> = {
  'calls.create': 'makeCall',
  'coordination.message': 'ask',
  'coordination.approveStep': 'approve',
};

export function walkthroughStepOf(opId: string): WalkthroughStep | undefined {
  return Object.hasOwn(STEP_OF_OPERATION, opId) ? STEP_OF_OPERATION[opId] : undefined;
}

function doneSteps(memento: vscode.Memento): WalkthroughStep[] {
  const kept = memento.get<unknown>(DONE_KEY);
  return Array.isArray(kept)
    ? kept.filter((s): s is WalkthroughStep => (WALKTHROUGH_STEPS as readonly unknown[]).includes(s))
    : [];
}

/** The person did this step: its key is set (once a session) and remembered. */
export function markWalkthroughStep(memento: vscode.Memento, step: WalkthroughStep): void {
  const done = doneSteps(memento);
  void vscode.commands.executeCommand('setContext', walkthroughContextKey(step), true);
  if (!done.includes(step)) void memento.update(DONE_KEY, [...done, step]);
}

/** At activation: the keys of the steps done in earlier sessions. */
export function restoreWalkthroughSteps(memento: vscode.Memento): void {
  for (const step of doneSteps(memento))
    void vscode.commands.executeCommand('setContext', walkthroughContextKey(step), true);
}

/** Once the walkthrough is open ("KallyAI: Get Started"): each done step's key is set again, off
 *  then on — a change the open page sees on every host (some open it in an editor whose
 *  `activeEditor` is not the Getting Started page's, and a key that was already true never ticks). */
export async function replayWalkthroughSteps(memento: vscode.Memento): Promise<void> {
  for (const step of doneSteps(memento)) {
    await vscode.commands.executeCommand('setContext', walkthroughContextKey(step), false);
    await vscode.commands.executeCommand('setContext', walkthroughContextKey(step), true);
  }
}
