/** The one module that makes text fit for where it is shown. Every string that reaches a person
 *  outside a webview — ours, with the service's values filled in — passes through one of these
 *  forms, and each VS Code surface takes only its own form (src/platform/notify.ts, the views'
 *  `makeItem`, the input steps, the pages' tab titles, the chat answer, the save dialog):
 *
 *  | form               | where                                     | what it guarantees                                  |
 *  |--------------------|-------------------------------------------|-----------------------------------------------------|
 *  | `NotificationText` | toasts, progress titles                   | no link forms from the text (only our own command   |
 *  |                    |                                           | links, notificationWithActions); one line; capped   |
 *  | `PlainText`        | tree labels, descriptions, tooltips,      | one line (or lines for a modal's detail); capped    |
 *  |                    | modals, tab titles                        |                                                     |
 *  | `PickText`         | quick picks, status-bar messages          | plain, and `$(…)` shows as text, not an icon        |
 *  | `FileName`         | the save dialog's suggested name          | letters, digits, `-`, `_`, `.` and spaces only      |
 *  | `ChatMarkdown`     | @kallyai answers                          | escaped Markdown with no link from service text     |
 *
 *  Every form drops the characters that change how text around them reads without being seen —
 *  bidirectional overrides, embeddings and isolates, right-to-left marks, zero-width and other
 *  invisible format characters, tag characters, control characters — and, where the text holds
 *  right-to-left letters, keeps phone numbers and email addresses left-to-right with a mark on each
 *  side (a person must read the number they approve as it is). Webviews have their own escaping
 *  (html.ts); Markdown documents theirs (markdown.ts). Every function here is one linear pass.
 *  No `vscode` import. */

declare const formBrand: unique symbol;
type Form<K extends string> = string & { readonly [formBrand]: K };

export type NotificationText = Form<'notification'>;
export type PlainText = Form<'plain'>;
export type PickText = Form<'pick'>;
export type FileName = Form<'fileName'>;
export type ChatMarkdown = Form<'chatMarkdown'>;

/** How long each form may be (characters; longer text ends with "…"). */
export const LIMITS = {
  notification: 400,
  label: 200,
  description: 300,
  tooltip: 2000,
  modalLine: 300,
  modalDetail: 2000,
  tabTitle: 60,
  pick: 300,
  fileName: 80,
} as const;

/** Left-to-right mark: a strong left-to-right character, invisible. */
const LRM = '\u200e';

/** Code points that may never reach a person outside a webview: C0 controls but tab and newline,
 *  DEL and C1, the soft hyphen, the Arabic letter mark, the Mongolian vowel separator, zero-width
 *  space, the right-to-left mark, line/paragraph separators, bidi embeddings/overrides (U+202A–E),
 *  word joiner, invisible operators and bidi isolates (U+2060–206F), the byte-order mark,
 *  interlinear annotations, and tag characters (U+E0000–E007F). The left-to-right mark stays: it
 *  can only make text read left to right, as the workbench does anyway, and the forms add it. */
export function isInvisible(cp: number): boolean {
  if (cp < 0x20) return cp !== 0x09 && cp !== 0x0a;
  if (cp < 0x7f) return false;
  if (cp <= 0x9f) return true;
  if (cp < 0x00ad) return false;
  return cp === 0x00ad || cp === 0x061c || cp === 0x180e || cp === 0x200b || cp === 0x200f
    || cp === 0x2028 || cp === 0x2029 || (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2060 && cp <= 0x206f)
    || cp === 0xfeff || (cp >= 0xfff9 && cp <= 0xfffb) || (cp >= 0xe0000 && cp <= 0xe007f);
}

/** Strong right-to-left letters (Hebrew, Arabic, Syriac, Thaana, N'Ko and their blocks). */
function isRtl(cp: number): boolean {
  return (cp >= 0x0590 && cp <= 0x08ff) || (cp >= 0xfb1d && cp <= 0xfdff) || (cp >= 0xfe70 && cp <= 0xfefe)
    || (cp >= 0x10800 && cp <= 0x10fff) || (cp >= 0x1e800 && cp <= 0x1efff);
}

/** The text with every invisible character removed; with `oneLine`, every run of white space
 *  (newlines included) becomes one space and the ends are trimmed. */
export function visibleText(text: string, options: { oneLine?: boolean } = {}): string {
  let out = '';
  let space = false;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (isInvisible(cp)) continue;
    if (options.oneLine && (cp === 0x20 || cp === 0x09 || cp === 0x0a || cp === 0xa0 || cp === 0x3000)) {
      space = out.length > 0;
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += ch;
  }
  return out;
}

/** Whether the text holds a right-to-left letter. */
function hasRtl(text: string): boolean {
  for (const ch of text) if (isRtl(ch.codePointAt(0)!)) return true;
  return false;
}

const isDigit = (c: string) => c >= '0' && c <= '9';
const PHONE_CHARS = '+0123456789 ().-';

/** Phone numbers (runs of digits, `+`, spaces, `(`, `)`, `.`, `-` holding at least five digits) and
 *  email addresses (a word with `@`) get a left-to-right mark on each side, so right-to-left letters
 *  beside them cannot reorder their parts. One pass: a run of number characters is read once,
 *  whether it turns out to be a number or not. */
function keepNumbersLeftToRight(text: string): string {
  const parts: string[] = [];
  let wordStart = -1;
  let email = false;
  const endWord = () => {
    if (wordStart >= 0 && email) {
      parts[wordStart] = LRM + parts[wordStart];
      parts.push(LRM);
    }
    wordStart = -1;
    email = false;
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === ' ' || c === '\n') {
      endWord();
      parts.push(c);
      i++;
      continue;
    }
    if (wordStart < 0) wordStart = parts.length;
    if (c === '+' || isDigit(c)) {
      let j = i;
      let digits = 0;
      let lastDigit = i;
      for (; j < text.length && PHONE_CHARS.includes(text[j]); j++) {
        if (isDigit(text[j])) {
          digits++;
          lastDigit = j;
        }
      }
      const end = digits >= 5 ? lastDigit + 1 : j;
      parts.push(digits >= 5 ? LRM + text.slice(i, end) + LRM : text.slice(i, end));
      i = end;
      continue;
    }
    if (c === '@') email = true;
    parts.push(c);
    i++;
  }
  endWord();
  return parts.join('');
}

/** At most `max` characters, never splitting a surrogate pair, "…" at the end when cut. */
export function capped(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}

function shown(text: string, max: number, oneLine = true): string {
  const visible = visibleText(text, { oneLine });
  const ordered = hasRtl(visible) ? keepNumbersLeftToRight(visible) : visible;
  return capped(ordered, max);
}

/** A link in a notification is `[label](target)`: a space after every `]` that a `(` follows, so
 *  no label and target can ever meet. */
function unlinkable(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    out += text[i];
    if (text[i] === ']' && text[i + 1] === '(') out += ' ';
  }
  return out;
}

/** A notification's message or a progress notification's title. */
export function notificationText(text: string): NotificationText {
  return capped(unlinkable(shown(text, Number.MAX_SAFE_INTEGER)), LIMITS.notification) as NotificationText;
}

/** A link of ours in a notification: its label and the KallyAI command it runs with its arguments. */
export interface NotificationAction {
  readonly label: string;
  /** A `kallyai.` command. */
  readonly command: string;
  readonly args: readonly unknown[];
}

/** Links to our own commands, then a notification's message: the one form in which a
 *  notification holds links, for one that cannot have buttons (a progress notification, which ends
 *  when its moment does). The text still cannot form a link, nor reach into ours: its `[` and `]`
 *  become `(` and `)` (full-width brackets would need a font many machines lack), so no link
 *  label can open in it. Each target is one of our
 *  commands with its arguments as JSON in which every character but letters, digits, `-`, `_` and
 *  `.` is percent-encoded, so nothing in an argument can end the link or give it a title; the
 *  title is the label. */
export function notificationWithActions(text: string, actions: readonly NotificationAction[]): NotificationText {
  const bracketless = (t: string) => {
    let out = '';
    for (const ch of t) out += ch === '[' ? '(' : ch === ']' ? ')' : ch;
    return out;
  };
  const links = actions.map((a) => {
    if (!/^kallyai\.[A-Za-z.]+$/.test(a.command)) throw new Error(`not a KallyAI command: ${a.command}`);
    const args = encodeURIComponent(JSON.stringify(a.args)).replace(/[!'()*~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
    const label = bracketless(shown(a.label, LIMITS.label));
    // The label is the link's title too: on hover the workbench would otherwise show the command and its encoded arguments.
    return `[${label}](command:${a.command}?${args} "${label.replaceAll('"', "'")}")`;
  });
  // The links lead: a notification without buttons shows one line until it is expanded, and that
  // line must hold what the person can do.
  return `${links.join(' · ')} — ${bracketless(notificationText(text))}` as NotificationText;
}

/** A tree item's label or description, a modal's question, a tab title, a tooltip in plain text:
 *  one line of at most `max` characters. */
export function plainText(text: string, max?: number): PlainText;
export function plainText(text: string | undefined, max?: number): PlainText | undefined;
export function plainText(text: string | undefined, max: number = LIMITS.label): PlainText | undefined {
  return text === undefined ? undefined : (shown(text, max) as PlainText);
}

/** A modal's detail: several lines, each one capped, the whole capped. */
export function plainLines(lines: readonly string[], max: number = LIMITS.modalDetail): PlainText {
  return capped(lines.flatMap((l) => l.split('\n')).map((l) => shown(l, LIMITS.modalLine)).join('\n'), max) as PlainText;
}

/** A tab title: one short line. */
export function tabTitle(text: string): PlainText {
  return plainText(text, LIMITS.tabTitle);
}

/** A quick-pick label, description or detail, or a status-bar message: plain text in which `$(…)`
 *  stays text (the workbench would draw it as an icon). */
export function pickText(text: string, max: number = LIMITS.pick): PickText {
  const plain = shown(text, max);
  let out = '';
  for (let i = 0; i < plain.length; i++) {
    if (plain[i] === '$' && plain[i + 1] === '(') out += '\\';
    out += plain[i];
  }
  return out as PickText;
}

/** A quick pick label with one of our icons in front: `$(id) label`. */
export function pickWithIcon(icon: string | undefined, text: string, max?: number): PickText {
  const label = pickText(text, max);
  return (icon && /^[a-z0-9-]+(~spin)?$/.test(icon) ? `$(${icon}) ${label}` : label) as PickText;
}

/** A file name suggested in a save dialog: letters, digits, spaces, `-`, `_` and `.` (no path
 *  separators, no leading dot, no reserved characters), at most 80 characters; `fallback` when
 *  nothing is left. */
export function fileName(text: string, extension: string, fallback = 'kallyai'): FileName {
  let base = '';
  for (const ch of visibleText(text, { oneLine: true })) {
    base += /[\p{L}\p{N} _.-]/u.test(ch) ? ch : '-';
  }
  let start = 0;
  let end = base.length;
  while (start < end && '.- '.includes(base[start])) start++;
  while (end > start && '.- '.includes(base[end - 1])) end--;
  const name = capped(base.slice(start, end), LIMITS.fileName - extension.length - 1).replace('…', '') || fallback;
  return `${name}.${extension}` as FileName;
}

/** An @kallyai answer: Markdown escaped by construction (markdown.ts), in which nothing the service
 *  wrote can become a link. Values are escaped already, so `[`, `]`, `<` from service text never
 *  form a link or image; what is left is what the chat's renderer links on its own: an address
 *  autolinked by the escaping (`<https://…>`) is shown as code instead, and a bare `www.` or an
 *  email address has its `.` / `@` escaped (it reads the same, but links nowhere). Our own code
 *  spans are copied as they are. */
export function chatMarkdown(markdown: { readonly text: string }): ChatMarkdown {
  const text = markdown.text;
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '\\') {
      out += text.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (c === '`') {
      let n = 0;
      while (text[i + n] === '`') n++;
      const close = text.indexOf('`'.repeat(n), i + n);
      const end = close < 0 ? i + n : close + n;
      out += text.slice(i, end);
      i = end;
      continue;
    }
    if (c === '<' && /^<https?:\/\//i.test(text.slice(i, i + 9))) {
      const close = text.indexOf('>', i);
      if (close > 0) {
        out += `\`${text.slice(i + 1, close).replace(/`/g, '%60')}\``;
        i = close + 1;
        continue;
      }
    }
    if (c === '@') {
      out += '\\@';
      i++;
      continue;
    }
    if ((c === 'w' || c === 'W') && text.slice(i, i + 4).toLowerCase() === 'www.' && !/[\p{L}\p{N}]/u.test(text[i - 1] ?? ' ')) {
      out += `${text.slice(i, i + 3)}\\.`;
      i += 4;
      continue;
    }
    out += c;
    i++;
  }
  return out as ChatMarkdown;
}
