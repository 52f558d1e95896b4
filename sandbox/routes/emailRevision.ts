/** Revising an email draft through the coordination AI. The contract has no endpoint for it: the
 *  client sends POST /v1/coordination/message with the draft and the person's instructions (see
 *  src/models/email.ts `revisionRequest`), and a server that understands it revises the draft in
 *  place (same id) and names it in the answer (`draft_id`, `draft`). The sandbox recognises the
 *  request by its first line and its "Draft id:" line and rewrites the draft deterministically. */
import { iso } from '../clock';
import type { Sandbox } from '../context';
import type { OutboxEmail } from '../state';

export interface RevisionRequest {
  draftId: string;
  instructions: string;
}

/** The request, when the message asks to revise a draft. */
export function revisionRequestOf(message: string): RevisionRequest | undefined {
  if (!/^Revise my email draft\b/i.test(message.trim())) return undefined;
  const draftId = /^Draft id:\s*(\S+)\s*$/im.exec(message)?.[1];
  const instructions = /^Instructions:\s*(.*)/im.exec(message)?.[1]?.trim() ?? '';
  return draftId ? { draftId, instructions } : undefined;
}

const SIGN_OFF = /^(best|best regards|kind regards|regards|thanks|thank you|cheers|sincerely)[,!.]?\s*(\n.*)?$/i;

/** Rewrites the draft as the instructions ask; returns what changed, in a sentence. */
export function revise(sb: Sandbox, draft: OutboxEmail, instructions: string): string {
  const wants = instructions.toLowerCase();
  const paragraphs = draft.body
    .replace(/\r\n?/g, '\n')
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter(Boolean);
  const signOffAt = paragraphs.findIndex((p, i) => i > 0 && SIGN_OFF.test(p));
  const signOff = signOffAt >= 0 ? paragraphs.slice(signOffAt) : [];
  let content = signOffAt >= 0 ? paragraphs.slice(0, signOffAt) : paragraphs;
  const changes: string[] = [];
  if (/\b(short|shorter|brief|concise)\b/.test(wants)) {
    content = content.slice(0, 2).map((p, i) => (i === 1 ? (/^.*?[.!?](\s|$)/.exec(p)?.[0].trim() ?? p) : p));
    changes.push('made it shorter');
  }
  if (/\bformal\b/.test(wants)) {
    if (content.length && /^(hi|hello|hey)\b/i.test(content[0]))
      content[0] = content[0].replace(/^(hi|hello|hey)( all)?\b/i, 'Dear all');
    signOff.splice(0, signOff.length, 'Kind regards,\nDemo User');
    changes.push('made it more formal');
  }
  if (/\burgent\b/.test(wants) && !/^urgent:/i.test(draft.subject)) {
    draft.subject = `Urgent: ${draft.subject}`;
    changes.push('marked the subject urgent');
  }
  const addition = /\b(?:mention|add|say|tell them|include|note)\s+(?:that\s+)?([^.;\n]+)/i.exec(
    instructions.trim(),
  )?.[1];
  if (addition || changes.length === 0) {
    const sentence = (addition ?? instructions).trim().replace(/(?<![.!?])[.!?]*$/, '.');
    content.push(sentence.charAt(0).toUpperCase() + sentence.slice(1));
    changes.push(addition ? 'added what you asked to mention' : 'worked in your instructions');
  }
  draft.body = [...content, ...signOff].join('\n\n');
  draft.revision = (draft.revision ?? 0) + 1;
  draft.updated_at = iso();
  sb.changed();
  return changes.join(' and ');
}
