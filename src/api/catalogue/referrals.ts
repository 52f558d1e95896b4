import { defineDomain } from '../operation';
import * as refS from '../schemas/referrals';

/** Referrals (contract §5.14). validate and track are public. */
export const referrals = defineDomain('referrals', {
  code: { method: 'GET', path: '/v1/referrals/code', response: refS.Code, summary: 'Your referral code' },
  stats: { method: 'GET', path: '/v1/referrals/stats', response: refS.Stats, summary: 'Referral statistics' },
  history: { method: 'GET', path: '/v1/referrals/history', response: refS.History, summary: 'People you referred' },
  validate: {
    method: 'GET',
    path: '/v1/referrals/validate/{code}',
    response: refS.Validation,
    auth: 'none',
    summary: 'Check a referral code',
  },
  track: {
    method: 'POST',
    path: '/v1/referrals/track',
    body: refS.TrackBody,
    response: refS.TrackResult,
    auth: 'none',
    summary: 'Record a referral',
  },
});
