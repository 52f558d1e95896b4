/** The command table drives package.json and the README: they are up to date, every command is
 *  well formed, every "kallyai CLI" entry is a real subcommand, every operation the catalogue flags
 *  has a consent entry. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { allOperations } from '../../src/api/catalogue';
import { withReadmeTable } from '../../scripts/manifest/commandManifest';
import { allCommands, presentations } from '../../src/presentation';
import { consentSpecFor, genericConsent, needsConsent } from '../../src/pipeline/consent/stakes';
import { actionCommand } from '../../src/pipeline/errors/actionCommands';
import type { UserActionKind } from '../../src/api/errorCodes';
import { CLI_SUBCOMMANDS } from '../shared/cliReference';
import { builtManifest } from './manifestFiles';

const root = path.resolve(__dirname, '../..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');

describe('the command table', () => {
  it('package.json commands and menus are generated from it (run `npm run manifest` after a change)', () => {
    const expected = builtManifest().pkg.contributes as typeof pkg.contributes;
    assert.deepEqual(pkg.contributes.commands, expected.commands);
    assert.deepEqual(pkg.contributes.menus, expected.menus);
  });

  it("the README's command table equals package.json's commands, with the kallyai CLI column", () => {
    assert.equal(readme, withReadmeTable(readme, allCommands), 'README.md is out of date: run `npm run manifest`');
    const rows = readme.split('\n').filter((l) => /^\| KallyAI: /.test(l));
    const ids = rows.map((r) => /`(kallyai\.[^`]+)`/.exec(r)?.[1]);
    assert.deepEqual(
      ids,
      pkg.contributes.commands.map((c: { command: string }) => c.command),
    );
  });

  it('every command id is unique, titled, and every CLI name is a real kallyai subcommand', () => {
    const ids = allCommands.map((c) => c.id);
    assert.equal(new Set(ids).size, ids.length, 'duplicate command ids');
    const known = new Set(CLI_SUBCOMMANDS);
    for (const c of allCommands) {
      assert.match(c.id, /^kallyai\.[a-zA-Z]+(\.[a-zA-Z]+)?$/, c.id);
      assert.ok(c.title.length > 2, c.id);
      for (const cli of c.cli ?? []) assert.ok(known.has(cli), `${c.id}: "${cli}" is not a kallyai CLI subcommand`);
    }
  });

  it('every operation the catalogue flags asks: with its own wording, else the generic one its flags produce', () => {
    for (const p of presentations.filter((x) => needsConsent(x.op))) {
      const spec = consentSpecFor(p.op, p);
      assert.equal(spec, p.consent ?? spec, p.op.id);
      if (!p.consent) assert.deepEqual(spec.confirm, genericConsent(p.op).confirm, `${p.op.id}: the generic consent`);
    }
    for (const p of presentations.filter((x) => x.consent)) {
      assert.ok(!/^cancel$/i.test(p.consent!.decline), `${p.op.id}: a bare "Cancel" beside "${p.consent!.confirm}"`);
      assert.notEqual(p.consent!.confirm, p.consent!.decline, p.op.id);
    }
  });

  it("every error's button runs a command the extension has (or one of VS Code's)", () => {
    const kinds: Record<UserActionKind, true> = {
      signIn: true,
      openPricing: true,
      approveBudget: true,
      acknowledgeSoftCap: true,
      connectEmail: true,
      provisionNumber: true,
      chooseAnotherNumber: true,
      editRequest: true,
      retry: true,
      cancelPendingChange: true,
      openCheckout: true,
      contactSupport: true,
      none: true,
    };
    const ours = new Set([
      ...pkg.contributes.commands.map((c: { command: string }) => c.command),
      ...pkg.contributes.views.kallyai.map((v: { id: string }) => `${v.id}.focus`),
    ]);
    const named = (Object.keys(kinds) as UserActionKind[])
      .map((k) => actionCommand(k)?.command)
      .filter((c): c is string => c !== undefined);
    assert.ok(named.length >= 8, `${named.length} actions run a command`);
    for (const command of named)
      assert.ok(ours.has(command) || command === 'vscode.open', `${command} is not a command of the extension`);
  });

  it('each presentation entry belongs to a catalogue operation, once', () => {
    const ids = presentations.map((p) => p.op.id);
    assert.equal(new Set(ids).size, ids.length);
    const catalogue = new Set(allOperations.map((o) => o.id));
    for (const id of ids) assert.ok(catalogue.has(id), id);
  });

  it('every email, channels, actions email and messages subcommand is reachable (issue 12)', () => {
    const covered = new Set(allCommands.flatMap((c) => c.cli ?? []));
    const domain = CLI_SUBCOMMANDS.filter((c) => /^kallyai (email|channels|actions email|messages) /.test(c));
    assert.equal(domain.length, 27);
    assert.deepEqual(
      domain.filter((c) => !covered.has(c)),
      [],
    );
  });

  it('reports how much of the CLI is reachable', () => {
    const covered = new Set(allCommands.flatMap((c) => c.cli ?? []));
    const missing = CLI_SUBCOMMANDS.filter((c) => !covered.has(c));
    console.log(
      `[cli] ${covered.size} of ${CLI_SUBCOMMANDS.length} kallyai CLI subcommands reachable; missing: ${missing.length}`,
    );
    assert.ok(covered.size >= 135, `only ${covered.size} CLI subcommands reachable`);
  });
});
