/** How VS Code hands its KallyAI session to the MCP server it starts: one environment variable of
 *  the child process, set only when VS Code starts it (the definition provider's
 *  `resolveMcpServerDefinition`), holding the access token, its expiry and the API origin that
 *  issued it — never the refresh token (KallyAI rotates refresh tokens: a child that renewed the
 *  session would sign the extension out), never a file, never the command line (which every user
 *  of the computer can read in the process list; a process's environment only its own user and
 *  root). The child reads it once at start, then deletes it from its environment. When the token
 *  expires or is refused, the child answers the call and exits: VS Code starts the server again
 *  for the next call, with the session it has then. Imported by the extension and the server; no
 *  `vscode`, nothing else. */

export const SESSION_ENV = 'KALLYAI_MCP_SESSION';

export interface HandedSession {
  readonly accessToken: string;
  /** Milliseconds since the epoch. */
  readonly expiresAt: number;
  /** The API origin that issued the token; it is sent nowhere else. */
  readonly origin: string;
}

export function encodeHandedSession(session: HandedSession): string {
  return JSON.stringify({
    access_token: session.accessToken,
    expires_at: session.expiresAt,
    api_origin: session.origin,
  });
}

/** The session in the variable, or undefined when there is none or it is not one. */
export function decodeHandedSession(value: string | undefined): HandedSession | undefined {
  if (!value || value.length > 32 * 1024) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(value);
  } catch {
    return undefined;
  }
  if (!raw || typeof raw !== 'object') return undefined;
  const { access_token: accessToken, expires_at: expiresAt, api_origin: origin } = raw as Record<string, unknown>;
  if (typeof accessToken !== 'string' || !/^[\x21-\x7e]{1,16384}$/.test(accessToken)) return undefined;
  if (typeof expiresAt !== 'number' || !Number.isFinite(expiresAt) || typeof origin !== 'string') return undefined;
  return { accessToken, expiresAt, origin };
}
