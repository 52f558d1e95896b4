/** One turn of a conversation with KallyAI, as the Ask document, the conversation page and the
 *  store keep it. No `vscode`. */
export interface Turn {
  readonly role: 'you' | 'kallyai';
  readonly text: string;
  readonly at?: string;
  readonly goal?: { id: string; title?: string; status?: string };
  readonly suggestions?: readonly string[];
}
