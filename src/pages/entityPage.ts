/** The skeleton of a page that shows one thing loaded by its id (a goal, a call, a call KallyAI answered):
 *  the first render shows what the command that opened the page had just read, every later render
 *  loads the thing again, and a thing that cannot be loaded becomes the "could not be loaded" page
 *  with Retry. Each page says how to load its thing and what to show of it. */
import type { KallyClient } from '../api/client';
import type { Pipeline } from '../pipeline/pipeline';
import type { PageController, PageState, PageView } from './pageController';
import { loadFailed } from './pageParts';

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

  constructor(readonly state: PageState, protected readonly deps: D, initial?: unknown) {
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
}
