/** Where the API client gets its bearer token. The sign-in provider implements it. */
export interface TokenSource {
  /** A current access token, refreshed first if it is about to expire; undefined when signed out. */
  getToken(): Promise<string | undefined>;
  /** Called once after a 401 for `rejectedToken`: refresh (single flight) and return the new token,
   *  or undefined when the session cannot be recovered (the provider then asks the user once to sign in). */
  refreshAfterUnauthorized(rejectedToken: string): Promise<string | undefined>;
}
