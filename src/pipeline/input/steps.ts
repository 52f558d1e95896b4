/** One step of a multi-step quick input: an input box or a quick pick showing "step n of m", a Back
 *  button from the second step on, validation as the user types. Escape cancels the whole flow. */
import * as vscode from 'vscode';

export type StepResult<T> = { kind: 'value'; value: T } | { kind: 'back' } | { kind: 'cancel' };

export interface StepFrame {
  readonly title: string;
  readonly step: number;
  readonly totalSteps: number;
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
}

export function askText(step: TextStep): Promise<StepResult<string>> {
  const box = vscode.window.createInputBox();
  box.title = step.title;
  box.step = step.step;
  box.totalSteps = step.totalSteps;
  box.prompt = step.prompt;
  box.placeholder = step.placeholder;
  box.value = step.value ?? '';
  box.valueSelection = [0, box.value.length];
  box.ignoreFocusOut = true;
  box.buttons = step.step > 1 ? [vscode.QuickInputButtons.Back] : [];
  const show = (value: string) => {
    const v = step.validate(value);
    box.validationMessage = v.error
      ? { message: v.error, severity: vscode.InputBoxValidationSeverity.Error }
      : v.note
        ? { message: v.note, severity: vscode.InputBoxValidationSeverity.Info }
        : undefined;
    return v;
  };
  show(box.value);
  return new Promise<StepResult<string>>((resolve) => {
    let done = false;
    const finish = (r: StepResult<string>) => {
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
      }),
      box.onDidHide(() => finish({ kind: 'cancel' })),
    ];
    box.show();
  });
}

export interface PickItem<T> extends vscode.QuickPickItem {
  readonly value: T;
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
  quickPick.title = step.title;
  quickPick.step = step.step;
  quickPick.totalSteps = step.totalSteps;
  quickPick.placeholder = step.placeholder;
  quickPick.ignoreFocusOut = true;
  quickPick.matchOnDescription = true;
  quickPick.matchOnDetail = true;
  quickPick.canSelectMany = many;
  quickPick.buttons = step.step > 1 ? [vscode.QuickInputButtons.Back] : [];
  const fill = (items: readonly PickItem<T>[]) => {
    quickPick.busy = false;
    quickPick.items = items;
    if (items.length === 0 && step.empty) quickPick.placeholder = step.empty;
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
        const chosen = many ? [...quickPick.selectedItems] : [quickPick.selectedItems[0] ?? quickPick.activeItems[0]].filter(Boolean);
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
        quickPick.placeholder = e instanceof Error ? e.message : String(e);
      });
    }
    quickPick.show();
  });
}
