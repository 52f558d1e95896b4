/** The Ask conversation: which one is current (workspace state, until "New Conversation"), its turns
 *  (in memory, seeded from the server's history when reopened) and its read-only Markdown document. */
import type * as vscode from 'vscode';
import { oneLine, t } from '../../format';
import { conversationMarkdown } from '../../documents/conversationMarkdown';
import type { Turn } from '../../models/conversation';

export type { Turn } from '../../models/conversation';

const CURRENT_KEY = 'kallyai.ask.conversationId';
/** Turns of a conversation the server has not named (yet). */
const UNNAMED = 'current';

export class ConversationStore {
  private readonly turns = new Map<string, Turn[]>();
  private readonly paths = new Map<string, string>();
  private readonly titles = new Map<string, string>();

  constructor(private readonly state: vscode.Memento) {}

  get currentId(): string | undefined {
    return this.state.get<string>(CURRENT_KEY) || undefined;
  }

  async setCurrent(id: string | undefined): Promise<void> {
    await this.state.update(CURRENT_KEY, id);
  }

  /** Moves turns kept under "no id yet" to the id the server gave the conversation. */
  adopt(id: string): void {
    const pending = this.turns.get(UNNAMED);
    if (!pending || id === UNNAMED) return;
    this.turns.set(id, [...pending, ...(this.turns.get(id) ?? [])]);
    this.turns.delete(UNNAMED);
    const path = this.paths.get(UNNAMED);
    if (path && !this.paths.has(id))
      this.paths.set(id, path.replace(`/${UNNAMED}/`, `/${id.replace(/[^A-Za-z0-9_-]/g, '_')}/`));
    this.paths.delete(UNNAMED);
  }

  append(id: string | undefined, ...turns: Turn[]): void {
    const key = id ?? UNNAMED;
    this.turns.set(key, [...(this.turns.get(key) ?? []), ...turns]);
  }

  replace(id: string, turns: Turn[]): void {
    this.turns.set(id, [...turns]);
  }

  /** The conversation's title, when its history named one. */
  titleOf(id: string | undefined): string | undefined {
    return this.titles.get(id ?? UNNAMED);
  }

  setTitle(id: string, title: string | undefined): void {
    if (title) this.titles.set(id, title);
  }

  turnsOf(id: string | undefined): readonly Turn[] {
    return this.turns.get(id ?? UNNAMED) ?? [];
  }

  /** kallyai:/conversations/<id>/<title>.md: the tab shows the title, never the id. The path of a
   *  conversation is fixed the first time it is shown, so it keeps one tab. */
  documentPath(id: string | undefined, title?: string): string {
    const key = id ?? UNNAMED;
    let path = this.paths.get(key);
    if (!path) {
      const first = this.turnsOf(id).find((turn) => turn.role === 'you')?.text;
      const name = title || (first ? oneLine(first, 50) : t('KallyAI conversation'));
      path = `conversations/${key.replace(/[^A-Za-z0-9_-]/g, '_')}/${name}.md`;
      this.paths.set(key, path);
    }
    return path;
  }

  markdown(id: string | undefined, title?: string): string {
    return conversationMarkdown(this.turnsOf(id), title).text;
  }
}
