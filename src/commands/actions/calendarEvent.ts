/** "KallyAI: Add Calendar Event…": a title, a day ("tomorrow", "next Friday", 2026-03-14), a start
 *  time ("19:30", "7:30pm") and a length ("1h", "90 min", "until 21:00") — all in the person's time
 *  zone (kallyai.timezone, else this machine's) — then the pipeline adds it. A slot picked in "Find
 *  Free Time…" arrives with its start and end and only the title is asked. Nothing in the past,
 *  and no end before the start, is ever sent. */
import * as z from 'zod/mini';
import { ops } from '../../api/catalogue';
import { calendarDay, t } from '../../format';
import { eventTimes, readLength, todayIn, wallClock } from '../../models/calendar';
import { parseArgs } from '../../pipeline/commandArgs';
import type { FailureResult } from '../../pipeline/errors/presenter';
import { askText, type Validation } from '../../platform/quickInput';
import type { RunResult } from '../../pipeline/pipeline';
import type { CommandContext } from '../commandContext';
import { readDate, readTime } from '../calls/naturalDates';
import { runForm, shown, type FormStep } from '../../platform/formSteps';

export const calendarEventArgs = z.object({
  title: z.optional(z.string()),
  /** The day: YYYY-MM-DD or words ("tomorrow"). */
  date: z.optional(z.string()),
  /** The start: "19:30", "7:30pm". */
  time: z.optional(z.string()),
  /** The length: "1h", "90 min", or an end "until 21:00". */
  duration: z.optional(z.string()),
  /** A slot's start and end (ISO-8601 instants), from "Find Free Time…". */
  start: z.optional(z.string()),
  end: z.optional(z.string()),
  location: z.optional(z.union([z.string(), z.null()])),
  description: z.optional(z.string()),
  /** Test seam (the test host only); this operation asks no consent. */
  confirmed: z.optional(z.boolean()),
});

interface Answers {
  title: string;
  date: string;
  time: string;
  minutes: number;
  location: string | null;
}

type Outcome = RunResult | FailureResult | { outcome: 'dismissed'; at: 'input' };

const MAX_MINUTES = 24 * 60;

export async function addCalendarEvent(ctx: CommandContext, raw: unknown): Promise<Outcome> {
  const args = parseArgs('kallyai.actions.createCalendarEvent', calendarEventArgs, raw);
  const zone = ctx.services.settings().timezone;
  if (!ctx.services.auth.isSignedIn) return ctx.errors.show({ code: 'missing_token', status: 0 });

  // What the arguments already settle, each checked as if typed.
  const given: Partial<Answers> = {};
  const refuse = (field: string, message: string) =>
    ctx.errors.show(
      {
        code: 'invalid_input',
        status: 0,
        issue: { field, kind: 'rule', template: message, args: [], english: message },
      },
      { editRequest: () => addCalendarEvent(ctx, {}) },
    );
  if (args.title !== undefined) {
    if (!args.title.trim() || args.title.trim().length > 200)
      return refuse('title', t('The event needs a title of 1 to 200 characters.'));
    given.title = args.title.trim();
  }
  if (args.start) {
    const startMs = Date.parse(args.start);
    if (Number.isNaN(startMs)) return refuse('start', t('The start is not a date and time.'));
    const w = wallClock(startMs, zone);
    given.date = w.date;
    given.time = w.time;
    if (args.end) {
      const endMs = Date.parse(args.end);
      if (Number.isNaN(endMs) || endMs <= startMs) return refuse('end', t('The end must come after the start.'));
      given.minutes = Math.round((endMs - startMs) / 60_000);
    }
  }
  if (args.date !== undefined) {
    const v = validateDay(args.date, zone);
    if (v.error) return refuse('date', v.error);
    given.date = dayOf(args.date)!;
  }
  if (args.time !== undefined) {
    const time = readTime(args.time);
    if (!time) return refuse('time', t('Write the start as a time such as 19:30 or 7:30pm.'));
    given.time = time;
  }
  if (args.duration !== undefined && given.time) {
    const v = lengthOf(args.duration, given.time);
    if ('error' in v) return refuse('duration', v.error);
    given.minutes = v.minutes;
  }
  if (args.location !== undefined) given.location = args.location?.trim() || null;

  const answers = await runForm<Answers>(t('KallyAI: Add Calendar Event'), steps(zone, args.duration), given);
  if (!answers?.title || !answers.date || !answers.time || !answers.minutes)
    return { outcome: 'dismissed', at: 'input' };
  const when = eventTimes(answers.date, answers.time, answers.minutes, zone);
  if (when.startMs < Date.now() - 60_000)
    return refuse('start', t('{0} at {1} has already passed ({2}).', calendarDay(answers.date), answers.time, zone));
  const body = {
    title: answers.title,
    start: when.start,
    end: when.end,
    ...(answers.location ? { location: answers.location } : {}),
    ...(args.description?.trim() ? { description: args.description.trim() } : {}),
  };
  return ctx.pipeline.run(ops.actions.createCalendarEvent, {
    input: { body },
    interactive: false,
    confirmed: args.confirmed,
    handlers: { editRequest: () => addCalendarEvent(ctx, {}), retry: () => addCalendarEvent(ctx, raw) },
  });
}

function dayOf(typed: string): string | undefined {
  const r = readDate(typed);
  return r.kind === 'date' || r.kind === 'past' ? r.iso : undefined;
}

/** A day, shown back as the day it means; one before today in the person's zone is refused. */
function validateDay(typed: string, zone: string): Validation {
  const v = typed.trim();
  if (!v) return { incomplete: true };
  const r = readDate(v);
  if (r.kind === 'notADate')
    return { error: t("{0} doesn't exist on the calendar: check the month and the day.", r.text) };
  if (r.kind === 'unknown') return { error: t('Write a day such as {0}, "tomorrow" or "next Friday".', todayIn(zone)) };
  if (r.iso < todayIn(zone)) return { error: t('{0} is in the past.', calendarDay(r.iso)) };
  return { note: calendarDay(r.iso) };
}

/** A length in minutes, from a duration or an end time after the start. */
function lengthOf(typed: string, start: string): { minutes: number } | { error: string } {
  const r = readLength(typed);
  if (r.kind === 'until') {
    const end = readTime(r.text);
    if (!end) return { error: t('Write the end as a time such as 21:00 or 9pm.') };
    const minutes = toMinutes(end) - toMinutes(start);
    return minutes > 0 ? { minutes } : { error: t('The end ({0}) must come after the start ({1}).', end, start) };
  }
  if (r.kind === 'minutes') {
    if (r.minutes <= 0) return { error: t('The event must last at least a minute.') };
    if (r.minutes > MAX_MINUTES) return { error: t('An event lasts at most 24 hours.') };
    return { minutes: r.minutes };
  }
  return { error: t('Write a length such as "1h", "90 min" or "1h30", or an end such as "until 21:00".') };
}

const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

function steps(zone: string, duration: string | undefined): FormStep<Answers>[] {
  return [
    {
      keys: ['title'],
      async ask(frame, a) {
        const r = await askText({
          ...frame,
          prompt: t('The event'),
          placeholder: t("e.g. Dinner at Luigi's"),
          value: shown(a.title),
          validate: (v) =>
            !v.trim()
              ? { incomplete: true }
              : v.trim().length > 200
                ? { error: t('{0} characters: at most {1}.', v.trim().length, 200) }
                : {},
        });
        return r.kind === 'value' ? { kind: 'value', value: { title: r.value } } : r;
      },
    },
    {
      keys: ['date'],
      async ask(frame, a) {
        const r = await askText({
          ...frame,
          prompt: t('The day: YYYY-MM-DD, or "tomorrow", "next Friday", "Dec 6"'),
          placeholder: todayIn(zone),
          value: shown(a.date),
          validate: (v) => validateDay(v, zone),
        });
        return r.kind === 'value' ? { kind: 'value', value: { date: dayOf(r.value) } } : r;
      },
    },
    {
      keys: ['time'],
      async ask(frame, a) {
        const r = await askText({
          ...frame,
          prompt: t('Start time, in {0} ("19:30", "7:30pm")', zone),
          placeholder: '19:30',
          value: shown(a.time),
          validate: (v) => {
            if (!v.trim()) return { incomplete: true };
            const time = readTime(v);
            if (!time) return { error: t('Write the start as a time such as 19:30 or 7:30pm.') };
            if (a.date === todayIn(zone) && time < wallClock(Date.now(), zone).time)
              return { error: t('{0} today has already passed.', time) };
            return { note: t('Starts at {0} ({1})', time, zone) };
          },
        });
        return r.kind === 'value' ? { kind: 'value', value: { time: readTime(r.value) } } : r;
      },
    },
    {
      keys: ['minutes'],
      async ask(frame, a) {
        const r = await askText({
          ...frame,
          prompt: t('How long: "1h", "90 min", "1h30", or an end such as "until 21:00"'),
          placeholder: '1h',
          value: a.minutes ? `${a.minutes} min` : (duration ?? '1h'),
          validate: (v) => {
            if (!v.trim()) return { incomplete: true };
            const l = lengthOf(v, a.time ?? '00:00');
            if ('error' in l) return { error: l.error };
            const end = eventTimes(a.date ?? todayIn(zone), a.time ?? '00:00', l.minutes, zone);
            return { note: t('Until {0}', wallClock(end.endMs, zone).time) };
          },
        });
        if (r.kind !== 'value') return r;
        const l = lengthOf(r.value, a.time ?? '00:00');
        return { kind: 'value', value: { minutes: 'minutes' in l ? l.minutes : undefined } };
      },
    },
    {
      keys: ['location'],
      async ask(frame, a) {
        const r = await askText({
          ...frame,
          prompt: t('Where (optional; press Enter to skip)'),
          placeholder: t('e.g. 12 Main Street'),
          value: shown(a.location),
          validate: (v) =>
            v.trim().length > 300 ? { error: t('{0} characters: at most {1}.', v.trim().length, 300) } : {},
        });
        return r.kind === 'value' ? { kind: 'value', value: { location: r.value.trim() || null } } : r;
      },
    },
  ];
}
