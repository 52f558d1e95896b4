/** Reads the token file the `kallyai` CLI and the MCP server share (contract §2.5),
 *  `~/.kallyai_token.json`, leniently: a float `expires_at` (the CLI's), an integer one (MCP's),
 *  a `null` refresh token. Only ever read: never written, chmod-ed or touched, whatever its
 *  mode. Only a regular file of a sane size is read (not a symbolic link, a FIFO, a device or a
 *  folder: a FIFO would block the read forever); a file others may read or write is read with a
 *  warning the caller can show (the CLI writes 0600). No `vscode` here. */
import { constants, type Stats } from 'node:fs';
import { lstat, open } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { AuthFlowError } from './authErrors';
import { tokenSetFromFields, type TokenSet } from './tokens';

export const CLI_TOKEN_FILE_NAME = '.kallyai_token.json';
/** A token file is a few hundred bytes; anything past this is not one. */
export const MAX_CLI_TOKEN_FILE_BYTES = 64 * 1024;

/** Codes, not sentences: the UI says them in the user's language. */
export type CliTokenFileWarning = 'group_readable' | 'world_readable' | 'writable_by_others';

export interface CliTokenFile {
  tokens: TokenSet;
  warnings: CliTokenFileWarning[];
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

/** The token set in the file, and what is worrying about the file. Throws `file_unavailable` when
 *  it is missing, unreadable, not a regular file, too large or not a token file. The file's
 *  `expires_at` already has the CLI's 60-second margin applied. */
export async function readCliTokenFile(path = defaultCliTokenPath(), now = Date.now()): Promise<CliTokenFile> {
  const { text, mode } = await readRegularFile(path);
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
    return { tokens: tokenSetFromFields(json as Record<string, unknown>, now), warnings: modeWarnings(mode) };
  } catch (e) {
    throw new AuthFlowError('file_unavailable', 'The kallyai CLI token file holds no access token.', { cause: e });
  }
}

/** lstat first (a link or a FIFO is refused before it is opened), then open without following a
 *  link and without blocking, and check the opened file is the one that was looked at. */
async function readRegularFile(path: string): Promise<{ text: string; mode: number }> {
  let info: Stats;
  try {
    info = await lstat(path);
  } catch (e) {
    throw unreadable(e);
  }
  refuseUnlessRegular(info);
  let handle;
  try {
    handle = await open(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    throw unreadable(e);
  }
  try {
    const opened = await handle.stat();
    refuseUnlessRegular(opened);
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
    return { text: buffer.subarray(0, size).toString('utf8'), mode: opened.mode };
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

/** POSIX permission bits only mean something off Windows. */
function modeWarnings(mode: number): CliTokenFileWarning[] {
  if (process.platform === 'win32') return [];
  const warnings: CliTokenFileWarning[] = [];
  if (mode & 0o040) warnings.push('group_readable');
  if (mode & 0o004) warnings.push('world_readable');
  if (mode & 0o022) warnings.push('writable_by_others');
  return warnings;
}
