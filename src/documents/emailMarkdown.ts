/** The writing-voice profile as a document for people. The contract shows no response for it
 *  (§12): the fields the sandbox and REF-B suggest are named, anything else is shown generically.
 *  No `vscode` import. */
import type { VoiceProfile } from '../api/schemas/email';
import { blocks, md, shortDateTime, t, table, type Markdown } from '../format';
import { genericMarkdown } from './genericMarkdown';

const KNOWN = new Set([
  'trained',
  'samples_analyzed',
  'tone',
  'formality',
  'typical_greeting',
  'typical_sign_off',
  'updated_at',
]);

export function voiceProfileMarkdown(p: VoiceProfile): Markdown {
  const rows: Array<[string, string | undefined]> = [
    [t('Trained'), p.trained === undefined || p.trained === null ? undefined : p.trained ? t('yes') : t('not yet')],
    [
      t('Emails learned from'),
      p.samples_analyzed === undefined || p.samples_analyzed === null ? undefined : String(p.samples_analyzed),
    ],
    [t('Tone'), p.tone ?? undefined],
    [t('Formality'), p.formality ?? undefined],
    [t('Usual greeting'), p.typical_greeting ?? undefined],
    [t('Usual sign-off'), p.typical_sign_off ?? undefined],
    [t('Last trained'), shortDateTime(p.updated_at) ?? undefined],
  ];
  const shown = rows.filter((r): r is [string, string] => r[1] !== undefined && r[1] !== '');
  const rest = Object.fromEntries(Object.entries(p).filter(([k]) => !KNOWN.has(k)));
  return blocks(
    md`# ${t('Your writing voice')}`,
    md`${t('KallyAI writes your replies and drafts in this voice. Train it again from sent emails that sound like you with "KallyAI: Train Voice…".')}`,
    shown.length ? table([t('Field'), t('Value')], shown) : md`_${t('KallyAI has not learned your voice yet.')}_`,
    Object.keys(rest).length ? genericMarkdown(t('More about your voice'), rest) : undefined,
  );
}
