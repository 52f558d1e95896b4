/** The MCP server as an MCP client sees it: the bundle that ships (dist/mcp.js), started as a
 *  process and driven over stdio by the official SDK's client against the sandbox over real HTTP.
 *  It lists every tool of the table; every read-only tool runs at once, even for a client that
 *  cannot ask; every tool that is not read-only sends its one request with the right body only
 *  after the person's yes (an accepted elicitation naming the stakes), nothing when they decline
 *  or cancel, and nothing — with a refusal — for a client without elicitation. Errors are the
 *  presenter's sentences with `isError`; a lost answer's repeat sends the same Idempotency-Key;
 *  the person's question follows the request's language; service text is sanitised. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ops } from '../../src/api/catalogue';
import { visibleText } from '../../src/format/sinks';
import { toolInputSchema } from '../../src/tools/toolInput';
import { tools } from '../../src/tools/toolTable';
import { addFault, clearFaults, clearRequests, client, control, sandbox, type SandboxHandle } from './api.helpers';
import { SAMPLES } from './api.samples';
import {
  buildServer,
  homeWithSignIn,
  isRequestOf,
  serverRequests,
  startServer,
  toolArgs,
  type McpRun,
} from './mcp.helpers';

const root = resolve(__dirname, '../..');
const spanish = JSON.parse(readFileSync(join(root, 'l10n/bundle.l10n.es.json'), 'utf8')) as Record<string, string>;
const hostile = JSON.parse(readFileSync(join(root, 'test/shared/hostileText.json'), 'utf8')) as { payloads: string[] };

describe('the KallyAI MCP server over stdio', () => {
  let sb: SandboxHandle;
  let build: { dir: string; script: string };
  let home: string;
  /** Clients that answer yes, decline, and one without elicitation; all three stay connected. */
  let yes: McpRun;
  let no: McpRun;
  let cannotAsk: McpRun;
  const setupClient = () => client(sb);

  before(async () => {
    [sb, build] = await Promise.all([sandbox(), buildServer()]);
    ({ home } = await homeWithSignIn(sb));
    [yes, no, cannotAsk] = await Promise.all([
      startServer(build.script, { sandboxUrl: sb.url, home, answer: 'yes' }),
      startServer(build.script, { sandboxUrl: sb.url, home, answer: 'decline' }),
      startServer(build.script, { sandboxUrl: sb.url, home }),
    ]);
  });
  after(async () => {
    await Promise.all([yes, no, cannotAsk].map((run) => run?.close()));
    await sb?.close();
    await rm(home, { recursive: true, force: true });
    await rm(build.dir, { recursive: true, force: true });
  });

  it("answers tools/list with every tool of the table: its schema, its description, annotations from the catalogue's flags", async () => {
    const { tools: listed } = await cannotAsk.client.listTools();
    assert.deepEqual(
      listed.map((t) => t.name),
      tools.map((t) => t.name),
    );
    for (const spec of tools) {
      const tool = listed.find((t) => t.name === spec.name)!;
      assert.deepEqual(tool.inputSchema, toolInputSchema(spec), spec.name);
      assert.equal(tool.description, spec.modelDescription);
      assert.equal(tool.title, spec.title);
      assert.equal(tool.annotations?.readOnlyHint, spec.op.readOnly, spec.name);
      assert.equal(tool.annotations?.destructiveHint, !spec.op.readOnly && spec.op.irreversible, spec.name);
      // The consent is never the model's to give: no tool takes a confirmation of any kind.
      assert.ok(
        !Object.keys(tool.inputSchema.properties ?? {}).some((p) => /confirm|consent|approv/i.test(p)),
        `${spec.name} takes a confirmation`,
      );
    }
    const { serverInfo, instructions } = {
      serverInfo: cannotAsk.client.getServerVersion(),
      instructions: cannotAsk.client.getInstructions(),
    };
    assert.equal(serverInfo?.name, 'kallyai');
    assert.match(instructions ?? '', /asks the user first/);
  });

  describe('read-only tools run at once, asking nothing (even a client that cannot ask)', () => {
    for (const spec of tools.filter((t) => t.op.readOnly)) {
      it(spec.name, async () => {
        const args = toolArgs(spec, await SAMPLES[spec.op.id]({ client: setupClient(), sb }));
        await clearRequests(sb);
        const before = yes.asked.length;
        const result = await cannotAsk.call(spec.name, args);
        assert.equal(result.isError, false, result.text);
        assert.ok(result.text.length > 0);
        assert.equal(yes.asked.length, before);
        const sent = await serverRequests(sb);
        assert.equal(
          sent.filter((r) => isRequestOf(spec.op, r)).length,
          1,
          `${spec.name}: ${sent.map((r) => `${r.method} ${r.path}`).join(', ')}`,
        );
        assert.ok(
          sent.every((r) => r.method === 'GET' || isRequestOf(ops.budget.estimate, r)),
          'a read-only tool changes nothing',
        );
      });
    }
  });

  describe('every tool that is not read-only: one request after a yes, none after a no, a refusal where no one can be asked', () => {
    for (const spec of tools.filter((t) => !t.op.readOnly)) {
      it(spec.name, async () => {
        await control(sb, 'POST', '/sandbox/reset', {});
        const input = await SAMPLES[spec.op.id]({ client: setupClient(), sb });
        const args = toolArgs(spec, input);
        // The sample is entirely the tool's: what is sent is exactly the sample.
        const flatSample = {
          ...(input?.path as object | undefined),
          ...(input?.query as object | undefined),
          ...Object.fromEntries(
            Object.entries((input?.body ?? {}) as Record<string, unknown>).flatMap(([k, v]) =>
              k === spec.unwrap ? Object.entries(v as object) : [[k, v]],
            ),
          ),
        };
        assert.deepEqual(
          Object.keys(args).sort(),
          Object.keys(flatSample).sort(),
          `${spec.name}: the sample has input the tool does not offer`,
        );
        const sentForOp = async () => (await serverRequests(sb)).filter((r) => isRequestOf(spec.op, r));
        const nothingChanged = async () => {
          const sent = await serverRequests(sb);
          assert.deepEqual(
            sent
              .filter((r) => r.method !== 'GET' && !isRequestOf(ops.budget.estimate, r))
              .map((r) => `${r.method} ${r.path}`),
            [],
            `${spec.name} sent a change`,
          );
        };

        // A client that cannot ask: refused, nothing sent, the stakes named for the model.
        await clearRequests(sb);
        const refused = await cannotAsk.call(spec.name, args);
        assert.equal(refused.isError, true);
        assert.match(refused.text, /cannot ask them/);
        assert.match(refused.text, /nothing was sent/);
        assert.match(refused.text, /in VS Code/);
        await nothingChanged();

        // Declined: asked once, nothing sent.
        await clearRequests(sb);
        const askedBefore = no.asked.length;
        const declined = await no.call(spec.name, args);
        assert.equal(no.asked.length, askedBefore + 1);
        assert.equal(declined.isError, false);
        assert.match(declined.text, /declined .*nothing was done/);
        await nothingChanged();

        // Yes: asked once, naming the stakes; exactly one request, with the body the model gave.
        await clearRequests(sb);
        const yesBefore = yes.asked.length;
        const done = await yes.call(spec.name, args);
        assert.equal(yes.asked.length, yesBefore + 1);
        const question = yes.asked.at(-1)!;
        assert.equal(question.mode, 'form');
        const message = String(question.message);
        assert.match(message, /\?\n\n/, 'the question, then the stakes');
        assert.equal(/Estimated cost/.test(message), spec.op.costsCredits, message);
        assert.equal(/Your balance/.test(message), spec.op.costsCredits, message);
        assert.equal(/KallyAI will contact/.test(message), spec.op.contactsPeople, message);
        assert.equal(/This cannot be undone\./.test(message), spec.op.irreversible, message);
        assert.equal(done.isError, false, done.text);
        const sent = await sentForOp();
        assert.equal(sent.length, 1, `${spec.name}: ${sent.length} requests`);
        if (input?.body !== undefined) assert.deepEqual(sent[0].body, JSON.parse(JSON.stringify(input.body)));
        for (const id of Object.values((input?.path ?? {}) as Record<string, string>))
          assert.ok(sent[0].path.includes(encodeURIComponent(id)), `${sent[0].path} names ${id}`);
        if (spec.op.creates) assert.match(String(sent[0].headers['idempotency-key']), /^[\w-]{8,}$/);
      });
    }
  });

  it('a cancelled question, or an accepted form without the yes, sends nothing', async () => {
    const args = {
      task_category: 'restaurant',
      task_description: 'Book a table for 2 on Saturday at 9pm.',
      respondent_phone: '+12015550100',
      business_name: 'Not Called Bistro',
      timezone: 'Europe/Madrid',
    };
    for (const answer of ['cancel', 'acceptWithoutYes'] as const) {
      const run = await startServer(build.script, { sandboxUrl: sb.url, home, answer });
      try {
        await clearRequests(sb);
        const result = await run.call('kallyai_place_call', args);
        assert.equal(run.asked.length, 1, answer);
        assert.equal(result.isError, false);
        assert.match(result.text, /declined/);
        assert.deepEqual(
          (await serverRequests(sb)).filter((r) => isRequestOf(ops.calls.create, r)),
          [],
          answer,
        );
      } finally {
        await run.close();
      }
    }
  });

  it("input the operation refuses is refused before any question, in the error presenter's words", async () => {
    await clearRequests(sb);
    const before = yes.asked.length;
    const emergency = await yes.call('kallyai_place_call', {
      task_category: 'general',
      task_description: 'Ask whether they are open tonight.',
      respondent_phone: '911',
      timezone: 'UTC',
    });
    assert.equal(emergency.isError, true);
    assert.match(emergency.text, /^Not done: .*emergency/i);
    assert.match(emergency.text, /error code: /);
    const unknown = await yes.call('kallyai_approve_step', { id: 'g_1', surprise: true });
    assert.equal(unknown.isError, true);
    assert.equal(yes.asked.length, before, 'nothing was asked');
    assert.deepEqual(
      (await serverRequests(sb)).filter((r) => r.method !== 'GET'),
      [],
    );
    // A read that the service refuses: its sentence and code, as an error.
    const missing = await cannotAsk.call('kallyai_get_call', { call_id: '00000000-0000-4000-8000-000000000000' });
    assert.equal(missing.isError, true);
    assert.match(missing.text, /^Not done: .*\(error code: [a-z_0-9]+\)/);
    const unlisted = await cannotAsk.call('kallyai_make_coffee', {});
    assert.equal(unlisted.isError, true);
  });

  it('a call whose answer was lost is sent again with the same Idempotency-Key: one call is placed', async () => {
    const args = {
      task_category: 'restaurant',
      task_description: 'Book a table for 3 on Sunday at 1pm.',
      respondent_phone: '+12015550100',
      business_name: 'Idempotent Bistro',
      timezone: 'Europe/Madrid',
    };
    await clearRequests(sb);
    // Every attempt of the first call (the client retries with the same key) loses its answer.
    await addFault(sb, { path: '/v1/calls', method: 'POST', dropResponse: true, count: 4 });
    try {
      const lost = await yes.call('kallyai_place_call', args);
      assert.equal(lost.isError, true);
      assert.match(lost.text, /network_error|timeout/);
    } finally {
      await clearFaults(sb);
    }
    const again = await yes.call('kallyai_place_call', args);
    assert.equal(again.isError, false, again.text);
    const posts = (await serverRequests(sb)).filter((r) => isRequestOf(ops.calls.create, r));
    assert.ok(posts.length >= 2);
    assert.equal(new Set(posts.map((r) => r.headers['idempotency-key'])).size, 1, 'one key for every attempt');
    const placed = (await setupClient().execute(ops.calls.list, { query: { limit: 200 } })).calls.filter(
      (c) => c.submission?.business_name === 'Idempotent Bistro',
    );
    assert.equal(placed.length, 1, 'the call was placed once');
  });

  it("the question follows the request's language (acceptLanguage in _meta), the answer stays the model's English", async () => {
    const args = { id: '' };
    const goals = (await setupClient().execute(ops.coordination.goals)).goals;
    args.id = String(goals.find((g) => g.status === 'active' || g.status === 'pending')?.id);
    const before = no.asked.length;
    const result = await no.call('kallyai_cancel_goal', args, {
      'io.modelcontextprotocol/acceptLanguage': 'es-ES,es;q=0.9,en;q=0.5',
    });
    const message = String(no.asked[before].message);
    assert.ok(message.includes(spanish['This cannot be undone.']), message);
    const field = (no.asked[before] as { requestedSchema: { properties: Record<string, { description?: string }> } })
      .requestedSchema.properties.confirm;
    assert.ok(String(field.description).startsWith('Sí: '), field.description);
    assert.match(result.text, /^The user declined/);
    // The next request, without a language, is asked in English again.
    await no.call('kallyai_cancel_goal', args);
    assert.match(String(no.asked[before + 1].message), /This cannot be undone\./);
  });

  it("without a language in the request: the client's (--locale), else the environment's (LANG)", async () => {
    const goal = String(
      (await setupClient().execute(ops.coordination.goals)).goals.find(
        (g) => g.status === 'active' || g.status === 'pending',
      )?.id,
    );
    for (const launch of [{ args: ['--locale', 'es'] }, { env: { LANG: 'es_ES.UTF-8' } }]) {
      const run = await startServer(build.script, { sandboxUrl: sb.url, home, answer: 'decline', ...launch });
      try {
        await run.call('kallyai_cancel_goal', { id: goal });
        assert.ok(String(run.asked[0].message).includes(spanish['This cannot be undone.']), JSON.stringify(launch));
        // A request that asks for English gets English.
        await run.call('kallyai_cancel_goal', { id: goal }, { 'io.modelcontextprotocol/acceptLanguage': 'en-GB' });
        assert.match(String(run.asked[1].message), /This cannot be undone\./);
      } finally {
        await run.close();
      }
    }
  });

  it('service text in answers and questions is sanitised: no invisible characters, capped, no full phone numbers', async () => {
    await control(sb, 'POST', '/sandbox/seed-hostile', { payloads: hostile.payloads });
    try {
      for (const name of [
        'kallyai_list_goals',
        'kallyai_list_inbox',
        'kallyai_list_calls',
        'kallyai_list_receptionist_calls',
      ]) {
        const result = await cannotAsk.call(name, { limit: 50 });
        assert.equal(result.isError, false, `${name}: ${result.text.slice(0, 200)}`);
        assert.equal(visibleText(result.text), result.text, `${name} carries invisible characters`);
        assert.ok(result.text.length <= 8_100, `${name}: ${result.text.length} characters`);
        assert.doesNotMatch(result.text, /\+1 ?\(?201\)? ?555[ -]?01\d\d/, `${name} shows a full number`);
      }
      const goal = (await setupClient().execute(ops.coordination.goals, { query: { limit: 200 } })).goals.find(
        (g) => g.waiting_for === 'step_approval',
      );
      assert.ok(goal?.id, 'a hostile goal waits for step approval');
      const before = no.asked.length;
      await no.call('kallyai_approve_step', { id: goal.id });
      const message = String(no.asked[before].message);
      assert.equal(visibleText(message), message);
      assert.doesNotMatch(message, /\]\(|\]\[|\]:/, 'no label meets a target');
      assert.ok(message.length <= 2_400);
    } finally {
      await control(sb, 'POST', '/sandbox/reset', {});
    }
  });
});
