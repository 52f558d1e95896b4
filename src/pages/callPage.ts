/** The call page: the status in plain words, the highlights and next steps, the transcript inline,
 *  and what can be done with the call — hear the recording, add it to the calendar, call again,
 *  copy the transcript as text, cancel or reschedule a scheduled call, stop a live one. A live call
 *  refreshes itself every few seconds while its page is open. */
import { ops } from '../api/catalogue';
import { isKallyApiError } from '../api/errors';
import { callCreatedAt, callSummary, type Call } from '../api/schemas/calls';
import {
  creditsLabel,
  describeCallStatus,
  formatDuration,
  html,
  listOrParagraphsHtml,
  phoneForPeople,
  shortDateTime,
  t,
} from '../format';
import {
  businessName,
  callLabel,
  callPhone,
  callTabTitle,
  endedAWhileAgo,
  hasAppointment,
  hasTranscript,
  isRunning,
  isScheduled,
} from '../models/call';
import { EntityPage, LIVE_REFRESH_MS, type LiveEntityPageDeps } from './entityPage';
import type { PageView } from './pageController';
import { actionBar, icon, transcriptSection } from './pageParts';

export class CallPage extends EntityPage<Call, LiveEntityPageDeps> {
  protected what(): string {
    return t('Call');
  }

  protected load(id: string): Promise<Call> {
    return this.deps.client.execute(ops.calls.get, { path: { call_id: id } });
  }

  protected async show(call: Call): Promise<PageView> {
    const { client } = this.deps;
    // A call that ended a while ago and whose transcript is not found has none: said so, not "could not be loaded".
    const transcript = hasTranscript(call)
      ? await client.execute(ops.calls.transcript, { path: { call_id: call.call_id } }).then(
          (r) => r.entries,
          (e: unknown) =>
            isKallyApiError(e) && e.code === 'transcript_not_found' && endedAWhileAgo(call) ? [] : undefined,
        )
      : undefined;
    if (isRunning(call)) this.deps.refreshLater(LIVE_REFRESH_MS);

    const { actions, buttons, operation, command } = this.buttonsFor({ kind: 'call', id: call.call_id, value: call });
    if (isRunning(call)) operation('stop', t('Stop Call'), 'debug-stop', ops.calls.stop, 'danger');
    if (isScheduled(call)) {
      operation('reschedule', t('Reschedule…'), 'calendar', ops.calls.reschedule);
      operation('cancel', t('Cancel Call'), 'close', ops.calls.cancel, 'danger');
    }
    if (hasTranscript(call)) {
      command('recording', t('Play Recording'), 'play', 'kallyai.calls.openRecording', { id: call.call_id }, 'primary');
      command('transcriptText', t('Transcript as Text'), 'note', 'kallyai.calls.openTranscript', { id: call.call_id });
    }
    if (hasAppointment(call))
      command('calendar', t('Add to Calendar'), 'calendar', 'kallyai.calls.addToCalendar', { id: call.call_id });
    if (!isRunning(call))
      command('callAgain', t('Call Again'), 'call-outgoing', 'kallyai.makeCall', { prefill: prefillOf(call) });

    const status = describeCallStatus(call.status);
    const phone = callPhone(call);
    const summary = callSummary(call);
    const facts = [
      isScheduled(call) && call.scheduled_for
        ? t('Scheduled for {0}', shortDateTime(call.scheduled_for) ?? '')
        : shortDateTime(callCreatedAt(call)),
      formatDuration(call.duration_seconds),
      call.credits_used != null ? creditsLabel(call.credits_used) : undefined,
    ]
      .filter(Boolean)
      .join(' · ');
    const tone = status.tone === 'good' ? 'good' : status.tone === 'bad' ? 'bad' : '';
    return {
      title: callTabTitle(call, t('call')),
      actions,
      body: html` <h1>${callLabel(call)}</h1>
        <p class="subtitle">
          <span class="badge ${tone}" data-announce>${isRunning(call) ? icon('sync~spin') : ''}${status.label}</span>
          ${phone && businessName(call) ? html`<span>${phoneForPeople(phone)}</span> · ` : ''}<span class="muted"
            >${facts}</span
          >
        </p>
        <p data-announce>${status.explanation}</p>
        ${call.submission?.task_description ? html`<p><strong>${t('Task')}:</strong> ${call.submission.task_description}</p>` : ''}
        ${actionBar(buttons)}
        ${
          summary
            ? html`<h2>${t('Highlights')}</h2>
                ${listOrParagraphsHtml(summary)}`
            : ''
        }
        ${
          call.next_steps
            ? html`<h2>${t('Next steps')}</h2>
                ${listOrParagraphsHtml(call.next_steps)}`
            : ''
        }
        ${hasTranscript(call) ? transcriptSection(transcript, (speaker) => speakerName(speaker, call)) : ''}`,
    };
  }
}

function speakerName(speaker: string, call: Call): string {
  const s = speaker.toUpperCase();
  if (s === 'AI' || s === 'ASSISTANT' || s === 'KALLYAI') return 'KallyAI';
  if (s === 'HUMAN' || s === 'USER' || s === 'CALLEE') return businessName(call) ?? t('Business');
  return speaker;
}

/** What the call wizard starts from for "Call Again". */
function prefillOf(call: Call): Record<string, unknown> {
  const s = call.submission ?? {};
  return {
    phone: callPhone(call),
    businessName: businessName(call),
    category: s.task_category,
    task: s.task_description,
    partySize: s.party_size ?? undefined,
  };
}
