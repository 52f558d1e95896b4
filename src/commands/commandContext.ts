/** What every hand-written command is given. Built once in registerCommands(). */
import type { Documents } from '../documents';
import type { ErrorPresenter } from '../pipeline/errors/presenter';
import type { PageKind } from '../pages/pageController';
import type { Pipeline } from '../pipeline/pipeline';
import type { Services } from '../services';
import type { Views } from '../views';

export interface CommandContext {
  readonly services: Services;
  readonly views: Views;
  readonly documents: Documents;
  readonly errors: ErrorPresenter;
  readonly pipeline: Pipeline;
  /** Opens (or reveals) the page of a thing. */
  openPage(kind: PageKind, id: string, initial?: unknown): Promise<unknown>;
}
