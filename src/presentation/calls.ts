/** Outbound calls (contract §4, §5.2): details, transcript, recording, calendar entry, and the
 *  actions on scheduled and live calls. Placing a call is the call wizard (src/commands/calls),
 *  which hands its confirmation and the call itself to the pipeline with the stakes below. */
import { ops } from '../api/catalogue';
import { callCreatedAt, callSummary, type Call } from '../api/schemas/calls';
import { transcriptMarkdown } from '../documents/callMarkdown';
import { calendarDay, codeLabel, describeCallStatus, oneLine, phoneForPeople, shortDateTime, t } from '../format';
import {
  appointmentFileName,
  businessName,
  callLabel,
  callPhone,
  callTabTitle,
  endedAWhileAgo,
  hasAppointment,
  hasTranscript,
  isRunning,
  isScheduled,
  noTranscriptReason,
} from '../models/call';
import { present, type Presentation } from './entry';

const callOf = (target: unknown): Call => (target ?? { call_id: '', status: '' }) as Call;
const callParam = (filter?: (c: Call) => boolean) => ({
  call_id: { entity: 'call' as const, filter: filter as ((item: never) => boolean) | undefined, label: 'Call' },
});
const callPath = (id: string | undefined) => `calls/${id ?? 'call'}`;

export const callPresentations: Presentation[] = [
  present(ops.calls.create, {
    progress: 'Calling…',
    consent: {
      question: ({ input }) =>
        t(
          'Call {0} now?',
          input.body?.submission.business_name || phoneForPeople(input.body?.submission.respondent_phone ?? ''),
        ),
      whom: ({ input }) => {
        const s = input.body?.submission;
        const phone = phoneForPeople(s?.respondent_phone ?? '');
        return s?.business_name ? t('{0} at {1}', s.business_name, phone) : phone;
      },
      what: ({ input }) => {
        const s = input.body?.submission;
        if (!s) return '';
        const when = [
          s.appointment_date ? calendarDay(s.appointment_date) : undefined,
          s.appointment_time ?? s.time_preference_text,
        ]
          .filter(Boolean)
          .join(', ');
        return [
          t('Task: {0}', s.task_description),
          t('Category: {0}', codeLabel('taskCategory', s.task_category)),
          when ? t('When: {0} ({1})', when, input.body?.timezone ?? '') : undefined,
          s.party_size ? t('Party size: {0}', s.party_size) : undefined,
          s.user_name ? t('Booking name: {0}', s.user_name) : undefined,
          t('Call language: {0}', (s.call_language ?? s.language) === 'es' ? 'Español' : 'English'),
        ]
          .filter(Boolean)
          .join('\n');
      },
      confirm: 'Place Call',
      decline: "Don't Call",
    },
    result: {
      kind: 'status',
      message: ({ data }) => t('Call to {0}: {1}', callLabel(data), describeCallStatus(data.status).label),
    },
  }),
  present(ops.calls.list, {
    command: {
      id: 'kallyai.calls.history',
      title: 'Call History…',
      cli: ['kallyai calls history', 'kallyai --history'],
      icon: 'history',
      menus: [{ view: 'calls', group: 'titleMenu', order: 1 }],
    },
    defaults: () => ({ query: { limit: 10 } }),
    progress: 'Loading your calls…',
    result: {
      kind: 'pick',
      placeholder: 'Pick a call to open its details',
      empty: 'No calls yet.',
      items: ({ data }) =>
        data.calls.map((c) => ({
          label: callLabel(c),
          description: [shortDateTime(callCreatedAt(c)), describeCallStatus(c.status).label]
            .filter(Boolean)
            .join(' · '),
          detail: oneLine(callSummary(c) ?? c.submission?.task_description, 120) || undefined,
          icon: callIconName(c),
          run: { title: t('Open Call Details'), command: 'kallyai.calls.openDetails', args: [{ id: c.call_id }] },
        })),
    },
  }),
  present(ops.calls.get, {
    command: {
      id: 'kallyai.calls.openDetails',
      title: 'Open Call Details',
      cli: ['kallyai calls info', 'kallyai --call-info'],
      icon: 'info',
      menus: [{ view: 'calls', item: 'call', group: 'primary', order: 1 }],
    },
    params: callParam(),
    progress: 'Opening the call…',
    result: { kind: 'page', page: 'call', id: ({ data }) => data.call_id },
  }),
  present(ops.calls.transcript, {
    command: {
      id: 'kallyai.calls.openTranscript',
      title: 'Open Transcript',
      cli: ['kallyai calls transcript', 'kallyai --transcript'],
      icon: 'note',
      menus: [{ view: 'calls', item: 'hasTranscript', group: 'primary', order: 2 }],
    },
    params: callParam(hasTranscript),
    unavailable: ({ target }) =>
      target && !hasTranscript(callOf(target)) ? noTranscriptReason(callOf(target)) : undefined,
    // "Not found" for a call that ended a while ago: it has none (not "not yet", and no Retry).
    errorCode: (code, { target }) =>
      code === 'transcript_not_found' && target && endedAWhileAgo(callOf(target)) ? 'no_transcript' : undefined,
    progress: 'Opening the transcript…',
    result: {
      kind: 'document',
      path: ({ input }) => `${callPath(input.path?.call_id)}/transcript`,
      title: ({ target }) => callTabTitle(callOf(target), t('transcript')),
      markdown: ({ data, target }) => transcriptMarkdown(callOf(target), data.entries),
    },
  }),
  present(ops.calls.recording, {
    command: {
      id: 'kallyai.calls.openRecording',
      title: 'Play Recording',
      cli: ['kallyai calls recording'],
      icon: 'play',
      menus: [{ view: 'calls', item: 'hasTranscript', group: 'primary', order: 3 }],
    },
    params: callParam(hasTranscript),
    unavailable: ({ target }) =>
      target && !hasTranscript(callOf(target)) ? t('This call has no recording.') : undefined,
    progress: 'Getting the recording…',
    // Played in the editor (src/pages/playerPage.ts), which also offers the browser and saving the file.
    result: {
      kind: 'page',
      page: 'player',
      id: ({ input }) => `call:${input.path?.call_id ?? ''}`,
      initial: ({ data, target }) => ({ playback: data, subject: target, autoplay: true }),
    },
  }),
  present(ops.calls.calendar, {
    command: {
      id: 'kallyai.calls.addToCalendar',
      title: 'Add to Calendar',
      cli: ['kallyai calls calendar'],
      icon: 'calendar',
      menus: [{ view: 'calls', item: 'hasAppointment', group: 'primary', order: 4 }],
    },
    params: callParam(hasAppointment),
    progress: 'Getting the calendar entry…',
    result: {
      kind: 'save',
      fileName: ({ target }) => appointmentFileName(callOf(target)),
      text: ({ data }) => data.text,
      filter: { label: 'Calendar', extensions: ['ics'] },
      saved: 'Saved the calendar entry.',
      openWith: 'Open in Calendar App',
    },
  }),
  present(ops.calls.cancel, {
    command: {
      id: 'kallyai.calls.cancel',
      title: 'Cancel Scheduled Call',
      cli: ['kallyai calls cancel'],
      icon: 'close',
      menus: [{ view: 'calls', item: 'scheduled', group: 'inline', order: 2 }],
    },
    params: callParam((c) => isScheduled(c) || c.status === 'queued'),
    consent: {
      question: ({ target }) => t('Cancel the scheduled call to {0}?', callLabel(callOf(target))),
      what: ({ target }) => {
        const when = shortDateTime(callOf(target).scheduled_for);
        return when ? t('It was to be placed {0}. Nobody will be called.', when) : t('Nobody will be called.');
      },
      confirm: 'Cancel Call',
      decline: 'Keep Call',
    },
    progress: 'Cancelling the call…',
    result: { kind: 'status', message: ({ target }) => t('Call to {0} cancelled', callLabel(callOf(target))) },
  }),
  present(ops.calls.reschedule, {
    command: {
      id: 'kallyai.calls.reschedule',
      title: 'Reschedule Call…',
      cli: ['kallyai calls reschedule'],
      icon: 'calendar',
      menus: [{ view: 'calls', item: 'scheduled', group: 'primary', order: 5 }],
    },
    params: callParam(isScheduled),
    fields: {
      date: { label: 'New date', placeholder: 'YYYY-MM-DD', help: 'the day of the call' },
      time: { label: 'New time', placeholder: 'HH:MM', help: '24-hour clock' },
    },
    ask: ['date', 'time'],
    // The call reaches a business at the new time: the question names it, and when.
    consent: {
      question: ({ target, input }) => {
        const when = newTime(input.body);
        return when
          ? t('Move the call to {0} to {1}?', callLabel(callOf(target)), when)
          : t('Move the call to {0}?', callLabel(callOf(target)));
      },
      whom: ({ target }) => {
        const call = callOf(target);
        const business = businessName(call);
        const phone = callPhone(call);
        return business && phone
          ? t('{0} at {1}', business, phoneForPeople(phone))
          : (business ?? (phone ? phoneForPeople(phone) : undefined));
      },
      what: ({ target }) => {
        const was = shortDateTime(callOf(target).scheduled_for);
        return was
          ? t('It was to be placed {0}; KallyAI calls at the new time instead.', was)
          : t('KallyAI calls at the new time instead.');
      },
      confirm: 'Reschedule Call',
      decline: 'Keep Time',
    },
    progress: 'Rescheduling the call…',
    result: { kind: 'status', message: ({ target }) => t('Call to {0} rescheduled', callLabel(callOf(target))) },
  }),
  present(ops.calls.stop, {
    command: {
      id: 'kallyai.calls.stop',
      title: 'Stop Live Call…',
      cli: ['kallyai calls stop'],
      icon: 'debug-stop',
      menus: [{ view: 'calls', item: 'live', group: 'inline', order: 1 }],
    },
    params: callParam(isRunning),
    consent: {
      question: ({ target }) => t('Stop the live call to {0}?', callLabel(callOf(target))),
      what: () => t('KallyAI hangs up now; the task may be left unfinished.'),
      confirm: 'Stop Call',
      decline: 'Let It Run',
    },
    progress: 'Stopping the call…',
    result: { kind: 'status', message: ({ target }) => t('Call to {0} stopped', callLabel(callOf(target))) },
  }),
];

/** The new date and time of a reschedule, as a person reads them. */
function newTime(body: { date?: string; time?: string } | undefined): string {
  return [body?.date ? calendarDay(body.date) : undefined, body?.time].filter(Boolean).join(', ');
}

function callIconName(c: Call): string {
  if (isScheduled(c)) return 'calendar';
  switch (describeCallStatus(c.status).tone) {
    case 'good':
      return 'pass';
    case 'bad':
      return 'error';
    case 'running':
      return 'sync~spin';
    default:
      return 'circle-slash';
  }
}
