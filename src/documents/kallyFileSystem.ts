import * as vscode from 'vscode';

const encoder = new TextEncoder();

interface Entry {
  bytes: Uint8Array;
  mtime: number;
  ctime: number;
}

/** The read-only `kallyai:` file system: in-memory documents (`put`). Updating one fires a change,
 *  so an open editor and its Markdown preview follow. */
export class KallyFileSystem implements vscode.FileSystemProvider, vscode.Disposable {
  private readonly memory = new Map<string, Entry>();
  private readonly emitter = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.emitter.event;

  /** Creates or replaces an in-memory document; an open editor reloads it. */
  put(uri: vscode.Uri, text: string): void {
    const existing = this.memory.get(uri.path);
    const now = Math.max(Date.now(), (existing?.mtime ?? 0) + 1);
    this.memory.set(uri.path, { bytes: encoder.encode(text), mtime: now, ctime: existing?.ctime ?? now });
    this.emitter.fire([{ type: existing ? vscode.FileChangeType.Changed : vscode.FileChangeType.Created, uri }]);
  }

  private load(uri: vscode.Uri): Entry {
    const entry = this.memory.get(uri.path);
    if (!entry) throw vscode.FileSystemError.FileNotFound(uri);
    return entry;
  }

  private isDirectory(uri: vscode.Uri): boolean {
    if (this.memory.has(uri.path)) return false;
    const prefix = uri.path.endsWith('/') ? uri.path : `${uri.path}/`;
    return uri.path === '/' || [...this.memory.keys()].some((p) => p.startsWith(prefix));
  }

  async stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    if (this.isDirectory(uri))
      return {
        type: vscode.FileType.Directory,
        ctime: 0,
        mtime: 0,
        size: 0,
        permissions: vscode.FilePermission.Readonly,
      };
    const e = this.load(uri);
    return {
      type: vscode.FileType.File,
      ctime: e.ctime,
      mtime: e.mtime,
      size: e.bytes.byteLength,
      permissions: vscode.FilePermission.Readonly,
    };
  }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    return this.load(uri).bytes;
  }

  readDirectory(uri: vscode.Uri): [string, vscode.FileType][] {
    const prefix = uri.path.endsWith('/') ? uri.path : `${uri.path}/`;
    const names = new Map<string, vscode.FileType>();
    for (const p of this.memory.keys()) {
      if (!p.startsWith(prefix)) continue;
      const [head, ...rest] = p.slice(prefix.length).split('/');
      names.set(head, rest.length ? vscode.FileType.Directory : vscode.FileType.File);
    }
    return [...names];
  }

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => {});
  }

  createDirectory(uri: vscode.Uri): never {
    throw vscode.FileSystemError.NoPermissions(uri);
  }
  writeFile(uri: vscode.Uri): never {
    throw vscode.FileSystemError.NoPermissions(uri);
  }
  delete(uri: vscode.Uri): never {
    throw vscode.FileSystemError.NoPermissions(uri);
  }
  rename(uri: vscode.Uri): never {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  dispose(): void {
    this.emitter.dispose();
  }
}
