/** Reads the token file the `kallyai` CLI and the MCP server share (contract §2.5),
 *  `~/.kallyai_token.json`, leniently: a float `expires_at` (the CLI's), an integer one (MCP's),
 *  a `null` refresh token. Only ever read: never written, chmod-ed or touched, whatever its
 *  mode. Only a regular file of a sane size is read (not a symbolic link, a FIFO, a device or a
 *  folder: a FIFO would block the read forever). On POSIX a file that its group or other users
 *  may read or write (`mode & 0o077`) is refused before it is read, as the official KallyAI MCP
 *  server refuses it: the CLI writes 0600, and a token others can read is not one to adopt. The
 *  refusal carries the exact `chmod 600 <path>` to run. No `vscode` here. */
import { constants, type Stats } from 'node:fs';
import { lstat, open } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { AuthFlowError } from './authErrors';
import { tokenSetFromFields, type TokenSet } from './tokens';

export const CLI_TOKEN_FILE_NAME = '.kallyai_token.json';
/** A token file is a few hundred bytes; anything past this is not one. */
export const MAX_CLI_TOKEN_FILE_BYTES = 64 * 1024;

export interface CliTokenFile {
  tokens: TokenSet;
}

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
  try {
    return { tokens: tokenSetFromFields(json as Record<string, unknown>, now) };
  } catch (e) {
    throw new AuthFlowError('file_unavailable', 'The kallyai CLI token file holds no access token.', { cause: e });
  }
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
    throw new AuthFlowError('file_unavailable', `The kallyai CLI token file is a symbolic link; only a regular file is read (${CLI_TOKEN_FILE_NAME}).`);
  }
  if (!info.isFile()) {
    throw new AuthFlowError('file_unavailable', `The kallyai CLI token file is not a regular file (it is ${kindOf(info)}).`);
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
  return new AuthFlowError('file_unavailable', `The kallyai CLI token file is larger than ${MAX_CLI_TOKEN_FILE_BYTES / 1024} KB, so it is not a token file.`);
}

function unreadable(e: unknown): AuthFlowError {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new AuthFlowError('file_unavailable', `No kallyai CLI sign-in was found (${CLI_TOKEN_FILE_NAME}).`, { cause: e });
  if (code === 'ELOOP') return new AuthFlowError('file_unavailable', `The kallyai CLI token file is a symbolic link; only a regular file is read (${CLI_TOKEN_FILE_NAME}).`, { cause: e });
  return new AuthFlowError('file_unavailable', 'The kallyai CLI token file could not be read.', { cause: e });
}

/** POSIX permission bits only mean something off Windows: there, a file its group or other
 *  users may read or write is refused with the command that makes it private. */
function refuseIfExposed(info: Stats, path: string): void {
  if (process.platform === 'win32' || (info.mode & 0o077) === 0) return;
  const mode = (info.mode & 0o777).toString(8).padStart(3, '0');
  throw new AuthFlowError('file_exposed', `The kallyai CLI token file is readable or writable by other users (mode ${mode}); run "${chmodCommand(path)}" and import it again.`, { command: chmodCommand(path) });
}
