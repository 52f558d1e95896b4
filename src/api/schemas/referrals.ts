/** Referral codes and rewards (contract §5.14). */
import * as z from 'zod/mini';
import { loose, optStr, optNum, optBool, optId, listOf } from './common';

export const Code = loose({ code: optStr, is_active: optBool, share_url: optStr, created_at: optStr });
export const Stats = loose({
  total_referrals: optNum,
  pending: optNum,
  converted: optNum,
  total_reward_minutes: optNum,
  total_reward_credits: optNum,
});
export const History = listOf(
  'referrals',
  loose({ id: optId, referred_email: optStr, status: optStr, created_at: optStr, converted_at: optStr }),
);
export const Validation = loose({ valid: optBool, code: optStr });
export const TrackBody = z.strictObject({
  code: z.string().check(z.regex(/^[A-Za-z0-9_-]{3,40}$/, 'A referral code is 3 to 40 letters, digits, - or _.')),
  email: z.email(),
});
export const TrackResult = loose({ tracked: optBool, message: optStr });
