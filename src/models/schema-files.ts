/**
 * Committed SQL files that create tables (a `pg_dump` or `mysqldump` of the schema, a `schema.sql` loaded by hand or
 * by a setup script): where a project's tables are built outside its migrations. Read as text for the names their
 * `CREATE TABLE` statements give, never run.
 */
import type { Workspace } from '../workspace';
import { NOT_PROJECT_CODE } from '../util/paths';

export interface SchemaFile {
  /** Project-relative path. */
  file: string;
  /** Each table it creates, by name in lower case without its schema, and the line of its first `CREATE TABLE`. */
  creates: Map<string, number>;
}

const MAX_FILES = 200;
/** Schema dumps run large; a file beyond this is not read. */
const MAX_SIZE = 16 * 1024 * 1024;
/** `CREATE TABLE [IF NOT EXISTS] public."Comments"`, `` CREATE TABLE `users` ``, `CREATE TABLE [dbo].[Orders]`. */
const CREATE_TABLE = /\bcreate\s+(?:(?:global\s+|local\s+)?(?:temporary|temp|unlogged)\s+)?table\s+(?:if\s+not\s+exists\s+)?((?:(?:"[^"]+"|`[^`]+`|\[[^\]]+\]|[\w$]+)\s*\.\s*)*(?:"[^"]+"|`[^`]+`|\[[^\]]+\]|[\w$]+))/gi;

/** The project's SQL files (dependencies and builds left out) with the tables each creates; those that create none are left out. */
export function readSchemaFiles(workspace: Workspace): SchemaFile[] {
  let files: string[];
  try {
    files = workspace.glob('**/*.sql', { ignore: [...NOT_PROJECT_CODE], onlyFiles: true, dot: false, followSymbolicLinks: false, suppressErrors: true });
  } catch {
    return [];
  }
  const out: SchemaFile[] = [];
  for (const file of files.sort().slice(0, MAX_FILES)) {
    const text = workspace.text(workspace.resolve(file), { maxBytes: MAX_SIZE });
    if (text === null) continue;
    const creates = new Map<string, number>();
    // Lines counted once through the file, up to each statement.
    let line = 1;
    let counted = 0;
    for (const m of text.matchAll(CREATE_TABLE)) {
      for (let i = text.indexOf('\n', counted); i !== -1 && i < m.index; i = text.indexOf('\n', i + 1)) line++;
      counted = m.index;
      // The last part of a qualified name is the table's; quotes and brackets go.
      const parts = m[1]!.split(/\s*\.\s*(?=["`[\w$])/);
      const name = parts[parts.length - 1]!.replace(/^["`[]|["`\]]$/g, '').toLowerCase();
      if (!creates.has(name)) creates.set(name, line);
    }
    if (creates.size > 0) out.push({ file, creates });
  }
  return out;
}
