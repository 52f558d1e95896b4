/** The receptionist's figures over a date range: the totals (`inbound summary`), calls per day and
 *  calls by outcome (`inbound analytics`, or counted from the calls when the answer has no series),
 *  the callers who called most; the range is picked with buttons (7, 30, 90 days, or dates typed).
 *  The charts are inline SVG built with the escaping `html` template — nothing is loaded from
 *  anywhere, and every figure is also in a table for screen readers. One page ('receptionist'). */
import { ops } from '../api/catalogue';
import type { KallyClient } from '../api/client';
import { count, describeError, html, t, type Html } from '../format';
import type { InboundCall } from '../models/inbound';
import {
  callsByOutcome,
  callsPerDay,
  daysIn,
  lastDays,
  rangeLabel,
  summaryFigures,
  topCallers,
  type Bar,
  type DateRange,
} from '../models/receptionistAnalytics';
import type { PageActions, PageController, PageState, PageView } from './pageController';
import { actionBar, actionButton } from './pageParts';

type Json = Record<string, unknown>;

export interface ReceptionistAnalyticsDeps {
  readonly client: KallyClient;
  runCommand(id: string, ...args: unknown[]): Promise<unknown>;
  /** Asks for a date range (two dates); undefined when the person gave up. */
  askRange(current: DateRange): Promise<DateRange | undefined>;
}

interface Initial {
  readonly summary?: Json;
  readonly analytics?: Json;
  readonly range?: { from?: string; to?: string };
}

const RANGES = [7, 30, 90] as const;

export class ReceptionistAnalyticsPage implements PageController {
  private range: DateRange = lastDays(30);
  private summary: Json | undefined;
  private analytics: Json | undefined;

  constructor(
    readonly state: PageState,
    private readonly deps: ReceptionistAnalyticsDeps,
    initial?: unknown,
  ) {
    this.receive(initial);
  }

  receive(initial: unknown): void {
    const i = (initial ?? {}) as Initial;
    if (i.summary) this.summary = i.summary;
    if (i.range === undefined && i.analytics === undefined) return;
    const { from, to } = i.range ?? {};
    if (from || to) {
      const end = to ?? lastDays(1).to;
      this.range = { from: from ?? lastDays(30, new Date(`${end}T12:00:00Z`)).from, to: end };
      this.analytics = i.analytics;
    } else {
      // An answer for a range nobody named (no dates asked): read again for the last 30 days.
      this.range = lastDays(30);
      this.analytics = undefined;
    }
  }

  async render(): Promise<PageView> {
    const { client } = this.deps;
    const range = this.range;
    const [summary, analytics] = await Promise.all([
      this.summary
        ? Promise.resolve(this.summary)
        : client.execute(ops.inbound.summary).then(
            (r) => r as Json,
            (e: unknown) => ({ __error: describeError(e).sentence }) as Json,
          ),
      this.analytics
        ? Promise.resolve(this.analytics)
        : client.execute(ops.inbound.analytics, { query: { date_from: range.from, date_to: range.to } }).then(
            (r) => r as Json,
            (e: unknown) => ({ __error: describeError(e).sentence }) as Json,
          ),
    ]);
    // What came with the command is shown once; a later render (a button, a refresh) reads again.
    this.summary = undefined;
    this.analytics = undefined;
    const hasSeries = ['calls_by_day', 'by_day', 'daily', 'calls_per_day', 'timeline'].some(
      (k) => analytics[k] !== undefined,
    );
    const calls: InboundCall[] = hasSeries
      ? []
      : await client
          .execute(ops.inbound.calls, { query: { limit: 100, date_from: range.from, date_to: range.to } })
          .then(
            (r) => r.calls,
            () => [],
          );

    const actions: PageActions = {
      range: async ({ arg }) => {
        const days = Number(arg);
        if (RANGES.includes(days as (typeof RANGES)[number])) this.range = lastDays(days);
      },
      custom: async () => {
        const picked = await this.deps.askRange(this.range);
        if (picked) this.range = picked;
      },
      events: async () =>
        this.deps.runCommand('kallyai.receptionist.events', { query: { from: this.range.from, to: this.range.to } }),
      calls: async () =>
        this.deps.runCommand('kallyai.receptionist.calls', {
          query: { limit: 100, date_from: this.range.from, date_to: this.range.to },
        }),
    };
    const days = daysIn(range).length;
    const perDay = callsPerDay(analytics, calls, range);
    const outcomes = callsByOutcome(analytics, calls);
    const top = topCallers(analytics);
    const figures = summaryFigures(summary);
    const totalInRange = perDay.reduce((s, b) => s + b.value, 0);
    const rangeButtons = RANGES.map(
      (n) =>
        html`<button
          class="${days === n && range.to === lastDays(1).to ? '' : 'secondary'}"
          aria-pressed="${days === n && range.to === lastDays(1).to ? 'true' : 'false'}"
          data-action="range"
          data-arg="${String(n)}"
        >
          ${t('Last {0} days', n)}
        </button>`,
    );
    return {
      title: t('Receptionist — analytics'),
      actions,
      body: html` <h1>${t('Receptionist')}</h1>
        <p class="subtitle">${rangeLabel(range)} · ${count(totalInRange, '{0} call', '{0} calls')}</p>
        ${actionBar([...rangeButtons, actionButton('custom', t('Choose Dates…'), 'calendar'), actionButton('calls', t('Calls in This Range'), 'list-flat'), actionButton('events', t('Event Log'), 'output')])}
        ${summary.__error ? html`<p class="error">${String(summary.__error)}</p>` : figuresHtml(figures)}
        <h2>${t('Calls per day')}</h2>
        ${analytics.__error ? html`<p class="error">${String(analytics.__error)}</p>` : html`${dayChart(perDay)}${tableOf(t('Calls per day'), t('Day'), perDay)}`}
        <h2>${t('Calls by outcome')}</h2>
        ${outcomes.length ? html`${outcomeChart(outcomes)}${tableOf(t('Calls by outcome'), t('Outcome'), outcomes)}` : html`<p class="muted">${t('No calls in this range.')}</p>`}
        ${
          top.length
            ? html`<h2>${t('Who called most')}</h2>
                <table>
                  <thead>
                    <tr>
                      <th>${t('Caller')}</th>
                      <th class="num">${t('Calls')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${top.map(
                      (b) =>
                        html`<tr>
                          <td>${b.label}</td>
                          <td class="num">${b.value}</td>
                        </tr>`,
                    )}
                  </tbody>
                </table>`
            : ''
        }`,
    };
  }
}

function figuresHtml(figures: readonly { label: string; value: string }[]): Html {
  if (!figures.length) return html`<p class="muted">${t('No figures yet.')}</p>`;
  return html`<div class="figures">
    ${figures.map(
      (f) =>
        html`<div class="figure">
          <div class="value">${f.value}</div>
          <div class="label">${f.label}</div>
        </div>`,
    )}
  </div>`;
}

/** Bars per day, with the day under every few bars and the largest count on the axis. */
function dayChart(bars: readonly Bar[]): Html {
  const width = 720;
  const height = 200;
  const left = 32;
  const bottom = 24;
  const top = 8;
  const plotW = width - left - 8;
  const plotH = height - bottom - top;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const slot = plotW / Math.max(1, bars.length);
  const barW = Math.max(1, Math.min(28, slot * 0.7));
  const every = Math.max(1, Math.ceil(bars.length / 10));
  const total = bars.reduce((s, b) => s + b.value, 0);
  const label = t('Calls per day, {0} days, {1} in all, at most {2} in a day', bars.length, total, max);
  return html`<svg class="chart" viewBox="0 0 ${width} ${height}" role="img" aria-label="${label}">
    <line class="axis" x1="${left}" y1="${top + plotH}" x2="${width - 8}" y2="${top + plotH}"></line>
    <text class="tick" x="${left - 6}" y="${top + 10}" text-anchor="end">${max}</text>
    <text class="tick" x="${left - 6}" y="${top + plotH}" text-anchor="end">0</text>
    ${bars.map((b, i) => {
      const h = Math.round((b.value / max) * plotH);
      const x = Math.round(left + i * slot + (slot - barW) / 2);
      return html`<rect
          class="bar${b.value ? '' : ' empty'}"
          x="${x}"
          y="${top + plotH - h}"
          width="${Math.round(barW)}"
          height="${Math.max(h, b.value ? 1 : 0)}"
          ><title>${t('{0}: {1}', b.label, count(b.value, '{0} call', '{0} calls'))}</title></rect
        >${i % every === 0 ? html`<text class="tick" x="${Math.round(left + i * slot + slot / 2)}" y="${height - 6}" text-anchor="middle">${b.label}</text>` : ''}`;
    })}
  </svg>`;
}

/** One horizontal bar per outcome, with its label and count. */
function outcomeChart(bars: readonly Bar[]): Html {
  const width = 720;
  const row = 26;
  const labelW = 150;
  const height = bars.length * row + 4;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const plotW = width - labelW - 60;
  return html`<svg
    class="chart"
    viewBox="0 0 ${width} ${height}"
    role="img"
    aria-label="${bars.map((b) => t('{0}: {1}', b.label, b.value)).join(', ')}"
  >
    ${bars.map((b, i) => {
      const w = Math.round((b.value / max) * plotW);
      const y = i * row + 4;
      return html`<text class="label" x="${labelW - 8}" y="${y + 15}" text-anchor="end">${b.label}</text
        ><rect
          class="bar outcome-${b.key.replace(/[^a-z_]/gi, '')}"
          x="${labelW}"
          y="${y}"
          width="${Math.max(w, b.value ? 2 : 0)}"
          height="${row - 8}"
          ><title>${t('{0}: {1}', b.label, count(b.value, '{0} call', '{0} calls'))}</title></rect
        ><text class="value" x="${labelW + w + 6}" y="${y + 15}">${b.value}</text>`;
    })}
  </svg>`;
}

/** The chart's figures as a table (folded; screen readers and copying). */
function tableOf(caption: string, what: string, bars: readonly Bar[]): Html {
  return html`<details class="chart-table">
    <summary>${t('Show as a table')}</summary>
    <table>
      <caption>
        ${caption}
      </caption>
      <thead>
        <tr>
          <th>${what}</th>
          <th class="num">${t('Calls')}</th>
        </tr>
      </thead>
      <tbody>
        ${bars.map(
          (b) =>
            html`<tr>
              <td>${b.label}</td>
              <td class="num">${b.value}</td>
            </tr>`,
        )}
      </tbody>
    </table>
  </details>`;
}
