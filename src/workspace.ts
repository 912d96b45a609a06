/**
 * The project's files as every reader sees them during one run: listing,
 * reading, parsing and migration extraction, each done at most once per file.
 *
 * One `Workspace` per run (CLI `report` / `baseline` / `comment`, the API's
 * `analyzeProject`) and one per ESLint project index. Every reader of the
 * project asks it — migrations (`project.ts`, `discovery.ts`), models,
 * database config and the application's connections, npm scripts, runner
 * detection, suppressions — and nothing else in the analysis touches the
 * disk. What it holds:
 *
 * - **Overlays**: text (and optionally the syntax tree) that wins over the
 *   disk for one path: the buffer the ESLint adapter is linting, sources given
 *   in memory by tests. `withOverlay` layers them over a workspace and shares
 *   its reads of every other file.
 * - **Reads** go through one function, `readSource`: the single choke point
 *   where a limit on what is read (regular files only, a size cap) is
 *   enforced. It reads regular files only: a directory answers `EISDIR` (as
 *   `readFileSync` would), a FIFO or device `EINVAL` (never read: it could
 *   block the run); a reader's size cap answers `EFBIG` without reading.
 * - **Parses** are memoized per (file, parser path, text transform), so the
 *   database config parsed by the config reader is the tree the models reader
 *   and the connection scan use. Migration trees are not kept after
 *   extraction (a folder of 10,000 would hold every tree): their extraction
 *   result is.
 * - **The `--cache`** (`MigrationStore`, src/gate/cache.ts) is consulted by
 *   `migration()`, with content hashes computed from the text read here.
 *
 * Adding a reader (Knex `knexfile` and migrations, TypeORM data sources and
 * migration classes, a folder of plain `.sql` files) is one more module that
 * takes a `Workspace`: it finds its files with `glob` / `readdir` / `isDir`,
 * reads them with `readSource` / `text` (SQL) or `parse` (JS/TS), memoizes
 * what it derives from a file (a knexfile's directories, a data source's
 * migration globs) with `derive(kind, abs, ...)`, and turns each migration
 * into the shared `Migration` model with a `MigrationExtractor` of its own
 * (`syntax: 'script'` for JS/TS migration classes, `'text'` for `.sql`)
 * passed to `migration(file, { extractor })`; the default extractor is
 * Sequelize's queryInterface interpreter. Rules, replay and reporters then
 * work on the model whatever the reader.
 *
 * A workspace is a snapshot: it never notices a file changing under it.
 * Long-lived hosts (the ESLint index) `forget` a path they know changed, or
 * start a new workspace.
 */
import { createHash } from 'node:crypto';
import * as nodeFs from 'node:fs';
import path from 'node:path';
import type { Dialect, Migration } from './model';
import { parseSource, type Comment, type ParseResult, type Program } from './parse';
import { extractMigration, moduleContext } from './extract/extract-migration';
import type { InterpreterOptions, LoadedModule } from './extract/interpreter';
import { AnalysisLimitError, DEFAULT_MAX_FILE_BYTES, fileSizeLimitMessage, textBytes, textOver } from './limits';
import { toPosix } from './util/paths';
import { Containment, OUTSIDE_CODE, OUTSIDE_MESSAGE } from './containment';

/**
 * The file system a workspace reads (node's `fs` by default). Tests inject
 * one that counts or serves files from memory; fast-glob lists through it too.
 */
export type WorkspaceFs = Pick<typeof nodeFs, 'readFileSync' | 'statSync' | 'lstatSync' | 'readdirSync' | 'stat' | 'lstat' | 'readdir'> &
  Partial<Pick<typeof nodeFs, 'realpathSync'>>;

/** What `stat` tells about a path (symlinks followed). */
export interface FileStat {
  isFile: boolean;
  isDirectory: boolean;
  /** Bytes. */
  size: number;
  mtimeMs: number;
}

/** The outcome of reading one file's text. `code` is the errno name (`ENOENT`, `EISDIR`, ...) or `EFBIG` past a size cap. */
export type SourceRead = { ok: true; text: string } | { ok: false; code: string };

/** Text given for a path in place of the disk (an editor buffer). `ast`, when given, is used instead of parsing `text`. */
export interface Overlay {
  text: string;
  ast?: Program;
}

/** A deterministic rewrite of a file's text before parsing (a shebang commented out, JSON wrapped as an expression). */
export interface SourceTransform {
  /** Part of the parse memo key. */
  id: string;
  apply(text: string): string;
}

/**
 * Where already extracted migrations can come from (`--cache`, see
 * src/gate/cache.ts): extraction (parsing, interpreting, SQL) is the
 * expensive part of a run. `sources` gives the content hash of project files
 * as this run read them.
 */
export interface MigrationStore {
  /**
   * The migration extracted from `file` in an earlier run, if still valid. `context` names what else the
   * extraction depended on (the project's dialects: they decide how raw SQL is read).
   */
  get(file: string, context: string | undefined, sources: ContentHashes): Migration | undefined;
  /** A fresh extraction, with what its imports read. */
  set(file: string, migration: Migration, imports: ImportsRead, context: string | undefined, sources: ContentHashes): void;
}

/** What following a migration's imports looked at, as project-relative POSIX paths. */
export interface ImportsRead {
  /** Files an import resolved to (whether or not they parsed). */
  files: string[];
  /** Paths tried for an import and found to be no file (an unresolved import, or the extensions tried before the one found). */
  absent: string[];
}

/** Content identity of project files (the workspace's reads). */
export interface ContentHashes {
  /** sha256 (hex) of a project-relative file's content; null when it cannot be read. */
  hash(file: string): string | null;
  /** The absolute path of a project-relative one. */
  resolve(file: string): string;
  /** Whether an absolute path is a regular file. */
  isFile(abs: string): boolean;
}

/** What a migration extractor is given: one file (parsed, for a `script` extractor), and a way to follow its relative imports. */
export interface ExtractorInput {
  absPath: string;
  /** Project-relative POSIX path. */
  file: string;
  source: string;
  /** The syntax tree; null for a `text` extractor. */
  ast: Program | null;
  options: InterpreterOptions;
}

/** Turns one migration file into the model (one per migration framework). */
export interface MigrationExtractor {
  /** Memo key: results of different extractors over one file never mix. */
  id: string;
  /** `script`: JS/TS, parsed first (a file that does not parse is a `parse-error`); `text`: given as text only (plain SQL). */
  syntax: 'script' | 'text';
  extract(input: ExtractorInput): Pick<Migration, 'status' | 'up' | 'down' | 'upFunction' | 'downFunction' | 'notMigrationReason' | 'exportsUnread'>;
}

/** Sequelize migrations: `up` / `down` over the queryInterface, read by the interpreter (src/extract). */
export const SEQUELIZE_EXTRACTOR: MigrationExtractor = {
  id: 'sequelize',
  syntax: 'script',
  extract: ({ absPath, file, source, ast, options }) => extractMigration({ absPath, file, source, ast: ast! }, options),
};

export interface MigrationOptions {
  /** Position in run order (default 0). */
  index?: number;
  /** The project's dialects (`ProjectModel.dialect`): raw SQL goes to the PostgreSQL parser only when it may run there. */
  dialects?: readonly Dialect[];
  /** Follow relative imports, `MIGRATION_IMPORT_LEVELS` deep (default true). Seeders are read without. */
  imports?: boolean;
  extractor?: MigrationExtractor;
}

/** Options of a listing, as fast-glob takes them; `cwd` is absolute (default: the project root). */
export interface GlobOptions {
  cwd?: string;
  ignore?: string[];
  deep?: number;
  dot?: boolean;
  onlyFiles?: boolean;
  onlyDirectories?: boolean;
  markDirectories?: boolean;
  followSymbolicLinks?: boolean;
  suppressErrors?: boolean;
}

/** What marks a suppression comment (src/suppressions.ts): only files holding it keep their comments. */
const SUPPRESSION_MARKER = 'migralint-disable';

/** Relative imports of migrations: the extensions the runner's loader tries. */
/**
 * Relative imports followed from a migration: its own, and those of the files it imports, four deep (a table name a
 * model keeps as `static NAME = tableName`, imported by the model file from a shared one; a schema folder whose index
 * spreads per-area indexes of one file per table, hold-out 37: 21 drops of tables named `LessonTable[0]`).
 */
const MIGRATION_IMPORT_LEVELS = 4;
const IMPORT_EXTENSIONS = ['', '.js', '.cjs', '.mjs', '.ts', '.cts', '.mts', '/index.js', '/index.ts'];
const ABSENT = { present: false, empty: true, throws: false, wrappedInTransaction: false, loc: null };

/** What the disk said, shared by a workspace and the overlays layered over it. */
interface DiskMemo {
  stats: Map<string, FileStat | { code: string }>;
  reads: Map<string, { ok: true; text: string; size: number } | { ok: false; code: string }>;
  /** Parses of disk text, by `abs \0 parserPath \0 transform`. */
  parses: Map<string, ParseResult>;
  listings: Map<string, string[] | { error: unknown }>;
  dirs: Map<string, string[] | null>;
  hashes: Map<string, string | null>;
  /**
   * The comments of files whose tree was not kept (migrations) and whose text holds `migralint-disable`: the
   * suppressions read them without parsing the file again.
   */
  comments: Map<string, readonly Comment[]>;
  /** Every path `readSource` was asked for (see `inputs`). */
  asked: Set<string>;
}

export class Workspace implements ContentHashes {
  readonly absRoot: string;
  private readonly fs: WorkspaceFs;
  private readonly store: MigrationStore | undefined;
  /** Shared with the overlays layered over this workspace. */
  private disk: DiskMemo;
  private readonly overlays: Map<string, Overlay>;
  /** Migrations the store did not have (see `migration`). */
  private readonly storeMisses = new Set<string>();
  /** Parses of overlay text (never shared with the disk memo). */
  private readonly overlayParses = new Map<string, ParseResult>();
  private readonly migrations = new Map<string, Migration>();
  private readonly modules = new Map<string, LoadedModule | null>();
  private readonly derived = new Map<string, unknown>();
  /** Where reads may land (src/containment.ts). */
  private containment: Containment;

  /** No file larger than this is read (`EFBIG`), whatever the reader. */
  readonly maxFileBytes: number;
  /** The interpreter's per-file time budget and clock (`limits.timeBudgetMs`; default in src/limits.ts). */
  private timeBudget: InterpreterOptions['timeBudget'];
  /** False: migrations are extracted without how their calls are written (`InterpreterOptions.callSyntax`). */
  private readonly callSyntax: boolean;

  /**
   * @param absRoot the project root: project-relative paths are resolved against it, and nothing outside it is read
   * @param options `fs` to read through (node's by default), `store` for `--cache`, `overlays` by absolute path,
   *   `allowOutside`: absolute paths that may be read although they resolve outside the root (`--allow-outside`),
   *   `maxFileBytes` the size of the largest file read (default `DEFAULT_MAX_FILE_BYTES`), `callSyntax: false` to
   *   extract migrations without how their calls are written (no rewrites offered from them)
   */
  constructor(
    absRoot: string,
    options: {
      fs?: WorkspaceFs;
      store?: MigrationStore;
      overlays?: Iterable<[string, Overlay]>;
      allowOutside?: readonly string[];
      maxFileBytes?: number;
      timeBudget?: InterpreterOptions['timeBudget'];
      callSyntax?: boolean;
    } = {},
  ) {
    this.absRoot = path.resolve(absRoot);
    this.callSyntax = options.callSyntax ?? true;
    this.maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
    if (options.timeBudget) this.timeBudget = options.timeBudget;
    this.fs = options.fs ?? nodeFs;
    const realpath = this.fs.realpathSync;
    this.containment = new Containment(this.absRoot, options.allowOutside, realpath && ((p) => String(realpath.call(this.fs, p))));
    this.store = options.store;
    this.overlays = new Map([...(options.overlays ?? [])].map(([abs, o]) => [path.resolve(abs), o]));
    this.disk = { stats: new Map(), reads: new Map(), parses: new Map(), listings: new Map(), dirs: new Map(), hashes: new Map(), comments: new Map(), asked: new Set() };
  }

  /**
   * This workspace with `abs` read from `overlay` instead of the disk. Reads
   * of every other file are shared with this workspace; what is derived from
   * files (extractions, imports, `derive`) is the new workspace's own, since
   * it may depend on the overlay.
   */
  withOverlay(abs: string, overlay: Overlay): Workspace {
    return this.layer([...this.overlays, [abs, overlay]], this.store);
  }

  /** This workspace with `store` for extracted migrations (`--cache`), sharing its reads. */
  withStore(store: MigrationStore): Workspace {
    return this.layer(this.overlays, store);
  }

  private layer(overlays: Iterable<[string, Overlay]>, store: MigrationStore | undefined): Workspace {
    const child = new Workspace(this.absRoot, { fs: this.fs, overlays, maxFileBytes: this.maxFileBytes, ...(store ? { store } : {}), ...(this.timeBudget ? { timeBudget: this.timeBudget } : {}), callSyntax: this.callSyntax });
    child.disk = this.disk;
    child.containment = this.containment;
    return child;
  }

  /** Whether a path resolves (symlinks and `..` followed) inside the project root or an `--allow-outside` path: only those are read. */
  contains(abs: string): boolean {
    return this.containment.contains(abs);
  }

  /** The absolute path of a project-relative one (absolute paths are kept). */
  resolve(file: string): string {
    return path.resolve(this.absRoot, file);
  }

  /** The project-relative POSIX path of an absolute one. */
  relative(abs: string): string {
    return toPosix(path.relative(this.absRoot, abs));
  }

  // ---------------------------------------------------------------------------
  // Listing and stat

  /** What the path is (symlinks followed); null when it does not exist or cannot be stat'ed. */
  stat(abs: string): FileStat | null {
    const st = this.statEntry(path.resolve(abs));
    return 'code' in st ? null : st;
  }

  exists(abs: string): boolean {
    return this.overlays.has(path.resolve(abs)) || this.stat(abs) !== null;
  }

  /** A regular file (or an overlay). */
  isFile(abs: string): boolean {
    return this.overlays.has(path.resolve(abs)) || this.stat(abs)?.isFile === true;
  }

  isDir(abs: string): boolean {
    return this.stat(abs)?.isDirectory === true;
  }

  /**
   * fast-glob over the project (through the workspace's fs), memoized by
   * pattern and options; a fresh array each call (callers sort in place). A
   * listing that fails throws, every time.
   */
  glob(pattern: string | string[], options: GlobOptions = {}): string[] {
    const cwd = path.resolve(this.absRoot, options.cwd ?? '.');
    const key = JSON.stringify([pattern, { ...options, cwd }]);
    let hit = this.disk.listings.get(key);
    if (hit === undefined) {
      try {
        // Loaded on the first listing (about 70 modules).
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const fg = require('fast-glob') as typeof import('fast-glob');
        hit = fg.sync(pattern, { ...options, cwd, fs: this.fs });
      } catch (error) {
        hit = { error };
      }
      this.disk.listings.set(key, hit);
    }
    if (!Array.isArray(hit)) throw hit.error;
    return hit.slice();
  }

  /** The entry names of a folder (unsorted, as the platform lists them); null when it cannot be listed. */
  readdir(abs: string): string[] | null {
    const dir = path.resolve(abs);
    let names = this.disk.dirs.get(dir);
    if (names === undefined) {
      try {
        names = this.fs.readdirSync(dir).map(String);
      } catch {
        names = null;
      }
      this.disk.dirs.set(dir, names);
    }
    return names === null ? null : names.slice();
  }

  // ---------------------------------------------------------------------------
  // Reading

  /**
   * The one way project text is read. An overlay wins over the disk; a file
   * is read at most once per workspace. Only regular files are read (a
   * directory answers `EISDIR`, anything else that is not a regular file
   * `EINVAL`); past `maxBytes` (a reader's own cap) or the workspace's
   * `maxFileBytes` the answer is `EFBIG` and nothing is read; a path that
   * resolves outside the project `EOUTSIDE` (see `contains`).
   */
  readSource(abs: string, limits: { maxBytes?: number } = {}): SourceRead {
    const file = path.resolve(abs);
    const cap = Math.min(limits.maxBytes ?? Infinity, this.maxFileBytes);
    const overlay = this.overlays.get(file);
    // An editor's buffer is held to the same cap as the file on disk.
    if (overlay) return textOver(overlay.text, cap) ? { ok: false, code: 'EFBIG' } : { ok: true, text: overlay.text };
    this.disk.asked.add(file);
    const known = this.disk.reads.get(file);
    if (known) return known.ok ? (known.size > cap ? { ok: false, code: 'EFBIG' } : { ok: true, text: known.text }) : known;
    if (!this.contains(file)) return { ok: false, code: OUTSIDE_CODE };
    const st = this.statEntry(file);
    let read: { ok: true; text: string; size: number } | { ok: false; code: string };
    if ('code' in st) read = { ok: false, code: st.code };
    else if (st.isDirectory) read = { ok: false, code: 'EISDIR' };
    else if (!st.isFile) read = { ok: false, code: 'EINVAL' };
    else if (st.size > cap) return { ok: false, code: 'EFBIG' }; // not read: a reader with a larger cap may still read it
    else {
      try {
        read = { ok: true, text: this.fs.readFileSync(file, 'utf8'), size: st.size };
      } catch (error) {
        read = { ok: false, code: errorCode(error) };
      }
    }
    this.disk.reads.set(file, read);
    return read.ok ? { ok: true, text: read.text } : read;
  }

  /**
   * Absolute paths of every file this workspace (and the overlays sharing its
   * reads) was asked to read, read or not: what an output must never replace.
   */
  inputs(): string[] {
    return [...new Set([...this.disk.asked, ...this.overlays.keys()])];
  }

  /** The text of a file, or null when it cannot be read (see `readSource`). */
  text(abs: string, limits: { maxBytes?: number } = {}): string | null {
    const r = this.readSource(abs, limits);
    return r.ok ? r.text : null;
  }

  /** sha256 of a project-relative file's text, once per run; null when it cannot be read. */
  hash(file: string): string | null {
    const abs = this.resolve(file);
    const overlay = this.overlays.get(abs);
    if (overlay) return sha256(overlay.text);
    let h = this.disk.hashes.get(abs);
    if (h === undefined) {
      const text = this.text(abs);
      h = text === null ? null : sha256(text);
      this.disk.hashes.set(abs, h);
    }
    return h;
  }

  // ---------------------------------------------------------------------------
  // Parsing

  /**
   * The syntax tree of a file (see `parseSource`), parsed once per workspace;
   * null when the file cannot be read. `parserPath` picks the dialect
   * (default: the file's own path); `transform` rewrites the text first.
   */
  parse(abs: string, options: { parserPath?: string; transform?: SourceTransform } = {}): ParseResult | null {
    return this.parseFile(path.resolve(abs), options, true);
  }

  private parseFile(file: string, options: { parserPath?: string; transform?: SourceTransform }, keep: boolean): ParseResult | null {
    const read = this.readSource(file);
    if (!read.ok) return null;
    const ownPath = this.moduleParserPath(file);
    const parserPath = options.parserPath ?? ownPath;
    const text = options.transform ? options.transform.apply(read.text) : read.text;
    const plain = parserPath === ownPath && text === read.text;
    const overlay = this.overlays.get(file);
    if (overlay?.ast && plain) return { ok: true, ast: overlay.ast };
    const memo = overlay ? this.overlayParses : this.disk.parses;
    const key = `${file}\0${parserPath}\0${text === read.text ? '' : options.transform!.id}`;
    let parsed = memo.get(key);
    if (!parsed) {
      parsed = parseSource(text, parserPath);
      if (keep) memo.set(key, parsed);
      else if (plain && !overlay && parsed.ok && text.includes(SUPPRESSION_MARKER)) this.disk.comments.set(file, parsed.ast.comments ?? []);
    }
    return parsed;
  }

  /**
   * The path a file is parsed as: a `.ts` file of a package whose package.json says `"type": "module"` is compiled
   * and loaded as an ES module (tsx, ts-node's ESM loader, `tsc` for Node's ESM), as a `.mts` file is, so
   * `import.meta` and top-level `await` are no errors there.
   */
  private moduleParserPath(file: string): string {
    if (!/\.ts$/i.test(file) || /\.d\.ts$/i.test(file)) return file;
    return this.packageType(path.dirname(file)) === 'module' ? `${file.slice(0, -3)}.mts` : file;
  }

  /** `"type"` of the nearest package.json at or above `dir` inside the project (`commonjs` when none says). */
  private packageType(dir: string): 'module' | 'commonjs' {
    return this.derive('package:type', dir, () => {
      const read = this.readSource(path.join(dir, 'package.json'));
      if (read.ok) {
        try {
          const json = JSON.parse(read.text) as { type?: unknown } | null;
          return json !== null && typeof json === 'object' && json.type === 'module' ? 'module' : 'commonjs';
        } catch {
          return 'commonjs';
        }
      }
      const parent = path.dirname(dir);
      return dir === this.absRoot || parent === dir || !this.contains(parent) ? 'commonjs' : this.packageType(parent);
    });
  }

  /**
   * The comments of a file as parsed (suppressions read them): those kept when its tree was dropped, else from
   * its parse (once per workspace). Null when the file cannot be read or does not parse.
   */
  comments(abs: string): readonly Comment[] | null {
    const file = path.resolve(abs);
    const kept = this.overlays.has(file) ? undefined : this.disk.comments.get(file);
    if (kept) return kept;
    const parsed = this.parse(file);
    return parsed?.ok ? parsed.ast.comments ?? [] : null;
  }

  // ---------------------------------------------------------------------------
  // Derived facts

  /**
   * What a reader derives from one file (a `.sequelizerc`'s paths, a script's
   * parsed unit), computed once per workspace. `kind` names the reader and
   * what it derives; `forget(abs)` drops it.
   */
  derive<T>(kind: string, abs: string, compute: () => T): T {
    const key = `${path.resolve(abs)}\0${kind}`;
    if (this.derived.has(key)) return this.derived.get(key) as T;
    const value = compute();
    this.derived.set(key, value);
    return value;
  }

  /**
   * One migration file (project-relative), read, parsed and extracted once
   * per workspace (or taken from the store): a file that cannot be read or
   * parsed says so in its status.
   */
  migration(file: string, options: MigrationOptions = {}): Migration {
    const extractor = options.extractor ?? SEQUELIZE_EXTRACTOR;
    const imports = options.imports !== false;
    const dialects = options.dialects && options.dialects.length > 0 ? options.dialects : undefined;
    const key = `${file}\0${extractor.id}\0${imports ? 'imports' : ''}\0${dialects?.join(',') ?? ''}`;
    const index = options.index ?? 0;
    const known = this.migrations.get(key);
    if (known) return { ...known, index };
    let migration: Migration;
    if (this.store && imports && extractor === SEQUELIZE_EXTRACTOR) {
      const context = `dialects:${(options.dialects ?? []).join(',')}`;
      // Asked once per file: an extraction that waited for the SQL parser comes back here.
      const kept = this.storeMisses.has(key) ? undefined : this.store.get(file, context, this);
      if (!kept) this.storeMisses.add(key);
      if (kept) {
        migration = { ...kept, index };
      } else {
        const read = { files: new Set<string>(), absent: new Set<string>() };
        migration = this.extract(file, index, extractor, dialects, (from, spec, depth) => this.importModule(from, spec, read, depth));
        this.store.set(file, migration, { files: [...read.files], absent: [...read.absent] }, context, this);
      }
    } else {
      migration = this.extract(file, index, extractor, dialects, imports ? (from, spec, depth) => this.importModule(from, spec, undefined, depth) : undefined);
    }
    this.migrations.set(key, migration);
    return migration;
  }

  private extract(
    file: string,
    index: number,
    extractor: MigrationExtractor,
    dialects: readonly Dialect[] | undefined,
    loadImport: InterpreterOptions['loadImport'],
  ): Migration {
    const absPath = this.resolve(file);
    const base: Omit<Migration, 'status'> = { file, name: path.posix.basename(file), index, up: [], down: [], upFunction: ABSENT, downFunction: ABSENT };
    const read = this.readSource(absPath);
    if (read.ok === false && read.code === 'EFBIG') {
      const overlay = this.overlays.get(absPath);
      const size = overlay ? textBytes(overlay.text) : (this.stat(absPath)?.size ?? 0);
      return { ...base, status: 'unreadable', error: { message: fileSizeLimitMessage(size, this.maxFileBytes), line: 1, column: 1 }, analysisLimit: true };
    }
    if (!read.ok) return { ...base, status: 'unreadable', error: { message: read.code === OUTSIDE_CODE ? OUTSIDE_MESSAGE : `cannot read file (${read.code})`, line: 1, column: 1 } };
    const source = read.text;
    // The tree is dropped after extraction: the result is what is kept.
    const parsed = extractor.syntax === 'script' ? this.parseFile(absPath, {}, false)! : null;
    if (parsed && !parsed.ok) return { ...base, status: 'parse-error', error: { message: parsed.message, line: parsed.line, column: parsed.column } };
    const options: InterpreterOptions = {};
    if (loadImport) Object.assign(options, { loadImport, importLevels: MIGRATION_IMPORT_LEVELS });
    if (dialects) options.dialects = dialects;
    if (this.timeBudget) options.timeBudget = this.timeBudget;
    if (!this.callSyntax) options.callSyntax = false;
    try {
      const migration: Migration = { ...base, ...extractor.extract({ absPath, file, source, ast: parsed?.ast ?? null, options }) };
      if (source.includes('migralint-disable')) migration.hasSuppressions = true;
      return migration;
    } catch (error) {
      // SQL asked for before the parser was loaded: not the file's fault; the caller loads it and asks again
      // (`withSqlParser`, src/sql/pg-parser.ts).
      if ((error as Error | undefined)?.name === 'SqlParserNotLoadedError') throw error;
      if (error instanceof AnalysisLimitError) return { ...base, status: 'parse-error', error: { message: error.message, line: error.line, column: error.column }, analysisLimit: true };
      // A bug of ours must not take the other files down with it.
      const message = error instanceof Error ? error.message : String(error);
      return { ...base, status: 'parse-error', error: { message: `internal error while analyzing: ${message}`, line: 1, column: 1 }, analysisError: true };
    }
  }

  /**
   * A relative import of a migration (`depth` 1) or of a module it imports (2), inside the project only; each
   * module parsed once and given a context per depth. `read` collects the paths looked at (the `--cache` keeps
   * them with the migration).
   */
  private importModule(fromFile: string, spec: string, read?: { files: Set<string>; absent: Set<string> }, depth = 1): LoadedModule | null {
    const base = path.resolve(path.dirname(fromFile), spec);
    for (const ext of IMPORT_EXTENSIONS) {
      const candidate = base + ext;
      const rel = path.relative(this.absRoot, candidate);
      if (rel.startsWith('..') || path.isAbsolute(rel)) return null;
      const displayPath = toPosix(rel);
      const key = `${candidate}\0${depth}`;
      if (this.modules.has(key)) {
        read?.files.add(displayPath);
        return this.modules.get(key)!;
      }
      if (!this.isFile(candidate)) {
        read?.absent.add(displayPath);
        continue;
      }
      read?.files.add(displayPath);
      let loaded: LoadedModule | null = null;
      try {
        const parsed = this.parse(candidate);
        const source = this.text(candidate);
        if (parsed?.ok && source !== null) {
          loaded = { ast: parsed.ast, context: moduleContext(candidate, displayPath, source, parsed.ast, depth), displayPath };
        }
      } catch {
        loaded = null;
      }
      this.modules.set(key, loaded);
      return loaded;
    }
    return null;
  }

  // ---------------------------------------------------------------------------
  // Invalidation (long-lived hosts)

  /**
   * Drops what is known of one path (its stat, text, trees, what was derived
   * or extracted from it) and every listing. What other files derived from it
   * (a migration importing it) is kept.
   */
  forget(abs: string): void {
    const file = path.resolve(abs);
    const rel = this.relative(file);
    for (const m of [this.disk.stats, this.disk.reads, this.disk.hashes, this.disk.comments, this.disk.dirs]) m.delete(file);
    this.containment.forget(file);
    for (const m of [this.disk.parses, this.overlayParses, this.derived, this.modules]) {
      for (const key of [...m.keys()]) if (key.startsWith(`${file}\0`)) m.delete(key);
    }
    for (const key of [...this.migrations.keys()]) if (key.startsWith(`${rel}\0`)) this.migrations.delete(key);
    this.disk.listings.clear();
  }

  private statEntry(file: string): FileStat | { code: string } {
    let st = this.disk.stats.get(file);
    if (st === undefined) {
      try {
        const s = this.fs.statSync(file);
        st = { isFile: s.isFile(), isDirectory: s.isDirectory(), size: s.size, mtimeMs: s.mtimeMs };
      } catch (error) {
        st = { code: errorCode(error) };
      }
      this.disk.stats.set(file, st);
    }
    return st;
  }
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException)?.code ?? 'error';
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
