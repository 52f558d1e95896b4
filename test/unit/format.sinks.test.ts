/** The trust boundary's forms (src/format/sinks.ts): each surface's text can neither act (no link
 *  forms), deceive (no bidi trick, numbers read left to right) nor flood (capped); and, checked by
 *  the typecheck layer, no surface takes a raw service string. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ServiceText } from '../../src/api/serviceText';
import { serviceText as svc } from '../../src/api/serviceText';
import { md, raw } from '../../src/format/markdown';
import { trustedHtml } from '../../src/format/html';
import {
  chatMarkdown,
  fileName,
  LIMITS,
  notificationText,
  notificationWithActions,
  pickText,
  plainLines,
  plainText,
  tabTitle,
  visibleText,
} from '../../src/format/sinks';
import type { info, askModal } from '../../src/platform/notify';
import type { ItemOptions } from '../../src/views/viewNode';
import type { PickItem } from '../../src/platform/quickInput';

/** VS Code's own notification link syntax (src/vs/base/common/linkedText.ts). */
const NOTIFICATION_LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/gi;
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069\u200f\u061c]/;
const LRM = '\u200e';

describe('notification text', () => {
  it('never forms a link, whatever the caller called themselves', () => {
    const name =
      'Bank [see details](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22echo%20PWNED%5Cn%22%7D)';
    for (const hostile of [
      name,
      '[x](https://evil.example)',
      '[a](file:///etc/passwd "t")',
      ']]]((([x](command:a)',
      `[${'['.repeat(5000)}](command:x)`,
    ]) {
      const text = notificationText(`KallyAI is answering a call from ${hostile} (+1 201 555 0164).`);
      assert.equal([...text.matchAll(NOTIFICATION_LINK)].length, 0, text.slice(0, 120));
    }
    assert.match(notificationText(name), /see details/, 'the words stay readable');
  });

  it('is one line, capped, with no bidi control', () => {
    const text = notificationText(`a\nb\u202e${'x'.repeat(10_000)}`);
    assert.ok(text.length <= LIMITS.notification);
    assert.doesNotMatch(text, /\n/);
    assert.doesNotMatch(text, BIDI_CONTROLS);
    assert.ok(text.endsWith('…'));
  });
});

describe('notification text with our own command links', () => {
  const actions = (id: string) => [
    { label: 'Take Over', command: 'kallyai.receptionist.takeOver', args: [{ id }] },
    { label: 'Transfer…', command: 'kallyai.receptionist.transfer', args: [{ id }] },
  ];
  const links = (text: string) =>
    [...text.matchAll(NOTIFICATION_LINK)].map((m) => ({ label: m[1], href: m[2], title: m[4] }));

  it('holds exactly our links, to our commands with their arguments, whatever the caller and the call id are', () => {
    const hostileId = 'ic_1") [x](command:workbench.action.terminal.sendSequence) "t\' ()*~!%';
    for (const caller of [
      'Jamie Chen',
      'Bank [see details](command:workbench.action.terminal.sendSequence?%7B%7D)',
      'Unclosed [label',
      ']]](( [[',
      `[${'['.repeat(5000)}`,
    ]) {
      const text = notificationWithActions(`KallyAI is answering a call from ${caller}.`, actions(hostileId));
      const found = links(text);
      assert.deepEqual(
        found.map((l) => l.label),
        ['Take Over', 'Transfer…'],
        text.slice(0, 200),
      );
      assert.deepEqual(
        found.map((l) => l.href.replace(/\?.*$/, '')),
        ['command:kallyai.receptionist.takeOver', 'command:kallyai.receptionist.transfer'],
      );
      assert.deepEqual(
        found.map((l) => l.title),
        ['Take Over', 'Transfer…'],
        'the title is the label, not the command',
      );
      for (const l of found) {
        assert.match(l.href, /^command:[a-zA-Z.]+\?[A-Za-z0-9._%-]+$/, 'only percent-encoded arguments');
        assert.deepEqual(JSON.parse(decodeURIComponent(l.href.slice(l.href.indexOf('?') + 1))), [{ id: hostileId }]);
      }
    }
  });

  it('keeps the words readable, and refuses a command that is not ours', () => {
    const text = notificationWithActions('KallyAI is answering a call from Bank [see details].', actions('ic_2'));
    assert.match(
      text,
      /^\[Take Over\]\(command:[^)]*\) · \[Transfer…\]\(command:[^)]*\) — KallyAI is answering a call from Bank \(see details\)\.$/,
      'the links first: a notification without buttons shows one line',
    );
    assert.throws(
      () =>
        notificationWithActions('x', [{ label: 'Run', command: 'workbench.action.terminal.sendSequence', args: [] }]),
      /not a KallyAI command/,
    );
  });

  it('on a megabyte of hostile text: the text capped, still exactly our links (one pass; the time is a figure of npm run reliability)', () => {
    const text = notificationWithActions(`[](${'[x]('.repeat(250_000)}`, actions('[]()'.repeat(1000)));
    assert.deepEqual(
      links(text).map((l) => l.label),
      ['Take Over', 'Transfer…'],
    );
    assert.ok(text.length - text.indexOf(' — ') <= LIMITS.notification + 3, 'the text after the links is capped');
  });
});

describe('plain text (labels, modals, tab titles)', () => {
  it('drops every bidirectional control and invisible character', () => {
    const shown = plainText('\u202efdp.exe +1 201 555 0169\u2066\u200b\u2069\u{e0041}');
    assert.equal(shown, 'fdp.exe +1 201 555 0169');
  });

  it('keeps a phone number and an email address left to right beside right-to-left letters', () => {
    const shown = plainText('محمد +1 201 555 0169 mo@example.com');
    assert.ok(shown.includes(`${LRM}+1 201 555 0169${LRM}`), JSON.stringify(shown));
    assert.ok(shown.includes(`${LRM}mo@example.com${LRM}`), JSON.stringify(shown));
    assert.equal(plainText('Alex +1 201 555 0169'), 'Alex +1 201 555 0169', 'left-to-right text is left as it is');
  });

  it('caps each surface', () => {
    assert.equal(plainText('x'.repeat(10_000)).length, LIMITS.label);
    assert.equal(tabTitle('x'.repeat(10_000)).length, LIMITS.tabTitle);
    const detail = plainLines(['y'.repeat(10_000), 'z'.repeat(10_000), ...Array(100).fill('line')]);
    assert.ok(detail.length <= LIMITS.modalDetail);
    assert.ok(detail.split('\n').every((l) => l.length <= LIMITS.modalLine));
  });

  it('never splits a surrogate pair when it cuts', () => {
    const shown = plainText('😀'.repeat(500));
    assert.doesNotMatch(shown, /[\ud800-\udbff](?![\udc00-\udfff])/);
  });
});

describe('pick text and file names', () => {
  it('shows $(…) as text in a quick pick', () => {
    assert.equal(pickText('$(alert) Urgent'), '\\$(alert) Urgent');
  });

  it('suggests a file name with no path, no reserved character and no bidi trick', () => {
    assert.equal(fileName('../../etc/passwd', 'ics'), 'etc-passwd.ics');
    assert.equal(fileName("Luigi\u202e's: Trattoria 2026-03-14", 'ics'), 'Luigi-s- Trattoria 2026-03-14.ics');
    assert.equal(fileName('', 'ics'), 'kallyai.ics');
    assert.ok(fileName('a'.repeat(1000), 'ics').length <= LIMITS.fileName);
  });
});

describe('chat answers', () => {
  it('build no link and no image from service text', () => {
    const message =
      '[kallyai.com/verify](https://evil.example/phish) ![](https://t/p.gif) see https://evil.example/x or www.evil.example, mail bob@evil.example';
    const answer = chatMarkdown(md`${message}`);
    assert.doesNotMatch(answer, /(?<!\\)\[[^\]]*(?<!\\)\]\(/, 'no [text](url)');
    assert.doesNotMatch(answer, /<https?:/, 'no autolink');
    assert.match(answer, /`https:\/\/evil\.example\/x`/, 'an address shows as code');
    assert.match(answer, /www\\\.evil/);
    assert.match(answer, /bob\\@evil/);
  });

  it('leaves our own code spans as they are', () => {
    assert.equal(chatMarkdown(raw('run `a@b www.x`')), 'run `a@b www.x`');
  });
});

describe('Markdown documents and pages', () => {
  it('drop bidi controls from service text', () => {
    assert.doesNotMatch(md`${'\u202efdp.exe'}`.text, BIDI_CONTROLS);
    assert.equal(visibleText('a\u202eb\u2067c'), 'abc');
  });
});

describe('no surface takes a raw service string (checked by `npm run typecheck`)', () => {
  it('each form is made by src/format/sinks.ts', () => {
    const fromService: ServiceText = svc('[x](command:evil)');
    // Each `@ts-expect-error` fails the typecheck layer if the line below it ever type-checks.
    const surfaces = (notify: typeof info, modal: typeof askModal) => {
      // @ts-expect-error a notification takes NotificationText only
      void notify(fromService);
      void notify(notificationText(fromService));
      // @ts-expect-error a modal takes PlainText only
      void modal(fromService, plainText(''), plainText('OK'), plainText('No'));
      // @ts-expect-error a tree item's label is PlainText
      const item: ItemOptions = { id: 'x', label: fromService };
      // @ts-expect-error a quick pick's label is PickText
      const pick: PickItem<number> = { label: fromService, value: 1 };
      // @ts-expect-error trusted Markdown is ours only
      raw(fromService);
      // @ts-expect-error trusted HTML is ours only
      trustedHtml(fromService);
      return [item, pick];
    };
    assert.equal(typeof surfaces, 'function');
    assert.equal(notificationText(fromService), '[x] (command:evil)');
  });
});
