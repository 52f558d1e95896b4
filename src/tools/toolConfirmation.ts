/** The confirmation VS Code's chat shows before a tool runs: the same question and lines as the
 *  pipeline's modal, each line a Markdown list item, escaped by construction. Every tool whose
 *  operation is not read-only has one (an agent's call is not the person's intent); a read-only
 *  tool has none. No `vscode` here: the unit tests build it for every tool. */
import { join, md, type Markdown } from '../format/markdown';
import { LIMITS, plainText, type PlainText } from '../format/sinks';
import type { Stakes } from '../pipeline/consent/stakes';

export interface ConfirmationText {
  readonly title: PlainText;
  readonly message: Markdown;
}

export function confirmationText(stakes: Stakes): ConfirmationText {
  const lines = join(
    stakes.lines.flatMap((line) => line.split('\n')).map((line) => md`- ${line}`),
    '\n',
  );
  return { title: plainText(stakes.question, LIMITS.modalLine), message: lines };
}
