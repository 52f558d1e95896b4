/** Every KallyAI endpoint once (contract §5: 146 method+path pairs), grouped by domain.
 *  Commands, confirmations and chat tools read the flags; KallyClient executes the entries. */
import type { Operation } from './operation';
import { auth } from './catalogue/auth';
import { coordination } from './catalogue/coordination';
import { calls } from './catalogue/calls';
import { inbound } from './catalogue/inbound';
import { phone } from './catalogue/phone';
import { actions } from './catalogue/actions';
import { messages } from './catalogue/messages';
import { search } from './catalogue/search';
import { email } from './catalogue/email';
import { channels } from './catalogue/channels';
import { outreach } from './catalogue/outreach';
import { budget } from './catalogue/budget';
import { credits } from './catalogue/credits';
import { subscription } from './catalogue/subscription';
import { referrals } from './catalogue/referrals';
import { notifications } from './catalogue/notifications';
import { stripe } from './catalogue/stripe';
import { users } from './catalogue/users';

export type { Operation } from './operation';

export const ops = {
  auth,
  coordination,
  calls,
  inbound,
  phone,
  actions,
  messages,
  search,
  email,
  channels,
  outreach,
  budget,
  credits,
  subscription,
  referrals,
  notifications,
  stripe,
  users,
} as const;

export const allOperations: readonly Operation[] = Object.values(ops).flatMap(
  (domain) => Object.values(domain) as Operation[],
);

const byId = new Map(allOperations.map((op) => [op.id, op]));
/** Looks an operation up by id ('calls.create'); used by chat tools that carry ids as strings. */
export function operationById(id: string): Operation | undefined {
  return byId.get(id);
}
