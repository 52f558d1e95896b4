/** Reading a contact file before anything is sent: CSV (quotes, separators, headers in several
 *  spellings, a bare name/number list) and vCard (2.1–4.0: folded lines, escapes, quoted-printable,
 *  preferred numbers, VIP categories), and the preview that says what each row would do. */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { parseCsv } from '../../src/models/csv';
import { FileFormatError } from '../../src/models/fileFormatError';
import { ImportFileError, previewImport, readContactFile, rowLabel } from '../../src/models/contactImport';
import type { Contact } from '../../src/models/inbound';
import { parseVcards } from '../../src/models/vcard';
import { serviceText as svc } from '../../src/api/serviceText';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('CSV', () => {
  it('reads quoted fields with separators, doubled quotes and line breaks, CRLF and a BOM', () => {
    const rows = parseCsv(
      '\uFEFFName,Phone,Notes\r\n"Rivera, Alex",+12015550130,"Said ""hi""\nand left"\r\n\r\nMom,+12015550135,\n',
    );
    assert.deepEqual(
      rows.map((r) => r.cells),
      [
        ['Name', 'Phone', 'Notes'],
        ['Rivera, Alex', '+12015550130', 'Said "hi"\nand left'],
        ['Mom', '+12015550135', ''],
      ],
    );
    assert.deepEqual(
      rows.map((r) => r.line),
      [1, 2, 5],
    );
  });

  it('guesses ";" and tab separators', () => {
    assert.deepEqual(
      parseCsv('Nombre;Teléfono\nAna;+34612345678').map((r) => r.cells),
      [
        ['Nombre', 'Teléfono'],
        ['Ana', '+34612345678'],
      ],
    );
    assert.deepEqual(parseCsv('name\tphone\nAna\t+34612345678').map((r) => r.cells)[1], ['Ana', '+34612345678']);
  });

  it('an unterminated or misplaced quote is an error naming its line', () => {
    assert.throws(
      () => parseCsv('name,phone\n"Ana,+34612345678\nBob,+12015550100'),
      (e: FileFormatError) => e instanceof FileFormatError && e.format === 'csv' && e.line === 2,
    );
    assert.throws(() => parseCsv('name,phone\nA"na,+34612345678'), FileFormatError);
  });
});

describe('vCard', () => {
  it('reads FN or N, the preferred or mobile number, notes with escapes, VIP, folded and quoted-printable lines', () => {
    const cards = parseVcards(
      [
        'BEGIN:VCARD',
        'VERSION:3.0',
        'FN:Alex Rivera',
        'TEL;TYPE=HOME:+1 201 555 0199',
        'TEL;TYPE=CELL:+1 201 555 0130',
        'NOTE:Friday dinner\\, bring wine\\nCall first',
        'CATEGORIES:Friends,VIP',
        'END:VCARD',
        'BEGIN:VCARD',
        'VERSION:4.0',
        'N:García;Ana;;Dr.;',
        'TEL;VALUE=uri;PREF=1:tel:+34-612-345-678',
        'END:VCARD',
        'BEGIN:VCARD',
        'VERSION:2.1',
        'N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:M=C3=BCller;J=C3=',
        '=BCrgen',
        'TEL;CELL;PREF:+49 30 999011',
        'X-VIP:true',
        'END:VCARD',
        'BEGIN:VCARD',
        'FN:Long',
        '  Name Folded',
        'END:VCARD',
      ].join('\r\n'),
    );
    assert.equal(cards.length, 4);
    assert.deepEqual(
      [cards[0].name, cards[0].phones[0], cards[0].notes, cards[0].vip],
      ['Alex Rivera', '+1 201 555 0130', 'Friday dinner, bring wine\nCall first', true],
    );
    assert.deepEqual(
      [cards[1].name, cards[1].phones[0], cards[1].vip],
      ['Dr. Ana García', '+34-612-345-678', undefined],
    );
    assert.deepEqual([cards[2].name, cards[2].phones[0], cards[2].vip], ['Jürgen Müller', '+49 30 999011', true]);
    assert.equal(cards[3].name, 'Long Name Folded');
  });

  it('a card that never ends is an error naming its line', () => {
    assert.throws(
      () => parseVcards('BEGIN:VCARD\nFN:A\nTEL:+12015550100\nBEGIN:VCARD\nFN:B\nEND:VCARD'),
      (e: FileFormatError) => e.format === 'vcard' && e.line === 1,
    );
    assert.throws(() => parseVcards('BEGIN:VCARD\nFN:A'), FileFormatError);
  });
});

describe('the import preview', () => {
  const existing: Contact[] = [
    {
      id: 'c1',
      name: svc('Alex Rivera'),
      phone_number: svc('+12015550130'),
      is_vip: true,
      notes: svc('Friday dinner guest'),
    },
    { id: 'c2', name: svc('Mom'), phone_number: svc('+12015550135'), is_vip: true, notes: svc('') },
  ];

  it('says per row: new, updated, unchanged, or rejected with why (bad number, missing name, duplicate)', () => {
    const rows = readContactFile(
      'contacts.csv',
      bytes(
        [
          'First name,Last name,Mobile phone,VIP,Notes',
          'Jamie,Chen,(201) 555-0136,yes,Met at the conference',
          'Alex,Rivera,+1 201 555 0130,yes,Friday dinner guest',
          'Mother,,+12015550135,,',
          ',,+12015550137,,',
          'Bad,Number,555-12,,',
          'Emergency,Line,911,,',
          'Jamie,Again,+12015550136,,',
          'Spain,Contact,+34 612 345 678,no,',
        ].join('\n'),
      ),
    );
    const p = previewImport('contacts.csv', rows, existing, 'US');
    assert.deepEqual([p.created, p.updated, p.unchanged, p.rejected], [2, 1, 1, 4]);
    const [jamie, alex, mom, noName, bad, emergency, dup, spain] = p.decisions;
    assert.deepEqual(jamie.kind === 'new' && jamie.body, {
      name: 'Jamie Chen',
      phone_number: '+12015550136',
      is_vip: true,
      notes: 'Met at the conference',
    });
    assert.equal(alex.kind, 'unchanged');
    assert.deepEqual(mom.kind === 'update' && mom.body, { name: 'Mother' });
    assert.deepEqual(noName.kind === 'rejected' && [noName.reason, noName.why], ['missing_name', 'missing name']);
    assert.ok(
      bad.kind === 'rejected' && bad.reason === 'bad_number' && /^bad number: /.test(bad.why),
      JSON.stringify(bad),
    );
    assert.ok(emergency.kind === 'rejected' && emergency.reason === 'bad_number' && /Emergency/.test(emergency.why));
    assert.ok(dup.kind === 'rejected' && dup.reason === 'duplicate' && /Row 2/.test(dup.why), JSON.stringify(dup));
    assert.deepEqual(spain.kind === 'new' && spain.body, {
      name: 'Spain Contact',
      phone_number: '+34612345678',
      is_vip: false,
    });
    assert.equal(rowLabel(bad.row), 'Row 6 (Bad Number)');
  });

  it('a bare "name, number" list without a header is read too; vCards carry their card number', () => {
    const bare = readContactFile('list.csv', bytes('Ana García,+34612345678\nBob,+12015550100'));
    assert.deepEqual(
      bare.map((r) => [r.name, r.phone]),
      [
        ['Ana García', '+34612345678'],
        ['Bob', '+12015550100'],
      ],
    );
    const cards = readContactFile(
      'people.vcf',
      bytes('BEGIN:VCARD\nFN:Ana\nTEL:+34612345678\nEND:VCARD\nBEGIN:VCARD\nFN:No Phone\nEND:VCARD'),
    );
    const p = previewImport('people.vcf', cards, [], 'US');
    assert.deepEqual(
      p.decisions.map((d) => [d.row.where, d.kind]),
      [
        ['Card 1', 'new'],
        ['Card 2', 'rejected'],
      ],
    );
  });

  it('empty, malformed and column-less files are refused with a sentence naming the file', () => {
    const refused = (name: string, text: string, reason: ImportFileError['reason']) =>
      assert.throws(
        () => readContactFile(name, bytes(text)),
        (e: ImportFileError) => e instanceof ImportFileError && e.reason === reason && e.message.includes(name),
        `${name}: ${reason}`,
      );
    refused('empty.csv', '', 'empty');
    refused('blank.csv', ' \n\n', 'empty');
    refused('header-only.csv', 'Name,Phone\n', 'empty');
    refused('broken.csv', 'Name,Phone\n"Ana,+34612345678\n', 'malformed');
    refused('broken.vcf', 'BEGIN:VCARD\nFN:Ana\n', 'malformed');
    refused('nothing.vcf', 'hello', 'malformed');
    refused('columns.csv', 'Company,City\nAcme,Paris', 'no_columns');
    refused('names.csv', 'Phone,City\n+12015550100,Paris', 'no_columns');
    refused('contacts.xlsx', 'PK\u0003\u0004', 'unknown_type');
  });
});
