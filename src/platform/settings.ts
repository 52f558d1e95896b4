import * as vscode from 'vscode';

/** Typed access to the `kallyai.*` settings. Read on use, so a change applies without a reload. */
export interface Settings {
  readonly apiBaseUrl: string;
  readonly timezone: string;
  readonly language: 'en' | 'es';
  readonly defaultCountry: string;
  readonly pollIntervalSeconds: number;
  readonly lowCreditThreshold: number;
  readonly oauthClientId: string;
}

export function readSettings(): Settings {
  const c = vscode.workspace.getConfiguration('kallyai');
  // Unset (''), KallyAI speaks the language VS Code is displayed in.
  const chosen = c.get<string>('language');
  const language =
    chosen === 'en' || chosen === 'es' ? chosen : vscode.env.language.toLowerCase().startsWith('es') ? 'es' : 'en';
  return {
    apiBaseUrl: (c.get<string>('apiBaseUrl') || 'https://api.kallyai.com').replace(/(?<!\/)\/+$/, ''),
    // A getter: the machine's zone comes from Intl, whose first use loads time-zone data (~10 ms),
    // and only the call wizard and date formatting need it — not activation.
    get timezone() {
      return c.get<string>('timezone') || Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
    },
    language,
    defaultCountry: (c.get<string>('defaultCountry') || 'US').toUpperCase(),
    pollIntervalSeconds: Math.max(0, c.get<number>('pollIntervalSeconds') ?? 60),
    lowCreditThreshold: Math.max(0, c.get<number>('lowCreditThreshold') ?? 10),
    oauthClientId: c.get<string>('oauth.clientId') || '',
  };
}
