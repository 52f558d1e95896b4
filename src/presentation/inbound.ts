/** The receptionist (contract §5.3): inbound calls and what can be done with a live one, the
 *  figures, the event log, voicemails, call-handling rules and contacts — how each operation is
 *  asked, consented, shown and placed in the Receptionist view. The rule and contact editors and
 *  the contact import ask their own questions (src/commands/inbound) and hand over to the
 *  pipeline with these entries. */
import { ops } from '../api/catalogue';
import { eventLogMarkdown, inboundTranscriptMarkdown } from '../documents/inboundMarkdown';
import { count, formatDuration, oneLine, phoneForPeople, shortDateTime, t } from '../format';
import {
  callDuration,
  callerLabel,
  callerWithNumber,
  contactName,
  hasConversation,
  inboundStatusLabel,
  isAnswering,
  isLive,
  isNewVoicemail,
  ruleName,
  ruleSummary,
  sortContacts,
  sortRules,
  voicemailPreview,
  type Contact,
  type InboundCall,
  type Rule,
  type Voicemail,
} from '../models/inbound';
import type { CommandSpec, EntitySpec, Presentation } from './entry';
import { present } from './entry';
import { registerEntities } from './entities';
import { readTargets, ringingPhone } from '../models/phoneNumber';

const callOf = (target: unknown) => (target ?? {}) as InboundCall;
const ruleOf = (target: unknown) => (target ?? {}) as Rule;
const contactOf = (target: unknown) => (target ?? {}) as Contact;
const callParam = (filter?: (c: InboundCall) => boolean) => ({
  id: { entity: 'inboundCall' as const, filter: filter as ((item: never) => boolean) | undefined, label: 'Call' },
});
const idParam = (entity: 'voicemail' | 'rule' | 'contact', label: string) => ({ id: { entity, label } });
const liveOnly = (target: unknown) =>
  target && !isLive(callOf(target))
    ? t('That call is no longer live: it was answered, transferred or has ended.')
    : undefined;

const entity = <T>(spec: EntitySpec<T>) => spec as unknown as EntitySpec<unknown>;

registerEntities(
  entity<InboundCall>({
    kind: 'inboundCall',
    placeholder: 'Pick a call',
    empty: 'No calls to your KallyAI number yet.',
    list: async (client, signal) =>
      (await client.execute(ops.inbound.calls, { query: { limit: 50 } }, { signal })).calls,
    get: (client, id) => client.execute(ops.inbound.call, { path: { id } }),
    getOp: ops.inbound.call.id,
    id: (c) => c.id ?? undefined,
    label: (c) => callerLabel(c),
    description: (c) =>
      [inboundStatusLabel(c), shortDateTime(c.created_at), callDuration(c)].filter(Boolean).join(' · '),
    detail: (c) => oneLine(c.summary, 100) || undefined,
  }),
  entity<Voicemail>({
    kind: 'voicemail',
    placeholder: 'Pick a voicemail',
    empty: 'No voicemails.',
    list: async (client, signal) => (await client.execute(ops.inbound.voicemails, {}, { signal })).voicemails,
    get: (client, id) => client.execute(ops.inbound.voicemail, { path: { id } }),
    getOp: ops.inbound.voicemail.id,
    id: (v) => v.id ?? undefined,
    label: (v) => callerLabel(v),
    description: (v) =>
      [isNewVoicemail(v) ? t('new') : undefined, shortDateTime(v.created_at), formatDuration(v.duration_seconds)]
        .filter(Boolean)
        .join(' · '),
    detail: (v) => voicemailPreview(v),
  }),
  entity<Rule>({
    kind: 'rule',
    placeholder: 'Pick a rule',
    empty: 'No call-handling rules yet.',
    list: async (client, signal) => sortRules((await client.execute(ops.inbound.rules, {}, { signal })).rules),
    id: (r) => r.id ?? undefined,
    label: (r) => ruleName(r),
    description: (r) => [r.is_active === false ? t('off') : undefined, ruleSummary(r)].filter(Boolean).join(' · '),
  }),
  entity<Contact>({
    kind: 'contact',
    placeholder: 'Pick a contact',
    empty: 'No contacts yet.',
    list: async (client, signal) => sortContacts((await client.execute(ops.inbound.contacts, {}, { signal })).contacts),
    id: (c) => c.id ?? undefined,
    label: (c) => contactName(c),
    description: (c) =>
      [c.phone_number ? phoneForPeople(c.phone_number) : undefined, c.is_vip ? t('VIP') : undefined]
        .filter(Boolean)
        .join(' · '),
    detail: (c) => c.notes || undefined,
  }),
);

const view = 'receptionist';

export const receptionistPresentations: Presentation[] = [
  present(ops.inbound.calls, {
    command: {
      id: 'kallyai.receptionist.calls',
      title: 'Find an Inbound Call…',
      cli: ['kallyai inbound calls'],
      icon: 'search',
      menus: [{ view, group: 'titleMenu', order: 1 }],
    },
    fields: {
      status: {
        label: 'Status',
        choiceLabels: { active: 'Live now', completed: 'Completed', missed: 'Missed', rejected: 'Rejected' },
      },
      vip_only: { label: 'Only VIP callers', choiceLabels: { true: 'Only VIP callers' } },
      date_from: { label: 'From', placeholder: 'YYYY-MM-DD', help: 'the first day' },
      date_to: { label: 'To', placeholder: 'YYYY-MM-DD', help: 'the last day' },
    },
    ask: ['status'],
    defaults: () => ({ query: { limit: 50 } }),
    progress: 'Loading the calls to your number…',
    result: {
      kind: 'pick',
      placeholder: 'Pick a call to open',
      empty: 'No calls match.',
      items: ({ data }) =>
        data.calls
          .filter((c) => c.id)
          .map((c) => ({
            label: callerLabel(c),
            description: [inboundStatusLabel(c), shortDateTime(c.created_at), callDuration(c)]
              .filter(Boolean)
              .join(' · '),
            detail: oneLine(c.summary, 120) || undefined,
            icon: isLive(c) ? 'radio-tower' : 'call-incoming',
            run: { title: t('Open Inbound Call'), command: 'kallyai.receptionist.openCall', args: [{ id: c.id }] },
          })),
    },
  }),
  present(ops.inbound.deleteCalls, {
    command: {
      id: 'kallyai.receptionist.deleteCall',
      title: 'Delete Call Record…',
      icon: 'trash',
      menus: [{ view, item: 'pastCall', group: 'danger', order: 9 }],
    },
    fields: {
      call_ids: { label: 'Calls to delete', entity: 'inboundCall' },
      all: { label: 'Every call', hidden: true },
    },
    ask: ['call_ids'],
    targetInput: (ids) => ({ body: { call_ids: [...ids] } }),
    consent: {
      question: ({ input, target }) => {
        const n = input.body?.call_ids?.length ?? 0;
        return n === 1 && target
          ? t('Delete the record of the call from {0}?', callerLabel(callOf(target)))
          : t('Delete {0}?', count(n, '{0} call record', '{0} call records'));
      },
      what: () => t('The calls, their summaries, transcripts and recordings are removed from KallyAI.'),
      confirm: 'Delete Records',
      decline: 'Keep Records',
    },
    progress: 'Deleting…',
    result: {
      kind: 'status',
      message: ({ input }) =>
        count(input.body?.call_ids?.length ?? 0, '{0} call record deleted', '{0} call records deleted'),
    },
  }),
  present(ops.inbound.summary, {
    command: {
      id: 'kallyai.receptionist.summary',
      title: 'Receptionist Summary',
      cli: ['kallyai inbound summary'],
      icon: 'dashboard',
      menus: [{ view, group: 'titleMenu', order: 6 }],
    },
    progress: 'Loading the figures…',
    result: {
      kind: 'page',
      page: 'receptionistAnalytics',
      id: () => 'receptionist',
      initial: ({ data }) => ({ summary: data }),
    },
  }),
  present(ops.inbound.analytics, {
    command: {
      id: 'kallyai.receptionist.analytics',
      title: 'Receptionist Analytics…',
      cli: ['kallyai inbound analytics'],
      icon: 'graph',
      menus: [{ view, group: 'title', order: 3 }],
    },
    fields: {
      date_from: { label: 'From', placeholder: 'YYYY-MM-DD', help: 'the first day (empty: the last 30 days)' },
      date_to: { label: 'To', placeholder: 'YYYY-MM-DD', help: 'the last day (empty: today)' },
    },
    ask: ['date_from', 'date_to'],
    progress: 'Loading the analytics…',
    result: {
      kind: 'page',
      page: 'receptionistAnalytics',
      id: () => 'receptionist',
      initial: ({ data, input }) => ({
        analytics: data,
        range: { from: input.query?.date_from, to: input.query?.date_to },
      }),
    },
  }),
  present(ops.inbound.call, {
    command: {
      id: 'kallyai.receptionist.openCall',
      title: 'Open Inbound Call',
      cli: ['kallyai inbound call'],
      icon: 'info',
      menus: [{ view, item: 'inboundCall', group: 'primary', order: 1 }],
    },
    params: callParam(),
    progress: 'Opening the call…',
    result: { kind: 'page', page: 'inboundCall', id: ({ data, input }) => data.id ?? input.path?.id ?? '' },
  }),
  present(ops.inbound.transcript, {
    command: {
      id: 'kallyai.receptionist.openTranscript',
      title: 'Open Inbound Call Transcript',
      cli: ['kallyai inbound transcript'],
      icon: 'note',
      menus: [{ view, item: 'hasRecording', group: 'primary', order: 3 }],
    },
    params: callParam(hasConversation),
    unavailable: ({ target }) =>
      target && !hasConversation(callOf(target))
        ? isLive(callOf(target))
          ? t('The call is still going on: its transcript is ready when it ends.')
          : t('Nobody spoke on this call, so there is no transcript.')
        : undefined,
    progress: 'Opening the transcript…',
    result: {
      kind: 'document',
      path: ({ input }) => `receptionist/${input.path?.id ?? 'call'}/transcript`,
      title: ({ target }) => t('{0} — transcript', callerLabel(callOf(target))),
      markdown: ({ data, target }) => inboundTranscriptMarkdown(callOf(target), data.entries),
    },
  }),
  present(ops.inbound.recording, {
    command: {
      id: 'kallyai.receptionist.playRecording',
      title: 'Play Inbound Call Recording',
      cli: ['kallyai inbound recording'],
      icon: 'play',
      menus: [{ view, item: 'hasRecording', group: 'primary', order: 2 }],
    },
    params: callParam(hasConversation),
    unavailable: ({ target }) =>
      target && !hasConversation(callOf(target)) ? t('This call has no recording.') : undefined,
    progress: 'Getting the recording…',
    result: {
      kind: 'page',
      page: 'player',
      id: ({ input }) => `inbound:${input.path?.id ?? ''}`,
      initial: ({ data, target }) => ({ playback: data, subject: target, autoplay: true }),
    },
  }),
  present(ops.inbound.updateActionItem, {
    progress: 'Updating the action item…',
    result: { kind: 'status', message: () => t('Action item updated') },
  }),
  present(ops.inbound.transfer, {
    command: {
      id: 'kallyai.receptionist.transfer',
      title: 'Transfer Call…',
      cli: ['kallyai inbound transfer'],
      icon: 'arrow-swap',
      menus: [{ view, item: 'liveCall', group: 'inline', order: 2 }],
    },
    params: callParam(isLive),
    fields: {
      target_number: {
        label: 'Transfer to',
        placeholder: '+1 201 555 0177',
        help: 'the number that takes the call',
        phone: true,
      },
    },
    unavailable: ({ target }) => liveOnly(target),
    consent: {
      question: ({ input, target }) =>
        t(
          'Transfer the call from {0} to {1}?',
          callerLabel(callOf(target)),
          phoneForPeople(input.body?.target_number ?? ''),
        ),
      what: ({ input, target }) =>
        t(
          'KallyAI hands the call from {0} over to {1} and leaves it.',
          callerWithNumber(callOf(target)),
          phoneForPeople(input.body?.target_number ?? ''),
        ),
      whom: ({ input }) => phoneForPeople(input.body?.target_number ?? ''),
      confirm: 'Transfer Call',
      decline: 'Keep Answering',
    },
    progress: 'Transferring the call…',
    result: {
      kind: 'status',
      message: ({ input, target }) =>
        t(
          'Call from {0} transferred to {1}',
          callerLabel(callOf(target)),
          phoneForPeople(input.body?.target_number ?? ''),
        ),
    },
  }),
  present(ops.inbound.takeover, {
    command: {
      id: 'kallyai.receptionist.takeOver',
      title: 'Take Over Call',
      cli: ['kallyai inbound takeover'],
      icon: 'call-incoming',
      menus: [{ view, item: 'answeringCall', group: 'inline', order: 1 }],
    },
    params: callParam(isAnswering),
    unavailable: ({ target }) =>
      liveOnly(target) ??
      (target && callOf(target).taken_over ? t('You are on this call already: you took it over.') : undefined),
    consent: {
      question: ({ target }) => t('Take over the call from {0}?', callerLabel(callOf(target))),
      what: ({ target }) =>
        t(
          'KallyAI connects {0} to you and leaves the call; what it noted so far stays in the call summary.',
          callerWithNumber(callOf(target)),
        ),
      // Which of your phones rings: the one to have in hand when you say yes.
      detail: async ({ client, target }) => {
        const [numbers, targets] = await Promise.all([
          client.execute(ops.phone.list).then(
            (r) => r.phone_numbers,
            () => [],
          ),
          client.execute(ops.phone.forwardingTargets).then(readTargets, () => []),
        ]);
        const phone = ringingPhone(numbers, targets);
        const caller = callerLabel(callOf(target));
        if (!phone)
          return t(
            'You have no hand-off phone yet, so KallyAI has no phone of yours to ring: add one with "Add Hand-off Phone…" in the Phone Numbers view.',
          );
        return phone.label
          ? t(
              'Your phone "{0}" ({1}) rings: answer it to talk to {2}.',
              phone.label,
              phoneForPeople(phone.number),
              caller,
            )
          : t('Your phone {0} rings: answer it to talk to {1}.', phoneForPeople(phone.number), caller);
      },
      confirm: 'Take Over',
      decline: 'Let KallyAI Answer',
    },
    progress: 'Taking over the call…',
    result: { kind: 'status', message: ({ target }) => t('You are on the call with {0}', callerLabel(callOf(target))) },
  }),
  present(ops.inbound.reject, {
    command: {
      id: 'kallyai.receptionist.reject',
      title: 'Reject Call…',
      cli: ['kallyai inbound reject'],
      icon: 'circle-slash',
      menus: [{ view, item: 'liveCall', group: 'inline', order: 3 }],
    },
    params: callParam(isLive),
    fields: {
      reason: { label: 'Reason', placeholder: 'e.g. busy, sales call', help: 'optional: noted with the call' },
    },
    ask: ['reason'],
    unavailable: ({ target }) => liveOnly(target),
    consent: {
      question: ({ target }) => t('Reject the call from {0}?', callerLabel(callOf(target))),
      what: ({ input, target }) =>
        input.body?.reason
          ? t('KallyAI ends the call with {0}. Reason noted: {1}', callerWithNumber(callOf(target)), input.body.reason)
          : t('KallyAI ends the call with {0}.', callerWithNumber(callOf(target))),
      confirm: 'Reject Call',
      decline: 'Keep Answering',
    },
    progress: 'Rejecting the call…',
    result: { kind: 'status', message: ({ target }) => t('Call from {0} rejected', callerLabel(callOf(target))) },
  }),
  present(ops.inbound.rules, {
    command: {
      id: 'kallyai.receptionist.rules',
      title: 'Call-Handling Rules…',
      cli: ['kallyai inbound rules'],
      icon: 'list-ordered',
      menus: [{ view, group: 'titleMenu', order: 3 }],
    },
    progress: 'Loading your rules…',
    result: {
      kind: 'pick',
      placeholder: 'Rules, first match wins: pick one to edit',
      empty: 'No call-handling rules yet: every call is answered and a message taken.',
      items: ({ data }) =>
        sortRules(data.rules)
          .filter((r) => r.id)
          .map((r) => ({
            label: ruleName(r),
            description: [
              r.priority != null ? t('priority {0}', r.priority) : undefined,
              r.is_active === false ? t('off') : undefined,
            ]
              .filter(Boolean)
              .join(' · '),
            detail: ruleSummary(r),
            icon: r.is_active === false ? 'circle-slash' : 'filter',
            run: { title: t('Edit Rule…'), command: 'kallyai.receptionist.editRule', args: [{ id: r.id }] },
          })),
    },
  }),
  present(ops.inbound.createRule, {
    progress: 'Adding the rule…',
    result: { kind: 'status', message: ({ data, input }) => t('Rule added: {0}', data.name ?? input.body?.name ?? '') },
  }),
  present(ops.inbound.updateRule, {
    progress: 'Saving the rule…',
    result: {
      kind: 'status',
      message: ({ data, target }) => t('Rule saved: {0}', data.name ?? ruleName(ruleOf(target))),
    },
  }),
  present(ops.inbound.deleteRule, {
    command: {
      id: 'kallyai.receptionist.deleteRule',
      title: 'Delete Rule',
      cli: ['kallyai inbound delete-rule'],
      icon: 'trash',
      menus: [{ view, item: 'rule', group: 'danger', order: 9 }],
    },
    params: idParam('rule', 'Rule'),
    consent: {
      question: ({ target }) => t('Delete the rule "{0}"?', ruleName(ruleOf(target))),
      what: ({ target }) =>
        t('Calls it handled ({0}) follow your other rules from now on.', ruleSummary(ruleOf(target))),
      confirm: 'Delete Rule',
      decline: 'Keep Rule',
    },
    progress: 'Deleting the rule…',
    result: { kind: 'status', message: ({ target }) => t('Rule deleted: {0}', ruleName(ruleOf(target))) },
  }),
  present(ops.inbound.voicemails, {
    command: {
      id: 'kallyai.receptionist.voicemails',
      title: 'Voicemails…',
      cli: ['kallyai inbound voicemails'],
      icon: 'mail',
      menus: [{ view, group: 'titleMenu', order: 2 }],
    },
    progress: 'Loading your voicemails…',
    result: {
      kind: 'pick',
      placeholder: 'Pick a voicemail to play',
      empty: 'No voicemails.',
      items: ({ data }) =>
        data.voicemails
          .filter((v) => v.id)
          .map((v) => ({
            label: callerLabel(v),
            description: [
              isNewVoicemail(v) ? t('new') : undefined,
              shortDateTime(v.created_at),
              formatDuration(v.duration_seconds),
            ]
              .filter(Boolean)
              .join(' · '),
            detail: voicemailPreview(v),
            icon: isNewVoicemail(v) ? 'circle-filled' : 'mail',
            run: { title: t('Play Voicemail'), command: 'kallyai.receptionist.playVoicemail', args: [{ id: v.id }] },
          })),
    },
  }),
  present(ops.inbound.voicemail, {
    command: {
      id: 'kallyai.receptionist.openVoicemail',
      title: 'Open Voicemail',
      cli: ['kallyai inbound voicemail'],
      icon: 'mail-read',
      menus: [{ view, item: 'voicemail', group: 'primary', order: 1 }],
    },
    params: idParam('voicemail', 'Voicemail'),
    progress: 'Opening the voicemail…',
    result: {
      kind: 'page',
      page: 'player',
      id: ({ data, input }) => `voicemail:${data.id ?? input.path?.id ?? ''}`,
      initial: ({ data }) => ({ subject: data }),
    },
  }),
  present(ops.inbound.voicemailPlayback, {
    command: {
      id: 'kallyai.receptionist.playVoicemail',
      title: 'Play Voicemail',
      cli: ['kallyai inbound voicemail-playback'],
      icon: 'play',
      menus: [{ view, item: 'voicemail', group: 'inline', order: 1 }],
    },
    params: idParam('voicemail', 'Voicemail'),
    progress: 'Getting the voicemail…',
    result: {
      kind: 'page',
      page: 'player',
      id: ({ input }) => `voicemail:${input.path?.id ?? ''}`,
      initial: ({ data, target }) => ({ playback: data, subject: target, autoplay: true }),
    },
  }),
  present(ops.inbound.contacts, {
    command: {
      id: 'kallyai.receptionist.contacts',
      title: 'Contacts…',
      cli: ['kallyai inbound contacts'],
      icon: 'organization',
      menus: [{ view, group: 'titleMenu', order: 4 }],
    },
    progress: 'Loading your contacts…',
    result: {
      kind: 'pick',
      placeholder: 'Pick a contact to edit',
      empty: 'No contacts yet: add one, or import a CSV or vCard file.',
      items: ({ data }) =>
        sortContacts(data.contacts)
          .filter((c) => c.id)
          .map((c) => ({
            label: contactName(c),
            description: [c.phone_number ? phoneForPeople(c.phone_number) : undefined, c.is_vip ? t('VIP') : undefined]
              .filter(Boolean)
              .join(' · '),
            detail: c.notes || undefined,
            icon: c.is_vip ? 'star-full' : 'person',
            run: { title: t('Edit Contact…'), command: 'kallyai.receptionist.editContact', args: [{ id: c.id }] },
          })),
    },
  }),
  present(ops.inbound.createContact, {
    command: {
      id: 'kallyai.receptionist.addContact',
      title: 'Add Contact…',
      cli: ['kallyai inbound add-contact'],
      icon: 'person-add',
      menus: [
        { view, group: 'titleMenu', order: 8 },
        { view, item: 'contactsGroup', group: 'inline', order: 1 },
      ],
    },
    fields: {
      name: { label: 'Name', placeholder: 'Alex Rivera' },
      phone_number: { label: 'Phone number', placeholder: '+1 201 555 0130', phone: true },
      is_vip: { label: 'VIP (rules can treat VIP callers apart)' },
      notes: { label: 'Notes', placeholder: 'e.g. Friday dinner guest' },
    },
    ask: ['is_vip', 'notes'],
    progress: 'Adding the contact…',
    result: {
      kind: 'status',
      message: ({ data, input }) => t('Contact added: {0}', data.name ?? input.body?.name ?? ''),
    },
  }),
  present(ops.inbound.updateContact, {
    progress: 'Saving the contact…',
    result: {
      kind: 'status',
      message: ({ data, target }) => t('Contact saved: {0}', data.name ?? contactName(contactOf(target))),
    },
  }),
  present(ops.inbound.deleteContact, {
    command: {
      id: 'kallyai.receptionist.deleteContact',
      title: 'Delete Contact',
      cli: ['kallyai inbound delete-contact'],
      icon: 'trash',
      menus: [{ view, item: 'contact', group: 'danger', order: 9 }],
    },
    params: idParam('contact', 'Contact'),
    consent: {
      question: ({ target }) => t('Delete the contact {0}?', contactName(contactOf(target))),
      what: ({ target }) => {
        const c = contactOf(target);
        return c.phone_number
          ? t(
              'KallyAI forgets {0} ({1}): their calls are answered as from an unknown caller, and VIP rules no longer apply to them.',
              contactName(c),
              phoneForPeople(c.phone_number),
            )
          : t('KallyAI forgets {0}.', contactName(c));
      },
      confirm: 'Delete Contact',
      decline: 'Keep Contact',
    },
    progress: 'Deleting the contact…',
    result: { kind: 'status', message: ({ target }) => t('Contact deleted: {0}', contactName(contactOf(target))) },
  }),
  present(ops.inbound.importContacts, {
    progress: 'Asking KallyAI to import your contacts…',
    result: {
      kind: 'notify',
      message: ({ data, input }) => {
        const imported = typeof data.imported === 'number' ? data.imported : undefined;
        return imported === undefined
          ? t('KallyAI is importing your contacts from {0}.', input.body?.source ?? '')
          : t('{0} imported from {1}.', count(imported, '{0} contact', '{0} contacts'), input.body?.source ?? '');
      },
      actions: () => [{ title: t('Show Contacts'), command: 'kallyai.receptionist.contacts' }],
    },
  }),
  present(ops.inbound.events, {
    command: {
      id: 'kallyai.receptionist.events',
      title: 'Receptionist Event Log…',
      cli: ['kallyai inbound events'],
      icon: 'output',
      menus: [{ view, group: 'titleMenu', order: 5 }],
    },
    fields: {
      from: { label: 'From', placeholder: 'YYYY-MM-DD', help: 'the first day (empty: from the start)' },
      to: { label: 'To', placeholder: 'YYYY-MM-DD', help: 'the last day (empty: today)' },
    },
    ask: ['from', 'to'],
    progress: 'Loading the event log…',
    result: {
      kind: 'document',
      path: ({ input }) => `receptionist/events/${input.query?.from ?? 'start'}_${input.query?.to ?? 'now'}`,
      title: () => t('Receptionist event log'),
      markdown: async ({ data, input, client }) => {
        // Callers by name: the calls and contacts are read to name who called (a failure leaves numbers).
        const [calls, contacts] = await Promise.all([
          client.execute(ops.inbound.calls, { query: { limit: 100 } }).then(
            (r) => r.calls,
            () => [],
          ),
          client.execute(ops.inbound.contacts).then(
            (r) => r.contacts,
            () => [],
          ),
        ]);
        return eventLogMarkdown(data.events, { from: input.query?.from, to: input.query?.to }, calls, contacts);
      },
    },
  }),
];

const refresh: CommandSpec = {
  id: 'kallyai.receptionist.refresh',
  title: 'Refresh Receptionist',
  icon: 'refresh',
  runs: [],
  menus: [{ view, group: 'title', order: 9 }],
};

/** The receptionist's hand-written commands (src/commands/inbound). */
export const receptionistCommands: readonly CommandSpec[] = [
  {
    id: 'kallyai.receptionist.filter',
    title: 'Filter Calls…',
    icon: 'filter',
    runs: ['inbound.calls'],
    menus: [{ view, group: 'title', order: 2 }],
  },
  {
    id: 'kallyai.receptionist.addRule',
    title: 'Add Rule…',
    cli: ['kallyai inbound add-rule'],
    icon: 'add',
    runs: ['inbound.createRule'],
    menus: [
      { view, group: 'titleMenu', order: 7 },
      { view, item: 'rulesGroup', group: 'inline', order: 1 },
    ],
  },
  {
    id: 'kallyai.receptionist.editRule',
    title: 'Edit Rule…',
    cli: ['kallyai inbound update-rule'],
    icon: 'edit',
    runs: ['inbound.updateRule'],
    menus: [{ view, item: 'rule', group: 'inline', order: 1 }],
  },
  {
    id: 'kallyai.receptionist.editContact',
    title: 'Edit Contact…',
    cli: ['kallyai inbound update-contact'],
    icon: 'edit',
    runs: ['inbound.updateContact'],
    menus: [{ view, item: 'contact', group: 'inline', order: 1 }],
  },
  {
    id: 'kallyai.receptionist.markVip',
    title: 'Mark as VIP',
    icon: 'star-empty',
    palette: false,
    runs: ['inbound.updateContact'],
    menus: [{ view, item: 'notVip', group: 'primary', order: 2 }],
  },
  {
    id: 'kallyai.receptionist.unmarkVip',
    title: 'Remove VIP',
    icon: 'star-full',
    palette: false,
    runs: ['inbound.updateContact'],
    menus: [{ view, item: 'vip', group: 'primary', order: 2 }],
  },
  {
    id: 'kallyai.receptionist.importContacts',
    title: 'Import Contacts…',
    cli: ['kallyai inbound import-contacts'],
    icon: 'cloud-download',
    runs: ['inbound.contacts', 'inbound.createContact', 'inbound.updateContact', 'inbound.importContacts'],
    menus: [
      { view, group: 'titleMenu', order: 9 },
      { view, item: 'contactsGroup', group: 'inline', order: 2 },
      { view: 'explorer', when: 'resourceExtname =~ /^\\.(csv|vcf|vcard)$/i', group: 'primary', order: 1 },
    ],
  },
  refresh,
];
