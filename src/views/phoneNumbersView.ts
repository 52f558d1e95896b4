import * as vscode from 'vscode';
import { ops } from '../api/catalogue';
import type { Services } from '../services';
import { blocks, codeLabel, md, phoneForPeople, shortDateTime, t } from '../format';
import {
  forwardingOf,
  numberDescription,
  numberLabel,
  readTargets,
  type HandoffPhone,
  type PhoneNumber,
} from '../models/phoneNumber';
import { VIEW_DEADLINE_MS, type DataLoader } from './dataLoader';
import { KallyTreeProvider } from './treeProvider';
import { emptyNode, entityNode, groupNode, icon, type ViewNode } from './viewNode';
import { plainText } from '../format/sinks';

export interface PhoneNumbersData {
  numbers: PhoneNumber[];
  targets: HandoffPhone[];
}

/** "phoneNumber hasForwarding" (package.json menus match these tokens). */
export function numberContextValue(n: PhoneNumber): string {
  return ['phoneNumber', forwardingOf(n) ? 'hasForwarding' : ''].filter(Boolean).join(' ');
}

/** The Phone Numbers view: your KallyAI numbers with where they forward and their caller-ID name,
 *  and the phones calls are handed off to. */
export class PhoneNumbersProvider extends KallyTreeProvider<PhoneNumbersData> {
  constructor(loader: DataLoader<PhoneNumbersData>, isSignedIn: () => boolean) {
    super('phoneNumbers', t('your phone numbers'), loader, isSignedIn);
  }

  static fetch(services: Services) {
    return async (signal: AbortSignal): Promise<PhoneNumbersData> => {
      const options = { signal, deadlineMs: VIEW_DEADLINE_MS };
      const [numbers, targets] = await Promise.all([
        services.client.execute(ops.phone.list, {}, options),
        // Hand-off phones are a detail: the numbers show without them.
        services.client.execute(ops.phone.forwardingTargets, {}, options).then(readTargets, () => [] as HandoffPhone[]),
      ]);
      return { numbers: numbers.phone_numbers, targets };
    };
  }

  protected buildRoots(data: PhoneNumbersData): ViewNode[] {
    const roots: ViewNode[] = [];
    if (data.numbers.length === 0) {
      roots.push(
        emptyNode('phoneNumbers/empty', undefined, {
          label: plainText(t('No KallyAI number yet — Provision a Number…')),
          tooltip: plainText(t('A KallyAI number is the line KallyAI answers for you as your receptionist.')),
          icon: icon('add'),
          command: { command: 'kallyai.phone.provision', title: t('Provision a Number…') },
        }),
      );
    }
    roots.push(...data.numbers.map((n, i) => this.numberNode(n, i)));
    roots.push(
      groupNode(
        'phoneNumbers/targets',
        undefined,
        {
          label: plainText(t('Hand-off phones')),
          description: plainText(String(data.targets.length)),
          tooltip: plainText(t('Your own phones: where calls you take over or transfer to yourself ring')),
          icon: icon('device-mobile'),
          contextValue: 'targetsGroup',
          expanded: data.targets.length > 0 && data.targets.length <= 3,
        },
        (self) =>
          data.targets.length
            ? data.targets.map((t, i) => this.targetNode(t, self, i))
            : [
                emptyNode('phoneNumbers/targets/empty', self, {
                  label: plainText(t('None — Add Hand-off Phone…')),
                  icon: icon('add'),
                  command: { command: 'kallyai.phone.addHandoffPhone', title: t('Add Hand-off Phone…') },
                }),
              ],
      ),
    );
    return roots;
  }

  private numberNode(n: PhoneNumber, index: number): ViewNode {
    const id = `phoneNumbers/${n.id ?? `#${index}`}`;
    const label = numberLabel(n);
    const forwarding = forwardingOf(n);
    const tooltip = blocks(
      md`**${label}**${n.iso_country ? md` · ${codeLabel('country', n.iso_country)}` : ''}${n.status ? md` · ${codeLabel('numberStatus', n.status)}` : ''}`,
      md`${forwarding ? t('Forwards to {0}', phoneForPeople(forwarding)) : t('No forwarding')}`,
      n.caller_id_name ? md`${t('Caller ID: {0}', n.caller_id_name)}` : undefined,
      n.created_at ? md`${t('Since {0}', shortDateTime(n.created_at) ?? '')}` : undefined,
    );
    return entityNode(undefined, {
      id,
      kind: 'phoneNumber',
      target: { kind: 'phoneNumber', id: n.id, value: n },
      label: plainText(label),
      description: plainText(numberDescription(n)),
      tooltip,
      icon: icon('device-mobile', n.status && n.status !== 'active' ? 'list.warningForeground' : undefined),
      contextValue: numberContextValue(n),
      collapsible: vscode.TreeItemCollapsibleState.Collapsed,
      children: (self) => this.numberChildren(self, n),
    });
  }

  private numberChildren(parent: ViewNode, n: PhoneNumber): ViewNode[] {
    const child = (
      kind: string,
      label: string,
      description: string | undefined,
      codicon: string,
      command: string,
      tooltip: string,
    ): ViewNode => {
      const id = `${parent.id}/${kind}`;
      return entityNode(parent, {
        id,
        kind,
        target: parent.target,
        label: plainText(label),
        description: plainText(description),
        tooltip: plainText(tooltip),
        icon: icon(codicon),
        contextValue: kind,
        command: { command, title: label, arguments: [parent] },
      });
    };
    const forwarding = forwardingOf(n);
    const children = [
      child(
        'forwarding',
        t('Forwarding'),
        forwarding ? phoneForPeople(forwarding) : t('off'),
        'arrow-right',
        'kallyai.phone.setForwarding',
        t('Where calls are forwarded: click to change'),
      ),
      child(
        'callerId',
        t('Caller ID'),
        n.caller_id_name ?? t('not set'),
        'person',
        'kallyai.phone.setCallerId',
        t('The name people see when this number calls: click to change'),
      ),
      child(
        'numberDetails',
        t('Details'),
        undefined,
        'info',
        'kallyai.phone.info',
        t('Capabilities and configuration'),
      ),
    ];
    return children;
  }

  private targetNode(target: HandoffPhone, parent: ViewNode, index: number): ViewNode {
    const id = `${parent.id}/${target.id ?? `#${index}`}`;
    const number = target.phone_number ? phoneForPeople(target.phone_number) : t('(no number)');
    const verified = target.verified === true;
    return entityNode(parent, {
      id,
      kind: 'handoffPhone',
      label: plainText(number),
      description: plainText(
        [target.label ?? undefined, verified ? t('verified') : t('not verified — click to verify')]
          .filter(Boolean)
          .join(' · '),
      ),
      icon: verified ? icon('verified-filled', 'testing.iconPassed') : icon('unverified', 'list.warningForeground'),
      contextValue: verified ? 'handoffPhone verified' : 'handoffPhone unverified',
      command:
        verified || !target.phone_number
          ? undefined
          : {
              command: 'kallyai.phone.verifyStart',
              title: t('Verify a Phone…'),
              arguments: [{ body: { phone_number: target.phone_number } }],
            },
    });
  }
}
