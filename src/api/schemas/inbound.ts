/** The AI receptionist: inbound calls, rules, voicemails, contacts (contract §5.3). */
import * as z from 'zod/mini';
import {
  bounded,
  date,
  limit,
  offset,
  phone,
  loose,
  opt,
  optStr,
  optNum,
  optBool,
  optId,
  listOf,
  anyObject,
  nonEmpty,
  trueString,
} from './common';

export const InboundCallsQuery = z.strictObject({
  limit: z.optional(limit(100)),
  offset: z.optional(offset),
  status: z.optional(z.enum(['active', 'completed', 'missed', 'rejected'])),
  vip_only: z.optional(trueString),
  date_from: z.optional(date),
  date_to: z.optional(date),
});
/** An action item of an inbound call ("Call Mom back tonight"); its status, e.g. `pending`, `completed`. */
export const ActionItem = z.union([
  z.string(),
  loose({ index: optNum, description: optStr, text: optStr, status: optStr }),
]);
export const InboundCall = loose({
  id: optId,
  caller_number: optStr,
  caller_name: optStr,
  status: optStr,
  created_at: optStr,
  ended_at: optStr,
  duration_seconds: optNum,
  summary: optStr,
  is_vip: optBool,
  action_items: opt(z.array(ActionItem)),
  transferred_to: optStr,
  taken_over: optBool,
  voicemail_id: optId,
});
export const InboundCallList = listOf('calls', InboundCall, { total: optNum });
export const DeleteInboundCallsBody = z.strictObject({
  call_ids: z.optional(z.array(nonEmpty)),
  all: z.optional(z.boolean()),
});
export const DateRangeQuery = z.strictObject({ date_from: z.optional(date), date_to: z.optional(date) });
export const EventsQuery = z.strictObject({ from: z.optional(date), to: z.optional(date) });
/** e.g. `completed` (the only documented value; the set is not closed). */
export const ActionItemBody = z.strictObject({ status: bounded(1, 50) });
export const TransferBody = z.strictObject({ target_number: phone });
export const RejectBody = z.strictObject({ reason: z.optional(bounded(1, 200)) });

/** Rule actions are not a documented closed set (REF-B's example is `transfer`). */
export const CreateRuleBody = z.strictObject({
  name: bounded(1, 200),
  action: bounded(1, 50),
  priority: z.optional(z.int().check(z.gte(0), z.lte(10000))),
  is_active: z.optional(z.boolean()),
  conditions: z.optional(z.record(z.string(), z.unknown())),
  action_config: z.optional(z.record(z.string(), z.unknown())),
});
/** The contract lists name, action and priority; the rest is what the rule was created with (a
 *  server that does not change them on update ignores them). */
export const UpdateRuleBody = z.strictObject({
  name: z.optional(bounded(1, 200)),
  action: z.optional(bounded(1, 50)),
  priority: z.optional(z.int().check(z.gte(0), z.lte(10000))),
  is_active: z.optional(z.boolean()),
  conditions: z.optional(z.record(z.string(), z.unknown())),
  action_config: z.optional(z.record(z.string(), z.unknown())),
});
const looseRecord = opt(z.record(z.string(), z.unknown()));
export const Rule = loose({
  id: optId,
  name: optStr,
  action: optStr,
  priority: optNum,
  is_active: optBool,
  conditions: looseRecord,
  action_config: looseRecord,
});
export const RuleList = listOf('rules', Rule);
/** Whether it was heard comes as `listened`, `is_read`/`read`, `unread` or a `status` such as `new`. */
export const Voicemail = loose({
  id: optId,
  caller_number: optStr,
  caller_name: optStr,
  transcription: optStr,
  transcript: optStr,
  duration_seconds: optNum,
  created_at: optStr,
  listened: optBool,
  is_read: optBool,
  read: optBool,
  unread: optBool,
  status: optStr,
  call_id: optId,
});
export const VoicemailList = listOf('voicemails', Voicemail, { unread: optNum });
export const Playback = loose({
  url: optStr,
  audio_url: optStr,
  playback_url: optStr,
  format: optStr,
  content_type: optStr,
  duration_seconds: optNum,
});

/** A contact's own number: any valid number (it is not dialled by KallyAI from here). */
export const CreateContactBody = z.strictObject({
  name: bounded(1, 200),
  phone_number: phone,
  is_vip: z.optional(z.boolean()),
  notes: z.optional(bounded(0, 1000)),
});
export const UpdateContactBody = z.strictObject({
  name: z.optional(bounded(1, 200)),
  phone_number: z.optional(phone),
  is_vip: z.optional(z.boolean()),
  notes: z.optional(bounded(0, 1000)),
});
export const Contact = loose({ id: optId, name: optStr, phone_number: optStr, is_vip: optBool, notes: optStr });
export const ContactList = listOf('contacts', Contact);
export const ImportContactsBody = z.strictObject({ source: bounded(1, 50) /* e.g. google, csv */ });
export const InboundEvents = listOf('events', loose({ id: optId, type: optStr, created_at: optStr }));
export const Result = anyObject;
