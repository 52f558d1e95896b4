/** Why a sign-in flow or a token refresh did not produce tokens. Messages are sentences for a
 *  person and never contain a token. No `vscode` here. */

export type AuthFailureCode =
  /** The user (or the caller's AbortSignal) stopped the flow. */
  | 'cancelled'
  /** Nobody completed the sign-in in time. */
  | 'timeout'
  /** The server or the browser reported an error instead of tokens. */
  | 'denied'
  /** Something answered, but not with usable tokens. */
  | 'invalid_response'
  /** The loopback listener could not start. */
  | 'listener_failed'
  /** The browser could not be opened. */
  | 'browser_failed'
  /** A pasted or imported token was refused by the API. */
  | 'token_rejected'
  /** The CLI token file is missing or unreadable. */
  | 'file_unavailable'
  /** The CLI token file can be read (or written) by other users: it is not used (`command` makes it private). */
  | 'file_exposed'
  /** `kallyai.apiBaseUrl` is plain http to another computer: no sign-in is started there. */
  | 'insecure_address'
  /** `kallyai.apiBaseUrl` is not an http(s) address. */
  | 'invalid_address'
  /** What was pasted is not a KallyAI token (unreadable, too long, control characters in it). */
  | 'not_a_token'
  /** The API could not be reached (network, 5xx): the session is kept and retried later. */
  | 'network'
  /** The refresh token was refused: the session is over. */
  | 'refused';

export class AuthFlowError extends Error {
  /** A command that fixes it, for the person to run (`chmod 600 ~/.kallyai_token.json`). */
  readonly command?: string;

  constructor(
    readonly code: AuthFailureCode,
    message: string,
    options?: { cause?: unknown; command?: string },
  ) {
    super(message, options);
    this.name = 'AuthFlowError';
    if (options?.command !== undefined) this.command = options.command;
  }
}

export function isCancellation(error: unknown): boolean {
  return error instanceof AuthFlowError && error.code === 'cancelled';
}
