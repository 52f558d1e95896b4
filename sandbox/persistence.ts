/** --state FILE: load at start, save on change (debounced, atomic rename), flush on close. */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { SandboxState } from './state';

const DEBOUNCE_MS = 200;

export function loadState(path: string): SandboxState | undefined {
  if (!existsSync(path)) return undefined;
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as SandboxState;
  if (!parsed || parsed.version !== 1 || !Array.isArray(parsed.calls)) throw new Error(`${path} is not a KallyAI sandbox state file.`);
  return parsed;
}

export function saveStateNow(path: string, state: SandboxState): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(state), { mode: 0o600 });
  renameSync(tmp, path);
}

export class StateSaver {
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly path: string, private readonly current: () => SandboxState) {}

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
