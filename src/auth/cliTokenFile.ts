/** Reads the token file the `kallyai` CLI and the MCP server share (contract §2.5),
 *  `~/.kallyai_token.json`, leniently: a float `expires_at` (the CLI's), an integer one (MCP's),
 *  a `null` refresh token. Only ever read: never written, chmod-ed or touched, whatever its
 *  mode. No `vscode` here. */
import { constants } from 'node:fs';
import { access, readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { AuthFlowError } from './authErrors';
import { tokenSetFromFields, type TokenSet } from './tokens';

export const CLI_TOKEN_FILE_NAME = '.kallyai_token.json';

export function defaultCliTokenPath(): string {
  return join(homedir(), CLI_TOKEN_FILE_NAME);
}

/** True when the file exists and can be read. */
export async function cliTokenFileExists(path = defaultCliTokenPath()): Promise<boolean> {
  try {
    await access(path, constants.R_OK);
    return true;
  } catch {
    return false;
  }
}

/** The token set in the file. Throws `file_unavailable` when it is missing, unreadable or not
 *  a token file. The file's `expires_at` already has the CLI's 60-second margin applied. */
export async function readCliTokenFile(path = defaultCliTokenPath(), now = Date.now()): Promise<TokenSet> {
  let text: string;
  try {
    text = await readFile(path, { encoding: 'utf8', flag: 'r' });
  } catch (e) {
    const missing = (e as NodeJS.ErrnoException).code === 'ENOENT';
    throw new AuthFlowError('file_unavailable', missing ? `No kallyai CLI sign-in was found (${CLI_TOKEN_FILE_NAME}).` : `The kallyai CLI token file could not be read.`, { cause: e });
  }
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
    return tokenSetFromFields(json as Record<string, unknown>, now);
  } catch (e) {
    throw new AuthFlowError('file_unavailable', 'The kallyai CLI token file holds no access token.', { cause: e });
  }
}
