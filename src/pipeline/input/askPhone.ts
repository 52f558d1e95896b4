/** The phone field as a quick-input step: checked once, as it is typed (the number as it will be
 *  dialled, or why it cannot be called — fields.ts `readPhone`), starting from the number given;
 *  the answer is the number in international form (E.164). Used by the call wizard and the rule
 *  and contact editors. */
import { phoneForPeople, t } from '../../format';
import {
  askTextOrButton,
  type ButtonResult,
  type StepButton,
  type StepFrame,
  type StepResult,
} from '../../platform/quickInput';
import { readPhone } from './fields';

export interface PhoneStep {
  readonly prompt: string;
  readonly placeholder?: string;
  /** The number the box starts from, shown as people read it… */
  readonly current?: string;
  /** …or the text it starts with, as it is (the call wizard shows a number as it was given or typed). */
  readonly value?: string;
  readonly defaultCountry: string;
  /** What the box says under a number it will dial, given that number as people read it (default: the number). */
  readonly note?: (number: string) => string;
}

export function askPhone(frame: StepFrame, options: PhoneStep): Promise<StepResult<string>> {
  return askPhoneOrButton(frame, options, []) as Promise<StepResult<string>>;
}

/** The same with buttons of the step's own ("Same as Last Call"): resolves with the button pressed, or as askPhone does. */
export async function askPhoneOrButton(
  frame: StepFrame,
  options: PhoneStep,
  buttons: readonly StepButton[],
): Promise<StepResult<string> | ButtonResult> {
  // The box checks what is typed on every change and once more on Enter, which accepts only a
  // number that passed: the last number that passed is the answer, not checked again.
  let dialled: string | undefined;
  const r = await askTextOrButton(
    {
      ...frame,
      prompt: options.prompt,
      ...(options.placeholder ? { placeholder: options.placeholder } : {}),
      value: options.value ?? (options.current ? phoneForPeople(options.current) : ''),
      validate: (v) => {
        dialled = undefined;
        if (!v.trim()) return { incomplete: true };
        const read = readPhone(v, options.defaultCountry);
        if (!read.ok) return { error: t(read.message.template, ...read.message.args) };
        dialled = read.value as string;
        const shown = phoneForPeople(dialled);
        return { note: options.note ? options.note(shown) : shown };
      },
    },
    buttons,
  );
  if (r.kind !== 'value') return r;
  return dialled ? { kind: 'value', value: dialled } : { kind: 'cancel' };
}
