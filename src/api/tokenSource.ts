/** Where the API client gets its bearer token. The sign-in provider implements it. A session
 *  belongs to the API origin that issued it: the client always says which origin the request goes
 *  to, and a source holding a session of another origin hands out nothing (the token is never sent
 *  elsewhere, whatever the base URL says). A source that takes no origin (a fixed token in a test)
 *  answers for any. */
export interface TokenSource {
  /** A current access token for requests to `origin` (`https://api.kallyai.com`), refreshed first if
   *  it is about to expire; undefined when signed out or signed in to another origin. */
  getToken(origin?: string): Promise<string | undefined>;
  /** Called once after a 401 for `rejectedToken` from `origin`: refresh (single flight) and return
   *  the new token, or undefined when the session cannot be recovered (the provider then asks the
   *  user once to sign in). */
  refreshAfterUnauthorized(rejectedToken: string, origin?: string): Promise<string | undefined>;
}
