/** A secret store held in memory, with change events like `vscode.SecretStorage`'s: runs the
 *  session code outside VS Code (the plain-Node tests share one between two session stores to
 *  play two windows). No `vscode` here. */
import type { SecretStoreLike } from './sessionStore';

export class MemorySecretStore implements SecretStoreLike {
  private readonly values = new Map<string, string>();
  private readonly listeners = new Set<(e: { key: string }) => unknown>();

  async get(key: string): Promise<string | undefined> {
    return this.values.get(key);
  }

  async store(key: string, value: string): Promise<void> {
    this.values.set(key, value);
    this.fire(key);
  }

  async delete(key: string): Promise<void> {
    if (this.values.delete(key)) this.fire(key);
  }

  onDidChange(listener: (e: { key: string }) => unknown): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Keys currently held (for assertions). */
  keys(): string[] {
    return [...this.values.keys()];
  }

  private fire(key: string): void {
    // Like VS Code, other windows hear about a change after the write has completed.
    setImmediate(() => {
      for (const listener of [...this.listeners]) listener({ key });
    });
  }
}
