import * as vscode from 'vscode';
import { parseDynamic, type DynamicDocument } from './paths';

const FRESH_MS = 5_000;
const encoder = new TextEncoder();

interface Entry { bytes: Uint8Array; mtime: number; ctime: number }

/** The read-only `kallyai:` file system. Two kinds of files:
 *  - in-memory documents (`put`): the Ask conversation, a budget breakdown… Updating one fires a
 *    change, so an open editor and its Markdown preview follow;
 *  - fetched documents (transcripts, call details, messages, threads): rendered on read from the
 *    API, kept a few seconds so that stat + read make one request. */
export class KallyFileSystem implements vscode.FileSystemProvider, vscode.Disposable {
  private readonly memory = new Map<string, Entry>();
  private readonly fetched = new Map<string, { entry: Promise<Entry>; at: number }>();
  private readonly emitter = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.emitter.event;

  constructor(private readonly render: (doc: DynamicDocument) => Promise<string>) {}

  /** Creates or replaces an in-memory document; an open editor reloads it. */
  put(uri: vscode.Uri, text: string): void {
    const existing = this.memory.get(uri.path);
    const now = Math.max(Date.now(), (existing?.mtime ?? 0) + 1);
    this.memory.set(uri.path, { bytes: encoder.encode(text), mtime: now, ctime: existing?.ctime ?? now });
    this.emitter.fire([{ type: existing ? vscode.FileChangeType.Changed : vscode.FileChangeType.Created, uri }]);
  }

  /** Drops a fetched document so the next read fetches it again, and tells open editors. */
  invalidate(uri: vscode.Uri): void {
    if (this.fetched.delete(uri.path)) this.emitter.fire([{ type: vscode.FileChangeType.Changed, uri }]);
  }

  private load(uri: vscode.Uri): Promise<Entry> {
    const inMemory = this.memory.get(uri.path);
    if (inMemory) return Promise.resolve(inMemory);
    const doc = parseDynamic(uri);
    if (!doc) return Promise.reject(vscode.FileSystemError.FileNotFound(uri));
    const cached = this.fetched.get(uri.path);
    if (cached && Date.now() - cached.at < FRESH_MS) return cached.entry;
    const entry = this.render(doc).then((text) => {
      const now = Date.now();
      return { bytes: encoder.encode(text), mtime: now, ctime: now };
    });
    this.fetched.set(uri.path, { entry, at: Date.now() });
    entry.catch(() => this.fetched.delete(uri.path));
    return entry;
  }

  private isDirectory(uri: vscode.Uri): boolean {
    if (this.memory.has(uri.path) || parseDynamic(uri)) return false;
    const prefix = uri.path.endsWith('/') ? uri.path : `${uri.path}/`;
    return uri.path === '/' || [...this.memory.keys()].some((p) => p.startsWith(prefix)) || /^\/(calls|inbox|threads|goals)(\/[^/]+){0,2}$/.test(uri.path);
  }

  async stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    if (this.isDirectory(uri)) return { type: vscode.FileType.Directory, ctime: 0, mtime: 0, size: 0, permissions: vscode.FilePermission.Readonly };
    const e = await this.load(uri).catch((err) => {
      throw err instanceof vscode.FileSystemError ? err : vscode.FileSystemError.Unavailable(err instanceof Error ? err.message : String(err));
    });
    return { type: vscode.FileType.File, ctime: e.ctime, mtime: e.mtime, size: e.bytes.byteLength, permissions: vscode.FilePermission.Readonly };
  }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    try {
      return (await this.load(uri)).bytes;
    } catch (err) {
      if (err instanceof vscode.FileSystemError) throw err;
      throw vscode.FileSystemError.Unavailable(err instanceof Error ? err.message : String(err));
    }
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

  createDirectory(uri: vscode.Uri): never { throw vscode.FileSystemError.NoPermissions(uri); }
  writeFile(uri: vscode.Uri): never { throw vscode.FileSystemError.NoPermissions(uri); }
  delete(uri: vscode.Uri): never { throw vscode.FileSystemError.NoPermissions(uri); }
  rename(uri: vscode.Uri): never { throw vscode.FileSystemError.NoPermissions(uri); }

  dispose(): void {
    this.emitter.dispose();
  }
}
