/** Stalls from hostile text (target 0): every function that reads a string from outside (HTML
 *  email to text, Markdown and HTML escaping with the linkify of web addresses, sender and address
 *  parsing, names, phone numbers, log masking, the documents built from a call, a message or any
 *  answer) × every adversarial shape (runs of `<`, `<a`, blanks, unclosed tags and comments,
 *  trailing `)`, `[`, backticks, long addresses, line breaks, control characters, …), 1 MB
 *  (2^20 characters) each; a function that reads several fields gets the megabyte cut among them.
 *  A case is over budget when the function takes more than 100 ms of processor time on 1 MB (the
 *  cheapest of three runs), or throws. A figure, not a test. A super-linear function would stall
 *  the report itself, so each case is tried on 16 KB and 128 KB first: over budget there means
 *  over budget at 1 MB, and the 1 MB run is skipped. */
import { escapeHtml, listOrParagraphsHtml, textBlock } from '../../src/format/html';
import { code, escapeInline, link, listOrParagraphs, paragraphs } from '../../src/format/markdown';
import { humanize, oneLine } from '../../src/format/text';
import { errorSentence } from '../../src/format/errors';
import { checkPhoneNumber, formatPhoneNumber } from '../../src/api/validation/phone';
import { redact } from '../../src/api/redact';
import { addressesText, ccOf, htmlToText, senderAddress, senderName } from '../../src/models/email';
import { callFileName } from '../../src/models/call';
import { readHit } from '../../src/models/search';
import { ruleConditionsText } from '../../src/models/inbound';
import { transcriptMarkdown } from '../../src/documents/callMarkdown';
import { messageMarkdown } from '../../src/documents/messageMarkdown';
import { encodeSegment } from '../../src/documents/paths';
import { replyMarkdown, searchMarkdown } from '../../src/chat/chatMarkdown';
import { genericMarkdown } from '../../src/documents/genericMarkdown';
import type { Call } from '../../src/api/schemas/calls';
import type { Message } from '../../src/api/schemas/messages';
import type { SearchResult } from '../../src/api/schemas/search';
import { total, type Section, type SectionRow } from './section';
import { md } from '../../src/format/markdown';
import { chatMarkdown, fileName, notificationText, pickText, plainLines, plainText } from '../../src/format/sinks';

/** 1 MB of input. */
export const SIZE = 1 << 20;
/** The budget for one function on 1 MB. */
export const BUDGET_MS = 100;
const PRECHECK_SIZES = [16 << 10, 128 << 10];
const RUNS = 3;

/** A string of exactly `size` characters: `head`, then `unit` repeated, then `tail`. */
function fill(size: number, unit: string, head = '', tail = ''): string {
  const room = Math.max(0, size - head.length - tail.length);
  const body = unit.repeat(Math.ceil(room / unit.length)).slice(0, room);
  return head + body + tail;
}

export interface Shape {
  name: string;
  make: (size: number) => string;
}

/** The adversarial shapes: each defeats a naive regex or a loop that scans again. */
export const SHAPES: Shape[] = [
  { name: '`<` runs', make: (n) => fill(n, '<') },
  { name: '`<a` runs', make: (n) => fill(n, '<a') },
  { name: 'blank runs (spaces and tabs)', make: (n) => fill(n, ' \t', 'x', 'x') },
  { name: 'blank runs before line breaks', make: (n) => fill(n, ' \t \n', 'x') },
  { name: 'unclosed tags (script, style, title)', make: (n) => fill(n, '<script><style x="<title>') },
  { name: 'unclosed comments and attributes', make: (n) => fill(n, '<!-- <a href="') },
  { name: 'trailing `)` after a link', make: (n) => fill(n, ')', 'see https://example.com/a') },
  { name: 'links closing on `)` and `.`', make: (n) => fill(n, 'https://x.co/(a)). ') },
  { name: '`[` runs', make: (n) => fill(n, '[') },
  { name: 'backtick runs', make: (n) => fill(n, '` ') },
  { name: 'long addresses, unclosed', make: (n) => fill(n, 'a ', '"Ann', ' <ann@example.com') },
  { name: 'long addresses in <…>', make: (n) => fill(n, 'a.', '"Ann" <', '@example.com>') },
  { name: '`&` entity runs', make: (n) => fill(n, '&#x', '&', '') },
  { name: 'digits and separators', make: (n) => fill(n, '2-', '+1 (') },
  { name: 'list markers and line breaks', make: (n) => fill(n, '- 1. \n') },
  { name: 'line breaks (CRLF, blank lines)', make: (n) => fill(n, 'a\r\n\r\n\n') },
  { name: 'control characters', make: (n) => fill(n, '\u0001 \u2028') },
];

export interface Target {
  name: string;
  run: (text: string) => unknown;
}

/** `text` cut into `k` consecutive pieces: a function that reads several fields gets 1 MB in all. */
function pieces(text: string, k: number): string[] {
  const size = Math.ceil(text.length / k);
  return Array.from({ length: k }, (_, i) => text.slice(i * size, (i + 1) * size));
}

function call(text: string): Call {
  const [name, summary, steps, phone, task] = pieces(text, 5);
  return {
    id: 'c1',
    status: 'success',
    business_name: name,
    highlights: summary,
    next_steps: steps,
    submission: { business_name: name, respondent_phone: phone, task_description: task },
  } as unknown as Call;
}

/** Every function that takes service text, with what it is for. One that reads several fields
 *  gets the 1 MB cut among them. */
export const TARGETS: Target[] = [
  { name: 'htmlToText (HTML email → text)', run: (s) => htmlToText(s) },
  { name: 'escapeInline (Markdown escaping, linkify)', run: (s) => escapeInline(s) },
  { name: 'paragraphs (Markdown)', run: (s) => paragraphs(s) },
  { name: 'listOrParagraphs (Markdown: summaries, replies)', run: (s) => listOrParagraphs(s) },
  { name: 'code (Markdown code span)', run: (s) => code(s) },
  {
    name: 'link (Markdown link to a service address)',
    run: (s) => {
      const [text, url] = pieces(s, 2);
      return link(text, `https://example.com/${url}`);
    },
  },
  { name: 'escapeHtml (pages)', run: (s) => escapeHtml(s) },
  { name: 'textBlock (pages: email bodies, messages)', run: (s) => textBlock(s) },
  { name: 'listOrParagraphsHtml (pages)', run: (s) => listOrParagraphsHtml(s) },
  { name: 'senderName (sender parsing)', run: (s) => senderName(s) },
  { name: 'senderAddress (reply-to parsing)', run: (s) => senderAddress(s) },
  {
    name: 'addressesText (recipients)',
    run: (s) => {
      const [a, name, email] = pieces(s, 3);
      return addressesText([a, { name, email }]);
    },
  },
  { name: 'ccOf (Cc list)', run: (s) => ccOf({ cc: s }) },
  { name: 'humanize (server words)', run: (s) => humanize(s) },
  { name: 'oneLine (titles, previews)', run: (s) => oneLine(s) },
  { name: 'encodeSegment (document names)', run: (s) => encodeSegment(s) },
  { name: 'callFileName (call names)', run: (s) => callFileName(call(s)) },
  { name: 'formatPhoneNumber (numbers for people)', run: (s) => formatPhoneNumber(s) },
  { name: 'checkPhoneNumber (numbers typed or given)', run: (s) => checkPhoneNumber(s, 'US') },
  { name: 'redact (log masking)', run: (s) => redact(s) },
  { name: 'errorSentence (server messages)', run: (s) => errorSentence('made_up_code', 500, s) },
  {
    name: 'ruleConditionsText (receptionist rules)',
    run: (s) => {
      const [keyword, number, hours, other] = pieces(s, 4);
      return ruleConditionsText({
        keywords: [keyword],
        caller_number: number,
        time_range: { from: hours },
        custom: other,
      });
    },
  },
  {
    name: "transcriptMarkdown (a call's document)",
    run: (s) => {
      const [c, speaker, content] = pieces(s, 3);
      return transcriptMarkdown(call(c), [{ speaker, content, timestamp: '00:01' }]);
    },
  },
  {
    name: 'messageMarkdown (an inbox message)',
    run: (s) => {
      const [subject, from, body] = pieces(s, 3);
      return messageMarkdown({ id: 'm1', subject, from, channel: 'sms', body } as unknown as Message);
    },
  },
  { name: "replyMarkdown (chat: KallyAI's reply)", run: (s) => replyMarkdown(s) },
  {
    name: 'searchMarkdown + readHit (chat: search results)',
    run: (s) => {
      const [title, description, phone, address, url] = pieces(s, 5);
      return [
        searchMarkdown('q', [{ title, description, phone, address }]),
        readHit({ title, url: `https://example.com/${url}` } as unknown as SearchResult),
      ];
    },
  },
  { name: 'notificationText (toasts: no link can form)', run: (s) => notificationText(s) },
  { name: 'plainText (labels, modals; numbers kept left to right)', run: (s) => plainText(`محمد ${s}`, 1_000_000) },
  { name: "plainLines (a modal's detail)", run: (s) => plainLines(s.split('\n'), 1_000_000) },
  { name: 'pickText (quick picks)', run: (s) => pickText(s, 1_000_000) },
  { name: 'fileName (save dialogs)', run: (s) => fileName(s, 'ics') },
  { name: 'chatMarkdown (chat answers: no link)', run: (s) => chatMarkdown(md`${s}`) },
  {
    name: 'genericMarkdown (any answer)',
    run: (s) => {
      const [value, item, other, deep] = pieces(s, 4);
      return genericMarkdown('Answer', {
        [value.slice(0, 200)]: value,
        items: [item, { text: other }],
        nested: { deep },
      });
    },
  },
];

export interface Measure {
  target: string;
  shape: string;
  ms: number;
  wallMs: number;
  size: number;
  error?: string;
}

/** The cheapest of `runs` runs, in ms of this process's processor time (process.cpuUsage: user
 *  and system, the garbage collector's threads included), and the wall time of that run
 *  (process.hrtime). The budget is on processor time: this machine's two cores are shared with
 *  other work, which stretches wall time by whatever it takes (several times over at a load of
 *  ten) and says nothing about the function. */
function cheapestOf(runs: number, run: (text: string) => unknown, input: string): { ms: number; wallMs: number } {
  let best = { ms: Infinity, wallMs: Infinity };
  for (let i = 0; i < runs; i++) {
    const cpu = process.cpuUsage();
    const started = process.hrtime.bigint();
    run(input);
    const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
    const used = process.cpuUsage(cpu);
    const ms = (used.user + used.system) / 1000;
    if (ms < best.ms) best = { ms, wallMs };
  }
  return best;
}

/** One function on one shape: the 1 MB time, or the smaller size it already missed the budget at. */
export function measure(target: Target, shape: Shape): Measure {
  try {
    for (const size of PRECHECK_SIZES) {
      const { ms, wallMs } = cheapestOf(RUNS, target.run, shape.make(size));
      if (ms > BUDGET_MS) return { target: target.name, shape: shape.name, ms, wallMs, size };
    }
    const { ms, wallMs } = cheapestOf(RUNS, target.run, shape.make(SIZE));
    return { target: target.name, shape: shape.name, ms, wallMs, size: SIZE };
  } catch (e) {
    return {
      target: target.name,
      shape: shape.name,
      ms: Number.NaN,
      wallMs: Number.NaN,
      size: SIZE,
      error: e instanceof Error ? `${e.name}: ${e.message}` : String(e),
    };
  }
}

export const isOver = (m: Measure) => m.error !== undefined || m.size < SIZE || m.ms > BUDGET_MS;

function describe(m: Measure): string {
  if (m.error) return `${m.target} × ${m.shape}: threw ${m.error.slice(0, 120)}`;
  return `${m.target} × ${m.shape}: ${m.ms.toFixed(0)} ms (${m.wallMs.toFixed(0)} ms wall) on ${m.size >> 10} KB`;
}

export const hostileText: Section = {
  name: 'stalls from hostile text (1 MB, over 100 ms)',
  async run() {
    const rows: SectionRow[] = [];
    const examples: string[] = [];
    for (const target of TARGETS) {
      const measures = SHAPES.map((shape) => measure(target, shape));
      const over = measures.filter(isOver);
      const slowest = Math.max(...measures.map((m) => (Number.isNaN(m.ms) ? 0 : m.ms)));
      rows.push({
        figure: `${target.name} × ${SHAPES.length} shapes (slowest ${slowest.toFixed(0)} ms)`,
        cases: measures.length,
        failures: over.length,
      });
      examples.push(...over.map(describe));
      await new Promise((resolve) => setImmediate(resolve));
    }
    return total(rows, examples);
  },
};
