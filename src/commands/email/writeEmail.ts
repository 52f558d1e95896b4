/** "Write Email…" (`kallyai actions email send`): the compose page, prefilled with what was given
 *  (a failed email written again, a reply to a sender). Given a complete email from code (To,
 *  Subject and Body — a test, a chat tool), it is checked and saved as a draft at once, through the
 *  pipeline: bad input is said in a sentence and nothing is sent; a valid email waits for approval. */
import * as z from 'zod/mini';
import { ops } from '../../api/catalogue';
import { parseArgs } from '../../pipeline/commandArgs';
import type { RunResult } from '../../pipeline/pipeline';
import { draftBody } from '../../pages/composePage';
import type { CommandContext } from '../commandContext';

const text = z.optional(z.string().check(z.maxLength(20000)));
const writeArgs = z.strictObject({
  to: text,
  cc: z.optional(
    z.union([z.string().check(z.maxLength(5000)), z.array(z.string().check(z.maxLength(320))).check(z.maxLength(50))]),
  ),
  subject: text,
  body: text,
  /** Open the compose page even when the email is complete (to look it over first). */
  compose: z.optional(z.boolean()),
  /** Test seam: answered like the other commands' (`confirmed` only counts in the test host). */
  confirmed: z.optional(z.boolean()),
});

let composed = 0;

export async function writeEmail(
  ctx: CommandContext,
  raw: unknown,
): Promise<RunResult | { outcome: 'composing'; page: string }> {
  // From a view title the argument is empty; a tree node is not an email either.
  const given = raw && typeof raw === 'object' && 'item' in raw && 'kind' in raw ? undefined : raw;
  const args = parseArgs('kallyai.email.write', writeArgs, given);
  const cc = Array.isArray(args.cc) ? args.cc.join(', ') : args.cc;
  const complete = !!(args.to?.trim() && args.subject?.trim() && args.body?.trim());
  if (!complete || args.compose) {
    const id = `new-${Date.now().toString(36)}-${++composed}`;
    await ctx.openPage('compose', id, { to: args.to, cc, subject: args.subject, body: args.body });
    return { outcome: 'composing', page: `compose:${id}` };
  }
  // The pipeline checks every field with the schema before anything is sent.
  return ctx.pipeline.run(ops.actions.sendEmail, {
    input: { body: draftBody({ to: args.to, cc, subject: args.subject, body: args.body }) },
    interactive: false,
  });
}
