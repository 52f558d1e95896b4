// What a screen reader hears (issue 25), in the real extension host against the sandbox's seeded
// data: a row whose icon carries a meaning — a goal or a step that needs you, a failed call, a live
// call, an unread message — says it in words in its accessibilityInformation, first; the status-bar
// balance and the notifications bell read as sentences.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Views, ViewNode } from '../../src/views';
import { resetSandbox, sandboxApi, sandboxUrl, waitFor } from './helpers';
import { signInToFreshSandbox } from './signIn';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type Provider = Views['testing']['providers'][keyof Views['testing']['providers']];

let views: Views;

const kids = async (p: Provider, n?: ViewNode) => p.getChildren(n);
const spoken = (n: ViewNode) => String(n.item.accessibilityInformation?.label ?? '');
/** Every node of a view, depth first, down to `depth` levels. */
async function allNodes(p: Provider, depth = 3, n?: ViewNode): Promise<ViewNode[]> {
  if (depth === 0) return [];
  const out: ViewNode[] = [];
  for (const child of await kids(p, n)) {
    out.push(child);
    if (child.item.collapsibleState !== vscode.TreeItemCollapsibleState.None)
      out.push(...(await allNodes(p, depth - 1, child)));
  }
  return out;
}

suite('Accessibility: what a screen reader hears of the views and the status bar', function () {
  this.timeout(120_000);

  suiteSetup(async () => {
    const exports = await signInToFreshSandbox();
    views = exports.views;
    await vscode.commands.executeCommand('workbench.view.extension.kallyai');
    await views.refresh();
    for (const name of ['goals', 'calls', 'inbox', 'receptionist', 'credits'] as const)
      await views.testing.providers[name].loader.load('mutation');
  });

  suiteTeardown(async () => {
    await resetSandbox();
  });

  test('Goals: a goal and a step that need you say so first; every goal row says its status', async () => {
    const goals = views.testing.providers.goals;
    const needsYou = (await kids(goals)).find((n) => n.id === 'goals/group/needsYou');
    assert.ok(needsYou, 'the Needs you group');
    const waiting = await kids(goals, needsYou);
    assert.ok(waiting.length > 0, 'goals that need you');
    for (const n of waiting) {
      assert.match(spoken(n), /^Needs your attention, Goal /, `${n.id}: "${spoken(n)}"`);
      const title = String((n as unknown as { goal: Json }).goal.title);
      assert.ok(spoken(n).includes(title), `${n.id} says its title`);
    }
    const dinner = waiting.find((n) => (n as unknown as { goal: Json }).goal.waiting_for === 'step_approval')!;
    const steps = (await kids(goals, dinner)).filter((n) => n.kind === 'step');
    const current = steps.filter((s) => /waitingStep/.test(String(s.item.contextValue)));
    assert.equal(current.length, 1, 'one step waits for approval');
    assert.match(spoken(current[0]), /^Needs your attention, Step .*Waiting for your approval/);
    for (const s of steps.filter((x) => !current.includes(x)))
      assert.doesNotMatch(spoken(s), /Needs your attention/, `${s.id} does not need you`);
    // The role stays a tree item's (none given).
    assert.equal(current[0].item.accessibilityInformation?.role, undefined);
  });

  test('Calls: a failed call says Failed, a live call says Live', async () => {
    const calls = views.testing.providers.calls;
    const { calls: served } = await sandboxApi<{ calls: Json[] }>('/v1/calls?limit=50');
    const failed = served.find((c) => c.status === 'failed');
    assert.ok(failed, 'the sandbox has a failed call');
    const failedNode = (await kids(calls)).find((n) => n.id === `calls/${failed.call_id}`)!;
    assert.match(spoken(failedNode), /^Call with .*Failed/, spoken(failedNode));

    const session = await vscode.authentication.getSession('kallyai', [], { silent: true });
    void fetch(`${sandboxUrl()}/v1/calls`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${session!.accessToken}`,
        'content-type': 'application/json',
        'idempotency-key': `a11y-${Date.now()}`,
      },
      body: JSON.stringify({
        submission: {
          task_category: 'general',
          task_description: 'Ask about the opening hours on Sunday.',
          respondent_phone: '+12015550199',
          business_name: 'Screen Reader Test',
        },
        timezone: 'UTC',
      }),
    }).catch(() => undefined);
    const live = await waitFor(
      async () => {
        await calls.loader.load('mutation');
        const first = (await kids(calls))[0];
        return first?.item.contextValue === 'call live' ? first : undefined;
      },
      10_000,
      'the live call on top of the Calls view',
      100,
    );
    assert.match(spoken(live), /^Live, Call with Screen Reader Test/, spoken(live));
    await vscode.commands.executeCommand('kallyai.calls.stop', live, undefined, { confirmed: true });
  });

  test('Receptionist: a call KallyAI is answering now says Live', async () => {
    const receptionist = views.testing.providers.receptionist;
    const liveGroup = (await kids(receptionist)).find((n) => n.id.endsWith('live') || /Live now/.test(nodeText(n)));
    assert.ok(liveGroup, 'the Live now group');
    const live = await kids(receptionist, liveGroup);
    const calls = live.filter((n) => n.kind === 'inboundCall');
    assert.ok(calls.length > 0, 'a live call in the seed');
    for (const n of calls) assert.match(spoken(n), /^Live call from /, spoken(n));
  });

  test('Inbox: an unread message says Unread, a read one does not', async () => {
    const nodes = (await allNodes(views.testing.providers.inbox)).filter((n) => n.kind === 'message');
    const unread = nodes.filter((n) => (n as unknown as { message: Json }).message.unread);
    const read = nodes.filter((n) => !(n as unknown as { message: Json }).message.unread);
    assert.ok(unread.length > 0 && read.length > 0, 'the seed has read and unread messages');
    for (const n of unread) assert.match(spoken(n), /^Unread message from /, spoken(n));
    for (const n of read) assert.doesNotMatch(spoken(n), /unread/i, spoken(n));
  });

  test('Status bar: the balance and the bell read as sentences', async () => {
    const { remaining } = (await (await fetch(`${sandboxUrl()}/sandbox/state`)).json()).credits;
    const balance = await waitFor(
      () => {
        const label = views.testing.statusBar.accessibilityInformation?.label;
        return label && /balance is/.test(label) ? label : undefined;
      },
      10_000,
      'the balance in the status bar',
    );
    assert.match(balance, new RegExp(`^Your KallyAI balance is ${String(remaining).replace('.', '\\.')} credits`));
    assert.match(balance, /\.$/, 'a sentence');
    await views.refresh();
    const bell = await waitFor(
      () => {
        const label = views.testing.notificationsItem.accessibilityInformation?.label;
        return label && !/not checked yet/.test(label) ? label : undefined;
      },
      30_000,
      'the bell to know what needs you',
    );
    assert.match(bell, /^KallyAI notifications: .*(wait for you|to approve|unread message).*\.$/, bell);
  });
});

function nodeText(n: ViewNode): string {
  const label = n.item.label;
  return typeof label === 'string' ? label : (label?.label ?? '');
}
