/** What every command handler of this folder is given. Built once in registerCommands(). */
import type { Documents } from '../documents';
import type { Services } from '../services';
import type { Views } from '../views';
import type { ErrorPresenter } from './errorPresenter';

export interface CommandContext {
  readonly services: Services;
  readonly views: Views;
  readonly documents: Documents;
  readonly errors: ErrorPresenter;
}
