/** "Edit Contact…" (name, number, VIP, notes, starting from what the contact is; only what changed
 *  is sent) and the VIP toggles of a contact's item — each handed to the pipeline. */
import { ops } from '../../api/catalogue';
import { KallyApiError } from '../../api/errors';
import { t } from '../../format';
import { contactName, type Contact } from '../../models/inbound';
import { askPick, askText, pickItems } from '../../platform/quickInput';
import { entityOf } from '../../presentation';
import type { CommandContext } from '../commandContext';
import { targetArgs } from './targetArgs';
import { askPhone } from '../../pipeline/input/askPhone';
import { runSteps, type Step } from '../../platform/formSteps';

interface ContactAnswers {
  name: string;
  phone: string;
  vip: boolean;
  notes: string;
}

/** The contact the command acts on: the view item's, the one with the given id, or one picked. */
async function contactFor(
  ctx: CommandContext,
  title: string,
  id: string | undefined,
  value: Contact | undefined,
): Promise<Contact | undefined | { outcome: 'failed' }> {
  if (value) return value;
  const entity = entityOf('contact');
  let list: Contact[];
  try {
    list = ((await entity?.list(ctx.services.client)) ?? []) as Contact[];
  } catch (e) {
    return ctx.errors.show(e);
  }
  if (id)
    return (
      list.find((c) => c.id === id) ?? ctx.errors.show(new KallyApiError({ code: 'contact_not_found', status: 404 }))
    );
  const picked = await askPick({
    title,
    step: 1,
    totalSteps: 1,
    placeholder: t('Pick a contact'),
    items: pickItems(
      list.map((c) => ({ value: c, label: contactName(c), description: entity?.description?.(c as never) })),
    ),
    empty: t('No contacts yet.'),
  });
  return picked.kind === 'value' ? picked.value : undefined;
}

function steps(ctx: CommandContext): Step<ContactAnswers>[] {
  const defaultCountry = ctx.services.settings().defaultCountry;
  return [
    {
      ask: async (frame, a) => {
        const r = await askText({
          ...frame,
          prompt: t('Name'),
          value: a.name,
          validate: (v) =>
            v.trim()
              ? v.trim().length > 200
                ? { error: t('A name is at most 200 characters.') }
                : {}
              : { incomplete: true },
        });
        if (r.kind === 'value') a.name = r.value;
        return r.kind === 'value' ? { kind: 'value', value: {} } : r;
      },
    },
    {
      ask: async (frame, a) => {
        const r = await askPhone(frame, { prompt: t('Phone number'), current: a.phone, defaultCountry });
        if (r.kind !== 'value') return r;
        if (r.value) a.phone = r.value;
        return { kind: 'value', value: {} };
      },
    },
    {
      ask: async (frame, a) => {
        const r = await askPick({
          ...frame,
          placeholder: t('VIP? Rules can handle VIP callers apart'),
          items: pickItems([
            { value: true, label: t('VIP') },
            { value: false, label: t('Not a VIP') },
          ]),
          active: a.vip,
        });
        if (r.kind === 'value') a.vip = r.value;
        return r.kind === 'value' ? { kind: 'value', value: {} } : r;
      },
    },
    {
      ask: async (frame, a) => {
        const r = await askText({
          ...frame,
          prompt: t('Notes (optional)'),
          value: a.notes,
          validate: (v) => (v.length > 1000 ? { error: t('Notes are at most 1000 characters.') } : {}),
        });
        if (r.kind === 'value') a.notes = r.value;
        return r.kind === 'value' ? { kind: 'value', value: {} } : r;
      },
    },
  ];
}

export async function editContact(ctx: CommandContext, raw: unknown): Promise<unknown> {
  const args = targetArgs<Contact>('kallyai.receptionist.editContact', raw);
  if (args.id && args.body) {
    return ctx.pipeline.run(ops.inbound.updateContact, {
      input: { path: { id: args.id }, body: args.body },
      interactive: false,
      confirmed: args.confirmed,
    });
  }
  const contact = await contactFor(ctx, t('KallyAI: Edit Contact'), args.id, args.value);
  if (!contact) return { outcome: 'dismissed', at: 'input' };
  if ('outcome' in contact) return contact;
  if (!contact.id) return { outcome: 'dismissed', at: 'input' };
  const before: ContactAnswers = {
    name: contact.name ?? '',
    phone: contact.phone_number ?? '',
    vip: contact.is_vip === true,
    notes: contact.notes ?? '',
  };
  const answers = await runSteps(t('KallyAI: Edit Contact {0}', contactName(contact)), steps(ctx), { ...before });
  if (!answers) return { outcome: 'dismissed', at: 'input' };
  const body: Record<string, unknown> = {};
  if (answers.name.trim() !== before.name) body.name = answers.name.trim();
  if (answers.phone !== before.phone) body.phone_number = answers.phone;
  if (answers.vip !== before.vip) body.is_vip = answers.vip;
  if (answers.notes !== before.notes) body.notes = answers.notes;
  if (Object.keys(body).length === 0) return { outcome: 'unchanged' };
  return ctx.pipeline.run(ops.inbound.updateContact, {
    input: { path: { id: contact.id }, body },
    target: { kind: 'contact', id: contact.id, value: contact },
    interactive: false,
    viewId: 'kallyai.receptionist',
  });
}

/** "Mark as VIP" / "Remove VIP" on a contact. */
export async function setVip(ctx: CommandContext, raw: unknown, vip: boolean): Promise<unknown> {
  const args = targetArgs<Contact>(vip ? 'kallyai.receptionist.markVip' : 'kallyai.receptionist.unmarkVip', raw);
  const contact = await contactFor(
    ctx,
    vip ? t('KallyAI: Mark as VIP') : t('KallyAI: Remove VIP'),
    args.id,
    args.value,
  );
  if (!contact) return { outcome: 'dismissed', at: 'input' };
  if ('outcome' in contact) return contact;
  if (!contact.id) return { outcome: 'dismissed', at: 'input' };
  return ctx.pipeline.run(ops.inbound.updateContact, {
    input: { path: { id: contact.id }, body: { is_vip: vip } },
    target: { kind: 'contact', id: contact.id, value: contact },
    interactive: false,
    viewId: 'kallyai.receptionist',
  });
}
