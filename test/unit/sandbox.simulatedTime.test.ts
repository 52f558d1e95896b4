/** Simulated calls under --time-scale keep their simulated duration but end in the past of the
 *  wall clock (a 90-second call at time scale 100 used to end 89 s in the future). */
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { type SandboxClient, eventually, openSandbox } from '../../sandbox/testing';

describe('simulated time stays in the past', () => {
  let c: SandboxClient;
  before(async () => {
    c = await openSandbox({ timeScale: 100 });
  });
  after(async () => {
    await c.close();
  });

  it('a call under --time-scale 100 ends now, not 90 simulated seconds in the future', async () => {
    const placed = await c.post('/v1/calls', {
      submission: {
        task_category: 'general',
        task_description: 'Ask about the opening hours.',
        respondent_phone: '+12015550100',
      },
      timezone: 'UTC',
    });
    const now = Date.now();
    assert.equal(placed.status, 201);
    assert.equal(placed.json.duration_seconds, 90.6, 'the simulated duration is kept');
    for (const at of [placed.json.ended_at, placed.json.metadata.ended_at, placed.json.created_at]) {
      assert.ok(Date.parse(at) <= now, `${at} is after ${new Date(now).toISOString()}`);
    }
    assert.ok(Date.parse(placed.json.created_at) <= Date.parse(placed.json.ended_at));
  });

  it('a stopped call too', async () => {
    const running = c.post('/v1/calls', {
      submission: {
        task_category: 'general',
        task_description: 'A long call to stop.',
        respondent_phone: '+12015550199',
      },
      timezone: 'UTC',
    });
    const id: string = await eventually(
      async () =>
        (await c.get('/v1/calls?limit=1')).json.calls.find((x: { status: string }) => x.status === 'in_progress')
          ?.call_id,
      'the long call to run',
    );
    // More than 10 simulated seconds pass on the sandbox's own clock: a 31.5-second call (the
    // no-answer number) placed after the long one has ended.
    const meanwhile = await c.post('/v1/calls', {
      submission: {
        task_category: 'general',
        task_description: 'A call that lets time pass.',
        respondent_phone: '+12015550101',
      },
      timezone: 'UTC',
    });
    assert.equal(meanwhile.json.duration_seconds, 31.5);
    const stopped = await c.post(`/v1/calls/${id}/stop`);
    await running;
    assert.equal(stopped.json.status, 'cancelled');
    assert.ok(stopped.json.duration_seconds > 10, 'simulated seconds passed');
    assert.ok(Date.parse(stopped.json.ended_at) <= Date.now());
  });
});
