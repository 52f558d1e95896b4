/** Tells VS Code's agent mode about KallyAI's MCP server (dist/mcp.js), through the MCP server
 *  definition API of VS Code 1.101 and later: VS Code starts it as a process of its own when an
 *  agent needs its tools, with the person's KallyAI session handed over in its environment
 *  (src/mcp/handoff.ts: the access token only, set when VS Code starts it, never written to
 *  disk). The API is detected, never assumed: @types/vscode is pinned at 1.100, whose API has no
 *  such thing (1.100 has only a proposed one that throws for us), and an editor built on VS Code
 *  may lack it; there nothing is registered and the rest of the extension works as before. The
 *  types used are declared here, as small as they can be. */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { apiOrigin } from '../api/apiAddress';
import type { KallyAuth } from '../auth/provider';
import type { Log } from '../platform/log';
import { encodeHandedSession, SESSION_ENV } from '../mcp/handoff';
import type { Settings } from '../platform/settings';

/** package.json's `contributes.mcpServerDefinitionProviders[0].id`. */
export const MCP_PROVIDER_ID = 'kallyai';
/** The server's name in VS Code (MCP: List Servers); its id there is `kallyai.kallyai/KallyAI`. */
export const MCP_SERVER_LABEL = 'KallyAI';
/** The first VS Code with the MCP server definition API in its stable API. */
const FIRST_VERSION = [1, 101] as const;

type Env = Record<string, string | number | null>;

/** vscode.McpStdioServerDefinition, as far as it is used here. */
export interface StdioDefinition {
  readonly label: string;
  command: string;
  args: string[];
  env: Env;
  version?: string;
}
type StdioDefinitionClass = new (
  label: string,
  command: string,
  args?: string[],
  env?: Env,
  version?: string,
) => StdioDefinition;

/** vscode.McpServerDefinitionProvider, as far as it is used here. */
export interface DefinitionProvider {
  readonly onDidChangeMcpServerDefinitions?: vscode.Event<void>;
  provideMcpServerDefinitions(token: vscode.CancellationToken): vscode.ProviderResult<StdioDefinition[]>;
  resolveMcpServerDefinition?(
    server: StdioDefinition,
    token: vscode.CancellationToken,
  ): vscode.ProviderResult<StdioDefinition>;
}

interface McpApi {
  readonly registerMcpServerDefinitionProvider: (id: string, provider: DefinitionProvider) => vscode.Disposable;
  readonly StdioDefinition: StdioDefinitionClass;
}

/** What happened at activation (the host tests read it through the test exports). */
export interface McpRegistration {
  readonly registered: boolean;
  /** Why not, when not. */
  readonly reason?: string;
  /** How many times VS Code asked for the definitions, and to start the server. */
  readonly provided: number;
  readonly resolved: number;
  /** The provider VS Code was given, when it was (the host tests ask it as VS Code does). */
  readonly provider?: DefinitionProvider;
}

export interface McpServerDeps {
  readonly auth: KallyAuth;
  readonly settings: () => Settings;
  readonly log: Log;
}

/** The API when this VS Code has it (and is new enough to have it in its stable API). */
function mcpApi(): McpApi | { missing: string } {
  const version = vscode.version.split('.').map((n) => Number.parseInt(n, 10));
  const [major, minor] = FIRST_VERSION;
  if (!(version[0] > major || (version[0] === major && version[1] >= minor)))
    return { missing: `VS Code ${vscode.version} has no MCP server definition API (it came in ${major}.${minor})` };
  const lm = (vscode as unknown as { lm?: { registerMcpServerDefinitionProvider?: unknown } }).lm;
  const StdioDefinition = (vscode as unknown as { McpStdioServerDefinition?: unknown }).McpStdioServerDefinition;
  if (typeof lm?.registerMcpServerDefinitionProvider !== 'function' || typeof StdioDefinition !== 'function')
    return { missing: 'this editor has no MCP server definition API' };
  return {
    registerMcpServerDefinitionProvider: lm.registerMcpServerDefinitionProvider.bind(
      lm,
    ) as McpApi['registerMcpServerDefinitionProvider'],
    StdioDefinition: StdioDefinition as StdioDefinitionClass,
  };
}

export function registerMcpServer(context: vscode.ExtensionContext, deps: McpServerDeps): McpRegistration {
  const state: { -readonly [K in keyof McpRegistration]: McpRegistration[K] } = {
    registered: false,
    reason: undefined,
    provided: 0,
    resolved: 0,
  };
  const api = mcpApi();
  if ('missing' in api) {
    state.reason = api.missing;
    deps.log.info(`MCP server not registered: ${api.missing}.`);
    return state;
  }
  const changed = new vscode.EventEmitter<void>();
  const script = path.join(context.extensionPath, 'dist', 'mcp.js');
  const version = String(context.extension.packageJSON.version ?? '0');
  const definition = (env: Env = {}): StdioDefinition => {
    const settings = deps.settings();
    // The extension host's own runtime runs the server: Node, or Electron told to be Node.
    return new api.StdioDefinition(
      MCP_SERVER_LABEL,
      process.execPath,
      [
        script,
        '--vscode',
        '--api-base-url',
        settings.apiBaseUrl,
        '--locale',
        vscode.env.language,
        '--default-country',
        settings.defaultCountry,
      ],
      { ELECTRON_RUN_AS_NODE: '1', ...env },
      version,
    );
  };
  const provider: DefinitionProvider = {
    onDidChangeMcpServerDefinitions: changed.event,
    provideMcpServerDefinitions: () => {
      state.provided++;
      // Called eagerly, asks nothing and holds no session.
      return [definition()];
    },
    resolveMcpServerDefinition: async () => {
      state.resolved++;
      // VS Code is starting the server: hand it the session as it is now (renewed first if it is
      // about to expire). Signed out, it starts without one and says to sign in.
      const origin = apiOrigin(deps.settings().apiBaseUrl);
      const token = origin ? await deps.auth.getToken(origin).catch(() => undefined) : undefined;
      const expiresAt = deps.auth.account?.expiresAt;
      deps.log.info(`Starting the KallyAI MCP server for VS Code${token ? '' : ' (signed out)'}`);
      return definition(
        token && origin && expiresAt
          ? { [SESSION_ENV]: encodeHandedSession({ accessToken: token, expiresAt, origin }) }
          : {},
      );
    },
  };
  try {
    context.subscriptions.push(api.registerMcpServerDefinitionProvider(MCP_PROVIDER_ID, provider), changed);
  } catch (e) {
    state.reason = `VS Code refused the MCP server definition (${e instanceof Error ? e.message : String(e)})`;
    deps.log.warn(`MCP server not registered: ${state.reason}.`);
    changed.dispose();
    return state;
  }
  // The address, the language or the country changed: the definition (its arguments) did too.
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('kallyai.apiBaseUrl') || e.affectsConfiguration('kallyai.defaultCountry'))
        changed.fire();
    }),
  );
  state.registered = true;
  state.provider = provider;
  return state;
}
