/** The UI language and the translator every formatter uses. `activate()` configures them once
 *  (vscode.env.language and vscode.l10n.t); plain Node (unit tests, scripts) keeps the defaults:
 *  English, and `{0}` placeholders filled in. No `vscode` import, so the formatters run anywhere. */
export type Translate = (message: string, ...args: Array<string | number | boolean>) => string;

/** Fills `{0}`, `{1}`… the way vscode.l10n.t does for an untranslated string. */
export const fillPlaceholders: Translate = (message, ...args) =>
  message.replace(/\{(\d+)\}/g, (whole, index: string) =>
    Number(index) < args.length ? String(args[Number(index)]) : whole,
  );

let current = { locale: 'en', t: fillPlaceholders };

export function configureFormat(options: { locale?: string; t?: Translate }): void {
  current = { locale: options.locale || 'en', t: options.t ?? fillPlaceholders };
}

/** BCP 47 tag of the UI language, e.g. "en", "es". */
export function locale(): string {
  return current.locale;
}

/** Translates a UI string (vscode.l10n.t once configured). */
export const t: Translate = (message, ...args) => current.t(message, ...args);
