/** Shows an operation's result in the form its presentation entry declares: a status-bar
 *  confirmation, a notification with next actions, a read-only document rendered for people, an
 *  address opened in the browser, a pick list, or a saved file. */
import * as vscode from 'vscode';
import type { Documents } from '../../documents';
import { t } from '../../format';
import type { Log } from '../../platform/log';
import type { PageKind } from '../../presentation/pageKinds';
import type { NextAction, ResultContext, ResultSpec } from '../../presentation/entry';
import { linkRefusal, openExternalUrl } from '../../platform/openExternal';
import { fileName, notificationText, pickText, plainText } from '../../format/sinks';
import { info, statusMessage } from '../../platform/notify';
import { pickItems, pickOne } from '../../platform/quickInput';
import { askWhereToSave, savedFileOpener } from '../../platform/saveFile';

export interface ResultDeps {
  readonly documents: Documents;
  readonly log: Log;
  /** A file result goes here (a URI) instead of a save dialog. */
  readonly saveTo?: string;
  /** Opens (or reveals) the page of a thing. */
  openPage(kind: PageKind, id: string, initial?: unknown): Promise<unknown>;
  /** Whether a view is on screen: a next action that only shows it ("Open Credits View") is not offered then. */
  viewVisible?(view: string): boolean;
}

/** "kallyai.credits.focus" → "credits": the view a next action only shows. */
const FOCUS = /^kallyai\.(\w+)\.focus$/;

/** What the command returns besides the data (tests and chat read it). */
export interface Shown {
  readonly documentUri?: string;
  readonly url?: string;
  readonly message?: string;
  readonly picked?: string;
  readonly saved?: string;
  /** What the saved file's notification offers: the app that opens it, or a download. */
  readonly opener?: 'open' | 'download';
  /** The page shown ('goal:<id>'). */
  readonly page?: string;
}

export async function presentResult(spec: ResultSpec, ctx: ResultContext, deps: ResultDeps): Promise<Shown> {
  switch (spec.kind) {
    case 'status': {
      const message = spec.message(ctx);
      statusMessage(pickText(message));
      return { message };
    }
    case 'notify': {
      const message = spec.message(ctx);
      const actions = (spec.actions?.(ctx) ?? [])
        .filter((a) => {
          const view = FOCUS.exec(a.command)?.[1];
          return !view || !deps.viewVisible?.(view);
        })
        .map((a) => ({ ...a, button: plainText(a.title, 40) }));
      void info(notificationText(message), ...actions.map((a) => a.button))
        .then((choice) => {
          const action = actions.find((a) => a.button === choice);
          if (action) return run(action);
        })
        .then(undefined, (e) => deps.log.error('Next action failed', e));
      return { message };
    }
    case 'document': {
      const markdown = await spec.markdown(ctx);
      const uri = await deps.documents.showMarkdown(`${spec.path(ctx)}/${spec.title(ctx)}.md`, markdown.text, {
        preview: true,
      });
      return { documentUri: uri.toString() };
    }
    case 'open': {
      const url = spec.url(ctx);
      if (!url) throw Object.assign(new Error(t(spec.missing)), { name: 'ResultError' });
      // The address is the service's: only a web page is opened (src/platform/linkPolicy.ts).
      const refusal = linkRefusal(url);
      if (refusal) throw Object.assign(new Error(refusal), { name: 'ResultError' });
      await openExternalUrl(url);
      deps.log.info(`Opened ${new URL(url).host} in the browser`);
      return { url };
    }
    case 'pick': {
      const items = spec.items(ctx);
      if (items.length === 0) {
        void info(notificationText(t(spec.empty)));
        return { message: t(spec.empty) };
      }
      const chosen = await pickOne({
        placeholder: t(spec.placeholder),
        items: pickItems(items.map((i) => ({ ...i, value: i }))),
      });
      if (!chosen) return {};
      await run(chosen.run);
      return { picked: chosen.label };
    }
    case 'page': {
      const id = spec.id(ctx);
      if (!id) {
        if (spec.missing) void info(notificationText(t(spec.missing)));
        return { message: spec.missing && t(spec.missing) };
      }
      await deps.openPage(spec.page, id, spec.initial ? spec.initial(ctx) : ctx.data);
      return { page: `${spec.page}:${id}` };
    }
    case 'save': {
      const name = fileName(spec.fileName(ctx), spec.filter.extensions[0] ?? 'txt');
      const target = deps.saveTo
        ? vscode.Uri.parse(deps.saveTo)
        : await askWhereToSave(
            name,
            { label: plainText(t(spec.filter.label)), extensions: spec.filter.extensions },
            plainText(t('Save')),
          );
      if (!target) return {};
      await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(spec.text(ctx)));
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(target), { preview: true });
      // On the desktop the system opens it (the calendar app); in the web workbench the browser downloads it.
      const opener = savedFileOpener(target);
      const button = opener && plainText(opener.kind === 'open' ? t(spec.openWith) : t('Download'));
      void info(notificationText(t(spec.saved)), ...(button ? [button] : []))
        .then((c) => {
          if (c && c === button) return opener?.run();
        })
        .then(undefined, (e) => deps.log.error('Opening the saved file failed', e));
      return { saved: target.toString(), opener: opener?.kind };
    }
  }
}

function run(action: NextAction): Thenable<unknown> {
  return vscode.commands.executeCommand(action.command, ...(action.args ?? []));
}
