/** The one step runner (src/platform/formSteps.ts) driven by scripted answers in place of the quick
 *  inputs: "step n of m" counts the open steps, Back returns to the step asked before with its answer
 *  kept, Escape ends with nothing, answered and closed steps are skipped, a jump goes on where it
 *  says; and the call wizard's plan run through it counts a general call's steps as the e2e test does. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { StepFrame } from '../../src/platform/quickInput';
import { runForm, runSteps, type FormStep, type Step, type StepOutcome } from '../../src/platform/formSteps';
import { CALL_STEPS, isAsked, type Draft } from '../../src/commands/calls/callSteps';

type Seen = { name: string; step?: number; total?: number; had: unknown };

/** Steps that answer from a script: each entry is what the next asked step answers. */
function scripted<A extends object>(
  names: readonly (keyof A & string)[],
  script: ((name: string, answers: A) => StepOutcome<A>)[],
  seen: Seen[],
  open: Partial<Record<string, (a: A) => boolean>> = {},
): Step<A>[] {
  return names.map((name) => ({
    keys: [name],
    open: open[name],
    ask: (frame: StepFrame, answers: A) => {
      seen.push({ name, step: frame.step, total: frame.totalSteps, had: (answers as Record<string, unknown>)[name] });
      const next = script.shift();
      assert.ok(next, `no answer scripted for ${name}`);
      return Promise.resolve(next(name, answers));
    },
  }));
}

const value =
  <A>(v: Partial<A>) =>
  (): StepOutcome<A> => ({ kind: 'value', value: v });
const back = (): StepOutcome<never> => ({ kind: 'back' });

type Abc = { a?: string; b?: string; c?: string };

describe('runSteps', () => {
  it('numbers the open steps and keeps an answer when Back returns to its step', async () => {
    const seen: Seen[] = [];
    const answers = await runSteps<Abc>(
      'T',
      scripted<Abc>(
        ['a', 'b', 'c'],
        [value({ a: '1' }), value({ b: '2' }), back, back, value({ a: '1b' }), value({ b: '2' }), value({ c: '3' })],
        seen,
      ),
      {},
    );
    assert.deepEqual(answers, { a: '1b', b: '2', c: '3' });
    assert.deepEqual(
      seen.map((s) => `${s.name}${s.step}/${s.total}:${String(s.had)}`),
      ['a1/3:undefined', 'b2/3:undefined', 'c3/3:undefined', 'b2/3:2', 'a1/3:1', 'b2/3:2', 'c3/3:undefined'],
    );
  });

  it('ends with nothing on Escape, and skips a step that is not open', async () => {
    const seen: Seen[] = [];
    const open = { b: (x: Abc) => x.a === 'yes' };
    const cancelled = await runSteps<Abc>(
      'T',
      scripted<Abc>(['a', 'b', 'c'], [value({ a: 'no' }), () => ({ kind: 'cancel' })], seen, open),
      {},
    );
    assert.equal(cancelled, undefined);
    assert.deepEqual(
      seen.map((s) => `${s.name}${s.step}/${s.total}`),
      ['a1/2', 'c2/2'],
    );
  });

  it('goes on where a jump says, and Back from there returns to the step that jumped', async () => {
    const seen: Seen[] = [];
    const answers = await runSteps<Abc>(
      'T',
      scripted<Abc>(
        ['a', 'b', 'c'],
        [
          () => ({ kind: 'jump', value: { a: '1', b: 'last' }, to: 2 }),
          back,
          value({ a: '2' }),
          value({ b: 'x' }),
          value({ c: '3' }),
        ],
        seen,
      ),
      {},
    );
    assert.deepEqual(answers, { a: '2', b: 'x', c: '3' });
    assert.deepEqual(
      seen.map((s) => s.name),
      ['a', 'c', 'a', 'b', 'c'],
    );
  });
});

describe('runForm', () => {
  it('skips what the arguments gave and keeps a given answer its step does not set', async () => {
    const seen: Seen[] = [];
    const steps: FormStep<Abc>[] = [
      { keys: ['a'], ask: () => Promise.resolve({ kind: 'value', value: { a: 'typed' } }) },
      {
        keys: ['b', 'c'],
        ask: (frame, x) => (
          seen.push({ name: 'bc', step: frame.step, total: frame.totalSteps, had: x.c }),
          Promise.resolve({ kind: 'value', value: { b: 'typed' } })
        ),
      },
    ];
    assert.deepEqual(await runForm<Abc>('T', steps, { c: 'given' }), { a: 'typed', b: 'typed', c: 'given' });
    assert.deepEqual(seen, [{ name: 'bc', step: 2, total: 2, had: 'given' }]);
    assert.deepEqual(await runForm<Abc>('T', steps, { a: 'given', b: 'g', c: 'g' }), { a: 'given', b: 'g', c: 'g' });
  });
});

describe('the call wizard on the runner', () => {
  it('a general call with a number and a task takes four steps, "Place Call…" the last', async () => {
    const seen: Seen[] = [];
    const answer: Record<string, Draft> = {
      phone: { phone: '+12015550199' },
      category: { category: 'general' },
      task: { task: 'Ask whether they are open on Sunday' },
      review: { details: false },
    };
    const steps = CALL_STEPS.map((plan): Step<Draft> => ({
      keys: plan.keys,
      open: (d) => isAsked(plan, {}, d),
      ask: (frame) => {
        seen.push({ name: plan.name, step: frame.step, total: frame.totalSteps, had: undefined });
        return Promise.resolve({ kind: 'value', value: answer[plan.name] });
      },
    }));
    const draft = await runSteps<Draft>('T', steps, {});
    assert.equal(draft?.phone, '+12015550199');
    assert.deepEqual(
      seen.map((s) => `${s.name}${s.step}/${s.total}`),
      ['phone1/4', 'category2/4', 'task3/4', 'review4/4'],
    );
  });
});
