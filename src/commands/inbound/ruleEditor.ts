/** "Add Rule…" and "Edit Rule…": every field of a call-handling rule in one multi-step input —
 *  name, what KallyAI does (transfer to a number, take a message, voicemail, reject, notify, or an
 *  action of the server's own), which calls it applies to (VIP callers, unknown callers, words the
 *  caller says, numbers), its priority and whether it is on — each checked as it is typed, then
 *  handed to the pipeline (which validates the request again before anything is sent). An edit
 *  starts from the rule as it is and keeps conditions it does not know. */
import { ops } from '../../api/catalogue';
import { KallyApiError } from '../../api/errors';
import { checkPhoneNumber } from '../../api/validation/phone';
import { phoneForPeople, t } from '../../format';
import { RULE_ACTIONS, ruleActionLabel, ruleName, ruleTarget, type Rule } from '../../models/inbound';
import { entityOf } from '../../presentation';
import type { RunResult } from '../../pipeline/pipeline';
import { askPick, askPickMany, askText, pickItems, type PickItem } from '../../platform/quickInput';
import type { CommandContext } from '../commandContext';
import { targetArgs } from './targetArgs';
import { askPhone } from '../../pipeline/input/askPhone';
import { runSteps, type Step } from '../../platform/formSteps';

interface RuleAnswers {
  name: string;
  action: string;
  target?: string;
  conditions: Record<string, unknown>;
  priority: number;
  active: boolean;
}

const KNOWN_CONDITIONS = ['caller_vip', 'unknown_caller', 'keywords', 'caller_numbers'] as const;
type ConditionKey = (typeof KNOWN_CONDITIONS)[number];
const OTHER = '__other__';

function conditionLabel(key: ConditionKey): string {
  switch (key) {
    case 'caller_vip':
      return t('VIP callers');
    case 'unknown_caller':
      return t('Callers not in your contacts');
    case 'keywords':
      return t('Callers who mention certain words…');
    case 'caller_numbers':
      return t('Calls from certain numbers…');
  }
}

function listText(value: unknown): string {
  return Array.isArray(value) ? value.map(String).join(', ') : typeof value === 'string' ? value : '';
}

function steps(ctx: CommandContext): Step<RuleAnswers>[] {
  const defaultCountry = ctx.services.settings().defaultCountry;
  return [
    {
      ask: async (frame, a) => {
        const r = await askText({
          ...frame,
          prompt: t('Name of the rule — what it is for'),
          placeholder: t('e.g. Transfer VIP callers to me'),
          value: a.name,
          validate: (v) =>
            v.trim()
              ? v.trim().length > 200
                ? { error: t('A rule name is at most 200 characters.') }
                : {}
              : { incomplete: true },
        });
        if (r.kind === 'value') a.name = r.value;
        return r.kind === 'value' ? { kind: 'value', value: {} } : r;
      },
    },
    {
      ask: async (frame, a) => {
        const known = (RULE_ACTIONS as readonly string[]).includes(a.action);
        const items: PickItem<string>[] = pickItems<string>([
          ...RULE_ACTIONS.map((action) => ({ value: action, label: ruleActionLabel(action), description: action })),
          ...(a.action && !known ? [{ value: a.action, label: ruleActionLabel(a.action), description: a.action }] : []),
          { value: OTHER, label: t('Another action…'), description: t('an action name KallyAI knows') },
        ]);
        const r = await askPick({
          ...frame,
          placeholder: t('What KallyAI does with the call'),
          items,
          active: a.action || 'take_message',
        });
        if (r.kind !== 'value') return r;
        if (r.value === OTHER) {
          const typed = await askText({
            ...frame,
            prompt: t('Action name'),
            placeholder: 'e.g. forward_to_assistant',
            validate: (v) =>
              /^[a-z][a-z0-9_]{0,49}$/.test(v.trim())
                ? {}
                : v.trim()
                  ? { error: t('Use lowercase letters, digits and _, e.g. forward_to_assistant.') }
                  : { incomplete: true },
          });
          if (typed.kind !== 'value') return typed;
          a.action = typed.value;
        } else {
          a.action = r.value;
        }
        return { kind: 'value', value: {} };
      },
    },
    {
      open: (a) => a.action === 'transfer',
      ask: async (frame, a) => {
        const r = await askPhone(frame, {
          prompt: t('Transfer to — the number that takes these calls'),
          placeholder: '+1 201 555 0177',
          current: a.target,
          defaultCountry,
        });
        if (r.kind !== 'value') return r;
        a.target = r.value;
        return { kind: 'value', value: {} };
      },
    },
    {
      ask: async (frame, a) => {
        const picked = await askPickMany<ConditionKey>({
          ...frame,
          placeholder: t('Which calls? (none picked: every call)'),
          items: pickItems(
            KNOWN_CONDITIONS.map((key) => ({
              value: key,
              label: conditionLabel(key),
              picked: a.conditions[key] !== undefined && a.conditions[key] !== false,
              description:
                key === 'keywords' || key === 'caller_numbers' ? listText(a.conditions[key]) || undefined : undefined,
            })),
          ),
        });
        if (picked.kind !== 'value') return picked;
        for (const key of KNOWN_CONDITIONS) if (!picked.value.includes(key)) delete a.conditions[key];
        if (picked.value.includes('caller_vip')) a.conditions.caller_vip = true;
        if (picked.value.includes('unknown_caller')) a.conditions.unknown_caller = true;
        if (picked.value.includes('keywords') && !Array.isArray(a.conditions.keywords)) a.conditions.keywords = [];
        if (picked.value.includes('caller_numbers') && !Array.isArray(a.conditions.caller_numbers))
          a.conditions.caller_numbers = [];
        return { kind: 'value', value: {} };
      },
    },
    {
      open: (a) => Array.isArray(a.conditions.keywords),
      ask: async (frame, a) => {
        const r = await askText({
          ...frame,
          prompt: t('Words the caller says, separated by commas'),
          placeholder: t('e.g. offer, solar, warranty'),
          value: listText(a.conditions.keywords),
          validate: (v) => (v.split(',').some((w) => w.trim()) ? {} : { incomplete: true }),
        });
        if (r.kind === 'value')
          a.conditions.keywords = r.value
            .split(',')
            .map((w) => w.trim())
            .filter(Boolean);
        return r.kind === 'value' ? { kind: 'value', value: {} } : r;
      },
    },
    {
      open: (a) => Array.isArray(a.conditions.caller_numbers),
      ask: async (frame, a) => {
        const r = await askText({
          ...frame,
          prompt: t('Numbers the calls come from, separated by commas'),
          placeholder: '+1 201 555 0130, +1 201 555 0135',
          value: (a.conditions.caller_numbers as unknown[]).map((n) => phoneForPeople(String(n))).join(', '),
          validate: (v) => {
            const parts = v
              .split(',')
              .map((p) => p.trim())
              .filter(Boolean);
            if (!parts.length) return { incomplete: true };
            for (const p of parts) {
              const check = checkPhoneNumber(p, defaultCountry);
              if (!check.ok) return { error: t('{0}: {1}', p, t(check.template, ...check.args)) };
            }
            return {};
          },
        });
        if (r.kind === 'value')
          a.conditions.caller_numbers = r.value
            .split(',')
            .map((p) => checkPhoneNumber(p.trim(), defaultCountry))
            .flatMap((c) => (c.ok ? [c.e164] : []));
        return r.kind === 'value' ? { kind: 'value', value: {} } : r;
      },
    },
    {
      ask: async (frame, a) => {
        const r = await askText({
          ...frame,
          prompt: t('Priority — rules run from the lowest number up; the first that matches handles the call'),
          placeholder: '100',
          value: String(a.priority),
          validate: (v) =>
            /^\d{1,5}$/.test(v.trim()) && Number(v) <= 10000
              ? {}
              : v.trim()
                ? { error: t('Enter a whole number from 0 to 10000.') }
                : { incomplete: true },
        });
        if (r.kind === 'value') a.priority = Number(r.value);
        return r.kind === 'value' ? { kind: 'value', value: {} } : r;
      },
    },
    {
      ask: async (frame, a) => {
        const r = await askPick({
          ...frame,
          placeholder: t('Is the rule on?'),
          items: pickItems([
            { value: true, label: t('On'), description: t('it handles calls now') },
            { value: false, label: t('Off'), description: t('kept, but it handles no calls') },
          ]),
          active: a.active,
        });
        if (r.kind === 'value') a.active = r.value;
        return r.kind === 'value' ? { kind: 'value', value: {} } : r;
      },
    },
  ];
}

function bodyOf(a: RuleAnswers): Record<string, unknown> {
  return {
    name: a.name.trim(),
    action: a.action,
    priority: a.priority,
    is_active: a.active,
    conditions: a.conditions,
    action_config: a.action === 'transfer' && a.target ? { target: a.target } : {},
  };
}

/** "Add Rule…": asks every field, or takes `{ body }` as given. */
export async function addRule(
  ctx: CommandContext,
  raw: unknown,
): Promise<RunResult | { outcome: 'dismissed'; at: 'input' }> {
  const args = targetArgs<Rule>('kallyai.receptionist.addRule', raw);
  if (args.body)
    return ctx.pipeline.run(ops.inbound.createRule, {
      input: { body: args.body },
      interactive: false,
      confirmed: args.confirmed,
    });
  const answers = await runSteps(t('KallyAI: Add Rule'), steps(ctx), {
    name: '',
    action: 'take_message',
    conditions: {},
    priority: 100,
    active: true,
  });
  if (!answers) return { outcome: 'dismissed', at: 'input' };
  return ctx.pipeline.run(ops.inbound.createRule, {
    input: { body: bodyOf(answers) },
    interactive: false,
    viewId: 'kallyai.receptionist',
  });
}

/** "Edit Rule…": the rule's fields, starting from what it is; `{ id, body }` sends that change as given. */
export async function editRule(ctx: CommandContext, raw: unknown): Promise<unknown> {
  const args = targetArgs<Rule>('kallyai.receptionist.editRule', raw);
  let rule = args.value;
  let id = args.id;
  const rules = entityOf('rule');
  if (!id && !args.body) {
    const list = await rules?.list(ctx.services.client).catch((e: unknown) => ctx.errors.show(e));
    if (!Array.isArray(list)) return list;
    const picked = await askPick({
      title: t('KallyAI: Edit Rule'),
      step: 1,
      totalSteps: 1,
      placeholder: t('Pick a rule'),
      items: pickItems(
        (list as Rule[]).map((r) => ({ value: r, label: ruleName(r), description: rules?.description?.(r as never) })),
      ),
      empty: t('No call-handling rules yet.'),
    });
    if (picked.kind !== 'value') return { outcome: 'dismissed', at: 'input' };
    rule = picked.value;
    id = rule.id ?? undefined;
  }
  if (!id) return { outcome: 'dismissed', at: 'input' };
  if (args.body)
    return ctx.pipeline.run(ops.inbound.updateRule, {
      input: { path: { id }, body: args.body },
      interactive: false,
      confirmed: args.confirmed,
    });
  if (!rule) {
    const list = await rules?.list(ctx.services.client).catch((e: unknown) => ctx.errors.show(e));
    if (!Array.isArray(list)) return list;
    rule = (list as Rule[]).find((r) => r.id === id);
    if (!rule) return ctx.errors.show(new KallyApiError({ code: 'rule_not_found', status: 404 }));
  }
  const answers = await runSteps(t('KallyAI: Edit Rule "{0}"', ruleName(rule)), steps(ctx), {
    name: rule.name ?? '',
    action: rule.action ?? 'take_message',
    target: ruleTarget(rule),
    conditions: { ...(rule.conditions ?? {}) },
    priority: typeof rule.priority === 'number' ? rule.priority : 100,
    active: rule.is_active !== false,
  });
  if (!answers) return { outcome: 'dismissed', at: 'input' };
  const body = bodyOf(answers);
  // Keep what the rule carried in its action settings beyond the target.
  body.action_config = { ...(rule.action_config ?? {}), ...(body.action_config as object) };
  if (answers.action !== 'transfer') delete (body.action_config as Record<string, unknown>).target;
  return ctx.pipeline.run(ops.inbound.updateRule, {
    input: { path: { id }, body },
    target: { kind: 'rule', id, value: rule },
    interactive: false,
    viewId: 'kallyai.receptionist',
  });
}
