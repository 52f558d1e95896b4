// Phone numbers in the real extension host against the sandbox: the view (forwarding, caller ID,
// hand-off phones), provisioning (consent naming the number and its monthly price), release
// (consent: it cannot be had back), forwarding and an unknown country refused before anything is
// sent, verification (a wrong code → the API's error as a sentence), and phone_not_provisioned
// with its "Provision a Number" action.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CommandsModule } from '../../src/app';
import { actionLabel } from '../../src/format';
import type { Views } from '../../src/views';
import {
  answerConsents,
  clearSandboxRequests,
  nodeLabel,
  resetSandbox,
  sandboxApi,
  sandboxJson,
  sandboxRequests,
} from './helpers';
import { signInToFreshSandbox } from './signIn';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let commands: CommandsModule;
let views: Views;
const state = () => sandboxJson<Json>('/sandbox/state');
const answer = (yes: boolean) => answerConsents(commands, yes);

suite('Phone numbers', function () {
  this.timeout(120_000);

  suiteSetup(async () => {
    const exports = await signInToFreshSandbox();
    views = exports.views;
    commands = exports.commands();
  });

  teardown(() => commands.pipeline.consent.answerWith(undefined));
  suiteTeardown(async () => {
    await resetSandbox();
  });

  test('the view: each number with where it forwards and its caller-ID name; the hand-off phones', async () => {
    const provider = views.testing.providers.phoneNumbers;
    await provider.loader.load('user');
    const roots = await provider.getChildren();
    assert.deepEqual(roots.map(nodeLabel), ['+1 415 555 0134', 'Hand-off phones']);
    assert.equal(roots[0].item.description, 'United States · forwards to +1 201 555 0177 · caller ID “Demo User”');
    assert.match(String(roots[0].item.contextValue), /\bhasForwarding\b/);
    assert.deepEqual(
      (await provider.getChildren(roots[0])).map((n) => `${nodeLabel(n)}: ${String(n.item.description ?? '')}`),
      ['Forwarding: +1 201 555 0177', 'Caller ID: Demo User', 'Details: '],
    );
    assert.deepEqual(
      (await provider.getChildren(roots[1])).map((n) => `${nodeLabel(n)} ${String(n.item.description)}`),
      ['+1 201 555 0177 My mobile · verified'],
    );
  });

  test('Provision asks first, naming the number, where it is and its monthly price; then it is yours', async () => {
    const offered = await sandboxApi('/v1/phone-numbers/available?country=US&area_code=415');
    const wanted = offered.numbers[1].phone_number as string;
    const asked = answer(false);
    await clearSandboxRequests();
    const declined = await vscode.commands.executeCommand<Json>('kallyai.phone.provision', {
      body: { country: 'US', phone_number: wanted },
    });
    assert.equal(declined.outcome, 'dismissed');
    assert.ok(!(await sandboxRequests()).some((q) => q.path === '/v1/phone-numbers/provision'), 'nothing provisioned');
    const s = asked[0];
    const readable = `+1 415 555 ${wanted.slice(-4)}`;
    assert.equal(s.question, `Provision ${readable}?`);
    assert.match(s.lines.join('\n'), /A new KallyAI number in San Francisco, United States/);
    assert.match(s.lines.join('\n'), /It costs 5 credits a month until you release it\./);
    assert.match(s.lines.join('\n'), /Estimated cost: about 5 credits/);
    assert.match(s.lines.join('\n'), /Your balance: [\d.]+ credits/);
    assert.deepEqual([s.confirm, s.decline], ['Provision Number', "Don't Provision"]);
    answer(true);
    const done = await vscode.commands.executeCommand<Json>('kallyai.phone.provision', {
      body: { country: 'US', phone_number: wanted },
    });
    assert.equal(done.outcome, 'done', JSON.stringify(done));
    assert.ok(
      (await state()).phoneNumbers.some((n: Json) => n.phone_number === wanted),
      'the very number picked',
    );
  });

  test('Release asks first: it names the number and says it cannot be had back', async () => {
    const number = (await state()).phoneNumbers[0];
    const asked = answer(false);
    const r = await vscode.commands.executeCommand<Json>('kallyai.phone.release', { id: number.id });
    assert.equal(r.outcome, 'dismissed');
    assert.equal(asked[0].question, 'Release +1 415 555 0134?');
    assert.match(asked[0].lines.join('\n'), /you cannot get this number back/);
    assert.ok(asked[0].lines.includes('This cannot be undone.'));
    assert.deepEqual([asked[0].confirm, asked[0].decline], ['Release Number', 'Keep Number']);
    assert.equal((await state()).phoneNumbers.length >= 1, true);
  });

  test('forwarding: a valid number is set, a bad one and an unknown country are refused before anything is sent', async () => {
    const number = (await state()).phoneNumbers[0];
    await clearSandboxRequests();
    const bad = await vscode.commands.executeCommand<Json>('kallyai.phone.setForwarding', {
      id: number.id,
      body: { forwarding_number: '555-12' },
    });
    assert.equal(bad.code, 'invalid_input');
    const emergency = await vscode.commands.executeCommand<Json>('kallyai.phone.setForwarding', {
      id: number.id,
      body: { forwarding_number: '112' },
    });
    assert.match(emergency.message, /Emergency/);
    const country = await vscode.commands.executeCommand<Json>('kallyai.phone.available', {
      query: { country: 'XX' },
      quiet: true,
    });
    assert.equal(country.code, 'invalid_input');
    assert.match(country.message, /not a country code/);
    const provision = await vscode.commands.executeCommand<Json>('kallyai.phone.provision', {
      body: { country: 'QQ' },
      confirmed: true,
    });
    assert.equal(provision.code, 'invalid_input');
    const sent = (await sandboxRequests()).map((q) => `${q.method} ${q.path}`);
    assert.deepEqual(
      sent.filter((r) => !r.startsWith('GET ') || /available/.test(r)),
      [],
      `nothing sent: ${sent.join(', ')}`,
    );
    const ok = await vscode.commands.executeCommand<Json>('kallyai.phone.setForwarding', {
      id: number.id,
      body: { forwarding_number: '+12015550188' },
    });
    assert.equal(ok.outcome, 'done');
    assert.equal((await state()).phoneNumbers.find((n: Json) => n.id === number.id).forwarding_number, '+12015550188');
    const removed = await vscode.commands.executeCommand<Json>('kallyai.phone.removeForwarding', { id: number.id });
    assert.equal(removed.outcome, 'done');
    assert.equal((await state()).phoneNumbers.find((n: Json) => n.id === number.id).forwarding_number, null);
  });

  test('verification: the code is sent with consent; a wrong code is the API error as a sentence; the right one verifies', async () => {
    const asked = answer(true);
    const start = await vscode.commands.executeCommand<Json>('kallyai.phone.verifyStart', {
      body: { phone_number: '+12015550166' },
    });
    assert.equal(start.outcome, 'done');
    assert.equal(asked[0].question, 'Text a verification code to +1 201 555 0166?');
    assert.match(asked[0].lines.join('\n'), /KallyAI will contact \+1 201 555 0166/);
    const wrong = await vscode.commands.executeCommand<Json>('kallyai.phone.verifyCheck', {
      body: { phone_number: '+12015550166', code: '000000' },
    });
    assert.equal(wrong.code, 'invalid_code');
    assert.equal(
      wrong.message,
      'That verification code is not right. Check the text message and enter the code again, or send a new code.',
    );
    const never = await vscode.commands.executeCommand<Json>('kallyai.phone.verifyCheck', {
      body: { phone_number: '+12015550167', code: '123456' },
    });
    assert.equal(never.code, 'verification_not_started');
    const right = await vscode.commands.executeCommand<Json>('kallyai.phone.verifyCheck', {
      body: { phone_number: '+12015550166', code: '123456' },
    });
    assert.equal(right.outcome, 'done');
    assert.equal((await state()).verifications['+12015550166'].verified, true);
    const malformed = await vscode.commands.executeCommand<Json>('kallyai.phone.verifyCheck', {
      body: { phone_number: '+12015550166', code: '12' },
    });
    assert.equal(malformed.code, 'invalid_input');
  });

  test('without a number, a rule cannot be added: the sentence says so and its button provisions one', async () => {
    answer(true);
    for (const n of (await state()).phoneNumbers)
      await vscode.commands.executeCommand('kallyai.phone.release', { id: n.id });
    assert.equal((await state()).phoneNumbers.length, 0);
    await views.testing.providers.phoneNumbers.loader.load('mutation');
    const roots = await views.testing.providers.phoneNumbers.getChildren();
    assert.equal(nodeLabel(roots[0]), 'No KallyAI number yet — Provision a Number…');
    assert.equal(roots[0].item.command?.command, 'kallyai.phone.provision');
    const r = await vscode.commands.executeCommand<Json>('kallyai.receptionist.addRule', {
      body: {
        name: 'VIPs to me',
        action: 'transfer',
        conditions: { caller_vip: true },
        action_config: { target: '+12015550177' },
      },
    });
    assert.deepEqual([r.outcome, r.code, r.action], ['failed', 'phone_not_provisioned', 'provisionNumber']);
    assert.match(r.message, /You have no KallyAI phone number yet/);
    assert.equal(actionLabel('provisionNumber'), 'Provision a Number');
    assert.ok(
      (await vscode.commands.getCommands(true)).includes('kallyai.phone.provision'),
      'the button runs a command that exists',
    );
  });
});
