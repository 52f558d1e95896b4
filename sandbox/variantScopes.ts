/** The scopes each variant dimension accepts (variants.ts), read off the routes the sandbox serves:
 *  list resources for `envelope`, every /v1 resource for `error` and `unauthorized`, the webhook
 *  channels for `connect`. Built once per start; GET /sandbox/variant shows them. */
import { LIST_RESOURCES, resourceOf } from './listRoutes';
import type { Router } from './router';
import { WEBHOOK_CHANNELS } from './routes/channels';
import type { VariantScopes } from './variants';

export function variantScopes(router: Router): VariantScopes {
  const resources = [
    ...new Set(router.routes.filter((r) => r.pattern.startsWith('/v1/')).map((r) => resourceOf(r.pattern))),
  ].sort();
  return {
    envelope: Object.keys(LIST_RESOURCES).sort(),
    error: resources,
    unauthorized: resources,
    connect: WEBHOOK_CHANNELS,
  };
}
