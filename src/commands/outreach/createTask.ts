/** "KallyAI: New Outreach Task…": the channel (a call, SMS, email, WhatsApp, Telegram), whom — checked
 *  for that channel as it is typed: a number we may call in international form (numbers without +
 *  read with kallyai.defaultCountry), or an email address — and what to get done. The pipeline then
 *  asks with the stakes (whom, the estimate for a call or a message, the balance) and starts it. */
import * as z from 'zod/mini';
import { ops } from '../../api/catalogue';
import { OUTREACH_CHANNELS, outreachTargetProblem, type OutreachChannel } from '../../api/schemas/outreach';
import { checkPhoneNumber } from '../../api/validation/phone';
import { phoneForPeople, t } from '../../format';
import { channelLabel } from '../../models/activity';
import { parseArgs } from '../../pipeline/commandArgs';
import type { FailureResult } from '../../pipeline/errors/presenter';
import { askPick, askText, type Validation, pickItems } from '../../platform/quickInput';
import type { RunResult } from '../../pipeline/pipeline';
import { runForm, shown, type FormStep } from '../../platform/formSteps';
import type { CommandContext } from '../commandContext';

export const createTaskArgs = z.object({
  channel: z.optional(z.enum(OUTREACH_CHANNELS)),
  /** A phone number or an email address, as fits the channel. */
  target: z.optional(z.string()),
  description: z.optional(z.string()),
  /** Test seam: the consent is recorded, not shown (the test host only). */
  confirmed: z.optional(z.boolean()),
});

interface Answers {
  channel: OutreachChannel;
  target: string;
  description: string;
}

type Outcome = RunResult | FailureResult | { outcome: 'dismissed'; at: 'input' };

const HINTS: Record<OutreachChannel, string> = {
  call: 'KallyAI phones them',
  sms: 'a text message',
  email: 'an email from your KallyAI mailbox',
  whatsapp: 'a WhatsApp message',
  telegram: 'a Telegram message',
};

/** A phone target typed the way people write numbers, in international form (else as typed). */
export function normaliseTarget(channel: string, typed: string, defaultCountry: string): string {
  const v = typed.trim();
  if (channel === 'email' || (channel === 'telegram' && v.startsWith('@'))) return v;
  const check = checkPhoneNumber(v, defaultCountry);
  return check.ok ? check.e164 : v;
}

export async function createOutreachTask(ctx: CommandContext, raw: unknown): Promise<Outcome> {
  const args = parseArgs('kallyai.outreach.create', createTaskArgs, raw);
  if (!ctx.services.auth.isSignedIn) return ctx.errors.show({ code: 'missing_token', status: 0 });
  const country = ctx.services.settings().defaultCountry;
  const given: Partial<Answers> = {};
  if (args.channel) given.channel = args.channel;
  // A target given with its channel is checked by the schema (a clear message; nothing is sent).
  if (args.target !== undefined && args.channel) given.target = normaliseTarget(args.channel, args.target, country);
  if (args.description !== undefined) given.description = args.description.trim();

  const answers = await runForm<Answers>(t('KallyAI: New Outreach Task'), steps(country, args.target), given);
  if (!answers?.channel || answers.target === undefined || answers.description === undefined)
    return { outcome: 'dismissed', at: 'input' };
  return ctx.pipeline.run(ops.outreach.create, {
    input: { body: { channel: answers.channel, target: answers.target, description: answers.description } },
    interactive: false,
    confirmed: args.confirmed,
    handlers: {
      editRequest: () => createOutreachTask(ctx, { channel: answers.channel, description: answers.description }),
      retry: () => createOutreachTask(ctx, raw),
    },
  });
}

function validateTarget(channel: OutreachChannel, typed: string, country: string): Validation {
  if (!typed.trim()) return { incomplete: true };
  const target = normaliseTarget(channel, typed, country);
  const problem = outreachTargetProblem(channel, target);
  if (problem) return { error: t(problem.template, ...problem.args) };
  return { note: t('KallyAI will contact {0}', channel === 'email' ? target : phoneForPeople(target)) };
}

function steps(country: string, typedTarget: string | undefined): FormStep<Answers>[] {
  return [
    {
      keys: ['channel'],
      async ask(frame, a) {
        const items = pickItems(
          OUTREACH_CHANNELS.map((value) => ({ value, label: channelLabel(value), description: t(HINTS[value]) })),
        );
        const r = await askPick({
          ...frame,
          placeholder: t('How should KallyAI reach them?'),
          items,
          active: a.channel ?? 'call',
        });
        return r.kind === 'value' ? { kind: 'value', value: { channel: r.value } } : r;
      },
    },
    {
      keys: ['target'],
      async ask(frame, a) {
        const channel = a.channel ?? 'call';
        const r = await askText({
          ...frame,
          prompt:
            channel === 'email'
              ? t('Their email address')
              : channel === 'telegram'
                ? t('Their Telegram @username or phone number')
                : t('Their phone number. Numbers without + are read as {0} numbers.', country),
          placeholder: channel === 'email' ? 'name@example.com' : '+1 201 555 0100',
          value: shown(a.target ?? typedTarget),
          validate: (v) => validateTarget(channel, v, country),
        });
        return r.kind === 'value'
          ? { kind: 'value', value: { target: normaliseTarget(channel, r.value, country) } }
          : r;
      },
    },
    {
      keys: ['description'],
      async ask(frame, a) {
        const r = await askText({
          ...frame,
          prompt: t('What should KallyAI get from them?'),
          placeholder: t('e.g. Ask when the plumber can come this week'),
          value: shown(a.description),
          validate: (v) =>
            !v.trim()
              ? { incomplete: true }
              : v.trim().length > 2000
                ? { error: t('{0} characters: at most {1}.', v.trim().length, 2000) }
                : {},
        });
        return r.kind === 'value' ? { kind: 'value', value: { description: r.value } } : r;
      },
    },
  ];
}
