import * as vscode from 'vscode';
import { ops } from '../api/catalogue';
import type { Services } from '../services';
import { formatDuration, md, oneLine, phoneForPeople, shortDateTime, blocks, t } from '../format';
import {
  actionItemsOf,
  callDuration,
  callerLabel,
  contactName,
  hasConversation,
  inboundStatusLabel,
  isLive,
  isNewVoicemail,
  isVipCaller,
  ruleActionText,
  ruleConditionsText,
  ruleName,
  sortContacts,
  sortRules,
  voicemailPreview,
  voicemailText,
  type Contact,
  type InboundCall,
  type InboundFilter,
  type Voicemail,
} from '../models/inbound';
import { VIEW_DEADLINE_MS, type DataLoader } from './dataLoader';
import { KallyTreeProvider } from './treeProvider';
import { emptyNode, entityNode, groupNode, icon, type ViewNode } from './viewNode';
import { plainText } from '../format/sinks';

export type { InboundFilter } from '../models/inbound';

export interface ReceptionistData {
  /** The calls shown under "Calls" (the filter applied), newest first. */
  calls: InboundCall[];
  /** Calls KallyAI is answering now. */
  live: InboundCall[];
  voicemails: Voicemail[];
  contacts: Contact[];
  total?: number;
  filter?: InboundFilter;
}

const LIMIT = 50;
const LIVE_REFRESH_MS = 3_000;

const FILTER_LABELS: Record<InboundFilter, () => string> = {
  completed: () => t('Completed calls'),
  missed: () => t('Missed calls'),
  rejected: () => t('Rejected calls'),
};

export function filterLabel(filter: InboundFilter | undefined): string {
  return filter ? FILTER_LABELS[filter]() : t('Calls');
}

/** "inboundCall liveCall answeringCall" (KallyAI on it: it can be taken over), "inboundCall liveCall"
 *  (you took it over), "inboundCall pastCall hasRecording" (package.json menus match these tokens). */
export function inboundContextValue(c: InboundCall): string {
  if (isLive(c)) return c.taken_over ? 'inboundCall liveCall' : 'inboundCall liveCall answeringCall';
  return ['inboundCall pastCall', hasConversation(c) ? 'hasRecording' : ''].filter(Boolean).join(' ');
}

/** The Receptionist view: calls KallyAI is answering now (live, first, with their actions), the
 *  calls it answered (a status filter in the view title), voicemails (new ones counted in the
 *  view's badge), call-handling rules and contacts. */
export class ReceptionistProvider extends KallyTreeProvider<ReceptionistData> {
  private liveTimer: ReturnType<typeof setTimeout> | undefined;

  /** Whether the view is on screen (set by registerViews): a hidden view does not follow live calls. */
  isVisible: () => boolean = () => true;

  constructor(
    private readonly services: Services,
    loader: DataLoader<ReceptionistData>,
    isSignedIn: () => boolean,
    private readonly mayFollow: () => boolean,
  ) {
    super('receptionist', t('the calls to your number'), loader, isSignedIn);
    loader.onDidChange(() => this.followLiveCalls());
  }

  static fetch(services: Services, filter: () => InboundFilter | undefined) {
    return async (signal: AbortSignal): Promise<ReceptionistData> => {
      const status = filter();
      const options = { signal, deadlineMs: VIEW_DEADLINE_MS };
      const [calls, live, voicemails, contacts] = await Promise.all([
        services.client.execute(ops.inbound.calls, { query: { limit: LIMIT, ...(status ? { status } : {}) } }, options),
        status
          ? services.client
              .execute(ops.inbound.calls, { query: { limit: 20, status: 'active' } }, options)
              .then((r) => r.calls)
          : Promise.resolve(undefined),
        services.client.execute(ops.inbound.voicemails, {}, options),
        // Contacts name the callers; the view still shows the calls when they cannot be read.
        services.client.execute(ops.inbound.contacts, {}, options).then(
          (r) => r.contacts,
          () => [] as Contact[],
        ),
      ]);
      const liveCalls = live ?? calls.calls.filter(isLive);
      const past = calls.calls.filter((c) => !isLive(c));
      // The total counts the live calls too when the list is not filtered: "5 of 7" would read wrong.
      const total =
        calls.total == null ? undefined : status ? calls.total : calls.total - (calls.calls.length - past.length);
      return { calls: past, live: liveCalls, voicemails: voicemails.voicemails, contacts, total, filter: status };
    };
  }

  newVoicemails(): number {
    return (this.loader.data?.voicemails ?? []).filter(isNewVoicemail).length;
  }

  liveCalls(): readonly InboundCall[] {
    return this.loader.data?.live ?? [];
  }

  /** Marks a voicemail heard in the view at once (the server was told by the playback). */
  markHeardLocally(id: string): void {
    this.loader.update((d) => ({
      ...d,
      voicemails: d.voicemails.map((v) => (v.id === id ? { ...v, listened: true, unread: false, is_read: true } : v)),
    }));
  }

  /** Whether a live refresh is armed (tests read it). */
  get following(): boolean {
    return this.liveTimer !== undefined;
  }

  /** While KallyAI is on a call, the window is focused, polling is on and the view shown, it follows the call
   *  every few seconds (the live-call notification does not need the view: it has its own probe). */
  followLiveCalls(): void {
    if (this.liveTimer) clearTimeout(this.liveTimer);
    this.liveTimer = undefined;
    if (this.liveCalls().length === 0 || !this.mayFollow() || !this.isSignedIn() || !this.isVisible()) return;
    this.liveTimer = setTimeout(() => {
      this.liveTimer = undefined;
      void this.loader.load('live');
    }, LIVE_REFRESH_MS);
  }

  protected buildRoots(data: ReceptionistData): ViewNode[] {
    const roots: ViewNode[] = [];
    const { contacts } = data;
    if (data.live.length) {
      roots.push(
        groupNode(
          'receptionist/live',
          undefined,
          {
            label: plainText(t('Live now')),
            description: plainText(String(data.live.length)),
            tooltip: plainText(
              t('Calls going on now on your number: one KallyAI answers can be taken over, transferred or rejected'),
            ),
            icon: icon('radio-tower', 'charts.red'),
            contextValue: 'liveGroup',
          },
          (self) => data.live.map((c, i) => this.callNode(c, self, i, contacts)),
        ),
      );
    }
    roots.push(
      groupNode(
        'receptionist/calls',
        undefined,
        {
          label: plainText(filterLabel(data.filter)),
          description: plainText(
            data.total !== undefined && data.total > data.calls.length
              ? t('{0} of {1}', data.calls.length, data.total)
              : String(data.calls.length),
          ),
          tooltip: plainText(
            data.filter
              ? t(
                  'Only {0} are shown: change it with the filter in the view title',
                  filterLabel(data.filter).toLowerCase(),
                )
              : t('The calls KallyAI answered on your number, newest first'),
          ),
          icon: icon(data.filter ? 'filter-filled' : 'call-incoming'),
          contextValue: 'callsGroup',
        },
        (self) =>
          data.calls.length
            ? data.calls.map((c, i) => this.callNode(c, self, i, contacts))
            : [
                emptyNode('receptionist/calls/empty', self, {
                  label: plainText(
                    data.filter
                      ? t('No {0}', filterLabel(data.filter).toLowerCase())
                      : t('No calls to your number yet'),
                  ),
                  tooltip: plainText(t('KallyAI answers the calls made to your KallyAI number, and they show here.')),
                  icon: icon('info'),
                }),
              ],
      ),
    );
    const fresh = data.voicemails.filter(isNewVoicemail).length;
    roots.push(
      groupNode(
        'receptionist/voicemails',
        undefined,
        {
          label: plainText(t('Voicemails')),
          description: plainText(fresh ? t('{0} new', fresh) : String(data.voicemails.length)),
          tooltip: plainText(t('Messages callers left: play them here')),
          icon: icon(fresh ? 'mail' : 'mail-read', fresh ? 'charts.blue' : undefined),
          contextValue: 'voicemailsGroup',
          expanded: fresh > 0,
        },
        (self) =>
          data.voicemails.length
            ? data.voicemails.map((v, i) => this.voicemailNode(v, self, i, contacts))
            : [
                emptyNode('receptionist/voicemails/empty', self, {
                  label: plainText(t('No voicemails')),
                  icon: icon('info'),
                }),
              ],
      ),
    );
    roots.push(this.rulesGroup());
    roots.push(
      groupNode(
        'receptionist/contacts',
        undefined,
        {
          label: plainText(t('Contacts')),
          description: plainText(String(data.contacts.length)),
          tooltip: plainText(t('People KallyAI knows by name; VIPs can be handled apart by your rules')),
          icon: icon('organization'),
          contextValue: 'contactsGroup',
          expanded: false,
        },
        (self) =>
          data.contacts.length
            ? sortContacts(data.contacts).map((c, i) => this.contactNode(c, self, i))
            : [
                emptyNode('receptionist/contacts/empty', self, {
                  label: plainText(t('No contacts — Import Contacts…')),
                  icon: icon('cloud-download'),
                  command: {
                    command: 'kallyai.receptionist.importContacts',
                    title: t('Import Contacts…'),
                  },
                }),
              ],
      ),
    );
    return roots;
  }

  private callNode(c: InboundCall, parent: ViewNode, index: number, contacts: readonly Contact[]): ViewNode {
    const id = `${parent.id}/${c.id ?? `#${index}`}`;
    const live = isLive(c);
    const caller = callerLabel(c, contacts);
    const vip = isVipCaller(c, contacts);
    const when = shortDateTime(c.created_at);
    const description = live
      ? [inboundStatusLabel(c), callDuration(c), vip ? t('VIP') : undefined].filter(Boolean).join(' · ')
      : [when, callDuration(c), oneLine(c.summary, 60) || inboundStatusLabel(c)].filter(Boolean).join(' · ');
    const items = actionItemsOf(c).filter((a) => !a.done);
    const tooltip = blocks(
      md`**${caller}**${c.caller_number && caller !== phoneForPeople(c.caller_number) ? md` · ${phoneForPeople(c.caller_number)}` : ''}${vip ? md` · ${t('VIP')}` : ''}`,
      md`${inboundStatusLabel(c)}${when ? md` · ${when}` : ''}${callDuration(c) ? md` · ${callDuration(c)}` : ''}`,
      c.summary ? md`${c.summary}` : undefined,
      items.length ? md`${t('To do')}: ${items.map((a) => a.text).join('; ')}` : undefined,
    );
    const target = c.id ? { kind: 'inboundCall', id: c.id, value: c } : undefined;
    return entityNode(parent, {
      id,
      kind: 'inboundCall',
      opens: live ? { command: 'kallyai.receptionist.openCall', title: t('Open Inbound Call') } : undefined,
      target,
      label: plainText(caller),
      description: plainText(description),
      tooltip,
      icon: live ? icon('radio-tower', 'charts.red') : callIcon(c),
      contextValue: inboundContextValue(c),
      collapsible: live ? vscode.TreeItemCollapsibleState.None : vscode.TreeItemCollapsibleState.Collapsed,
      accessibility: {
        label: plainText(
          live ? t('Live call from {0}, {1}', caller, description) : t('Call from {0}, {1}', caller, description),
        ),
        // The red tower of a call KallyAI is answering now, in words.
        status: plainText(live ? t('Live') : undefined),
      },
      children: live ? undefined : (self) => this.callChildren(self),
    });
  }

  private callChildren(parent: ViewNode): ViewNode[] {
    const c = (parent.target?.value ?? {}) as InboundCall;
    const child = (kind: string, label: string, codicon: string, command: string, tooltip: string): ViewNode => {
      const id = `${parent.id}/${kind}`;
      return entityNode(parent, {
        id,
        kind,
        target: parent.target,
        label: plainText(label),
        tooltip: plainText(tooltip),
        icon: icon(codicon),
        contextValue: kind,
        command: { command, title: label, arguments: [parent] },
      });
    };
    const children = [
      child(
        'inboundDetails',
        t('Details'),
        'info',
        'kallyai.receptionist.openCall',
        t('Who called, the summary and the action items'),
      ),
    ];
    if (hasConversation(c)) {
      children.push(
        child(
          'inboundTranscript',
          t('Transcript'),
          'note',
          'kallyai.receptionist.openTranscript',
          t('The conversation, turn by turn'),
        ),
      );
      children.push(
        child(
          'inboundRecording',
          t('Recording'),
          'play',
          'kallyai.receptionist.playRecording',
          t('Listen to the call in the editor'),
        ),
      );
    }
    return children;
  }

  private voicemailNode(v: Voicemail, parent: ViewNode, index: number, contacts: readonly Contact[]): ViewNode {
    const id = `${parent.id}/${v.id ?? `#${index}`}`;
    const fresh = isNewVoicemail(v);
    const caller = callerLabel(v, contacts);
    const description = [
      fresh ? t('new') : undefined,
      shortDateTime(v.created_at),
      formatDuration(v.duration_seconds),
      voicemailPreview(v),
    ]
      .filter(Boolean)
      .join(' · ');
    const tooltip = blocks(
      md`**${t('Voicemail from {0}', caller)}**${v.caller_number ? md` · ${phoneForPeople(v.caller_number)}` : ''}`,
      voicemailText(v) ? md`${voicemailText(v)}` : undefined,
    );
    return entityNode(parent, {
      id,
      kind: 'voicemail',
      opens: { command: 'kallyai.receptionist.playVoicemail', title: t('Play Voicemail') },
      target: { kind: 'voicemail', id: v.id, value: v },
      label: plainText(caller),
      description: plainText(description),
      tooltip,
      icon: fresh ? icon('circle-filled', 'charts.blue') : icon('mail-read'),
      contextValue: fresh ? 'voicemail newVoicemail' : 'voicemail',
      accessibility: {
        label: plainText(t('{0}voicemail from {1}, {2}', fresh ? t('New ') : '', caller, description)),
      },
    });
  }

  /** Rules are read when their group is opened (and again after each refresh of the view). */
  private rulesGroup(): ViewNode {
    const id = 'receptionist/rules';
    return entityNode(undefined, {
      id,
      kind: 'group',
      label: plainText(t('Rules')),
      tooltip: plainText(
        t('How KallyAI handles calls, first match wins: transfer VIPs, reject sales calls, take a message…'),
      ),
      icon: icon('list-ordered'),
      contextValue: 'rulesGroup',
      collapsible: vscode.TreeItemCollapsibleState.Collapsed,
      children: async (self) => {
        const rules = sortRules(
          (await this.services.client.execute(ops.inbound.rules, {}, { deadlineMs: VIEW_DEADLINE_MS })).rules,
        );
        if (rules.length === 0) {
          return [
            emptyNode(`${id}/empty`, self, {
              label: plainText(t('No rules — Add Rule…')),
              tooltip: plainText(t('Without rules KallyAI answers every call and takes a message.')),
              icon: icon('add'),
              command: { command: 'kallyai.receptionist.addRule', title: t('Add Rule…') },
            }),
          ];
        }
        return rules.map((r, i): ViewNode => {
          const ruleId = `${id}/${r.id ?? `#${i}`}`;
          const off = r.is_active === false;
          const description = [off ? t('off') : undefined, ruleConditionsText(r.conditions), `→ ${ruleActionText(r)}`]
            .filter(Boolean)
            .join(' ');
          return entityNode(self, {
            id: ruleId,
            kind: 'rule',
            opens: { command: 'kallyai.receptionist.editRule', title: t('Edit Rule…') },
            target: { kind: 'rule', id: r.id, value: r },
            label: plainText(ruleName(r)),
            description: plainText(description),
            tooltip: blocks(
              md`**${ruleName(r)}**${r.priority != null ? md` · ${t('priority {0}', r.priority)}` : ''}${off ? md` · ${t('off')}` : ''}`,
              md`${t('When')}: ${ruleConditionsText(r.conditions)}`,
              md`${t('Then')}: ${ruleActionText(r)}`,
            ),
            icon: off ? icon('circle-slash', 'disabledForeground') : icon('filter'),
            contextValue: off ? 'rule ruleOff' : 'rule',
          });
        });
      },
      onChildrenError: (e, self) => [this.errorNode(e, `${id}/error`, self)],
    });
  }

  private contactNode(c: Contact, parent: ViewNode, index: number): ViewNode {
    const id = `${parent.id}/${c.id ?? `#${index}`}`;
    const vip = c.is_vip === true;
    const description = [
      c.phone_number ? phoneForPeople(c.phone_number) : undefined,
      vip ? t('VIP') : undefined,
      c.notes ? oneLine(c.notes, 40) : undefined,
    ]
      .filter(Boolean)
      .join(' · ');
    return entityNode(parent, {
      id,
      kind: 'contact',
      opens: { command: 'kallyai.receptionist.editContact', title: t('Edit Contact…') },
      target: { kind: 'contact', id: c.id, value: c },
      label: plainText(contactName(c)),
      description: plainText(description),
      icon: vip ? icon('star-full', 'charts.yellow') : icon('person'),
      contextValue: vip ? 'contact vip' : 'contact notVip',
    });
  }

  override dispose(): void {
    if (this.liveTimer) clearTimeout(this.liveTimer);
    super.dispose();
  }
}

function callIcon(c: InboundCall): vscode.ThemeIcon {
  switch (String(c.status ?? '')) {
    case 'completed':
      return c.transferred_to ? icon('arrow-swap', 'charts.blue') : icon('call-incoming', 'testing.iconPassed');
    case 'missed':
      return icon('call-incoming', 'list.warningForeground');
    case 'rejected':
      return icon('circle-slash', 'testing.iconFailed');
    default:
      return icon('circle-large-outline');
  }
}
