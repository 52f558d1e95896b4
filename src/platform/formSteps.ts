/** The one step-by-step runner behind every multi-step input (the call wizard, the rule and contact
 *  editors, the booking, calendar and outreach forms, the pipeline's asks): one quick input per open
 *  step, "step n of m" counting the steps open with the answers so far, Back (the quick input's
 *  back button) returning to the step asked before it with its answer kept, Escape leaving without
 *  an answer. A step re-asks by itself while its answer does not validate (quickInput.ts keeps
 *  Enter from accepting it). And `runForm`, the form of the hand-written commands: questions
 *  already answered by the command's arguments are skipped. */
import type { StepFrame, StepResult } from './quickInput';

/** What a step answers: its value (the answers it sets), Back, Escape — or its value and the step
 *  to go on with ("Same as Last Call" goes straight to the review). */
export type StepOutcome<A> = StepResult<Partial<A>> | { kind: 'jump'; value: Partial<A>; to: number };

export interface Step<A> {
  /** The answers it sets: cleared before its new answer is kept. A step that writes into the
   *  answers itself (a nested draft) leaves this out. */
  readonly keys?: readonly (keyof A)[];
  /** Asked only when this holds for the answers so far (default: always); skipped otherwise. */
  open?(answers: A): boolean;
  ask(frame: StepFrame, answers: A): Promise<StepOutcome<A>>;
}

/** Runs the open steps over `answers` (changed in place and returned); undefined when the person
 *  pressed Escape. */
export async function runSteps<A extends object>(
  title: string,
  steps: readonly Step<A>[],
  answers: A,
): Promise<A | undefined> {
  const isOpen = (s: Step<A>) => s.open?.(answers) ?? true;
  const visited: number[] = [];
  let i = 0;
  while (i < steps.length) {
    const step = steps[i];
    if (!isOpen(step)) {
      i++;
      continue;
    }
    const asked = steps.filter(isOpen);
    const r = await step.ask({ title, step: asked.indexOf(step) + 1, totalSteps: asked.length }, answers);
    if (r.kind === 'cancel') return undefined;
    if (r.kind === 'back') {
      i = visited.pop() ?? 0;
      continue;
    }
    visited.push(i);
    for (const k of step.keys ?? []) delete answers[k];
    Object.assign(answers, r.value);
    i = r.kind === 'jump' ? r.to : i + 1;
  }
  return answers;
}

export interface FormStep<D> {
  /** The answers it sets (skipped when the arguments gave all of them). */
  readonly keys: readonly (keyof D)[];
  /** Asked only when this holds for the answers so far. */
  applies?(answers: Partial<D>): boolean;
  ask(frame: StepFrame, answers: Partial<D>): Promise<StepResult<Partial<D>>>;
}

/** Runs the open questions of a hand-written command's form; an answer the arguments gave is kept
 *  unless its step answers it anew. Resolves undefined when the person pressed Escape. */
export function runForm<D>(
  title: string,
  steps: readonly FormStep<D>[],
  given: Partial<D>,
): Promise<Partial<D> | undefined> {
  const isGiven = (k: keyof D) => given[k] !== undefined;
  const kept = (keys: readonly (keyof D)[]) => Object.fromEntries(keys.filter(isGiven).map((k) => [k, given[k]]));
  return runSteps<Partial<D>>(
    title,
    steps.map((s) => ({
      keys: s.keys,
      open: (answers) => !s.keys.every(isGiven) && (s.applies?.(answers) ?? true),
      ask: async (frame, answers) => {
        const r = await s.ask(frame, answers);
        return r.kind === 'value' ? { kind: 'value', value: { ...kept(s.keys), ...r.value } } : r;
      },
    })),
    { ...given },
  );
}

/** A value as the pick or input box shows it again after Back. */
export const shown = (v: unknown): string => (v === undefined || v === null ? '' : String(v));
