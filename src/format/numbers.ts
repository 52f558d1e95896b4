/** Numbers for people: credits, counts with real plurals (no "goal(s)"), money. */
import { locale, t } from './locale';

const formatters = new Map<string, Intl.NumberFormat>();
function numberFormat(maxFraction: number): Intl.NumberFormat {
  const key = `${locale()}|${maxFraction}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale(), { maximumFractionDigits: maxFraction });
    formatters.set(key, f);
  }
  return f;
}

/** 142.5 → "142.5", 3 → "3", 0.30000000000000004 → "0.3"; absent → "—". */
export function formatCredits(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return numberFormat(2).format(Math.round(value * 100) / 100);
}

/** "1 credit", "2.5 credits" (the plural rule of the UI language). */
export function creditsLabel(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return t('— credits');
  return plural(value, t('{0} credit', formatCredits(value)), t('{0} credits', formatCredits(value)));
}

/** Chooses the singular or plural sentence for `n` by the UI language's plural rules. */
export function plural(n: number, one: string, other: string): string {
  return new Intl.PluralRules(locale()).select(n) === 'one' ? one : other;
}

/** A count with its noun: count(4, '{0} goal waiting', '{0} goals waiting') → "4 goals waiting". */
export function count(n: number, one: string, other: string): string {
  return plural(n, t(one, n), t(other, n));
}

/** 19 → "$19". */
export function formatMoney(value: number | null | undefined, currency = 'USD'): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return new Intl.NumberFormat(locale(), {
    style: 'currency',
    currency,
    maximumFractionDigits: Number.isInteger(value) ? 0 : 2,
  }).format(value);
}
