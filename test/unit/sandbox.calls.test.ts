import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { type SandboxClient, eventually, fetchResult, openSandbox } from '../../sandbox/testing';

const TZ = 'America/New_York';
function futureDate(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}
function callBody(submission: Record<string, unknown>) {
  return {
    submission: {
      task_category: 'general',
      task_description: 'Ask whether they are open on Sunday.',
      language: 'en',
      call_language: 'en',
      ...submission,
    },
    timezone: TZ,
  };
}

describe('sandbox calls', () => {
  let c: SandboxClient;
  // 1000× faster: a 90-second call takes 90 ms, the 10-minute one 0.6 s.
  before(async () => {
    c = await openSandbox({ timeScale: 1000 });
  });
  after(async () => {
    await c.close();
  });

  it('each test number ends with its documented status, 201 and a full call object', async () => {
    const expected: Record<string, string> = {
      '+12015550100': 'success',
      '+12015550101': 'no_answer',
      '+12015550102': 'busy',
      '+12015550103': 'voicemail',
      '+12015550104': 'failed',
      '+12015550105': 'terminated',
      '+12015550199': 'success',
      '+442079460123': 'success',
    };
    for (const [phone, status] of Object.entries(expected)) {
      const res = await c.post('/v1/calls', callBody({ respondent_phone: phone, business_name: 'Corner Shop' }));
      assert.equal(res.status, 201, phone);
      assert.equal(res.json.status, status, phone);
      assert.equal(typeof res.json.call_id, 'string');
      assert.equal(typeof res.json.duration_seconds, 'number');
      assert.equal(typeof res.json.highlights, 'string');
      assert.ok(res.json.metadata.created_at && res.json.metadata.ended_at);
      assert.equal(res.json.submission.respondent_phone, phone);
    }
    const long = (await c.get('/v1/calls?limit=10')).json.calls.find((x: { to: string }) => x.to === '+12015550199');
    assert.ok(long.duration_seconds >= 600);
  });

  it('each refusal code, before any call is placed', async () => {
    const cases: [Record<string, unknown>, number, string][] = [
      [{ respondent_phone: undefined }, 422, 'missing_phone_number'],
      [{ respondent_phone: 'not a number' }, 422, 'missing_phone_number'],
      [{ respondent_phone: '911' }, 422, 'emergency_number'],
      [{ respondent_phone: '112' }, 422, 'emergency_number'],
      [{ respondent_phone: '+1911' }, 422, 'emergency_number'],
      [{ respondent_phone: '+34112' }, 422, 'emergency_number'],
      [{ respondent_phone: '+19005550100' }, 422, 'toll_number'],
      [{ respondent_phone: '+8613800138000' }, 403, 'unsupported_country'],
      [{ respondent_phone: '+79161234567' }, 403, 'country_restriction'],
      [{ respondent_phone: '+12015550142' }, 403, 'blocked_number'],
      [{ respondent_phone: '+12015550143' }, 403, 'suppression_violation'],
      [{ respondent_phone: '+12015550100', task_description: 'Threaten them [unsafe]' }, 422, 'safety_violation'],
      [{ respondent_phone: '+12015550100', language: 'fr' }, 422, 'unsupported_language'],
      [{ respondent_phone: '+12015550100', call_language: 'de' }, 422, 'unsupported_language'],
      [{ respondent_phone: '+12015550100', appointment_date: '2020-01-01' }, 422, 'scheduling_violation'],
      [{ respondent_phone: '+12015550100', appointment_time: '25:00' }, 422, 'scheduling_violation'],
    ];
    const before = (await c.get('/v1/calls')).json.total;
    for (const [sub, status, code] of cases) {
      const res = await c.post('/v1/calls', callBody(sub));
      assert.equal(res.status, status, code);
      assert.equal(res.json.error.code, code);
      assert.ok(res.json.error.message.length > 0);
      assert.match(res.json.error.correlation_id, /^sbx-/);
    }
    assert.equal((await c.get('/v1/calls')).json.total, before);
  });

  it('402 quota_exceeded when credits run out; credits_used is deducted at the end', async () => {
    await c.post('/sandbox/credits', { remaining: 0.5 });
    const refused = await c.post('/v1/calls', callBody({ respondent_phone: '+12015550100' }));
    assert.equal(refused.status, 402);
    assert.equal(refused.json.error.code, 'quota_exceeded');
    await c.post('/sandbox/credits', { remaining: 50 });
    const placed = await c.post('/v1/calls', callBody({ respondent_phone: '+12015550100' }));
    assert.equal(placed.json.credits_used, 1.2);
    assert.equal((await c.get('/v1/credits/balance')).json.credits_remaining, 48.8);
    const history = (await c.get('/v1/credits/history?limit=1')).json.entries[0];
    assert.equal(history.type, 'call');
    assert.equal(history.credits, -1.2);
  });

  it('a restaurant call has a transcript, a recording and a calendar event that fit it', async () => {
    const date = futureDate(4);
    const res = await c.post(
      '/v1/calls',
      callBody({
        task_category: 'restaurant',
        task_description: 'Book a table for 6.',
        respondent_phone: '+12015550100',
        business_name: 'Casa Pepe',
        party_size: 6,
        appointment_date: date,
        appointment_time: '21:15',
        user_name: 'Ana',
      }),
    );
    assert.match(res.json.highlights, /Table booked for 6 at Casa Pepe .* at 9:15 PM under the name Ana/);
    const t = await c.get(`/v1/calls/${res.json.call_id}/transcript`);
    assert.equal(t.status, 200);
    const entries = t.json.entries as { speaker: string; content: string; timestamp: string }[];
    assert.ok(entries.length >= 6 && entries.length <= 12);
    assert.ok(
      entries.every((e) => (e.speaker === 'AI' || e.speaker === 'HUMAN') && /^\d\d:\d\d:\d\d$/.test(e.timestamp)),
    );
    const text = entries.map((e) => e.content).join(' ');
    assert.match(text, /Casa Pepe/);
    assert.match(text, /for 6/);
    assert.match(text, /9:15 PM/);
    const rec = await c.get(`/v1/calls/${res.json.call_id}/recording`);
    assert.equal(rec.json.format, 'wav');
    const audio = await fetch(rec.json.url);
    assert.equal(audio.headers.get('content-type'), 'audio/wav');
    const bytes = Buffer.from(await audio.arrayBuffer());
    assert.equal(bytes.toString('ascii', 0, 4), 'RIFF');
    // As long as the call: data bytes / bytes per second.
    assert.ok(Math.abs(bytes.readUInt32LE(40) / bytes.readUInt32LE(28) - rec.json.duration_seconds) < 0.1);
    const ics = await c.get(`/v1/calls/${res.json.call_id}/calendar.ics`);
    assert.match(ics.headers.get('content-type') ?? '', /text\/calendar/);
    assert.match(ics.text, /^BEGIN:VCALENDAR\r\n/);
    assert.match(
      ics.text,
      /BEGIN:VEVENT[\s\S]*DTSTART:\d{8}T\d{6}Z[\s\S]*SUMMARY:Table for 6 at Casa Pepe[\s\S]*END:VEVENT\r\nEND:VCALENDAR\r\n$/,
    );
  });

  it('clinic, hotel and general calls get outcomes that fit the category', async () => {
    const clinic = await c.post(
      '/v1/calls',
      callBody({
        task_category: 'clinic',
        task_description: 'Book a check-up.',
        respondent_phone: '+12015550100',
        business_name: 'Dr. Lee',
        appointment_date: futureDate(3),
        appointment_time: '10:00',
      }),
    );
    assert.match(clinic.json.highlights, /Appointment confirmed at Dr. Lee/);
    const hotel = await c.post(
      '/v1/calls',
      callBody({
        task_category: 'hotel',
        task_description: 'Ask for a room.',
        respondent_phone: '+12015550100',
        business_name: 'Hotel Sol',
      }),
    );
    assert.match(hotel.json.highlights, /Hotel Sol has rooms available.*\$189/);
    const general = await c.post(
      '/v1/calls',
      callBody({
        task_description: 'How much does a haircut cost?',
        respondent_phone: '+12015550100',
        business_name: 'Barber Joe',
      }),
    );
    assert.match(general.json.highlights, /Barber Joe answered: the price is \$45/);
    const noAnswer = await c.post('/v1/calls', callBody({ respondent_phone: '+12015550101' }));
    assert.equal(
      (await c.get(`/v1/calls/${noAnswer.json.call_id}/transcript`)).json.error.code,
      'transcript_not_found',
    );
    assert.equal((await c.get(`/v1/calls/${noAnswer.json.call_id}/recording`)).json.error.code, 'recording_not_found');
    assert.equal((await c.get('/v1/calls/00000000-0000-4000-8000-000000000000')).json.error.code, 'call_not_found');
  });

  it('Idempotency-Key: a retry while the call runs waits for the same call; one call is placed', async () => {
    const key = `test-${Date.now()}`;
    const body = callBody({ respondent_phone: '+12015550199', task_description: `Idempotency check ${key}` });
    const first = c.post('/v1/calls', body, { 'idempotency-key': key });
    await eventually(
      async () =>
        (await c.get('/v1/calls?limit=5')).json.calls.find(
          (x: { submission: { task_description: string }; status: string }) =>
            x.submission.task_description.endsWith(key) && x.status === 'in_progress',
        ),
      'the call to run',
    );
    const second = c.post('/v1/calls', body, { 'idempotency-key': key });
    const [a, b] = await Promise.all([first, second]);
    assert.equal(a.status, 201);
    assert.equal(b.status, 201);
    assert.equal(a.json.call_id, b.json.call_id);
    assert.equal(b.json.status, 'success');
    const third = await c.post('/v1/calls', body, { 'idempotency-key': key });
    assert.equal(third.json.call_id, a.json.call_id);
    const state = (await c.get('/sandbox/state')).json;
    assert.equal(
      state.calls.filter((x: { submission: { task_description: string } }) =>
        x.submission.task_description.endsWith(key),
      ).length,
      1,
    );
  });

  it('paging: newest first, limit 1–200 (default 50), offset', async () => {
    const all = await c.get('/v1/calls');
    assert.equal(all.json.calls.length, Math.min(50, all.json.total));
    const page = await c.get('/v1/calls?limit=3&offset=2');
    assert.deepEqual(
      page.json.calls.map((x: { call_id: string }) => x.call_id),
      all.json.calls.slice(2, 5).map((x: { call_id: string }) => x.call_id),
    );
    const created = all.json.calls.map((x: { created_at: string }) => x.created_at);
    assert.deepEqual(created, [...created].sort().reverse());
    assert.equal((await c.get('/v1/calls?limit=0')).status, 422);
    assert.equal((await c.get('/v1/calls?limit=201')).status, 422);
  });

  it('scheduled calls: cancel, reschedule (validated); a finished call cannot be cancelled', async () => {
    const scheduled = (await c.get('/v1/calls?limit=200')).json.calls.filter(
      (x: { status: string }) => x.status === 'scheduled',
    );
    assert.equal(scheduled.length, 2);
    const [one, two] = scheduled;
    assert.equal(
      (await c.post(`/v1/calls/${one.call_id}/reschedule`, { date: '2020-01-01' })).json.error.code,
      'scheduling_violation',
    );
    assert.equal(
      (await c.post(`/v1/calls/${one.call_id}/reschedule`, { time: '9am' })).json.error.code,
      'scheduling_violation',
    );
    const moved = await c.post(`/v1/calls/${one.call_id}/reschedule`, { date: futureDate(20), time: '11:45' });
    assert.equal(moved.status, 200);
    assert.equal(moved.json.scheduled_for.slice(0, 10), futureDate(20));
    const cancelled = await c.post(`/v1/calls/${two.call_id}/cancel`);
    assert.equal(cancelled.json.status, 'cancelled');
    assert.equal((await c.post(`/v1/calls/${two.call_id}/cancel`)).status, 409);
    assert.equal((await c.post(`/v1/calls/${two.call_id}/stop`)).json.error.code, 'call_not_active');
  });
});

describe('sandbox live calls', () => {
  let c: SandboxClient;
  // 100× faster: the 10-minute call runs for 6 s of real time unless stopped, a 90-second one for 0.9 s.
  before(async () => {
    c = await openSandbox({ timeScale: 100 });
  });
  after(async () => {
    await c.close();
  });

  it('a running call shows in the list as in_progress; stop ends it cancelled and the blocked POST answers', async () => {
    const placing = c.post('/v1/calls', callBody({ respondent_phone: '+12015550199', business_name: 'Slow Line' }));
    const running = await eventually(async () => {
      const first = (await c.get('/v1/calls?limit=1')).json.calls[0];
      return first?.business_name === 'Slow Line' && first.status === 'in_progress' ? first : undefined;
    }, 'the call to show as running');
    assert.equal((await c.get(`/v1/calls/${running.call_id}`)).json.status, 'in_progress');
    assert.equal((await c.get(`/v1/calls/${running.call_id}/transcript`)).json.error.code, 'transcript_not_found');
    assert.equal((await c.post(`/v1/calls/${running.call_id}/cancel`)).status, 409);
    const stopped = await c.post(`/v1/calls/${running.call_id}/stop`);
    assert.equal(stopped.status, 200);
    assert.equal(stopped.json.status, 'cancelled');
    const answered = await placing;
    assert.equal(answered.status, 201);
    assert.equal(answered.json.call_id, running.call_id);
    assert.equal(answered.json.status, 'cancelled');
  });

  it('the call completes even when the client closes the connection of the blocked POST', async () => {
    const ctrl = new AbortController();
    const placing = c.request('POST', '/v1/calls', {
      body: callBody({ respondent_phone: '+12015550100', business_name: 'Gone Client' }),
      signal: ctrl.signal,
    });
    const running = await eventually(async () => {
      const first = (await c.get('/v1/calls?limit=1')).json.calls[0];
      return first?.business_name === 'Gone Client' && first.status === 'in_progress' ? first : undefined;
    }, 'the call to run');
    ctrl.abort();
    await assert.rejects(placing);
    const done = await eventually(
      async () => {
        const call = (await c.get(`/v1/calls/${running.call_id}`)).json;
        return call.status === 'in_progress' ? undefined : call;
      },
      'the call to end',
      2000,
    );
    assert.equal(done.status, 'success');
    assert.equal(done.credits_used, 1.2);
  });
});

describe('sandbox call list performance shape', () => {
  it('seed-calls adds 10,000 calls and GET /v1/calls?limit=200 pages them', async () => {
    const c = await openSandbox({ empty: true });
    try {
      const seeded = await c.post('/sandbox/seed-calls', { count: 10_000 });
      assert.equal(seeded.json.total, 10_000);
      const page = await c.get('/v1/calls?limit=200&offset=9900');
      assert.equal(page.json.calls.length, 100);
      assert.equal(page.json.total, 10_000);
      const head = await fetchResult(`${c.url}/v1/calls?limit=200`, {
        headers: { authorization: `Bearer ${c.token}` },
      });
      assert.equal(head.json.calls.length, 200);
    } finally {
      await c.close();
    }
  });
});
