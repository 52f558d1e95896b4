/** `--sign-in` and `--sign-out`, as `kallyai login` and `kallyai logout` do them: the loopback
 *  sign-in (a one-time listener on 127.0.0.1, the browser sent to KallyAI's `/v1/auth/cli`, the
 *  tokens handed back to the listener with the `state` checked), the tokens written to the token
 *  file (mode 0600); signing out deletes the file, sending nothing. The address is always printed
 *  (on stderr) too: on a computer without a browser it can be opened elsewhere. No `vscode`. */
import { spawn } from 'node:child_process';
import { deleteCliTokenFile, writeCliTokenFile } from '../auth/cliTokenFile';
import { runLoopbackSignIn } from '../auth/loopbackFlow';

export interface SignInOptions {
  readonly apiBaseUrl: string;
  readonly origin: string;
  readonly tokenFile: string;
  readonly openBrowser: boolean;
  /** Where sentences for the person go (stderr, redacted). */
  say(line: string): void;
  /** The sign-in address, as it is: its one-time `state` is the person's to use (stderr). */
  showAddress(line: string): void;
}

export async function signIn(options: SignInOptions): Promise<void> {
  const tokens = await runLoopbackSignIn({
    baseUrl: options.apiBaseUrl,
    openBrowser: async (url) => {
      options.showAddress(`Sign in to KallyAI in your browser: ${url}`);
      if (options.openBrowser) openInBrowser(url);
      options.say('Waiting for the browser (5 minutes at most; Ctrl-C stops)…');
    },
  });
  await writeCliTokenFile(options.tokenFile, tokens, options.origin);
  options.say(`Signed in. The KallyAI MCP server will use ${options.tokenFile} (readable by you only).`);
}

export async function signOut(options: Pick<SignInOptions, 'tokenFile' | 'say'>): Promise<void> {
  const deleted = await deleteCliTokenFile(options.tokenFile);
  options.say(deleted ? `Signed out: ${options.tokenFile} was deleted.` : 'Already signed out.');
}

/** The system's opener, detached; a failure leaves the printed address to open by hand. */
function openInBrowser(url: string): void {
  const [command, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['rundll32', ['url.dll,FileProtocolHandler', url]]
        : ['xdg-open', [url]];
  try {
    const child = spawn(command, args, { detached: true, stdio: 'ignore' });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // The address was printed.
  }
}
