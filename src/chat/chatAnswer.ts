/** What @kallyai writes into the chat, and the only writer of it: Markdown escaped by construction
 *  and made link-free for the chat (src/format/sinks.ts `chatMarkdown`: nothing the service wrote
 *  becomes a link or an image), progress and button titles as plain text. A sentence of ours with
 *  service text in it (an error's message, a business's name) is written with `say`, which escapes
 *  it whole. */
import * as vscode from 'vscode';
import { md, type Markdown } from '../format/markdown';
import { chatMarkdown, plainText } from '../format/sinks';

export class ChatAnswer {
  constructor(private readonly stream: vscode.ChatResponseStream) {}

  /** Markdown built with md`…` (every value escaped). */
  markdown(text: Markdown): void {
    const m = new vscode.MarkdownString(chatMarkdown(text));
    m.isTrusted = false;
    m.supportHtml = false;
    this.stream.markdown(m);
  }

  /** A sentence as plain text: escaped whole, so a server's words never become Markdown. */
  say(sentence: string): void {
    this.markdown(md`${sentence}`);
  }

  /** A blank line between blocks. */
  gap(): void {
    this.stream.markdown('\n\n');
  }

  progress(text: string): void {
    this.stream.progress(plainText(text));
  }

  /** The commands of the buttons given so far. */
  readonly commands = new Set<string>();

  /** A button that runs one of our commands. */
  button(command: string, title: string, args?: readonly unknown[]): void {
    this.commands.add(command);
    this.stream.button({ command, title: plainText(title, 60), ...(args ? { arguments: [...args] } : {}) });
  }
}
