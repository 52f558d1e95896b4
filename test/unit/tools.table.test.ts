/** The language-model tools as data: package.json and the README are generated from the table; each
 *  tool is one catalogue operation with an input schema taken from its zod schemas; a flagged
 *  operation has consent wording; a model's input goes back into the operation's shape; answers
 *  carry no secrets and no full phone numbers unless asked. Plain Node, no vscode. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { allOperations, ops } from '../../src/api/catalogue';
import { prepareRequest } from '../../src/api/requestInput';
import { CHAT_PARTICIPANT } from '../../src/chat/chatCommands';
import { presentationOf, presentations } from '../../src/presentation';
import { asksAgent, buildStakes, changesText, consentSpecFor, needsConsent } from '../../src/pipeline/consent/stakes';
import { confirmationText } from '../../src/tools/toolConfirmation';
import { declinedText, errorText, modelText } from '../../src/tools/modelText';
import { toolInputSchema, toolRequest } from '../../src/tools/toolInput';
import { withReadmeToolTable } from '../../scripts/manifest/toolManifest';
import { tools, toolNamed } from '../../src/tools/toolTable';
import { builtManifest } from './manifestFiles';

const root = path.resolve(__dirname, '../..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
const nls = JSON.parse(fs.readFileSync(path.join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;

describe('the tool table', () => {
  it('package.json declares exactly the table (run `npm run manifest` after a change), and the participant', () => {
    const expected = builtManifest().pkg.contributes as typeof pkg.contributes;
    assert.deepEqual(pkg.contributes.languageModelTools, expected.languageModelTools);
    assert.deepEqual(pkg.contributes.chatParticipants, expected.chatParticipants);
    // Their text is the table's, through package.nls.json.
    assert.deepEqual(
      pkg.contributes.languageModelTools.map((t: { displayName: string }) => nls[t.displayName.slice(1, -1)]),
      tools.map((t) => t.title),
    );
    assert.equal(nls[pkg.contributes.chatParticipants[0].description.slice(1, -1)], CHAT_PARTICIPANT.description);
    assert.equal(readme, withReadmeToolTable(readme, tools), 'README.md is out of date: run `npm run manifest`');
  });

  it('a few dozen tools, named for models, each one catalogue operation, described for a model', () => {
    assert.ok(tools.length >= 20 && tools.length <= 40, `${tools.length} tools`);
    const names = tools.map((t) => t.name);
    assert.equal(new Set(names).size, names.length, 'duplicate tool names');
    const catalogue = new Set(allOperations.map((o) => o.id));
    for (const t of tools) {
      assert.match(t.name, /^kallyai_[a-z_]+$/, t.name);
      assert.ok(catalogue.has(t.op.id), `${t.name}: ${t.op.id} is not in the catalogue`);
      assert.ok(
        t.modelDescription.length >= 60 && t.modelDescription.length <= 1200,
        `${t.name}: description of ${t.modelDescription.length} characters`,
      );
      assert.ok(t.title.length > 3 && t.userDescription.length > 10, t.name);
      if (t.reference) assert.ok(t.op.readOnly, `${t.name}: only read tools are referenced with #`);
      // A tool that changes anything says in its own description that the user confirms first.
      if (!t.op.readOnly)
        assert.match(t.modelDescription, /confirm/i, `${t.name} does not tell the model the user confirms`);
      for (const hinted of Object.keys(t.hints ?? {}))
        assert.ok(toolInputSchema(t).properties[hinted], `${t.name}: hint for unknown property ${hinted}`);
    }
  });

  it("every flagged tool has its operation's consent wording (the question the person answers)", () => {
    const missing = tools.filter((t) => needsConsent(t.op) && !presentationOf(t.op)?.consent).map((t) => t.name);
    assert.deepEqual(missing, []);
  });

  it("the input schema is the operation's own: path parameters, query and body fields; calls.create flat", () => {
    const call = toolInputSchema(toolNamed('kallyai_place_call')!);
    assert.deepEqual(call.required, ['task_category', 'task_description', 'respondent_phone', 'timezone']);
    assert.deepEqual(call.properties.task_category.enum, ['restaurant', 'clinic', 'hotel', 'general']);
    assert.equal(call.properties.party_size.maximum, 50);
    assert.equal(call.properties.user_phone, undefined, 'omitted');
    assert.equal(call.additionalProperties, false);
    const approve = toolInputSchema(toolNamed('kallyai_approve_step')!);
    assert.deepEqual(approve.required, ['id']);
    assert.match(String(approve.properties.id.description), /kallyai_list_goals/);
    const goals = toolInputSchema(toolNamed('kallyai_list_goals')!);
    assert.deepEqual(goals.properties.status.enum, ['active', 'completed', 'cancelled', 'pending', 'archived']);
  });

  it("a model's input goes back into the operation's shape, and validates as the operation's", () => {
    const spec = toolNamed('kallyai_place_call')!;
    const { input, fullNumbers } = toolRequest(
      spec,
      {
        task_category: 'restaurant',
        task_description: 'Book a table for 4 on Friday at 8pm',
        respondent_phone: '(201) 555-0100',
        business_name: "Luigi's",
        party_size: 4,
        language: 'en',
        call_language: 'en',
        timezone: 'Europe/Madrid',
        include_full_numbers: true,
      },
      'US',
    );
    assert.equal(fullNumbers, true);
    assert.deepEqual(input, {
      body: {
        submission: {
          task_category: 'restaurant',
          task_description: 'Book a table for 4 on Friday at 8pm',
          respondent_phone: '+12015550100',
          business_name: "Luigi's",
          party_size: 4,
          language: 'en',
          call_language: 'en',
        },
        timezone: 'Europe/Madrid',
      },
    });
    assert.doesNotThrow(() => prepareRequest(spec.op, input as never));
    const step = toolRequest(toolNamed('kallyai_approve_step')!, { id: 'g_1' }, 'US');
    assert.deepEqual(step.input, { path: { id: 'g_1' } });
    const goals = toolRequest(toolNamed('kallyai_list_goals')!, { status: 'active', limit: 5 }, 'US');
    assert.deepEqual(goals.input, { query: { status: 'active', limit: 5 } });
    // Something the operation does not take is refused by its strict schema, before any request.
    const odd = toolRequest(toolNamed('kallyai_estimate_cost')!, { type: 'call', description: 'x', surprise: 1 }, 'US');
    assert.throws(() => prepareRequest(toolNamed('kallyai_estimate_cost')!.op, odd.input as never));
    // An email target stays an email address.
    assert.equal(
      toolRequest(toolNamed('kallyai_reach_out')!, { channel: 'email', target: 'a@b.co', description: 'x' }, 'US').input
        .body?.target,
      'a@b.co',
    );
  });
});

describe('agents ask before any change: every tool walked', () => {
  // What the catalogue says, checked against a list written out by hand: a tool that moves from one
  // to the other is a decision, not an accident.
  const READ_ONLY = [
    'kallyai_list_goals',
    'kallyai_get_goal',
    'kallyai_get_goal_budget',
    'kallyai_conversation_history',
    'kallyai_list_calls',
    'kallyai_get_call',
    'kallyai_get_transcript',
    'kallyai_list_inbox',
    'kallyai_read_message',
    'kallyai_list_email_drafts',
    'kallyai_list_receptionist_calls',
    'kallyai_list_voicemails',
    'kallyai_list_outreach',
    'kallyai_get_credits',
    'kallyai_estimate_cost',
  ];
  const ctx = { input: {}, client: undefined as never, baseUrl: 'https://api.kallyai.com' };

  it("read-only is the catalogue's derived property; only these tools have it", () => {
    assert.deepEqual(
      tools
        .filter((t) => t.op.readOnly)
        .map((t) => t.name)
        .sort(),
      [...READ_ONLY].sort(),
    );
    for (const t of tools) {
      assert.equal(asksAgent(t.op), !t.op.readOnly, t.name);
      if (t.op.readOnly)
        assert.ok(t.op.method === 'GET' || t.op.id === 'budget.estimate', `${t.name}: ${t.op.method} ${t.op.path}`);
    }
    assert.ok(tools.length - READ_ONLY.length >= 12, 'tools that ask');
  });

  it('every tool that is not read-only yields a confirmation: a question, and the stakes or what it changes', () => {
    let asking = 0;
    for (const t of tools.filter((x) => !x.op.readOnly)) {
      const stakes = buildStakes(
        t.op,
        consentSpecFor(t.op, presentationOf(t.op)),
        ctx as never,
        { kind: 'unknown' },
        undefined,
      );
      const { title, message: markdown } = confirmationText(stakes);
      const message = markdown.text;
      assert.match(title, /\?$/, `${t.name}: "${title}" is not a question`);
      assert.ok(title.length > 6 && message.length > 4, `${t.name}: ${title} / ${message}`);
      assert.equal(/KallyAI will contact/.test(message), t.op.contactsPeople, `${t.name} contacts: ${message}`);
      assert.equal(/This cannot be undone\./.test(message), t.op.irreversible, `${t.name} undo: ${message}`);
      assert.equal(/Estimated cost/.test(message), t.op.costsCredits, `${t.name} credits: ${message}`);
      if (!needsConsent(t.op))
        assert.ok(message.includes(changesText(t.op)), `${t.name} names what it changes: ${message}`);
      asking++;
    }
    assert.equal(asking, tools.length - READ_ONLY.length);
  });

  it('kallyai_reschedule_call asks, naming the business, its number and the new time', () => {
    const spec = toolNamed('kallyai_reschedule_call')!;
    const target = {
      call_id: 'c_1',
      status: 'scheduled',
      scheduled_for: '2026-12-04T18:00:00Z',
      submission: { business_name: "Luigi's", respondent_phone: '+12015550100' },
    };
    const stakes = buildStakes(
      spec.op,
      consentSpecFor(spec.op, presentationOf(spec.op)),
      { ...ctx, input: { path: { call_id: 'c_1' }, body: { date: '2026-12-05', time: '20:30' } }, target } as never,
      { kind: 'unknown' },
      undefined,
    );
    const { title, message: markdown } = confirmationText(stakes);
    const message = markdown.text;
    assert.match(title, /^Move the call to Luigi's to .*5.*, 20:30\?$/);
    assert.match(message, /KallyAI will contact Luigi's at \+1 201 555 0100\./);
    assert.match(message, /It was to be placed .*; KallyAI calls at the new time instead\./);
    assert.deepEqual([stakes.confirm, stakes.decline], ['Reschedule Call', 'Keep Time']);
  });

  it("an unflagged change asks in its command's words and names what it changes (every such operation with a command)", () => {
    const unflagged = presentations.filter((p) => !p.op.readOnly && !needsConsent(p.op) && !p.consent && p.command);
    assert.ok(unflagged.length >= 15, `${unflagged.length} unflagged changes`);
    for (const p of unflagged) {
      const stakes = buildStakes(p.op, consentSpecFor(p.op, p), ctx as never, { kind: 'unknown' }, undefined);
      assert.equal(stakes.question, `${p.command!.title.replace(/…$/, '')}?`, p.op.id);
      assert.deepEqual(stakes.lines, [changesText(p.op)], p.op.id);
      assert.notEqual(stakes.confirm, 'Cancel', p.op.id);
    }
    const markRead = buildStakes(
      ops.messages.markRead,
      consentSpecFor(ops.messages.markRead, presentationOf(ops.messages.markRead)),
      ctx as never,
      { kind: 'unknown' },
      undefined,
    );
    assert.deepEqual(
      [markRead.question, markRead.lines, markRead.confirm, markRead.decline],
      ['Mark as Read?', ['This changes your inbox.'], 'Mark as Read', 'Not Now'],
    );
    assert.equal(changesText(ops.referrals.track), 'This changes something in your KallyAI account.');
  });

  it('the README says which tools ask: read-only ones run without asking, every other asks first', () => {
    for (const t of tools) {
      const row = readme.split('\n').find((line) => line.startsWith(`| \`${t.name}\` |`)) ?? '';
      assert.match(row, t.op.readOnly ? /runs without asking \(reads\) \|$/ : /\*\*asks first\*\* \(.+\) \|$/, row);
    }
  });
});

describe('answers for a model', () => {
  it('a lead line, then fields; no secrets; phone numbers masked unless asked for', () => {
    const data = {
      calls: [
        {
          call_id: 'c_1',
          status: 'completed',
          business_name: "Luigi's",
          respondent_phone: '+12015550100',
          access_token: 'eyJhbGciOi.abc.def',
          notes: null,
        },
      ],
    };
    const text = modelText('1 call(s).', data);
    assert.match(text, /^1 call\(s\)\.\ncalls:\n {2}- call_id: c_1\n {4}status: completed\n {4}business_name: Luigi's/);
    assert.doesNotMatch(text, /2015550100|eyJ|access_token|notes/);
    assert.match(modelText(undefined, data, { fullNumbers: true }), /\+12015550100/);
  });

  it('long lists are cut short and say so', () => {
    const text = modelText(undefined, { items: Array.from({ length: 60 }, (_, i) => ({ n: i })) });
    assert.match(text, /… and 35 more/);
  });

  it('errors and refusals are sentences with a next step, not exceptions', () => {
    assert.match(
      errorText({ code: 'quota_exceeded', sentence: 'You are out of KallyAI credits.', action: 'openPricing' }),
      /^Not done: You are out of KallyAI credits\. \(error code: quota_exceeded\)\nThe user needs more credits/,
    );
    assert.match(declinedText("Call Luigi's now?"), /declined.*nothing was done/);
  });
});
