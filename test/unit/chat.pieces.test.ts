/** The @kallyai participant's vscode-free pieces: what a /call sentence already says, which KallyAI
 *  conversation a chat thread continues, and the Markdown it writes (escaped by construction). */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readCallWords } from '../../src/chat/callWords';
import { goalCard, goalsMarkdown, inboxMarkdown, replyMarkdown, searchMarkdown } from '../../src/chat/chatMarkdown';
import { conversationOfThread, PARTICIPANT_ID } from '../../src/chat/chatThread';
import { serviceText as svc } from '../../src/api/serviceText';

/** Markdown escapes undone, to read what a person sees. */
const seen = (text: string) => text.replace(/\\([\\`*_{}[\]()#+\-.!|<>~$])/g, '$1');

// Wednesday 2 December 2026, 10:00 local time.
const now = new Date(2026, 11, 2, 10, 0, 0);

describe('/call: what the words already say', () => {
  it('number, business, day, time and party size', () => {
    const w = readCallWords("Luigi's Trattoria +1 201 555 0100 Friday 8pm table for 4", { defaultCountry: 'US', now });
    assert.deepEqual(
      {
        phone: w.phone,
        businessName: w.businessName,
        date: w.date,
        time: w.time,
        partySize: w.partySize,
        category: w.category,
      },
      {
        phone: '+12015550100',
        businessName: "Luigi's Trattoria",
        date: '2026-12-04',
        time: '20:00',
        partySize: 4,
        category: 'restaurant',
      },
    );
    assert.equal(w.task, "Luigi's Trattoria +1 201 555 0100 Friday 8pm table for 4");
  });

  it('"call X at N about …", national numbers with the default country', () => {
    const w = readCallWords('call Dr Smith Dental at (415) 555-0132 to move my appointment to tomorrow at 9:30', {
      defaultCountry: 'US',
      now,
    });
    assert.equal(w.phone, '+14155550132');
    assert.equal(w.businessName, 'Dr Smith Dental');
    assert.equal(w.date, '2026-12-03');
    assert.equal(w.time, '09:30');
    assert.equal(w.category, 'clinic');
  });

  it('Spanish', () => {
    const w = readCallWords('llama a Casa Lucio 912 345 678 mañana a las 21:00 mesa para 6', {
      defaultCountry: 'ES',
      now,
    });
    assert.equal(w.phone, '+34912345678');
    assert.equal(w.businessName, 'Casa Lucio');
    assert.equal(w.date, '2026-12-03');
    assert.equal(w.time, '21:00');
    assert.equal(w.partySize, 6);
    assert.equal(w.category, 'restaurant');
  });

  it('nothing invented: no number, no name, no date when the words do not say them', () => {
    const w = readCallWords('book something nice', { defaultCountry: 'US', now });
    assert.deepEqual(
      [w.phone, w.businessName, w.date, w.time, w.partySize],
      [undefined, undefined, undefined, undefined, undefined],
    );
    assert.equal(
      readCallWords('911', { defaultCountry: 'US', now }).phone,
      undefined,
      'a number that is not callable is not filled in',
    );
  });
});

describe('one KallyAI conversation per chat thread', () => {
  it("the participant's latest answer names it; other participants' turns and a new thread do not", () => {
    assert.equal(conversationOfThread([]), undefined);
    const history = [
      { participant: PARTICIPANT_ID, prompt: 'hi' },
      { participant: PARTICIPANT_ID, result: { metadata: { conversationId: 'conv_1' } } },
      { participant: 'github.copilot', result: { metadata: { conversationId: 'other' } } },
      { participant: PARTICIPANT_ID, result: { metadata: {} } },
    ];
    assert.equal(conversationOfThread(history), 'conv_1');
  });
});

describe('chat Markdown from server data', () => {
  const hostile = '<img src=x onerror=alert(1)> [click](command:kallyai.signOut) **bold** $(alert)';

  it("KallyAI's reply keeps its lines but no markup of its own", () => {
    const text = replyMarkdown(`Sure!\n- ${hostile}`, 0.5).text;
    assert.doesNotMatch(text, /<img|(?<!\\)\]\(command:|(?<!\\)\$\(alert\)/);
    assert.match(seen(text), /^Sure!/);
    assert.match(seen(text), /This reply used 0\.5 credits/);
  });

  it('the goal card: title, status, cost so far, what it waits for, the next step and its cost', () => {
    const text = goalCard({
      id: 'g1',
      title: svc(hostile),
      status: svc('active'),
      credits_used: 1.5,
      credits_estimated: 4,
      waiting_for: svc('step_approval'),
      steps: [
        { step: 1, description: svc('Find places'), status: svc('completed') },
        { step: 2, description: "Call Luigi's", status: 'waiting_approval', credits: 2 } as never,
      ],
    }).text;
    assert.doesNotMatch(text, /<img|(?<!\\)\]\(command:/);
    assert.match(text, /Status: Active/);
    assert.match(text, /1\.5 credits used of about 4 credits estimated/);
    assert.match(text, /Waiting for you: Approve the next step/);
    assert.match(seen(text), /Next step: Call Luigi's \(about 2 credits\)/);
    assert.doesNotMatch(text, /g1/, 'no ids');
  });

  it('lists of goals, messages and search results escape every value', () => {
    for (const text of [
      goalsMarkdown([{ id: 'g', title: svc(hostile), status: svc('active') }], 1).text,
      inboxMarkdown([{ id: 'm', subject: svc(hostile), from: svc(hostile), channel: svc('email'), unread: true }], 1)
        .text,
      searchMarkdown(hostile, [{ title: hostile, description: hostile, phone: '+12015550100', address: hostile }]).text,
    ]) {
      assert.doesNotMatch(text, /<img|(?<!\\)\]\(command:|(?<!\\)\$\(alert\)/, text);
    }
    assert.match(
      seen(searchMarkdown('pizza', [{ title: 'Tony', phone: '+12015550100' }]).text),
      /\+1 201-555-0100|\+1 201 555 0100/,
    );
  });
});
