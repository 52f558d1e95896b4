/** Every route of the sandbox: the 146 method+path pairs of the contract plus the sandbox's own pages and controls. */
import type { Router } from '../router';
import { registerAuth } from './auth';
import { registerCalls } from './calls';
import { registerControls } from './controls';
import { registerMedia } from './media';

export function registerAllRoutes(router: Router, reset: (empty: boolean) => void): void {
  registerAuth(router);
  registerCalls(router);
  registerMedia(router);
  registerControls(router, reset);
}
