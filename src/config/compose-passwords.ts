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
import { envFileRefs } from './environment-selection';
import { lineAt } from '../util/text';

/** Password value -> where a Compose file sets it (the first place, in path order). */
export type LocalPasswords = ReadonlyMap<string, { file: string; line: number }>;

const VARIABLES = /\b(?:POSTGRES_PASSWORD|MYSQL_PASSWORD|MYSQL_ROOT_PASSWORD|MARIADB_PASSWORD|MARIADB_ROOT_PASSWORD)\b["']?\s*[:=][ \t]*(["']?)([^\s"'#]+)\1/g;
/** `${DB_PASSWORD:-secret}`, `${DB_PASSWORD-secret}`: the default Compose gives when the variable is unset or empty. */
const SUBSTITUTION_DEFAULT = /^\$\{[A-Za-z_][A-Za-z0-9_]*:?-([^}$]+)\}$/;
const MAX_FILES = 50;
const MAX_SIZE = 256 * 1024;

/** The project's Compose files (four folders deep at most, dependencies and builds left out), in path order, with their text. */
function composeFiles(workspace: Workspace): { file: string; text: string }[] {
  let files: string[];
  try {
    files = workspace.glob('**/*compose*.{yml,yaml}', { ignore: [...NOT_PROJECT_CODE], onlyFiles: true, dot: false, deep: 4, followSymbolicLinks: false, suppressErrors: true });
  } catch {
    return [];
  }
  return files
    .filter((f) => COMPOSE.test(path.posix.basename(f)))
    .sort()
    .slice(0, MAX_FILES)
    .flatMap((file) => {
      const text = workspace.text(workspace.resolve(file), { maxBytes: MAX_SIZE });
      return text === null ? [] : [{ file, text }];
    });
}

export function readComposePasswords(workspace: Workspace): LocalPasswords {
  const out = new Map<string, { file: string; line: number }>();
  for (const { file, text } of composeFiles(workspace)) {
    for (const m of text.matchAll(VARIABLES)) {
      // `${DB_PASSWORD}`, `$PW`: a value the environment gives, not written here; `${DB_PASSWORD:-secret}` is the
      // container's password wherever the variable is not set (hold-outs 99, 100: the app's config falls back to it).
      const value = m[2]!.startsWith('$') ? (SUBSTITUTION_DEFAULT.exec(m[2]!)?.[1] ?? null) : m[2]!;
      if (value === null) continue;
      if (!out.has(value)) out.set(value, { file, line: lineAt(text, m.index) });
    }
  }
  return out;
}

/** Variable -> every value the project's Compose files (and the env files they load) give it, where, in path order. */
export type ComposeVariables = ReadonlyMap<string, readonly { value: string; file: string; line: number }[]>;

/** `DB_HOST: db`, `- DB_HOST=db`, `"DB_HOST": "db"` in a Compose file; `DB_HOST=db` in an env file. */
const ASSIGNMENT = /^[ \t]*(?:-[ \t]*)?["']?([A-Za-z_][A-Za-z0-9_]*)["']?[ \t]*[:=][ \t]*(["']?)([^\s"'#]+)\2[ \t]*(?:#.*)?$/gm;

/**
 * The values the project's Compose files give the variables of their services (`environment:` entries, and the env
 * files they load with `env_file:`): where a deployment run with them points `DB_HOST` or `DATABASE_URL`. A value the
 * environment gives in turn (`${DB_HOST}`) is left out. Never secrets: the caller asks for the host variables only.
 */
export function readComposeVariables(workspace: Workspace, names: ReadonlySet<string>): ComposeVariables {
  const out = new Map<string, { value: string; file: string; line: number }[]>();
  if (names.size === 0) return out;
  const collect = (file: string, text: string) => {
    for (const m of text.matchAll(ASSIGNMENT)) {
      const [, name, , value] = m;
      if (!names.has(name!) || value!.startsWith('$')) continue;
      const list = out.get(name!) ?? [];
      list.push({ value: value!, file, line: lineAt(text, m.index) });
      out.set(name!, list);
    }
  };
  const envFiles = new Set<string>();
  for (const { file, text } of composeFiles(workspace)) {
    collect(file, text);
    for (const ref of envFileRefs(text)) envFiles.add(path.posix.normalize(path.posix.join(path.posix.dirname(file), ref)));
  }
  for (const file of [...envFiles].sort()) {
    if (file.startsWith('..')) continue;
    const text = workspace.text(workspace.resolve(file), { maxBytes: MAX_SIZE });
    if (text !== null) collect(file, text);
  }
  return out;
}
