/** Outbound calls (contract §4, §5.2). */
import * as z from 'zod/mini';
import {
  bounded,
  date,
  time,
  timeZone,
  partySize,
  language,
  phone,
  limit,
  offset,
  loose,
  opt,
  optStr,
  optNum,
  optBool,
  listOf,
  id,
  openEnum,
  nonEmpty,
} from './common';

export const TASK_CATEGORIES = ['restaurant', 'clinic', 'hotel', 'general'] as const;

export const CallSubmissionInput = z.strictObject({
  task_category: z.enum(TASK_CATEGORIES),
  task_description: bounded(10, 1000),
  respondent_phone: phone,
  business_name: z.optional(bounded(1, 200)),
  user_name: z.optional(bounded(1, 100)),
  user_phone: z.optional(phone),
  appointment_date: z.optional(date),
  appointment_time: z.optional(time),
  time_preference_text: z.optional(bounded(1, 200)),
  party_size: z.optional(partySize),
  language: z.optional(language),
  call_language: z.optional(language),
  is_urgent: z.optional(z.boolean()),
  additional_instructions: z.optional(z.array(bounded(1, 500))),
});

export const CreateCallBody = z.strictObject({
  submission: CallSubmissionInput,
  /** IANA time zone, e.g. America/New_York. */
  timezone: timeZone,
  session_id: z.optional(nonEmpty),
});

export const CallListQuery = z.strictObject({ limit: z.optional(limit(200)), offset: z.optional(offset) });
export const RescheduleBody = z.strictObject({ date: z.optional(date), time: z.optional(time) });

export const CallSubmission = loose({
  respondent_phone: optStr,
  business_name: optStr,
  task_description: optStr,
  task_category: optStr,
  appointment_date: optStr,
  appointment_time: optStr,
  party_size: optNum,
  language: optStr,
  call_language: optStr,
});

export const Call = loose({
  call_id: id,
  status: openEnum,
  highlights: optStr,
  next_steps: optStr,
  duration_seconds: optNum,
  credits_used: optNum,
  metadata: opt(loose({ created_at: optStr, ended_at: optStr })),
  submission: opt(CallSubmission),
  created_at: optStr,
  ended_at: optStr,
  result_summary: optStr,
  scheduled_for: optStr,
  to: optStr,
  business_name: optStr,
  is_urgent: optBool,
});
export type Call = z.output<typeof Call>;

export const CallList = listOf('calls', Call, { total: optNum });

export const TranscriptEntry = loose({ speaker: z.string(), content: z.string(), timestamp: optStr });
export const Transcript = listOf('entries', TranscriptEntry);

export const Recording = loose({ url: optStr, duration_seconds: optNum, format: optStr });

/** When the call was placed: top-level `created_at` or `metadata.created_at` (the CLI reads both). */
export function callCreatedAt(call: Call): string | undefined {
  return call.created_at ?? call.metadata?.created_at ?? undefined;
}

/** The outcome summary: `highlights`, or MCP's `result_summary`. */
export function callSummary(call: Call): string | undefined {
  return call.highlights ?? call.result_summary ?? undefined;
}
