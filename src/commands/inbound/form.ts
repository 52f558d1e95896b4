/** A multi-step form on the pipeline's quick-input steps (src/pipeline/input/steps.ts): "step n of
 *  m", Back between steps, Escape leaves without sending anything; steps may depend on earlier
 *  answers (shown or skipped). And the arguments the receptionist's hand-written commands accept:
 *  a view item, an id, or an object from code (tests, pages, notifications). */
import * as z from 'zod/mini';
import { checkPhoneNumber } from '../../api/validation/phone';
import { phoneForPeople, t } from '../../format';
import { askText, type StepFrame, type StepResult } from '../../platform/quickInput';
import { parseArgs } from '../../pipeline/commandArgs';

export interface FormStep<T> {
  /** Shown only when this says so (default: always). */
  when?(answers: T): boolean;
  run(frame: StepFrame, answers: T): Promise<StepResult<void>>;
}

/** A phone-number step: checked as it is typed (the number as it will be dialled, or why not),
 *  starting from `current`; the answer is the number in international form (E.164), or undefined
 *  when what was typed is not a number we may call. */
export async function askPhone(
  frame: StepFrame,
  options: { prompt: string; placeholder?: string; current?: string; defaultCountry: string },
): Promise<StepResult<string | undefined>> {
  const r = await askText({
    ...frame,
    prompt: options.prompt,
    ...(options.placeholder ? { placeholder: options.placeholder } : {}),
    value: options.current ? phoneForPeople(options.current) : '',
    validate: (v) => {
      if (!v.trim()) return { incomplete: true };
      const check = checkPhoneNumber(v, options.defaultCountry);
      return check.ok ? { note: check.formatted } : { error: t(check.template, ...check.args) };
    },
  });
  if (r.kind !== 'value') return r;
  const check = checkPhoneNumber(r.value, options.defaultCountry);
  return { kind: 'value', value: check.ok ? check.e164 : undefined };
}

/** Runs the steps over `answers` (changed in place); undefined when the person pressed Escape. */
export async function runForm<T>(title: string, steps: readonly FormStep<T>[], answers: T): Promise<T | undefined> {
  const done: number[] = [];
  let i = 0;
  while (i < steps.length) {
    if (steps[i].when && !steps[i].when!(answers)) {
      i++;
      continue;
    }
    const remaining = steps.slice(i).filter((s) => !s.when || s.when(answers)).length;
    const frame: StepFrame = { title, step: done.length + 1, totalSteps: done.length + remaining };
    const r = await steps[i].run(frame, answers);
    if (r.kind === 'cancel') return undefined;
    if (r.kind === 'back') {
      i = done.pop() ?? 0;
      continue;
    }
    done.push(i);
    i++;
  }
  return answers;
}

/** What a hand-written command was started on or given. */
export interface CommandTarget<V> {
  readonly id?: string;
  /** The entity, when it came from a view item (else read by the command). */
  readonly value?: V;
  readonly body?: Record<string, unknown>;
  readonly confirmed: boolean;
}

const objectArgs = z.strictObject({
  id: z.optional(z.string().check(z.minLength(1))),
  body: z.optional(z.record(z.string(), z.unknown())),
  confirmed: z.optional(z.boolean()),
});

/** A view item (its `target`), a bare id, or `{ id?, body?, confirmed? }`. */
export function targetArgs<V>(command: string, raw: unknown): CommandTarget<V> {
  if (raw && typeof raw === 'object' && 'item' in raw && 'kind' in raw) {
    const target = (raw as { target?: { id?: unknown; value?: unknown } }).target;
    return {
      id: typeof target?.id === 'string' ? target.id : undefined,
      value: target?.value as V | undefined,
      confirmed: false,
    };
  }
  if (typeof raw === 'string') return { id: raw, confirmed: false };
  const a = parseArgs(command, objectArgs, raw);
  return { id: a.id, body: a.body, confirmed: a.confirmed === true };
}
