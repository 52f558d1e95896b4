/** The language of what a person reads through the MCP server (the consent questions): the one the
 *  request asks for (`_meta["io.modelcontextprotocol/acceptLanguage"]`, an Accept-Language value,
 *  as proposed in MCP SEP-2792), else the one the client said it shows (`--locale`; VS Code passes
 *  its display language), else the environment's (LC_ALL, LC_MESSAGES, LANG), else English. KallyAI
 *  speaks English and Spanish; the Spanish is the extension's own bundle (l10n/bundle.l10n.es.json),
 *  through the format module's translator. What models read (tool descriptions, answers) stays
 *  English. No `vscode`. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { configureFormat, fillPlaceholders, type Translate } from '../format/locale';
import type { Wording } from '../pipeline/operationRequest';

export type Language = 'en' | 'es';

export const ACCEPT_LANGUAGE_META = 'io.modelcontextprotocol/acceptLanguage';

/** A BCP 47 tag or a POSIX locale (`es_ES.UTF-8`) as one of KallyAI's languages. */
export function languageOfTag(tag: string | undefined): Language | undefined {
  const primary = tag
    ?.trim()
    .toLowerCase()
    .split(/[-_.@]/)[0];
  return primary === 'es' || primary === 'en' ? primary : undefined;
}

/** The first of KallyAI's languages an Accept-Language value prefers (by q, then by order);
 *  `*` means any, so English. */
export function languageOfAcceptLanguage(value: string): Language | undefined {
  const ranges = value
    .slice(0, 1000)
    .split(',')
    .map((part, index) => {
      const [range, ...params] = part.split(';').map((x) => x.trim());
      const q = params.find((p) => p.startsWith('q='));
      const weight = q ? Number(q.slice(2)) : 1;
      return { range, weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter((r) => r.range && r.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  for (const { range } of ranges) {
    if (range === '*') return 'en';
    const language = languageOfTag(range);
    if (language) return language;
  }
  return undefined;
}

/** The environment's language, as POSIX programs read it. */
export function languageOfEnvironment(env: NodeJS.ProcessEnv): Language | undefined {
  const value = env.LC_ALL || env.LC_MESSAGES || env.LANG;
  return languageOfTag(value);
}

export class Languages {
  private spanish: Translate | undefined;

  /** `fallback`: the client's (--locale), else the environment's, else English. */
  constructor(
    private readonly l10nDir: string,
    readonly fallback: Language,
  ) {}

  /** The language a request asks for in its `_meta`, else the fallback. */
  forRequest(meta: Record<string, unknown> | undefined): Language {
    const asked = meta?.[ACCEPT_LANGUAGE_META];
    return (typeof asked === 'string' ? languageOfAcceptLanguage(asked) : undefined) ?? this.fallback;
  }

  /** Builds sentences in `language`, then puts English back (what models read). Synchronous, so
   *  requests in different languages never see each other's translator. */
  words(language: Language): Wording {
    return <T>(build: () => T): T => {
      if (language === 'en') return build();
      configureFormat({ locale: language, t: this.translator() });
      try {
        return build();
      } finally {
        configureFormat({ locale: 'en' });
      }
    };
  }

  /** The Spanish bundle, read once; untranslated strings stay English (as vscode.l10n.t does). */
  private translator(): Translate {
    if (!this.spanish) {
      let bundle: Record<string, string> = {};
      try {
        const parsed: unknown = JSON.parse(readFileSync(join(this.l10nDir, 'bundle.l10n.es.json'), 'utf8'));
        if (parsed && typeof parsed === 'object') bundle = parsed as Record<string, string>;
      } catch {
        // No bundle beside the server: English it is.
      }
      this.spanish = (message, ...args) =>
        fillPlaceholders(typeof bundle[message] === 'string' ? bundle[message] : message, ...args);
    }
    return this.spanish;
  }
}
