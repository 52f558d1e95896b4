/** A small vCard (2.1, 3.0, 4.0) reader for what a contact import needs: the name (FN, else N),
 *  the phone numbers (TEL, the preferred or mobile one first; `tel:` URIs too), the note, and
 *  whether the card is marked VIP (CATEGORIES containing VIP, or X-VIP). Folded lines, escaped
 *  text and quoted-printable values are understood. A card that never ends is an error naming its
 *  line. No `vscode`. */

import { FileFormatError } from './fileFormatError';

export interface VcardEntry {
  /** The line the card begins on (1-based). */
  readonly line: number;
  readonly name?: string;
  /** Numbers in preference order. */
  readonly phones: readonly string[];
  readonly notes?: string;
  readonly vip?: boolean;
}

interface Property {
  name: string;
  params: Map<string, string[]>;
  value: string;
  line: number;
}

/** Unfolds continuation lines (RFC 6350 §3.2) and quoted-printable soft breaks; keeps line numbers.
 *  Whether a line is quoted-printable is read once, from its name and parameters (the text before
 *  its first ':'), not again for each soft break: a long value has thousands. */
function logicalLines(text: string): Array<{ text: string; line: number }> {
  const physical = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const out: Array<{ text: string; line: number; quotedPrintable?: boolean }> = [];
  const isQuotedPrintable = (l: { text: string; quotedPrintable?: boolean }) => {
    if (l.quotedPrintable === undefined) {
      const colon = l.text.indexOf(':');
      if (colon < 0) return false;
      l.quotedPrintable = /ENCODING=QUOTED-PRINTABLE/i.test(l.text.slice(0, colon));
    }
    return l.quotedPrintable;
  };
  physical.forEach((raw, i) => {
    const last = out.at(-1);
    if (last && /^[ \t]/.test(raw)) {
      last.text += raw.slice(1);
      return;
    }
    if (last && last.text.endsWith('=') && isQuotedPrintable(last)) {
      last.text = last.text.slice(0, -1) + raw;
      return;
    }
    out.push({ text: raw, line: i + 1 });
  });
  return out.filter((l) => l.text.trim() !== '');
}

function parseProperty(text: string, line: number): Property | undefined {
  // The value starts at the first ':' that is not inside a quoted parameter value.
  let quoted = false;
  let colon = -1;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '"') quoted = !quoted;
    else if (text[i] === ':' && !quoted) {
      colon = i;
      break;
    }
  }
  if (colon < 0) return undefined;
  const [rawName, ...rawParams] = text.slice(0, colon).split(';');
  const name = rawName.replace(/^.*\./, '').toUpperCase();
  const params = new Map<string, string[]>();
  for (const p of rawParams) {
    const eq = p.indexOf('=');
    // vCard 2.1 writes bare types: TEL;CELL;PREF:…
    const key = (eq < 0 ? 'TYPE' : p.slice(0, eq)).toUpperCase();
    const values = (eq < 0 ? p : p.slice(eq + 1))
      .replace(/^"|"$/g, '')
      .split(',')
      .map((v) => v.trim().toUpperCase())
      .filter(Boolean);
    params.set(key, [...(params.get(key) ?? []), ...values]);
  }
  let value = text.slice(colon + 1);
  if (params.get('ENCODING')?.includes('QUOTED-PRINTABLE'))
    value = decodeQuotedPrintable(value, params.get('CHARSET')?.[0]);
  return { name, params, value, line };
}

function decodeQuotedPrintable(value: string, charset = 'UTF-8'): string {
  const bytes: number[] = [];
  for (let i = 0; i < value.length; i++) {
    if (value[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(value.slice(i + 1, i + 3))) {
      bytes.push(parseInt(value.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(value.charCodeAt(i) & 0xff);
    }
  }
  try {
    return new TextDecoder(charset.toLowerCase()).decode(new Uint8Array(bytes));
  } catch {
    return new TextDecoder('utf-8').decode(new Uint8Array(bytes));
  }
}

/** `\n`, `\,`, `\;`, `\\` in text values. */
const unescapeText = (v: string) => v.replace(/\\([nN,;\\])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));

/** The components of a structured value (N): split on unescaped ';'. */
const components = (v: string) => v.split(/(?<!\\);/).map((p) => unescapeText(p).trim());

function phoneRank(p: Property): number {
  const types = [...(p.params.get('TYPE') ?? []), ...(p.params.has('PREF') ? ['PREF'] : [])];
  if (types.includes('PREF')) return 0;
  if (types.includes('CELL') || types.includes('MOBILE') || types.includes('IPHONE')) return 1;
  if (types.includes('FAX') || types.includes('PAGER')) return 9;
  return 2;
}

export function parseVcards(text: string): VcardEntry[] {
  const entries: VcardEntry[] = [];
  let card: Property[] | undefined;
  let began = 0;
  for (const { text: l, line } of logicalLines(text)) {
    const upper = l.trim().toUpperCase();
    if (upper === 'BEGIN:VCARD') {
      if (card)
        throw new FileFormatError('vcard', began, `Line ${began}: a card that never ends (END:VCARD is missing).`);
      card = [];
      began = line;
      continue;
    }
    if (upper === 'END:VCARD') {
      if (!card) throw new FileFormatError('vcard', line, `Line ${line}: END:VCARD without BEGIN:VCARD.`);
      entries.push(entryOf(card, began));
      card = undefined;
      continue;
    }
    if (!card) continue;
    const p = parseProperty(l, line);
    if (p) card.push(p);
  }
  if (card) throw new FileFormatError('vcard', began, `Line ${began}: a card that never ends (END:VCARD is missing).`);
  return entries;
}

function entryOf(props: Property[], line: number): VcardEntry {
  const first = (name: string) => props.find((p) => p.name === name);
  const fn = first('FN');
  let name = fn ? unescapeText(fn.value).trim() : '';
  if (!name) {
    const n = first('N');
    if (n) {
      const [family = '', given = '', additional = '', prefix = '', suffix = ''] = components(n.value);
      name = [prefix, given, additional, family, suffix].filter(Boolean).join(' ');
    }
  }
  if (!name)
    name = unescapeText(first('ORG')?.value ?? '')
      .split(';')[0]
      .trim();
  const phones = props
    .filter((p) => p.name === 'TEL')
    .sort((a, b) => phoneRank(a) - phoneRank(b))
    .map((p) => p.value.replace(/^tel:/i, '').split(';', 1)[0].trim())
    .filter(Boolean);
  const note = first('NOTE');
  const categories = props
    .filter((p) => p.name === 'CATEGORIES')
    .flatMap((p) => p.value.split(',').map((c) => unescapeText(c).trim().toUpperCase()));
  const xVip = props.find((p) => p.name === 'X-VIP' || p.name === 'X-KALLYAI-VIP');
  const vip = categories.includes('VIP') || (xVip ? /^(1|true|yes)$/i.test(xVip.value.trim()) : undefined);
  return {
    line,
    name: name || undefined,
    phones,
    notes: note ? unescapeText(note.value).trim() || undefined : undefined,
    vip: vip || undefined,
  };
}
