/** Recordings and voicemails the sandbox makes itself: a WAV file (8 kHz, 8-bit mono PCM) as long
 *  as the call, with two alternating "voices" (soft tones shaped into syllables) so a player has
 *  something to play and its time moves; and the signed, expiring addresses the API hands out for
 *  them (no bearer token in any URL: the address carries its own HMAC, or the request a bearer). */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Sandbox } from '../context';

const RATE = 8000;
/** Longer calls are cut here (a 10-minute recording is 4.8 MB). */
export const MAX_AUDIO_SECONDS = 600;
const SIGNED_FOR_MS = 60 * 60_000;

export type MediaKind = 'recordings' | 'voicemails';

const cache = new Map<number, Buffer>();

/** A WAV file of `seconds` (rounded to 0.1 s, at least 1 s, at most MAX_AUDIO_SECONDS). */
export function conversationWav(seconds: number): Buffer {
  const length = Math.min(
    MAX_AUDIO_SECONDS,
    Math.max(1, Math.round((Number.isFinite(seconds) ? seconds : 1) * 10) / 10),
  );
  const cached = cache.get(length);
  if (cached) return cached;
  const samples = Math.round(length * RATE);
  const buf = Buffer.alloc(44 + samples);
  buf.write('RIFF', 0, 'ascii');
  buf.writeUInt32LE(36 + samples, 4);
  buf.write('WAVE', 8, 'ascii');
  buf.write('fmt ', 12, 'ascii');
  buf.writeUInt32LE(16, 16); // fmt chunk size
  buf.writeUInt16LE(1, 20); // PCM
  buf.writeUInt16LE(1, 22); // mono
  buf.writeUInt32LE(RATE, 24);
  buf.writeUInt32LE(RATE, 28); // bytes per second
  buf.writeUInt16LE(1, 32); // block align
  buf.writeUInt16LE(8, 34); // bits per sample
  buf.write('data', 36, 'ascii');
  buf.writeUInt32LE(samples, 40);
  for (let i = 0; i < samples; i++) {
    const t = i / RATE;
    // Turns of about 3 s, alternating between a lower and a higher voice, with syllables at ~4 Hz
    // and a short pause between turns.
    const turn = Math.floor(t / 3);
    const inTurn = t - turn * 3;
    const speaking = inTurn > 0.25;
    const pitch = turn % 2 === 0 ? 180 : 260;
    const syllable = Math.max(0, Math.sin(2 * Math.PI * 4 * inTurn));
    const amplitude = speaking ? 28 * syllable : 0;
    const wave = Math.sin(2 * Math.PI * pitch * t) + 0.35 * Math.sin(2 * Math.PI * pitch * 2 * t);
    buf[44 + i] = Math.max(0, Math.min(255, Math.round(128 + amplitude * wave)));
  }
  if (cache.size > 20) cache.clear();
  cache.set(length, buf);
  return buf;
}

const signature = (sb: Sandbox, kind: MediaKind, id: string, expires: number) =>
  createHmac('sha256', sb.state.auth.secret).update(`media:${kind}/${id}:${expires}`).digest('base64url');

/** The address of a recording or voicemail, signed for an hour. */
export function signedMediaUrl(sb: Sandbox, kind: MediaKind, id: string, now = Date.now()): string {
  const expires = Math.floor((now + SIGNED_FOR_MS) / 1000);
  return `${sb.baseUrl}/sandbox/media/${kind}/${encodeURIComponent(id)}.wav?expires=${expires}&signature=${signature(sb, kind, id, expires)}`;
}

/** True when the address's signature is this sandbox's and has not expired. */
export function validMediaSignature(
  sb: Sandbox,
  kind: MediaKind,
  id: string,
  expires: string | null,
  given: string | null,
  now = Date.now(),
): boolean {
  if (!expires || !given || !/^\d{1,12}$/.test(expires) || Number(expires) * 1000 < now) return false;
  const expected = Buffer.from(signature(sb, kind, id, Number(expires)));
  const actual = Buffer.from(given);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
