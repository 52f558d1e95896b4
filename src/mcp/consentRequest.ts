/** The consent over MCP: the question the modal asks in VS Code, put to the person by their MCP
 *  client as an elicitation (`elicitation/create`, form mode) — the question, then the stakes one
 *  per line (whom, what, the estimated credits, the balance, "This cannot be undone."), in the
 *  plain form of src/format/sinks.ts (`promptText`). The form has one field, a yes/no named by the
 *  action ("Place Call"), false unless the person makes it true: only an accepted form with it
 *  true is a yes. Declined, cancelled, unanswered, or accepted without the yes: nothing is sent.
 *  A client that cannot ask (no elicitation capability) gets a refusal the model must pass on —
 *  never a question the model could answer itself. No `vscode`. */
import type { ElicitRequestFormParams, ElicitResult } from '@modelcontextprotocol/sdk/types.js';
import { t } from '../format/locale';
import { LIMITS, plainText, promptText } from '../format/sinks';
import { clean } from '../tools/modelText';
import type { Stakes } from '../pipeline/consent/stakes';

export const CONFIRM_FIELD = 'confirm';

/** The elicitation that asks for these stakes. Build it inside the request's wording (language). */
export function consentElicitation(stakes: Stakes): ElicitRequestFormParams {
  return {
    mode: 'form',
    message: promptText(stakes.question, stakes.lines),
    requestedSchema: {
      type: 'object',
      properties: {
        [CONFIRM_FIELD]: {
          type: 'boolean',
          title: plainText(stakes.confirm, 40),
          description: plainText(
            t('Yes: {0}. Anything else: {1}, and nothing is sent.', stakes.confirm, stakes.decline),
            LIMITS.modalLine,
          ),
          default: false,
        },
      },
      required: [CONFIRM_FIELD],
    },
  };
}

/** Only an accepted form whose yes is true. */
export function consented(result: ElicitResult): boolean {
  return result.action === 'accept' && result.content?.[CONFIRM_FIELD] === true;
}

/** What the model is told when the client cannot ask the person: nothing was sent, the stakes,
 *  and where the person can approve it. */
export function cannotAskText(stakes: Stakes): string {
  return clean(
    [
      "Not done: this needs the user's OK, and this MCP client cannot ask them (it does not support elicitation), so nothing was sent.",
      `It would ask: ${stakes.question}`,
      ...stakes.lines.map((line) => `- ${line}`),
      'Tell the user to approve this in VS Code (the KallyAI extension) or in an MCP client that can ask them. Do not try again here.',
    ].join('\n'),
  );
}
