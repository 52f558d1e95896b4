import { defineDomain } from '../operation';
import * as stripeS from '../schemas/stripe';

/** Stripe (contract §5.16). */
export const stripe = defineDomain('stripe', {
  plans: {
    method: 'GET',
    path: '/v1/stripe/plans',
    response: stripeS.Plans,
    auth: 'none',
    summary: 'Plan and price metadata',
  },
  trialCheckout: {
    method: 'POST',
    path: '/v1/stripe/trial-checkout',
    body: stripeS.TrialCheckoutBody,
    response: stripeS.Checkout,
    changes: ['account'],
    summary: 'Start the $1 trial checkout',
  },
  billingPortal: {
    method: 'GET',
    path: '/v1/stripe/billing-portal',
    response: stripeS.BillingPortal,
    summary: 'Link to the billing portal',
  },
});
