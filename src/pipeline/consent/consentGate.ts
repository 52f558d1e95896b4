/** Asks the person: a modal naming the stakes, with buttons named by the action ("Place Call"
 *  beside "Don't Call"; VS Code's own Cancel button is replaced, so "Cancel Goal" never sits
 *  beside a bare "Cancel"). In the test host (ExtensionMode.Test only) every question is recorded
 *  and a test may answer it; everywhere else the modal always shows. */
import { LIMITS, plainLines, plainText } from '../../format/sinks';
import { askModal } from '../../platform/notify';
import { recordShown } from '../../platform/shownInTests';
import type { Stakes } from './stakes';

export type ConsentAnswerer = (stakes: Stakes) => boolean | Promise<boolean>;

export class ConsentGate {
  /** Every question asked, in order (test host only). */
  readonly asked: Stakes[] = [];
  private answerer: ConsentAnswerer | undefined;

  constructor(private readonly testMode: boolean) {}

  /** Test host: answer questions without a modal (undefined restores the modal). */
  answerWith(answerer: ConsentAnswerer | undefined): void {
    if (this.testMode) this.answerer = answerer;
  }

  /** True when the person said yes. `preConfirmed` (a test's `confirmed: true`) counts only in
   *  the test host; `given` is a consent the person gave in the prompt that named these stakes. */
  async ask(stakes: Stakes, options: { preConfirmed?: boolean; given?: boolean } = {}): Promise<boolean> {
    if (this.testMode) this.asked.push(stakes);
    if (options.given) return true;
    const question = plainText(stakes.question, LIMITS.modalLine);
    const detail = plainLines(stakes.lines);
    const confirm = plainText(stakes.confirm, 40);
    const decline = plainText(stakes.decline, 40);
    if (this.testMode) {
      if (options.preConfirmed) return true;
      if (this.answerer) {
        // What the modal would have shown, for the trust-boundary test.
        recordShown('modal', question, detail, confirm, decline);
        return this.answerer(stakes);
      }
    }
    return askModal(question, detail, confirm, decline);
  }
}
