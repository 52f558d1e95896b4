/** The argument objects of "KallyAI: Ask…" and "Conversation History…". */
import * as z from 'zod/mini';

export const askArgs = z.object({
  /** The message to send; asked for in an input box when absent. */
  message: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(4000))),
  /** Continue this conversation instead of the current one. */
  conversationId: z.optional(z.string().check(z.minLength(1))),
  /** Start a new conversation for this message. */
  newConversation: z.optional(z.boolean()),
  /** Reveal the goal the message created in the Goals view. */
  revealGoal: z.optional(z.boolean()),
  /** Sent from the conversation page, which shows the reply itself (no notification). */
  fromPage: z.optional(z.boolean()),
});
export type AskArgs = z.infer<typeof askArgs>;

export const conversationArgs = z.object({
  /** Open this conversation instead of picking one. */
  conversationId: z.optional(z.string().check(z.minLength(1))),
  /** Open it as a Markdown document (to copy or search) instead of its page. */
  asText: z.optional(z.boolean()),
});
export type ConversationArgs = z.infer<typeof conversationArgs>;
