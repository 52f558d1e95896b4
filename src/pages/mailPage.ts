/** The page of an email message of the connected account: its headers, classification and
 *  attachments, its text (an HTML email is shown as its text, never rendered), and Draft a Reply —
 *  with optional instructions, KallyAI writes the reply and it opens as a draft for approval — or
 *  Write a Reply Yourself. Every server string is escaped by construction. */
import { ops } from '../api/catalogue';
import type { KallyClient } from '../api/client';
import { html, oneLine, shortDateTime, t, type Html } from '../format';
import {
  addressesText,
  classificationLabel,
  mailDate,
  mailText,
  replySubject,
  senderAddress,
  type EmailMessage,
} from '../models/email';
import type { Pipeline } from '../pipeline/pipeline';
import { headerTable, mailBody } from './emailParts';
import type { PageActions, PageController, PageState, PageView } from './pageController';
import { actionBar, actionButton, icon, loadFailed } from './pageParts';

export interface MailPageDeps {
  readonly client: KallyClient;
  readonly pipeline: Pipeline;
  runCommand(id: string, ...args: unknown[]): Promise<unknown>;
}

const INSTRUCTIONS_MAX = 2000;

export class MailPage implements PageController {
  private initial: EmailMessage | undefined;
  private notice: string | undefined;

  constructor(
    readonly state: PageState,
    private readonly deps: MailPageDeps,
    initial?: unknown,
  ) {
    this.initial = initial as EmailMessage | undefined;
  }

  async render(): Promise<PageView> {
    let m: EmailMessage;
    try {
      const given = this.initial;
      this.initial = undefined;
      m =
        given && given.id === this.state.id
          ? given
          : await this.deps.client.execute(ops.email.message, { path: { id: this.state.id } });
    } catch (e) {
      return loadFailed(t('Email'), e);
    }
    const target = { kind: 'email' as const, id: this.state.id, value: m };
    const sender = senderAddress(m.from);
    const actions: PageActions = {
      respond: async ({ fields }) => {
        const instructions = (fields?.instructions ?? '').trim();
        if (instructions.length > INSTRUCTIONS_MAX) {
          this.notice = t('Say it in at most {0} characters.', INSTRUCTIONS_MAX);
          return;
        }
        await this.deps.pipeline.run(ops.email.respond, {
          target,
          input: { path: { id: this.state.id }, body: instructions ? { instructions } : {} },
          interactive: false,
        });
      },
      writeReply: async () =>
        this.deps.runCommand('kallyai.email.write', { to: sender, subject: replySubject(m.subject), compose: true }),
    };
    const notice = this.notice;
    this.notice = undefined;
    const subject = m.subject || t('(no subject)');
    const attachments = m.attachments ?? [];
    const headers = (m.headers ?? {}) as Record<string, unknown>;
    const when = mailDate(m) ?? (typeof headers.Date === 'string' ? headers.Date : undefined);
    return {
      title: t('{0} — email', oneLine(subject, 50)),
      actions,
      body: html` <h1>${subject}</h1>
        <p class="subtitle">
          ${m.classification ? html`<span class="badge ${m.classification === 'spam' ? 'bad' : m.classification === 'important' ? 'warning' : ''}">${classificationLabel(m.classification)}</span> ` : ''}${m.unread ? html`<span class="badge">${t('Unread')}</span> ` : ''}<span
            class="muted"
            >${shortDateTime(when) ?? ''}</span
          >
        </p>
        ${notice ? html`<div class="callout warning" data-announce>${notice}</div>` : ''}
        ${headerTable([
          [t('From'), m.from ?? '?'],
          [t('To'), addressesText(m.to)],
          [t('Cc'), addressesText(m.cc)],
          [t('Date'), shortDateTime(when) ?? when],
        ])}
        ${sender ? actionBar(actionButton('writeReply', t('Write a Reply Yourself…'), 'edit', 'secondary')) : ''}
        ${
          attachments.length
            ? html`<h2>${t('Attachments')}</h2>
                <ul class="attachments">
                  ${attachments.map((a) => html`<li>${icon('file')} ${a.filename ?? a.name ?? t('(unnamed)')}${a.size ? html` <span class="muted">(${size(a.size)})</span>` : ''}</li>`)}
                </ul>`
            : ''
        }
        <h2>${t('Message')}</h2>
        ${mailBody(mailText(m))} ${respondForm()}`,
    };
  }
}

function size(bytes: number): string {
  return bytes >= 1024 * 1024
    ? t('{0} MB', (bytes / (1024 * 1024)).toFixed(1))
    : t('{0} KB', Math.max(1, Math.round(bytes / 1024)));
}

function respondForm(): Html {
  return html`<h2>${t('Draft a reply')}</h2>
    <form data-action="respond" data-fields>
      <label for="instructions" class="muted"
        >${t('KallyAI writes the reply in your voice and may use a few credits; it waits in Drafts and nothing is sent until you approve it. Instructions are optional.')}</label
      >
      <textarea
        id="instructions"
        name="instructions"
        maxlength="${INSTRUCTIONS_MAX}"
        placeholder="${t('e.g. Say yes, Thursday at 10 works (Ctrl+Enter sends)')}"
      ></textarea>
      <div class="actions">
        <button type="submit">${icon('sparkle')}<span>${t('Ask KallyAI to Draft a Reply')}</span></button>
      </div>
    </form>`;
}
