/** Retry survives a reload: the Idempotency-Key of a create whose answer was lost is kept in a
 *  storage that outlives the window (globalState in the extension), as a SHA-256 of the request
 *  (never the phone number or the task), for the service's 30 minutes. Against the sandbox over
 *  real HTTP: the answer of POST /v1/calls is lost, the window "reloads" (a new IdempotencyKeys
 *  over the same storage), the person retries — and the sandbox has placed 1 call, not 2.
 *  Plain Node: the same function the pipeline sends every creating request through. */
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ops } from '../../src/api/catalogue';
import { KallyApiError } from '../../src/api/errors';
import {
  IDEMPOTENCY_STATE_KEY,
  IdempotencyKeys,
  KEEP_MS,
  MemoryKeyStorage,
  mayHaveGoneThrough,
  sendWithIdempotencyKey,
} from '../../src/pipeline/idempotency';
import {
  addFault,
  clearFaults,
  clearRequests,
  client,
  control,
  requests,
  sandbox,
  type SandboxHandle,
} from './api.helpers';

const PHONE = '+12015550102';
const input = (description: string) => ({
  body: {
    submission: { task_category: 'general' as const, task_description: description, respondent_phone: PHONE },
    timezone: 'UTC',
  },
});

describe('the kept Idempotency-Keys', () => {
  let now = 1_750_000_000_000;
  const clock = () => now;

  it("a lost attempt's key comes back for the same input only; an answered one is forgotten", async () => {
    const keys = new IdempotencyKeys(new MemoryKeyStorage(), clock);
    const first = keys.keyFor('calls.create', input('Book a table'));
    assert.equal(first.reused, false);
    assert.notEqual(
      keys.keyFor('calls.create', input('Book a table')).key,
      first.key,
      'nothing kept yet: a new key each time',
    );
    await keys.remember('calls.create', input('Book a table'), first.key);
    assert.deepEqual(keys.keyFor('calls.create', input('Book a table')), { key: first.key, reused: true });
    assert.equal(keys.keyFor('calls.create', input('Book a table for two')).reused, false, 'another input');
    assert.equal(keys.keyFor('outreach.create', input('Book a table')).reused, false, 'another operation');
    await keys.forget('calls.create', input('Book a table'));
    assert.equal(keys.keyFor('calls.create', input('Book a table')).reused, false);
  });

  it('survives a reload: a new IdempotencyKeys over the same storage finds the key', async () => {
    const storage = new MemoryKeyStorage();
    await new IdempotencyKeys(storage, clock).remember('calls.create', input('Ask about Sunday'), 'key-before-reload');
    assert.deepEqual(new IdempotencyKeys(storage, clock).keyFor('calls.create', input('Ask about Sunday')), {
      key: 'key-before-reload',
      reused: true,
    });
  });

  it('keeps a SHA-256 of the request, the key and the time: no phone number, no task, no input', async () => {
    const storage = new MemoryKeyStorage();
    await new IdempotencyKeys(storage, clock).remember(
      'calls.create',
      input('Tell Dr. Ruiz my results are ready'),
      'k-1',
    );
    const stored = storage.get(IDEMPOTENCY_STATE_KEY) as Record<string, unknown>;
    const text = JSON.stringify(stored);
    assert.ok(!text.includes('2015550102') && !text.includes('Ruiz') && !text.includes('calls.create'), text);
    assert.equal(Object.keys(stored).length, 1);
    assert.match(Object.keys(stored)[0], /^[0-9a-f]{64}$/);
    assert.deepEqual(Object.values(stored)[0], { key: 'k-1', at: now });
  });

  it("expires with the service's 30-minute window", async () => {
    const storage = new MemoryKeyStorage();
    const keys = new IdempotencyKeys(storage, clock);
    await keys.remember('calls.create', input('Late retry'), 'k-late');
    now += KEEP_MS;
    assert.equal(keys.keyFor('calls.create', input('Late retry')).key, 'k-late', 'still within 30 minutes');
    now += 1;
    assert.equal(keys.keyFor('calls.create', input('Late retry')).reused, false, 'past 30 minutes: a new key');
    await keys.remember('calls.create', input('Another'), 'k-2');
    assert.deepEqual(
      Object.values(storage.get(IDEMPOTENCY_STATE_KEY) as object).map((e: { key: string }) => e.key),
      ['k-2'],
      'expired entries are dropped on the next write',
    );
  });

  it('ignores what is not its own in storage, and keeps at most 200 entries', async () => {
    const storage = new MemoryKeyStorage();
    await storage.update(IDEMPOTENCY_STATE_KEY, {
      nothex: { key: 'x', at: now },
      ['a'.repeat(64)]: { key: 'has space', at: now },
      ['b'.repeat(64)]: 'str',
    });
    const keys = new IdempotencyKeys(storage, clock);
    assert.equal(keys.keyFor('calls.create', {}).reused, false);
    await storage.update(IDEMPOTENCY_STATE_KEY, ['not', 'an', 'object']);
    assert.equal(keys.keyFor('calls.create', {}).reused, false);
    for (let i = 0; i < 230; i++) {
      now += 1;
      await keys.remember('calls.create', input(`Task ${i}`), `k-${i}`);
    }
    assert.equal(Object.keys(storage.get(IDEMPOTENCY_STATE_KEY) as object).length, 200);
    assert.equal(keys.keyFor('calls.create', input('Task 229')).key, 'k-229', 'the newest are kept');
    assert.equal(keys.keyFor('calls.create', input('Task 0')).reused, false, 'the oldest went');
  });
});

describe('Retry after a reload, against the sandbox: 1 call, not 2', () => {
  let sb: SandboxHandle;
  before(async () => {
    sb = await sandbox();
  });
  after(async () => {
    await sb.close();
  });
  beforeEach(async () => {
    await clearFaults(sb);
    await clearRequests(sb);
  });

  const codeOf = (e: unknown) => (e instanceof KallyApiError ? e.code : 'unexpected');
  const callsWith = async (description: string) => {
    const state = await control<{ calls: Array<{ submission: { task_description: string } }> }>(
      sb,
      'GET',
      '/sandbox/state',
    );
    return state.calls.filter((c) => c.submission.task_description === description).length;
  };

  /** Places the call; the sandbox places it and loses every answer (the client's own retries too). */
  async function placeAndLoseTheAnswer(keys: IdempotencyKeys, description: string): Promise<void> {
    await addFault(sb, { path: '^/v1/calls$', method: 'POST', dropResponse: true, count: 10 });
    const c = client(sb, { retry: { retries: 1, baseDelayMs: 10, maxDelayMs: 20 } });
    const lost = await sendWithIdempotencyKey(
      keys,
      { opId: ops.calls.create.id, input: input(description) },
      (key) => c.execute(ops.calls.create, input(description), { idempotencyKey: key }),
      codeOf,
    ).then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(lost instanceof KallyApiError && mayHaveGoneThrough(lost.code), `the answer was lost: ${String(lost)}`);
    await clearFaults(sb);
  }

  async function retry(keys: IdempotencyKeys, description: string): Promise<string> {
    const c = client(sb);
    const { data, key } = await sendWithIdempotencyKey(
      keys,
      { opId: ops.calls.create.id, input: input(description) },
      (k) => c.execute(ops.calls.create, input(description), { idempotencyKey: k }),
      codeOf,
    );
    assert.equal(typeof data.call_id, 'string');
    return key;
  }

  it("the lost attempt's key is kept in storage; after the reload the Retry re-sends it and the sandbox answers with the call it placed", async () => {
    const description = 'Reload test: ask whether they deliver on Sundays';
    const globalState = new MemoryKeyStorage(); // outlives the window, as context.globalState does
    await placeAndLoseTheAnswer(new IdempotencyKeys(globalState), description);
    assert.equal(await callsWith(description), 1, 'the call was placed although its answer was lost');
    const lostKeys = new Set(
      (await requests(sb, { method: 'POST', path: '/v1/calls' })).map((r) => r.headers['idempotency-key']),
    );
    assert.equal(lostKeys.size, 1, "one key for the attempt and the client's own retry");

    await clearRequests(sb);
    const afterReload = new IdempotencyKeys(globalState); // the window reloaded: nothing in memory
    const sent = await retry(afterReload, description);
    assert.equal(sent, [...lostKeys][0], "the Retry sends the lost attempt's key");
    assert.equal(await callsWith(description), 1, '1 call, not 2');
    assert.equal(
      afterReload.keyFor(ops.calls.create.id, input(description)).reused,
      false,
      'answered: the key is forgotten',
    );
  });

  it('without the kept key (a key only in memory, lost with the reload) the same Retry places a second call', async () => {
    const description = 'Reload test: the same retry with nothing kept';
    await placeAndLoseTheAnswer(new IdempotencyKeys(new MemoryKeyStorage()), description);
    await retry(new IdempotencyKeys(new MemoryKeyStorage()), description);
    assert.equal(await callsWith(description), 2, 'what the kept key prevents');
  });
});
