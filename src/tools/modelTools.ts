/** The language-model tools at work: each tool of the table runs its operation through the one
 *  pipeline, as an agent's request (`agent: true`): a person's own command is their intent, an
 *  agent's tool call is not, so every operation that is not read-only asks.
 *   - prepareInvocation validates the input (bad input is refused before any question) and, for an
 *     operation that is not read-only, returns the confirmation: a flagged one names its stakes
 *     (whom, what, estimated credits, balance, "cannot be undone"), an unflagged change names what
 *     it changes — VS Code's chat shows it before `invoke`. A read-only tool has none.
 *   - invoke within a chat (with a tool-invocation token): the person answered that confirmation,
 *     which counts as the consent when the stakes are still the same. Without a token (another
 *     extension called the tool, where no chat confirmation is guaranteed) or when the user turned
 *     on VS Code's global auto-approval of every tool, the pipeline's own modal asks. An agent
 *     never changes anything — dials, sends, spends or edits — without a person's explicit OK.
 *  Answers and errors are concise text for the model (modelText.ts); nothing is thrown at it. */
import * as vscode from 'vscode';
import type { Log } from '../platform/log';
import { t } from '../format';
import type { Pipeline } from '../pipeline/pipeline';
import type { Stakes } from '../pipeline/consent/stakes';
import type { Settings } from '../platform/settings';
import { toolAnswer } from './toolAnswer';
import { confirmationText } from './toolConfirmation';
import { toolRequest } from './toolInput';
import type { ToolSpec } from './toolSpec';
import { toolNamed } from './toolTable';
import { LIMITS } from '../format/sinks';
import { markdownString } from '../platform/markdownString';

const PREPARED_TTL_MS = 10 * 60_000;

export interface ModelToolsDeps {
  readonly pipeline: Pipeline;
  readonly settings: () => Settings;
  readonly log: Log;
}

export class ModelTools {
  /** Confirmations VS Code was asked to show, by tool and input. */
  private readonly prepared = new Map<string, { stakes: Stakes; at: number }>();

  constructor(private readonly deps: ModelToolsDeps) {}

  async prepare(
    name: string,
    options: vscode.LanguageModelToolInvocationPrepareOptions<unknown>,
  ): Promise<vscode.PreparedToolInvocation> {
    const spec = this.spec(name);
    const invocationMessage = progressText(spec, this.deps.pipeline);
    const { input } = toolRequest(spec, options.input, this.deps.settings().defaultCountry);
    const preview = await this.deps.pipeline.preview(spec.op, { input, agent: true });
    // Input that will be refused is refused without a question (invoke says why, sending nothing).
    if (!preview.ok || !preview.stakes) return { invocationMessage };
    this.prune();
    this.prepared.set(keyOf(name, input), { stakes: preview.stakes, at: Date.now() });
    return { invocationMessage, confirmationMessages: confirmation(preview.stakes) };
  }

  async invoke(
    name: string,
    options: vscode.LanguageModelToolInvocationOptions<unknown>,
    token: vscode.CancellationToken,
  ): Promise<vscode.LanguageModelToolResult> {
    const spec = this.spec(name);
    const { input, fullNumbers } = toolRequest(spec, options.input, this.deps.settings().defaultCountry);
    if (token.isCancellationRequested) return answer('Cancelled: nothing was done.');
    const inChat = options.toolInvocationToken !== undefined && !autoApprovesEverything();
    const consentedTo = inChat ? this.prepared.get(keyOf(name, input))?.stakes : undefined;
    this.prepared.delete(keyOf(name, input));
    const aborter = new AbortController();
    const listener = token.onCancellationRequested(() => aborter.abort());
    try {
      this.deps.log.info(`Tool ${name} invoked${options.toolInvocationToken ? ' in chat' : ''}`);
      const result = await this.deps.pipeline.run(spec.op, {
        input,
        interactive: false,
        quiet: true,
        consentedTo,
        agent: true,
        signal: aborter.signal,
        // The model reads the error as text; no notification on top of the chat.
        recover: () => true,
      });
      return answer(toolAnswer(spec, result, { fullNumbers }).text);
    } finally {
      listener.dispose();
    }
  }

  private spec(name: string): ToolSpec {
    const spec = toolNamed(name);
    if (!spec) throw new Error(`Unknown KallyAI tool ${name}`);
    return spec;
  }

  private prune(): void {
    const now = Date.now();
    for (const [k, v] of this.prepared) if (now - v.at > PREPARED_TTL_MS) this.prepared.delete(k);
  }
}

function keyOf(name: string, input: unknown): string {
  return `${name} ${JSON.stringify(input)}`;
}

function answer(text: string): vscode.LanguageModelToolResult {
  return new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(text)]);
}

function progressText(spec: ToolSpec, pipeline: Pipeline): string {
  const progress = pipeline.presentationOf(spec.op)?.progress;
  return progress ? t(progress) : t('KallyAI: {0}…', t(spec.title));
}

/** The chat confirmation: the same question and lines as the modal, escaped. */
function confirmation(stakes: Stakes): vscode.LanguageModelToolConfirmationMessages {
  const { title, message } = confirmationText(stakes);
  return { title, message: markdownString(message, { max: LIMITS.modalDetail }) };
}

/** VS Code's global auto-approve approves every tool of every extension without a question; a
 *  call, an email or spending still needs the person's yes, so the modal asks then. The setting is
 *  `chat.tools.autoApprove` in VS Code 1.100 and `chat.tools.global.autoApprove` in later ones. */
function autoApprovesEverything(): boolean {
  const chatTools = vscode.workspace.getConfiguration('chat.tools');
  return chatTools.get<unknown>('global.autoApprove') === true || chatTools.get<unknown>('autoApprove') === true;
}
