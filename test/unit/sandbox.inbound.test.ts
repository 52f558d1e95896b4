/** The sandbox's receptionist: inbound calls that arrive live and end by themselves (completed, or
 *  with a voicemail left), the recordings and voicemails it generates (WAV as long as the call,
 *  behind a signature or the bearer token), and provisioning the very number picked. */
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { type SandboxClient, eventually, fetchResult, openSandbox } from '../../sandbox/testing';
import { checkPhoneNumber } from '../../src/api/validation/phone';

type Json = Record<string, unknown>;

describe('sandbox receptionist', () => {
  let c: SandboxClient;
  before(async () => {
    c = await openSandbox();
  });
  after(async () => {
    await c.close();
  });

  const inboundCall = async (id: string) => (await c.get(`/v1/inbound/calls/${id}`)).json as Json;

  it('POST /sandbox/inbound-call: KallyAI answers now, the call ends by itself after its real seconds with a summary', async () => {
    const r = await c.post('/sandbox/inbound-call', {
      caller_number: '+12015550137',
      duration_seconds: 1,
      outcome: 'completed',
    });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.status, 'active');
    assert.equal(r.json.caller_name, 'Northside Pharmacy');
    const active = await c.get('/v1/inbound/calls?status=active');
    assert.ok(
      active.json.calls.some((x: Json) => x.id === r.json.id),
      'listed as active',
    );
    const done = await eventually(
      async () => {
        const x = await inboundCall(r.json.id);
        return x.status === 'completed' ? x : undefined;
      },
      'the call to end',
      400,
    );
    assert.match(String(done.summary), /prescription is ready/);
    assert.ok(Number(done.duration_seconds) >= 0.9 && Number(done.duration_seconds) < 5, String(done.duration_seconds));
    const events = (await c.get('/v1/inbound/events')).json.events as Json[];
    assert.ok(
      events.some((e) => e.call_id === r.json.id && e.type === 'call.active') &&
        events.some((e) => e.call_id === r.json.id && e.type === 'call.completed'),
    );
  });

  it('a caller who leaves a voicemail: a new, unheard voicemail appears', async () => {
    const before = ((await c.get('/v1/inbound/voicemails')).json.voicemails as Json[]).length;
    const r = await c.post('/sandbox/inbound-call', {
      caller_number: '+12015550136',
      duration_seconds: 1,
      outcome: 'voicemail',
    });
    const voicemails = await eventually(
      async () => {
        const v = (await c.get('/v1/inbound/voicemails')).json.voicemails as Json[];
        return v.length > before ? v : undefined;
      },
      'the voicemail',
      400,
    );
    assert.equal(voicemails[0].caller_name, 'Jamie Chen');
    assert.equal(voicemails[0].listened, false);
    assert.equal((await inboundCall(r.json.id)).voicemail_id, voicemails[0].id);
  });

  it('a call taken over stays live until it ends, then says you took it over; a transferred one keeps its transfer', async () => {
    const a = await c.post('/sandbox/inbound-call', { duration_seconds: 1, outcome: 'voicemail' });
    assert.equal((await c.post(`/v1/inbound/calls/${a.json.id}/takeover`)).status, 200);
    assert.equal((await inboundCall(a.json.id)).status, 'active');
    const ended = await eventually(
      async () => {
        const x = await inboundCall(a.json.id);
        return x.status === 'completed' ? x : undefined;
      },
      'the taken-over call to end',
      400,
    );
    assert.match(String(ended.summary), /You took over/);
    const b = await c.post('/sandbox/inbound-call', { duration_seconds: 1 });
    await c.post(`/v1/inbound/calls/${b.json.id}/transfer`, { target_number: '+12015550177' });
    // Its own end (1 real second after it arrived) must not undo the transfer. A call of the same
    // length that arrives after it ends after it (timers of one length fire in order): once that
    // one has ended, so has the transferred call's timer.
    const later = await c.post('/sandbox/inbound-call', { duration_seconds: 1, outcome: 'completed' });
    await eventually(
      async () => ((await inboundCall(later.json.id)).status === 'completed' ? true : undefined),
      'a call that arrived after the transferred one to end',
      400,
    );
    assert.equal((await inboundCall(b.json.id)).transferred_to, '+12015550177');
  });

  it('refuses a malformed control request', async () => {
    for (const body of [{ caller_number: '555' }, { duration_seconds: 0 }, { outcome: 'busy' }, { caller_name: 5 }]) {
      const r = await c.post('/sandbox/inbound-call', body);
      assert.deepEqual([r.status, r.json.error.code], [400, 'invalid_control'], JSON.stringify(body));
    }
  });

  it('recordings and voicemails are WAV files as long as the call, behind a signature or the bearer token', async () => {
    const calls = (await c.get('/v1/inbound/calls?status=completed')).json.calls as Json[];
    const mom = calls.find((x) => x.caller_name === 'Mom')!;
    const rec = (await c.get(`/v1/inbound/calls/${mom.id}/recording`)).json;
    assert.equal(rec.format, 'wav');
    assert.doesNotMatch(rec.url, /token|Bearer/i);
    const signed = await fetch(rec.url);
    assert.equal(signed.status, 200);
    assert.equal(signed.headers.get('content-type'), 'audio/wav');
    const bytes = Buffer.from(await signed.arrayBuffer());
    assert.equal(bytes.toString('ascii', 0, 4), 'RIFF');
    assert.equal(bytes.toString('ascii', 8, 12), 'WAVE');
    const seconds = bytes.readUInt32LE(40) / bytes.readUInt32LE(28);
    assert.ok(
      Math.abs(seconds - Number(mom.duration_seconds)) < 0.1,
      `${seconds} s for a ${String(mom.duration_seconds)} s call`,
    );
    assert.ok(
      bytes.subarray(44).some((b) => Math.abs(b - 128) > 10),
      'not silence',
    );

    const unsigned = rec.url.replace(/\?.*$/, '');
    assert.equal((await fetchResult(unsigned)).status, 401, 'no signature and no token');
    assert.equal(
      (await fetchResult(`${unsigned}?expires=9999999999&signature=forged`)).status,
      401,
      'a forged signature',
    );
    const withToken = await fetch(unsigned, { headers: { authorization: `Bearer ${c.token}` } });
    assert.equal(withToken.status, 200, 'the bearer token is enough');

    const voicemail = ((await c.get('/v1/inbound/voicemails')).json.voicemails as Json[]).find(
      (v) => v.caller_name === 'ProPaint Co.',
    )!;
    const playback = (await c.get(`/v1/inbound/voicemails/${voicemail.id}/playback`)).json;
    const audio = Buffer.from(await (await fetch(playback.url)).arrayBuffer());
    assert.ok(Math.abs(audio.readUInt32LE(40) / 8000 - Number(voicemail.duration_seconds)) < 0.1);
    assert.equal(
      (await c.get(`/v1/inbound/voicemails/${voicemail.id}`)).json.listened,
      true,
      'playing it marks it heard',
    );
    assert.equal(
      (
        await fetchResult(`${c.url}/sandbox/media/voicemails/not-a-voicemail.wav`, {
          headers: { authorization: `Bearer ${c.token}` },
        })
      ).status,
      404,
    );
  });

  it('every supported country offers five different, valid numbers', async () => {
    const countries = (await c.get('/v1/phone-numbers/supported-countries')).json.countries as Json[];
    assert.ok(countries.length >= 6);
    for (const country of countries) {
      const numbers = (
        (await c.get(`/v1/phone-numbers/available?country=${String(country.code)}`)).json.numbers as Json[]
      ).map((n) => String(n.phone_number));
      assert.equal(new Set(numbers).size, 5, `${String(country.code)}: ${numbers.join(', ')}`);
      for (const n of numbers) assert.ok(checkPhoneNumber(n).ok, `${String(country.code)}: ${n} is not a valid number`);
    }
  });

  it('provisions the number picked from the available list, and says when it is gone', async () => {
    const offered = (await c.get('/v1/phone-numbers/available?country=US&area_code=312')).json.numbers as Json[];
    const wanted = String(offered[2].phone_number);
    const r = await c.post('/v1/phone-numbers/provision', { country: 'US', phone_number: wanted });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.phone_number, wanted);
    const again = await c.post('/v1/phone-numbers/provision', { country: 'US', phone_number: wanted });
    assert.equal(again.status, 409);
    assert.equal(again.json.error.code, 'number_not_available');
    const now = (await c.get('/v1/phone-numbers/available?country=US&area_code=312')).json.numbers as Json[];
    assert.ok(!now.some((n) => n.phone_number === wanted), 'a provisioned number is no longer offered');
  });
});
