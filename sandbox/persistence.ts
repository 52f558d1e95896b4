/** --state FILE: load at start, save on change (debounced, atomic rename), flush on close. */
import { renameSync, writeFileSync } from 'node:fs';
import { readStateFile } from './stateFile';
import type { SandboxState } from './state';

const DEBOUNCE_MS = 200;

/** The state saved in `path` (missing parts filled, wrong ones refused: stateFile.ts), or
 *  undefined when the file does not exist yet. */
export function loadState(path: string): SandboxState | undefined {
  return readStateFile(path);
}

export function saveStateNow(path: string, state: SandboxState): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(state), { mode: 0o600 });
  renameSync(tmp, path);
}

export class StateSaver {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly path: string,
    private readonly current: () => SandboxState,
  ) {}

  schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      saveStateNow(this.path, this.current());
    }, DEBOUNCE_MS);
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    saveStateNow(this.path, this.current());
  }
}
