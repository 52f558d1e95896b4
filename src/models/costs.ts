/** The public price list (GET /v1/credits/costs, contract §5.12) read for people: what each kind
 *  of action costs in credits, whatever units the server names ("per_query", "per_minute"…).
 *  The consent reads the same list (src/pipeline/consent/costs.ts). No `vscode`. */
import { creditsLabel, formatCredits, humanize, t } from '../format';

export interface CostLine {
  readonly key: string;
  /** "Call", "Search". */
  readonly what: string;
  /** "1 credit + 0.1 per minute", "0.5 credits per search". */
  readonly price: string;
}

const num = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isFinite(v)
    ? v
    : typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))
      ? Number(v)
      : undefined;

function what(key: string): string {
  switch (key) {
    case 'call':
      return t('Phone call');
    case 'search':
      return t('Search');
    case 'email_send':
      return t('Email sent');
    case 'email_draft':
      return t('Email drafted');
    case 'booking':
      return t('Booking');
    case 'bill_analysis':
      return t('Bill check');
    case 'ride':
      return t('Ride');
    case 'food':
      return t('Food order');
    case 'errand':
      return t('Errand');
    default:
      return humanize(key);
  }
}

function unit(field: string): string {
  switch (field) {
    case 'per_minute':
      return t('per minute');
    case 'per_query':
      return t('per search');
    case 'per_email':
      return t('per email');
    case 'per_draft':
      return t('per draft');
    case 'per_booking':
      return t('per booking');
    case 'per_analysis':
      return t('per bill');
    case 'per_request':
      return t('per ride');
    case 'per_order':
      return t('per order');
    case 'per_errand':
      return t('per errand');
    default:
      return humanize(field).toLowerCase();
  }
}

/** One line per priced action, in the server's order. */
export function costLines(costs: Record<string, unknown> | null | undefined): CostLine[] {
  const out: CostLine[] = [];
  for (const [key, entry] of Object.entries(costs ?? {})) {
    if (typeof entry === 'number' || typeof entry === 'string') {
      const n = num(entry);
      if (n !== undefined) out.push({ key, what: what(key), price: creditsLabel(n) });
      continue;
    }
    if (!entry || typeof entry !== 'object') continue;
    const fields = Object.entries(entry as Record<string, unknown>)
      .map(([f, v]) => [f, num(v)] as const)
      .filter((x): x is readonly [string, number] => x[1] !== undefined);
    if (!fields.length) continue;
    const base = fields.find(([f]) => f === 'base')?.[1];
    const rest = fields.filter(([f]) => f !== 'base');
    const parts = rest.map(([f, v]) => t('{0} {1}', f === 'per_minute' ? formatCredits(v) : creditsLabel(v), unit(f)));
    const price = base !== undefined ? [creditsLabel(base), ...parts].join(' + ') : parts.join(', ');
    out.push({ key, what: what(key), price });
  }
  return out;
}
