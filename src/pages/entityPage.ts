/** The skeleton of a page that shows one thing loaded by its id (a goal, a call, a call KallyAI answered):
 *  the first render shows what the command that opened the page had just read, every later render
 *  loads the thing again, and a thing that cannot be loaded becomes the "could not be loaded" page
 *  with Retry. Each page says how to load its thing and what to show of it; its buttons run an
 *  operation on the thing through the pipeline (with its consent) or a command. */
import type { KallyClient } from '../api/client';
import type { Operation } from '../api/operation';
import type { Html } from '../format';
import type { Pipeline, RunRequest } from '../pipeline/pipeline';
import type { PageAction, PageActions, PageController, PageState, PageView } from './pageController';
import { actionButton, loadFailed } from './pageParts';

export interface EntityPageDeps {
  readonly client: KallyClient;
  readonly pipeline: Pipeline;
  runCommand(id: string, ...args: unknown[]): Promise<unknown>;
}

/** What the page of a thing that can be live (a call in progress) needs besides. */
export interface LiveEntityPageDeps extends EntityPageDeps {
  /** Renders the page again after a delay (while the thing is live). */
  refreshLater(ms: number): void;
}

/** How soon the page of a live thing renders again. */
export const LIVE_REFRESH_MS = 3_000;

export abstract class EntityPage<T, D extends EntityPageDeps = EntityPageDeps> implements PageController {
  /** The thing as the command that opened the page just read it (used once, for the first render). */
  private initial: T | undefined;

  constructor(
    readonly state: PageState,
    protected readonly deps: D,
    initial?: unknown,
  ) {
    this.initial = initial as T | undefined;
  }

  /** What the page shows, in a word ("Call"), for the page shown when it cannot be loaded. */
  protected abstract what(): string;

  /** Reads the thing with this page's id. */
  protected abstract load(id: string): Promise<T>;

  /** The page of the thing (it may read more, e.g. a transcript). */
  protected abstract show(thing: T): Promise<PageView>;

  async render(): Promise<PageView> {
    let thing: T;
    try {
      thing = this.initial ?? (await this.load(this.state.id));
      this.initial = undefined;
    } catch (e) {
      return loadFailed(this.what(), e);
    }
    return this.show(thing);
  }

  /** The buttons of the page of `target`, in the order they are offered, and the action each asks for:
   *  `operation` runs through the pipeline on the target, `command` runs a command with its arguments. */
  protected buttonsFor(target: NonNullable<RunRequest['target']>) {
    const actions: PageActions = {};
    const buttons: Html[] = [];
    const offer = (
      name: string,
      label: string,
      codicon: string,
      style: 'primary' | 'secondary' | 'danger',
      action: PageAction,
    ) => {
      actions[name] = action;
      buttons.push(actionButton(name, label, codicon, style));
    };
    return {
      actions,
      buttons,
      operation: (
        name: string,
        label: string,
        codicon: string,
        op: Operation,
        style: 'primary' | 'secondary' | 'danger' = 'secondary',
      ) => offer(name, label, codicon, style, async () => this.deps.pipeline.run(op, { target })),
      command: (
        name: string,
        label: string,
        codicon: string,
        id: string,
        args: unknown,
        style: 'primary' | 'secondary' = 'secondary',
      ) => offer(name, label, codicon, style, async () => this.deps.runCommand(id, args)),
    };
  }
}
