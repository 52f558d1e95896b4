/** Validation of POST /v1/calls as the real service answers it (codes of contract §7.2). */
import { isValidDate, isValidTime, todayIn } from '../clock';
import type { Sandbox } from '../context';
import { fail, str } from '../http';
import { requireCredits } from '../credits';
import type { Submission } from '../state';

const EMERGENCY = new Set(['911', '112', '999', '000', '110', '119', '+1911', '+34112', '+44999', '+112', '+911']);
const CATEGORIES = new Set(['restaurant', 'clinic', 'hotel', 'general']);
const LANGUAGES = new Set(['en', 'es']);

function digits(phone: string): string {
  return phone.replace(/[\s().-]/g, '');
}

export function validateCall(sb: Sandbox, body: Record<string, unknown>): { submission: Submission; timezone: string } {
  const raw = body.submission;
  const s = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const phone = str(s.respondent_phone);
  if (!phone)
    fail(422, 'missing_phone_number', 'A phone number to call (submission.respondent_phone) is required.', {
      details: { field: 'submission.respondent_phone' },
    });
  const p = digits(phone as string);
  if (EMERGENCY.has(p) || /^\+?(911|112)$/.test(p) || /^\+\d{1,3}(911|112)$/.test(p)) {
    fail(422, 'emergency_number', 'Emergency numbers cannot be called by KallyAI. Call them yourself.', {
      details: { field: 'submission.respondent_phone' },
    });
  }
  if (!/^\+[1-9]\d{1,14}$/.test(p))
    fail(422, 'missing_phone_number', `"${phone}" is not a valid phone number in E.164 form (e.g. +12015550100).`, {
      details: { field: 'submission.respondent_phone', reason: 'invalid_format' },
    });
  if (/^\+1(900|976)/.test(p) || /^\+44(9|871|872|873)/.test(p) || /^\+34(80[36]|90[57])/.test(p)) {
    fail(422, 'toll_number', 'Premium-rate numbers are refused.', {
      details: { field: 'submission.respondent_phone' },
    });
  }
  if (p.startsWith('+86') || p.startsWith('+850') || p.startsWith('+98'))
    fail(403, 'unsupported_country', 'Calls to this country are not supported.', {
      details: { reason: 'country_not_supported' },
    });
  if (p.startsWith('+7'))
    fail(403, 'country_restriction', 'Calls to this country are not allowed from your region.', {
      details: { reason: 'country_restricted' },
    });
  if (p === '+12015550142')
    fail(403, 'blocked_number', 'This number is flagged as fraudulent and cannot be called.', {
      details: { reason: 'fraud_flag' },
    });
  if (p === '+12015550143')
    fail(403, 'suppression_violation', 'This number is on a do-not-call list.', { details: { reason: 'do_not_call' } });

  for (const field of ['language', 'call_language'] as const) {
    const v = s[field];
    if (v !== undefined && v !== null && !(typeof v === 'string' && LANGUAGES.has(v))) {
      fail(422, 'unsupported_language', `Language "${String(v)}" is not supported; use en or es.`, {
        details: { field: `submission.${field}` },
      });
    }
  }
  const category = str(s.task_category) ?? 'general';
  if (!CATEGORIES.has(category))
    fail(422, 'validation_error', 'task_category must be restaurant, clinic, hotel or general.', {
      details: { field: 'submission.task_category' },
    });
  const task = str(s.task_description);
  if (!task)
    fail(422, 'validation_error', 'task_description is required.', {
      details: { field: 'submission.task_description' },
    });
  if ((task as string).toLowerCase().includes('[unsafe]'))
    fail(422, 'safety_violation', 'This request breaks the usage guidelines and was refused.', {
      details: { field: 'submission.task_description' },
    });

  const timezone = str(body.timezone) ?? 'America/New_York';
  const date = s.appointment_date;
  if (date !== undefined && date !== null) {
    if (typeof date !== 'string' || !isValidDate(date))
      fail(422, 'scheduling_violation', 'appointment_date must be a valid date (YYYY-MM-DD).', {
        details: { field: 'submission.appointment_date' },
      });
    if ((date as string) < todayIn(timezone))
      fail(422, 'scheduling_violation', 'appointment_date is in the past.', {
        details: { field: 'submission.appointment_date' },
      });
  }
  const time = s.appointment_time;
  if (time !== undefined && time !== null && (typeof time !== 'string' || !isValidTime(time))) {
    fail(422, 'scheduling_violation', 'appointment_time must be HH:MM (24-hour).', {
      details: { field: 'submission.appointment_time' },
    });
  }
  const party = s.party_size;
  if (
    party !== undefined &&
    party !== null &&
    !(Number.isInteger(party) && (party as number) >= 1 && (party as number) <= 50)
  ) {
    fail(422, 'validation_error', 'party_size must be a whole number from 1 to 50.', {
      details: { field: 'submission.party_size' },
    });
  }
  requireCredits(sb, 1);

  const submission: Submission = {
    ...(s as unknown as Submission),
    task_category: category,
    task_description: task as string,
    respondent_phone: p,
  };
  return { submission, timezone };
}
