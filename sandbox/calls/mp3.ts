/** A tiny valid MP3 (MPEG-1 Layer III, 44.1 kHz mono, 128 kbit/s frames of digital silence, about 1 second). */

let cached: Buffer | undefined;

export function silentMp3(): Buffer {
  if (cached) return cached;
  const FRAME_BYTES = 417; // 144 * 128000 / 44100, no padding
  const frames = 39;
  const buf = Buffer.alloc(FRAME_BYTES * frames);
  for (let i = 0; i < frames; i++) {
    // sync 0xFFF, MPEG-1, Layer III, no CRC | 128 kbit/s, 44.1 kHz, no padding | mono
    buf.writeUInt32BE(0xfffb90c0, i * FRAME_BYTES);
  }
  cached = buf;
  return buf;
}
