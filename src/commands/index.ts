// PLACEHOLDER until the call/ask issue lands.
import type { Documents } from '../documents';
import type { Services } from '../services';
import type { Views } from '../views';

export function registerCommands(_services: Services, _views: Views, _documents: Documents): void {}
