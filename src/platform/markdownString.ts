/** The only maker of `vscode.MarkdownString`: from Markdown escaped by construction (src/format/
 *  markdown.ts), trusted with no command but those named (none by default), no raw HTML, theme icons only when asked,
 *  and capped so a 20 KB summary cannot make a tooltip a page long. */
import * as vscode from 'vscode';
import type { Markdown } from '../format/markdown';
import { LIMITS } from '../format/sinks';

export function markdownString(
  markdown: Markdown,
  options: { icons?: boolean; max?: number; commands?: readonly string[] } = {},
): vscode.MarkdownString {
  const s = new vscode.MarkdownString(
    cappedMarkdown(markdown.text, options.max ?? LIMITS.tooltip),
    options.icons ?? false,
  );
  // Only the command links we wrote ourselves run (a `[…](command:…)` in service text is escaped).
  s.isTrusted = options.commands?.length ? { enabledCommands: [...options.commands] } : false;
  s.supportHtml = false;
  return s;
}

/** Markdown cut at `max` characters where the cut breaks no escape and no entity. */
function cappedMarkdown(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max - 1);
  let slashes = 0;
  while (slashes < cut.length && cut[cut.length - 1 - slashes] === '\\') slashes++;
  if (slashes % 2 === 1) cut = cut.slice(0, -1);
  const amp = cut.lastIndexOf('&');
  if (amp >= 0 && amp >= cut.length - 10 && !cut.includes(';', amp)) cut = cut.slice(0, amp);
  return `${cut}…`;
}
