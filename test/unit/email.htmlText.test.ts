/** An HTML email read as text by a tokenizer (src/models/htmlText.ts), and a sender read without
 *  backtracking: what comes out for ordinary mail, and for markup made to stall or confuse a
 *  reader (runs of `<`, unclosed tags and comments, quoted `>`, entities). How long they take is
 *  a figure of `npm run reliability` ("stalls from hostile text"), not asserted here. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { escapeHtml } from '../../src/format';
import { htmlToText, senderAddress, senderName } from '../../src/models/email';

describe('htmlToText: what a reader sees of an HTML email', () => {
  it('reads a newsletter as text: head, styles and scripts gone, blocks as blank lines, <br> as a line break', () => {
    const mail = `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Your order</title><style>p { color: red }</style></head>
<body><div class="wrap"><h1>Order #123</h1><p>Hello&nbsp;Ana,</p>
<p>Your table for 4 is booked &amp; confirmed.<br class="x">See you Friday.</p>
<ul><li>Starter</li><li>Main</li></ul><!-- tracking --><script>track("open")</script>
<table><tr><td>Total</td><td>$40</td></tr></table></div></body></html>`;
    assert.equal(
      htmlToText(mail),
      'Order #123\n\nHello Ana,\n\nYour table for 4 is booked & confirmed.\nSee you Friday.\n\nStarter\n\nMain\n\nTotal$40',
    );
  });

  it('keeps a < that opens no tag as text', () => {
    assert.equal(htmlToText('<p>2 < 3 and 5 > 4</p>'), '2 < 3 and 5 > 4');
    assert.equal(htmlToText('x <= y, a<-b, <3'), 'x <= y, a<-b, <3');
    assert.equal(htmlToText('<'.repeat(10_000)), '<'.repeat(10_000));
    const spaced = `a${'< '.repeat(5_000)}b`;
    assert.equal(htmlToText(spaced), spaced);
    assert.equal(htmlToText('ends with </'), 'ends with </');
  });

  it('ends a tag at the first > outside a quoted attribute value', () => {
    assert.equal(htmlToText('<a title="x > y" href=\'a>b\'>link</a> after'), 'link after');
    assert.equal(htmlToText('<img alt=a>b>'), 'b>');
  });

  it('drops what the markup never closes: a tag, a quoted value, a comment, a script', () => {
    assert.equal(htmlToText('Hi <a href="https://x.example/'), 'Hi');
    assert.equal(htmlToText('Hi <b'), 'Hi');
    assert.equal(htmlToText('Hi <!-- never closed <p>secret</p>'), 'Hi');
    assert.equal(htmlToText('Hi<script>alert(1) <p>not text</p>'), 'Hi');
    assert.equal(htmlToText('<a'.repeat(5_000)), '');
    assert.equal(htmlToText('<script><style x="<title>'.repeat(2_000)), '');
  });

  it('drops the content of script, style, title and the head, up to their end tag in any case', () => {
    assert.equal(htmlToText('<SCRIPT type="x">if (a </b) {}</SCRIPT >A<style>b</STYLE>B<title>t</title>C'), 'ABC');
    assert.equal(htmlToText('<head><meta x><link y>\n  </head>Body'), 'Body');
    assert.equal(
      htmlToText('<head><title>T</title>Text in the head starts the body'),
      'Text in the head starts the body',
    );
  });

  it('reads comments, doctypes and processing instructions as nothing', () => {
    assert.equal(htmlToText('a<!---->b<!-->c<!--->d<!-- x --!>e<!-- y -->f'), 'abcdef');
    assert.equal(htmlToText('<?xml version="1.0"?><!DOCTYPE html><![CDATA[x]]>a</>b</ 3>c'), 'abc');
  });

  it('decodes character references, named and numeric; anything else stays as written', () => {
    assert.equal(htmlToText('&lt;b&gt; &quot;q&quot; &apos;a&apos; &AMP; &#65;&#x42;&#X43;'), '<b> "q" \'a\' & ABC');
    assert.equal(htmlToText('It&rsquo;s &ldquo;ok&rdquo; &mdash; &copy; &euro;5 &hellip;'), 'It’s “ok” — © €5 …');
    assert.equal(htmlToText('Ma&ntilde;ana &Aacute;lvaro pag&oacute; &iquest;s&iacute;?'), 'Mañana Álvaro pagó ¿sí?');
    assert.equal(htmlToText('&#150; &#146;'), '– ’', 'numeric references 128–159 are Windows-1252');
    assert.equal(htmlToText('&bogus; &amp &#; &#x; &#0; &#99999999; &'), '&bogus; &amp &#; &#x; &#0; &#99999999; &');
    assert.equal(htmlToText('&amp;lt;'), '&lt;', 'decoded once');
  });

  it('keeps line breaks of the source, drops blanks before them, and keeps at most one blank line', () => {
    assert.equal(htmlToText('a \t\nb\n\n\n\nc\n \t \n \nd'), 'a\nb\n\nc\n\nd');
    assert.equal(htmlToText(`x${' \t'.repeat(10_000)}\ny`), 'x\ny');
    assert.equal(htmlToText(`${' \t'.repeat(10_000)}x`), 'x');
  });

  it('reads text escaped for HTML back as the same text', () => {
    const text = fc.string({
      unit: fc.constantFrom('a', 'b', ' ', '<', '>', '&', '"', "'", '`', ';', '#', 'x', 'é', '😀', '&amp;', '&lt;'),
      maxLength: 40,
    });
    fc.assert(
      fc.property(text, (s) => htmlToText(escapeHtml(s)) === s.trim()),
      { numRuns: 2_000, seed: 21 },
    );
  });
});

describe('senders', () => {
  it('names the sender without the address, and leaves anything else as given', () => {
    assert.equal(senderName('SkyJet Customer Care <care@skyjet.example>'), 'SkyJet Customer Care');
    assert.equal(senderName('"Luigi" <l@x.com>'), 'Luigi');
    assert.equal(senderName('  Luigi"  <l@x.com>  '), 'Luigi');
    for (const given of [
      'plain@x.com',
      '<l@x.com>',
      'Luigi <>',
      'Luigi <a>b>',
      'Lu"i"gi <l@x.com>',
      '"" <l@x.com>',
      'Luigi <l@x.com',
      '',
    ]) {
      assert.equal(senderName(given), given.trim(), given);
    }
    const stall = `"${'a '.repeat(20_000)}<x`;
    assert.equal(senderName(stall), stall.trim());
    assert.equal(senderName(`Ann <${'a'.repeat(50_000)}@example.com>`), 'Ann');
  });

  it('finds the address a reply goes to', () => {
    assert.equal(senderAddress('SkyJet <care@skyjet.example>'), 'care@skyjet.example');
    assert.equal(senderAddress('<><care@x.example> <other@x.example>'), 'care@x.example');
    assert.equal(senderAddress(' plain@x.com '), 'plain@x.com');
    assert.equal(senderAddress('No address'), undefined);
    assert.equal(senderAddress(undefined), undefined);
    assert.equal(senderAddress('<'.repeat(20_000)), undefined);
    assert.equal(senderAddress(`${'<>'.repeat(10_000)}@`), `${'<>'.repeat(10_000)}@`);
  });
});
