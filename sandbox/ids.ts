/** Identifiers: deterministic UUIDs for seed data, random ones for everything created later. */
import { createHash, randomUUID } from 'node:crypto';

/** A stable UUID-shaped id derived from a name (same name → same id on every start). */
export function seedId(name: string): string {
  const h = createHash('sha1').update(`kallyai-sandbox:${name}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function newId(): string {
  return randomUUID();
}

/** Round a credit amount to cents. */
export function credits(n: number): number {
  return Math.round(n * 100) / 100;
}
