/** §5.14 Referrals. The public validate/track endpoints answer errors in the flat shape {error:'code', message} (contract §7.1 shape 3). */
import { iso } from '../clock';
import { bodyObject, created, fail, ok, str } from '../http';
import { newId } from '../ids';
import type { Router } from '../router';
import { hostileMessage } from '../hostileText';

export function registerReferrals(router: Router): void {
  const pub = { public: true };
  router.get('/v1/referrals/code', (ctx) =>
    ok({
      code: ctx.sb.state.referralCode,
      is_active: true,
      share_url: `https://kallyai.com/?ref=${ctx.sb.state.referralCode}`,
      created_at: ctx.sb.state.user.created_at,
    }),
  );
  router.get('/v1/referrals/stats', (ctx) => {
    const r = ctx.sb.state.referrals as {
      status: string;
      referrer_reward_credits: number;
      referrer_reward_minutes: number;
    }[];
    return ok({
      total_referrals: r.length,
      pending: r.filter((x) => x.status === 'pending').length,
      converted: r.filter((x) => x.status === 'converted').length,
      total_reward_minutes: r.reduce((s, x) => s + x.referrer_reward_minutes, 0),
      total_reward_credits: r.reduce((s, x) => s + x.referrer_reward_credits, 0),
    });
  });
  router.get('/v1/referrals/history', (ctx) => ok({ referrals: ctx.sb.state.referrals }));
  router.get(
    '/v1/referrals/validate/{code}',
    (ctx) => {
      const code = ctx.params.code.toUpperCase();
      return ok({ valid: code === ctx.sb.state.referralCode, code });
    },
    pub,
  );
  router.post(
    '/v1/referrals/track',
    (ctx) => {
      const b = bodyObject(ctx);
      const code = str(b.code)?.toUpperCase();
      const email = str(b.email);
      if (!code || !email || !/^[^@\s]+@[^@\s][^@\s.]*\.[^@\s]+$/.test(email))
        fail(422, 'validation_error', 'code and a valid email are required.', { shape: 'flat' });
      if (code !== ctx.sb.state.referralCode)
        fail(404, 'invalid_referral_code', `The referral code ${code} does not exist.`, { shape: 'flat' });
      const masked = (email as string).replace(/^(.)[^@]*/, '$1***');
      ctx.sb.state.referrals.unshift({
        id: newId(),
        referred_email: masked,
        status: 'pending',
        referrer_reward_minutes: 0,
        referred_reward_minutes: 0,
        referrer_reward_credits: 0,
        referred_reward_credits: 0,
        created_at: iso(),
        converted_at: null,
      });
      return created(
        hostileMessage(ctx.sb, 146, {
          tracked: true,
          message: 'Referral recorded. Rewards arrive when the new user subscribes.',
        }),
      );
    },
    pub,
  );
}
