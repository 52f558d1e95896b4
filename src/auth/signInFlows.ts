/** The four ways into KallyAI in one table, as VS Code's own GitHub sign-in keeps its flows: each
 *  way's name, how the "Try another way" pick shows it, when it is offered, and how it runs. The
 *  provider runs a flow and builds its pick list from here; the account document names the way a
 *  session was made from here. No `vscode`: a flow gets what it needs from the window it runs in
 *  through a `FlowHost`. */
import { t } from '../format';
import { AuthFlowError } from './authErrors';
import type { AuthService, BrowserHooks } from './authService';
import type { SignInMethod, StoredSession } from './sessionStore';

/** What a flow asks of the window it runs in (the authentication provider gives it). */
export interface FlowHost {
  readonly service: AuthService;
  /** Runs a browser flow under a cancellable progress notification titled `title`. */
  inBrowser(title: string, run: (hooks: BrowserHooks) => Promise<StoredSession>): Promise<StoredSession>;
  /** Runs a step under a progress notification titled `title`. */
  withProgress<T>(title: string, run: () => Promise<T>): Promise<T>;
  /** The address the OAuth redirect comes back to (this editor's URI handler, made external). */
  oauthRedirectUri(): Promise<string>;
  /** Asks for a token to paste; undefined or blank when the person cancelled. */
  askToken(): Promise<string | undefined>;
}

export interface SignInFlow {
  readonly method: SignInMethod;
  /** A codicon for the pick list. */
  readonly icon: string;
  /** "Browser sign-in" (the pick list). */
  label(): string;
  /** One line under the label. */
  detail(service: AuthService): string;
  /** How the account document says it: "signed in with a pasted token". */
  name(): string;
  /** Offered in the pick list only when true (the CLI's file exists, an OAuth client is set). */
  applies(service: AuthService): boolean | Promise<boolean>;
  run(host: FlowHost): Promise<StoredSession>;
}

export const SIGN_IN_FLOWS: readonly SignInFlow[] = [
  {
    method: 'browser',
    icon: 'globe',
    label: () => t('Browser sign-in'),
    detail: () => t('Sign in on kallyai.com; the browser hands the session back to VS Code.'),
    name: () => t('browser sign-in'),
    applies: () => true,
    run: (host) =>
      host.inBrowser(t('Signing in to KallyAI in your browser…'), (hooks) => host.service.signInWithBrowser(hooks)),
  },
  {
    method: 'paste',
    icon: 'key',
    label: () => t('Paste a token'),
    detail: () => t('From kallyai.com → Settings → Developer → API Tokens.'),
    name: () => t('a pasted token'),
    applies: () => true,
    run: async (host) => {
      const text = await host.askToken();
      if (!text?.trim()) throw new AuthFlowError('cancelled', 'Sign-in was cancelled.');
      return host.withProgress(t('Checking the token with KallyAI…'), () => host.service.signInWithPastedText(text));
    },
  },
  {
    method: 'cli',
    icon: 'terminal',
    label: () => t('Import from the kallyai CLI'),
    detail: (service) => t('Use the sign-in saved by the kallyai command-line tool ({0}).', service.cliTokenPath),
    name: () => t('the kallyai CLI sign-in'),
    applies: (service) => service.cliTokenFileExists(),
    run: (host) => host.withProgress(t('Importing the kallyai CLI sign-in…'), () => host.service.importCliTokenFile()),
  },
  {
    method: 'oauth',
    icon: 'shield',
    label: () => t('OAuth (authorization code)'),
    detail: () => t('Uses the client id in the kallyai.oauth.clientId setting.'),
    name: () => t('OAuth'),
    applies: (service) => service.oauthConfigured,
    run: (host) =>
      host.inBrowser(t('Signing in to KallyAI (OAuth) in your browser…'), async (hooks) =>
        host.service.signInWithOAuth({ ...hooks, redirectUri: await host.oauthRedirectUri() }),
      ),
  },
];

/** The flow of a way in. */
export function signInFlow(method: SignInMethod): SignInFlow {
  return SIGN_IN_FLOWS.find((f) => f.method === method) ?? SIGN_IN_FLOWS[0];
}

/** The way a request names ('browser', 'paste', 'cli', 'oauth'), if it names one. */
export function signInMethodNamed(name: unknown): SignInMethod | undefined {
  return SIGN_IN_FLOWS.find((f) => f.method === name)?.method;
}
