// KallyAI in VS Code Chat, in the real extension host against the sandbox.
//  - The language-model tools: registered with VS Code; every read-only tool invoked with
//    vscode.lm.invokeTool (the request log shows its operation, nothing else that writes);
//    prepare walked for every tool: a read-only one has no confirmation, every other one a
//    confirmation naming its stakes or what it changes; invoked without a chat token it asks
//    through the pipeline's modal and does nothing when declined; an agent's unflagged change
//    asks too, where the person's own command does not; in a chat, the confirmation VS
//    Code showed is the consent (unless VS Code's global auto-approve is on); bad input is refused
//    without a question or a request; cancellation; third parties' numbers masked.
//    Flagged tools are invoked through the extension's own tool object: VS Code 1.100 shows its own
//    confirmation dialog for vscode.lm.invokeTool outside a chat, which a test cannot answer.
//  - The @kallyai participant: code-server 1.100.3 has no Chat view without a Copilot extension
//    ("Chat: Open Chat" does not exist), so its handler is driven here with a real cancellation
//    token and a recording response stream, and chat histories shaped as VS Code passes them.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { ops } from '../../src/api/catalogue';
import type { KallyClient } from '../../src/api/client';
import type { CommandsModule } from '../../src/app';
import { needsConsent, type Stakes } from '../../src/pipeline/consent/stakes';
import type { Services } from '../../src/services';
import { PARTICIPANT_ID } from '../../src/chat/chatThread';
import { tools } from '../../src/tools/toolTable';
import type { ToolSpec } from '../../src/tools/toolSpec';
import { SAMPLES } from '../unit/api.samples';
import {
  changesNothing,
  clearSandboxFaults,
  clearSandboxRequests,
  extensionManifest,
  isRequestFor,
  samplesSandbox,
  sandboxJson,
  sandboxRequests,
  unescapeMarkdown,
  waitFor,
} from './helpers';
import { ensureSignedIn, extensionAuth, signInToFreshSandbox } from './signIn';

const textOf = (result: vscode.LanguageModelToolResult) =>
  result.content.map((p) => (p instanceof vscode.LanguageModelTextPart ? p.value : '')).join('');

/** A sample input for a tool, flat as a model sends it, from the catalogue test's samples. */
async function sampleFor(spec: ToolSpec, client: KallyClient): Promise<Record<string, unknown>> {
  const input = ((await SAMPLES[spec.op.id]({ client, sb: samplesSandbox() })) ?? {}) as {
    path?: Record<string, unknown>;
    query?: Record<string, unknown>;
    body?: Record<string, unknown>;
  };
  const body = { ...(input.body ?? {}) };
  const inner = spec.unwrap ? (body[spec.unwrap] as Record<string, unknown> | undefined) : undefined;
  if (spec.unwrap) delete body[spec.unwrap];
  const flat = { ...input.path, ...input.query, ...body, ...inner };
  for (const omitted of spec.omit ?? []) delete flat[omitted];
  return flat;
}

/** VS Code's global tool auto-approve, under `chat.tools`: `autoApprove` in 1.100, `global.autoApprove`
 *  later (writing the other one fails: "not a registered configuration"). */
function globalAutoApproveKey(): string {
  const registered = (key: string) =>
    vscode.workspace.getConfiguration('chat.tools').inspect(key)?.defaultValue !== undefined;
  const key = ['global.autoApprove', 'autoApprove'].find(registered);
  assert.ok(
    key,
    `VS Code ${vscode.version} registers neither chat.tools.global.autoApprove nor chat.tools.autoApprove`,
  );
  return key;
}

/** A fake chat token: VS Code's are opaque objects handed to a participant. */
const CHAT_TOKEN = {} as vscode.ChatParticipantToolToken;

suite('Chat: the language-model tools', function () {
  this.timeout(300_000);
  let services: Services;
  let commands: CommandsModule;

  suiteSetup(async () => {
    const exports = await signInToFreshSandbox();
    services = exports.services;
    commands = exports.commands();
  });

  teardown(async () => {
    commands.pipeline.consent.answerWith(undefined);
    await vscode.workspace
      .getConfiguration('chat.tools')
      .update(globalAutoApproveKey(), undefined, vscode.ConfigurationTarget.Global);
    await clearSandboxFaults();
  });

  test('every tool in package.json is registered with VS Code, and only those', async () => {
    const declared = (extensionManifest().contributes.languageModelTools as Array<{ name: string }>)
      .map((t) => t.name)
      .sort();
    assert.deepEqual(declared, tools.map((t) => t.name).sort());
    const registered = await waitFor(
      () => {
        const mine = vscode.lm.tools
          .filter((t) => t.tags.includes('kallyai'))
          .map((t) => t.name)
          .sort();
        return mine.length === declared.length ? mine : undefined;
      },
      10_000,
      'the tools to be registered',
    );
    assert.deepEqual(registered, declared);
    const placeCall = vscode.lm.tools.find((t) => t.name === 'kallyai_place_call');
    assert.ok(
      placeCall?.inputSchema &&
        (placeCall.inputSchema as { required?: string[] }).required?.includes('respondent_phone'),
    );
  });

  for (const spec of tools.filter((t) => t.op.readOnly)) {
    test(`${spec.name} (read-only): vscode.lm.invokeTool runs ${spec.op.id} without asking`, async () => {
      const input = await sampleFor(spec, services.client);
      const asked: Stakes[] = [];
      commands.pipeline.consent.answerWith((s) => {
        asked.push(s);
        return false;
      });
      await clearSandboxRequests();
      const result = await vscode.lm.invokeTool(spec.name, { input, toolInvocationToken: undefined });
      const text = textOf(result);
      assert.ok(text.length > 0 && !/^Not done/.test(text), `${spec.name}: ${text.slice(0, 300)}`);
      assert.equal(asked.length, 0, `${spec.name} asked`);
      const log = await sandboxRequests();
      assert.equal(
        log.filter(isRequestFor(spec.op)).length,
        1,
        `${spec.name}: ${log.map((q) => `${q.method} ${q.path}`).join(', ')}`,
      );
      assert.deepEqual(
        log.filter((q) => !isRequestFor(spec.op)(q) && !changesNothing(q)).map((q) => `${q.method} ${q.path}`),
        [],
        `${spec.name} changed something else`,
      );
    });
  }

  test('prepare, for every tool: read-only ⇒ no confirmation; any other ⇒ a confirmation that names what changes', async () => {
    const asking: string[] = [];
    for (const spec of tools) {
      const prepared = await commands.tools.prepare(spec.name, { input: await sampleFor(spec, services.client) });
      assert.ok(String(prepared.invocationMessage).length > 3, spec.name);
      if (spec.op.readOnly) {
        assert.equal(prepared.confirmationMessages, undefined, `${spec.name} is read-only and asked`);
        continue;
      }
      const confirmation = prepared.confirmationMessages;
      assert.ok(confirmation, `${spec.name} changes something and has no confirmation`);
      const message = unescapeMarkdown(
        typeof confirmation.message === 'string' ? confirmation.message : confirmation.message.value,
      );
      assert.match(confirmation.title, /\?$/, `${spec.name}: "${confirmation.title}"`);
      // What changes: the stakes of a flagged operation, else the data it changes.
      const named = needsConsent(spec.op)
        ? (spec.op.contactsPeople && /KallyAI will contact/.test(message)) ||
          (spec.op.irreversible && /This cannot be undone\./.test(message)) ||
          (spec.op.costsCredits && /Estimated cost/.test(message))
        : /^- This changes .+\.$/m.test(message);
      assert.ok(named, `${spec.name}: ${confirmation.title} / ${message}`);
      asking.push(spec.name);
    }
    assert.deepEqual(
      asking,
      tools.filter((t) => !t.op.readOnly).map((t) => t.name),
    );
    assert.ok(
      asking.includes('kallyai_reschedule_call'),
      'reschedule asks: it moves a call that will reach a business',
    );
  });

  test("an agent's change asks even when unflagged (Mark as Read), where the person's own command does not", async () => {
    const input = (await SAMPLES['messages.markRead']({ client: services.client, sb: samplesSandbox() })) as {
      body: Record<string, unknown>;
    };
    const asked: Stakes[] = [];
    commands.pipeline.consent.answerWith((s) => {
      asked.push(s);
      return false;
    });
    await clearSandboxRequests();
    const declined = await commands.pipeline.run(ops.messages.markRead, {
      input,
      interactive: false,
      quiet: true,
      agent: true,
    });
    assert.equal(declined.outcome, 'dismissed', JSON.stringify(declined));
    assert.equal(asked.length, 1);
    assert.equal(asked[0].question, 'Mark as Read?');
    assert.deepEqual(asked[0].lines, ['This changes your inbox.']);
    assert.deepEqual(
      (await sandboxRequests()).filter((q) => !changesNothing(q)).map((q) => `${q.method} ${q.path}`),
      [],
      'nothing sent after the "no"',
    );
    const own = await commands.pipeline.run(ops.messages.markRead, { input, interactive: false, quiet: true });
    assert.equal(own.outcome, 'done', JSON.stringify(own));
    assert.equal(asked.length, 1, "the person's own command is their intent: no question");
  });

  test('every tool that is not read-only: its confirmation names the stakes; without a chat token the modal asks, and a "no" sends nothing', async () => {
    let checked = 0;
    for (const spec of tools.filter((t) => !t.op.readOnly)) {
      const input = await sampleFor(spec, services.client);
      const prepared = await commands.tools.prepare(spec.name, { input });
      const confirmation = prepared.confirmationMessages;
      assert.ok(confirmation, `${spec.name}: no confirmation`);
      const message = unescapeMarkdown(
        typeof confirmation.message === 'string' ? confirmation.message : confirmation.message.value,
      );
      assert.ok(confirmation.title.length > 8, spec.name);
      assert.equal(
        /Estimated cost/.test(message) && /Your balance/.test(message),
        spec.op.costsCredits,
        `${spec.name} credits: ${message}`,
      );
      assert.equal(/KallyAI will contact/.test(message), spec.op.contactsPeople, `${spec.name} contacts: ${message}`);
      assert.equal(/This cannot be undone\./.test(message), spec.op.irreversible, `${spec.name} undo: ${message}`);

      const asked: Stakes[] = [];
      commands.pipeline.consent.answerWith((s) => {
        asked.push(s);
        return false;
      });
      await clearSandboxRequests();
      const source = new vscode.CancellationTokenSource();
      const result = await commands.tools.invoke(spec.name, { input, toolInvocationToken: undefined }, source.token);
      assert.equal(asked.length, 1, `${spec.name} did not ask`);
      assert.equal(
        asked[0].question,
        confirmation.title,
        `${spec.name}: the modal asks what the chat confirmation asked`,
      );
      assert.match(textOf(result), /declined.*nothing was done/, spec.name);
      const writes = (await sandboxRequests()).filter((q) => !changesNothing(q));
      assert.deepEqual(
        writes.map((q) => `${q.method} ${q.path}`),
        [],
        `${spec.name} sent something after a "no"`,
      );
      checked++;
    }
    assert.ok(checked >= 10, `${checked} flagged tools`);
  });

  test('kallyai_place_call: the confirmation names the number as people read it, the business, the task, the cost and the balance', async () => {
    const input = {
      task_category: 'restaurant',
      task_description: 'Book a table for 4 on Friday at 8pm',
      respondent_phone: '(201) 555-0188',
      business_name: 'Chat Tool Trattoria',
      party_size: 4,
      language: 'en',
      call_language: 'en',
      timezone: 'Europe/Madrid',
    };
    const prepared = await commands.tools.prepare('kallyai_place_call', { input });
    const confirmation = prepared.confirmationMessages!;
    const message = unescapeMarkdown((confirmation.message as vscode.MarkdownString).value);
    assert.match(confirmation.title, /Call Chat Tool Trattoria now\?/);
    assert.match(message, /KallyAI will contact Chat Tool Trattoria at \+1 201 555 0188\./);
    assert.match(message, /Task: Book a table for 4 on Friday at 8pm/);
    assert.match(message, /Estimated cost: about .*credit/);
    assert.match(message, /Your balance: .*credits/);
    assert.match(message, /This cannot be undone\./);
    assert.match(String(prepared.invocationMessage), /Calling/);
  });

  test('in a chat: the confirmation VS Code showed is the consent (no second question); the call is placed once', async () => {
    const input = {
      task_category: 'general',
      task_description: 'Ask whether they open on Sunday morning',
      respondent_phone: '+12015550177',
      business_name: 'Chat Consent Bakery',
      language: 'en',
      call_language: 'en',
      timezone: 'UTC',
    };
    const asked: Stakes[] = [];
    commands.pipeline.consent.answerWith((s) => {
      asked.push(s);
      return false;
    });
    await commands.tools.prepare('kallyai_place_call', { input });
    await clearSandboxRequests();
    const source = new vscode.CancellationTokenSource();
    const result = await commands.tools.invoke(
      'kallyai_place_call',
      { input, toolInvocationToken: CHAT_TOKEN },
      source.token,
    );
    const text = textOf(result);
    assert.match(text, /^Call to Chat Consent Bakery: /, text);
    assert.doesNotMatch(text, /2015550177/, 'the number is masked in the answer');
    assert.equal(asked.length, 0, 'no modal after the chat confirmation');
    const posts = (await sandboxRequests()).filter((q) => q.method === 'POST' && q.path === '/v1/calls');
    assert.equal(posts.length, 1);
    assert.equal(
      (posts[0].body as { submission: { respondent_phone: string } }).submission.respondent_phone,
      '+12015550177',
    );
  });

  test("in a chat with VS Code's global auto-approve on, or without a prepared confirmation, the modal asks anyway", async () => {
    const input = {
      id: (
        await sampleFor(
          tools.find((t) => t.name === 'kallyai_approve_step')!,
          services.client,
        )
      ).id,
    };
    const asked: Stakes[] = [];
    commands.pipeline.consent.answerWith((s) => {
      asked.push(s);
      return false;
    });
    const source = new vscode.CancellationTokenSource();
    // Never prepared: nothing was confirmed in the chat.
    await clearSandboxRequests();
    await commands.tools.invoke('kallyai_approve_step', { input, toolInvocationToken: CHAT_TOKEN }, source.token);
    assert.equal(asked.length, 1, 'asked when no confirmation was prepared');
    // Prepared, but every tool of every extension is auto-approved: the person saw nothing.
    await vscode.workspace
      .getConfiguration('chat.tools')
      .update(globalAutoApproveKey(), true, vscode.ConfigurationTarget.Global);
    await commands.tools.prepare('kallyai_approve_step', { input });
    await commands.tools.invoke('kallyai_approve_step', { input, toolInvocationToken: CHAT_TOKEN }, source.token);
    assert.equal(asked.length, 2, 'asked under the global auto-approve');
    assert.deepEqual(
      (await sandboxRequests()).filter((q) => !changesNothing(q)).map((q) => q.path),
      [],
    );
  });

  test('bad input: no confirmation, no question, no request — a sentence the model can act on', async () => {
    const input = {
      task_category: 'general',
      task_description: 'Ask about opening hours',
      respondent_phone: '911',
      language: 'en',
      call_language: 'en',
      timezone: 'UTC',
    };
    const prepared = await commands.tools.prepare('kallyai_place_call', { input });
    assert.equal(prepared.confirmationMessages, undefined, 'nothing to confirm for input that will be refused');
    const asked: Stakes[] = [];
    commands.pipeline.consent.answerWith((s) => {
      asked.push(s);
      return true;
    });
    await clearSandboxRequests();
    const text = textOf(
      await commands.tools.invoke(
        'kallyai_place_call',
        { input, toolInvocationToken: CHAT_TOKEN },
        new vscode.CancellationTokenSource().token,
      ),
    );
    assert.match(text, /^Not done: .*emergency|^Not done: .*911|^Not done:/i, text);
    assert.match(text, /error code: \w+/);
    assert.equal(asked.length, 0);
    assert.deepEqual(
      (await sandboxRequests()).filter((q) => q.path === '/v1/calls' && q.method === 'POST'),
      [],
    );
  });

  test('an API error is text with a next step, not an exception', async () => {
    await sandboxJson('/sandbox/faults', {
      method: 'POST',
      body: { method: 'GET', path: '^/v1/credits/balance$', status: 402, code: 'quota_exceeded', count: 5 },
    });
    const result = await vscode.lm.invokeTool('kallyai_get_credits', { input: {}, toolInvocationToken: undefined });
    assert.match(
      textOf(result),
      /^Not done: You are out of KallyAI credits.*\(error code: quota_exceeded\)\nThe user needs more credits/s,
    );
  });

  test('cancellation: a cancelled invocation stops and says so', async () => {
    // The sandbox holds the list for 10 minutes (past this suite's ceiling): an answer at all means
    // the cancellation stopped the wait. It is cancelled once the request has reached the sandbox.
    await clearSandboxRequests();
    await sandboxJson('/sandbox/faults', {
      method: 'POST',
      body: { method: 'GET', path: '^/v1/calls$', latencyMs: 600_000, count: 3 },
    });
    const source = new vscode.CancellationTokenSource();
    const pending = vscode.lm.invokeTool(
      'kallyai_list_calls',
      { input: {}, toolInvocationToken: undefined },
      source.token,
    );
    await waitFor(
      async () => (await sandboxRequests()).some((q) => q.method === 'GET' && q.path === '/v1/calls'),
      30_000,
      'the list request to reach the sandbox',
    );
    source.cancel();
    const outcome = await pending.then(textOf, (e: unknown) => `threw: ${e instanceof Error ? e.name : String(e)}`);
    assert.match(outcome, /Cancel/i, outcome);
    const before = new vscode.CancellationTokenSource();
    before.cancel();
    await clearSandboxRequests();
    const text = textOf(
      await commands.tools.invoke('kallyai_get_credits', { input: {}, toolInvocationToken: undefined }, before.token),
    );
    assert.match(text, /^Cancelled: nothing was done/);
    // (The live-call probe may ask for GET /v1/inbound/calls meanwhile: it runs every 10 s.)
    assert.deepEqual(
      (await sandboxRequests()).filter((r) => r.path !== '/v1/inbound/calls'),
      [],
    );
  });

  test("answers mask third parties' numbers unless the user asked for them", async () => {
    const masked = textOf(
      await vscode.lm.invokeTool('kallyai_list_calls', { input: { limit: 5 }, toolInvocationToken: undefined }),
    );
    assert.doesNotMatch(masked, /\+\d{11}/, masked.slice(0, 400));
    assert.match(masked, /•/);
    const full = textOf(
      await vscode.lm.invokeTool('kallyai_list_calls', {
        input: { limit: 5, include_full_numbers: true },
        toolInvocationToken: undefined,
      }),
    );
    assert.match(full, /\+\d{11}/);
  });
});

/** Records what a participant streams, as the chat view would show it. */
class RecordingStream implements vscode.ChatResponseStream {
  readonly markdowns: string[] = [];
  readonly buttons: vscode.Command[] = [];
  readonly progress_: string[] = [];
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
    this.progress_.push(value);
  }
  reference(): void {
    /* not used */
  }
  push(part: vscode.ChatResponsePart): void {
    if (part instanceof vscode.ChatResponseMarkdownPart) this.markdown(part.value);
    else if (part instanceof vscode.ChatResponseCommandButtonPart) this.button(part.value);
  }
  get text(): string {
    return unescapeMarkdown(this.markdowns.join(''));
  }
}

function chatRequest(prompt: string, command?: string): vscode.ChatRequest {
  return {
    prompt,
    command,
    references: [],
    toolReferences: [],
    toolInvocationToken: CHAT_TOKEN,
    model: undefined as unknown as vscode.LanguageModelChat,
  };
}

/** A response turn as VS Code keeps it in the history (the participant reads its result). */
const responseTurn = (result: vscode.ChatResult) =>
  ({ participant: PARTICIPANT_ID, response: [], result, command: undefined }) as unknown as vscode.ChatResponseTurn;

suite('Chat: the @kallyai participant (its handler, in the host)', function () {
  this.timeout(180_000);
  let commands: CommandsModule;

  suiteSetup(async () => {
    const exports = await signInToFreshSandbox();
    commands = exports.commands();
  });

  teardown(() => commands.pipeline.consent.answerWith(undefined));

  const ask = async (prompt: string, history: unknown[] = [], command?: string) => {
    const stream = new RecordingStream();
    const result = await commands.chat.handle(
      chatRequest(prompt, command),
      { history: history as vscode.ChatContext['history'] },
      stream,
      new vscode.CancellationTokenSource().token,
    );
    return {
      stream,
      result: result as vscode.ChatResult & { metadata: { conversationId?: string; suggestions?: string[] } },
    };
  };

  test('a new thread starts a KallyAI conversation; the reply, the goal card and its buttons stream back; a suggestion naming an action is a button, not a follow-up', async () => {
    await clearSandboxRequests();
    const { stream, result } = await ask('Book a table for 4 at an Italian place near me on Friday at 8pm');
    const log = (await sandboxRequests()).map((q) => `${q.method} ${q.path}`);
    assert.ok(log.includes('POST /v1/coordination/conversations'), log.join(', '));
    const sent = (await sandboxRequests()).find((q) => q.path === '/v1/coordination/message');
    assert.equal(sent?.body?.conversation_id, result.metadata.conversationId);
    assert.ok(result.metadata.conversationId);
    assert.match(stream.text, /I can do that/);
    assert.match(stream.text, /Goal:\*\* .*Book a table for 4/);
    assert.match(stream.text, /Status: /);
    assert.match(stream.text, /Waiting for you: /);
    const titles = stream.buttons.map((b) => b.title);
    assert.ok(titles.includes('Open Goal Page') && titles.includes('Show Budget'), titles.join(', '));
    assert.ok(titles.includes('Approve Step') || titles.includes('Approve Budget'), titles.join(', '));
    const approve = stream.buttons.find((b) => /^Approve/.test(b.title))!;
    assert.match(approve.command, /^kallyai\.goals\.approve(Step|Budget)$/);
    assert.equal(typeof (approve.arguments?.[0] as { id?: unknown }).id, 'string');
    assert.ok(stream.progress_.includes('Asking KallyAI…'));
    // The sandbox suggests "Approve the next step" / "Show the goal budget" (or the budget's): the
    // buttons above already run them, so none is a follow-up that would send it as a message.
    const followups = commands.chat.followups(result);
    assert.deepEqual(
      followups.filter((f) => /^(Approve the|Show the goal budget|Cancel the goal)/.test(f.prompt)),
      [],
      JSON.stringify(followups),
    );
    assert.equal(titles.filter((t) => /^Approve/.test(t)).length, 1, `one approve button: ${titles.join(', ')}`);
  });

  test('suggestions that are words to say become follow-ups', async () => {
    const { result } = await ask('Hello');
    const followups = commands.chat.followups(result);
    assert.ok(
      followups.length > 0 && followups.every((f) => typeof f.prompt === 'string' && f.prompt.length > 0),
      JSON.stringify(followups),
    );
    assert.ok(
      followups.some((f) => f.prompt === 'Book a table for 2 tonight'),
      JSON.stringify(followups),
    );
  });

  test('the same thread continues the same conversation; a new thread gets another', async () => {
    const first = await ask('Hello there');
    await clearSandboxRequests();
    const second = await ask('What is my credit balance?', [responseTurn(first.result)]);
    assert.equal(second.result.metadata.conversationId, first.result.metadata.conversationId);
    const log = await sandboxRequests();
    assert.equal(log.filter((q) => q.path === '/v1/coordination/conversations').length, 0, 'no new conversation');
    assert.equal(
      log.find((q) => q.path === '/v1/coordination/message')?.body?.conversation_id,
      first.result.metadata.conversationId,
    );
    assert.match(second.stream.text, /credits left/);
    const other = await ask('Hello again');
    assert.notEqual(other.result.metadata.conversationId, first.result.metadata.conversationId);
  });

  test('a conversation gone on the server: the message starts a new one, and says so', async () => {
    const { stream, result } = await ask('Hello', [
      responseTurn({ metadata: { conversationId: 'conversation-that-is-gone' } }),
    ]);
    assert.match(stream.text, /is gone; this message starts a new one/);
    assert.ok(result.metadata.conversationId && result.metadata.conversationId !== 'conversation-that-is-gone');
  });

  test('/credits, /goals and /inbox read and show; their buttons open the views', async () => {
    const credits = await ask('', [], 'credits');
    assert.match(credits.stream.text, /Credits remaining: /);
    const goals = await ask('', [], 'goals');
    assert.match(goals.stream.text, /Your goals \(\d+ of \d+\):/);
    assert.ok(goals.stream.buttons.some((b) => b.command === 'kallyai.goals.focus'));
    const inbox = await ask('', [], 'inbox');
    assert.match(inbox.stream.text, /unread\. Latest messages:/);
    assert.ok(inbox.stream.buttons.some((b) => b.command === 'kallyai.inbox.focus'));
  });

  test('/search costs credits: the modal asks; "no" searches nothing; "yes" shows results with Call buttons', async () => {
    const asked: Stakes[] = [];
    commands.pipeline.consent.answerWith((s) => {
      asked.push(s);
      return false;
    });
    await clearSandboxRequests();
    const declined = await ask('plumber in Brooklyn', [], 'search');
    assert.equal(asked.length, 1);
    assert.match(declined.stream.text, /Nothing was searched/);
    assert.deepEqual(
      (await sandboxRequests()).filter((q) => q.path === '/v1/search'),
      [],
    );
    commands.pipeline.consent.answerWith((s) => {
      asked.push(s);
      return true;
    });
    const found = await ask('plumber in Brooklyn', [], 'search');
    assert.match(found.stream.text, /Results for "plumber in Brooklyn":/);
    const call = found.stream.buttons.find((b) => b.command === 'kallyai.makeCall');
    assert.ok(call, found.stream.buttons.map((b) => b.title).join(', '));
    assert.match(String((call.arguments?.[0] as { prefill: { phone: string } }).prefill.phone), /^\+\d+/);
  });

  test('/call opens Make a Call with what the words say; the call waits for the wizard and its confirmation', async () => {
    const asked: Stakes[] = [];
    commands.pipeline.consent.answerWith((s) => {
      asked.push(s);
      return true;
    });
    await clearSandboxRequests();
    const pending = ask('Chat Call Trattoria +1 201 555 0161 tomorrow at 8pm table for 3', [], 'call');
    // The wizard's questions open prefilled: accept each one as it is.
    let done = false;
    void pending.finally(() => {
      done = true;
    });
    while (!done) {
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      await new Promise((r) => setTimeout(r, 150));
    }
    const { stream } = await pending;
    assert.equal(asked.length, 1, 'the call was confirmed once, with its stakes');
    assert.match(asked[0].whom ?? '', /Chat Call Trattoria at \+1 201 555 0161/);
    const post = (await sandboxRequests()).find((q) => q.method === 'POST' && q.path === '/v1/calls');
    const submission = (post?.body as { submission: Record<string, unknown> }).submission;
    const tomorrow = new Date(Date.now() + 86_400_000);
    const iso = `${tomorrow.getFullYear()}-${String(tomorrow.getMonth() + 1).padStart(2, '0')}-${String(tomorrow.getDate()).padStart(2, '0')}`;
    assert.deepEqual(
      [
        submission.respondent_phone,
        submission.business_name,
        submission.appointment_date,
        submission.appointment_time,
        submission.party_size,
        submission.task_category,
      ],
      ['+12015550161', 'Chat Call Trattoria', iso, '20:00', 3, 'restaurant'],
    );
    assert.match(stream.text, /Call to Chat Call Trattoria: /);
    assert.ok(stream.buttons.some((b) => b.command === 'kallyai.calls.openDetails'));
  });

  test('signed out: one sentence and a Sign In button, nothing sent', async () => {
    const auth = await extensionAuth();
    await auth.signOut();
    try {
      await clearSandboxRequests();
      const { stream } = await ask('Book a table');
      assert.match(stream.text, /Sign in to KallyAI/);
      assert.deepEqual(
        stream.buttons.map((b) => b.command),
        ['kallyai.signIn'],
      );
      assert.deepEqual(
        (await sandboxRequests()).filter((q) => q.path.startsWith('/v1/')),
        [],
      );
    } finally {
      await ensureSignedIn();
    }
  });

  test('an error becomes a sentence and the button that fixes it', async () => {
    const thread = [responseTurn((await ask('Hello')).result)];
    await sandboxJson('/sandbox/faults', {
      method: 'POST',
      body: { method: 'POST', path: '^/v1/coordination/message$', status: 402, code: 'quota_exceeded', count: 1 },
    });
    try {
      const { stream } = await ask('Book a table', thread);
      assert.match(stream.text, /out of KallyAI credits/);
      assert.ok(
        stream.buttons.some((b) => b.command === 'vscode.open'),
        stream.buttons.map((b) => b.command).join(', '),
      );
    } finally {
      await clearSandboxFaults();
    }
  });
});
