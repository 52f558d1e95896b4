/** Which redirect URIs the sign-in flows accept, and how tokens or codes are appended to them. */

/** /v1/auth/cli: only http://127.0.0.1:* and http://localhost:* (any path; the query is kept). */
export function isLoopbackRedirect(uri: string): boolean {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return false;
  }
  return (
    url.protocol === 'http:' &&
    (url.hostname === '127.0.0.1' || url.hostname === 'localhost') &&
    !url.username &&
    !url.password
  );
}

/** /v1/auth/authorize accepts any absolute URI (vscode://…, loopback, https) but not javascript:/data:. */
export function isAcceptableAuthorizeRedirect(uri: string): boolean {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return false;
  }
  return !['javascript:', 'data:', 'file:', 'blob:'].includes(url.protocol);
}

export function withQuery(uri: string, params: Record<string, string | number | undefined>): string {
  const url = new URL(uri);
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') url.searchParams.set(k, String(v));
  return url.toString();
}
