/** The AI receptionist: inbound calls, rules, voicemails, contacts (contract §5.3). */
import * as z from 'zod/mini';
import { bounded, date, limit, offset, phone, loose, optStr, optNum, optBool, optId, listOf, anyObject, nonEmpty, trueString } from './common';

export const InboundCallsQuery = z.strictObject({
  limit: z.optional(limit(100)),
  offset: z.optional(offset),
  status: z.optional(z.enum(['active', 'completed', 'missed', 'rejected'])),
  vip_only: z.optional(trueString),
  date_from: z.optional(date),
  date_to: z.optional(date),
});
export const InboundCall = loose({ id: optId, caller_number: optStr, caller_name: optStr, status: optStr, created_at: optStr, duration_seconds: optNum, summary: optStr, is_vip: optBool });
export const InboundCallList = listOf('calls', InboundCall, { total: optNum });
export const DeleteInboundCallsBody = z.strictObject({ call_ids: z.optional(z.array(nonEmpty)), all: z.optional(z.boolean()) });
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
export const UpdateRuleBody = z.strictObject({
  name: z.optional(bounded(1, 200)),
  action: z.optional(bounded(1, 50)),
  priority: z.optional(z.int().check(z.gte(0), z.lte(10000))),
  is_active: z.optional(z.boolean()),
});
export const Rule = loose({ id: optId, name: optStr, action: optStr, priority: optNum, is_active: optBool });
export const RuleList = listOf('rules', Rule);
export const Voicemail = loose({ id: optId, caller_number: optStr, transcription: optStr, duration_seconds: optNum, created_at: optStr });
export const VoicemailList = listOf('voicemails', Voicemail);
export const Playback = loose({ url: optStr, audio_url: optStr, playback_url: optStr });

/** A contact's own number: any valid number (it is not dialled by KallyAI from here). */
export const CreateContactBody = z.strictObject({ name: bounded(1, 200), phone_number: phone, is_vip: z.optional(z.boolean()), notes: z.optional(bounded(0, 1000)) });
export const UpdateContactBody = z.strictObject({ name: z.optional(bounded(1, 200)), phone_number: z.optional(phone), is_vip: z.optional(z.boolean()), notes: z.optional(bounded(0, 1000)) });
export const Contact = loose({ id: optId, name: optStr, phone_number: optStr, is_vip: optBool, notes: optStr });
export const ContactList = listOf('contacts', Contact);
export const ImportContactsBody = z.strictObject({ source: bounded(1, 50) /* e.g. google, csv */ });
export const InboundEvents = listOf('events', loose({ id: optId, type: optStr, created_at: optStr }));
export const Result = anyObject;
