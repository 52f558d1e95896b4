/** Every route of the sandbox: the 146 method+path pairs of the contract plus the sandbox's own pages and controls. */
import type { Router } from '../router';
import { registerActions } from './actions';
import { registerAuth } from './auth';
import { registerBudget } from './budget';
import { registerCalls } from './calls';
import { registerChannels } from './channels';
import { registerControls } from './controls';
import { registerCoordination } from './coordination';
import { registerCredits } from './credits';
import { registerEmail } from './email';
import { registerInbound } from './inbound';
import { registerMedia } from './media';
import { registerMessages } from './messages';
import { registerNotifications } from './notifications';
import { registerOutreach } from './outreach';
import { registerPhone } from './phone';
import { registerReferrals } from './referrals';
import { registerSearch } from './search';
import { registerStripe } from './stripe';
import { registerSubscription } from './subscription';

export function registerAllRoutes(router: Router, reset: (empty: boolean) => void): void {
  registerAuth(router);
  registerCoordination(router);
  registerCalls(router);
  registerInbound(router);
  registerPhone(router);
  registerActions(router);
  registerMessages(router);
  registerSearch(router);
  registerEmail(router);
  registerChannels(router);
  registerOutreach(router);
  registerBudget(router);
  registerCredits(router);
  registerSubscription(router);
  registerReferrals(router);
  registerNotifications(router);
  registerStripe(router);
  registerControls(router, reset);
  registerMedia(router);
}
