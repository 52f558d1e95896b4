/** The page of a call KallyAI answered: who called (the contact's name, the number for people,
 *  VIP), how it went, the summary, the action items (each can be marked done), the transcript
 *  inline, and what can be done — take over, transfer or reject a live call (each with its
 *  consent), hear the recording, call back, add the caller to the contacts, delete the record.
 *  A live call refreshes itself every few seconds while its page is open. */
import { ops } from '../api/catalogue';
import { html, phoneForPeople, shortDateTime, t, textBlock } from '../format';
import {
  actionItemsOf,
  callDuration,
  callerLabel,
  contactFor,
  hasConversation,
  inboundStatusLabel,
  inboundTabTitle,
  isLive,
  isVipCaller,
  type Contact,
  type InboundCall,
} from '../models/inbound';
import { EntityPage, LIVE_REFRESH_MS, type LiveEntityPageDeps } from './entityPage';
import type { PageView } from './pageController';
import { actionBar, actionButton, icon, transcriptSection, type TranscriptEntry } from './pageParts';

export class InboundCallPage extends EntityPage<InboundCall, LiveEntityPageDeps> {
  protected what(): string {
    return t('Call');
  }

  protected load(id: string): Promise<InboundCall> {
    return this.deps.client.execute(ops.inbound.call, { path: { id } });
  }

  protected async show(call: InboundCall): Promise<PageView> {
    const { client } = this.deps;
    const [contacts, transcript] = await Promise.all([
      client.execute(ops.inbound.contacts).then(
        (r) => r.contacts,
        () => [] as Contact[],
      ),
      hasConversation(call)
        ? client.execute(ops.inbound.transcript, { path: { id: this.state.id } }).then(
            (r) => r.entries as TranscriptEntry[],
            () => undefined,
          )
        : Promise.resolve(undefined),
    ]);
    const live = isLive(call);
    if (live) this.deps.refreshLater(LIVE_REFRESH_MS);
    const { actions, buttons, operation, command } = this.buttonsFor({
      kind: 'inboundCall',
      id: this.state.id,
      value: call,
    });
    if (live && !call.taken_over)
      operation('takeOver', t('Take Over'), 'call-incoming', ops.inbound.takeover, 'primary');
    if (live) {
      operation('transfer', t('Transfer…'), 'arrow-swap', ops.inbound.transfer);
      operation('reject', t('Reject…'), 'circle-slash', ops.inbound.reject, 'danger');
    }
    if (hasConversation(call)) {
      command(
        'recording',
        t('Play Recording'),
        'play',
        'kallyai.receptionist.playRecording',
        { id: this.state.id },
        'primary',
      );
      command('transcriptText', t('Transcript as Text'), 'note', 'kallyai.receptionist.openTranscript', {
        id: this.state.id,
      });
    }
    if (call.voicemail_id)
      command('voicemail', t('Play Voicemail'), 'mail', 'kallyai.receptionist.playVoicemail', {
        id: String(call.voicemail_id),
      });
    if (call.caller_number && !live)
      command('callBack', t('Call Back…'), 'call-outgoing', 'kallyai.makeCall', {
        prefill: { phone: call.caller_number },
      });
    if (call.caller_number && !contactFor(call.caller_number, contacts)) {
      command('addContact', t('Add to Contacts…'), 'person-add', 'kallyai.receptionist.addContact', {
        body: { phone_number: call.caller_number, ...(call.caller_name ? { name: call.caller_name } : {}) },
      });
    }
    if (!live) operation('delete', t('Delete Record…'), 'trash', ops.inbound.deleteCalls, 'danger');

    const items = actionItemsOf(call);
    if (items.some((i) => !i.done)) {
      // The item comes as the button's argument: only an open item of this call is accepted.
      actions.done = async ({ arg }) => {
        const item = items.find((i) => String(i.index) === arg && !i.done);
        if (!item) return undefined;
        return this.deps.pipeline.run(ops.inbound.updateActionItem, {
          input: { path: { id: this.state.id, index: String(item.index) }, body: { status: 'completed' } },
          interactive: false,
        });
      };
    }
    const status = inboundStatusLabel(call);
    const tone = live
      ? 'live'
      : call.status === 'completed'
        ? 'good'
        : call.status === 'missed' || call.status === 'rejected'
          ? 'bad'
          : '';
    const number = call.caller_number ? phoneForPeople(call.caller_number) : undefined;
    const name = callerLabel(call, contacts);
    const facts = [
      shortDateTime(call.created_at),
      callDuration(call),
      call.transferred_to ? t('transferred to {0}', phoneForPeople(call.transferred_to)) : undefined,
    ]
      .filter(Boolean)
      .join(' · ');
    return {
      title: inboundTabTitle(call, t('call'), contacts),
      actions,
      body: html` <h1>
          ${name}${isVipCaller(call, contacts) ? html` <span class="badge">${icon('star-full')}${t('VIP')}</span>` : ''}
        </h1>
        <p class="subtitle">
          <span class="badge ${tone}" data-announce>${live ? icon('radio-tower') : ''}${status}</span>
          ${number && number !== name ? html`<span>${number}</span> · ` : ''}<span class="muted">${facts}</span>
        </p>
        ${live ? html`<p class="callout" data-announce>${call.taken_over ? t('You are on this call: KallyAI has handed it over to you.') : t('KallyAI is answering this call now. Take it over, transfer it to another phone, or reject it.')}</p>` : ''}
        ${actionBar(buttons)}
        ${
          call.summary
            ? html`<h2>${live && call.taken_over ? t('What KallyAI noted before you took over') : t('Summary')}</h2>
                ${textBlock(call.summary)}`
            : ''
        }
        ${
          items.length
            ? html`<h2>${t('Action items')}</h2>
                <ul class="action-items">
                  ${items.map((i) => html`<li class="${i.done ? 'done' : ''}">${icon(i.done ? 'pass-filled' : 'circle-large-outline')}<span>${i.text}</span>${i.done ? '' : actionButton('done', t('Mark Done'), 'check', 'secondary', String(i.index))}</li>`)}
                </ul>`
            : ''
        }
        ${hasConversation(call) ? transcriptSection(transcript, (speaker) => speakerName(speaker, name)) : ''}`,
    };
  }
}

function speakerName(speaker: string, caller: string): string {
  const s = speaker.toUpperCase();
  if (s === 'AI' || s === 'ASSISTANT' || s === 'KALLYAI') return 'KallyAI';
  if (s === 'HUMAN' || s === 'USER' || s === 'CALLER') return caller;
  return speaker;
}
