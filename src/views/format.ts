import * as vscode from 'vscode';

/** Formatting shared by the views, the status bar and the documents. */

/** 142.5 → "142.5", 3 → "3", 0.30000000000000004 → "0.3". */
export function formatCredits(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return (Math.round(value * 100) / 100).toLocaleString('en-US', { maximumFractionDigits: 2 });
}

export function creditsLabel(value: number | null | undefined): string {
  return value === 1 ? vscode.l10n.t('1 credit') : vscode.l10n.t('{0} credits', formatCredits(value));
}

function parseDate(value: string | null | undefined): Date | undefined {
  if (!value) return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** "2026-03-14" in the local zone, or undefined. */
export function isoDay(value: string | null | undefined): string | undefined {
  const d = parseDate(value);
  if (!d) return undefined;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** "Mar 14, 19:30" (this year) or "Mar 14 2025, 19:30". */
export function shortDateTime(value: string | null | undefined): string | undefined {
  const d = parseDate(value);
  if (!d) return value ?? undefined;
  const sameYear = d.getFullYear() === new Date().getFullYear();
  const date = d.toLocaleDateString(undefined, { month: 'short', day: 'numeric', ...(sameYear ? {} : { year: 'numeric' }) });
  const time = d.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  return `${date}, ${time}`;
}

/** "Mar 14, 2026". */
export function longDate(value: string | null | undefined): string | undefined {
  const d = parseDate(value);
  if (!d) return value ?? undefined;
  return d.toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
}

/** 95 → "1:35", 3600 → "60:00". */
export function formatDuration(seconds: number | null | undefined): string | undefined {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return undefined;
  const s = Math.max(0, Math.round(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** "in_progress" → "In progress". */
export function humanize(value: string | null | undefined): string {
  if (!value) return '';
  const text = value.replace(/[_-]+/g, ' ').trim();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Escapes text for a Markdown tooltip or document, so that untrusted text is shown as text. */
export function escapeMarkdown(text: string | null | undefined): string {
  return (text ?? '').replace(/([\\`*_{}[\]()#+\-!|<>~])/g, '\\$1');
}

/** A single line, at most `max` characters. */
export function oneLine(text: string | null | undefined, max = 80): string {
  const flat = (text ?? '').replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
