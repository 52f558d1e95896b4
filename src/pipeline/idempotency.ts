/** A request whose answer was lost may have gone through: the Idempotency-Key of that attempt is
 *  kept by operation and input, so that repeating the same request (Retry, the same call placed
 *  again, an agent invoking the same tool) sends the same key and the server answers with what it
 *  already did instead of doing it twice — after a window reload too. Only for operations that
 *  create something (`op.creates`: the client sends a key with each of them).
 *  The keys live in a small storage the extension backs with `context.globalState` (shared by
 *  every workspace, no secrets): each entry is the SHA-256 of the operation and its input (never
 *  the input itself, which may hold phone numbers and personal words), the key, and when it was
 *  kept. Entries expire with the service's 30-minute idempotency window. No `vscode` here. */
import { createHash, randomUUID } from 'node:crypto';

/** The service keeps an Idempotency-Key for 30 minutes; a key older than that protects nothing. */
export const KEEP_MS = 30 * 60_000;
/** The globalState key the entries are kept under. */
export const IDEMPOTENCY_STATE_KEY = 'kallyai.idempotencyKeys';
/** More lost answers than this within half an hour is not a person retrying: the oldest go. */
const MAX_ENTRIES = 200;

/** The part of `vscode.Memento` the keys need (globalState in the extension). */
export interface KeyStorage {
  get(key: string): unknown;
  update(key: string, value: unknown): PromiseLike<void>;
}

/** A KeyStorage that lasts as long as the process (tests; a pipeline given no storage). */
export class MemoryKeyStorage implements KeyStorage {
  private readonly values = new Map<string, unknown>();
  get(key: string): unknown {
    return this.values.get(key);
  }
  async update(key: string, value: unknown): Promise<void> {
    if (value === undefined) this.values.delete(key);
    else this.values.set(key, structuredClone(value));
  }
}

interface Entry {
  readonly key: string;
  readonly at: number;
}
type Entries = Record<string, Entry>;

/** Codes that leave the outcome unknown: the request may have reached the server. */
export function mayHaveGoneThrough(code: string): boolean {
  return (
    [
      'network_error',
      'timeout',
      'invalid_response',
      'response_too_large',
      'internal_error',
      'bad_gateway',
      'service_unavailable',
      'gateway_timeout',
    ].includes(code) || /^http_5\d\d$/.test(code)
  );
}

export class IdempotencyKeys {
  constructor(
    private readonly storage: KeyStorage = new MemoryKeyStorage(),
    private readonly now: () => number = Date.now,
  ) {}

  /** The key of a lost attempt with this very input, else a new one. */
  keyFor(opId: string, input: unknown): { key: string; reused: boolean } {
    const kept = this.entries()[fingerprint(opId, input)];
    return kept ? { key: kept.key, reused: true } : { key: randomUUID(), reused: false };
  }

  /** Keeps the key of an attempt whose answer was lost. */
  remember(opId: string, input: unknown, key: string): Promise<void> {
    const entries = this.entries();
    entries[fingerprint(opId, input)] = { key, at: this.now() };
    return this.write(entries);
  }

  /** The request was answered: its key protects nothing any more. */
  forget(opId: string, input: unknown): Promise<void> {
    const entries = this.entries();
    const id = fingerprint(opId, input);
    if (!(id in entries)) return Promise.resolve();
    delete entries[id];
    return this.write(entries);
  }

  /** The unexpired, well-formed entries in storage (anything else there is ignored). */
  private entries(): Entries {
    const raw = this.storage.get(IDEMPOTENCY_STATE_KEY);
    const out: Entries = {};
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return out;
    const now = this.now();
    for (const [id, value] of Object.entries(raw as Record<string, unknown>)) {
      const e = value as Partial<Entry> | null;
      if (
        !/^[0-9a-f]{64}$/.test(id) ||
        !e ||
        typeof e.key !== 'string' ||
        !/^[\w-]{1,128}$/.test(e.key) ||
        typeof e.at !== 'number'
      )
        continue;
      if (now - e.at > KEEP_MS || e.at > now + KEEP_MS) continue;
      out[id] = { key: e.key, at: e.at };
    }
    return out;
  }

  private async write(entries: Entries): Promise<void> {
    const kept = Object.entries(entries)
      .sort((a, b) => b[1].at - a[1].at)
      .slice(0, MAX_ENTRIES);
    await this.storage.update(IDEMPOTENCY_STATE_KEY, kept.length ? Object.fromEntries(kept) : undefined);
  }
}

/**
 * Sends one creating request with its Idempotency-Key: `given`, else the key of an earlier
 * attempt with the same input whose answer was lost, else a new one. When this answer is lost
 * too (`codeOf` the error says it may have gone through) the key is kept for the next attempt;
 * once answered it is forgotten. What the pipeline does for every operation that creates.
 */
export async function sendWithIdempotencyKey<T>(
  keys: IdempotencyKeys,
  request: { opId: string; input: unknown; given?: string },
  send: (key: string) => Promise<T>,
  codeOf: (error: unknown) => string,
): Promise<{ data: T; key: string }> {
  const key = request.given ?? keys.keyFor(request.opId, request.input).key;
  let data: T;
  try {
    data = await send(key);
  } catch (e) {
    if (mayHaveGoneThrough(codeOf(e))) await keys.remember(request.opId, request.input, key);
    throw e;
  }
  await keys.forget(request.opId, request.input);
  return { data, key };
}

/** What identifies "the same request": a SHA-256 of the operation and its input. */
function fingerprint(opId: string, input: unknown): string {
  return createHash('sha256')
    .update(`${opId} ${JSON.stringify(input)}`, 'utf8')
    .digest('hex');
}
