/** What a tool answers a model for each way a run ends — done, declined, refused by the entry,
 *  failed — in the words of modelText.ts. The language-model tools in VS Code and the MCP server
 *  answer the same text for the same outcome. No `vscode` import. */
import type { UserActionKind } from '../api/errorCodes';
import { declinedText, errorText, modelText, unavailableText } from './modelText';
import type { ToolSpec } from './toolSpec';

/** How a tool's run ended (the pipeline's RunResult has this shape). */
export type ToolOutcome =
  | { readonly outcome: 'done'; readonly data: unknown }
  | { readonly outcome: 'dismissed'; readonly stakes?: { readonly question: string } }
  | { readonly outcome: 'unavailable'; readonly reason: string }
  | { readonly outcome: 'failed'; readonly code: string; readonly message: string; readonly action: UserActionKind };

export interface ToolAnswer {
  readonly text: string;
  /** Nothing was done because something went wrong (not because the person said no). */
  readonly isError: boolean;
}

export function toolAnswer(spec: ToolSpec, result: ToolOutcome, options: { fullNumbers?: boolean } = {}): ToolAnswer {
  switch (result.outcome) {
    case 'done':
      return {
        text: modelText(spec.lead?.(result.data as never), result.data, { fullNumbers: options.fullNumbers }),
        isError: false,
      };
    case 'dismissed':
      return { text: declinedText(result.stakes?.question ?? spec.title), isError: false };
    case 'unavailable':
      return { text: unavailableText(result.reason), isError: true };
    case 'failed':
      if (result.code === 'cancelled') return { text: 'Cancelled: the request was stopped.', isError: true };
      return { text: errorText({ code: result.code, sentence: result.message, action: result.action }), isError: true };
  }
}
