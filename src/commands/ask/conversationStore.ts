/** The Ask conversation: which one is current (workspace state, until "New Conversation"), its turns
 *  (in memory, seeded from the server's history when reopened) and its read-only Markdown document. */
import * as vscode from 'vscode';

export interface Turn {
  readonly role: 'you' | 'kallyai';
  readonly text: string;
  readonly at?: string;
  readonly goal?: { id: string; title?: string; status?: string };
  readonly suggestions?: readonly string[];
}

const CURRENT_KEY = 'kallyai.ask.conversationId';
/** Turns of a conversation the server has not named (yet). */
const UNNAMED = 'current';

export class ConversationStore {
  private readonly turns = new Map<string, Turn[]>();

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
  }

  append(id: string | undefined, ...turns: Turn[]): void {
    const key = id ?? UNNAMED;
    this.turns.set(key, [...(this.turns.get(key) ?? []), ...turns]);
  }

  replace(id: string, turns: Turn[]): void {
    this.turns.set(id, [...turns]);
  }

  turnsOf(id: string | undefined): readonly Turn[] {
    return this.turns.get(id ?? UNNAMED) ?? [];
  }

  /** kallyai:/conversations/<id>.md */
  static documentPath(id: string | undefined): string {
    return `conversations/${(id ?? UNNAMED).replace(/[^A-Za-z0-9_-]/g, '_')}.md`;
  }

  markdown(id: string | undefined, title?: string): string {
    const lines = [`# ${escapeMd(title || vscode.l10n.t('KallyAI conversation'))}`, ''];
    if (id) lines.push(`_${vscode.l10n.t('Conversation {0}', id)}_`, '');
    const turns = this.turnsOf(id);
    if (turns.length === 0) lines.push(vscode.l10n.t('No messages yet. Run "KallyAI: Ask…" to start.'), '');
    for (const t of turns) lines.push(...renderTurn(t));
    return lines.join('\n');
  }
}

function renderTurn(t: Turn): string[] {
  const who = t.role === 'you' ? vscode.l10n.t('You') : 'KallyAI';
  const when = t.at ? ` _(${t.at})_` : '';
  const out = [`**${who}:**${when} ${quoteBlock(t.text)}`, ''];
  if (t.goal) {
    const name = t.goal.title ? `**${escapeMd(t.goal.title)}** (\`${t.goal.id}\`)` : `\`${t.goal.id}\``;
    const status = t.goal.status ? `, ${escapeMd(t.goal.status)}` : '';
    out.push(`> ${vscode.l10n.t('Goal: {0}{1} — shown in the Goals view ("Show Goal" in the notification reveals it).', name, status)}`, '');
  }
  if (t.suggestions?.length) {
    out.push(`${vscode.l10n.t('Suggestions:')} ${t.suggestions.map((s) => `_${escapeMd(s)}_`).join(' · ')}`, '');
  }
  out.push('---', '');
  return out;
}

/** Multi-line text keeps its line breaks; Markdown that could inject links or HTML is escaped. */
function quoteBlock(text: string): string {
  return escapeMd(text.trim()).replace(/\n/g, '  \n');
}

export function escapeMd(text: string): string {
  return text.replace(/[\\`*_{}[\]<>()#+!|]/g, (c) => `\\${c}`);
}
