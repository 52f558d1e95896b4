/** What the person was shown, recorded in the test host only (ExtensionMode.Test: activate() turns
 *  it on): every notification, modal, progress title, status-bar message and quick input, as the
 *  texts VS Code was handed. The trust-boundary host test reads it to check that nothing the
 *  service wrote reached a surface as a link, a bidi trick or a flood; 'ran' records the command a
 *  notification's button ran. A test may also press a notification's button (`pressInTests`), as
 *  the person would, instead of the notification showing. The record lives on
 *  globalThis because the activation bundle and the commands bundle each carry their own copy of
 *  the modules that show things. */
export type Surface = 'notification' | 'modal' | 'progress' | 'status' | 'pick' | 'input' | 'ran';

export interface Shown {
  readonly surface: Surface;
  readonly texts: readonly string[];
}

const KEY = Symbol.for('kallyai.shownInTests');
type Holder = { [KEY]?: Shown[] };

/** Records what a surface was handed (does nothing outside the test host). */
export function recordShown(surface: Surface, ...texts: Array<string | undefined>): void {
  (globalThis as Holder)[KEY]?.push({ surface, texts: texts.filter((t): t is string => t !== undefined) });
}

/** Starts recording (test host only); returns the live record. */
export function recordShownInTests(): Shown[] {
  return ((globalThis as Holder)[KEY] ??= []);
}

/** A test's hand on a notification: the button it presses, or undefined to let it show. */
export type Presser = (message: string, buttons: readonly string[]) => string | undefined;

const PRESS = Symbol.for('kallyai.pressInTests');
type PressHolder = { [PRESS]?: Presser };

/** Test host only (the record is on): from now on `presser` answers notifications; undefined stops it. */
export function pressInTests(presser: Presser | undefined): void {
  if ((globalThis as Holder)[KEY]) (globalThis as PressHolder)[PRESS] = presser;
}

/** The button a test pressed on this notification, if a test is pressing (test host only). */
export function pressedInTests(message: string, buttons: readonly string[]): string | undefined {
  return (globalThis as PressHolder)[PRESS]?.(message, buttons);
}
