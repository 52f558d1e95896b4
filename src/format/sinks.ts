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
 *  | `PromptText`       | a question another program shows (an MCP  | plain lines in which no `[label](target)` can form, |
 *  |                    | client's elicitation)                     | as text or as Markdown; capped                      |
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
export type PromptText = Form<'prompt'>;

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

/** Code points that may never reach a person outside a webview: C0 controls but tab, newline and
 *  carriage return, DEL and C1, the soft hyphen, the Arabic letter mark, the Mongolian vowel
 *  separator, zero-width space, the right-to-left mark, bidi embeddings and overrides (U+202A–E),
 *  word joiner, invisible operators and bidi isolates (U+2060–206F), the byte-order mark,
 *  interlinear annotations, and tag characters (U+E0000–E007F, as surrogate pairs). The
 *  left-to-right mark stays: it can only make text read left to right, as the workbench does
 *  anyway, and the forms add it. Line and paragraph separators stay too: they are white space. */
const INVISIBLE =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b\u200f\u202a-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]|\udb40[\udc00-\udc7f]/g;
const BLANKS = /\s+/g;
/** Strong right-to-left letters (Hebrew, Arabic, Syriac, Thaana, N'Ko and their blocks, and the
 *  right-to-left scripts beyond the basic plane). */
const RTL = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefe]|[\ud802\ud803][\udc00-\udfff]|[\ud83a\ud83b][\udc00-\udfff]/;

/** Whether a code point is one `visibleText` drops. */
export function isInvisible(cp: number): boolean {
  const ch = String.fromCodePoint(cp);
  INVISIBLE.lastIndex = 0;
  return INVISIBLE.test(ch);
}

/** The text with every invisible character removed; with `oneLine`, every run of white space
 *  (newlines included) becomes one space and the ends are trimmed. Native passes only. */
export function visibleText(text: string, options: { oneLine?: boolean } = {}): string {
  const visible = text.replace(INVISIBLE, '');
  return options.oneLine ? visible.replace(BLANKS, ' ').trim() : visible;
}

const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
/** `+ 0-9 space ( ) . -` */
const isPhoneChar = (c: number) =>
  isDigit(c) || c === 0x2b || c === 0x20 || c === 0x28 || c === 0x29 || c === 0x2e || c === 0x2d;

/** Phone numbers (runs of digits, `+`, spaces, `(`, `)`, `.`, `-` holding at least five digits) and
 *  email addresses (a word with `@`) get a left-to-right mark on each side, so right-to-left letters
 *  beside them cannot reorder their parts. One pass: a run of number characters is read once,
 *  whether it turns out to be a number or not; what is copied is copied by slices. */
function keepNumbersLeftToRight(text: string): string {
  const out: string[] = [];
  let copied = 0;
  let wordStart = 0;
  let email = false;
  const flushWord = (end: number) => {
    if (email) {
      out.push(text.slice(copied, wordStart), LRM, text.slice(wordStart, end), LRM);
      copied = end;
    }
    email = false;
  };
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x0a) {
      flushWord(i);
      wordStart = i + 1;
      i++;
      continue;
    }
    if (c === 0x40) email = true;
    if (c === 0x2b || isDigit(c)) {
      let j = i;
      let digits = 0;
      let lastDigit = i;
      for (; j < text.length && isPhoneChar(text.charCodeAt(j)); j++) {
        if (isDigit(text.charCodeAt(j))) {
          digits++;
          lastDigit = j;
        }
      }
      if (digits >= 5 && !email) {
        out.push(text.slice(copied, i), LRM, text.slice(i, lastDigit + 1), LRM);
        copied = lastDigit + 1;
        i = lastDigit + 1;
        if (text.slice(i - 1, i + 1).includes(' ')) wordStart = i;
        continue;
      }
      i = Math.max(j, i + 1);
      continue;
    }
    i++;
  }
  flushWord(text.length);
  out.push(text.slice(copied));
  return out.join('');
}

/** At most `max` characters, never splitting a surrogate pair, "…" at the end when cut. */
export function capped(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}

/** A surface shows at most `max` characters: only so much of the text is read (8 times as much,
 *  for what the invisible characters and blank runs take away), whatever its length. */
function shown(text: string, max: number): string {
  const budget = max * 8;
  const head = text.length > budget ? text.slice(0, budget) : text;
  const visible = visibleText(head, { oneLine: true });
  const ordered = RTL.test(visible) ? keepNumbersLeftToRight(visible) : visible;
  return capped(head === text ? ordered : `${ordered}…`, max);
}

/** A link in a notification is `[label](target)`: a space after every `]` that a `(` follows, so
 *  no label and target can ever meet. */
function unlinkable(text: string): string {
  return text.replaceAll('](', '] (');
}

/** A notification's message or a progress notification's title. */
export function notificationText(text: string): NotificationText {
  return capped(unlinkable(shown(text, LIMITS.notification)), LIMITS.notification) as NotificationText;
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
    const args = encodeURIComponent(JSON.stringify(a.args)).replace(
      /[!'()*~]/g,
      (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
    );
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
  const out: string[] = [];
  let length = 0;
  for (const line of lines) {
    for (const part of line.split('\n', 50)) {
      if (length > max) break;
      const one = shown(part, LIMITS.modalLine);
      out.push(one);
      length += one.length + 1;
    }
  }
  return capped(out.join('\n'), max) as PlainText;
}

/** A question put to a person by another program — an MCP client's elicitation, which one client
 *  shows as text and another (VS Code's chat) as Markdown: the question, a blank line, then the
 *  modal's lines, each plain and capped as a modal's, and no label can meet a target — inline
 *  `[label](target)`, reference `[label][ref]`, or a definition `[ref]: target` — so nothing in it
 *  reads as one thing and links to another. */
export function promptText(question: string, lines: readonly string[]): PromptText {
  const text = `${plainText(question, LIMITS.modalLine)}\n\n${plainLines(lines)}`;
  const unlinked = unlinkable(text).replaceAll('][', '] [').replaceAll(']:', '] :');
  return capped(unlinked, LIMITS.modalLine + LIMITS.modalDetail + 2) as PromptText;
}

/** A tab title: one short line. */
export function tabTitle(text: string): PlainText {
  return plainText(text, LIMITS.tabTitle);
}

/** A quick-pick label, description or detail, or a status-bar message: plain text in which `$(…)`
 *  stays text (the workbench would draw it as an icon). */
export function pickText(text: string, max: number = LIMITS.pick): PickText {
  return shown(text, max).replaceAll('$(', '\\$(') as PickText;
}

/** A quick pick label with one of our icons in front: `$(id) label`. */
export function pickWithIcon(icon: string | undefined, text: string, max?: number): PickText {
  const label = pickText(text, max);
  return (icon && /^[a-z0-9-]+(?:~spin)?$/.test(icon) ? `$(${icon}) ${label}` : label) as PickText;
}

/** A file name suggested in a save dialog: letters, digits, spaces, `-`, `_` and `.` (no path
 *  separators, no leading dot, no reserved characters), at most 80 characters; `fallback` when
 *  nothing is left. */
export function fileName(text: string, extension: string, fallback = 'kallyai'): FileName {
  const base = shown(text, LIMITS.fileName)
    .replace(/[^\p{L}\p{N} _.-]/gu, '-')
    .replace(/…$/, '');
  let start = 0;
  let end = base.length;
  while (start < end && '.- '.includes(base[start])) start++;
  while (end > start && '.- '.includes(base[end - 1])) end--;
  const name = base.slice(start, Math.min(end, start + LIMITS.fileName - extension.length - 1)) || fallback;
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
    if (
      (c === 'w' || c === 'W') &&
      text.slice(i, i + 4).toLowerCase() === 'www.' &&
      !/[\p{L}\p{N}]/u.test(text[i - 1] ?? ' ')
    ) {
      out += `${text.slice(i, i + 3)}\\.`;
      i += 4;
      continue;
    }
    out += c;
    i++;
  }
  return out as ChatMarkdown;
}
