/** One KallyAI conversation per chat thread: the participant's answers carry the conversation's id
 *  in their result metadata, and the thread's history gives it back on the next request. A new
 *  chat thread has no history, so it starts a new conversation. No `vscode` import (the history
 *  is read by shape). */

export const PARTICIPANT_ID = 'kallyai.chat';

export interface ChatMetadata {
  /** The KallyAI conversation this thread continues. */
  readonly conversationId?: string;
  /** KallyAI's suggestions for what to say next (the chat's follow-ups). */
  readonly suggestions?: readonly string[];
}

/** The conversation named by the participant's latest answer in this thread, if any. */
export function conversationOfThread(history: readonly unknown[]): string | undefined {
  for (let i = history.length - 1; i >= 0; i--) {
    const turn = history[i] as { participant?: unknown; result?: { metadata?: unknown } };
    if (turn?.participant !== PARTICIPANT_ID) continue;
    const id = (turn.result?.metadata as ChatMetadata | undefined)?.conversationId;
    if (typeof id === 'string' && id) return id;
  }
  return undefined;
}
