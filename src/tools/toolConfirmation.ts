/** The confirmation VS Code's chat shows before a tool runs: the same question and lines as the
 *  pipeline's modal, each line a Markdown list item, escaped by construction. Every tool whose
 *  operation is not read-only has one (an agent's call is not the person's intent); a read-only
 *  tool has none. No `vscode` here: the unit tests build it for every tool. */
import { join, md } from '../format/markdown';
import type { Stakes } from '../pipeline/consent/stakes';

export interface ConfirmationText {
  readonly title: string;
  /** Markdown. */
  readonly message: string;
}

export function confirmationText(stakes: Stakes): ConfirmationText {
  const lines = join(stakes.lines.flatMap((line) => line.split('\n')).map((line) => md`- ${line}`), '\n');
  return { title: stakes.question, message: lines.text };
}
