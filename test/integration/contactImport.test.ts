// Importing contacts from a file in the real extension host against the sandbox: the preview (a
// document, and the question naming each rejected row and why) before anything is sent; good, bad,
// duplicate and empty files; a vCard; a request refused part-way: nothing half-imported silently.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CommandsModule } from '../../src/app';
import {
  activateExtension,
  answerConsents,
  clearSandboxFaults,
  clearSandboxRequests,
  extensionManifest,
  resetSandbox,
  sandboxJson,
  sandboxRequests,
  unescapeMarkdown,
} from './helpers';
import { ensureSignedIn } from './signIn';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let commands: CommandsModule;
let folder: string;
const contacts = async () => (await sandboxJson<Json>('/sandbox/state')).contacts as Json[];
/** Every request but reads (stricter than sandboxWrites: the budget estimate counts too). */
const writes = async () =>
  (await sandboxRequests()).filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}`);
const file = (name: string, text: string) => {
  const p = path.join(folder, name);
  fs.writeFileSync(p, text);
  return p;
};
const record = (yes: boolean) => answerConsents(commands, yes);
const previewDocument = (name: string) =>
  vscode.workspace.textDocuments.find((d) => d.uri.path.endsWith(`/import/${name}.md`));

const GOOD = [
  'First name,Last name,Mobile phone,VIP,Notes',
  'Jamie,Chen,(201) 555-0136,yes,Met at the conference',
  'Mother,,+1 201 555 0135,,',
  'Alex,Rivera,+12015550130,yes,Friday dinner guest',
  ',,+12015550140,,',
  'Bad,Number,555-12,,',
  'Jamie,Again,+1 201-555-0136,,',
].join('\n');

suite('Contacts: import from a file', function () {
  this.timeout(120_000);

  suiteSetup(async () => {
    await ensureSignedIn();
    const exports = await activateExtension();
    commands = exports.commands();
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'kallyai-import-'));
    await clearSandboxFaults();
  });

  setup(async () => {
    await resetSandbox();
    await clearSandboxRequests();
  });

  teardown(async () => {
    commands.pipeline.consent.answerWith(undefined);
    await clearSandboxFaults();
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(folder, { recursive: true, force: true });
    await resetSandbox();
  });

  test('a good file with bad and duplicate rows: the preview names each rejected row and why, nothing is sent until accepted', async () => {
    const asked = record(false);
    const declined = await vscode.commands.executeCommand<Json>('kallyai.receptionist.importContacts', {
      file: file('people.csv', GOOD),
    });
    assert.deepEqual(declined, {
      outcome: 'dismissed',
      at: 'consent',
      preview: { created: 1, updated: 1, unchanged: 1, rejected: 3 },
    });
    assert.deepEqual(await writes(), [], 'nothing sent before the OK');
    const s = asked[0];
    assert.equal(s.question, 'Import 2 contacts from people.csv?');
    const lines = s.lines.join('\n');
    assert.match(lines, /1 new, 1 updated, 1 already up to date, 3 rejected\./);
    assert.match(lines, /Row 5 \(\+1 201 555 0140\): missing name/);
    assert.match(lines, /Row 6 \(Bad Number\): bad number: /);
    assert.match(lines, /Row 7 \(Jamie Again\): duplicate: \+1 201 555 0136 is already in Row 2/);
    assert.match(lines, /Nothing has been sent yet/);
    assert.deepEqual([s.confirm, s.decline], ['Import 2 Contacts', "Don't Import"]);
    const doc = previewDocument('people.csv');
    assert.ok(doc, 'the preview document is open');
    const text = unescapeMarkdown(doc.getText());
    assert.match(text, /1 new · 1 updated · 1 already up to date · 3 rejected/);
    assert.match(text, /\| Row 6 \| Bad Number \| 555-12 \| bad number: /);
    assert.match(text, /name: Mom → Mother/);

    record(true);
    const done = await vscode.commands.executeCommand<Json>('kallyai.receptionist.importContacts', {
      file: file('people.csv', GOOD),
    });
    assert.deepEqual(done, {
      outcome: 'done',
      fileName: 'people.csv',
      created: 1,
      updated: 1,
      unchanged: 1,
      rejected: 3,
    });
    const after = await contacts();
    const jamie = after.find((c) => c.phone_number === '+12015550136');
    assert.deepEqual([jamie?.name, jamie?.is_vip, jamie?.notes], ['Jamie Chen', true, 'Met at the conference']);
    assert.equal(after.find((c) => c.phone_number === '+12015550135')?.name, 'Mother');
    assert.equal(after.length, 4);
  });

  test("from the Explorer's context menu: the file's URI, with the same preview; offered only on .csv and .vcf files", async () => {
    const asked = record(false);
    const r = await vscode.commands.executeCommand<Json>(
      'kallyai.receptionist.importContacts',
      vscode.Uri.file(file('explorer.csv', 'Name,Phone\nJamie Chen,+12015550136\n')),
    );
    assert.deepEqual(r, {
      outcome: 'dismissed',
      at: 'consent',
      preview: { created: 1, updated: 0, unchanged: 0, rejected: 0 },
    });
    assert.equal(asked[0].question, 'Import 1 contact from explorer.csv?');
    const menu = (
      extensionManifest().contributes as { menus: Record<string, Array<{ command: string; when: string }>> }
    ).menus['explorer/context'];
    const entry = menu.find((m) => m.command === 'kallyai.receptionist.importContacts');
    assert.match(entry?.when ?? '', /resourceExtname =~ \/\^\\\.\(csv\|vcf\|vcard\)\$\/i/);
    assert.deepEqual(await writes(), []);
  });

  test('a vCard file is read the same way', async () => {
    record(true);
    const vcf = [
      'BEGIN:VCARD',
      'VERSION:3.0',
      'FN:Riverside Garage',
      'TEL;TYPE=WORK:+1 201 555 0139',
      'NOTE:Car inspection',
      'END:VCARD',
      'BEGIN:VCARD',
      'VERSION:3.0',
      'FN:Northside Pharmacy',
      'TEL;TYPE=CELL:+12015550137',
      'CATEGORIES:VIP',
      'END:VCARD',
    ].join('\r\n');
    const r = await vscode.commands.executeCommand<Json>('kallyai.receptionist.importContacts', {
      file: file('shops.vcf', vcf),
    });
    assert.equal(r.created, 2);
    const pharmacy = (await contacts()).find((c) => c.name === 'Northside Pharmacy');
    assert.equal(pharmacy?.is_vip, true);
  });

  test('a file where every row is bad imports nothing, asks nothing', async () => {
    const asked = record(true);
    const r = await vscode.commands.executeCommand<Json>('kallyai.receptionist.importContacts', {
      file: file('bad.csv', 'Name,Phone\n,+12015550140\nNobody,12\nEmergency,112\n'),
    });
    assert.deepEqual([r.outcome, r.created, r.updated, r.rejected], ['done', 0, 0, 3]);
    assert.equal(asked.length, 0);
    assert.deepEqual(await writes(), []);
  });

  test('empty and malformed files get a clear message and send nothing', async () => {
    record(true);
    for (const [name, text, code, message] of [
      ['empty.csv', '', 'file_empty', /empty.csv is empty: there are no contacts to import\./],
      ['header.csv', 'Name,Phone\n', 'file_empty', /has no contacts to import/],
      [
        'broken.csv',
        'Name,Phone\n"Ana,+34612345678\n',
        'file_malformed',
        /broken.csv is not a well-formed CSV file: line 2/,
      ],
      ['broken.vcf', 'BEGIN:VCARD\nFN:Ana\nTEL:+34612345678\n', 'file_malformed', /not a well-formed vCard file/],
      ['columns.csv', 'Company,City\nAcme,Paris\n', 'file_no_columns', /no phone number column/],
    ] as const) {
      const r = await vscode.commands.executeCommand<Json>('kallyai.receptionist.importContacts', {
        file: file(name, text),
      });
      assert.equal(r.outcome, 'failed', name);
      assert.equal(r.code, code, name);
      assert.match(r.message, message, name);
    }
    assert.deepEqual(await writes(), []);
  });

  test('a request refused part-way stops the import and says what was saved; Undo takes it back', async () => {
    record(true);
    // Mom is updated first (a PUT), then the new contact's POST is refused.
    await sandboxJson('/sandbox/faults', {
      method: 'POST',
      body: { path: '^/v1/inbound/contacts$', method: 'POST', status: 500, count: 1 },
    });
    const text = 'Name,Phone\nMother,+12015550135\nJamie Chen,+12015550136\nSam Carter,+12015550151\n';
    const r = await vscode.commands.executeCommand<Json>('kallyai.receptionist.importContacts', {
      file: file('partial.csv', text),
      undo: true,
    });
    assert.equal(r.outcome, 'failed');
    assert.equal(r.saved, 1);
    assert.equal(r.undone, 1);
    assert.equal(r.failedAt, 'Row 3 (Jamie Chen)');
    assert.match(
      r.message,
      /The import stopped at Row 3 \(Jamie Chen\): .*The 1 contact saved before it were taken back/,
    );
    const after = await contacts();
    assert.equal(after.find((c) => c.phone_number === '+12015550135')?.name, 'Mom', 'the update was undone');
    assert.ok(!after.some((c) => c.phone_number === '+12015550151'), 'nothing after the failure was sent');
  });

  test('without Undo, what was saved is kept — and said', async () => {
    record(true);
    await sandboxJson('/sandbox/faults', {
      method: 'POST',
      body: { path: '^/v1/inbound/contacts$', method: 'POST', status: 500, count: 1 },
    });
    const r = await vscode.commands.executeCommand<Json>('kallyai.receptionist.importContacts', {
      file: file('kept.csv', 'Name,Phone\nMother,+12015550135\nJamie Chen,+12015550136\n'),
      undo: false,
    });
    assert.deepEqual([r.outcome, r.saved, r.undone], ['failed', 1, 0]);
    assert.match(r.message, /1 contact saved before it were kept/);
    assert.equal((await contacts()).find((c) => c.phone_number === '+12015550135')?.name, 'Mother');
  });
});
