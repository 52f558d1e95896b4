import { defineDomain } from '../operation';
import * as s from '../schemas/auth';

/** Sign-in (contract §2, §5.0). The browser pages (cli, authorize) are opened, not fetched, by the extension. */
export const auth = defineDomain('auth', {
  cli: {
    method: 'GET',
    path: '/v1/auth/cli',
    query: s.CliLoginQuery,
    response: 'text',
    auth: 'none',
    summary: 'Browser sign-in page that redirects to a loopback URL with tokens',
  },
  authorize: {
    method: 'GET',
    path: '/v1/auth/authorize',
    query: s.AuthorizeQuery,
    response: 'text',
    auth: 'none',
    summary: 'OAuth authorization-code sign-in page',
  },
  gptToken: {
    method: 'POST',
    path: '/v1/auth/gpt/token',
    body: s.GptTokenBody,
    bodyEncoding: 'form',
    response: s.TokenSet,
    auth: 'none',
    summary: 'Exchange an authorization code for tokens (form-encoded)',
  },
  googleValidate: {
    method: 'POST',
    path: '/v1/auth/google/validate',
    body: s.GoogleValidateBody,
    response: s.TokenSet,
    auth: 'none',
    summary: 'Sign in with a Google id token',
  },
  appleToken: {
    method: 'POST',
    path: '/v1/auth/apple/token',
    body: s.AppleTokenBody,
    response: s.TokenSet,
    auth: 'none',
    summary: 'Sign in with an Apple identity token',
  },
  refresh: {
    method: 'POST',
    path: '/v1/auth/refresh',
    body: s.RefreshBody,
    response: s.TokenSet,
    auth: 'none',
    summary: 'Exchange a refresh token for new tokens',
  },
});
