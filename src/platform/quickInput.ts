/** The only door to VS Code's quick inputs: one step of a multi-step input (an input box or a quick
 *  pick showing "step n of m", a Back button from the second step on, validation as the user types;
 *  Escape cancels the whole flow), or a single question (no step numbers). A pick's items take only
 *  PickText (src/format/sinks.ts: plain, and `$(…)` in service text stays text); titles, prompts
 *  and messages are made plain here. Lint keeps showQuickPick/createQuickPick/showInputBox/
 *  createInputBox to this file. */
import * as vscode from 'vscode';
import { pickText, pickWithIcon, type PickText } from '../format/sinks';
import { recordShown } from './shownInTests';

export type StepResult<T> = { kind: 'value'; value: T } | { kind: 'back' } | { kind: 'cancel' };

export interface StepFrame {
  readonly title: string;
  /** Undefined for a single question (no "n of m", no Back button). */
  readonly step?: number;
  readonly totalSteps?: number;
}

/** What a text step's validator says about the current value: an error blocks Enter, a note does not. */
export interface Validation {
  readonly error?: string;
  readonly note?: string;
  /** Nothing usable typed yet (an empty required answer): Enter does nothing, no message shown. */
  readonly incomplete?: boolean;
}

export interface TextStep extends StepFrame {
  readonly prompt: string;
  readonly placeholder?: string;
  readonly value?: string;
  readonly validate: (value: string) => Validation;
  /** Typed characters are hidden (a token). */
  readonly password?: boolean;
}

/** A button in a text step's title bar ("Same as Last Call"): pressing it ends the step with its id. */
export interface StepButton {
  readonly id: string;
  /** A codicon name, e.g. 'history'. */
  readonly icon: string;
  readonly tooltip: string;
}

export type ButtonResult = { kind: 'button'; id: string };

export function askText(step: TextStep): Promise<StepResult<string>> {
  return textInput(step, []) as Promise<StepResult<string>>;
}

/** A text step with buttons of its own in its title bar: resolves with the button pressed, or as askText does. */
export function askTextOrButton(
  step: TextStep,
  buttons: readonly StepButton[],
): Promise<StepResult<string> | ButtonResult> {
  return textInput(step, buttons);
}

function textInput(step: TextStep, extra: readonly StepButton[]): Promise<StepResult<string> | ButtonResult> {
  const box = vscode.window.createInputBox();
  box.title = pickText(step.title);
  box.step = step.step;
  box.totalSteps = step.totalSteps;
  box.prompt = pickText(step.prompt, 1000);
  box.placeholder = step.placeholder === undefined ? undefined : pickText(step.placeholder);
  box.value = step.value ?? '';
  box.valueSelection = [0, box.value.length];
  box.ignoreFocusOut = true;
  box.password = step.password ?? false;
  const own = extra.map((b) => ({ iconPath: new vscode.ThemeIcon(b.icon), tooltip: pickText(b.tooltip), id: b.id }));
  box.buttons = [...((step.step ?? 1) > 1 ? [vscode.QuickInputButtons.Back] : []), ...own];
  const show = (value: string) => {
    const v = step.validate(value);
    recordShown('input', box.title, box.prompt, box.placeholder, v.error, v.note);
    box.validationMessage = v.error
      ? { message: pickText(v.error, 1000), severity: vscode.InputBoxValidationSeverity.Error }
      : v.note
        ? { message: pickText(v.note, 1000), severity: vscode.InputBoxValidationSeverity.Info }
        : undefined;
    return v;
  };
  show(box.value);
  return new Promise<StepResult<string> | ButtonResult>((resolve) => {
    let done = false;
    const finish = (r: StepResult<string> | ButtonResult) => {
      if (done) return;
      done = true;
      resolve(r);
      disposables.forEach((d) => d.dispose());
      box.dispose();
    };
    const disposables = [
      box.onDidChangeValue((v) => show(v)),
      box.onDidAccept(() => {
        const v = show(box.value);
        if (v.error || v.incomplete) return;
        finish({ kind: 'value', value: box.value.trim() });
      }),
      box.onDidTriggerButton((b) => {
        if (b === vscode.QuickInputButtons.Back) finish({ kind: 'back' });
        const pressed = own.find((o) => o === b);
        if (pressed) finish({ kind: 'button', id: pressed.id });
      }),
      box.onDidHide(() => finish({ kind: 'cancel' })),
    ];
    box.show();
  });
}

/** A quick pick's item: what it shows is PickText; `value` is what choosing it answers. */
export interface PickItem<T> {
  readonly label: PickText;
  readonly description?: PickText;
  readonly detail?: PickText;
  readonly picked?: boolean;
  readonly alwaysShow?: boolean;
  readonly kind?: vscode.QuickPickItemKind;
  readonly value: T;
}

/** An item as a caller writes it: any text, made PickText by `pickItems`; `icon` is one of ours. */
export interface PickChoice<T> {
  readonly value: T;
  readonly label: string;
  readonly description?: string;
  readonly detail?: string;
  readonly picked?: boolean;
  readonly alwaysShow?: boolean;
  readonly icon?: string;
}

/** Choices as a pick's items: label, description and detail made PickText. */
export function pickItems<T>(choices: readonly PickChoice<T>[]): PickItem<T>[] {
  return choices.map((c) => ({
    value: c.value,
    label: pickWithIcon(c.icon, c.label),
    description: c.description === undefined ? undefined : pickText(c.description),
    detail: c.detail === undefined ? undefined : pickText(c.detail, 500),
    picked: c.picked,
    alwaysShow: c.alwaysShow,
  }));
}

export interface PickStep<T> extends StepFrame {
  readonly placeholder: string;
  /** The items, or a promise of them (the pick shows as busy until they arrive). */
  readonly items: readonly PickItem<T>[] | Promise<readonly PickItem<T>[]>;
  /** The item selected when the step opens (the last answer, or the default). */
  readonly active?: T;
  /** Shown instead of the list when it comes back empty. */
  readonly empty?: string;
}

export function askPick<T>(step: PickStep<T>): Promise<StepResult<T>> {
  return pick(step, false).then((r) => (r.kind === 'value' ? { kind: 'value', value: r.value[0] } : r));
}

/** Several items at once (checkboxes); resolves with the chosen values. */
export function askPickMany<T>(step: PickStep<T>): Promise<StepResult<T[]>> {
  return pick(step, true);
}

function pick<T>(step: PickStep<T>, many: boolean): Promise<StepResult<T[]>> {
  const quickPick = vscode.window.createQuickPick<PickItem<T>>();
  quickPick.title = pickText(step.title);
  quickPick.step = step.step;
  quickPick.totalSteps = step.totalSteps;
  quickPick.placeholder = pickText(step.placeholder);
  quickPick.ignoreFocusOut = true;
  quickPick.matchOnDescription = true;
  quickPick.matchOnDetail = true;
  quickPick.canSelectMany = many;
  quickPick.buttons = (step.step ?? 1) > 1 ? [vscode.QuickInputButtons.Back] : [];
  const fill = (items: readonly PickItem<T>[]) => {
    recordShown(
      'pick',
      quickPick.title,
      quickPick.placeholder,
      ...items.flatMap((i) => [i.label, i.description, i.detail]),
    );
    quickPick.busy = false;
    quickPick.items = items;
    if (items.length === 0 && step.empty) quickPick.placeholder = pickText(step.empty);
    const active = items.find((i) => i.value === step.active);
    if (active) quickPick.activeItems = [active];
    // `picked` is honoured only by showQuickPick: a created pick is told which items start checked.
    if (many) quickPick.selectedItems = items.filter((i) => i.picked);
  };
  return new Promise<StepResult<T[]>>((resolve) => {
    let done = false;
    const finish = (r: StepResult<T[]>) => {
      if (done) return;
      done = true;
      resolve(r);
      disposables.forEach((d) => d.dispose());
      quickPick.dispose();
    };
    const disposables = [
      quickPick.onDidAccept(() => {
        const chosen = many
          ? [...quickPick.selectedItems]
          : [quickPick.selectedItems[0] ?? quickPick.activeItems[0]].filter(Boolean);
        if (chosen.length) finish({ kind: 'value', value: chosen.map((c) => c.value) });
      }),
      quickPick.onDidTriggerButton((b) => {
        if (b === vscode.QuickInputButtons.Back) finish({ kind: 'back' });
      }),
      quickPick.onDidHide(() => finish({ kind: 'cancel' })),
    ];
    if (Array.isArray(step.items)) fill(step.items);
    else {
      quickPick.busy = true;
      void Promise.resolve(step.items).then(fill, (e: unknown) => {
        quickPick.busy = false;
        quickPick.placeholder = pickText(e instanceof Error ? e.message : String(e));
      });
    }
    quickPick.show();
  });
}

/** A single question: one pick, no step numbers; the value chosen, or undefined when dismissed. */
export async function pickOne<T>(options: {
  title?: string;
  placeholder: string;
  items: readonly PickItem<T>[] | Promise<readonly PickItem<T>[]>;
  active?: T;
  empty?: string;
}): Promise<T | undefined> {
  const r = await askPick({
    title: options.title ?? '',
    placeholder: options.placeholder,
    items: options.items,
    active: options.active,
    empty: options.empty,
  });
  return r.kind === 'value' ? r.value : undefined;
}

/** A single typed answer (trimmed), or undefined when dismissed. */
export async function askOnce(options: {
  title?: string;
  prompt: string;
  placeholder?: string;
  value?: string;
  password?: boolean;
  validate?: (value: string) => string | undefined;
}): Promise<string | undefined> {
  const r = await askText({
    title: options.title ?? '',
    prompt: options.prompt,
    placeholder: options.placeholder,
    value: options.value,
    password: options.password,
    validate: (v) => {
      const error = options.validate?.(v);
      return error ? { error } : {};
    },
  });
  return r.kind === 'value' ? r.value : undefined;
}
