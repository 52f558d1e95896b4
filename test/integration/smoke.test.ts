// The extension loads in a real VS Code extension host, its views exist, and the
// launcher's sandbox URL reached both the user settings and the extension's own settings reader.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, EXTENSION_ID, extensionManifest, sandboxUrl } from './helpers';

const VIEW_IDS = [
  'kallyai.goals',
  'kallyai.calls',
  'kallyai.credits',
  'kallyai.inbox',
  'kallyai.activity',
  'kallyai.email',
  'kallyai.receptionist',
  'kallyai.phoneNumbers',
];

suite('Smoke: the extension in a real host', () => {
  test('activates and reports its activation time', async () => {
    const exports = await activateExtension();
    assert.equal(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, true);
    assert.equal(typeof exports.activationMs, 'number');
    assert.ok(exports.activationMs >= 0, `activationMs = ${exports.activationMs}`);
  });

  test('the manifest contributes the KallyAI container with its views', () => {
    const contributes = extensionManifest().contributes as {
      viewsContainers: { activitybar: Array<{ id: string; title: string }> };
      views: Record<string, Array<{ id: string }>>;
    };
    assert.deepEqual(
      contributes.viewsContainers.activitybar.map((c) => [c.id, c.title]),
      [['kallyai', 'KallyAI']],
    );
    const ids = contributes.views.kallyai.map((v) => v.id);
    assert.deepEqual(ids, VIEW_IDS);
    // Open at first only what a new person needs (what waits for them, their calls, their credits),
    // on top; the others are folded below them.
    const views = contributes.views.kallyai as Array<{ id: string; visibility?: string }>;
    assert.deepEqual(
      views.filter((v) => v.visibility !== 'collapsed').map((v) => v.id),
      ['kallyai.goals', 'kallyai.calls', 'kallyai.credits'],
    );
  });

  for (const id of VIEW_IDS) {
    test(`view ${id} is registered and can be focused`, async () => {
      const commands = await vscode.commands.getCommands(true);
      assert.ok(commands.includes(`${id}.focus`), `${id}.focus is not a command: the view is not registered`);
      await vscode.commands.executeCommand(`${id}.focus`);
    });
  }

  test('kallyai.apiBaseUrl points at the sandbox the launcher started', async () => {
    const url = sandboxUrl();
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(vscode.workspace.getConfiguration('kallyai').get<string>('apiBaseUrl'), url);
    const exports = await activateExtension();
    assert.equal(exports.services.settings().apiBaseUrl, url);
  });

  test('the sandbox answers at that URL', async () => {
    const res = await fetch(`${sandboxUrl()}/sandbox/state`);
    assert.equal(res.status, 200);
    const state: unknown = await res.json();
    assert.equal(typeof state, 'object');
  });
});
