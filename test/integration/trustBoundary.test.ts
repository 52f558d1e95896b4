// The trust boundary, in the real extension host (issue 21): the sandbox is filled with hostile
// text in every string it sends (POST /sandbox/seed-hostile: bidi tricks, 10,000-character values,
// [x](command:…) / javascript: / file: / vscode: links, HTML, catastrophic-regex shapes), a canary
// command is registered, and then every view's items, the notifications, modals, progress titles
// and quick inputs the extension shows (the record activate() keeps in the test host), the
// documents, the pages' tab titles, the chat answers and the tools' answers are built from it.
// Nothing from the service may form a link that runs a command or opens a file, load an image,
// keep a bidi control, or run the canary.
import * as assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import * as vscode from 'vscode';
import HOSTILE_TEXT from '../shared/hostileText.json';
import type { CommandsModule } from '../../src/app';
import type { Shown } from '../../src/platform/shownInTests';
import type { ViewNode } from '../../src/views';
import {
  answerConsents,
  clearSandboxFaults,
  closeKallyPages,
  sandboxFetch,
  sandboxJson,
  waitFor,
  type ActivatedExtension,
} from './helpers';
import { signInToFreshSandbox } from './signIn';

/** Hostile text for every field (test/shared/hostileText.json), and the command its links name. */
const HOSTILE: { canary: string; payloads: string[] } = HOSTILE_TEXT;

/** VS Code's own notification link syntax (src/vs/base/common/linkedText.ts). */
const NOTIFICATION_LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/gi;
const BIDI = /[\u202a-\u202e\u2066-\u2069\u200f\u061c]/;
const DANGEROUS_HREF = /^\s*(command|javascript|file|vscode|vscode-insiders|data):/i;
/** The caller of issue 21's repro. */
const HOSTILE_CALLER =
  'Bank [see details](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22echo%20PWNED%5Cn%22%7D)';

const markdown = new MarkdownIt({ html: false, linkify: true });

/** The links and images a Markdown text renders to. */
function rendered(text: string): { hrefs: string[]; images: number; text: string } {
  const html = markdown.render(text);
  const hrefs = [...html.matchAll(/<a href="([^"]*)"/g)].map((m) => m[1].replace(/&amp;/g, '&'));
  return { hrefs, images: (html.match(/<img\b/g) ?? []).length, text: html.replace(/<[^>]*>/g, '') };
}

function assertPlain(where: string, text: string | undefined): void {
  if (text === undefined) return;
  assert.doesNotMatch(text, BIDI, `${where}: a bidi control survived in ${JSON.stringify(text.slice(0, 80))}`);
}

function assertMarkdown(where: string, text: string, options: { links: 'ours' | 'none' }): void {
  const r = rendered(text);
  assert.equal(r.images, 0, `${where}: an image is rendered from ${JSON.stringify(text.slice(0, 120))}`);
  for (const href of r.hrefs) {
    assert.doesNotMatch(href, DANGEROUS_HREF, `${where}: a ${href.split(':')[0]}: link is rendered`);
    if (options.links === 'none') assert.fail(`${where}: a link to ${href} is rendered from service text`);
  }
  assertPlain(where, r.text);
}

async function walk(
  provider: { getChildren(n?: ViewNode): ViewNode[] | Promise<ViewNode[]> | undefined | null },
  visit: (n: ViewNode) => void,
): Promise<number> {
  let seen = 0;
  const queue: Array<ViewNode | undefined> = [undefined];
  while (queue.length && seen < 2_000) {
    const parent = queue.shift();
    const children = (await provider.getChildren(parent)) ?? [];
    for (const child of children) {
      seen++;
      visit(child);
      if (child.children && child.kind !== 'loadMore') queue.push(child);
    }
  }
  return seen;
}

/** Runs a command that may stop at a quick pick: the pick is closed once it has shown. */
async function runClosingPicks(shown: Shown[], id: string, ...args: unknown[]): Promise<unknown> {
  const before = shown.length;
  const running = Promise.resolve(vscode.commands.executeCommand(id, ...args)).catch((e: unknown) => e);
  let settled = false;
  void running.finally(() => {
    settled = true;
  });
  await waitFor(
    () => settled || shown.slice(before).some((s) => s.surface === 'pick' || s.surface === 'input'),
    30_000,
    `${id} to finish or ask`,
  );
  if (!settled) await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
  return running;
}

/** Records what a participant streams, as the chat view would receive it. */
class RecordingStream implements vscode.ChatResponseStream {
  readonly markdowns: string[] = [];
  readonly buttons: vscode.Command[] = [];
  readonly progresses: string[] = [];
  markdown(value: string | vscode.MarkdownString): void {
    this.markdowns.push(typeof value === 'string' ? value : value.value);
  }
  anchor(): void {
    /* not used by the participant */
  }
  button(command: vscode.Command): void {
    this.buttons.push(command);
  }
  filetree(): void {
    /* not used */
  }
  progress(value: string): void {
    this.progresses.push(value);
  }
  reference(): void {
    /* not used */
  }
  push(part: vscode.ChatResponsePart): void {
    if (part instanceof vscode.ChatResponseMarkdownPart) this.markdown(part.value);
    else if (part instanceof vscode.ChatResponseCommandButtonPart) this.button(part.value);
  }
}

type Seeded = Record<string, string>;

/** A link notificationWithActions makes: a short label, a KallyAI command, its JSON argument encoded. */
const OWN_ACTION_LINK =
  / ?\[(?:Take Over|Transfer…|Open)\]\(command:kallyai\.receptionist\.(?:takeOver|transfer|openCall)\?[\w%.~-]+ "(?:Take Over|Transfer…|Open)"\)/g;

suite('Trust boundary: nothing the service writes acts, freezes or deceives', function () {
  this.timeout(300_000);
  let exports: ActivatedExtension;
  let commands: CommandsModule;
  let seeded: Seeded;
  let canaryRuns = 0;
  let canary: vscode.Disposable;

  suiteSetup(async () => {
    exports = await signInToFreshSandbox();
    commands = exports.commands();
    canary = vscode.commands.registerCommand(HOSTILE.canary, () => {
      canaryRuns++;
    });
    seeded = await sandboxJson<Seeded>('/sandbox/seed-hostile', {
      method: 'POST',
      body: { payloads: HOSTILE.payloads },
    });
    // Nothing costly or irreversible runs: every consent is declined (and recorded as its modal).
    answerConsents(commands, false);
  });

  suiteTeardown(async () => {
    commands.pipeline.consent.answerWith(undefined);
    canary.dispose();
    await clearSandboxFaults();
    await closeKallyPages();
    await sandboxJson('/sandbox/reset', { method: 'POST', body: {} });
  });

  test('every view item: plain label, description and screen-reader text; tooltips with no dangerous link or image', async () => {
    const providers = exports.views.testing.providers;
    let items = 0;
    for (const [name, provider] of Object.entries(providers)) {
      await provider.loader.load('mutation');
      items += await walk(provider, (node) => {
        const where = `${name} view, ${node.id}`;
        const item = node.item;
        const label = typeof item.label === 'string' ? item.label : item.label?.label;
        assertPlain(`${where} label`, label);
        assert.ok((label ?? '').length <= 200, `${where}: a ${label?.length}-character label`);
        if (typeof item.description === 'string') assertPlain(`${where} description`, item.description);
        assertPlain(`${where} screen-reader label`, item.accessibilityInformation?.label);
        if (typeof item.tooltip === 'string') assertPlain(`${where} tooltip`, item.tooltip);
        else if (item.tooltip) {
          assert.notEqual(item.tooltip.isTrusted, true, `${where}: a trusted tooltip`);
          assertMarkdown(`${where} tooltip`, item.tooltip.value, { links: 'ours' });
        }
      });
    }
    assert.ok(items > 50, `only ${items} items were built`);
  });

  test('documents and page titles built from hostile goals, calls, messages, voicemails and tasks', async () => {
    const opened: Array<[string, unknown]> = [
      ['kallyai.calls.openTranscript', { id: seeded.callId }],
      ['kallyai.calls.openDetails', { id: seeded.callId }],
      ['kallyai.goals.openGoal', { id: seeded.goalId }],
      ['kallyai.goals.showBudget', { id: seeded.goalId }],
      ['kallyai.receptionist.openCall', { id: seeded.inboundCallId }],
      ['kallyai.receptionist.openTranscript', { id: seeded.inboundCallId }],
      ['kallyai.receptionist.openVoicemail', { id: seeded.voicemailId }],
      ['kallyai.inbox.openMessage', { id: seeded.messageId }],
      ['kallyai.email.read', { id: seeded.emailMessageId }],
      ['kallyai.outreach.openTask', { id: seeded.outreachTaskId }],
      ['kallyai.phone.info', { id: seeded.phoneNumberId }],
      ['kallyai.credits.history', undefined],
      ['kallyai.conversationHistory', { conversationId: seeded.conversationId }],
    ];
    for (const [id, arg] of opened) await runClosingPicks(exports.shown, id, ...(arg === undefined ? [] : [arg]));
    const documents = vscode.workspace.textDocuments.filter((d) => d.uri.scheme === 'kallyai');
    assert.ok(documents.length >= 5, `${documents.length} documents were opened`);
    for (const doc of documents) {
      assertPlain(`the tab title of ${doc.uri.path}`, doc.uri.path.split('/').pop() ?? '');
      assertMarkdown(`the document ${doc.uri.path}`, doc.getText(), { links: 'ours' });
    }
    const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs);
    for (const tab of tabs) {
      assertPlain(`the tab "${tab.label}"`, tab.label);
      assert.ok(tab.label.length <= 100, `a ${tab.label.length}-character tab title`);
    }
  });

  test('notifications, modals, progress titles and quick inputs: no link can form, no bidi control, capped', async () => {
    const shown = exports.shown;
    const from = shown.length;
    // The live-call notification from issue 21's caller (the probe's first look is its baseline).
    await exports.views.testing.liveCalls.probeNow();
    await sandboxJson('/sandbox/inbound-call', {
      method: 'POST',
      body: { caller_name: HOSTILE_CALLER, caller_number: '+12015550164' },
    });
    const announced = await exports.views.testing.liveCalls.probeNow();
    assert.equal(announced.length, 1, 'the live call was announced');
    // Errors whose message is the server's own words (an unknown code shows them).
    for (const message of HOSTILE.payloads.slice(0, 6)) {
      await sandboxFetch('/sandbox/faults', {
        method: 'POST',
        body: { path: '/v1/credits/balance', status: 500, code: 'strange_failure', message, count: 1 },
      });
      await vscode.commands.executeCommand('kallyai.credits.showBalance');
    }
    await clearSandboxFaults();
    // Ask: KallyAI's hostile reply and suggestions in a notification.
    await vscode.commands.executeCommand('kallyai.ask', { message: 'What is on my plate today?' });
    // Consents naming hostile targets (declined): the modal's question and lines.
    await vscode.commands.executeCommand('kallyai.receptionist.takeOver', { id: announced[0].id });
    await vscode.commands.executeCommand('kallyai.goals.approveStep', { id: seeded.goalId });
    await vscode.commands.executeCommand('kallyai.inbox.approveEmail', { id: seeded.draftId });
    // Quick picks listing hostile plans, contacts and rules.
    await runClosingPicks(shown, 'kallyai.credits.plans');
    await runClosingPicks(shown, 'kallyai.receptionist.editContact');
    await runClosingPicks(shown, 'kallyai.receptionist.editRule');
    const now = shown.slice(from);
    assert.ok(
      now.some(
        (s) =>
          (s.surface === 'notification' || s.surface === 'progress') && s.texts.some((t) => t.includes('see details')),
      ),
      'the live-call notification names the caller',
    );
    assert.ok(
      now.some((s) => s.surface === 'modal'),
      'a consent was asked',
    );
    assert.ok(
      now.some((s) => s.surface === 'pick'),
      'a pick was shown',
    );
    for (const s of now) {
      // The live-call notification's own three links (Take Over, Transfer…, Open: KallyAI's commands
      // with the call's id, src/format/sinks.ts notificationWithActions) are the only links allowed.
      for (const text of s.texts.map((t) => t.replace(OWN_ACTION_LINK, ''))) {
        assertPlain(`a ${s.surface}`, text);
        if (s.surface === 'notification' || s.surface === 'progress') {
          assert.equal(
            [...text.matchAll(NOTIFICATION_LINK)].length,
            0,
            `a link forms in the ${s.surface} ${JSON.stringify(text.slice(0, 160))}`,
          );
          assert.ok(text.length <= 400, `a ${text.length}-character ${s.surface}`);
        }
      }
    }
  });

  test('chat answers: no link or image built from service text, no bidi control', async () => {
    const ask = async (prompt: string, command?: string) => {
      const stream = new RecordingStream();
      const request = {
        prompt,
        command,
        references: [],
        toolReferences: [],
        toolInvocationToken: undefined,
        model: undefined,
      } as unknown as vscode.ChatRequest;
      await commands.chat.handle(request, { history: [] }, stream, new vscode.CancellationTokenSource().token);
      return stream;
    };
    const streams = [
      await ask('What is on my plate today?'),
      await ask('', 'goals'),
      await ask('', 'inbox'),
      await ask('', 'credits'),
    ];
    await sandboxFetch('/sandbox/faults', {
      method: 'POST',
      body: {
        path: '/v1/coordination/goals',
        status: 500,
        code: 'strange_failure',
        message: '[kallyai.com/verify](https://evil.example/phish) ![](https://t/p.gif)',
        count: 1,
      },
    });
    streams.push(await ask('', 'goals'));
    await clearSandboxFaults();
    assert.ok(
      streams.some((s) => s.markdowns.join('').includes('evil.example')),
      'the hostile error message is in the answer',
    );
    for (const stream of streams) {
      assertMarkdown('a chat answer', stream.markdowns.join(''), { links: 'none' });
      for (const p of stream.progresses) assertPlain('a chat progress', p);
      for (const b of stream.buttons) {
        assertPlain('a chat button', b.title);
        assert.match(b.command, /^kallyai\./, `a button runs ${b.command}`);
      }
    }
  });

  test("tools' answers carry no bidi control or invisible tag character", async () => {
    for (const [name, input] of [
      ['kallyai_list_goals', {}],
      ['kallyai_get_goal', { id: seeded.goalId }],
      ['kallyai_list_calls', { limit: 20 }],
      ['kallyai_list_inbox', {}],
      ['kallyai_list_voicemails', {}],
      ['kallyai_list_receptionist_calls', {}],
      ['kallyai_list_outreach', {}],
    ] as const) {
      const result = await vscode.lm.invokeTool(name, { input, toolInvocationToken: undefined });
      const text = result.content.map((p) => (p instanceof vscode.LanguageModelTextPart ? p.value : '')).join('');
      assertPlain(`the ${name} answer`, text);
      assert.doesNotMatch(text, /[\u{e0000}-\u{e007f}]/u, `${name}: a tag character survived`);
    }
  });

  test('the canary command never ran', async () => {
    // Whatever the surfaces above rendered, nothing ran the command their links named.
    await waitFor(async () => (await sandboxFetch('/sandbox/state')).ok, 5_000, 'the sandbox');
    assert.equal(canaryRuns, 0);
  });
});
