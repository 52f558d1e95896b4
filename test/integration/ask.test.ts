// "KallyAI: Ask…", "New Conversation" and "Conversation History" in the real extension host against
// the sandbox: the conversation is kept between messages, its document grows, the goal a message
// creates shows in the Goals view and is revealed there.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AskResult } from '../../src/commands/coordination/ask';
import type {
  ConversationHistoryResult,
  NewConversationResult,
} from '../../src/commands/coordination/conversationHistory';
import {
  acceptFirstPick,
  activateExtension,
  clearSandboxFaults,
  clearSandboxRequests,
  sandboxJson,
  sandboxRequests,
  waitFor,
} from './helpers';
import { ensureSignedIn } from './signIn';

interface SandboxGoal {
  id: string;
  title: string;
  conversation_id: string | null;
}
interface GoalNodeLike {
  kind?: string;
  goal?: { id?: string };
}
interface ViewsTesting {
  testing: {
    treeViews: { goals: vscode.TreeView<GoalNodeLike> };
    providers: { goals: { findGoalNode(id: string): Promise<GoalNodeLike | undefined> } };
  };
}

const messagePosts = async () =>
  (await sandboxRequests<{ message?: string; conversation_id?: string }>()).filter(
    (r) => r.method === 'POST' && r.path === '/v1/coordination/message',
  );

async function ask(args: Record<string, unknown>): Promise<Extract<AskResult, { outcome: 'answered' }>> {
  const result = await vscode.commands.executeCommand<AskResult>('kallyai.ask', args);
  assert.ok(result, 'kallyai.ask returned nothing');
  assert.equal(result.outcome, 'answered', JSON.stringify(result));
  return result as Extract<AskResult, { outcome: 'answered' }>;
}

const documentText = async (uri: string) => (await vscode.workspace.openTextDocument(vscode.Uri.parse(uri))).getText();
/** The document once it shows `needle` (an open document follows the provider's change event, a moment later). */
const documentWith = (uri: string, needle: string) =>
  waitFor(
    async () => {
      const t = await documentText(uri);
      return t.includes(needle) ? t : undefined;
    },
    10_000,
    `the document to show "${needle}"`,
  );

suite('Ask KallyAI: against the sandbox', () => {
  const TASK = 'Book a table for 4 at an Italian restaurant near me on Friday at 8pm';
  let first: Extract<AskResult, { outcome: 'answered' }>;

  suiteSetup(async function () {
    this.timeout(120_000);
    await activateExtension();
    await ensureSignedIn();
    await clearSandboxFaults();
  });

  setup(() => clearSandboxRequests());

  test('a request in plain words creates a goal, shown in the conversation document and revealed in the Goals view', async () => {
    first = await ask({ message: TASK, newConversation: true, revealGoal: true });
    assert.ok(first.conversationId, 'the conversation has an id');
    assert.ok(first.goalId, 'a goal was created');
    assert.ok(first.reply.length > 10, first.reply);
    assert.ok(first.suggestions.length > 0, 'suggestions are offered');

    const goals = (await sandboxJson<{ goals: SandboxGoal[] }>('/sandbox/state')).goals;
    const goal = goals.find((g) => g.id === first.goalId);
    assert.ok(goal, 'the goal exists on the server');
    assert.equal(goal.conversation_id, first.conversationId);

    const text = await documentText(first.documentUri);
    assert.match(first.documentUri, /^kallyai:\/conversations\//);
    assert.ok(text.includes('**You:**') && text.includes('**KallyAI:**'), text);
    assert.ok(
      text.includes('Book a table for 4 at an Italian restaurant near me on Friday at 8pm'),
      'the question is in the document',
    );
    assert.ok(text.indexOf('**You:**') < text.indexOf('**KallyAI:**'), 'question before answer');
    const goalTitle = goal.title.replace(/([\\`*_{}[\]()#+\-!|~$])/g, '\\$1');
    assert.ok(text.includes(`Goal: ${goalTitle}`), `the goal is named in the document by its title:\n${text}`);
    assert.ok(!text.includes(first.goalId!) && !text.includes(first.conversationId!), 'no ids in the document');
    assert.ok(!first.documentUri.split('/').pop()!.includes(first.conversationId!), 'no id in the tab title');

    const exports = await activateExtension();
    const views = exports.views as ViewsTesting | undefined;
    assert.ok(views?.testing, 'the extension exports its views (activate() → { views }) for tests');
    const node = await views.testing.providers.goals.findGoalNode(first.goalId!);
    assert.ok(node, 'the goal has a node in the Goals view');
    const selected = await waitFor(
      () => views.testing.treeViews.goals.selection.find((n) => n.goal?.id === first.goalId),
      10_000,
      'the goal node to be selected',
    );
    assert.equal(selected.kind, 'goal');
  });

  test('a follow-up continues the same conversation and the document grows', async () => {
    const second = await ask({ message: 'Make it 8:30pm instead, please' });
    assert.equal(second.conversationId, first.conversationId);
    const posts = await messagePosts();
    assert.equal(posts.length, 1);
    assert.equal(posts[0].body?.conversation_id, first.conversationId, 'the conversation id was sent');
    assert.equal(second.documentUri, first.documentUri, 'the same document');
    const text = await documentWith(second.documentUri, 'Make it 8:30pm instead, please');
    const a = text.indexOf('Book a table for 4');
    const b = text.indexOf('Make it 8:30pm instead, please');
    assert.ok(a >= 0 && b > a, `both questions, in order:\n${text}`);
  });

  test('New Conversation starts a fresh one: the next message carries its id', async () => {
    const started = await vscode.commands.executeCommand<NewConversationResult>('kallyai.newConversation');
    assert.equal(started.outcome, 'started', JSON.stringify(started));
    if (started.outcome !== 'started') return;
    assert.ok(started.conversationId && started.conversationId !== first.conversationId);
    const hello = await ask({ message: 'Hello' });
    assert.equal(hello.conversationId, started.conversationId);
    assert.equal(hello.goalId, undefined, 'a greeting creates no goal');
    assert.ok(hello.suggestions.length > 0);
    const posts = await messagePosts();
    assert.equal(posts.at(-1)?.body?.conversation_id, started.conversationId);
    assert.ok(
      !(await documentText(hello.documentUri)).includes('Book a table for 4'),
      'the new conversation has its own document',
    );
  });

  test('Conversation History with an id opens that conversation and makes it current', async () => {
    const opened = await vscode.commands.executeCommand<ConversationHistoryResult>('kallyai.conversationHistory', {
      conversationId: first.conversationId,
    });
    assert.equal(opened.outcome, 'opened', JSON.stringify(opened));
    if (opened.outcome !== 'opened') return;
    assert.equal(opened.turns, 4, 'two questions, two answers');
    const text = await documentWith(opened.documentUri, 'Make it 8:30pm instead, please');
    assert.ok(text.includes('Book a table for 4'), text);
    const next = await ask({ message: 'Thanks, that is all' });
    assert.equal(next.conversationId, first.conversationId, 'the reopened conversation continues');
    const grown = await documentWith(next.documentUri, 'Thanks, that is all');
    assert.ok(
      grown.indexOf('Make it 8:30pm instead, please') < grown.indexOf('Thanks, that is all'),
      'the history stays on top of the growing document',
    );
  });

  test('Conversation History without an id lists the conversations, newest first, and opens the chosen one', async () => {
    const listed = await sandboxJson<{ conversations: Array<{ id: string }> }>('/sandbox/state');
    const newest = listed.conversations[0].id;
    const opened = await acceptFirstPick(
      vscode.commands.executeCommand<ConversationHistoryResult>('kallyai.conversationHistory'),
    );
    assert.equal(opened.outcome, 'opened', JSON.stringify(opened));
    if (opened.outcome !== 'opened') return;
    assert.equal(opened.conversationId, newest);
    const requests = await sandboxRequests();
    assert.ok(requests.some((r) => r.method === 'GET' && r.path === '/v1/coordination/conversations'));
    assert.ok(
      requests.some(
        (r) => r.method === 'GET' && r.path === '/v1/coordination/history' && r.query.conversation_id === newest,
      ),
    );
  });
});
