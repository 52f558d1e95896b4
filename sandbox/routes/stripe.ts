/** §5.16 Stripe: plans (public; names hostile while the run is, hostileText.ts), trial checkout, billing portal ({url, portal_url} to a sandbox page). */
import { bodyObject, fail, ok, str } from '../http';
import { newId } from '../ids';
import type { Router } from '../router';
import { wording } from '../hostileText';
import { PLANS } from './credits';

export function registerStripe(router: Router): void {
  router.get(
    '/v1/stripe/plans',
    (ctx) =>
      ok({
        plans: Object.entries(PLANS).map(([id, p], i) => ({
          id,
          name: wording(ctx.sb, 124 + i, p.name),
          credits_allocated: p.credits_allocated,
          price_monthly: p.price_monthly,
          price_annual_monthly: p.price_annual_monthly,
          currency: 'usd',
        })),
        trial: { price: 1, currency: 'usd', days: 7 },
      }),
    { public: true },
  );
  router.post('/v1/stripe/trial-checkout', (ctx) => {
    const b = bodyObject(ctx);
    const success = str(b.success_url);
    const cancel = str(b.cancel_url);
    if (!success || !cancel) fail(422, 'validation_error', 'success_url and cancel_url are required.');
    const session = `cs_test_${newId().replace(/-/g, '')}`;
    const q = new URLSearchParams({
      session_id: session,
      success_url: success as string,
      cancel_url: cancel as string,
    });
    return ok({ checkout_url: `${ctx.sb.baseUrl}/sandbox/pages/checkout?${q}`, session_id: session });
  });
  router.get('/v1/stripe/billing-portal', (ctx) => {
    const url = `${ctx.sb.baseUrl}/sandbox/pages/billing?customer=${encodeURIComponent(ctx.sb.state.user.id)}`;
    return ok({ url, portal_url: url });
  });
}
