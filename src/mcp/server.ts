/** The KallyAI MCP server: the tool table over MCP, on any transport (stdio in main.ts). It lists
 *  every tool (toolList.ts) and runs each call as the chat tools do (toolCall.ts), asking the
 *  person through the client's elicitation before anything that is not read-only. The SDK's
 *  low-level `Server` is used because the tools' input schemas are JSON Schema already (derived
 *  once from the operations' zod schemas, as package.json's), not zod shapes to convert again.
 *  No `vscode`. */
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { CallToolRequestSchema, ListToolsRequestSchema, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { OperationRequests } from '../pipeline/operationRequest';
import type { Stakes } from '../pipeline/consent/stakes';
import { tools, toolNamed } from '../tools/toolTable';
import { consentElicitation, consented } from './consentRequest';
import type { Languages } from './language';
import type { McpSession } from './sessions';
import { callTool, type ConsentAnswer } from './toolCall';
import { mcpTools } from './toolList';

/** How long a person has to answer a question before it counts as a no. */
export const CONSENT_TIMEOUT_MS = 10 * 60_000;

export const INSTRUCTIONS =
  "KallyAI is the user's AI executive assistant: it phones businesses, answers the user's own line, emails, books, searches and runs multi-step goals that wait for the user's approval and budget. Read-only tools run at once. Every tool that changes anything (places a call, sends an email, spends credits, approves a step, cancels) asks the user first through this client, naming whom it contacts, what it does, the estimated credits and the balance; if the user says no, or this client cannot ask them, nothing is done — tell the user, do not retry. Phone numbers in answers are masked unless the user asked for them (include_full_numbers).";

export interface McpServerDeps {
  readonly version: string;
  readonly requests: OperationRequests;
  readonly session: McpSession;
  readonly languages: Languages;
  readonly defaultCountry: string;
  log(message: string): void;
  /** The session can serve no more (VS Code's expired): called once the answer saying so is sent. */
  onSessionEnded(): void;
}

export function createMcpServer(deps: McpServerDeps): Server {
  const server = new Server(
    { name: 'kallyai', title: 'KallyAI', version: deps.version },
    { capabilities: { tools: {} }, instructions: INSTRUCTIONS },
  );
  const listed = mcpTools(tools);
  server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: listed }));
  server.setRequestHandler(CallToolRequestSchema, async (request, extra): Promise<CallToolResult> => {
    const spec = toolNamed(request.params.name);
    if (!spec)
      return {
        content: [
          { type: 'text', text: `There is no KallyAI tool named ${JSON.stringify(request.params.name.slice(0, 80))}.` },
        ],
        isError: true,
      };
    const words = deps.languages.words(deps.languages.forRequest(request.params._meta));
    const ask = async (stakes: Stakes, signal: AbortSignal): Promise<ConsentAnswer> => {
      try {
        const result = await server.elicitInput(
          words(() => consentElicitation(stakes)),
          { signal, timeout: CONSENT_TIMEOUT_MS, relatedRequestId: extra.requestId },
        );
        return consented(result) ? 'yes' : 'no';
      } catch (e) {
        // Unanswered in time, cancelled, or an answer that is not the form's: not a yes.
        deps.log(`${spec.name}: the question was not answered (${e instanceof Error ? e.message : String(e)})`);
        return 'no';
      }
    };
    const answer = await callTool(
      spec,
      request.params.arguments ?? {},
      {
        requests: deps.requests,
        session: deps.session,
        defaultCountry: deps.defaultCountry,
        canAsk: () => server.getClientCapabilities()?.elicitation?.form !== undefined,
        ask,
        words,
        log: deps.log,
      },
      extra.signal,
    );
    if (deps.session.ended) setImmediate(deps.onSessionEnded);
    return { content: [{ type: 'text', text: answer.text }], isError: answer.isError };
  });
  return server;
}
