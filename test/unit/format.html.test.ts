/** Page HTML built from server data: every value is text; the generic renderer of unknown answers
 *  is readable, never a JSON dump, and escapes everything. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { escapeHtml, html, listOrParagraphsHtml, textBlock, trustedHtml } from '../../src/format';
import { genericMarkdown } from '../../src/documents/genericMarkdown';

describe('html: values are text', () => {
  it('escapes tags, attributes and template breakers', () => {
    const payload = `<img src=x onerror="alert(1)"> ' \` \${x} &amp;`;
    assert.equal(
      html`<p title="${payload}">${payload}</p>`.text,
      '<p title="&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &#39; &#96; ${x} &amp;amp;">&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &#39; &#96; ${x} &amp;amp;</p>',
    );
  });

  it('drops bidirectional overrides and control characters that disguise text', () => {
    assert.equal(escapeHtml('a\u202Eb\u2066c\u0000d'), 'abcd');
  });

  it('keeps trusted markup and nested html, flattens arrays, drops null/false', () => {
    assert.equal(
      html`<ul>${['a', '<b>'].map((x) => html`<li>${x}</li>`)}</ul>${null}${false}${trustedHtml('<br>')}`.text,
      '<ul><li>a</li><li>&lt;b&gt;</li></ul><br>',
    );
  });

  it('server text keeps its paragraphs and lines, and a server list stays a list', () => {
    assert.equal(textBlock('one\ntwo\n\n<three>').text, '<p>one<br>two</p><p>&lt;three&gt;</p>');
    assert.equal(listOrParagraphsHtml('- a\n- <b>').text, '<ul><li>a</li><li>&lt;b&gt;</li></ul>');
  });
});

describe('genericMarkdown: any answer as a document for people', () => {
  it('tables for simple fields and lists of objects, headings for nested ones; values escaped', () => {
    const md = genericMarkdown('Voice profile', {
      tone: 'friendly <b>',
      sentences_analyzed: 120,
      trained_at: '2026-11-20T10:00:00Z',
      ready: true,
      samples: [
        { subject: 'Hi [x](command:y)', words: 40 },
        { subject: 'Re: lunch', words: 12 },
      ],
      details: { formality: 'low' },
    }).text;
    assert.match(md, /^# Voice profile/);
    assert.match(md, /\| Tone \| friendly &lt;b&gt; \|/);
    assert.match(md, /\| Ready \| yes \|/);
    assert.match(md, /## Samples/);
    assert.match(md, /\| Subject \| Words \|/);
    assert.match(md, /Hi \\\[x\\\]\(command:y\)/);
    assert.match(md, /## Details/);
    assert.ok(!md.includes('{') && !md.includes('"tone"'), 'not a JSON dump');
  });

  it('an empty or bare answer says so', () => {
    assert.match(genericMarkdown('Nothing', {}).text, /Nothing to show/);
    assert.match(genericMarkdown('List', []).text, /None\./);
  });
});
