/** The one-pass scanners behind Markdown and HTML escaping, lists, names, phone numbers and log
 *  masking, on the shapes that stalled or broke their regular expressions: a link followed by
 *  thousands of `)`, runs of `[`, `<`, backticks, blanks, CRLF lines, list markers, digits. What
 *  comes out is asserted here; how long it takes is a figure of `npm run reliability`. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkPhoneNumber, formatPhoneNumber } from '../../src/api/validation/phone';
import { redact } from '../../src/api/redact';
import { encodeSegment } from '../../src/documents/paths';
import {
  blocks,
  code,
  escapeHtml,
  escapeInline,
  humanize,
  link,
  listOrParagraphs,
  listOrParagraphsHtml,
  md,
  oneLine,
  paragraphs,
  textBlock,
} from '../../src/format';
import { listItemText } from '../../src/format/text';
import { TextBuilder, lineRanges } from '../../src/format/textBuilder';

describe('Markdown values on hostile shapes', () => {
  it('a link followed by thousands of ")" ends before them; a bracket the link opens stays in it', () => {
    const closers = ')'.repeat(10_000);
    assert.equal(escapeInline(`see https://example.com/a${closers}`), `see <https://example.com/a>${closers}`);
    assert.equal(
      escapeInline('https://en.wikipedia.org/wiki/Fish_(food)).'),
      '<https://en.wikipedia.org/wiki/Fish_(food)>).',
    );
    assert.equal(escapeInline('(https://x.example/a_[b]), then'), '(<https://x.example/a_[b]>), then');
    assert.equal(escapeInline(`https://x.example/${'.'.repeat(5_000)}`), `<https://x.example/>${'.'.repeat(5_000)}`);
  });

  it('escapes every character of long runs, and collapses control runs and leading blanks', () => {
    assert.equal(escapeInline('['.repeat(10_000)), '\\['.repeat(10_000));
    assert.equal(escapeInline('<a'.repeat(5_000)), '&lt;a'.repeat(5_000));
    assert.equal(escapeInline(`${' \t'.repeat(5_000)}x`), ' x');
    assert.equal(escapeInline(`a${' \t'.repeat(3)}b`), 'a      b', 'a tab is a control: a space of its own');
    assert.equal(escapeInline(`a${'\u0001\u2028\n'.repeat(5_000)}b`), 'a b');
    assert.equal(
      escapeInline('HTTPs://X.example/A and xhttps://y.example'),
      '<HTTPs://X.example/A> and xhttps://y.example',
    );
  });

  it('escapes what would open a block where the value may start a line, and only there', () => {
    assert.deepEqual(
      ['- a', '-', '--', '+1 201 555 0100', '# h', '12. x', '1234567890. x', '3)', '  = x', '-x', '7.5 km'].map(
        escapeInline,
      ),
      [
        '\\- a',
        '\\-',
        '\\--',
        '+1 201 555 0100',
        '\\# h',
        '12\\. x',
        '1234567890. x',
        '3\\)',
        ' \\= x',
        '-x',
        '7.5 km',
      ],
    );
  });

  it('code spans take a fence longer than any backtick run, whatever their number', () => {
    assert.equal(code('`a'.repeat(150_000)).text.slice(0, 4), '`` `');
    assert.equal(code(`x${'`'.repeat(7)}y`).text, `${'`'.repeat(8)}x${'`'.repeat(7)}y${'`'.repeat(8)}`);
  });

  it('a link target keeps its brackets from ending the link', () => {
    const target = link('x', 'https://e.example/a)[y](command:kallyai.signOut)').text;
    assert.equal(target, '[x](https://e.example/a%29[y]%28command:kallyai.signOut%29)');
  });

  it('paragraphs and lists read CRLF, CR and LF lines, and any number of them', () => {
    assert.equal(paragraphs('a\r\nb\rc\n\n\n\nd').text, 'a  \nb  \nc  \n\nd');
    assert.equal(paragraphs('a\r\n\r\n\n'.repeat(3)).text, 'a  \n\na  \n\na');
    assert.equal(
      listOrParagraphs('- one\r\n* two\r\n\r\n3) three\n• four\nplain').text,
      '- one\n- two\n- three\n- four\nplain  ',
    );
    assert.equal(
      listOrParagraphs('- 1. \n'.repeat(3)).text,
      '- 1\\. \n- 1\\. \n- 1\\. ',
      'an item that is itself a marker is escaped',
    );
    assert.equal(listOrParagraphs('- 1. \n'.repeat(20_000)).text.split('\n').length, 20_000);
  });

  it('reads a list item as /^\\s*(?:[-*•]|\\d+[.)])\\s+(.*)$/ did', () => {
    assert.deepEqual(
      ['- a', '  * b ', '•\tc', '12) d', '3.e', '-', '- ', 'x - y', '- a\u2028b', '-\u2028 b', '4 5. x'].map(
        listItemText,
      ),
      ['a', 'b ', 'c', 'd', undefined, undefined, '', undefined, undefined, 'b', undefined],
    );
  });

  it('blocks drop blank parts, nested or not', () => {
    assert.equal(
      blocks(md`# T`, '', '  ', paragraphs(''), blocks(), blocks(md`a`, blocks(md`b`))).text,
      '# T\n\na\n\nb\n\n\n',
    );
  });
});

describe('HTML values on hostile shapes', () => {
  it('escapes every character of long runs and drops the invisible ones', () => {
    assert.equal(escapeHtml('<'.repeat(10_000)), '&lt;'.repeat(10_000));
    assert.equal(escapeHtml('`"\'&>\u202e\u0000\u000b\u001f\u007f\u2066x\ty\n'), '&#96;&quot;&#39;&amp;&gt;x\ty\n');
  });

  it('text blocks split paragraphs at empty lines (CRLF too) and keep line breaks inside one', () => {
    assert.equal(textBlock('a\r\n\r\nb\r\nc\n\n\n\nd').text, '<p>a</p><p>b<br>c</p><p>d</p>');
    assert.equal(textBlock('\na\n').text, '<p><br>a<br></p>');
    assert.equal(textBlock(' \n \n\n<x>').text, '<p>&lt;x&gt;</p>');
    assert.equal(textBlock('a\n\n'.repeat(10_000)).text, '<p>a</p>'.repeat(10_000));
  });

  it('a server list stays a list, whatever its length', () => {
    assert.equal(
      listOrParagraphsHtml('- a\r\n\r\n2) <b>\nplain').text,
      '<ul><li>a</li><li>&lt;b&gt;</li><li>plain</li></ul>',
    );
    assert.equal(listOrParagraphsHtml('- x\n'.repeat(10_000)).text, `<ul>${'<li>x</li>'.repeat(10_000)}</ul>`);
  });
});

describe('names, numbers and logs on hostile shapes', () => {
  it('server words and document names collapse their runs', () => {
    assert.equal(humanize(`a${'-_'.repeat(10_000)}b`), 'A b');
    assert.equal(encodeSegment(`a${'/\\\u0001 \t'.repeat(5_000)}b`), 'a b');
    assert.equal(encodeSegment('//\u0000'), '_');
    assert.equal(oneLine(' x '.repeat(100_000), 10), 'x x x x x…');
    assert.equal(oneLine('  Luigi’s\n\tTrattoria  '), 'Luigi’s Trattoria');
  });

  it('phone numbers: text longer than any number is refused before it is parsed, or shown as given', () => {
    const long = checkPhoneNumber('2'.repeat(1_000), 'US');
    assert.equal(long.ok, false);
    assert.equal(!long.ok && long.code, 'invalid');
    const national = checkPhoneNumber('2'.repeat(25), 'US');
    assert.equal(!national.ok && national.code, 'invalid');
    assert.equal(checkPhoneNumber('(201) 555-0100', 'US').ok, true);
    const dashes = `+1 (${'2-'.repeat(10_000)}`;
    assert.equal(formatPhoneNumber(dashes), dashes);
    assert.equal(formatPhoneNumber('+12015550100'), '+1 201 555 0100');
  });

  it('log masking masks a megabyte-long number and a token after any separator', () => {
    const masked = redact(`call +1 (${'2-'.repeat(10_000)}9 now`);
    assert.match(masked, /^call \+12•+29 now$/);
    assert.equal(redact('access_token: "abcdef123"'), 'access_token: "***"');
    assert.equal(redact('access_token=====abcdef123'), 'access_token=====***');
    const equals = `access_token=${'='.repeat(10_000)}!`;
    assert.equal(redact(equals), equals);
  });
});

describe('TextBuilder and line ranges', () => {
  it('builds long text of any characters, surrogate pairs and lone surrogates included', () => {
    const b = new TextBuilder(4);
    const text = `a😀\ud800é${'x'.repeat(20_000)}`;
    for (let i = 0; i < text.length; i++) b.char(text.charCodeAt(i));
    b.text('<short>');
    b.text('y'.repeat(100));
    b.slice('0123456789', 2, 5);
    assert.equal(b.toString(), `${text}<short>${'y'.repeat(100)}234`);
    assert.equal(new TextBuilder().toString(), '');
  });

  it('splits at CRLF, CR and LF as split(/\\r\\n|\\r|\\n/) does', () => {
    for (const text of ['', 'a', 'a\r\nb\rc\nd', '\r\n\r\n', 'a\n', '\r\r\n\n']) {
      const ranges = lineRanges(text);
      const lines: string[] = [];
      for (let k = 0; k < ranges.length; k += 2) lines.push(text.slice(ranges[k], ranges[k + 1]));
      assert.deepEqual(lines, text.split(/\r\n|\r|\n/), JSON.stringify(text));
    }
  });
});
