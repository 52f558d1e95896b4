// PLACEHOLDER until the views issue lands.
import type { Documents } from '../documents';
import type { Services } from '../services';

export interface Views {
  /** Refresh every view (or the named ones). */
  refresh(which?: Array<'goals' | 'calls' | 'inbox' | 'credits'>): void;
  /** Reveal a goal's node in the Goals view. */
  revealGoal(goalId: string): Promise<void>;
}

export function registerViews(_services: Services, _documents: Documents): Views {
  return { refresh: () => {}, revealGoal: async () => {} };
}
