/** Writing an email (`kallyai actions email send`): a page with To, Cc, Subject and a multi-line
 *  Body. Saving checks every field with the operation's own schema (an invalid address, an empty
 *  subject or body is said next to its field, and nothing is sent); a valid email becomes a draft
 *  on the server — nothing is sent until it is approved on the draft page this page turns into. */
import { ops } from '../api/catalogue';
import type { KallyClient } from '../api/client';
import { SendEmailBody } from '../api/schemas/actions';
import { describeIssue } from '../api/validation/issues';
import { html, issueSentence, t } from '../format';
import type { Pipeline } from '../pipeline/pipeline';
import type { PageActions, PageController, PageState, PageView } from './pageController';
import { actionButton, icon } from './pageParts';

export interface ComposeFields {
  to?: string;
  cc?: string;
  subject?: string;
  body?: string;
}

export interface ComposePageDeps {
  readonly client: KallyClient;
  readonly pipeline: Pipeline;
  runCommand(id: string, ...args: unknown[]): Promise<unknown>;
  /** Closes this page (the draft page replaced it, or the person discarded what they wrote). */
  close(): void;
}

const LABELS = (): Record<keyof ComposeFields, string> => ({
  to: t('To'),
  cc: t('Cc'),
  subject: t('Subject'),
  body: t('Body'),
});

/** The request body for what was typed: Cc split on commas, semicolons or spaces. */
export function draftBody(f: ComposeFields): { to: string; subject: string; body: string; cc?: string[] } {
  const cc = (f.cc ?? '')
    .split(/[,;\s]+/)
    .map((x) => x.trim())
    .filter(Boolean);
  return { to: (f.to ?? '').trim(), subject: f.subject ?? '', body: f.body ?? '', ...(cc.length ? { cc } : {}) };
}

/** The sentence for each field that is not right (empty when the email can be saved). */
export function draftErrors(f: ComposeFields): Partial<Record<keyof ComposeFields, string>> {
  const r = SendEmailBody.safeParse(draftBody(f));
  if (r.success) return {};
  const labels = LABELS();
  const out: Partial<Record<keyof ComposeFields, string>> = {};
  for (const issue of r.error.issues) {
    const field = String(issue.path[0] ?? '') as keyof ComposeFields;
    if (!(field in labels) || out[field]) continue;
    const described = describeIssue([issue]);
    const sentence = issueSentence(described, labels[field]);
    out[field] =
      field === 'cc' && issue.path.length > 1
        ? t('{0} (Cc address {1})', sentence, Number(issue.path[1]) + 1)
        : sentence;
  }
  return out;
}

export class ComposePage implements PageController {
  private values: ComposeFields;
  private errors: Partial<Record<keyof ComposeFields, string>> = {};

  constructor(
    readonly state: PageState,
    private readonly deps: ComposePageDeps,
    initial?: unknown,
  ) {
    this.values = pick(initial);
  }

  receive(initial: unknown): void {
    const given = pick(initial);
    if (Object.values(given).some(Boolean)) {
      this.values = given;
      this.errors = {};
    }
  }

  async render(): Promise<PageView> {
    // No email account: say so first (saving would fail with email_not_connected).
    const accounts = await this.deps.client.execute(ops.email.accounts).then(
      (r) => r.accounts.length,
      () => undefined,
    );
    const actions: PageActions = {
      save: async ({ fields }) => this.save(fields ?? {}),
      discard: async () => this.deps.close(),
      connect: async () => this.deps.runCommand('kallyai.email.connect'),
    };
    const v = this.values;
    const e = this.errors;
    const labels = LABELS();
    const field = (
      name: 'to' | 'cc' | 'subject',
      placeholder: string,
      hint?: string,
    ) => html`<div class="field${e[name] ? ' invalid' : ''}">
<label for="${name}">${labels[name]}</label>
<input type="text" id="${name}" name="${name}" value="${v[name] ?? ''}" placeholder="${placeholder}" spellcheck="${name === 'subject' ? 'true' : 'false'}"${e[name] ? html` aria-invalid="true" aria-describedby="${name}-error"` : ''}>
${e[name] ? html`<p class="field-error" id="${name}-error" role="alert">${icon('error')} ${e[name]}</p>` : hint ? html`<p class="muted hint">${hint}</p>` : ''}
</div>`;
    return {
      title: v.subject?.trim() ? t('New email — {0}', v.subject.trim().slice(0, 50)) : t('New email'),
      actions,
      body: html`
<h1>${t('Write an email')}</h1>
<p class="subtitle">${t('KallyAI saves it as a draft: nothing is sent until you approve it.')}</p>
${accounts === 0 ? html`<div class="callout error">${t('Connect an email account first: KallyAI sends from your own Gmail or Outlook.')}<div class="actions">${actionButton('connect', t('Connect an Email Account…'), 'plug', 'primary')}</div></div>` : ''}
<form data-action="save" data-fields class="compose">
${field('to', 'name@example.com')}
${field('cc', t('optional: addresses separated by commas'), t('Optional. Everyone in Cc gets the email too.'))}
${field('subject', t('What it is about'))}
<div class="field${e.body ? ' invalid' : ''}">
<label for="body">${labels.body}</label>
<textarea id="body" name="body" rows="14" placeholder="${t('Write the email here. Enter adds a line; Ctrl+Enter saves.')}"${e.body ? html` aria-invalid="true" aria-describedby="body-error"` : ''}>${v.body ?? ''}</textarea>
${e.body ? html`<p class="field-error" id="body-error" role="alert">${icon('error')} ${e.body}</p>` : ''}
</div>
<div class="actions"><button type="submit">${icon('save')}<span>${t('Save Draft for Approval')}</span></button>${actionButton('discard', t('Discard'), 'trash', 'danger')}</div>
</form>`,
    };
  }

  private async save(fields: Readonly<Record<string, string>>): Promise<void> {
    this.values = { to: fields.to ?? '', cc: fields.cc ?? '', subject: fields.subject ?? '', body: fields.body ?? '' };
    this.errors = draftErrors(this.values);
    if (Object.keys(this.errors).length) return;
    const r = await this.deps.pipeline.run(ops.actions.sendEmail, {
      input: { body: draftBody(this.values) },
      interactive: false,
    });
    // Saved: the draft page (opened by the operation's result) replaces this one.
    if (r.outcome === 'done') this.deps.close();
  }
}

function pick(x: unknown): ComposeFields {
  if (!x || typeof x !== 'object') return {};
  const o = x as Record<string, unknown>;
  const str = (v: unknown) =>
    typeof v === 'string' ? v : Array.isArray(v) ? v.filter((s) => typeof s === 'string').join(', ') : undefined;
  return { to: str(o.to), cc: str(o.cc), subject: str(o.subject), body: str(o.body) };
}
