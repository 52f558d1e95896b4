/** The token file the `kallyai` CLI and the MCP servers share (contract §2.5),
 *  `~/.kallyai_token.json`. Read leniently: a float `expires_at` (the CLI's), an integer one
 *  (MCP's), a `null` refresh token. The extension only ever reads it (never writes, chmods or
 *  touches it, whatever its mode); KallyAI's own MCP server run on its own (src/mcp) signs in and
 *  renews its tokens in it as the CLI does — `writeCliTokenFile`: mode 0600, written whole under
 *  another name and renamed over, never through a symbolic link, `expires_at` in whole seconds with
 *  the CLI's 60-second margin. Only a regular file of a sane size is read (not a symbolic link, a
 *  FIFO, a device or a folder: a FIFO would block the read forever). On POSIX a file that its
 *  group or other users may read or write (`mode & 0o077`) is refused before it is read, as the
 *  official KallyAI MCP server refuses it: the CLI writes 0600, and a token others can read is not
 *  one to adopt. The refusal carries the exact `chmod 600 <path>` to run. A file carries the API
 *  origin it belongs to (`api_origin`) only when that is not KallyAI's own, which is the origin of
 *  a file without one. No `vscode` here. */
import { randomUUID } from 'node:crypto';
import { constants, type Stats } from 'node:fs';
import { lstat, open, rename, unlink } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_API_BASE_URL, originOf } from '../api/apiAddress';
import { AuthFlowError } from './authErrors';
import { tokenSetFromFields, type TokenSet } from './tokens';

export const CLI_TOKEN_FILE_NAME = '.kallyai_token.json';
/** A token file is a few hundred bytes; anything past this is not one. */
export const MAX_CLI_TOKEN_FILE_BYTES = 64 * 1024;

export interface CliTokenFile {
  tokens: TokenSet;
  /** The API origin the tokens were issued by (`api_origin`, else KallyAI's own). */
  origin: string;
}

/** The CLI's margin: a file's `expires_at` is 60 s before the token really expires. */
const CLI_MARGIN_SECONDS = 60;

/** The command that makes the file private again, ready to paste into a POSIX shell. */
export function chmodCommand(path: string): string {
  return `chmod 600 ${/^[\w@%+=:,./-]+$/.test(path) ? path : `'${path.replace(/'/g, "'\\''")}'`}`;
}

export function defaultCliTokenPath(): string {
  return join(homedir(), CLI_TOKEN_FILE_NAME);
}

/** True when something is at the path (whether it is a usable token file is for the import to say). */
export async function cliTokenFileExists(path = defaultCliTokenPath()): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch {
    return false;
  }
}

/** The token set in the file. Throws `file_exposed` when others may read or write it (POSIX),
 *  `file_unavailable` when it is missing, unreadable, not a regular file, too large or not a
 *  token file. The file's `expires_at` already has the CLI's 60-second margin applied. */
export async function readCliTokenFile(path = defaultCliTokenPath(), now = Date.now()): Promise<CliTokenFile> {
  const { text } = await readRegularFile(path);
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new AuthFlowError('file_unavailable', 'The kallyai CLI token file is not valid JSON.', { cause: e });
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) {
    throw new AuthFlowError('file_unavailable', 'The kallyai CLI token file holds no token.');
  }
  const fields = json as Record<string, unknown>;
  let tokens: TokenSet;
  try {
    tokens = tokenSetFromFields(fields, now);
  } catch (e) {
    throw new AuthFlowError('file_unavailable', 'The kallyai CLI token file holds no access token.', { cause: e });
  }
  const declared = typeof fields.api_origin === 'string' ? originOf(fields.api_origin) : undefined;
  if (fields.api_origin !== undefined && declared !== fields.api_origin) {
    throw new AuthFlowError('file_unavailable', 'The kallyai CLI token file names an API origin that is not one.');
  }
  return { tokens, origin: declared ?? DEFAULT_API_BASE_URL };
}

/** Writes the tokens as the CLI does (compact JSON, `expires_at` in whole seconds with its margin,
 *  a `null` refresh token when there is none), mode 0600: into a new file beside it, then renamed
 *  over it, so a reader never sees half a file. Something at the path that is not a regular file
 *  (a symbolic link, a folder) is refused, never followed. */
export async function writeCliTokenFile(
  path: string,
  tokens: TokenSet,
  origin: string = DEFAULT_API_BASE_URL,
): Promise<void> {
  await refuseUnlessRegularOrMissing(path);
  const fields = {
    access_token: tokens.accessToken,
    refresh_token: tokens.refreshToken ?? null,
    expires_at: Math.floor(tokens.expiresAt / 1000) - CLI_MARGIN_SECONDS,
    ...(origin === DEFAULT_API_BASE_URL ? {} : { api_origin: origin }),
  };
  const temporary = `${path}.${randomUUID()}.tmp`;
  const handle = await open(
    temporary,
    constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0),
    0o600,
  );
  try {
    try {
      await handle.writeFile(JSON.stringify(fields), 'utf8');
      // The mode asked for at creation is narrowed by the umask, never widened; this makes it exact.
      if (process.platform !== 'win32') await handle.chmod(0o600);
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
  } catch (e) {
    await unlink(temporary).catch(() => undefined);
    throw new AuthFlowError('file_unavailable', 'The KallyAI token file could not be written.', { cause: e });
  }
}

/** Signs out as `kallyai logout` does: the file is deleted (nothing is sent). A missing file is
 *  already signed out; something that is not a regular file is left alone and refused. */
export async function deleteCliTokenFile(path: string): Promise<boolean> {
  const there = await refuseUnlessRegularOrMissing(path);
  if (!there) return false;
  await unlink(path);
  return true;
}

async function refuseUnlessRegularOrMissing(path: string): Promise<boolean> {
  let info: Stats;
  try {
    info = await lstat(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw unreadable(e);
  }
  refuseUnlessRegular(info);
  return true;
}

/** lstat first (a link or a FIFO is refused before it is opened), then open without following a
 *  link and without blocking, and check the opened file is the one that was looked at. */
async function readRegularFile(path: string): Promise<{ text: string }> {
  let info: Stats;
  try {
    info = await lstat(path);
  } catch (e) {
    throw unreadable(e);
  }
  refuseUnlessRegular(info);
  refuseIfExposed(info, path);
  let handle;
  try {
    handle = await open(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    throw unreadable(e);
  }
  try {
    const opened = await handle.stat();
    refuseUnlessRegular(opened);
    refuseIfExposed(opened, path);
    if (opened.ino !== info.ino || opened.dev !== info.dev) {
      throw new AuthFlowError('file_unavailable', 'The kallyai CLI token file changed while it was being read.');
    }
    const buffer = Buffer.alloc(MAX_CLI_TOKEN_FILE_BYTES + 1);
    let size = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, size, buffer.length - size, size);
      if (bytesRead === 0) break;
      size += bytesRead;
      if (size > MAX_CLI_TOKEN_FILE_BYTES) throw tooLarge();
    }
    return { text: buffer.subarray(0, size).toString('utf8') };
  } finally {
    await handle.close();
  }
}

function refuseUnlessRegular(info: Stats): void {
  if (info.isSymbolicLink()) {
    throw new AuthFlowError(
      'file_unavailable',
      `The kallyai CLI token file is a symbolic link; only a regular file is read (${CLI_TOKEN_FILE_NAME}).`,
    );
  }
  if (!info.isFile()) {
    throw new AuthFlowError(
      'file_unavailable',
      `The kallyai CLI token file is not a regular file (it is ${kindOf(info)}).`,
    );
  }
  if (info.size > MAX_CLI_TOKEN_FILE_BYTES) throw tooLarge();
}

function kindOf(info: Stats): string {
  if (info.isDirectory()) return 'a folder';
  if (info.isFIFO()) return 'a named pipe';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  if (info.isSocket()) return 'a socket';
  return 'not a file';
}

function tooLarge(): AuthFlowError {
  return new AuthFlowError(
    'file_unavailable',
    `The kallyai CLI token file is larger than ${MAX_CLI_TOKEN_FILE_BYTES / 1024} KB, so it is not a token file.`,
  );
}

function unreadable(e: unknown): AuthFlowError {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT')
    return new AuthFlowError('file_unavailable', `No kallyai CLI sign-in was found (${CLI_TOKEN_FILE_NAME}).`, {
      cause: e,
    });
  if (code === 'ELOOP')
    return new AuthFlowError(
      'file_unavailable',
      `The kallyai CLI token file is a symbolic link; only a regular file is read (${CLI_TOKEN_FILE_NAME}).`,
      { cause: e },
    );
  return new AuthFlowError('file_unavailable', 'The kallyai CLI token file could not be read.', { cause: e });
}

/** POSIX permission bits only mean something off Windows: there, a file its group or other
 *  users may read or write is refused with the command that makes it private. */
function refuseIfExposed(info: Stats, path: string): void {
  if (process.platform === 'win32' || (info.mode & 0o077) === 0) return;
  const mode = (info.mode & 0o777).toString(8).padStart(3, '0');
  throw new AuthFlowError(
    'file_exposed',
    `The kallyai CLI token file is readable or writable by other users (mode ${mode}); run "${chmodCommand(path)}" and import it again.`,
    { command: chmodCommand(path) },
  );
}
