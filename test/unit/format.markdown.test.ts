/** Markdown built from server data: every interpolated value is text, whatever it holds. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import { blocks, code, link, listOrParagraphs, md, paragraphs, raw, table } from '../../src/format';

/** What a Markdown renderer could turn into active content: raw HTML, links, autolinks, images, icons. */
function active(markdownText: string): string[] {
  const found: string[] = [];
  if (/<(?!https?:\/\/[^\s<>]*>)[a-z!/]/i.test(markdownText)) found.push('raw html');
  if (/(^|[^\\])\[[^\]]*\]\(/.test(markdownText)) found.push('inline link');
  if (/<(?:command|vscode|javascript|data|file):/i.test(markdownText)) found.push('autolink to a scheme');
  if (/(^|[^\\])\$\(/.test(markdownText)) found.push('theme icon');
  if (/\n\s*\n/.test(markdownText)) found.push('blank line (block break-out)');
  return found;
}

const HOSTILE = [
  '<img src=x onerror=alert(1)>',
  '<script>window.__pwned=1</script>',
  '[click](command:workbench.action.terminal.new)',
  '[x](javascript:alert(1))',
  '<command:kallyai.signOut>',
  '![tracker](https://evil.example/pixel.png)',
  '`code` then ``more``',
  'line one\n\n# heading injected\n\n<b>bold</b>',
  '$(zap) icon',
  '&lt;img src=x&gt; as entities',
  '\u202Egnp.exe',
  '| table | breakout |\n|---|---|',
  '1. list',
  '> quote',
  '<style>*{display:none}</style>',
];

describe('md: values are text', () => {
  for (const payload of HOSTILE) {
    it(`escapes ${JSON.stringify(payload).slice(0, 40)}`, () => {
      const out = md`**Title:** ${payload}`.text;
      assert.deepEqual(active(out), [], out);
    });
  }

  it('keeps the static template and trusted raw() as written', () => {
    assert.equal(md`# ${'A & B'} ${raw('$(check)')}`.text, '# A &amp; B $(check)');
  });

  it('an http(s) address stays one intact link (no backslashes inside it)', () => {
    const out = md`Booking: ${'https://book.example/confirm?conf_number=4_56-x&a=(1). Thanks'}`.text;
    assert.match(out, /<https:\/\/book\.example\/confirm\?conf_number=4_56-x&a=\(1\)>\./);
    assert.ok(!/<https:[^>]*\\/.test(out), out);
  });

  it('a URL that tries to break out of its autolink is encoded', () => {
    const out = md`${'https://x.example/a>b<img src=x>'}`.text;
    assert.deepEqual(active(out), [], out);
  });

  it('paragraphs keep line breaks but cannot start blocks', () => {
    const out = paragraphs('Hello\n# not a heading\n\n- not a list\n<img src=x>').text;
    assert.match(out, /Hello {2}\n\\# not a heading/);
    assert.ok(!/^#/m.test(out) && !/^- /m.test(out), out);
    assert.deepEqual(active(out.replace(/\n\n/g, '\n')), []);
  });

  it('listOrParagraphs turns a server bullet list into escaped bullets', () => {
    const out = listOrParagraphs('- [a](command:x)\n- <b>b</b>').text;
    assert.equal(out.split('\n').length, 2);
    assert.deepEqual(active(out), [], out);
  });

  it('code spans pick a fence longer than any backtick run and cannot be closed early', () => {
    assert.equal(code('a`b').text, '``a`b``');
    assert.equal(code('12:00\n\n<img src=x>').text, '`12:00 <img src=x>`');
  });

  it('table cells cannot break the row or the table', () => {
    const out = table(['Field', 'Value'], [['a|b', 'line\nbreak <i>x</i>']]).text;
    assert.equal(out.split('\n').length, 3);
    assert.match(out, /a\\\|b/);
    assert.deepEqual(active(out), [], out);
  });

  it('link() only links http(s); other schemes are text', () => {
    assert.match(link('site', 'https://kallyai.com/x').text, /^\[site\]\(https:\/\/kallyai\.com\/x\)$/);
    assert.deepEqual(active(link('run', 'command:kallyai.signOut').text), []);
  });

  it('blocks() joins with blank lines and drops empty parts', () => {
    assert.equal(blocks(md`a`, undefined, md``, md`b`).text, 'a\n\nb\n');
  });
});

/** A real CommonMark renderer (tables and strikethrough on, raw HTML allowed, as hostile as it
 *  gets): what it makes of a value must be exactly that value as text, wherever the template puts it. */
describe('md: rendered, a value is its own text', () => {
  const renderer = new MarkdownIt({ html: true });
  const decode = (html: string) =>
    html
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&');
  // Markdown's own punctuation, blanks and digits, so markers and constructs come up often.
  // Each value starts, half the time, the way a block would (a list marker, a heading, a fence,
  // an indented code block, a quote, a table row, a setext underline).
  const blockStart = fc.constantFrom(
    '',
    '- ',
    '+ ',
    '* ',
    '1. ',
    '2) ',
    '# ',
    '    ',
    '\t',
    '> ',
    '```',
    '~~~',
    '| a |',
    '---',
    '===',
    '<div>',
    '[x]: /y',
  );
  const body = fc.string({
    unit: fc.constantFrom(...'\\`*_{}[]()#+-.!|~$<>&=:;"\' \t\n1234567890abc'.split('')),
    maxLength: 24,
  });
  const value = fc
    .tuple(fc.oneof(blockStart, fc.constant('')), body)
    .map(([a, b]) => a + b)
    .filter((s) => s.trim() !== '' && !/https?:/.test(s));
  const text = (s: string) => s.replace(/\s+/g, ' ').trim();

  const contexts: Array<[string, (v: string) => string, RegExp]> = [
    ['a line of its own', (v) => md`${v}`.text, /^<p>(.*)<\/p>\n$/s],
    ['after a label', (v) => md`**Name:** ${v}`.text, /^<p><strong>Name:<\/strong> (.*)<\/p>\n$/s],
    ['a list item', (v) => md`- ${v}`.text, /^<ul>\n<li>(.*)<\/li>\n<\/ul>\n$/s],
    ['a line after another', (v) => md`Calling\n${v}`.text, /^<p>Calling\n(.*)<\/p>\n$/s],
  ];
  for (const [where, build, shape] of contexts) {
    it(`in ${where}`, () => {
      fc.assert(
        fc.property(value, (v) => {
          const html = renderer.render(build(v));
          const m = shape.exec(html);
          assert.ok(m, `${JSON.stringify(v)} → ${JSON.stringify(html)}`);
          assert.equal(text(decode(m[1])), text(v), `${JSON.stringify(v)} → ${JSON.stringify(html)}`);
        }),
        { numRuns: 2_000 },
      );
    });
  }

  it('phone numbers, dates and parentheses are not escaped (plain-text views show the source)', () => {
    assert.equal(
      md`- ${"Luigi's Trattoria (+1 201 555 0100) on 2026-12-04."}`.text,
      "- Luigi's Trattoria (+1 201 555 0100) on 2026-12-04.",
    );
    assert.equal(md`${'+ 1'} ${'- x'} ${'2. y'} ${'# z'} ${'---'}`.text, '\\+ 1 \\- x 2\\. y \\# z \\---');
  });
});
