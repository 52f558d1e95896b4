/** Asks for what an operation's input still lacks, one quick input per field with Back between
 *  them: an id is picked from the list that holds such things ("pick a goal"), never typed; an
 *  enum is a pick; text is checked against the operation's schema as it is typed, with the
 *  message next to the field. Escape asks nothing more and sends nothing. */
import type { KallyClient } from '../../api/client';
import type { Operation } from '../../api/operation';
import { t } from '../../format';
import { issueSentence } from '../../format/errors';
import type { EntityKind, EntitySpec, ParamSpec, Presentation } from '../../presentation/entry';
import { convertTyped, fieldsOf, validateField, type Field } from './fields';
import type { DraftInput } from '../operationRequest';
import {
  askPick,
  askPickMany,
  askText,
  pickItems,
  type PickChoice,
  type StepFrame,
  type StepResult,
  type Validation,
} from '../../platform/quickInput';
import { runSteps, type Step } from '../../platform/formSteps';

export type { DraftInput } from '../operationRequest';

export interface AskInputOptions {
  readonly op: Operation;
  readonly presentation?: Presentation;
  readonly title: string;
  readonly client: KallyClient;
  readonly entity: (kind: EntityKind) => EntitySpec<unknown> | undefined;
  readonly defaultCountry: string;
  /** Also ask the optional fields the presentation lists (a palette run); else only required ones. */
  readonly askOptional: boolean;
  /** Why a list could not be loaded, as a sentence. */
  readonly describe: (error: unknown) => string;
}

export interface AskedInput {
  readonly input: DraftInput;
  /** The entity each picked id belongs to (for the consent and the result). */
  readonly picked: Map<string, unknown>;
}

/** Resolves undefined when the person pressed Escape. */
export async function askInput(options: AskInputOptions, start: DraftInput): Promise<AskedInput | undefined> {
  const draft: DraftInput = { path: { ...start.path }, query: { ...start.query }, body: { ...start.body } };
  const picked = new Map<string, unknown>();
  // Each step writes its answer into the draft (and the picked entities) itself; a field's step
  // clears its own value when it is asked again.
  const steps = [...paramSteps(options, draft, picked), ...fieldSteps(options, draft)];
  const input = await runSteps(options.title, steps, draft);
  return input && { input, picked };
}

function paramSteps(o: AskInputOptions, start: DraftInput, picked: Map<string, unknown>): Step<DraftInput>[] {
  return o.op.pathParams
    .filter((name) => !start.path[name])
    .map((name): Step<DraftInput> => {
      const spec: ParamSpec = o.presentation?.params?.[name] ?? {};
      return {
        async ask(frame, draft) {
          if (spec.entity) {
            const entity = o.entity(spec.entity);
            if (!entity) throw new Error(`No entity "${spec.entity}" for ${o.op.id}`);
            const items = entity
              .list(o.client)
              .then((list) =>
                list
                  .filter((item) => !spec.filter || (spec.filter as (x: unknown) => boolean)(item))
                  .map((item): PickChoice<unknown> => ({
                    value: item,
                    label: entity.label(item),
                    description: entity.description?.(item),
                    detail: entity.detail?.(item),
                  })),
              )
              .then(pickItems);
            const r = await askPick({
              ...frame,
              placeholder: t(entity.placeholder),
              items: items.catch((e: unknown) => {
                throw new Error(o.describe(e));
              }),
              empty: t(entity.empty),
            });
            if (r.kind !== 'value') return r;
            const id = entity.id(r.value as never);
            if (!id) return { kind: 'cancel' };
            draft.path[name] = id;
            picked.set(name, r.value);
            return { kind: 'value', value: {} };
          }
          if (spec.choices) {
            const r = await askPick({
              ...frame,
              placeholder: t(spec.label ?? name),
              items: pickItems(
                spec.choices.map((c) => ({
                  value: c.value,
                  label: t(c.label),
                  description: c.description && t(c.description),
                })),
              ),
            });
            if (r.kind !== 'value') return r;
            draft.path[name] = r.value;
            return { kind: 'value', value: {} };
          }
          const r = await askText({
            ...frame,
            prompt: t(spec.label ?? name),
            validate: (v) => (v.trim() ? {} : { incomplete: true }),
          });
          if (r.kind !== 'value') return r;
          draft.path[name] = r.value;
          return { kind: 'value', value: {} };
        },
      };
    });
}

function fieldSteps(o: AskInputOptions, start: DraftInput): Step<DraftInput>[] {
  const wanted = new Set(o.askOptional ? (o.presentation?.ask ?? []) : []);
  return fieldsOf(o.op, o.presentation)
    .filter((f) => !f.spec?.hidden && start[f.where][f.name] === undefined && (f.required || wanted.has(f.name)))
    .map((field): Step<DraftInput> => ({
      async ask(frame, draft) {
        const values = draft[field.where];
        delete values[field.name];
        const r = await askField(o, field, frame, values);
        if (r.kind !== 'value') return r;
        if (r.value !== undefined) values[field.name] = r.value;
        return { kind: 'value', value: {} };
      },
    }));
}

const SKIP = Symbol('skip');

async function askField(
  o: AskInputOptions,
  field: Field,
  frame: StepFrame,
  known: Record<string, unknown>,
): Promise<StepResult<unknown>> {
  const label = t(field.spec?.label ?? humanName(field.name));
  const optionalNote = field.required ? '' : ` ${t('(optional)')}`;
  if (field.spec?.entity && field.type === 'list') {
    const entity = o.entity(field.spec.entity);
    if (entity) {
      const items = entity.list(o.client).then((list) =>
        pickItems(
          list.map((item): PickChoice<string> => ({
            value: entity.id(item as never) ?? '',
            label: entity.label(item as never),
            description: entity.description?.(item as never),
          })),
        ),
      );
      return askPickMany({ ...frame, placeholder: `${label}${optionalNote}`, items, empty: t(entity.empty) });
    }
  }
  if (field.spec?.choicesFrom) {
    const loaded = field.spec.choicesFrom({ client: o.client, known }).then((list) =>
      list.map((c): PickChoice<unknown> => ({
        value: c.value,
        label: c.label,
        description: c.description,
        detail: c.detail,
      })),
    );
    const items = (
      field.required
        ? loaded
        : loaded.then((list) => [{ value: SKIP, label: t('Skip'), description: t('leave it out') }, ...list])
    ).then(pickItems);
    const r = await askPick({
      ...frame,
      placeholder: `${label}${optionalNote}`,
      items: items.catch((e: unknown) => {
        throw new Error(o.describe(e));
      }),
    });
    if (r.kind !== 'value') return r;
    return { kind: 'value', value: r.value === SKIP ? undefined : r.value };
  }
  if (field.type === 'choice' || field.type === 'boolean') {
    const choices: PickChoice<unknown>[] =
      field.type === 'boolean'
        ? [
            { value: true, label: t('Yes') },
            { value: false, label: t('No') },
          ]
        : (field.choices ?? []).map((c) => ({
            value: c,
            label: field.spec?.choiceLabels?.[c] ? t(field.spec.choiceLabels[c]) : humanName(c),
            description: c,
          }));
    const items = field.required
      ? choices
      : [{ value: SKIP, label: t('Skip'), description: t('leave it out') }, ...choices];
    const r = await askPick({ ...frame, placeholder: `${label}${optionalNote}`, items: pickItems(items) });
    if (r.kind !== 'value') return r;
    return { kind: 'value', value: r.value === SKIP ? undefined : r.value };
  }
  const r = await askText({
    ...frame,
    prompt: `${label}${optionalNote}${field.spec?.help ? ` — ${t(field.spec.help)}` : ''}`,
    placeholder: field.spec?.placeholder && t(field.spec.placeholder),
    validate: (typed) => validateTyped(o, field, typed, known, label),
  });
  if (r.kind !== 'value') return r;
  const converted = convertTyped(field, r.value, o.defaultCountry);
  return { kind: 'value', value: converted.ok ? converted.value : undefined };
}

function validateTyped(
  o: AskInputOptions,
  field: Field,
  typed: string,
  known: Record<string, unknown>,
  label: string,
): Validation {
  if (!typed.trim()) return field.required ? { incomplete: true } : {};
  const converted = convertTyped(field, typed, o.defaultCountry);
  if (!converted.ok) return { error: t(converted.message.template, ...converted.message.args) };
  const issue = validateField(o.op, field, converted.value, known);
  if (issue) return { error: issueSentence(issue, label) };
  if (field.type === 'text' && field.max && field.max > 200)
    return { note: t('{0} of {1} characters', typed.trim().length, field.max) };
  return {};
}

function humanName(name: string): string {
  const words = name.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
