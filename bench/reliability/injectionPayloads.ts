/** Injection payloads × everything that renders server text (target 0): the sandbox puts each
 *  hostile string of the shared corpus (test/shared/injectionPayloads.json — the XSS e2e test opens
 *  the same in the real workbench) into every field of a goal, a conversation, a call and its
 *  transcript, an inbox message and an email draft (POST /sandbox/seed-hostile); each is read
 *  through the client and rendered by every surface that shows it:
 *   - Markdown documents and chat answers, rendered with markdown-it with raw HTML ON (stricter than
 *     VS Code, which drops raw HTML anyway: our escaping must hold on its own);
 *   - page bodies (the goal, call and conversation pages' HTML).
 *  A case fails when the output has an element a payload could have introduced (script, img,
 *  iframe, svg, style, meta…), an event-handler attribute, or a link/source whose address is not
 *  http(s) (command:, javascript:, data:). Plain Node, real HTTP. */
import MarkdownIt from 'markdown-it';
import { parseFragment } from 'parse5';
import { ops } from '../../src/api/catalogue';
import { KallyClient } from '../../src/api/client';
import { goalCard, goalsMarkdown, inboxMarkdown, replyMarkdown, searchMarkdown } from '../../src/chat/chatMarkdown';
import { conversationMarkdown } from '../../src/documents/conversationMarkdown';
import { budgetMarkdown } from '../../src/documents/budgetMarkdown';
import { transcriptMarkdown } from '../../src/documents/callMarkdown';
import { goalMarkdown } from '../../src/documents/goalMarkdown';
import { messageMarkdown, threadMarkdown } from '../../src/documents/messageMarkdown';
import type { Html, Markdown } from '../../src/format';
import { CallPage } from '../../src/pages/callPage';
import { ConversationPage } from '../../src/pages/conversationPage';
import { GoalPage } from '../../src/pages/goalPage';
import type { Pipeline } from '../../src/pipeline/pipeline';
import { genericMarkdown } from '../../src/documents/genericMarkdown';
import { startSandbox } from '../../sandbox/server';
import corpus from '../../test/shared/injectionPayloads.json';
import { total, type Section, type SectionRow } from './section';

const markdownIt = new MarkdownIt({ html: true, linkify: true });

/** Elements the pages' own templates use (src/pages) and Markdown produces; anything else in an
 *  output came from data. */
const PAGE_ELEMENTS = new Set([
  'div',
  'span',
  'p',
  'h1',
  'h2',
  'h3',
  'strong',
  'em',
  'code',
  'pre',
  'ul',
  'ol',
  'li',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'button',
  'form',
  'textarea',
  'label',
  'br',
  'time',
]);
const MARKDOWN_ELEMENTS = new Set([
  'p',
  'strong',
  'em',
  'code',
  'pre',
  'ul',
  'ol',
  'li',
  'a',
  'br',
  'hr',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'blockquote',
  's',
]);
const ADDRESS_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'poster', 'srcset']);

type Node = {
  nodeName: string;
  tagName?: string;
  attrs?: Array<{ name: string; value: string }>;
  childNodes?: Node[];
  content?: Node;
};

/** What in an HTML output could run or load something. */
function activeContent(htmlText: string, allowed: ReadonlySet<string>): string[] {
  const found: string[] = [];
  const walk = (node: Node) => {
    if (node.tagName) {
      if (!allowed.has(node.tagName)) found.push(`<${node.tagName}>`);
      for (const { name, value } of node.attrs ?? []) {
        if (/^on/i.test(name)) found.push(`${node.tagName}[${name}]`);
        if (name === 'style' && /url\(|expression/i.test(value)) found.push(`${node.tagName}[style]`);
        if (ADDRESS_ATTRIBUTES.has(name) && !/^(https?:|#)/i.test(value.trim()))
          found.push(`${node.tagName}[${name}=${value.slice(0, 40)}]`);
      }
    }
    for (const child of node.childNodes ?? []) walk(child);
    if (node.content) walk(node.content);
  };
  walk(parseFragment(htmlText) as unknown as Node);
  return found;
}

type Surface = { name: string; kind: 'markdown' | 'page'; render(): Promise<Markdown | Html> };

export const injectionPayloads: Section = {
  name: 'injection payloads that render active content (documents, chat, pages)',
  async run() {
    const sb = await startSandbox({ port: 0, timeScale: 1000, quiet: true });
    const control = async (path: string, body?: unknown) => {
      const res = await fetch(`${sb.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body ?? {}),
      });
      return res.json() as Promise<Record<string, string>>;
    };
    const rows = new Map<string, SectionRow>();
    const examples: string[] = [];
    try {
      const token = String((await control('/sandbox/tokens')).access_token);
      const client = new KallyClient({
        baseUrl: sb.url,
        tokenSource: { getToken: async () => token, refreshAfterUnauthorized: async () => undefined },
      });
      const pipeline = {} as Pipeline;
      const runCommand = async () => undefined;
      for (const payload of corpus.payloads) {
        const seeded = await control('/sandbox/seed-hostile', { payloads: [payload] });
        const goal = await client.execute(ops.coordination.goal, { path: { id: seeded.goalId } });
        const call = await client.execute(ops.calls.get, { path: { call_id: seeded.callId } });
        const transcript = await client.execute(ops.calls.transcript, { path: { call_id: seeded.callId } });
        const message = await client.execute(ops.messages.message, { path: { id: seeded.messageId } });
        const inbox = (await client.execute(ops.messages.inbox)).messages;
        const turns = [
          { role: 'you' as const, text: payload },
          {
            role: 'kallyai' as const,
            text: payload,
            goal: { id: seeded.goalId, title: payload, status: payload },
            suggestions: [payload],
          },
        ];
        const surfaces: Surface[] = [
          {
            name: 'goal document',
            kind: 'markdown',
            render: async () =>
              goalMarkdown(goal, await client.execute(ops.coordination.goalTree, { path: { id: seeded.goalId } })),
          },
          {
            name: 'budget document',
            kind: 'markdown',
            render: async () =>
              budgetMarkdown(goal, await client.execute(ops.coordination.goalBudget, { path: { id: seeded.goalId } })),
          },
          {
            name: 'transcript document',
            kind: 'markdown',
            render: async () => transcriptMarkdown(call, transcript.entries),
          },
          { name: 'message document', kind: 'markdown', render: async () => messageMarkdown(message) },
          { name: 'thread document', kind: 'markdown', render: async () => threadMarkdown([message], payload) },
          {
            name: 'conversation document',
            kind: 'markdown',
            render: async () => conversationMarkdown(turns as never, payload),
          },
          {
            name: 'generic answer document',
            kind: 'markdown',
            render: async () => genericMarkdown(payload, { goal, call }),
          },
          { name: 'chat reply', kind: 'markdown', render: async () => replyMarkdown(payload, 1) },
          { name: 'chat goal card', kind: 'markdown', render: async () => goalCard(goal) },
          { name: 'chat /goals', kind: 'markdown', render: async () => goalsMarkdown([goal], 1) },
          { name: 'chat /inbox', kind: 'markdown', render: async () => inboxMarkdown(inbox, 1) },
          {
            name: 'chat /search',
            kind: 'markdown',
            render: async () =>
              searchMarkdown(payload, [{ title: payload, description: payload, address: payload, phone: payload }]),
          },
          {
            name: 'goal page',
            kind: 'page',
            render: async () =>
              (
                await new GoalPage(
                  { kind: 'goal', id: seeded.goalId },
                  { client, pipeline, runCommand, openGoal: runCommand },
                ).render()
              ).body,
          },
          {
            name: 'call page',
            kind: 'page',
            render: async () =>
              (
                await new CallPage(
                  { kind: 'call', id: seeded.callId },
                  { client, pipeline, runCommand, refreshLater: () => undefined },
                ).render()
              ).body,
          },
          {
            name: 'conversation page',
            kind: 'page',
            render: async () =>
              (
                await new ConversationPage(
                  { kind: 'conversation', id: seeded.conversationId },
                  {
                    client,
                    pipeline,
                    runCommand,
                    openGoal: runCommand,
                    turns: () => turns as never,
                    title: () => payload,
                    send: runCommand,
                    stakes: () => payload,
                  },
                ).render()
              ).body,
          },
        ];
        for (const surface of surfaces) {
          const row = rows.get(surface.name) ?? {
            figure: `${corpus.payloads.length} payloads × ${surface.name}`,
            cases: 0,
            failures: 0,
          };
          rows.set(surface.name, row);
          row.cases++;
          try {
            const out = await surface.render();
            const htmlText = surface.kind === 'markdown' ? markdownIt.render(out.text) : out.text;
            const found = activeContent(htmlText, surface.kind === 'markdown' ? MARKDOWN_ELEMENTS : PAGE_ELEMENTS);
            if (found.length) {
              row.failures++;
              examples.push(
                `${surface.name} with ${JSON.stringify(payload).slice(0, 50)}: ${found.slice(0, 3).join(', ')}`,
              );
            }
          } catch (e) {
            row.failures++;
            examples.push(
              `${surface.name} with ${JSON.stringify(payload).slice(0, 50)}: threw ${e instanceof Error ? e.message : String(e)}`,
            );
          }
        }
      }
      // The check itself: each payload that carries markup, put in a page raw (or rendered raw as
      // Markdown, for Markdown links), is flagged.
      const check: SectionRow = {
        figure: 'control: raw payloads with markup that the check does not flag',
        cases: 0,
        failures: 0,
      };
      for (const payload of corpus.payloads.filter((p) => /<|\]\(/.test(p) && !p.startsWith('```'))) {
        check.cases++;
        const found = payload.includes('<')
          ? activeContent(payload, PAGE_ELEMENTS)
          : activeContent(markdownIt.render(payload), MARKDOWN_ELEMENTS);
        if (found.length === 0) {
          check.failures++;
          examples.push(`control: the raw payload ${JSON.stringify(payload).slice(0, 50)} was not flagged`);
        }
      }
      rows.set('control', check);
    } finally {
      await sb.close();
    }
    return total([...rows.values()], examples);
  },
};
