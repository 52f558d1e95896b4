/** Sign-in endpoints (contract §2, §5.0). */
import * as z from 'zod/mini';
import { nonEmpty, loose, optStr, optNum, anyObject } from './common';

const loopbackUri = z
  .string()
  .check(
    z.regex(
      /^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?(\/.*)?$/,
      'The redirect must go to http://127.0.0.1 or http://localhost.',
    ),
  );

export const CliLoginQuery = z.strictObject({ redirect_uri: loopbackUri, state: z.optional(nonEmpty) });
export const AuthorizeQuery = z.strictObject({
  response_type: z.literal('code'),
  client_id: nonEmpty,
  redirect_uri: nonEmpty,
  state: z.optional(nonEmpty),
  scope: z.optional(nonEmpty),
  code_challenge: z.optional(nonEmpty),
  code_challenge_method: z.optional(z.literal('S256')),
});
/** Form-encoded. PKCE (`code_verifier`) or a client secret. */
export const GptTokenBody = z.strictObject({
  grant_type: z.literal('authorization_code'),
  client_id: nonEmpty,
  client_secret: z.optional(nonEmpty),
  code: nonEmpty,
  redirect_uri: z.optional(nonEmpty),
  code_verifier: z.optional(nonEmpty),
});
export const GoogleValidateBody = z.strictObject({ id_token: nonEmpty });
export const AppleTokenBody = z.strictObject({
  identity_token: nonEmpty,
  authorization_code: z.optional(nonEmpty),
  full_name: z.optional(z.string()),
});
export const RefreshBody = z.strictObject({ refresh_token: nonEmpty });

/** Token set; `refresh_token` and `expires_in` may be missing (the CLI defaults expires_in to 3600). */
export const TokenSet = loose({
  access_token: z.string().check(z.minLength(1)),
  refresh_token: optStr,
  expires_in: optNum,
  scope: optStr,
  token_type: optStr,
});
export type TokenSet = z.output<typeof TokenSet>;
export const AuthPage = anyObject;
