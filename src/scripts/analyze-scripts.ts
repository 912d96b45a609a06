/**
 * The npm scripts of the analyzed project that touch the database, and what
 * each one can destroy: every command line is followed (`&&` chains, env
 * prefixes, `npm run` of other scripts, `node` scripts and the local modules
 * they require, sequelize-cli subcommands, psql, shell scripts), statically.
 * Nothing of the analyzed project is executed.
 */
import path from 'node:path';
import type { DataLoss, Evidence, ProjectModel, ScriptRisk } from '../model';
import { toPosix } from '../util/paths';
import type { Workspace } from '../workspace';
import { parseInvocation, shellQuote, splitCommandLine, type Env, type Invocation } from './command-line';
import { analyzeNodeScript, SKIPPED_IN_PRODUCTION, sqlEffects, type ChildCommand, type Effect, type NodeScriptFacts, type Reach, type Safeguard } from './node-script';
import { SequelizeCli, SourceLines, worst } from './sequelize-cli';
import { locateScript } from './units';
import { readStartCommands } from './start-commands';
import { lineAt } from '../util/text';

/** What one step (a simple command, a script, a child process) does. */
interface Part {
  dataLoss: DataLoss;
  /** A sentence fragment naming the step and citing file:line. */
  reason: string;
  /** The reason without the leading command (for "x.js:68 runs `cmd`: <bare>"). */
  bare: string;
  purpose: string | null;
  evidence: Evidence[];
  safeguards: string[];
  touchesDb: boolean;
  /** Reads or creates only (status, db:create): left out of a reason when other steps say more. */
  readOnly: boolean;
  hints: Set<Hint>;
  /** The first sync() reached that alters existing tables (`sync-alters`): the call to cite for it. */
  alteredAt?: Evidence;
}

type Hint = 'migrate' | 'sync' | 'sync-alters' | 'sync-drops-columns' | 'sync-outside-production' | 'sync-in-production' | 'seed' | 'drop-database' | 'node-db' | 'production' | 'legacy' | 'undo-all';

const MAX_DEPTH = 12;
const DB_WORDS = /\b(db|database|sequelize|migrat\w*|seed\w*|sync|schema|tables?|models?|pg|psql|postgres)\b|db:/i;

/**
 * Classifies every package.json script that touches the database, in
 * package.json order. The SQL parser must be loaded (`await loadSqlParser()`)
 * when migrations or scripts contain raw SQL.
 */
export function analyzeScripts(input: { workspace: Workspace; project: ProjectModel }): ScriptRisk[] {
  const pkgText = input.workspace.text(input.workspace.resolve('package.json'));
  if (pkgText === null) return [];
  let scripts: Record<string, string>;
  try {
    const pkg = JSON.parse(pkgText) as { scripts?: unknown };
    scripts = {};
    if (pkg.scripts && typeof pkg.scripts === 'object') {
      for (const [k, v] of Object.entries(pkg.scripts as Record<string, unknown>)) if (typeof v === 'string') scripts[k] = v;
    }
  } catch {
    return [];
  }
  const analyzer = new ScriptsAnalyzer(input.workspace, input.project, scripts);
  const out: ScriptRisk[] = [];
  for (const [name, command] of Object.entries(scripts)) {
    let part: Part | null;
    try {
      part = analyzer.script(name, [], {}, []);
    } catch (error) {
      // A bug of ours must not take the other scripts (or the report) down with it.
      const message = error instanceof Error ? error.message : String(error);
      part = DB_WORDS.test(`${name} ${command}`) ? unknownPart(`migralint failed while analyzing this script: ${message}`, true) : null;
    }
    if (!part || !part.touchesDb) continue;
    const line = scriptLine(pkgText, name);
    const evidence = [...part.evidence];
    if (line) evidence.push({ file: 'package.json', line, text: `"${name}": ${JSON.stringify(command)}` });
    // `npm start` is what the application's start runs.
    const atStart = name === 'start' && line ? { file: 'package.json', line, text: `"start": ${JSON.stringify(command)}`, process: 'start' } : null;
    out.push(scriptRisk(name, command, part, { purpose: `Run ${name}`, environment: environmentOf(name, command, part), evidence, atStart }));
  }
  // The start commands of a Procfile, a Compose file, a Dockerfile: run at every start or deploy.
  for (const start of readStartCommands(input.workspace)) {
    let part: Part | null;
    try {
      part = combine(analyzer.commandLine(start.command, {}, [], null));
    } catch {
      continue;
    }
    if (!part || !part.touchesDb) continue;
    const at: Evidence = { file: start.file, line: start.line, text: start.command };
    out.push(scriptRisk(`${start.file} ${start.name}`, start.command, part, { purpose: `Start ${start.name}`, environment: 'production', evidence: [...part.evidence, at], atStart: { ...at, process: start.name } }));
  }
  return out;
}

/** The report's entry for a command that touches the database: `purpose` when the part says none. */
function scriptRisk(
  name: string,
  command: string,
  part: Part,
  { purpose, environment, evidence, atStart }: { purpose: string; environment: ScriptRisk['environment']; evidence: Evidence[]; atStart: ScriptRisk['atStart'] | null },
): ScriptRisk {
  const risk: ScriptRisk = {
    name,
    command,
    dataLoss: part.dataLoss,
    reason: finalReason(part),
    purpose: part.purpose ?? purpose,
    environment,
    safeguards: part.safeguards,
    evidence: dedupeEvidence(evidence),
  };
  if (atStart) risk.atStart = atStart;
  if (part.hints.has('undo-all')) risk.undoesAll = true;
  if (part.hints.has('sync')) {
    risk.sync = {};
    if (part.hints.has('sync-alters')) risk.sync.alters = true;
    if (part.hints.has('sync-alters') && part.alteredAt) risk.sync.alteredAt = part.alteredAt;
    if (part.hints.has('sync-drops-columns')) risk.sync.dropsColumns = true;
    if (part.hints.has('sync-outside-production') && !part.hints.has('sync-in-production')) risk.sync.outsideProduction = true;
  }
  return risk;
}

class ScriptsAnalyzer {
  private readonly lines: SourceLines;
  private readonly cli: SequelizeCli;
  private readonly absRoot: string;
  private readonly modelsDir: string | null;

  constructor(
    private readonly workspace: Workspace,
    project: ProjectModel,
    private readonly scripts: Record<string, string>,
  ) {
    this.absRoot = workspace.absRoot;
    this.modelsDir = project.project.modelsDir;
    this.lines = new SourceLines(workspace);
    this.cli = new SequelizeCli(workspace, project, this.lines);
  }

  /** `npm run <name> [-- args]`: the pre script, the script, the post script. */
  script(name: string, args: string[], env: Env, stack: string[]): Part | null {
    const command = this.scripts[name];
    if (command === undefined) return null;
    if (stack.includes(name)) {
      return unknownPart(`npm run ${name} calls itself (${[...stack, name].join(' -> ')})`, true);
    }
    if (stack.length >= MAX_DEPTH) return unknownPart(`npm run ${name}: scripts nest too deeply to follow`, true);
    const inner = [...stack, name];
    const withArgs = args.length > 0 ? `${command} ${args.map(shellQuote).join(' ')}` : command;
    const parts: Part[] = [];
    for (const hook of [`pre${name}`, null, `post${name}`]) {
      if (hook === null) parts.push(...this.commandLine(withArgs, env, inner, name));
      else if (this.scripts[hook] !== undefined && !stack.includes(hook)) {
        const p = this.script(hook, [], env, inner);
        if (p) parts.push({ ...p, reason: `npm runs ${hook} first${hook.startsWith('post') ? ' (after)' : ''}: ${p.reason}` });
      }
    }
    return combine(parts);
  }

  /** Every simple command of a command line. */
  commandLine(line: string, env: Env, stack: string[], scriptName: string | null): Part[] {
    const parts: Part[] = [];
    for (const cmd of splitCommandLine(line)) {
      const inv = parseInvocation(cmd.words, env);
      const part = this.invocation(inv, cmd.text, stack, scriptName);
      if (part) parts.push(part);
    }
    return parts;
  }

  private invocation(inv: Invocation, text: string, stack: string[], scriptName: string | null): Part | null {
    const production = inv.env.NODE_ENV === 'production';
    const hint = (p: Part | null): Part | null => {
      if (p && production) p.hints.add('production');
      return p;
    };
    switch (inv.kind) {
      case 'sequelize': {
        const a = this.cli.assess(inv.subcommand, inv.options);
        if (!a) return null;
        const shown = `sequelize-cli ${[inv.subcommand, ...Object.entries(inv.options).map(([k, v]) => (v === true ? `--${k}` : `--${k} ${v}`))].join(' ')}`;
        const hints = new Set<Hint>();
        if (a.family === 'migrate') hints.add('migrate');
        else if (a.family === 'seed') hints.add('seed');
        else if (inv.subcommand === 'db:drop') hints.add('drop-database');
        if (inv.subcommand === 'db:migrate:undo:all' && inv.options.to === undefined) hints.add('undo-all');
        if (inv.options.env === 'production') hints.add('production');
        return hint({ dataLoss: a.dataLoss, reason: `\`${shown}\`: ${a.reason}`, bare: a.reason, purpose: a.purpose, evidence: a.evidence, safeguards: [], touchesDb: true, readOnly: a.readOnly, hints });
      }
      case 'node':
        return hint(this.node(inv, text, stack, scriptName));
      case 'package-script': {
        if (this.scripts[inv.script] !== undefined) {
          const p = this.script(inv.script, inv.args, inv.env, stack);
          return p ? hint({ ...p, reason: `\`npm run ${inv.script}\` -> ${p.reason}`, bare: p.reason }) : null;
        }
        if (inv.orBin) return this.invocation(parseInvocation([inv.script, ...inv.args], inv.env), text, stack, scriptName);
        return null;
      }
      case 'psql':
        return hint(this.psql(inv, text));
      case 'dropdb':
        return hint({ dataLoss: 'all', reason: `\`${text}\` drops the whole database: all data is lost`, bare: 'it drops the whole database: all data is lost', purpose: 'Drop the database', evidence: [], safeguards: [], touchesDb: true, readOnly: false, hints: new Set(['drop-database']) });
      case 'createdb':
        return hint({ dataLoss: 'none', reason: `\`${text}\` creates a database and destroys nothing`, bare: 'it creates a database and destroys nothing', purpose: 'Create the database', evidence: [], safeguards: [], touchesDb: true, readOnly: true, hints: new Set() });
      case 'shell':
        return hint(this.shell(inv, text, stack));
      default:
        return null;
    }
  }

  private node(inv: Extract<Invocation, { kind: 'node' }>, text: string, stack: string[], scriptName: string | null): Part | null {
    if (inv.inline !== null) {
      const facts = analyzeNodeScript({ workspace: this.workspace, script: null, inline: inv.inline, args: inv.args, env: inv.env, modelsDir: this.modelsDir });
      return this.nodePart(facts, inv.env, stack, text, scriptName);
    }
    if (inv.script === null) return null;
    const script = locateScript(this.workspace, inv.script);
    if (!script.found) {
      if (!DB_WORDS.test(inv.script) && !(scriptName && DB_WORDS.test(scriptName))) return null;
      return unknownPart(`\`${text}\`: ${script.why}`, true);
    }
    if (stack.includes(script.file)) return null;
    const facts = analyzeNodeScript({ workspace: this.workspace, script: script.file, args: inv.args, env: inv.env, modelsDir: this.modelsDir });
    return this.nodePart(facts, inv.env, [...stack, script.file], text, scriptName);
  }



  private nodePart(facts: NodeScriptFacts, env: Env, stack: string[], text: string, scriptName: string | null): Part {
    if (facts.error) {
      const dbish = DB_WORDS.test(text) || (scriptName !== null && DB_WORDS.test(scriptName));
      return { ...unknownPart(`\`${text}\`: ${facts.error}`, dbish) };
    }
    const items: Item[] = [];
    for (const e of facts.effects) items.push(this.effectItem(e));
    for (const c of facts.commands) {
      const item = this.commandItem(c, env, stack);
      if (item) items.push(item);
    }
    const hints = new Set<Hint>();
    for (const item of items) for (const h of item.hints) hints.add(h);
    // An application (`node server.js`) that only reads and writes rows is not a database command;
    // it is listed when it does schema or data-destroying work, or when its name says it is about the database.
    const dbish = DB_WORDS.test(text) || (scriptName !== null && DB_WORDS.test(scriptName));
    const touchesDb = items.length > 0 || ((facts.touchesDb !== null || facts.modelWrites.length > 0) && dbish);
    if (touchesDb) hints.add('node-db');
    if (/(^|\/)legacy\//.test(facts.file)) hints.add('legacy');

    let dataLoss: DataLoss = 'none';
    for (const item of items) dataLoss = worst(dataLoss, item.dataLoss);
    const significant = items.filter((i) => i.dataLoss === dataLoss && (dataLoss !== 'none' || !i.readOnly));
    const shown = (significant.length > 0 ? significant : items.filter((i) => i.dataLoss === dataLoss)).slice(0, 3);

    let reason: string;
    if (shown.length > 0) {
      reason = shown.map((i) => i.reason).join('; ');
    } else if (facts.modelWrites.length > 0) {
      const names = [...new Set(facts.modelWrites.map((w) => w.name))];
      const first = facts.modelWrites[0]!.evidence;
      reason = `${first.file}:${first.line} writes through the models (${names.slice(0, 4).join(', ')}${names.length > 4 ? ', ...' : ''}); nothing drops, truncates or deletes data`;
    } else if (facts.touchesDb) {
      reason = `${facts.touchesDb.file}:${facts.touchesDb.line} reaches the database (\`${facts.touchesDb.text}\`), but nothing drops, truncates or deletes data`;
    } else {
      reason = `${facts.file} does not reach the database`;
    }
    // Destructive calls the command's arguments do not reach are worth a word.
    const unreachedLoss = facts.unreached.filter((e) => e.dataLoss !== 'none');
    if (unreachedLoss.length > 0 && dataLoss !== 'all') {
      const e = unreachedLoss[0]!;
      reason += `; \`${e.call}\` at ${e.evidence.file}:${e.evidence.line} is not reached: ${(e.reach as Extract<Reach, { k: 'never' }>).why}`;
    }

    const destructive = shown.filter((i) => i.dataLoss !== 'none');
    const safeguards = facts.safeguards
      .filter((s) => s.kind !== 'connection-test' || items.length > 0)
      .filter((s) => destructive.length === 0 || destructive.some((i) => precedes(s, i.anchors)))
      .map(formatSafeguard);
    for (const item of items) safeguards.push(...item.safeguards);

    const evidence = [...shown.flatMap((i) => i.evidence)];
    // The sync() that builds schemas is cited even where a worse step is the one shown: the project reads it here.
    const sync = items.find((i) => i.hints.has('sync'));
    if (sync && !shown.includes(sync)) evidence.push(...sync.evidence);
    if (evidence.length === 0) {
      const first = facts.modelWrites[0]?.evidence ?? facts.touchesDb;
      if (first) evidence.push(first);
    }
    const purpose = shown.find((i) => i.purpose)?.purpose ?? items.find((i) => i.purpose && !i.readOnly)?.purpose ?? modelPurpose(facts);
    const alteredAt = items.find((i) => i.alteredAt)?.alteredAt;
    return { dataLoss, reason, bare: reason, purpose, evidence, safeguards: [...new Set(safeguards)], touchesDb, readOnly: false, hints, ...(alteredAt ? { alteredAt } : {}) };
  }

  private effectItem(e: Effect): Item {
    const [fact, ...notes] = e.detail;
    const detail = fact ? ` with ${fact}${notes.length > 0 ? ` (${notes.join('; ')})` : ''}` : '';
    let dataLoss = e.dataLoss;
    let reason = `${e.evidence.file}:${e.evidence.line} \`${e.call}\`${detail}: ${e.what}`;
    if (e.reach.k === 'maybe' && dataLoss !== 'none') {
      dataLoss = 'unknown';
      reason += `, but it runs ${e.reach.why.join(' and ')}`;
    }
    // A sync() of an instance no model is defined on creates and alters nothing: no schema is built there.
    if (e.kind === 'sync' && e.noModels) return { dataLoss: 'none', reason, purpose: e.purpose, evidence: [e.evidence], safeguards: [], anchors: e.anchors, readOnly: false, hints: new Set<Hint>() };
    const hints = new Set<Hint>(e.kind === 'sync' ? ['sync'] : []);
    // `if (NODE_ENV === 'production') sync(); else sync({ alter: true })`: the alter is a developer's, skipped where the
    // application is deployed (hold-out 40).
    const outsideProduction = e.guards.some((g) => g.kind === 'production-check' && g.label === SKIPPED_IN_PRODUCTION);
    if (e.alter && !outsideProduction) hints.add('sync-alters');
    // Columns are dropped for certain only where the sync runs for certain.
    if (e.alter === 'drops-columns' && e.reach.k !== 'maybe' && !outsideProduction) hints.add('sync-drops-columns');
    if (e.kind === 'sync') hints.add(outsideProduction ? 'sync-outside-production' : 'sync-in-production');
    const alteredAt = e.kind === 'sync' && hints.has('sync-alters') ? { alteredAt: e.evidence } : {};
    return { dataLoss, reason, purpose: e.purpose, evidence: [e.evidence], safeguards: [], anchors: e.anchors, readOnly: false, hints, ...alteredAt };
  }

  private commandItem(c: ChildCommand, env: Env, stack: string[]): Item | null {
    const at = `${c.evidence.file}:${c.evidence.line}`;
    if (c.command === null) {
      if (!c.partial || !DB_WORDS.test(c.partial)) return null;
      return {
        dataLoss: 'unknown',
        reason: `${at} runs \`${c.partial}\`, which is not known statically${c.why.length > 0 ? ` (${[...new Set(c.why)].join('; ')})` : ''}`,
        purpose: null,
        evidence: [c.evidence],
        safeguards: [],
        anchors: c.anchors,
        readOnly: false,
        hints: new Set(),
      };
    }
    const parts = this.commandLine(c.command, env, stack, null);
    const sub = combine(parts);
    if (!sub || !sub.touchesDb) return null;
    let dataLoss = sub.dataLoss;
    const shownCommand = c.via ? `\`${c.via}\` (runs like \`${c.command}\`)` : `\`${c.command}\``;
    let reason = parts.length === 1 ? `${at} runs ${shownCommand}: ${sub.bare}` : `${at} runs ${shownCommand} -> ${sub.reason}`;
    if (c.reach.k === 'maybe' && dataLoss !== 'none') {
      dataLoss = 'unknown';
      reason += `, but only ${c.reach.why.join(' and ')}`;
    }
    return { dataLoss, reason, purpose: sub.purpose, evidence: [c.evidence, ...sub.evidence], safeguards: sub.safeguards, anchors: c.anchors, readOnly: sub.readOnly, hints: sub.hints, ...(sub.alteredAt ? { alteredAt: sub.alteredAt } : {}) };
  }

  private psql(inv: Extract<Invocation, { kind: 'psql' }>, text: string): Part {
    const parts: Part[] = [];
    for (const sql of inv.sql) {
      const r = sqlEffects(sql);
      parts.push({ dataLoss: r.dataLoss, reason: `\`psql -c\` ${r.what}`, bare: `it ${r.what}`, purpose: r.dataLoss === 'none' ? 'Run SQL with psql' : r.purpose, evidence: [], safeguards: [], touchesDb: true, readOnly: r.dataLoss === 'none', hints: new Set() });
    }
    for (const file of inv.files) {
      const sql = this.workspace.text(path.resolve(this.absRoot, file));
      if (sql === null) {
        parts.push(unknownPart(`\`${text}\`: cannot read ${file}`, true));
        continue;
      }
      const r = sqlEffects(sql);
      parts.push({ dataLoss: r.dataLoss, reason: `\`psql -f ${file}\` ${r.what}`, bare: `it ${r.what}`, purpose: r.dataLoss === 'none' ? `Run ${file} with psql` : r.purpose, evidence: [{ file, line: 1, text: this.lines.line(file, 1) }], safeguards: [], touchesDb: true, readOnly: r.dataLoss === 'none', hints: new Set() });
    }
    return combine(parts) ?? { dataLoss: 'none', reason: `\`${text}\` runs psql without SQL to read`, bare: 'it runs psql without SQL to read', purpose: 'Open psql', evidence: [], safeguards: [], touchesDb: true, readOnly: true, hints: new Set() };
  }

  private shell(inv: Extract<Invocation, { kind: 'shell' }>, text: string, stack: string[]): Part | null {
    if (inv.inline !== null) return combine(this.commandLine(inv.inline, inv.env, stack, null));
    if (inv.script === null) return null;
    const file = toPosix(path.relative(this.absRoot, path.resolve(this.absRoot, inv.script)));
    if (stack.includes(file)) return null;
    const content = this.workspace.text(path.resolve(this.absRoot, file));
    if (content === null) return DB_WORDS.test(inv.script) ? unknownPart(`\`${text}\`: cannot read ${file}`, true) : null;
    const p = combine(this.commandLine(content, inv.env, [...stack, file], null));
    return p ? { ...p, reason: `${file}: ${p.reason}`, bare: `${file}: ${p.reason}` } : null;
  }
}

/** A reached effect or child command of a node script, classified. */
interface Item {
  dataLoss: DataLoss;
  reason: string;
  purpose: string | null;
  evidence: Evidence[];
  safeguards: string[];
  anchors: { fn: unknown; offset: number }[];
  readOnly: boolean;
  hints: Set<Hint>;
  /** As Part's. */
  alteredAt?: Evidence;
}

/** The worst of several steps (`&&` chains, pre/post scripts): all > some > unknown > none. */
function combine(parts: Part[]): Part | null {
  const db = parts.filter((p) => p.touchesDb);
  if (db.length === 0) return parts.length > 0 ? { ...parts[0]!, touchesDb: false } : null;
  if (db.length === 1) return db[0]!;
  let dataLoss: DataLoss = 'none';
  for (const p of db) dataLoss = worst(dataLoss, p.dataLoss);
  const informative = db.filter((p) => !p.readOnly || p.dataLoss !== 'none');
  const listed = informative.length > 0 ? informative : db;
  const purposes = [...new Set(db.map((p) => p.purpose).filter((p): p is string => p !== null))];
  const hints = new Set<Hint>();
  for (const p of db) for (const h of p.hints) hints.add(h);
  const reason = listed.map((p) => p.reason).join('; then ');
  return {
    dataLoss,
    reason,
    bare: reason,
    purpose: purposes.length > 0 ? purposes.join(', then ') : null,
    evidence: db.flatMap((p) => p.evidence),
    safeguards: [...new Set(db.flatMap((p) => p.safeguards))],
    touchesDb: true,
    readOnly: db.every((p) => p.readOnly),
    hints,
    ...(db.find((p) => p.alteredAt) ? { alteredAt: db.find((p) => p.alteredAt)!.alteredAt } : {}),
  };
}

function unknownPart(reason: string, touchesDb: boolean): Part {
  return { dataLoss: 'unknown', reason, bare: reason, purpose: null, evidence: [], safeguards: [], touchesDb, readOnly: false, hints: new Set() };
}

/** A safeguard is credited to a destructive step when it runs before it in the same function (or wraps it). */
function precedes(s: Safeguard, anchors: { fn: unknown; offset: number }[]): boolean {
  if (s.anchors.length === 0) return true;
  return s.anchors.some((a) => anchors.some((b) => a.fn === b.fn && a.offset <= b.offset));
}

function formatSafeguard(s: Safeguard): string {
  const where = `${s.evidence.file}:${s.evidence.line}`;
  return s.condition ? `${s.label} (${where}; ${s.condition})` : `${s.label} (${where})`;
}

function finalReason(part: Part): string {
  const reason = part.reason.endsWith('.') ? part.reason : `${part.reason}.`;
  return part.safeguards.length > 0 ? `${reason} Safeguards: ${part.safeguards.join('; ')}.` : reason;
}

function modelPurpose(facts: NodeScriptFacts): string | null {
  const models = [...new Set(facts.modelWrites.map((w) => w.name.split('.')[0]!))];
  if (models.length > 0) return `Write data through the models (${models.slice(0, 4).join(', ')}${models.length > 4 ? ', ...' : ''})`;
  return facts.touchesDb ? `Run ${facts.file}` : null;
}

function environmentOf(name: string, command: string, part: Part): ScriptRisk['environment'] {
  if (/(^|[:_-])legacy([:_-]|$)/i.test(name) || part.hints.has('legacy') || /(^|[\s/])legacy\//.test(command)) return 'legacy';
  if (part.hints.has('production') || /(^|[:_-])prod(uction)?([:_-]|$)/i.test(name)) return 'production';
  if (part.hints.has('sync') || part.hints.has('seed') || part.hints.has('drop-database') || /(^|[:_-])(dev|development|local|test|reset|fresh)([:_-]|$)/i.test(name)) return 'development';
  if (part.hints.has('migrate')) return 'production';
  if (part.hints.has('node-db')) return 'development';
  return 'other';
}

/** 1-based line of `"name":` inside the scripts block of package.json. */
function scriptLine(pkgText: string, name: string): number | null {
  const scriptsAt = pkgText.search(/"scripts"\s*:/);
  if (scriptsAt < 0) return null;
  const key = JSON.stringify(name);
  const at = pkgText.indexOf(`${key}`, scriptsAt);
  if (at < 0) return null;
  return lineAt(pkgText, at);
}

function dedupeEvidence(list: Evidence[]): Evidence[] {
  const seen = new Set<string>();
  return list.filter((e) => {
    const key = `${e.file}:${e.line}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
