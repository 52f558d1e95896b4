/** Removes secrets and masks phone numbers in text bound for a log or an error message.
 *  Used by the output channel and by the API client's own logging. Tokens the extension holds
 *  are masked by value first (secretValues.ts); the patterns then catch the shapes of others. */
import { maskSecrets } from './secretValues';

/** A North American number written without "+": 12015550100, (201) 555-0100, 201-555-0100,
 *  1 201 555 0100. Area code and exchange start with 2–9, so epoch seconds (1…) and ids glued to
 *  letters, dashes or other digits (UUIDs, ms timestamps, decimals) are not numbers to mask. */
const NATIONAL_PHONE =
  /(?<![\w+-])(?<!\d\.)(?:1[\s.-]?)?(?:\(\s*[2-9]\d{2}\s*\)\s*|[2-9]\d{2}[\s.-]?)[2-9]\d{2}[\s.-]?\d{4}(?![\w-]|\.\d)/g;

type Pattern = [RegExp, string | ((m: string) => string)];

const SECRET_PATTERNS: Pattern[] = [
  [/(Bearer\s+)[\w.~+/=-]+/gi, '$1***'],
  // The separator (quotes, `=`, `:`, blanks) and the token's first character have nothing in
  // common, so the match cannot backtrack between them (linear on "token=====…").
  [/((?:access|refresh|id)_?token["'=:\s]+)[\w.~+/-][\w.~+/=-]{5,}/gi, '$1***'],
  [/\beyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g, '***'],
  [/(code_verifier|client_secret|code)=([^&\s]+)/g, '$1=***'],
  [/([?&](?:token|state|code_challenge|bot_token|id_token|identity_token|authorization_code)=)[^&\s]+/g, '$1***'],
];

const PHONE_PATTERNS: Pattern[] = [
  [/\+\d[\d\s().-]{6,}\d/g, (m) => maskPhone(m)],
  [/%2B\d{7,15}/gi, (m) => maskPhone(`+${m.slice(3)}`)],
  [NATIONAL_PHONE, (m) => maskNationalPhone(m)],
];

/** The digits of a matched number, in one pass (a match can be a megabyte of "2-2-2-…", where a
 *  replace of each non-digit would pay half a million times). */
function digitsOf(text: string): string {
  const digits = new Uint8Array(text.length);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) digits[n++] = c;
  }
  return Buffer.from(digits.buffer, 0, n).toString('latin1');
}

export function maskPhone(phone: string): string {
  const digits = digitsOf(phone);
  if (digits.length < 5) return '+***';
  return `+${digits.slice(0, 2)}${'•'.repeat(Math.max(3, digits.length - 4))}${digits.slice(-2)}`;
}

function maskNationalPhone(phone: string): string {
  const digits = digitsOf(phone);
  return `${digits.slice(0, 2)}${'•'.repeat(digits.length - 4)}${digits.slice(-2)}`;
}

function apply(text: string, patterns: readonly Pattern[]): string {
  let out = text;
  for (const [re, rep] of patterns) out = out.replace(re, rep as string);
  return out;
}

/** Tokens and credentials removed; phone numbers kept (text a person asked to see in full). */
export function redactSecrets(text: string): string {
  return apply(maskSecrets(text), SECRET_PATTERNS);
}

/** Phone numbers masked (+12•••••••00). */
export function maskPhoneNumbers(text: string): string {
  return apply(text, PHONE_PATTERNS);
}

export function redact(text: string): string {
  return maskPhoneNumbers(redactSecrets(text));
}
