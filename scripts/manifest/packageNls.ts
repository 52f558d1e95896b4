/** package.json's text in the display language: every field people read is a `%key%` resolved by
 *  package.nls.json (English) and package.nls.es.json (Spanish) — except the product name itself.
 *  Keys of the generated parts (command titles, language-model tools, the chat participant) are
 *  named after what they describe and take their Spanish from the runtime bundle
 *  (l10n/bundle.l10n.es.json), so each sentence is translated once; the hand-written parts (views,
 *  welcome content, settings, walkthrough) keep keys written by hand in both files. */

export type Nls = Record<string, string>;

/** Keys `npm run manifest` owns; any other key of the nls files is written by hand. */
const GENERATED_KEY = /^(command|tool|chat)\./;
export const isGeneratedKey = (key: string) => GENERATED_KEY.test(key);

/** The one literal package.json may show as it is, in every language. */
export const PRODUCT_NAME = 'KallyAI';

type Json = Record<string, unknown>;
interface Command {
  command: string;
  title: string;
  category?: string;
}
interface Tool {
  name: string;
  displayName: string;
  userDescription: string;
}
interface Participant {
  name: string;
  description: string;
  commands?: Array<{ name: string; description: string }>;
}

/** The generated contributions with their text replaced by `%key%`, and what each key says in English. */
export function keyGeneratedText(contributes: Json): { contributes: Json; nls: Nls } {
  const nls: Nls = {};
  const key = (name: string, english: string) => {
    nls[name] = english;
    return `%${name}%`;
  };
  const commands = (contributes.commands as Command[]).map((c) => ({
    ...c,
    title: key(`command.${c.command}`, c.title),
  }));
  const tools = (contributes.languageModelTools as Tool[]).map((t) => ({
    ...t,
    displayName: key(`tool.${t.name}.displayName`, t.displayName),
    userDescription: key(`tool.${t.name}.userDescription`, t.userDescription),
  }));
  const participants = (contributes.chatParticipants as Participant[]).map((p) => ({
    ...p,
    description: key(`chat.${p.name}.description`, p.description),
    ...(p.commands
      ? {
          commands: p.commands.map((c) => ({
            ...c,
            description: key(`chat.${p.name}.${c.name}.description`, c.description),
          })),
        }
      : {}),
  }));
  return { contributes: { ...contributes, commands, languageModelTools: tools, chatParticipants: participants }, nls };
}

/** An nls file with its generated keys rewritten (each translated when `translate` is given;
 *  one it cannot translate is left out, and the l10n test names it), hand-written keys kept. */
export function withGeneratedKeys(
  existing: Nls,
  generated: Nls,
  translate?: (english: string) => string | undefined,
): Nls {
  const kept = Object.entries(existing).filter(([k]) => !isGeneratedKey(k));
  const made = Object.entries(generated).flatMap(([k, english]): Array<[string, string]> => {
    const text = translate ? translate(english) : english;
    return text === undefined ? [] : [[k, text]];
  });
  return Object.fromEntries([...kept, ...made].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Where package.json shows text to people: [JSON path, value] for each such field. */
export function userFacingText(pkg: Json): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const add = (where: string, value: unknown) => {
    if (typeof value === 'string') out.push([where, value]);
    else if (Array.isArray(value)) value.forEach((v, i) => add(`${where}[${i}]`, v));
  };
  add('displayName', pkg.displayName);
  add('description', pkg.description);
  const c = pkg.contributes as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  for (const [i, v] of (c.viewsContainers?.activitybar ?? []).entries())
    add(`viewsContainers.activitybar[${i}].title`, v.title);
  for (const [container, views] of Object.entries(c.views ?? {}) as Array<
    [string, Array<{ id: string; name: string }>]
  >)
    for (const v of views) add(`views.${container}.${v.id}.name`, v.name);
  for (const [i, w] of (c.viewsWelcome ?? []).entries()) add(`viewsWelcome[${i}].contents`, w.contents);
  for (const cmd of c.commands ?? []) {
    add(`commands.${cmd.command}.title`, cmd.title);
    add(`commands.${cmd.command}.category`, cmd.category);
    add(`commands.${cmd.command}.shortTitle`, cmd.shortTitle);
  }
  for (const a of c.authentication ?? []) add(`authentication.${a.id}.label`, a.label);
  const configurations = Array.isArray(c.configuration) ? c.configuration : [c.configuration].filter(Boolean);
  for (const cfg of configurations) {
    add('configuration.title', cfg.title);
    for (const [name, p] of Object.entries(cfg.properties ?? {}) as Array<[string, Record<string, unknown>]>) {
      for (const field of [
        'description',
        'markdownDescription',
        'enumDescriptions',
        'markdownEnumDescriptions',
        'patternErrorMessage',
        'deprecationMessage',
        'markdownDeprecationMessage',
      ])
        add(`configuration.${name}.${field}`, p[field]);
    }
  }
  for (const t of c.languageModelTools ?? []) {
    add(`languageModelTools.${t.name}.displayName`, t.displayName);
    add(`languageModelTools.${t.name}.userDescription`, t.userDescription);
  }
  for (const p of c.chatParticipants ?? []) {
    add(`chatParticipants.${p.name}.fullName`, p.fullName);
    add(`chatParticipants.${p.name}.description`, p.description);
    for (const cmd of p.commands ?? []) add(`chatParticipants.${p.name}.${cmd.name}.description`, cmd.description);
  }
  for (const w of c.walkthroughs ?? []) {
    add(`walkthroughs.${w.id}.title`, w.title);
    add(`walkthroughs.${w.id}.description`, w.description);
    for (const s of w.steps ?? []) {
      add(`walkthroughs.${w.id}.${s.id}.title`, s.title);
      add(`walkthroughs.${w.id}.${s.id}.description`, s.description);
      add(`walkthroughs.${w.id}.${s.id}.media.altText`, s.media?.altText);
      // The step's page: its path is a key too, so each language shows its own Markdown (signIn.es.md).
      add(`walkthroughs.${w.id}.${s.id}.media.markdown`, s.media?.markdown);
    }
  }
  for (const s of c.submenus ?? []) add(`submenus.${s.id}.label`, s.label);
  return out;
}

/** A `%key%` reference, or undefined for a literal. */
export function nlsKeyOf(value: string): string | undefined {
  return /^%([^%\s]+)%$/.exec(value)?.[1];
}
