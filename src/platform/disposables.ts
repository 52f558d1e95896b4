/** A base for things that own disposables: `this.own(x)` registers, `dispose()` disposes them all
 *  once, newest first. Replaces hand-kept arrays. Shaped like VS Code's `Disposable` without
 *  importing it, so the vscode-free auth service can own its listeners with it too. */

export interface Disposable {
  dispose(): unknown;
}

export class Disposables implements Disposable {
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

/** Disposables owned by a function rather than a class (a composition root): `add(x)` registers. */
export class DisposableStore extends Disposables {
  add<T extends Disposable>(first: T, ...more: Disposable[]): T {
    return this.own(first, ...more);
  }
}
