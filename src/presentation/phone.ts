/** Your KallyAI phone numbers (contract §5.4): the numbers, provisioning one (a country from the
 *  supported list → an available number → consent naming it and its monthly cost), forwarding,
 *  verification, the caller-ID name, and releasing a number (which cannot be had back). */
import { ops } from '../api/catalogue';
import type { KallyClient } from '../api/client';
import { genericMarkdown } from '../documents/genericMarkdown';
import { phoneForPeople, t } from '../format';
import {
  availableDescription,
  countryName,
  numberDescription,
  numberLabel,
  readAvailable,
  readCountries,
  type AvailableNumber,
  type PhoneNumber,
} from '../models/phoneNumber';
import type { CommandSpec, EntitySpec, FieldChoice, Presentation } from './entry';
import { present } from './entry';
import { registerEntities } from './entities';

const numberOf = (target: unknown) => (target ?? {}) as PhoneNumber;
const numberParam = (filter?: (n: PhoneNumber) => boolean) => ({
  id: { entity: 'phoneNumber' as const, filter: filter as ((item: never) => boolean) | undefined, label: 'Number' },
});
const view = 'phoneNumbers';

registerEntities({
  kind: 'phoneNumber',
  placeholder: 'Pick one of your KallyAI numbers',
  empty: 'You have no KallyAI number yet: provision one first.',
  list: async (client, signal) => (await client.execute(ops.phone.list, {}, { signal })).phone_numbers,
  get: (client, id) => client.execute(ops.phone.get, { path: { id } }),
  getOp: ops.phone.get.id,
  id: (n: PhoneNumber) => n.id ?? undefined,
  label: (n: PhoneNumber) => numberLabel(n),
  description: (n: PhoneNumber) => numberDescription(n),
} satisfies EntitySpec<PhoneNumber> as unknown as EntitySpec<unknown>);

/** Available numbers seen lately (the consent names the monthly cost of the one picked). */
const offered = new Map<string, AvailableNumber>();

async function countryChoices(client: KallyClient): Promise<FieldChoice[]> {
  const countries = readCountries(await client.execute(ops.phone.supportedCountries));
  return countries.map((c) => ({
    value: c.code,
    label: c.name,
    description: [c.code, c.prefix].filter(Boolean).join(' · '),
  }));
}

async function numberChoices(client: KallyClient, country: unknown): Promise<FieldChoice[]> {
  if (typeof country !== 'string') return [];
  const numbers = readAvailable(await client.execute(ops.phone.available, { query: { country } }));
  for (const n of numbers) offered.set(n.phoneNumber, n);
  return numbers.map((n) => ({
    value: n.phoneNumber,
    label: phoneForPeople(n.phoneNumber),
    description: availableDescription(n),
  }));
}

export const phonePresentations: Presentation[] = [
  present(ops.phone.list, {
    command: {
      id: 'kallyai.phone.list',
      title: 'Your Phone Numbers…',
      cli: ['kallyai phone list'],
      icon: 'list-flat',
      menus: [{ view, group: 'titleMenu', order: 1 }],
    },
    progress: 'Loading your numbers…',
    result: {
      kind: 'pick',
      placeholder: 'Pick a number to see its details',
      empty: 'You have no KallyAI number yet: provision one first.',
      items: ({ data }) =>
        data.phone_numbers
          .filter((n) => n.id)
          .map((n) => ({
            label: numberLabel(n),
            description: numberDescription(n),
            icon: 'device-mobile',
            run: { title: t('Number Details'), command: 'kallyai.phone.info', args: [{ id: n.id }] },
          })),
    },
  }),
  present(ops.phone.get, {
    progress: 'Loading the number…',
    result: {
      kind: 'document',
      path: ({ input }) => `phone-numbers/${input.path?.id ?? 'number'}`,
      title: ({ data }) => numberLabel(data),
      markdown: ({ data }) => genericMarkdown(numberLabel(data), data),
    },
  }),
  present(ops.phone.details, {
    command: {
      id: 'kallyai.phone.info',
      title: 'Number Details',
      cli: ['kallyai phone info'],
      icon: 'info',
      menus: [{ view, item: 'phoneNumber', group: 'primary', order: 1 }],
    },
    params: numberParam(),
    progress: 'Loading the number…',
    result: {
      kind: 'document',
      path: ({ input }) => `phone-numbers/${input.path?.id ?? 'number'}/details`,
      title: ({ target, data }) => t('{0} — details', numberLabel((target ?? data) as PhoneNumber)),
      markdown: ({ target, data }) =>
        genericMarkdown(t('{0} — details', numberLabel((target ?? data) as PhoneNumber)), data),
    },
  }),
  present(ops.phone.supportedCountries, {
    command: {
      id: 'kallyai.phone.countries',
      title: 'Supported Countries…',
      cli: ['kallyai phone countries'],
      icon: 'globe',
      menus: [{ view, group: 'titleMenu', order: 2 }],
    },
    progress: 'Loading the countries…',
    result: {
      kind: 'pick',
      placeholder: 'Pick a country to see its available numbers',
      empty: 'KallyAI offers no numbers right now.',
      items: ({ data }) =>
        readCountries(data).map((c) => ({
          label: c.name,
          description: [c.code, c.prefix].filter(Boolean).join(' · '),
          icon: 'globe',
          run: {
            title: t('Available Numbers…'),
            command: 'kallyai.phone.available',
            args: [{ query: { country: c.code } }],
          },
        })),
    },
  }),
  present(ops.phone.available, {
    command: {
      id: 'kallyai.phone.available',
      title: 'Available Numbers…',
      cli: ['kallyai phone available'],
      icon: 'search',
      menus: [{ view, group: 'titleMenu', order: 3 }],
    },
    fields: {
      country: { label: 'Country', choicesFrom: ({ client }) => countryChoices(client) },
      area_code: { label: 'Area code', placeholder: '415', help: 'optional, e.g. 415 in the US' },
    },
    ask: ['area_code'],
    progress: 'Looking for numbers…',
    result: {
      kind: 'pick',
      placeholder: 'Pick a number to provision',
      empty: 'No numbers are available there right now. Try another area code or country.',
      items: ({ data, input }) =>
        readAvailable(data).map((n) => {
          offered.set(n.phoneNumber, n);
          return {
            label: phoneForPeople(n.phoneNumber),
            description: availableDescription(n),
            icon: 'device-mobile',
            run: {
              title: t('Provision a Number…'),
              command: 'kallyai.phone.provision',
              args: [{ body: { country: n.country ?? input.query?.country, phone_number: n.phoneNumber } }],
            },
          };
        }),
    },
  }),
  present(ops.phone.provision, {
    command: {
      id: 'kallyai.phone.provision',
      title: 'Provision a Number…',
      cli: ['kallyai phone provision'],
      icon: 'add',
      menus: [{ view, group: 'title', order: 1 }],
    },
    fields: {
      country: { label: 'Country', choicesFrom: ({ client }) => countryChoices(client) },
      phone_number: { label: 'Number', choicesFrom: ({ client, known }) => numberChoices(client, known.country) },
      area_code: { label: 'Area code', hidden: true },
    },
    ask: ['phone_number'],
    consent: {
      question: ({ input }) =>
        input.body?.phone_number
          ? t('Provision {0}?', phoneForPeople(input.body.phone_number))
          : t('Provision a new number in {0}?', countryName(input.body?.country ?? '')),
      what: ({ input }) => {
        const picked = input.body?.phone_number ? offered.get(input.body.phone_number) : undefined;
        const where = [picked?.locality, countryName(input.body?.country ?? '')].filter(Boolean).join(', ');
        return picked?.monthlyCredits !== undefined
          ? t(
              'A new KallyAI number in {0}: KallyAI answers the calls made to it. It costs {1} credits a month until you release it.',
              where,
              picked.monthlyCredits,
            )
          : t(
              'A new KallyAI number in {0}: KallyAI answers the calls made to it. It is billed monthly until you release it.',
              where,
            );
      },
      credits: async ({ input, client }) => {
        const wanted = input.body?.phone_number;
        if (!wanted || !input.body?.country) return undefined;
        // Given as an argument (a pick from "Available Numbers…", a test): its price is looked up.
        if (!offered.has(wanted)) await numberChoices(client, input.body.country).catch(() => undefined);
        return offered.get(wanted)?.monthlyCredits;
      },
      confirm: 'Provision Number',
      decline: "Don't Provision",
    },
    progress: 'Provisioning the number…',
    result: {
      kind: 'notify',
      message: ({ data }) => t('Your new KallyAI number is {0}.', numberLabel(data)),
      actions: ({ data }) =>
        data.id
          ? [
              { title: t('Set Forwarding…'), command: 'kallyai.phone.setForwarding', args: [{ id: data.id }] },
              { title: t('Add Rule…'), command: 'kallyai.receptionist.addRule' },
            ]
          : [],
    },
  }),
  present(ops.phone.registerForwarding, {
    command: {
      id: 'kallyai.phone.addHandoffPhone',
      title: 'Add Hand-off Phone…',
      icon: 'device-mobile',
      menus: [
        { view, group: 'titleMenu', order: 5 },
        { view, item: 'targetsGroup', group: 'inline', order: 1 },
      ],
    },
    fields: {
      phone_number: {
        label: 'Your phone',
        placeholder: '+1 201 555 0177',
        help: 'where calls you take over or that are transferred to you ring',
        phone: true,
      },
      label: { label: 'Label', placeholder: 'My mobile' },
    },
    ask: ['label'],
    progress: 'Adding the phone…',
    result: {
      kind: 'notify',
      message: ({ input }) =>
        t(
          '{0} is a hand-off phone now. Verify it so KallyAI may forward calls to it.',
          phoneForPeople(input.body?.phone_number ?? ''),
        ),
      actions: ({ input }) => [
        {
          title: t('Verify…'),
          command: 'kallyai.phone.verifyStart',
          args: [{ body: { phone_number: input.body?.phone_number } }],
        },
      ],
    },
  }),
  present(ops.phone.setForwarding, {
    command: {
      id: 'kallyai.phone.setForwarding',
      title: 'Set Forwarding…',
      cli: ['kallyai phone forwarding'],
      icon: 'arrow-right',
      menus: [{ view, item: 'phoneNumber', group: 'inline', order: 1 }],
    },
    params: numberParam(),
    fields: {
      forwarding_number: {
        label: 'Forward calls to',
        placeholder: '+1 201 555 0177',
        help: 'the phone that rings when a call is forwarded',
        phone: true,
      },
    },
    progress: 'Setting the forwarding…',
    result: {
      kind: 'status',
      message: ({ input, target }) =>
        t(
          '{0} now forwards to {1}',
          numberLabel(numberOf(target)),
          phoneForPeople(input.body?.forwarding_number ?? ''),
        ),
    },
  }),
  present(ops.phone.removeForwarding, {
    command: {
      id: 'kallyai.phone.removeForwarding',
      title: 'Remove Forwarding',
      cli: ['kallyai phone remove-forwarding'],
      icon: 'close',
      menus: [{ view, item: 'hasForwarding', group: 'primary', order: 3 }],
    },
    params: numberParam((n) => !!n.forwarding_number),
    progress: 'Removing the forwarding…',
    result: {
      kind: 'status',
      message: ({ target }) => t('{0} no longer forwards calls', numberLabel(numberOf(target))),
    },
  }),
  present(ops.phone.verifyStart, {
    command: {
      id: 'kallyai.phone.verifyStart',
      title: 'Verify a Phone…',
      cli: ['kallyai phone verify-start'],
      icon: 'shield',
      menus: [{ view, group: 'titleMenu', order: 4 }],
    },
    fields: {
      phone_number: {
        label: 'Phone to verify',
        placeholder: '+1 201 555 0177',
        help: 'KallyAI texts a code to it',
        phone: true,
      },
    },
    consent: {
      question: ({ input }) => t('Text a verification code to {0}?', phoneForPeople(input.body?.phone_number ?? '')),
      what: () => t('KallyAI sends a text message with a code; enter it next to prove the phone is yours.'),
      whom: ({ input }) => phoneForPeople(input.body?.phone_number ?? ''),
      confirm: 'Send Code',
      decline: "Don't Send",
    },
    progress: 'Sending the code…',
    result: {
      kind: 'notify',
      message: ({ input }) => t('A code was texted to {0}.', phoneForPeople(input.body?.phone_number ?? '')),
      actions: ({ input }) => [
        {
          title: t('Enter Code…'),
          command: 'kallyai.phone.verifyCheck',
          args: [{ body: { phone_number: input.body?.phone_number } }],
        },
      ],
    },
  }),
  present(ops.phone.verifyCheck, {
    command: {
      id: 'kallyai.phone.verifyCheck',
      title: 'Enter Verification Code…',
      cli: ['kallyai phone verify-check'],
      icon: 'key',
    },
    fields: {
      phone_number: { label: 'Phone being verified', placeholder: '+1 201 555 0177', phone: true },
      code: { label: 'Verification code', placeholder: '123456', help: 'from the text message' },
    },
    progress: 'Checking the code…',
    result: {
      kind: 'status',
      message: ({ input }) => t('{0} is verified', phoneForPeople(input.body?.phone_number ?? '')),
    },
  }),
  present(ops.phone.setCallerId, {
    command: {
      id: 'kallyai.phone.setCallerId',
      title: 'Set Caller ID Name…',
      cli: ['kallyai phone caller-id'],
      icon: 'person',
      menus: [{ view, item: 'phoneNumber', group: 'primary', order: 2 }],
    },
    params: numberParam(),
    fields: {
      caller_id_name: {
        label: 'Caller ID name',
        placeholder: 'Demo User',
        help: 'what people see when this number calls them, at most 15 characters',
      },
    },
    progress: 'Setting the caller ID…',
    result: {
      kind: 'status',
      message: ({ input, target }) =>
        t('{0} shows as “{1}”', numberLabel(numberOf(target)), input.body?.caller_id_name ?? ''),
    },
  }),
  present(ops.phone.release, {
    command: {
      id: 'kallyai.phone.release',
      title: 'Release Number…',
      cli: ['kallyai phone release'],
      icon: 'trash',
      menus: [{ view, item: 'phoneNumber', group: 'danger', order: 9 }],
    },
    params: numberParam(),
    consent: {
      question: ({ target }) => t('Release {0}?', numberLabel(numberOf(target))),
      what: ({ target }) =>
        t(
          '{0} goes back to the carrier: calls to it no longer reach KallyAI, and you cannot get this number back.',
          numberLabel(numberOf(target)),
        ),
      confirm: 'Release Number',
      decline: 'Keep Number',
    },
    progress: 'Releasing the number…',
    result: { kind: 'status', message: ({ target }) => t('{0} released', numberLabel(numberOf(target))) },
  }),
];

/** The Phone Numbers view's hand-written commands. */
export const phoneCommands: readonly CommandSpec[] = [
  {
    id: 'kallyai.phoneNumbers.refresh',
    title: 'Refresh Phone Numbers',
    icon: 'refresh',
    runs: [],
    menus: [{ view, group: 'title', order: 9 }],
  },
];
