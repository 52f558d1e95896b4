/** Where the MCP server's bearer token comes from, by how it was started:
 *   - on its own: the token file of the `kallyai` CLI (src/auth/cliTokenFile.ts rules: a regular
 *     file, mode 0600, refused when others may read it), read again before each request so a
 *     `kallyai login` meanwhile is picked up, renewed with its refresh token a minute before it
 *     expires (one renewal at a time) and written back as the CLI writes it;
 *   - by VS Code: the session it handed over (handoff.ts), never renewed here, never written.
 *  Each says, when it has no token, what the person does about it. No `vscode`. */
import { join } from 'node:path';
import { homedir } from 'node:os';
import { DEFAULT_API_BASE_URL } from '../api/apiAddress';
import type { KallyClient } from '../api/client';
import type { TokenSource } from '../api/tokenSource';
import { requestRefresh } from '../auth/authApi';
import { AuthFlowError } from '../auth/authErrors';
import { chmodCommand, defaultCliTokenPath, readCliTokenFile, writeCliTokenFile } from '../auth/cliTokenFile';
import { isExpiring, type TokenSet } from '../auth/tokens';
import type { HandedSession } from './handoff';

export interface McpSession extends TokenSource {
  /** Why there is no token, and what to do, in a sentence for the model to pass on. */
  missing(): Promise<string>;
  /** True once the session can no longer serve (VS Code's expired or was refused): the server
   *  answers the call in hand, then exits. */
  readonly ended: boolean;
}

/** The token file for an API: the CLI's for KallyAI's own, one beside it for any other (a sandbox
 *  signed in to never replaces the real sign-in). */
export function tokenFileFor(origin: string): string {
  if (origin === DEFAULT_API_BASE_URL) return defaultCliTokenPath();
  const url = new URL(origin);
  const name = `${url.hostname}${url.port ? `-${url.port}` : ''}`.replace(/[^\w.-]/g, '_');
  return join(homedir(), `.kallyai_token.${name}.json`);
}

export class TokenFileSession implements McpSession {
  readonly ended = false;
  private renewal: Promise<TokenSet | undefined> | undefined;
  private problem: AuthFlowError | undefined;

  constructor(
    readonly path: string,
    private readonly origin: string,
    /** A client for the token endpoints (no bearer). */
    private readonly tokenClient: KallyClient,
    private readonly now: () => number = Date.now,
  ) {}

  async getToken(origin?: string): Promise<string | undefined> {
    if (origin !== undefined && origin !== this.origin) return undefined;
    let tokens = await this.read();
    if (tokens && isExpiring(tokens, this.now()) && tokens.refreshToken) tokens = await this.renew(tokens);
    return tokens?.accessToken;
  }

  async refreshAfterUnauthorized(rejectedToken: string, origin?: string): Promise<string | undefined> {
    if (origin !== undefined && origin !== this.origin) return undefined;
    const tokens = await this.read();
    // The CLI (or another server) renewed it meanwhile: use that.
    if (tokens && tokens.accessToken !== rejectedToken) return tokens.accessToken;
    if (!tokens?.refreshToken) return undefined;
    return (await this.renew(tokens))?.accessToken;
  }

  async missing(): Promise<string> {
    await this.read();
    if (this.problem?.code === 'file_exposed') {
      return `The KallyAI sign-in file can be read by other users of this computer, so it was not used. Make it private with "${chmodCommand(this.path)}", then try again.`;
    }
    return `Not signed in to KallyAI. Sign in once in a terminal with "npm run mcp -- --sign-in${this.origin === DEFAULT_API_BASE_URL ? '' : ` --api-base-url ${this.origin}`}" (or "kallyai login"), then try again.`;
  }

  private async read(): Promise<TokenSet | undefined> {
    try {
      const file = await readCliTokenFile(this.path, this.now());
      this.problem = undefined;
      // A file signed in to another API is not this one's.
      return file.origin === this.origin ? file.tokens : undefined;
    } catch (e) {
      this.problem = e instanceof AuthFlowError ? e : undefined;
      return undefined;
    }
  }

  /** One renewal at a time; the new tokens are written back as the CLI writes them. A refused
   *  refresh token leaves the file as it is (the person signs in again). */
  private renew(tokens: TokenSet): Promise<TokenSet | undefined> {
    this.renewal ??= (async () => {
      try {
        const fresh = await requestRefresh(this.tokenClient, tokens.refreshToken!, this.now);
        await writeCliTokenFile(this.path, fresh, this.origin);
        return fresh;
      } catch {
        return undefined;
      } finally {
        this.renewal = undefined;
      }
    })();
    return this.renewal;
  }
}

/** The session VS Code handed over. */
export class VsCodeSession implements McpSession {
  private over = false;

  constructor(
    private readonly session: HandedSession | undefined,
    private readonly now: () => number = Date.now,
  ) {}

  get ended(): boolean {
    return this.over;
  }

  async getToken(origin?: string): Promise<string | undefined> {
    const s = this.session;
    if (origin !== undefined && s && origin !== s.origin) return undefined;
    // No session (signed out when VS Code started it) or an expired one: this server is done once
    // it has said so; the next call starts one with the session VS Code has then.
    if (!s || s.expiresAt <= this.now()) {
      this.over = true;
      return undefined;
    }
    return s.accessToken;
  }

  async refreshAfterUnauthorized(): Promise<string | undefined> {
    this.over = true;
    return undefined;
  }

  async missing(): Promise<string> {
    if (this.session)
      return 'The KallyAI session VS Code gave this server has expired. Call the tool again: VS Code starts the server again with the session it has now (sign in to KallyAI in VS Code if it asks).';
    return 'Not signed in to KallyAI in VS Code. Ask the user to run "KallyAI: Sign In" in VS Code, then call the tool again.';
  }
}
