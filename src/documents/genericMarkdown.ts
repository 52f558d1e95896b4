/** Any JSON answer as a document for people (contract §12: many responses are undocumented):
 *  headings from the field names, a table of the simple fields, lists as tables or bullets,
 *  dates and booleans in words — never a JSON dump. Every value escaped. No `vscode` import. */
import { blocks, humanize, md, raw, shortDateTime, t, table, type Markdown, type MarkdownValue } from '../format';

const MAX_DEPTH = 4;
const MAX_ROWS = 200;
const MAX_COLUMNS = 6;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export function genericMarkdown(title: string, value: unknown): Markdown {
  return blocks(md`# ${title}`, section(value as Json, 0));
}

function section(value: Json, depth: number): MarkdownValue {
  if (value === null || value === undefined) return md`_${t('Nothing to show.')}_`;
  if (Array.isArray(value)) return list(value, depth);
  if (typeof value !== 'object') return md`${scalar(value)}`;
  const entries = Object.entries(value);
  if (entries.length === 0) return md`_${t('Nothing to show.')}_`;
  const simple = entries.filter(([, v]) => v === null || typeof v !== 'object');
  const nested = entries.filter(([, v]) => v !== null && typeof v === 'object');
  const parts: MarkdownValue[] = [];
  if (simple.length)
    parts.push(
      table(
        [t('Field'), t('Value')],
        simple.map(([k, v]) => [humanize(k), scalar(v)]),
      ),
    );
  if (depth >= MAX_DEPTH) {
    if (nested.length) parts.push(md`_${t('{0} more sections not shown.', nested.length)}_`);
    return blocks(...parts);
  }
  const hashes = '#'.repeat(Math.min(6, depth + 2));
  for (const [k, v] of nested) parts.push(blocks(md`${raw(hashes)} ${humanize(k)}`, section(v, depth + 1)));
  return blocks(...parts);
}

function list(items: Json[], depth: number): MarkdownValue {
  if (items.length === 0) return md`_${t('None.')}_`;
  const shown = items.slice(0, MAX_ROWS);
  const more = items.length > MAX_ROWS ? md`_${t('{0} more not shown.', items.length - MAX_ROWS)}_` : undefined;
  if (shown.every((i) => i !== null && typeof i === 'object' && !Array.isArray(i))) {
    const rows = shown as Array<Record<string, Json>>;
    const columns = [
      ...new Set(rows.flatMap((r) => Object.keys(r).filter((k) => r[k] === null || typeof r[k] !== 'object'))),
    ].slice(0, MAX_COLUMNS);
    if (columns.length)
      return blocks(
        table(
          columns.map(humanize),
          rows.map((r) => columns.map((c) => scalar(r[c] ?? null))),
        ),
        more,
      );
  }
  if (shown.every((i) => i === null || typeof i !== 'object'))
    return blocks(raw(shown.map((i) => md`- ${scalar(i)}`.text).join('\n')), more);
  return blocks(...shown.map((i, n) => blocks(md`**${t('Item {0}', n + 1)}**`, section(i, depth + 1))), more);
}

function scalar(v: Json | undefined): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'boolean') return v ? t('yes') : t('no');
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(v)) return shortDateTime(v) ?? v;
  if (typeof v === 'object') return Array.isArray(v) ? t('{0} items', v.length) : '…';
  return v;
}
