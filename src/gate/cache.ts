import { createHash } from 'node:crypto';
import { closeSync, fstatSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Migration } from '../model';
import type { AnalysisResult } from '../project';
import { answersHold, DiskRecorder, type DiskAnswer } from './disk-record';
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
    return writeAtomically(this.dir, this.file, JSON.stringify(doc));
  }
}

/**
 * Writes a cache file through a temporary file and a rename (a reader never sees half a file). Never throws:
 * false when the folder cannot be written.
 */
function writeAtomically(dir: string, file: string, text: string | Buffer): boolean {
  const prefix = `.${path.basename(file)}.`;
  const tmp = path.join(dir, `${prefix}${process.pid}.tmp`);
  try {
    mkdirSync(dir, { recursive: true });
    removeStaleTemps(dir, prefix);
    // `wx`: a file (or symlink) already at the temporary name is never written through.
    writeFileSync(tmp, text, { flag: 'wx' });
    renameSync(tmp, file);
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

/** Temporary files (`.<file>.<pid>.tmp`) left by a run that was killed between write and rename (its process is gone). */
function removeStaleTemps(dir: string, prefix: string): void {
  for (const name of readdirSync(dir)) {
    const pid = name.startsWith(prefix) && name.endsWith('.tmp') ? Number(name.slice(prefix.length, -4)) : NaN;
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
 * The tool version, plus the size and mtime of every file of migralint's own code (`src/` and `rules/` as built:
 * the analysis, the rules, the reporters): a rebuilt migralint with the same version number (a development
 * build, a patched install) does not reuse what the old one cached.
 */
export function toolFingerprint(): string {
  if (fingerprint !== undefined) return fingerprint;
  const src = path.join(__dirname, '..');
  const parts: string[] = [toolVersion()];
  for (const [name, dir] of [
    ['src', src],
    ['rules', path.join(src, '..', 'rules')],
  ] as const) {
    let names: string[];
    try {
      names = filesUnder(dir)
        .filter((n) => (n.endsWith('.js') || n.endsWith('.ts')) && !n.endsWith('.d.ts'))
        .sort();
    } catch {
      continue;
    }
    for (const n of names) {
      try {
        // Joined by hand: `path.join` normalizes each of the 160 paths again, in code a warm run has not optimized.
        const st = statSync(`${dir}${path.sep}${n}`);
        parts.push(`${name}/${n}:${st.size}:${Math.round(st.mtimeMs)}`);
      } catch {
        // raced with a rebuild: the next run fingerprints again
      }
    }
  }
  fingerprint = sha256(parts.join('\n')).slice(0, 16);
  return fingerprint;
}

/**
 * The files under `dir`, as `/`-joined paths relative to it. A walk of its folders: `readdirSync` with `recursive`
 * costs five times as much in Node 20 (13 ms against 2.4 ms for migralint's own 270 built files), and a warm
 * `--cache` run pays it at every start.
 */
function filesUnder(dir: string, rel = '', out: string[] = []): string[] {
  for (const entry of readdirSync(rel ? `${dir}${path.sep}${rel}` : dir, { withFileTypes: true })) {
    const name = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) filesUnder(dir, name, out);
    else out.push(name);
  }
  return out;
}

/**
 * Whole results (`report --cache`): one file per project in the cache folder, `result.<project>.json`. 2: the
 * answers and the result on lines of their own, each with its digest (a run that writes kept outputs reads and
 * parses neither the result nor its digest's input). 3: the answers name each path once (`PackedAnswers`).
 */
const RESULT_SCHEMA = 3;

/** The disk answers a result rests on, as a run checks them. */
interface ResultAnswers {
  /** sha256 of the tool fingerprint, the project and the options (`ResultCache` constructor). */
  key: string;
  /** When the recording started (ms since the epoch). */
  recordedAtMs: number;
  answers: DiskAnswer[];
  /** Absolute paths the analysis was asked to read (no output may replace them). */
  inputs: string[];
}

/**
 * `ResultAnswers` as a result file holds them, on its second line: each path once, in `paths`, and the answers
 * and inputs naming paths by their index there (a realpath too). opencollective's 2,429 answers name 910 paths,
 * and a realpath is most often the path itself: 570 KB of JSON as `ResultAnswers`, 248 KB packed, which a warm
 * run reads, hashes and parses in a third of the time (and a third of the fresh memory).
 */
interface PackedAnswers {
  key: string;
  recordedAtMs: number;
  paths: string[];
  /** A `DiskAnswer` with its path as an index in `paths` (and a realpath, unless an error). */
  answers: (string | number)[][];
  inputs: number[];
}

function packAnswers({ key, recordedAtMs, answers, inputs }: ResultAnswers): PackedAnswers {
  const paths: string[] = [];
  const indexes = new Map<string, number>();
  const indexOf = (p: string): number => {
    let i = indexes.get(p);
    if (i === undefined) indexes.set(p, (i = paths.push(p) - 1));
    return i;
  };
  const packed = answers.map((answer) => {
    const copy: (string | number)[] = [...answer];
    copy[1] = indexOf(answer[1]);
    if (answer[0] === 'p' && !answer[2].startsWith('E:')) copy[2] = indexOf(answer[2]);
    return copy;
  });
  return { key, recordedAtMs, paths, answers: packed, inputs: inputs.map(indexOf) };
}

/**
 * The `ResultAnswers` of a result file's second line (parsed JSON, untrusted: null unless it has the packed shape,
 * every index naming a path). The parsed arrays become the answers (no copy).
 */
function unpackAnswers(b: unknown): ResultAnswers | null {
  if (!isObject(b) || typeof b.key !== 'string' || typeof b.recordedAtMs !== 'number') return null;
  const { paths, answers, inputs } = b;
  if (!Array.isArray(paths) || !Array.isArray(answers) || !Array.isArray(inputs)) return null;
  for (let i = 0; i < paths.length; i++) if (typeof paths[i] !== 'string') return null;
  const pathAt = (i: unknown): string | undefined => (typeof i === 'number' && Number.isInteger(i) ? (paths[i] as string | undefined) : undefined);
  for (let i = 0; i < answers.length; i++) {
    const a: unknown = answers[i];
    if (!Array.isArray(a) || typeof a[0] !== 'string') return null;
    const p = pathAt(a[1]);
    if (p === undefined) return null;
    a[1] = p;
    if (a[0] === 'p' && typeof a[2] === 'number') a[2] = pathAt(a[2]);
    if (typeof a[2] !== 'string') return null;
  }
  const files: string[] = [];
  for (let i = 0; i < inputs.length; i++) {
    const f = pathAt(inputs[i]);
    if (f === undefined) return null;
    files.push(f);
  }
  return { key: b.key, recordedAtMs: b.recordedAtMs, answers: answers as DiskAnswer[], inputs: files };
}

/** Outputs kept with a result: what the CLI says about them (`meta`, JSON) and their texts, kept as UTF-8 bytes. */
export interface KeptOutputs {
  meta: unknown;
  texts: (string | Uint8Array)[];
}

/** A kept result whose answers all hold: the result itself is read and parsed only when asked for. */
export interface KeptResult {
  /** The digest of the result: what outputs rendered from it name (`keepRendered`). */
  digest: string;
  /** Files the analysis read. */
  inputs: string[];
  /** The result, or null when its text does not have the shape the reporters need (a hand-made file). */
  result(): AnalysisResult | null;
  /** The outputs rendered from this result with `renderKey` (`keepRendered`), when kept; else null. */
  rendered(renderKey: string): KeptOutputs | null;
}

/**
 * The first `count` lines of a file (without their newlines), read in growing chunks into one buffer of the
 * file's size (nothing is copied): the rest of the file is not read.
 */
function firstLines(file: string, count: number): Buffer[] | null {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return null;
  }
  try {
    const all = Buffer.allocUnsafe(fstatSync(fd).size);
    const lines: Buffer[] = [];
    let size = 0;
    let from = 0;
    let chunk = 64 * 1024;
    while (size < all.length) {
      const n = readSync(fd, all, size, Math.min(chunk, all.length - size), size);
      if (n === 0) break;
      size += n;
      chunk = Math.min(chunk * 2, 4 * 1024 * 1024);
      const read = all.subarray(0, size);
      for (let eol = read.indexOf(0x0a, from); eol >= 0; eol = read.indexOf(0x0a, from)) {
        lines.push(all.subarray(from, eol));
        from = eol + 1;
        if (lines.length === count) return lines;
      }
    }
    return null;
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}

/**
 * The whole result of an analysis kept across runs (`report --cache`): a run whose key (tool, project root,
 * options, `--changed-since` base) is unchanged and whose every disk answer still holds (see
 * src/gate/disk-record.ts) takes the result as it is: no parser, no SQL parser, no rule is loaded. Otherwise the
 * run analyzes (with the per-migration `MigrationCache`, so one changed migration is extracted again, not all)
 * and records the new result. A missing, corrupt or foreign file is ignored and rewritten; the file is
 * untrusted input: its text carries digests, its result is checked for the shape the reporters need, and a
 * result that fails anyway is dropped by the CLI, which analyzes.
 *
 * Beside a result, the outputs rendered from it (`render.<project>.<render key>.json`: the texts, stderr lines
 * and exit code of one set of output options, see src/cli/report.ts): a run with those options writes them as
 * they are, without reading the result. They name the result they came from (its digest) and go when a new
 * result is kept.
 */
export class ResultCache {
  private readonly key: string;

  /**
   * @param absRoot project root
   * @param dir cache folder (absolute)
   * @param key what else the result depends on (options, the project root as given, the merge base)
   */
  constructor(
    readonly absRoot: string,
    readonly dir: string,
    key: unknown,
    tool = toolFingerprint(),
  ) {
    this.key = sha256(stableJson({ schema: RESULT_SCHEMA, tool, absRoot, key: key ?? null }));
  }

  /** The project's name in file names: projects sharing a cache folder each have theirs. */
  private get project(): string {
    const project = path.relative(this.dir, this.absRoot).split(path.sep).join('/') || '.';
    return sha256(project).slice(0, 16);
  }

  /** This project's result file. */
  get file(): string {
    return path.join(this.dir, `result.${this.project}.json`);
  }

  /** The file of the outputs rendered with the render key of digest `render`. */
  private renderedFile(render: string): string {
    return path.join(this.dir, `render.${this.project}.${render.slice(0, 16)}.json`);
  }

  /** The kept result and the files it read, when its key matches and every disk answer still holds; else null. */
  load(): KeptResult | null {
    // A header line (schema, key, digests of the next two lines), the answers' line, the result's line: a
    // foreign or stale file is told by its first line, a changed project by the second, without reading the third.
    const lines = firstLines(this.file, 2);
    if (!lines) return null;
    const [headerLine, answersLine] = lines as [Buffer, Buffer];
    let header: unknown;
    let answers: ResultAnswers | null;
    try {
      header = JSON.parse(headerLine.toString('utf8'));
      if (!isObject(header) || header.schema !== RESULT_SCHEMA || header.key !== this.key || typeof header.result !== 'string') return null;
      if (header.answers !== sha256(answersLine)) return null;
      answers = unpackAnswers(JSON.parse(answersLine.toString('utf8')));
    } catch {
      return null;
    }
    if (!answers || answers.key !== this.key || !answersHold(answers.answers, answers.recordedAtMs)) return null;
    const digest = header.result;
    const prefix = headerLine.length + answersLine.length + 2;
    return {
      digest,
      inputs: answers.inputs,
      result: () => {
        try {
          const bytes = readFileSync(this.file);
          // The same file as loaded (a run in between may have replaced it): same header, same answers.
          if (!bytes.subarray(0, headerLine.length).equals(headerLine)) return null;
          const text = bytes.subarray(prefix);
          if (sha256(text) !== digest) return null;
          const result: unknown = JSON.parse(text.toString('utf8'));
          return isResult(result) ? result : null;
        } catch {
          return null;
        }
      },
      rendered: (renderKey) => this.readRendered(digest, sha256(renderKey)),
    };
  }

  private readRendered(resultDigest: string, render: string): KeptOutputs | null {
    try {
      // The folder is checked to be the project's (ReportGate): a symlink put at this name is not followed.
      const file = this.renderedFile(render);
      if (!lstatSync(file).isFile()) return null;
      const bytes = readFileSync(file);
      const eol = bytes.indexOf(0x0a);
      const eol2 = eol < 0 ? -1 : bytes.indexOf(0x0a, eol + 1);
      if (eol2 < 0) return null;
      const header: unknown = JSON.parse(bytes.toString('utf8', 0, eol));
      if (!isObject(header) || header.schema !== RESULT_SCHEMA || header.key !== this.key || header.result !== resultDigest || header.render !== render) return null;
      if (header.digest !== sha256(bytes.subarray(eol + 1))) return null;
      const { lengths, meta } = JSON.parse(bytes.toString('utf8', eol + 1, eol2)) as { lengths?: unknown; meta?: unknown };
      if (!Array.isArray(lengths) || !lengths.every((n) => Number.isSafeInteger(n) && n >= 0)) return null;
      const texts: Buffer[] = [];
      let at = eol2 + 1;
      for (const n of lengths as number[]) {
        texts.push(bytes.subarray(at, at + n));
        at += n;
      }
      return at === bytes.length ? { meta, texts } : null;
    } catch {
      return null;
    }
  }

  /**
   * Keeps the outputs rendered with `renderKey` from the result of digest `resultDigest` (`KeptResult.digest`,
   * `save`): `meta` as JSON, the texts as their bytes. Never throws.
   */
  keepRendered(resultDigest: string, renderKey: string, outputs: KeptOutputs): boolean {
    const texts = outputs.texts.map((t) => (typeof t === 'string' ? Buffer.from(t) : t));
    const rest = Buffer.concat([Buffer.from(`${JSON.stringify({ lengths: texts.map((t) => t.length), meta: outputs.meta })}\n`), ...texts]);
    const render = sha256(renderKey);
    const header = JSON.stringify({ schema: RESULT_SCHEMA, key: this.key, result: resultDigest, render, digest: sha256(rest) });
    return writeAtomically(this.dir, this.renderedFile(render), Buffer.concat([Buffer.from(`${header}\n`), rest]));
  }

  /** A recorder for the workspace of a run that analyzes (its answers are what `save` keeps). */
  recorder(): DiskRecorder {
    return new DiskRecorder();
  }

  /**
   * Keeps a result with the answers it rests on (its digest is returned; null when not kept), and drops the
   * outputs rendered from the one before. Not kept: a run whose answers cannot all be replayed, or one that hit
   * an analysis limit (a time budget depends on the machine's load, not only on the files). Never throws.
   */
  save(result: AnalysisResult, recorder: DiskRecorder, inputs: string[]): string | null {
    if (!recorder.complete || result.findings.some((f) => f.rule === 'analysis-limit')) return null;
    const answers = Buffer.from(JSON.stringify(packAnswers({ key: this.key, recordedAtMs: recorder.startedMs, answers: recorder.list(), inputs })));
    const text = Buffer.from(JSON.stringify(result));
    const digest = sha256(text);
    const header = JSON.stringify({ schema: RESULT_SCHEMA, key: this.key, answers: sha256(answers), result: digest });
    const saved = writeAtomically(this.dir, this.file, Buffer.concat([Buffer.from(`${header}\n`), answers, Buffer.from('\n'), text]));
    const prefix = `render.${this.project}.`;
    try {
      for (const name of readdirSync(this.dir)) {
        if (name.startsWith(prefix) && name.endsWith('.json')) unlinkSync(path.join(this.dir, name));
      }
    } catch {
      // another run cleaned them; a stale one names another result's digest and is not used
    }
    return saved ? digest : null;
  }
}

/** The shape a kept result must have before reporters see it (what they index without checking). */
function isResult(r: unknown): r is AnalysisResult {
  if (!isObject(r) || !Array.isArray(r.findings) || !Array.isArray(r.suppressed) || !isObject(r.project)) return false;
  const p = r.project;
  if (!isObject(p.project) || typeof p.project.absRoot !== 'string' || !Array.isArray(p.migrations)) return false;
  if (!r.findings.every((f) => isObject(f) && typeof f.rule === 'string' && typeof f.file === 'string' && typeof f.message === 'string')) return false;
  return p.migrations.every((m) => isObject(m) && typeof m.file === 'string' && Array.isArray(m.up) && Array.isArray(m.down));
}
