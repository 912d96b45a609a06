import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Migration } from '../model';
import type { ContentHashes, ImportsRead, MigrationStore } from '../workspace';
import { toolVersion } from '../version';
import { processAlive } from '../util/process';

/** Default cache folder, relative to the project root. */
export const DEFAULT_CACHE_DIR = 'node_modules/.cache/migralint';
/**
 * One file per cache folder (reading 1,000 small files would cost more than the JSON), holding one section per
 * project: projects sharing a folder (`--cache-location`, a configuration with several projects) keep each
 * other's entries.
 */
export const CACHE_FILE = 'migrations.json';
/** 2: entries carry their own digest. 3: one section per project; unresolved imports recorded; digests of the JSON as written. */
const CACHE_SCHEMA = 3;

interface Entry {
  /** sha256 of the migration file's text (UTF-8: its bytes, for a file that is valid UTF-8). */
  hash: string;
  /** Project files the extraction imported (helpers), with their sha256 (null: the file could not be read). */
  imports: Record<string, string | null>;
  /** Paths an import was looked for at and found no file (an unresolved import): the entry holds while none appears. */
  absent?: string[];
  /** What else the extraction depended on (the project's dialects); absent in entries of older runs. */
  context?: string;
  migration: Migration;
  /** sha256 of the entry's other fields (`entryDigest`): an entry edited by hand or truncated is discarded. */
  digest: string;
}

/** One project's part of the cache file. */
interface ProjectSection {
  /** Tool version and a fingerprint of the extractor's own files. */
  tool: string;
  /** sha256 of the effective options (layout, rules). */
  options: string;
  entries: Record<string, Entry>;
}

interface CacheDoc {
  schema: number;
  /** By project: the project root's path from the cache folder (POSIX), so a checkout that moves with its cache keeps it. */
  projects: Record<string, ProjectSection>;
}

export interface CacheStats {
  hits: number;
  misses: number;
  /** Whether the cache file was usable (false: absent, corrupt, other version or options). */
  loaded: boolean;
  /** Entries of a usable file that failed validation (shape or digest), discarded. */
  discarded: number;
}

/**
 * A content-hash cache of extracted migrations (`report --cache`): an entry
 * is reused when the file's content, the content of every project file its
 * extraction imported, the tool and the options are all unchanged (contents
 * are hashed by the run's workspace, which reads each file once). Rules
 * always run (they are cross-file and cheap). A missing, corrupt or foreign
 * cache file is ignored and rewritten; a cache that cannot be written is
 * skipped silently: the cache never changes a result, only its speed. The
 * file is untrusted input (it may be committed, or edited): every entry is
 * checked (its shape, and a digest of its own content) before use, and one
 * that fails is discarded and extracted again.
 */
export class MigrationCache implements MigrationStore {
  private readonly old: Record<string, Entry>;
  private readonly next: Record<string, Entry> = Object.create(null) as Record<string, Entry>;
  private readonly optionsHash: string;
  /** This project's section in the cache file. */
  private readonly key: string;
  private changed = false;
  readonly stats: CacheStats = { hits: 0, misses: 0, loaded: false, discarded: 0 };

  /**
   * @param absRoot project root
   * @param dir cache folder (absolute)
   * @param options the effective options: any change invalidates every entry
   */
  constructor(
    readonly absRoot: string,
    readonly dir: string,
    options: unknown,
    private readonly tool = toolFingerprint(),
  ) {
    this.optionsHash = sha256(stableJson(options ?? null));
    this.key = path.relative(dir, absRoot).split(path.sep).join('/') || '.';
    this.old = this.load();
  }

  get file(): string {
    return MigrationCache.fileIn(this.dir);
  }

  /** The cache file of a cache folder. */
  static fileIn(dir: string): string {
    return path.join(dir, CACHE_FILE);
  }

  /** The cache file's projects (null: absent, corrupt or of another schema). */
  private readDoc(): Record<string, unknown> | null {
    let doc: unknown;
    try {
      doc = JSON.parse(readFileSync(this.file, 'utf8'));
    } catch {
      return null;
    }
    if (!isObject(doc) || doc.schema !== CACHE_SCHEMA || !isObject(doc.projects)) return null;
    return doc.projects;
  }

  private load(): Record<string, Entry> {
    const projects = this.readDoc();
    const section = projects !== null && Object.prototype.hasOwnProperty.call(projects, this.key) ? projects[this.key] : undefined;
    if (!isObject(section) || section.tool !== this.tool || section.options !== this.optionsHash || !isObject(section.entries)) {
      this.changed = true;
      return {};
    }
    this.stats.loaded = true;
    const entries: Record<string, Entry> = Object.create(null) as Record<string, Entry>;
    for (const [file, entry] of Object.entries(section.entries)) {
      if (isEntry(entry, file) && entry.digest === entryDigest(entry)) entries[file] = entry;
      else {
        this.stats.discarded++;
        this.changed = true;
      }
    }
    return entries;
  }

  /** `sources` hashes project files as the run read them (the workspace: each file is read once). */
  get(file: string, context: string | undefined, sources: ContentHashes): Migration | undefined {
    const hash = sources.hash(file);
    const entry = Object.prototype.hasOwnProperty.call(this.old, file) ? this.old[file] : undefined;
    if (
      hash !== null &&
      entry !== undefined &&
      entry.hash === hash &&
      entry.context === context &&
      Object.entries(entry.imports).every(([f, h]) => sources.hash(f) === h) &&
      (entry.absent ?? []).every((f) => !sources.isFile(sources.resolve(f)))
    ) {
      this.stats.hits++;
      this.next[file] = entry;
      return entry.migration;
    }
    this.stats.misses++;
    this.changed = true;
    return undefined;
  }

  set(file: string, migration: Migration, imports: ImportsRead, context: string | undefined, sources: ContentHashes): void {
    const hash = sources.hash(file);
    if (hash === null) return;
    const deps: Record<string, string | null> = {};
    for (const f of [...imports.files].sort()) deps[f] = sources.hash(f);
    const content: Omit<Entry, 'digest'> = {
      hash,
      imports: deps,
      ...(imports.absent.length > 0 ? { absent: [...imports.absent].sort() } : {}),
      ...(context !== undefined ? { context } : {}),
      migration,
    };
    this.next[file] = { ...content, digest: entryDigest(content) };
  }

  /** Writes the cache when something changed (new, changed or removed migrations). Never throws. */
  save(): boolean {
    const removed = Object.keys(this.old).some((f) => !Object.prototype.hasOwnProperty.call(this.next, f));
    if (!this.changed && !removed) return false;
    // The other projects' sections as they are now (another run may have written its own since this one loaded).
    const projects = Object.fromEntries(Object.entries(this.readDoc() ?? {}).filter(([key, section]) => key !== this.key && isObject(section))) as Record<string, ProjectSection>;
    const doc: CacheDoc = { schema: CACHE_SCHEMA, projects: { ...projects, [this.key]: { tool: this.tool, options: this.optionsHash, entries: this.next } } };
    const tmp = path.join(this.dir, `${TEMP_PREFIX}${process.pid}.tmp`);
    try {
      mkdirSync(this.dir, { recursive: true });
      removeStaleTemps(this.dir);
      // `wx`: a file (or symlink) already at the temporary name is never written through.
      writeFileSync(tmp, JSON.stringify(doc), { flag: 'wx' });
      renameSync(tmp, this.file);
      return true;
    } catch {
      try {
        unlinkSync(tmp);
      } catch {
        // nothing to clean up
      }
      return false;
    }
  }
}

/** Temporary files of the cache's atomic write: `.migrations.json.<pid>.tmp`. */
const TEMP_PREFIX = `.${CACHE_FILE}.`;

/** Temporary files left by a run that was killed between write and rename (its process is gone). */
function removeStaleTemps(dir: string): void {
  for (const name of readdirSync(dir)) {
    const pid = name.startsWith(TEMP_PREFIX) && name.endsWith('.tmp') ? Number(name.slice(TEMP_PREFIX.length, -4)) : NaN;
    if (!Number.isSafeInteger(pid) || pid <= 0 || pid === process.pid || processAlive(pid)) continue;
    try {
      unlinkSync(path.join(dir, name));
    } catch {
      // another run cleaned it
    }
  }
}

/** The digest an entry carries: sha256 of its other fields' JSON. */
function entryDigest(entry: Omit<Entry, 'digest'> & { digest?: unknown }): string {
  // JSON text as written: a parsed entry gives its keys back in the order they were written, so there is no need
  // to sort them (sorting every key of every operation was most of a warm run's cost).
  const { digest: _digest, ...content } = entry;
  return sha256(JSON.stringify(content));
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The shape an entry must have before its migration is handed to the rules (a null operation would crash them). */
function isEntry(e: unknown, file: string): e is Entry {
  if (!isObject(e) || typeof e.hash !== 'string' || typeof e.digest !== 'string' || !isObject(e.imports)) return false;
  if (!Object.values(e.imports).every((h) => typeof h === 'string' || h === null)) return false;
  if (e.absent !== undefined && !(Array.isArray(e.absent) && e.absent.every((f) => typeof f === 'string'))) return false;
  if (e.context !== undefined && typeof e.context !== 'string') return false;
  const m = e.migration;
  if (!isObject(m) || m.file !== file || typeof m.name !== 'string' || typeof m.status !== 'string') return false;
  if (!isObject(m.upFunction) || !isObject(m.downFunction)) return false;
  return [m.up, m.down].every((ops) => Array.isArray(ops) && ops.every((op) => isObject(op) && typeof op.op === 'string'));
}

function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** JSON with object keys sorted, so equal options hash equally whatever their order. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.keys(v as object)
          .sort()
          .map((k) => [k, (v as Record<string, unknown>)[k]]))
      : v,
  );
}

let fingerprint: string | undefined;

/**
 * The tool version, plus the size and mtime of the files that extraction
 * runs: a rebuilt migralint with the same version number (a development
 * build, a patched install) does not reuse entries of the old one.
 */
export function toolFingerprint(): string {
  if (fingerprint !== undefined) return fingerprint;
  const src = path.join(__dirname, '..');
  const parts: string[] = [toolVersion()];
  for (const dir of ['', 'extract', 'sql', 'schema']) {
    let names: string[];
    try {
      names = readdirSync(path.join(src, dir)).filter((n) => /\.(js|ts)$/.test(n) && !n.endsWith('.d.ts')).sort();
    } catch {
      continue;
    }
    for (const n of names) {
      try {
        const st = statSync(path.join(src, dir, n));
        parts.push(`${dir}/${n}:${st.size}:${Math.round(st.mtimeMs)}`);
      } catch {
        // raced with a rebuild: the next run fingerprints again
      }
    }
  }
  fingerprint = sha256(parts.join('\n')).slice(0, 16);
  return fingerprint;
}
