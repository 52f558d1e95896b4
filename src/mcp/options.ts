/** The MCP server's command line (`npm run mcp -- …`, `node dist/mcp.js …`). What it does:
 *  serve MCP on stdin/stdout (the default), `--sign-in` (the loopback sign-in of the `kallyai`
 *  CLI, into the token file), `--sign-out` (deletes that file), `--help`, `--version`. Where:
 *  `--api-base-url` (KallyAI's own API by default; a local sandbox for trying it). Started by VS
 *  Code (`--vscode`) it reads no token file: its session is the one VS Code hands it. No `vscode`. */
import { checkApiAddress, DEFAULT_API_BASE_URL } from '../api/apiAddress';

export type McpCommand = 'serve' | 'signIn' | 'signOut' | 'help' | 'version';

export interface McpOptions {
  readonly command: McpCommand;
  /** Checked: https, or http on this computer. */
  readonly apiBaseUrl: string;
  readonly origin: string;
  /** The token file (standalone); by default the CLI's for KallyAI's API, one beside it per other API. */
  readonly tokenFile?: string;
  /** Started by the KallyAI extension: the session comes from VS Code, never from a file. */
  readonly vscode: boolean;
  /** The language the client said it shows (`--locale`), before the environment's. */
  readonly locale?: string;
  /** Country of phone numbers written without `+` (ISO 3166: US, ES…). */
  readonly defaultCountry: string;
  /** `--sign-in` prints the address instead of opening a browser. */
  readonly openBrowser: boolean;
}

export class OptionsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OptionsError';
  }
}

export const USAGE = `KallyAI MCP server: KallyAI's tools for any MCP client, on stdin/stdout.

Usage: node dist/mcp.js [options]        (from a clone: npm run --silent mcp -- [options])

  --api-base-url <url>    the KallyAI API (default ${DEFAULT_API_BASE_URL}); a local sandbox: http://127.0.0.1:8790
  --sign-in               sign in in the browser, as "kallyai login" does, then exit
  --no-browser            with --sign-in: print the sign-in address instead of opening it
  --sign-out              delete the sign-in (the token file), as "kallyai logout" does, then exit
  --token-file <path>     where the sign-in is kept (default ~/.kallyai_token.json, the kallyai CLI's,
                          for KallyAI's API; ~/.kallyai_token.<host>-<port>.json for another address)
  --locale <tag>          the language of the questions you are asked (en, es); default: the client's, else LANG
  --default-country <CC>  country of phone numbers written without +, e.g. US, ES (default US)
  --help, --version

Every tool that changes anything asks you first through your MCP client (elicitation), naming
whom it contacts, what it does, the estimated credits and your balance. A client that cannot ask
gets a refusal: nothing is sent.`;

/** Reads argv (without `node` and the script). Throws OptionsError with a sentence for a person. */
export function parseOptions(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): McpOptions {
  let command: McpCommand = 'serve';
  let apiBaseUrl = env.KALLYAI_API_BASE_URL || DEFAULT_API_BASE_URL;
  let tokenFile: string | undefined;
  let vscode = false;
  let locale: string | undefined;
  let defaultCountry = 'US';
  let openBrowser = true;
  const value = (i: number, name: string): string => {
    const v = argv[i + 1];
    if (v === undefined || v.startsWith('--')) throw new OptionsError(`${name} needs a value.`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.indexOf('=');
    const [name, inline] = arg.startsWith('--') && eq > 0 ? [arg.slice(0, eq), arg.slice(eq + 1)] : [arg, undefined];
    const take = (): string => {
      if (inline !== undefined) return inline;
      const v = value(i, name);
      i++;
      return v;
    };
    switch (name) {
      case '--api-base-url':
        apiBaseUrl = take();
        break;
      case '--token-file':
        tokenFile = take();
        break;
      case '--locale':
        locale = take();
        break;
      case '--default-country':
        defaultCountry = take().toUpperCase();
        break;
      case '--vscode':
        vscode = true;
        break;
      case '--sign-in':
        command = 'signIn';
        break;
      case '--sign-out':
        command = 'signOut';
        break;
      case '--no-browser':
        openBrowser = false;
        break;
      case '--help':
      case '-h':
        command = 'help';
        break;
      case '--version':
      case '-v':
        command = 'version';
        break;
      default:
        throw new OptionsError(`Unknown option ${JSON.stringify(name.slice(0, 60))}. See --help.`);
    }
  }
  const base = apiBaseUrl.replace(/(?<!\/)\/+$/, '');
  const address = checkApiAddress(base);
  if (!address.ok) {
    throw new OptionsError(
      address.reason === 'insecure'
        ? `${base} is plain http to another computer: KallyAI is reached over https only (plain http only on this computer).`
        : `${JSON.stringify(base.slice(0, 200))} is not an http(s) address.`,
    );
  }
  if (!/^[A-Z]{2}$/.test(defaultCountry))
    throw new OptionsError('--default-country takes a two-letter country code, e.g. US or ES.');
  if (vscode && (command === 'signIn' || command === 'signOut' || tokenFile !== undefined)) {
    throw new OptionsError('--vscode takes its session from VS Code: sign in there, not with a token file.');
  }
  return { command, apiBaseUrl: base, origin: address.origin, tokenFile, vscode, locale, defaultCountry, openBrowser };
}
