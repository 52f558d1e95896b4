/** A small multi-step form for the hand-written commands (a calendar event, a booking, an
 *  outreach task): one quick input per question with "step n of m", Back, validation as the
 *  person types; questions already answered by the command's arguments are skipped. Escape
 *  sends nothing. */
import type { StepFrame, StepResult } from './quickInput';

export interface FormStep<D> {
  /** The answers it sets (skipped when the arguments gave all of them). */
  readonly keys: readonly (keyof D)[];
  /** Asked only when this holds for the answers so far. */
  applies?(answers: Partial<D>): boolean;
  ask(frame: StepFrame, answers: Partial<D>): Promise<StepResult<Partial<D>>>;
}

/** Runs the open questions; resolves undefined when the person pressed Escape. */
export async function runForm<D>(
  title: string,
  steps: readonly FormStep<D>[],
  given: Partial<D>,
): Promise<Partial<D> | undefined> {
  const answers: Partial<D> = { ...given };
  const isGiven = (k: keyof D) => given[k] !== undefined;
  const open = (s: FormStep<D>) => !s.keys.every(isGiven) && (s.applies?.(answers) ?? true);
  const visited: number[] = [];
  let i = 0;
  while (i < steps.length) {
    const step = steps[i];
    if (!open(step)) {
      i++;
      continue;
    }
    const asked = steps.filter(open);
    const r = await step.ask({ title, step: asked.indexOf(step) + 1, totalSteps: asked.length }, answers);
    if (r.kind === 'cancel') return undefined;
    if (r.kind === 'back') {
      i = visited.pop() ?? 0;
      continue;
    }
    for (const k of step.keys) if (!isGiven(k)) delete answers[k];
    Object.assign(answers, r.value);
    visited.push(i);
    i++;
  }
  return answers;
}

/** A value as the pick or input box shows it again after Back. */
export const shown = (v: unknown): string => (v === undefined || v === null ? '' : String(v));
