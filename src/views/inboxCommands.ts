import * as vscode from 'vscode';
import { ops } from '../api/catalogue';
import type { Documents } from '../documents';
import type { Services } from '../services';
import { askFirst } from './commandOptions';
import type { LoadReason } from './dataLoader';
import { escapeMarkdown, oneLine, shortDateTime } from './format';
import { isDraftNode, isMessageNode, type DraftNode, type InboxProvider, type MessageNode, type OutboxEmail } from './inboxView';
import { runAction, selection, showActionError } from './runAction';
import type { ViewName } from './viewNode';

export interface InboxCommandDeps {
  services: Services;
  documents: Documents;
  provider: InboxProvider;
  refresh(views: readonly ViewName[], reason: LoadReason): Promise<void>;
}

function draftMarkdown(d: OutboxEmail): string {
  return [
    `# ${escapeMarkdown(d.subject ?? '')}`,
    '',
    `**${vscode.l10n.t('To')}:** ${escapeMarkdown(d.to ?? '?')} · **${vscode.l10n.t('Drafted')}:** ${escapeMarkdown(shortDateTime(d.created_at) ?? '')}`,
    '',
    `> ${escapeMarkdown(vscode.l10n.t('Draft waiting for your approval: nothing is sent until you approve it in the Inbox view.'))}`,
    '',
    '---',
    '',
    ...(d.body ?? '').split(/\r?\n/).map((l) => `${escapeMarkdown(l)}  `),
    '',
  ].join('\n');
}

/** The Inbox view's commands. */
export function registerInboxCommands(deps: InboxCommandDeps): vscode.Disposable[] {
  const { services, documents, provider } = deps;
  const { client, log } = services;
  const subject = (d: OutboxEmail) => oneLine(d.subject || vscode.l10n.t('(no subject)'), 60);

  /** Tells the server, and shows them read at once; on failure the inbox reloads. */
  const markRead = async (ids: string[]) => {
    if (ids.length === 0) return;
    provider.markReadLocally(ids);
    try {
      await client.execute(ops.messages.markRead, { body: { message_ids: ids } });
    } catch (e) {
      log.error('Mark as read', e);
      void showActionError(e);
      await deps.refresh(['inbox'], 'mutation');
    }
  };

  return [
    vscode.commands.registerCommand('kallyai.inbox.openMessage', async (item: MessageNode | DraftNode | undefined) => {
      if (isDraftNode(item)) {
        const d = item.draft;
        await documents.showMarkdown(`drafts/${d.id ?? 'draft'}/${vscode.l10n.t('Draft — {0}', subject(d))}.md`, draftMarkdown(d), { preview: true });
        return;
      }
      if (!isMessageNode(item) || !item.message.id) return;
      const m = item.message;
      const opened = await runAction(log, 'inbox', vscode.l10n.t('Opening the message…'), () => documents.openMessage(m.id!, m));
      if (opened && m.unread) await markRead([m.id!]);
    }),
    vscode.commands.registerCommand('kallyai.inbox.openThread', async (item: unknown) => {
      if (!isMessageNode(item) || !item.message.conversation_id) return;
      const m = item.message;
      await runAction(log, 'inbox', vscode.l10n.t('Opening the thread…'), () =>
        documents.openThread(m.conversation_id!, vscode.l10n.t('Thread — {0}', oneLine(m.subject?.replace(/^(re|fwd?):\s*/i, '') || m.from || '', 60))));
    }),
    vscode.commands.registerCommand('kallyai.inbox.markRead', async (item: unknown, selected: unknown) => {
      const nodes = selection(item, selected, isMessageNode);
      await markRead([...new Set(nodes.filter((n) => n.message.unread && n.message.id).map((n) => n.message.id!))]);
    }),
    vscode.commands.registerCommand('kallyai.inbox.approveEmail', async (item: unknown, _selected: unknown, options: unknown) => {
      if (!isDraftNode(item) || !item.draft.id) return;
      const d = item.draft;
      const ok = await askFirst(services, options, 
        vscode.l10n.t('Send the email "{0}" to {1}?', subject(d), d.to ?? '?'),
        vscode.l10n.t('KallyAI sends it now, from your account, to a real person. Sent email cannot be recalled.'),
        vscode.l10n.t('Send Email'),
      );
      if (!ok) return;
      await runAction(log, 'inbox', vscode.l10n.t('Sending the email…'), () => client.execute(ops.actions.approveEmail, { path: { id: d.id! } }), vscode.l10n.t('Email sent to {0}', d.to ?? '?'));
      await deps.refresh(['inbox', 'credits'], 'mutation');
    }),
    vscode.commands.registerCommand('kallyai.inbox.cancelEmail', async (item: unknown, _selected: unknown, options: unknown) => {
      if (!isDraftNode(item) || !item.draft.id) return;
      const d = item.draft;
      const ok = await askFirst(services, options, 
        vscode.l10n.t('Discard the draft "{0}" to {1}?', subject(d), d.to ?? '?'),
        vscode.l10n.t('The email will not be sent. This cannot be undone.'),
        vscode.l10n.t('Discard Draft'),
      );
      if (!ok) return;
      await runAction(log, 'inbox', vscode.l10n.t('Discarding the draft…'), () => client.execute(ops.actions.cancelEmail, { path: { id: d.id! } }), vscode.l10n.t('Draft discarded'));
      await deps.refresh(['inbox'], 'mutation');
    }),
  ];
}
