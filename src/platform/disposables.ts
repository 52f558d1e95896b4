/** A base for things that own disposables: `this.own(x)` registers, `dispose()` disposes them all
 *  once, newest first. Replaces hand-kept arrays. */
import type * as vscode from 'vscode';

export class Disposables implements vscode.Disposable {
  private readonly owned: Array<{ dispose(): unknown }> = [];
  private disposed = false;

  /** Registers a disposable (or several) and returns the first. */
  protected own<T extends { dispose(): unknown }>(first: T, ...more: Array<{ dispose(): unknown }>): T {
    for (const d of [first, ...more]) {
      if (this.disposed) void d.dispose();
      else this.owned.push(d);
    }
    return first;
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const d of this.owned.splice(0).reverse()) {
      try {
        void d.dispose();
      } catch {
        // one failing disposable must not keep the others alive
      }
    }
  }
}
