/** KallyAI's suggestions: one that names an action runs that action's command (on the reply's goal
 *  where it needs one), in English or Spanish, as a whole phrase; anything else is words to send
 *  as the next message. Plain Node. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { suggestionCommand } from '../../src/presentation/suggestions';

describe('suggestions that name an action', () => {
  it("run the action on the reply's goal: approve the step, the budget, cancel, show the budget", () => {
    assert.deepEqual(suggestionCommand('Approve the next step', 'g1'), {
      title: 'Approve the next step',
      command: 'kallyai.goals.approveStep',
      args: [{ id: 'g1' }],
    });
    assert.equal(suggestionCommand('Approve the budget', 'g1')?.command, 'kallyai.goals.approveBudget');
    assert.equal(suggestionCommand('  cancel the goal. ', 'g1')?.command, 'kallyai.goals.cancel');
    assert.equal(suggestionCommand('Show the goal budget', 'g1')?.command, 'kallyai.goals.showBudget');
    assert.equal(suggestionCommand('Aprobar el siguiente paso', 'g1')?.command, 'kallyai.goals.approveStep');
    assert.equal(suggestionCommand('¿Aprobar el presupuesto?', 'g1')?.command, 'kallyai.goals.approveBudget');
  });

  it('account actions need no goal', () => {
    assert.deepEqual(suggestionCommand('Show my credit history', undefined), {
      title: 'Show my credit history',
      command: 'kallyai.credits.history',
    });
    assert.equal(suggestionCommand('Upgrade my plan', undefined)?.command, 'kallyai.subscription.changePlan');
  });

  it('words to say stay words: requests, questions, a goal action with no goal, an action inside a longer request', () => {
    for (const words of [
      'Book a table for 2 tonight',
      'Find a plumber for tomorrow',
      'What is my credit balance?',
      'Approve the next step and then call Luigi',
      'Please approve the step for the other goal',
      '',
    ]) {
      assert.equal(suggestionCommand(words, 'g1'), undefined, words);
    }
    assert.equal(suggestionCommand('Approve the next step', undefined), undefined, 'no goal to act on: sent as words');
    assert.equal(suggestionCommand('approve the next step'.repeat(5000), 'g1'), undefined);
  });
});
