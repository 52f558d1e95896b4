/** The secrets this extension actually holds (access and refresh tokens), so that `redact` can
 *  mask them by value wherever a server echoes them: as a bare word, inside JSON, URL-encoded,
 *  in a query or a path. Patterns cannot know an opaque token such as `rt_…`; the registry
 *  does. The auth layer registers every token it holds and forgets them at sign-out. */

/** Shorter values are not masked: they would hide ordinary words and no real token is this short. */
const MIN_LENGTH = 8;

/** value → the forms it may take in text (itself, URL-encoded, form-encoded, JSON-escaped). */
const secrets = new Map<string, string[]>();
/** All forms, longest first (a form that contains another is replaced before it). */
let forms: string[] = [];

export function registerSecret(value: string | undefined | null): void {
  if (typeof value !== 'string' || value.length < MIN_LENGTH || secrets.has(value)) return;
  const variants = new Set([
    value,
    encodeURIComponent(value),
    new URLSearchParams({ v: value }).toString().slice(2),
    JSON.stringify(value).slice(1, -1),
    encodeURIComponent(encodeURIComponent(value)),
  ]);
  for (const v of [...variants]) if (v.includes('%')) variants.add(v.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()));
  secrets.set(value, [...variants]);
  rebuild();
}

export function forgetSecret(value: string | undefined | null): void {
  if (typeof value === 'string' && secrets.delete(value)) rebuild();
}

/** Forgets every registered value (tests, and a sign-out that ends everything). */
export function forgetAllSecrets(): void {
  secrets.clear();
  forms = [];
}

/** How many values are registered (for tests and diagnostics; never the values). */
export function secretCount(): number {
  return secrets.size;
}

/** `text` with every form of every registered value replaced by `mask`. */
export function maskSecrets(text: string, mask = '***'): string {
  let out = text;
  for (const form of forms) if (out.includes(form)) out = out.split(form).join(mask);
  return out;
}

function rebuild(): void {
  forms = [...new Set([...secrets.values()].flat())].sort((a, b) => b.length - a.length);
}
