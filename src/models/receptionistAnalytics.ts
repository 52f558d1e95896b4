/** The receptionist's figures, read leniently (the contract gives no shape for `inbound summary`
 *  and `inbound analytics`): the totals a person cares about, calls per day over a date range, and
 *  calls by outcome — from the answer's own series when it has them, else counted from the calls.
 *  No `vscode`. */
import { codeLabel, formatDuration, locale, t } from '../format';
import type { InboundCall } from './inbound';

type Json = Record<string, unknown>;

export interface DateRange {
  /** YYYY-MM-DD, inclusive. */
  readonly from: string;
  readonly to: string;
}

export interface Figure {
  readonly label: string;
  readonly value: string;
}
export interface Bar {
  readonly key: string;
  readonly label: string;
  readonly value: number;
}

const num = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isFinite(v)
    ? v
    : typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))
      ? Number(v)
      : undefined;
const pick = (o: Json | undefined, ...keys: string[]) => {
  for (const k of keys) {
    const v = num(o?.[k]);
    if (v !== undefined) return v;
  }
  return undefined;
};

const ymd = (d: Date) =>
  `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;

/** The last `days` days up to today (UTC days, as the API's date filters are). */
export function lastDays(days: number, now = new Date()): DateRange {
  const to = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const from = new Date(to.getTime() - (days - 1) * 86_400_000);
  return { from: ymd(from), to: ymd(to) };
}

export function daysIn(range: DateRange): string[] {
  const out: string[] = [];
  const start = Date.parse(`${range.from}T00:00:00Z`);
  const end = Date.parse(`${range.to}T00:00:00Z`);
  if (!Number.isFinite(start) || !Number.isFinite(end) || end < start) return out;
  for (let ms = start; ms <= end && out.length < 366; ms += 86_400_000) out.push(ymd(new Date(ms)));
  return out;
}

/** The headline figures of `inbound summary` (with the analytics' total when the summary lacks it). */
export function summaryFigures(summary: Json | undefined): Figure[] {
  const s = summary ?? {};
  const figures: Figure[] = [];
  const add = (label: string, value: number | undefined, format: (n: number) => string = (n) => String(n)) => {
    if (value !== undefined) figures.push({ label, value: format(value) });
  };
  add(t('Calls'), pick(s, 'total_calls', 'total', 'calls', 'count'));
  add(t('Completed'), pick(s, 'completed', 'completed_calls', 'answered'));
  add(t('Missed'), pick(s, 'missed', 'missed_calls'));
  add(t('Rejected'), pick(s, 'rejected', 'rejected_calls', 'blocked'));
  add(t('Live now'), pick(s, 'active', 'active_calls', 'live'));
  add(t('From VIPs'), pick(s, 'vip_calls', 'vip'));
  add(
    t('Average length'),
    pick(s, 'average_duration_seconds', 'avg_duration_seconds', 'average_duration', 'avg_duration'),
    (n) => formatDuration(n) ?? String(n),
  );
  return figures;
}

/** A per-day series in any of the shapes seen: [{date, count}], {date: count}, [[date, count]]. */
function seriesOf(value: unknown): Map<string, number> | undefined {
  const out = new Map<string, number>();
  if (Array.isArray(value)) {
    for (const item of value) {
      if (Array.isArray(item) && typeof item[0] === 'string') {
        const n = num(item[1]);
        if (n !== undefined) out.set(item[0].slice(0, 10), n);
      } else if (item && typeof item === 'object') {
        const o = item as Json;
        const day = [o.date, o.day, o.period, o.bucket].find((x) => typeof x === 'string') as string | undefined;
        const n = pick(o, 'count', 'calls', 'total', 'value');
        if (day && n !== undefined) out.set(day.slice(0, 10), n);
      }
    }
    return out.size ? out : undefined;
  }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value as Json)) {
      const n = num(v);
      if (/^\d{4}-\d{2}-\d{2}/.test(k) && n !== undefined) out.set(k.slice(0, 10), n);
    }
    return out.size ? out : undefined;
  }
  return undefined;
}

/** Calls per day over the range (every day present, zeros included). */
export function callsPerDay(analytics: Json | undefined, calls: readonly InboundCall[], range: DateRange): Bar[] {
  const a = analytics ?? {};
  const given = seriesOf(a.calls_by_day ?? a.by_day ?? a.daily ?? a.calls_per_day ?? a.timeline);
  const counted = new Map<string, number>();
  if (!given) {
    for (const c of calls) {
      const day = typeof c.created_at === 'string' ? c.created_at.slice(0, 10) : undefined;
      if (day) counted.set(day, (counted.get(day) ?? 0) + 1);
    }
  }
  const series = given ?? counted;
  return daysIn(range).map((day) => ({ key: day, label: dayLabel(day), value: series.get(day) ?? 0 }));
}

const OUTCOME_ORDER = ['completed', 'missed', 'rejected', 'active'];

export function outcomeLabel(status: string): string {
  switch (status) {
    default:
      return codeLabel('inboundStatus', status);
  }
}

/** Calls by outcome (completed, missed, rejected, live, then any other). */
export function callsByOutcome(analytics: Json | undefined, calls: readonly InboundCall[]): Bar[] {
  const a = analytics ?? {};
  const given = a.calls_by_status ?? a.by_status ?? a.by_outcome ?? a.outcomes;
  const counts = new Map<string, number>();
  if (given && typeof given === 'object' && !Array.isArray(given)) {
    for (const [k, v] of Object.entries(given as Json)) {
      const n = num(v);
      if (n !== undefined) counts.set(k, n);
    }
  } else if (Array.isArray(given)) {
    for (const item of given) {
      const o = (item ?? {}) as Json;
      const key = [o.status, o.outcome, o.name].find((x) => typeof x === 'string') as string | undefined;
      const n = pick(o, 'count', 'calls', 'total', 'value');
      if (key && n !== undefined) counts.set(key, n);
    }
  } else {
    for (const c of calls)
      counts.set(String(c.status ?? 'unknown'), (counts.get(String(c.status ?? 'unknown')) ?? 0) + 1);
  }
  const keys = [
    ...OUTCOME_ORDER.filter((k) => counts.has(k)),
    ...[...counts.keys()].filter((k) => !OUTCOME_ORDER.includes(k)).sort(),
  ];
  return keys.map((k) => ({ key: k, label: outcomeLabel(k), value: counts.get(k) ?? 0 }));
}

/** The callers who called most, when the answer lists them. */
export function topCallers(analytics: Json | undefined): Bar[] {
  const list = (analytics ?? {}).top_callers;
  if (!Array.isArray(list)) return [];
  return list
    .flatMap((item, i) => {
      const o = (item ?? {}) as Json;
      const who = [o.caller, o.name, o.caller_name, o.caller_number].find((x) => typeof x === 'string') as
        string | undefined;
      const n = pick(o, 'count', 'calls', 'total');
      return who && n !== undefined ? [{ key: `${i}`, label: who, value: n }] : [];
    })
    .slice(0, 10);
}

function dayLabel(day: string, withYear = false): string {
  const d = new Date(`${day}T12:00:00Z`);
  return Number.isNaN(d.getTime())
    ? day
    : d.toLocaleDateString(locale(), {
        month: 'short',
        day: 'numeric',
        ...(withYear ? { year: 'numeric' } : {}),
        timeZone: 'UTC',
      });
}

/** "Nov 1 – Nov 30, 2026" */
export function rangeLabel(range: DateRange): string {
  return t('{0} – {1}', dayLabel(range.from), dayLabel(range.to, true));
}
