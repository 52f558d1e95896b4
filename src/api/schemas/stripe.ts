/** Stripe checkout and billing portal (contract §5.16). */
import * as z from 'zod/mini';
import { loose, optStr, anyObject } from './common';

const httpsUrl = z.url({ protocol: /^https?$/ });
export const TrialCheckoutBody = z.strictObject({ success_url: httpsUrl, cancel_url: httpsUrl });
export const Checkout = loose({ checkout_url: optStr, session_id: optStr, url: optStr });
export const BillingPortal = loose({ url: optStr, portal_url: optStr });
/** The CLI reads `url`, REF-A documents `portal_url`. */
export function portalUrl(r: z.output<typeof BillingPortal>): string | undefined {
  return r.url ?? r.portal_url ?? undefined;
}
export const Plans = anyObject;
