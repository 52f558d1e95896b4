/** What `npm run manifest` writes, computed from the tables in src and the files as they are:
 *  package.json (commands, menus, tools, the chat participant — their text as `%keys%`), the
 *  README's command and tool tables, and the generated keys of package.nls.json and
 *  package.nls.es.json. The unit tests compare the files with this. No `vscode`. */
import { CHAT_PARTICIPANT } from '../../src/chat/chatCommands';
import { withManifest, withReadmeTable } from './commandManifest';
import { allCommands } from '../../src/presentation';
import { languageModelTools, withReadmeToolTable } from './toolManifest';
import { tools } from '../../src/tools/toolTable';
import { keyGeneratedText, withGeneratedKeys, type Nls } from './packageNls';

export interface ManifestFiles {
  readonly pkg: { contributes: Record<string, unknown> } & Record<string, unknown>;
  readonly readme: string;
  /** package.nls.json */
  readonly nls: Nls;
  /** package.nls.es.json */
  readonly nlsEs: Nls;
}

/** The files as `npm run manifest` leaves them; `bundleEs` (l10n/bundle.l10n.es.json) gives the Spanish. */
export function buildManifest(current: ManifestFiles, bundleEs: Nls): ManifestFiles {
  const generated = withManifest(current.pkg, allCommands);
  const contributes = JSON.parse(
    JSON.stringify({
      ...generated.contributes,
      chatParticipants: [CHAT_PARTICIPANT],
      languageModelTools: languageModelTools(tools),
    }),
  ) as Record<string, unknown>;
  const keyed = keyGeneratedText(contributes);
  return {
    pkg: { ...generated, contributes: keyed.contributes },
    readme: withReadmeToolTable(withReadmeTable(current.readme, allCommands), tools),
    nls: withGeneratedKeys(current.nls, keyed.nls),
    nlsEs: withGeneratedKeys(current.nlsEs, keyed.nls, (english) => bundleEs[english]),
  };
}
