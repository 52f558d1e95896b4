/** One `tools/call`, as the language-model tools run it in VS Code, without VS Code:
 *    the model's input → the operation's shape (toolInput.ts) → validate, read the target, the
 *    entry's refusal, the stakes (operationRequest.ts, the pipeline's own) → for every operation
 *    that is not read-only, the person's OK through the client (consentRequest.ts) → send once
 *    (an operation that creates carries an Idempotency-Key; a lost answer's key is sent again on
 *    a repeat) → the answer for the model (toolAnswer.ts: the chat tools' text, sanitised, capped).
 *  A read-only tool runs at once. Nothing is sent before the OK; a client that cannot ask gets a
 *  refusal. Errors are the error presenter's sentences, answered with `isError`. No `vscode`. */
import { KallyApiError } from '../api/errors';
import { describeError } from '../format/errors';
import { fieldLabels, type OperationRequests, type Wording } from '../pipeline/operationRequest';
import type { Stakes } from '../pipeline/consent/stakes';
import { toolAnswer, type ToolAnswer } from '../tools/toolAnswer';
import { toolRequest } from '../tools/toolInput';
import type { ToolSpec } from '../tools/toolSpec';
import { cannotAskText } from './consentRequest';
import type { McpSession } from './sessions';

/** How the person answered, or that they could not be asked. */
export type ConsentAnswer = 'yes' | 'no' | 'cannotAsk';

export interface ToolCallDeps {
  readonly requests: OperationRequests;
  readonly session: McpSession;
  readonly defaultCountry: string;
  /** Asks the person through the client (built in the request's language). */
  ask(stakes: Stakes, signal: AbortSignal): Promise<ConsentAnswer>;
  /** Whether the client can ask at all (elicitation); decides the language the stakes are built in. */
  canAsk(): boolean;
  /** The request's language for what the person reads. */
  readonly words: Wording;
  log(message: string): void;
}

export async function callTool(
  spec: ToolSpec,
  args: unknown,
  deps: ToolCallDeps,
  signal: AbortSignal,
): Promise<ToolAnswer> {
  const { op } = spec;
  const { input, fullNumbers } = toolRequest(spec, args, deps.defaultCountry);
  const labels = fieldLabels(deps.requests.presentationOf(op));
  const failed = (error: unknown): ToolAnswer => {
    const view = describeError(error, labels);
    return toolAnswer(
      spec,
      { outcome: 'failed', code: view.code, message: view.sentence, action: view.action.kind },
      { fullNumbers },
    );
  };
  // Not signed in: said before anything is read, with what the person does about it.
  if (op.auth === 'bearer' && !(await deps.session.getToken())) {
    return { text: `Not done: ${await deps.session.missing()}`, isError: true };
  }
  const canAsk = deps.canAsk();
  // A client that cannot ask gets its refusal in the model's words (English).
  const preview = await deps.requests.preview(op, {
    input,
    agent: true,
    words: canAsk ? deps.words : (build) => build(),
  });
  if (!preview.ok) {
    if (preview.unavailable) return toolAnswer(spec, { outcome: 'unavailable', reason: preview.unavailable });
    return failed(preview.error);
  }
  if (preview.stakes) {
    const answer = canAsk ? await deps.ask(preview.stakes, signal) : 'cannotAsk';
    deps.log(`${spec.name}: consent ${answer}`);
    if (answer === 'cannotAsk') return { text: cannotAskText(preview.stakes), isError: true };
    if (answer === 'no') return toolAnswer(spec, { outcome: 'dismissed', stakes: preview.stakes });
  }
  if (signal.aborted) return toolAnswer(spec, { outcome: 'failed', code: 'cancelled', message: '', action: 'none' });
  try {
    const { data } = await deps.requests.send(op, preview.input as never, preview.prepared, {
      signal,
      codeOf: (e) => describeError(e).code,
    });
    deps.log(`${spec.name}: done`);
    return toolAnswer(spec, { outcome: 'done', data }, { fullNumbers });
  } catch (e) {
    if (e instanceof KallyApiError && (e.status === 401 || e.code === 'missing_token') && deps.session.ended) {
      return { text: `Not done: ${await deps.session.missing()}`, isError: true };
    }
    return failed(e);
  }
}
