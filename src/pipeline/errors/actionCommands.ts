/** The command behind an error's button, for each kind of next step that does not depend on where
 *  the error happened: the error presenter's notification and the chat's buttons run the same. */
import type { UserActionKind } from '../../api/errorCodes';
import { PRICING_URL } from '../../api/errorCodes';

export interface ActionCommand {
  readonly command: string;
  readonly arguments?: readonly unknown[];
}

export function actionCommand(kind: UserActionKind, url?: string): ActionCommand | undefined {
  switch (kind) {
    // Signed in or not: the session the error refused is renewed (a bare Sign In only says who is signed in).
    case 'signIn':
      return { command: 'kallyai.signIn', arguments: [{ again: true }] };
    case 'openPricing':
      return { command: 'vscode.open', arguments: [url ?? PRICING_URL] };
    case 'openCheckout':
      return { command: 'kallyai.billing.openPortal' };
    // Per goal: where the error names no goal (the pipeline acts on the request's own), the command
    // offers the goals that can take more budget, or that wait at their soft cap.
    case 'approveBudget':
      return { command: 'kallyai.goals.approveBudget' };
    case 'acknowledgeSoftCap':
      return { command: 'kallyai.goals.acknowledgeSoftCap' };
    case 'connectEmail':
      return { command: 'kallyai.email.connect' };
    case 'provisionNumber':
      return { command: 'kallyai.phone.provision' };
    case 'cancelPendingChange':
      return { command: 'kallyai.subscription.cancelChange' };
    case 'contactSupport':
      return { command: 'kallyai.showLog' };
    default:
      return undefined;
  }
}
