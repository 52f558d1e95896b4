/** What the person was shown, recorded in the test host only (ExtensionMode.Test: activate() turns
 *  it on): every notification, modal, progress title, status-bar message and quick input, as the
 *  texts VS Code was handed. The trust-boundary host test reads it to check that nothing the
 *  service wrote reached a surface as a link, a bidi trick or a flood. The record lives on
 *  globalThis because the activation bundle and the commands bundle each carry their own copy of
 *  the modules that show things. */
export type Surface = 'notification' | 'modal' | 'progress' | 'status' | 'pick' | 'input';

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
