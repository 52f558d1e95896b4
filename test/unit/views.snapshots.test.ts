/** The views' snapshots (src/views/snapshots.ts) keep no megabyte of service text in VS Code's
 *  global state: strings are cut, the shape is kept. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { boundedForSnapshot, Snapshots } from '../../src/views/snapshots';

describe('view snapshots', () => {
  it('cut long strings and keep the shape of the data', () => {
    const data = {
      calls: [{ id: 'c1', highlights: 'x'.repeat(1_000_000), duration_seconds: 90, ok: true, none: null }],
      total: 1,
    };
    const kept = boundedForSnapshot(data) as typeof data;
    assert.equal(kept.calls[0].highlights.length, 2000);
    assert.ok(kept.calls[0].highlights.endsWith('…'));
    assert.deepEqual({ ...kept.calls[0], highlights: '' }, { ...data.calls[0], highlights: '' });
    assert.equal(kept.total, 1);
  });

  it('write bounded data under the account, and forget it on sign-out', () => {
    const store = new Map<string, unknown>();
    const memento = {
      get: (k: string) => store.get(k),
      update: async (k: string, v: unknown) => {
        if (v === undefined) store.delete(k);
        else store.set(k, v);
      },
      keys: () => [...store.keys()],
    };
    const snapshots = new Snapshots(memento as never, () => 'acct');
    snapshots.write('calls', { summary: 'y'.repeat(50_000) });
    assert.ok(JSON.stringify(store.get('kallyai.snapshot.v1.acct.calls')).length < 2_100);
    assert.equal((snapshots.read<{ summary: string }>('calls')?.summary ?? '').length, 2000);
    snapshots.forget('acct');
    assert.equal(snapshots.read('calls'), undefined);
  });
});
