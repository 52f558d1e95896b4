// DESIGN.md: "Commands are declared in package.json and registered in code; a test keeps the two equal."
// Registered = every `kallyai.*` command in the running host, minus the commands VS Code itself
// generates for each contributed view (`<view>.focus`, `.resetViewLocation`, `.toggleVisibility`,
// `.removeView`, `.open`).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, extensionManifest } from './helpers';

const GENERATED_VIEW_COMMAND_SUFFIXES = ['focus', 'resetViewLocation', 'toggleVisibility', 'removeView', 'open'];

suite('Commands: package.json and code agree', () => {
  test('the commands declared in package.json are exactly the commands registered in code', async () => {
    await activateExtension();
    const contributes = extensionManifest().contributes as {
      commands: Array<{ command: string }>;
      views: Record<string, Array<{ id: string }>>;
      viewsContainers: { activitybar: Array<{ id: string }> };
    };
    const declared = new Set(contributes.commands.map((c) => c.command));
    const viewIds = [
      ...Object.values(contributes.views).flat().map((v) => v.id),
      ...contributes.viewsContainers.activitybar.map((c) => c.id),
    ];
    const generated = new Set(viewIds.flatMap((id) => GENERATED_VIEW_COMMAND_SUFFIXES.map((s) => `${id}.${s}`)));
    const registered = new Set((await vscode.commands.getCommands(true)).filter((c) => c.startsWith('kallyai.') && !generated.has(c)));

    const declaredNotRegistered = [...declared].filter((c) => !registered.has(c)).sort();
    const registeredNotDeclared = [...registered].filter((c) => !declared.has(c)).sort();
    assert.ok(declared.size >= 1, 'package.json declares no commands');
    assert.deepEqual(
      { declaredNotRegistered, registeredNotDeclared },
      { declaredNotRegistered: [], registeredNotDeclared: [] },
      `declared but not registered: ${declaredNotRegistered.join(', ') || '—'}; registered but not declared: ${registeredNotDeclared.join(', ') || '—'}`,
    );
  });

  test('every declared command has a title and the KallyAI category', () => {
    const commands = (extensionManifest().contributes as { commands: Array<{ command: string; title?: string; category?: string }> }).commands;
    const wrong = commands.filter((c) => !c.title || c.category !== 'KallyAI').map((c) => c.command);
    assert.deepEqual(wrong, []);
  });
});
