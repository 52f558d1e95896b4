/** The Idempotency-Key of a call attempt whose answer was lost, kept for a while by its request
 *  body: when the person retries the same call, the same key goes out and the server answers with
 *  the call it already placed instead of dialling again. */
const KEEP_MS = 30 * 60_000;

export class IdempotencyKeys {
  private readonly keys = new Map<string, { key: string; at: number }>();

  keyFor(body: unknown): string | undefined {
    this.prune();
    return this.keys.get(JSON.stringify(body))?.key;
  }

  remember(body: unknown, key: string): void {
    this.keys.set(JSON.stringify(body), { key, at: Date.now() });
  }

  forget(body: unknown): void {
    this.keys.delete(JSON.stringify(body));
  }

  private prune(): void {
    const now = Date.now();
    for (const [k, v] of this.keys) if (now - v.at > KEEP_MS) this.keys.delete(k);
  }
}
