/**
 * What a Node script run by an npm script does to the database, read
 * statically: `sequelize.sync({ force | alter })`, `drop()`,
 * `dropAllTables()`, `truncate`, `destroy({ truncate })`, queryInterface
 * drops, raw SQL, child processes (`execSync('npx sequelize-cli db:migrate')`),
 * umzug runs; which of them the command's own arguments and environment reach;
 * and the safeguards on the way (countdown, production check, confirmation,
 * connection test). The script and the local modules it requires (one level, and deeper the database modules the application loads with them)
 * are parsed, never executed.
 */
import { makeOperation } from '../extract/operation';
import path from 'node:path';
import type { Workspace } from '../workspace';
import { NEVER_SEARCHED, RUNNER_EXTENSIONS, toPosix } from '../util/paths';
import { SPECIFIER } from '../util/module-specifiers';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { DataLoss, Evidence, JsonValue, Operation, OpKind, Target } from '../model';
import { destructiveEffect, isEmptyWhere, type DestructiveEffect } from '../operations/effects';
import { LOSS_WORDS } from '../operations/loss';
import { analyzeSql } from '../sql/analyze-sql';
import { holePlaceholder, withHolesShown } from '../sql/holes';
import type { Env } from './command-line';
import { commandEnvironment } from '../extract/environment';
import { Evaluator, HOLE, fromPrimitive, isPrimitive, prim, truthy, whyOf, type Abs, type World } from './evaluate';
import {
  enclosingFunction,
  functionName,
  findDecl,
  isFunctionNode,
  loadUnit,
  nodeText,
  resolveLocal,
  type FunctionNode,
  type Node,
  type Unit,
} from './units';
import { traverse } from '../traverse';
import { QUERY_INTERFACE_METHODS } from '../extract/query-interface';
import { decodeQueryInterfaceArgs } from '../extract/interpreter';
import { UNKNOWN, type Value } from '../extract/values';
import { callsComputedMethod, exportPath, exportsOf, namesMember } from '../extract/syntax';

/** Whether the command reaches a piece of code. */
export type Reach = { k: 'always' } | { k: 'never'; why: string } | { k: 'maybe'; why: string[] };

/** A position on the way to a piece of code (the code itself, or a call site leading to it). */
interface Anchor {
  fn: Node;
  offset: number;
}

interface Reached {
  reach: Reach;
  anchors: Anchor[];
  /** Production checks around the code that the command does not decide (NODE_ENV not set). */
  guards: Safeguard[];
}

/** A database call that can destroy data, or a sync that does not. */
export interface Effect {
  dataLoss: DataLoss;
  /** What it does, as the end of a sentence: "drops every model table ... all data is lost". */
  what: string;
  purpose: string;
  /** The call as written, compacted. */
  call: string;
  /** Facts the classification relied on: "force = true", "--fresh is passed". */
  detail: string[];
  evidence: Evidence;
  reach: Reach;
  anchors: Anchor[];
  /** Production checks on the way that the command does not decide. */
  guards: Safeguard[];
  kind: 'sync' | 'drop' | 'truncate' | 'delete' | 'sql' | 'query-interface';
  /**
   * For a sync: whether it alters existing tables. `drops-columns`: `alter: true` as such (columns the models lack are
   * dropped, sequelize-semantics.md); `keeps-columns`: `alter: { drop: false }`; `maybe`: alter not known statically.
   */
  alter?: 'drops-columns' | 'keeps-columns' | 'maybe';
  /**
   * For a sync: the instance synced is one the script imports from a module that builds its own (`new Sequelize`) and
   * that no file of the models folder imports: no model is defined on it, so the sync creates and alters nothing.
   */
  noModels?: true;
}

/** The label of a production check the code it guards runs only outside of (`if (NODE_ENV === 'production') ... else <here>`). */
export const SKIPPED_IN_PRODUCTION = 'skipped when NODE_ENV=production';

/** How a command's pieces that are not known statically are written in `ChildCommand.partial`. */
export const UNKNOWN_PIECE = '…';

/** A command the script runs in a child process. */
export interface ChildCommand {
  /** The command line, or null when it is not known statically. */
  command: string | null;
  /** The known part of an unresolved command, unknown pieces shown as `…`. */
  partial: string | null;
  why: string[];
  /** Set when the command is implied (umzug `up()` runs like `sequelize-cli db:migrate`). */
  via: string | null;
  evidence: Evidence;
  reach: Reach;
  anchors: Anchor[];
  guards: Safeguard[];
}

type EffectDraft = Omit<Effect, 'call' | 'evidence' | 'reach' | 'anchors' | 'guards'>;
type CommandDraft = Omit<ChildCommand, 'evidence' | 'reach' | 'anchors' | 'guards'>;

export type SafeguardKind = 'countdown' | 'production-check' | 'confirmation' | 'connection-test' | 'backup' | 'status-check' | 'sync-match';

export interface Safeguard {
  kind: SafeguardKind;
  /** "3-second countdown", "refuses to run when NODE_ENV=production". */
  label: string;
  /** When the safeguard is conditional: "only when NODE_ENV=production". */
  condition: string | null;
  evidence: Evidence;
  reach: Reach;
  anchors: Anchor[];
}

export interface NodeScriptFacts {
  /** Display path of the script (`<inline>` for `node -e`). */
  file: string;
  /** Why the script could not be analyzed. */
  error: string | null;
  /** Where the script reaches the database (a require of sequelize, the models, pg...), if it does. */
  touchesDb: Evidence | null;
  /** Reached effects (reach always or maybe). */
  effects: Effect[];
  /** Effects the command never reaches, with why. */
  unreached: Effect[];
  commands: ChildCommand[];
  safeguards: Safeguard[];
  /** Writes through the models (`User.create`), for the purpose line. */
  modelWrites: { name: string; evidence: Evidence }[];
  /** Local modules followed (project-relative). */
  followed: string[];
}

export interface NodeScriptRequest {
  /** The project's files (src/workspace.ts). */
  workspace: Workspace;
  /** Project-relative path of the script, or null with `inline`. */
  script: string | null;
  inline?: string;
  args: string[];
  env: Env;
  /** The project's models folder (project-relative), when known: whose files say which Sequelize instance the models are defined on. */
  modelsDir?: string | null;
}

const DB_PACKAGES = new Set(['sequelize', '@sequelize/core', 'sequelize-typescript', 'sequelize-cli', 'pg', 'pg-promise', 'postgres', 'umzug', 'knex', 'typeorm', '@prisma/client', 'mysql2', 'sqlite3', 'tedious']);
const DB_MODULE_PATH = /(^|\/)(models?|db|database|databases|sequelize|orm|migrator|umzug)(\/|\.|$)/i;
/** A specifier npm could install (`pg`, `@scope/pkg/sub`), not a path alias (`~db/models`, `@/db`, `#db`). */
const PACKAGE_NAME = /^(?:@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*(?:\/|$)/i;
const EXEC_FUNCTIONS = new Set(['exec', 'execSync', 'execFile', 'execFileSync', 'spawn', 'spawnSync', 'fork']);
const COUNTDOWN_NAME = /^(count_?down\w*|\w*countdown|sleep|delay|wait|pause|setTimeout|waitSeconds|wait\w*Seconds|timeout)$/i;
const CONFIRM_NAMES = new Set(['question', 'questionAsync', 'prompt', 'confirm', 'askConfirmation', 'askForConfirmation']);
const CONFIRM_PACKAGES = new Set(['readline', 'node:readline', 'readline/promises', 'node:readline/promises', 'prompts', 'inquirer', 'enquirer', '@inquirer/prompts', '@inquirer/confirm', 'readline-sync']);
/** The queryInterface calls whose data effect a script reports. */
const SCRIPT_QUERY_INTERFACE_EFFECTS = new Set(['dropTable', 'dropAllTables', 'dropAllSchemas', 'dropDatabase', 'dropSchema', 'removeColumn', 'bulkDelete', 'bulkUpdate']);
const MODEL_WRITES = new Set(['create', 'bulkCreate', 'findOrCreate', 'upsert', 'update', 'destroy', 'increment', 'decrement', 'restore']);
const NOT_MODELS = new Set(['Object', 'Promise', 'JSON', 'Math', 'Array', 'Date', 'Buffer', 'Number', 'String', 'Reflect', 'Sequelize', 'DataTypes', 'Op', 'Intl', 'Map', 'Set', 'URL']);
const MAX_REACH_DEPTH = 12;
/** How many requires deep the database modules loaded with the application are followed (the script is level 0). */
const MAX_LOAD_LEVELS = 3;
/** At most this many modules are parsed for one script. */
const MAX_FOLLOWED = 200;
/** How many requires deep a database module that syncs as it loads is looked for, through modules that do not touch the database. */
const MAX_CHAIN_LEVELS = 8;

/** Analyzes one Node script run with the given arguments and environment. */
export function analyzeNodeScript(req: NodeScriptRequest): NodeScriptFacts {
  const absScript = req.script === null ? path.join(req.workspace.absRoot, '<inline>.js') : req.workspace.resolve(req.script);
  const loaded = loadUnit(req.workspace, absScript, true, req.inline);
  const display = req.script === null ? '<inline>' : req.script;
  const empty: NodeScriptFacts = { file: display, error: null, touchesDb: null, effects: [], unreached: [], commands: [], safeguards: [], modelWrites: [], followed: [] };
  if (!loaded.ok) return { ...empty, error: loaded.error };
  return new ScriptAnalysis(req, loaded.unit).run();
}

class ScriptAnalysis {
  private readonly units: Unit[];
  private readonly byAbs = new Map<string, Unit>();
  private readonly ev: Evaluator;
  private readonly reachCache = new Map<Node, Reached>();

  constructor(
    private readonly req: NodeScriptRequest,
    private readonly root: Unit,
  ) {
    this.units = [root];
    this.byAbs.set(root.abs, root);
    // One level: the local modules the script itself requires or imports.
    for (const spec of localSpecifiers(root)) {
      const abs = resolveLocal(req.workspace, root.abs, spec);
      if (!abs || this.byAbs.has(abs)) continue;
      const loaded = loadUnit(req.workspace, abs, false);
      if (!loaded.ok) continue;
      this.units.push(loaded.unit);
      this.byAbs.set(abs, loaded.unit);
    }
    // Deeper, only what loads the database as the application loads: a followed module's top-level requires of a
    // database module (`bin/www` requires `../app`, whose top level requires `./models`, where `sequelize.sync()` runs).
    let frontier = this.units.slice(1);
    for (let level = 2; level <= MAX_LOAD_LEVELS && frontier.length > 0; level++) {
      const next: Unit[] = [];
      for (const unit of frontier) {
        for (const spec of localSpecifiers(unit, true)) {
          const abs = resolveLocal(req.workspace, unit.abs, spec);
          if (!abs || this.byAbs.has(abs) || this.units.length >= MAX_FOLLOWED) continue;
          const loaded = loadUnit(req.workspace, abs, false);
          if (!loaded.ok || !this.unitUsesDb(loaded.unit)) continue;
          this.units.push(loaded.unit);
          this.byAbs.set(abs, loaded.unit);
          next.push(loaded.unit);
        }
      }
      frontier = next;
    }
    // Deeper still, a database module that syncs as it loads (`models/index.js` ending in `db.sequelize.sync()`), which
    // the application loads through modules that do not touch the database themselves (`server.js` -> `app` ->
    // `router` -> `routes` -> a controller -> `models`): found by the require chain read in the text (hold-out 59).
    for (const abs of this.syncingModulesLoaded()) {
      if (this.byAbs.has(abs) || this.units.length >= MAX_FOLLOWED) continue;
      const loaded = loadUnit(req.workspace, abs, false);
      if (!loaded.ok) continue;
      this.units.push(loaded.unit);
      this.byAbs.set(abs, loaded.unit);
    }
    const world: World = {
      environment: commandEnvironment(root.file, req.args, req.env),
      units: this.units,
      resolve: (from, spec) => {
        if (from !== root) return null;
        const abs = resolveLocal(req.workspace, from.abs, spec);
        return abs ? this.byAbs.get(abs) ?? null : null;
      },
    };
    this.ev = new Evaluator(world);
  }

  /**
   * The module the synced instance comes from, when no model is defined on it: the receiver is a name the script
   * imports (`const { sequelize } = require('./config/db')`) from a project module that builds its own instance (`new
   * Sequelize(`), defines no model itself, and that no file of the models folder imports (they are defined on another
   * instance; hold-out 61: `sync({ alter: true })` of `config/db.js` while the models use `config/database.js`). Null
   * otherwise.
   */
  private instanceWithoutModels(unit: Unit, receiver: TSESTree.Expression): string | null {
    const modelsDir = this.req.modelsDir;
    if (!modelsDir || receiver.type !== 'Identifier') return null;
    const decl = findDecl(unit, receiver);
    let spec: string | null = null;
    if (decl?.kind === 'import') spec = decl.spec;
    else if (decl?.kind === 'var' && decl.declarator.init) {
      let init: TSESTree.Node = decl.declarator.init;
      while (init.type === 'AwaitExpression' || init.type === 'MemberExpression') init = init.type === 'AwaitExpression' ? init.argument : init.object;
      spec = requiredSpecifier(init);
    }
    if (!spec || !spec.startsWith('.')) return null;
    const abs = resolveLocal(this.req.workspace, unit.abs, spec);
    if (!abs) return null;
    const module = this.req.workspace.readSource(abs);
    if (!module.ok || !/\bnew\s+Sequelize\s*\(/.test(module.text) || /\.(define|init)\s*\(/.test(module.text)) return null;
    const absModels = this.req.workspace.resolve(modelsDir);
    if (path.relative(absModels, abs).split(path.sep)[0] !== '..') return null;
    let files: string[];
    try {
      files = this.req.workspace.glob(`**/*.{${RUNNER_EXTENSIONS.join(',')}}`, { cwd: absModels, ignore: NEVER_SEARCHED, onlyFiles: true, dot: false, deep: 3 });
    } catch {
      return null;
    }
    if (files.length === 0) return null;
    for (const f of files) {
      const file = path.join(absModels, f);
      const text = this.req.workspace.readSource(file);
      if (!text.ok) return null;
      for (const m of text.text.matchAll(SPECIFIER)) {
        if (resolveLocal(this.req.workspace, file, m[1]!) === abs) return null;
      }
    }
    return toPosix(path.relative(this.req.workspace.absRoot, abs));
  }

  /**
   * Database modules (by path: `models/`, `db.js`...) that call `.sync(` and that the script loads through a chain of
   * relative requires at the top level of each module (run as it loads), at most MAX_CHAIN_LEVELS long; not the ones
   * already followed. Breadth first, at most MAX_FOLLOWED modules read.
   */
  private syncingModulesLoaded(): string[] {
    // Only where some database module of the project calls `.sync(`: the chain is not walked for nothing.
    if (!projectHasSyncingModule(this.req.workspace)) return [];
    const found: string[] = [];
    const seen = new Set<string>([this.root.abs]);
    let frontier: Unit[] = [this.root];
    for (let level = 1; level <= MAX_CHAIN_LEVELS && frontier.length > 0; level++) {
      const next: Unit[] = [];
      for (const unit of frontier) {
        for (const spec of localSpecifiers(unit, true)) {
          const abs = resolveLocal(this.req.workspace, unit.abs, spec);
          if (!abs || seen.has(abs) || seen.size >= MAX_FOLLOWED) continue;
          seen.add(abs);
          const loaded = this.byAbs.get(abs) ?? (() => {
            const l = loadUnit(this.req.workspace, abs, false);
            return l.ok ? l.unit : null;
          })();
          if (!loaded) continue;
          next.push(loaded);
          if (!this.byAbs.has(abs) && DB_MODULE_PATH.test(loaded.file) && /\.sync\s*\(/.test(loaded.source)) found.push(abs);
        }
      }
      frontier = next;
    }
    return found;
  }

  run(): NodeScriptFacts {
    const effects: Effect[] = [];
    const commands: ChildCommand[] = [];
    const safeguards: Safeguard[] = [];
    const modelWrites: { name: string; evidence: Evidence }[] = [];
    for (const unit of this.units) {
      traverse(unit.ast, (n) => {
        if (n.type === 'CallExpression') this.inspectCall(unit, n, effects, commands, safeguards, modelWrites);
        else if (n.type === 'IfStatement') this.inspectIf(unit, n, safeguards);
      });
    }
    const reachedEffects = effects.filter((e) => e.reach.k !== 'never');
    const reachedCommands = commands.filter((c) => c.reach.k !== 'never');
    // Production checks around reached work that the command does not decide are safeguards too.
    for (const e of [...reachedEffects, ...reachedCommands]) safeguards.push(...e.guards);
    for (const c of reachedCommands) {
      if (c.command && /\bpg_dump\b/.test(c.command)) safeguards.push({ ...c, kind: 'backup', label: 'takes a backup with pg_dump', condition: conditionOf(c.reach) });
      if (c.command && /\bdb:migrate:status\b/.test(c.command)) safeguards.push({ ...c, kind: 'status-check', label: 'checks pending migrations with db:migrate:status', condition: conditionOf(c.reach) });
    }
    return {
      file: this.root.file,
      error: null,
      touchesDb: this.dbEvidence(),
      effects: reachedEffects,
      unreached: effects.filter((e) => e.reach.k === 'never'),
      commands: reachedCommands,
      safeguards: dedupeSafeguards(safeguards.filter((s) => s.reach.k !== 'never')),
      modelWrites,
      followed: this.units.filter((u) => !u.root).map((u) => u.file),
    };
  }

  // ---------------------------------------------------------------------------
  // Calls

  private inspectCall(
    unit: Unit,
    call: TSESTree.CallExpression,
    effects: Effect[],
    commands: ChildCommand[],
    safeguards: Safeguard[],
    modelWrites: { name: string; evidence: Evidence }[],
  ): void {
    const callee = call.callee;
    const member = callee.type === 'MemberExpression' ? callee : null;
    const name = member
      ? !member.computed && member.property.type === 'Identifier'
        ? member.property.name
        : member.property.type === 'Literal'
          ? String(member.property.value)
          : null
      : callee.type === 'Identifier'
        ? callee.name
        : null;
    if (name === null) return;
    const receiver = member ? member.object : null;
    const receiverText = receiver ? nodeText(unit, receiver, 200) : '';
    const at = member ? member.property : callee;

    // Child processes first: `execSync(...)` is also an identifier call.
    const calleeValue = this.ev.eval(unit, callee);
    if (calleeValue.k === 'module') {
      const command = this.childCommand(unit, call, calleeValue);
      if (command) {
        commands.push({ ...command, evidence: this.evidence(unit, at, call), ...this.reachOf(unit, call) });
        return;
      }
      if (CONFIRM_PACKAGES.has(calleeValue.spec) && calleeValue.path.some((p) => CONFIRM_NAMES.has(p) || p === 'default' || p === '')) {
        safeguards.push(this.safeguard(unit, call, at, 'confirmation', 'asks for confirmation first'));
        return;
      }
    }
    if (receiver && (name === 'up' || name === 'down')) {
      const recv = this.ev.eval(unit, receiver);
      const isUmzug = (recv.k === 'module' && recv.spec === 'umzug') || /(^|\.)(umzug|migrator)$/i.test(receiverText);
      if (isUmzug) {
        commands.push({ ...this.umzugCommand(unit, call, name), evidence: this.evidence(unit, at, call), ...this.reachOf(unit, call) });
        return;
      }
    }
    if (!receiver) {
      if (COUNTDOWN_NAME.test(name)) this.countdown(unit, call, at, name, safeguards);
      else if (CONFIRM_NAMES.has(name)) safeguards.push(this.safeguard(unit, call, at, 'confirmation', 'asks for confirmation first'));
      return;
    }
    if (COUNTDOWN_NAME.test(name) && name !== 'setTimeout') {
      this.countdown(unit, call, at, name, safeguards);
      return;
    }
    if (CONFIRM_NAMES.has(name) && /(^|\.)(rl|readline|prompt|prompts|inquirer|cli|io|input)$/i.test(receiverText)) {
      safeguards.push(this.safeguard(unit, call, at, 'confirmation', 'asks for confirmation first'));
      return;
    }
    // Sequelize's `authenticate(options?)`; not passport's `authenticate('jwt', ...)`, which names a strategy.
    const strategy = call.arguments[0]?.type === 'Literal' && typeof call.arguments[0].value === 'string';
    if (name === 'authenticate' && !strategy && receiverKind(receiverText) !== 'other') {
      safeguards.push(this.safeguard(unit, call, at, 'connection-test', 'tests the database connection first'));
      return;
    }
    const found = this.effectOf(unit, call, name, receiver, receiverText);
    const bare = found?.kind === 'sync' ? this.instanceWithoutModels(unit, receiver) : null;
    const effect = found && bare ? { ...found, dataLoss: 'none' as const, what: `syncs an instance no model is defined on (${bare} builds it, and no file of the models folder imports it): it creates and alters nothing`, alter: undefined, noModels: true as const } : found;
    if (effect) {
      effects.push({ ...effect, call: nodeText(unit, call), evidence: this.evidence(unit, at, call), ...this.reachOf(unit, call) });
      if (effect.kind === 'sync') {
        const match = this.syncMatch(unit, call);
        if (match) safeguards.push({ ...this.safeguard(unit, call, at, 'sync-match', `sync refuses unless the database name matches ${match}`) });
      }
      return;
    }
    const last = lastSegment(receiverText);
    if (MODEL_WRITES.has(name) && /^[A-Z][A-Za-z0-9]*$/.test(last) && !NOT_MODELS.has(last)) {
      modelWrites.push({ name: `${last}.${name}`, evidence: this.evidence(unit, at, call) });
    }
  }

  /** The command a child-process call runs. */
  private childCommand(unit: Unit, call: TSESTree.CallExpression, fn: Extract<Abs, { k: 'module' }>): CommandDraft | null {
    const spec = fn.spec.replace(/^node:/, '');
    const fnName = fn.path[fn.path.length - 1] ?? '';
    const args = call.arguments;
    const str = (i: number): { text: string | null; partial: string | null; why: string[] } => {
      const a = args[i];
      if (!a || a.type === 'SpreadElement') return { text: null, partial: null, why: ['no command argument'] };
      const v = this.ev.eval(unit, a);
      if (v.k === 'str') return { text: v.v, partial: null, why: [] };
      if (v.k === 'pstr') return { text: null, partial: v.text.split(HOLE).join(UNKNOWN_PIECE), why: whyOf(v) };
      return { text: null, partial: null, why: whyOf(v) };
    };
    const list = (i: number): { words: string[] | null; why: string[] } => {
      const a = args[i];
      if (!a) return { words: [], why: [] };
      if (a.type === 'SpreadElement') return { words: null, why: [] };
      const v = this.ev.eval(unit, a);
      if (v.k === 'arr' && v.items.every((x) => isPrimitive(x))) return { words: v.items.map((x) => String(prim(x))), why: [] };
      if (v.k === 'obj' || v.k === 'undef') return { words: [], why: [] };
      return { words: null, why: whyOf(v) };
    };
    const fromProgram = (programIndex: number, argsIndex: number, prefix = ''): CommandDraft => {
      const program = str(programIndex);
      const rest = list(argsIndex);
      if (program.text !== null && rest.words) return { command: [prefix + program.text, ...rest.words.map(quoteWord)].join(' ').trim(), partial: null, why: [], via: null };
      return { command: null, partial: program.text ?? program.partial, why: [...program.why, ...rest.why], via: null };
    };
    const fromString = (i: number): CommandDraft => {
      const s = str(i);
      return { command: s.text, partial: s.partial, why: s.why, via: null };
    };
    if (spec === 'child_process' && fn.path.length === 1 && EXEC_FUNCTIONS.has(fnName)) {
      if (fnName === 'exec' || fnName === 'execSync') return fromString(0);
      if (fnName === 'fork') return fromProgram(0, 1, 'node ');
      return fromProgram(0, 1);
    }
    if (spec === 'shelljs' && fnName === 'exec') return fromString(0);
    if (spec === 'execa') {
      if (/^(execaCommand|execaCommandSync|command|commandSync)$/.test(fnName)) return fromString(0);
      if (fn.path.length === 0 || /^(execa|execaSync|sync)$/.test(fnName)) return fromProgram(0, 1);
    }
    if (spec === 'cross-spawn' && (fn.path.length === 0 || fnName === 'sync' || fnName === 'spawn')) return fromProgram(0, 1);
    return null;
  }

  private umzugCommand(unit: Unit, call: TSESTree.CallExpression, name: 'up' | 'down'): CommandDraft {
    const text = nodeText(unit, call);
    if (name === 'up') return { command: 'sequelize-cli db:migrate', partial: null, why: [], via: text };
    const opts = call.arguments[0] ? this.ev.eval(unit, call.arguments[0]) : null;
    const to = opts?.k === 'obj' ? opts.props.get('to') : undefined;
    if (to?.k === 'num' && to.v === 0) return { command: 'sequelize-cli db:migrate:undo:all', partial: null, why: [], via: text };
    if (to?.k === 'str') return { command: `sequelize-cli db:migrate:undo:all --to ${quoteWord(to.v)}`, partial: null, why: [], via: text };
    if (opts && (opts.k !== 'obj' || opts.partial || (to && !isPrimitive(to)))) return { command: null, partial: 'umzug down', why: ['the `to` option is not known statically'], via: text };
    return { command: 'sequelize-cli db:migrate:undo', partial: null, why: [], via: text };
  }

  /** The data effect of a call, or null when it is not a database call we classify. */
  private effectOf(
    unit: Unit,
    call: TSESTree.CallExpression,
    name: string,
    receiver: Node,
    receiverText: string,
  ): EffectDraft | null {
    const kind = receiverKind(receiverText);
    const arg0 = call.arguments[0];
    // `glob.sync('*.js')`, `fs.rmSync(...)`: not a Sequelize receiver.
    const recv = this.ev.eval(unit, receiver);
    // A path alias (`~db/models`, `@/db`, `#db`) is the project's own module, not a package: what it exports may be the instance.
    if (recv.k === 'module' && recv.unit === null && !recv.spec.startsWith('.') && !recv.spec.startsWith('<') && !DB_PACKAGES.has(recv.spec) && PACKAGE_NAME.test(recv.spec)) return null;
    const model = lastSegment(receiverText);

    if (name === 'sync' && kind !== 'qi' && kind !== 'other' && (!arg0 || (arg0.type !== 'Literal' && arg0.type !== 'TemplateLiteral'))) {
      return this.syncEffect(unit, arg0 ?? null, kind === 'model' ? model : null);
    }
    if (kind === 'qi') return this.queryInterfaceEffect(unit, call, name);
    if (name === 'drop' && kind !== 'other' && call.arguments.length <= 1) {
      return kind === 'model'
        ? { dataLoss: 'some', what: `drops the table of model \`${model}\` and its rows`, purpose: `Drop the ${model} table`, detail: [], kind: 'drop' }
        : { dataLoss: 'all', what: 'drops every model table: all data is lost', purpose: 'Drop all model tables', detail: [], kind: 'drop' };
    }
    if ((name === 'dropAllTables' || name === 'dropAllSchemas') && kind !== 'other') {
      return { dataLoss: 'all', what: `${name === 'dropAllTables' ? 'drops every table' : 'drops every schema'}: all data is lost`, purpose: 'Drop every table', detail: [], kind: 'drop' };
    }
    if (name === 'truncate' && kind !== 'other') {
      return kind === 'model'
        ? { dataLoss: 'some', what: `empties the table of model \`${model}\``, purpose: `Empty the ${model} table`, detail: [], kind: 'truncate' }
        : { dataLoss: 'all', what: 'empties every model table: all rows are deleted', purpose: 'Empty every model table', detail: [], kind: 'truncate' };
    }
    if (name === 'destroy' && arg0 && kind !== 'other') {
      const opts = this.ev.eval(unit, arg0);
      if (opts.k !== 'obj') return null;
      const truncate = opts.props.get('truncate');
      const where = opts.props.get('where');
      const target = kind === 'model' ? `model \`${model}\`` : `\`${receiverText}\``;
      if (truncate && truthy(truncate) === true) return { dataLoss: 'some', what: `deletes every row of ${target} (truncate: true)`, purpose: `Empty the ${model} table`, detail: [], kind: 'delete' };
      if (where?.k === 'obj' && where.props.size === 0 && !where.partial) {
        return { dataLoss: 'some', what: `deletes every row of ${target} (empty where)`, purpose: `Delete every ${model} row`, detail: [], kind: 'delete' };
      }
      return null;
    }
    if (name === 'query' && arg0 && arg0.type !== 'SpreadElement') {
      return this.queryEffect(unit, arg0, kind !== 'other' || /(client|pool|pg|knex|conn)/i.test(receiverText));
    }
    return null;
  }

  private syncEffect(unit: Unit, arg: TSESTree.CallExpressionArgument | null, model: string | null): EffectDraft {
    const scope = model ? `the table of model \`${model}\`` : 'every model table';
    if (arg?.type === 'SpreadElement') return { dataLoss: 'unknown', what: 'sync options are not known statically', purpose: 'Sync tables from the models', detail: [], kind: 'sync' };
    const { value: opts, notes } = arg ? this.ev.explain(unit, arg) : { value: fromPrimitive(undefined) as Abs, notes: [] };
    if (!(opts.k === 'obj' || (opts.k === 'undef'))) {
      return { dataLoss: 'unknown', what: `its options are not known statically${whyText(whyOf(opts))}`, purpose: 'Sync tables from the models', detail: notes, kind: 'sync' };
    }
    const prop = (key: string): Abs => (opts.k === 'obj' ? this.ev.property(opts, key) : fromPrimitive(undefined));
    const force = prop('force');
    const alter = prop('alter');
    const ft = truthy(force);
    const facts = (extra: string[]): string[] => [...extra, ...notes.filter((n) => !extra.includes(n))];
    if (notes.length > 0 && !(opts.k === 'obj' && (opts.props.has('force') || opts.props.has('alter')))) notes.length = 0;
    if (ft === true) {
      return {
        dataLoss: model ? 'some' : 'all',
        what: model ? `drops and recreates ${scope}: its rows are lost` : `drops every model table (DROP TABLE ... CASCADE) and recreates it: all data is lost`,
        purpose: model ? `Drop and recreate the ${model} table` : 'Drop and recreate all tables from the models',
        detail: facts(['force = true']),
        kind: 'sync',
      };
    }
    const at = truthy(alter);
    if (ft === null) {
      // `{ force: NODE_ENV !== 'production', alter: NODE_ENV === 'production' }`: where force is false, the alter that
      // may be true still changes existing tables to the models.
      const alters = at === true ? (alter.k === 'obj' && alter.props.get('drop')?.k === 'bool' && prim(alter.props.get('drop')) === false ? 'keeps-columns' : 'drops-columns') : at === null ? 'maybe' : null;
      return {
        dataLoss: 'unknown',
        what: `drops ${scope} when force is true, and force is not known statically${whyText(whyOf(force))}${alters ? '; otherwise it may alter them to the models (alter is not known statically either)' : ''}`,
        purpose: 'Sync tables from the models (force depends on the environment)',
        detail: [],
        kind: 'sync',
        ...(alters ? { alter: alters } : {}),
      };
    }
    if (at === true) {
      if (alter.k === 'obj' && alter.props.get('drop')?.k === 'bool' && prim(alter.props.get('drop')) === false) {
        return {
          dataLoss: 'unknown',
          what: `alters ${scope} to match the models with alter.drop = false: columns the models lack are kept, but column types are still rewritten (a narrowing cast can lose data; not measured)`,
          purpose: 'Alter tables to match the models',
          detail: facts(['alter = { drop: false }']),
          kind: 'sync',
          alter: 'keeps-columns',
        };
      }
      return {
        dataLoss: 'some',
        what: `alters ${scope} to match the models: columns the models lack are dropped with their data, NOT NULL and defaults are rewritten`,
        purpose: model ? `Alter the ${model} table to match its model` : 'Alter tables to match the models',
        detail: facts(['alter = true']),
        kind: 'sync',
        alter: 'drops-columns',
      };
    }
    if (at === null) {
      return {
        dataLoss: 'unknown',
        what: `alters ${scope} (dropping columns the models lack) when alter is true, and alter is not known statically${whyText(whyOf(alter))}`,
        purpose: 'Sync tables from the models (alter depends on the environment)',
        detail: [],
        kind: 'sync',
        alter: 'maybe',
      };
    }
    const explicit = opts.k === 'obj' && opts.props.has('force') ? ['force = false'] : [];
    return {
      dataLoss: 'none',
      what: `creates missing tables only (CREATE TABLE IF NOT EXISTS): existing tables and data are kept`,
      purpose: model ? `Create the ${model} table if missing` : 'Create missing tables from the models',
      detail: facts(explicit),
      kind: 'sync',
    };
  }

  private syncMatch(unit: Unit, call: TSESTree.CallExpression): string | null {
    const arg = call.arguments[0];
    if (!arg || arg.type === 'SpreadElement') return null;
    const opts = this.ev.eval(unit, arg);
    const match = opts.k === 'obj' ? opts.props.get('match') : undefined;
    return match?.k === 'regex' ? match.text : null;
  }

  /**
   * A destructive queryInterface call in a script, decoded the way migrations are
   * (`decodeQueryInterfaceArgs`). Deletes and updates count only without a condition.
   */
  private queryInterfaceEffect(unit: Unit, call: TSESTree.CallExpression, name: string): EffectDraft | null {
    if (!SCRIPT_QUERY_INTERFACE_EFFECTS.has(name)) return null;
    const sig = QUERY_INTERFACE_METHODS[name];
    if (!sig) return null;
    const args = call.arguments.map((a) => (a.type === 'SpreadElement' ? UNKNOWN : toValue(this.ev.eval(unit, a))));
    const { target, options } = decodeQueryInterfaceArgs(sig, args);
    if ((name === 'bulkDelete' || name === 'bulkUpdate') && !isEmptyWhere(options.where)) return null;
    const op = fakeOperation(sig.op, target, options, name);
    const effect = destructiveEffect(op, true);
    if (!effect) return null;
    return { dataLoss: effectDataLoss(effect, op), what: describeEffect(effect, op), purpose: purposeOfEffect(effect), detail: [], kind: 'query-interface' };
  }

  private queryEffect(unit: Unit, arg: TSESTree.Expression, dbReceiver: boolean): EffectDraft | null {
    const v = this.ev.eval(unit, arg);
    let sql: string | null = null;
    if (v.k === 'str') sql = v.v;
    else if (v.k === 'pstr') {
      let i = 0;
      sql = v.text.replace(new RegExp(HOLE, 'g'), () => holePlaceholder(i++));
    }
    if (sql === null) {
      return dbReceiver
        ? { dataLoss: 'unknown', what: `runs SQL that is not known statically${whyText(whyOf(v))}`, purpose: 'Run SQL', detail: [], kind: 'sql' }
        : null;
    }
    const result = sqlEffects(sql);
    if (result.dataLoss === 'none') return null;
    if (result.dataLoss === 'unknown' && !dbReceiver) return null;
    return { ...result, detail: [], kind: 'sql' };
  }

  private countdown(unit: Unit, call: TSESTree.CallExpression, at: Node, name: string, safeguards: Safeguard[]): void {
    // The implementation of a sleep/countdown helper is not a safeguard of its own.
    for (let cur = unit.parents.get(call); cur; cur = unit.parents.get(cur)) {
      if (isFunctionNode(cur)) {
        const fnName = functionName(unit, cur);
        if (fnName && COUNTDOWN_NAME.test(fnName)) return;
        const parent = unit.parents.get(cur);
        // `new Promise((resolve) => setTimeout(resolve, ms))` inside a helper: checked at the helper.
        if (parent?.type === 'NewExpression') continue;
      }
    }
    const argIndex = name === 'setTimeout' ? 1 : 0;
    const a = call.arguments[argIndex];
    const v = a && a.type !== 'SpreadElement' ? this.ev.eval(unit, a) : null;
    let seconds: number | null = null;
    if (v?.k === 'num') {
      // Helpers take seconds (`countdown(3)`) or milliseconds (`sleep(5000)`): small numbers are seconds.
      seconds = v.v < 100 ? v.v : v.v / 1000;
      seconds *= loopCount(unit, call) ?? 1;
    }
    const production = this.underProductionCheck(unit, call);
    const what = production ? 'production warning' : 'countdown';
    const label = seconds !== null ? `${formatSeconds(seconds)} ${what}` : `${what} before continuing`;
    safeguards.push(this.safeguard(unit, call, at, 'countdown', label));
  }

  /** A production check: `if (env === 'production') { ...return }` refuses; with a warning only, it warns. */
  private inspectIf(unit: Unit, node: TSESTree.IfStatement, safeguards: Safeguard[]): void {
    if (!mentionsProduction(unit, node.test)) return;
    const test = nodeText(unit, node.test, 70);
    const negated = /!==?\s*['"`]production|['"`]production['"`]\s*!==?|^!/.test(test);
    if (negated) return; // `if (env !== 'production') { ... }` wraps the work: reported with the effect it guards.
    const consequent = node.consequent;
    const hasCountdown = containsCall(consequent, (n) => COUNTDOWN_NAME.test(n));
    if (hasCountdown) return; // labelled by the countdown itself
    const label = exits(consequent)
      ? 'refuses to run when NODE_ENV=production'
      : containsCall(consequent, (n) => n === 'warn' || n === 'error' || n === 'log')
        ? 'warns when NODE_ENV=production'
        : null;
    if (!label) return;
    safeguards.push(this.safeguard(unit, node, node.test, 'production-check', label));
  }

  private underProductionCheck(unit: Unit, node: Node): boolean {
    let child: Node = node;
    for (let cur = unit.parents.get(node); cur; child = cur, cur = unit.parents.get(cur)) {
      if (cur.type === 'IfStatement' && child !== cur.test && mentionsProduction(unit, cur.test)) return true;
      if (isFunctionNode(cur)) return false;
    }
    return false;
  }

  private safeguard(unit: Unit, node: Node, at: Node, kind: SafeguardKind, label: string): Safeguard {
    const reached = this.reachOf(unit, node);
    return { kind, label, condition: conditionOf(reached.reach), evidence: this.evidence(unit, at, node), reach: reached.reach, anchors: reached.anchors };
  }

  private evidence(unit: Unit, at: Node, whole: Node): Evidence {
    return { file: unit.file, line: at.loc.start.line, text: nodeText(unit, whole, 120) };
  }

  /** Where the script reaches the database: a DB package or a local database module. */
  private dbEvidence(): Evidence | null {
    for (const unit of this.units) {
      let found: Evidence | null = null;
      traverse(unit.ast, (n) => {
        if (found) return;
        const spec = requiredSpecifier(n);
        if (spec === null) return;
        const local = unit.root ? resolveLocal(this.req.workspace, unit.abs, spec) : null;
        const localUnit = local ? this.byAbs.get(local) : undefined;
        if (DB_PACKAGES.has(spec) || (spec.startsWith('.') && DB_MODULE_PATH.test(spec)) || (localUnit && this.unitUsesDb(localUnit))) {
          found = { file: unit.file, line: n.loc.start.line, text: nodeText(unit, n, 120) };
        }
      });
      if (found) return found;
    }
    return null;
  }

  private unitUsesDb(unit: Unit): boolean {
    let uses = DB_MODULE_PATH.test(unit.file);
    traverse(unit.ast, (n) => {
      if (uses) return;
      const spec = requiredSpecifier(n);
      if (spec !== null && (DB_PACKAGES.has(spec) || (spec.startsWith('.') && DB_MODULE_PATH.test(spec)))) uses = true;
    });
    return uses;
  }

  // ---------------------------------------------------------------------------
  // Reachability

  private reachOf(unit: Unit, node: Node): Reached {
    const cached = this.reachCache.get(node);
    if (cached) return cached;
    const r = this.reach(unit, node, 0, new Set());
    this.reachCache.set(node, r);
    return r;
  }

  /**
   * Whether running the script reaches `node`: the branches around it are
   * evaluated against the command's arguments and environment, early exits
   * before it too, and a function is reached through its call sites.
   */
  private reach(unit: Unit, node: Node, depth: number, visiting: Set<FunctionNode>): Reached {
    const anchors: Anchor[] = [{ fn: enclosingFunction(unit, node), offset: node.range[0] }];
    const maybe: string[] = [];
    const guards: Safeguard[] = [];
    const never = (why: string): Reached => ({ reach: { k: 'never', why }, anchors, guards });
    let cur: Node = node;
    let parent = unit.parents.get(cur);
    while (parent) {
      switch (parent.type) {
        case 'IfStatement':
        case 'ConditionalExpression':
          if (cur !== parent.test) {
            const verdict = this.branch(unit, parent.test, cur === parent.consequent, guards);
            if (verdict.never) return never(verdict.never);
            if (verdict.maybe) maybe.push(verdict.maybe);
          }
          break;
        case 'LogicalExpression':
          if (cur === parent.right) {
            if (parent.operator === '??') maybe.push(`only when \`${nodeText(unit, parent.left, 60)}\` is null`);
            else {
              const verdict = this.branch(unit, parent.left, parent.operator === '&&', guards);
              if (verdict.never) return never(verdict.never);
              if (verdict.maybe) maybe.push(verdict.maybe);
            }
          }
          break;
        case 'Program':
        case 'BlockStatement':
        case 'SwitchCase': {
          const statements = (parent.type === 'SwitchCase' ? parent.consequent : parent.body) as Node[];
          for (const stmt of statements) {
            if (stmt === cur) break;
            if (exits(stmt)) return never(`${unit.file}:${stmt.loc.start.line} exits before it`);
            if (stmt.type === 'IfStatement' && !stmt.alternate && exits(stmt.consequent)) {
              const { value, notes } = this.ev.explain(unit, stmt.test);
              const t = truthy(value);
              if (t === true) return never(`${unit.file}:${stmt.loc.start.line} stops first, since \`${nodeText(unit, stmt.test, 60)}\` holds${whyText(notes)}`);
              // An early exit on runtime data (`if (pending.length === 0) return`) says nothing about the
              // command; one on an environment variable the command does not set leaves the branch open.
              const envWhy = whyOf(value).filter((w) => /is not set by the command/.test(w));
              if (t === null && envWhy.length > 0 && !mentionsProduction(unit, stmt.test)) {
                maybe.push(`only when \`${nodeText(unit, stmt.test, 60)}\` is false (${unit.file}:${stmt.loc.start.line}; ${envWhy.join('; ')})`);
              }
            }
          }
          break;
        }
        case 'CatchClause':
          maybe.push('only when the code before it throws');
          break;
        default:
          break;
      }
      if (isFunctionNode(parent)) {
        const fn = parent;
        const fnParent = unit.parents.get(fn);
        if (fnParent && (fnParent.type === 'CallExpression' || fnParent.type === 'NewExpression') && fnParent.callee !== fn) {
          // A callback: reached when the call it is passed to is reached.
          const calleeName = fnParent.callee.type === 'MemberExpression' && fnParent.callee.property.type === 'Identifier' ? fnParent.callee.property.name : null;
          const index = fnParent.arguments.indexOf(fn as TSESTree.CallExpressionArgument);
          if (calleeName === 'catch' || (calleeName === 'then' && index === 1)) maybe.push('only when an earlier step fails');
          // The callback runs after the call that receives it starts (a prompt, a countdown).
          anchors.push({ fn: enclosingFunction(unit, fnParent), offset: fn.range[0] });
          cur = fnParent;
          parent = unit.parents.get(cur);
          continue;
        }
        if (fnParent && (fnParent.type === 'CallExpression' || fnParent.type === 'NewExpression')) {
          cur = fnParent; // IIFE
          parent = unit.parents.get(cur);
          continue;
        }
        return this.viaCallers(unit, fn, depth, visiting, { anchors, maybe, guards });
      }
      cur = parent;
      parent = unit.parents.get(cur);
    }
    return { reach: maybe.length > 0 ? { k: 'maybe', why: maybe } : { k: 'always' }, anchors, guards };
  }

  private viaCallers(unit: Unit, fn: FunctionNode, depth: number, visiting: Set<FunctionNode>, local: { anchors: Anchor[]; maybe: string[]; guards: Safeguard[] }): Reached {
    const sites = this.ev.callSites(fn).filter((s) => !visiting.has(enclosingFunctionOrNull(s.unit, s.node) as FunctionNode));
    const name = functionName(unit, fn) ?? 'the function';
    const fnParent = unit.parents.get(fn);
    if (sites.length === 0) {
      // A method of a module the script requires that no followed module ever names (a seeder's `down` where the
      // script calls only `require('./seeders/x').up(...)`; hold-out 72): never called.
      const uncalled = this.methodNeverNamed(unit, fn);
      if (uncalled) return { reach: { k: 'never', why: uncalled }, anchors: local.anchors, guards: local.guards };
      // An object method or an assigned callback we cannot trace: assume it runs when its object exists.
      if (fnParent && (fnParent.type === 'Property' || fnParent.type === 'MethodDefinition' || fnParent.type === 'AssignmentExpression')) {
        return this.continueFrom(unit, fnParent, depth, visiting, local);
      }
      return { reach: { k: 'never', why: `\`${name}\` is never called` }, anchors: local.anchors, guards: local.guards };
    }
    if (depth >= MAX_REACH_DEPTH) return { reach: { k: 'maybe', why: ['the call chain is too deep to follow'] }, anchors: local.anchors, guards: local.guards };
    const inner = new Set(visiting).add(fn);
    let best: Reached | null = null;
    const maybeWhy: string[] = [];
    let neverWhy: string | null = null;
    for (const site of sites) {
      const r = this.reach(site.unit, site.node, depth + 1, inner);
      if (r.reach.k === 'always') {
        best = r;
        break;
      }
      if (r.reach.k === 'maybe') {
        maybeWhy.push(...r.reach.why);
        best ??= r;
      } else neverWhy ??= r.reach.why;
    }
    const anchors = [...local.anchors, ...(best?.anchors ?? [])];
    const guards = [...local.guards, ...(best?.guards ?? [])];
    if (!best) return { reach: { k: 'never', why: neverWhy ?? `\`${name}\` is never called` }, anchors, guards };
    const why = [...local.maybe, ...(best.reach.k === 'maybe' ? maybeWhy : [])];
    return { reach: why.length > 0 ? { k: 'maybe', why: [...new Set(why)] } : { k: 'always' }, anchors, guards };
  }

  /**
   * Why a method of a required module's exports (`module.exports = { up, down }`, `exports.down = ...`) never runs:
   * no module of the script's names it (`.down`, `['down']`, `{ down }`) outside its own definition, and none hands the module to
   * umzug (which calls `up`/`down` itself). Null when it may run, and for the script itself.
   */
  private methodNeverNamed(unit: Unit, fn: FunctionNode): string | null {
    if (unit.root) return null;
    const parent = unit.parents.get(fn);
    let key: TSESTree.Node | null = null;
    let owner: Node | undefined;
    if (parent?.type === 'Property' && parent.value === fn && !parent.computed) {
      key = parent.key;
      owner = unit.parents.get(parent);
    } else if (parent?.type === 'AssignmentExpression' && parent.right === fn && parent.left.type === 'MemberExpression' && !parent.left.computed) {
      key = parent.left.property;
      owner = parent;
    }
    const name = key?.type === 'Identifier' ? key.name : key?.type === 'Literal' && typeof key.value === 'string' ? key.value : null;
    if (!name || !owner || !isExportsObject(unit, owner)) return null;
    for (const other of this.units) {
      if (/\bumzug\b/i.test(other.source)) return null;
      // Its own module may call it through `module.exports.down(...)`; its definition (`exports.down = `) is not a call.
      const text = other === unit ? other.source.slice(0, parent!.range[0]) + other.source.slice(parent!.range[1]) : other.source;
      if (namesMember(text, name) || (other !== unit && this.callsComputedMember(other))) return null;
    }
    return `\`${name}\` of ${unit.file} is never called`;
  }

  private readonly computedCalls = new Map<Unit, boolean>();

  /** `callsComputedMethod` of a followed module, once per module. */
  private callsComputedMember(unit: Unit): boolean {
    let found = this.computedCalls.get(unit);
    if (found === undefined) {
      found = callsComputedMethod(unit.ast);
      this.computedCalls.set(unit, found);
    }
    return found;
  }

  private continueFrom(unit: Unit, node: Node, depth: number, visiting: Set<FunctionNode>, local: { anchors: Anchor[]; maybe: string[]; guards: Safeguard[] }): Reached {
    const r = this.reach(unit, node, depth + 1, visiting);
    const why = [...local.maybe, ...(r.reach.k === 'maybe' ? r.reach.why : [])];
    const anchors = [...local.anchors, ...r.anchors];
    const guards = [...local.guards, ...r.guards];
    if (r.reach.k === 'never') return { reach: r.reach, anchors, guards };
    return { reach: why.length > 0 ? { k: 'maybe', why } : { k: 'always' }, anchors, guards };
  }

  /** One branch condition: never (known the other way), maybe (unknown), or nothing to say. */
  private branch(unit: Unit, test: Node, expected: boolean, guards: Safeguard[]): { never?: string; maybe?: string } {
    const { value, notes } = this.ev.explain(unit, test);
    const t = truthy(value);
    const text = nodeText(unit, test, 70);
    if (t === null) {
      // `if (config.autoSync && NODE_ENV === 'development')`: the branch runs only in a development environment, which
      // the command does not decide; outside production all the same (hold-out 58).
      if (expected && requiresDevelopment(test)) {
        guards.push({ kind: 'production-check', label: SKIPPED_IN_PRODUCTION, condition: null, evidence: { file: unit.file, line: test.loc.start.line, text }, reach: { k: 'always' }, anchors: [] });
        return { maybe: `only when \`${text}\` is true${whyText(whyOf(value))}` };
      }
      if (mentionsProduction(unit, test)) {
        const notSet = whyOf(value).filter((w) => /not set by the command/.test(w));
        if (expected === isNegatedProduction(text)) {
          // A production check the command does not decide, and the code runs outside production: credit the check.
          guards.push({ kind: 'production-check', label: SKIPPED_IN_PRODUCTION, condition: null, evidence: { file: unit.file, line: test.loc.start.line, text }, reach: { k: 'always' }, anchors: [] });
          return {};
        }
        return { maybe: `only when NODE_ENV=production${notSet.length > 0 ? ', which the command does not set' : ''}` };
      }
      return { maybe: `only when \`${text}\` is ${expected ? 'true' : 'false'}${whyText(whyOf(value))}` };
    }
    if (t !== expected) return { never: `\`${text}\` is ${t ? 'true' : 'false'}${whyText(notes)}` };
    return {};
  }
}

/**
 * `module.exports = { ... }`, `module.exports.x = `, `exports.x = `, `export default { ... }`, and `db.x = ` where the
 * module exports `db` whole (`module.exports = db`, `export default db`): the module's exports.
 */
function isExportsObject(unit: Unit, owner: Node): boolean {
  if (owner.type === 'AssignmentExpression') {
    // `exports.down = ...`, `module.exports.down = ...`; else `db.down = ...` of a `db` the module exports whole.
    if (exportPath(owner.left)?.length === 1) return true;
    const target = owner.left.type === 'MemberExpression' ? owner.left.object : null;
    return target?.type === 'Identifier' && exportsWhole(unit, target.name);
  }
  if (owner.type !== 'ObjectExpression') return false;
  const up = unit.parents.get(owner);
  if (up?.type === 'AssignmentExpression' && up.right === owner) return exportPath(up.left)?.length === 0;
  return up?.type === 'ExportDefaultDeclaration';
}

/** The module's top level exports the object `name` holds, whole: `module.exports = name`, `export default name`. */
function exportsWhole(unit: Unit, name: string): boolean {
  const isName = (n: Node) => n.type === 'Identifier' && n.name === name;
  return unit.ast.body.some((stmt) =>
    exportsOf(stmt).some((e) => (e.kind === 'assigned' && e.path.length === 0 && e.assignment.operator === '=' && isName(e.assignment.right)) || (e.kind === 'default' && isName(e.declaration))),
  );
}

function enclosingFunctionOrNull(unit: Unit, node: Node): Node | null {
  const fn = enclosingFunction(unit, node);
  return fn.type === 'Program' ? null : fn;
}

/** `require('x')` / `import ... from 'x'` / `import('x')` with a literal specifier. */
function requiredSpecifier(n: Node): string | null {
  if (n.type === 'CallExpression' && n.callee.type === 'Identifier' && n.callee.name === 'require') {
    const a = n.arguments[0];
    if (a?.type === 'Literal' && typeof a.value === 'string') return a.value;
    if (a?.type === 'TemplateLiteral' && a.expressions.length === 0) return a.quasis[0]!.value.cooked ?? null;
    return null;
  }
  if (n.type === 'ImportDeclaration' && n.importKind !== 'type') return String(n.source.value);
  if (n.type === 'ImportExpression' && n.source.type === 'Literal' && typeof n.source.value === 'string') return n.source.value;
  return null;
}

const syncingModuleMemo = new WeakMap<Workspace, boolean>();

/** Some database module of the project (by path, DB_MODULE_PATH; dependencies and builds left out) calls `.sync(`. */
function projectHasSyncingModule(workspace: Workspace): boolean {
  const known = syncingModuleMemo.get(workspace);
  if (known !== undefined) return known;
  let files: string[] = [];
  try {
    // The listing runner detection makes of the project (shared through the workspace's cache).
    files = workspace.glob(`**/*.{${RUNNER_EXTENSIONS.join(',')}}`, { ignore: NEVER_SEARCHED, onlyFiles: true, followSymbolicLinks: false, dot: false });
  } catch {
    files = [];
  }
  const found = files.some((f) => {
    if (!DB_MODULE_PATH.test(f) || /\.d\.[cm]?ts$/.test(f) || /(^|\/)(dist|build)\//.test(f)) return false;
    const read = workspace.readSource(workspace.resolve(f));
    return read.ok && /\.sync\s*\(/.test(read.text);
  });
  syncingModuleMemo.set(workspace, found);
  return found;
}

function localSpecifiers(unit: Unit, topLevelOnly = false): string[] {
  const specs: string[] = [];
  traverse(unit.ast, (n) => {
    const spec = requiredSpecifier(n);
    if (spec === null || !spec.startsWith('.')) return;
    // At the module's top level: run when the module loads, not when a function of it is called.
    if (topLevelOnly && enclosingFunction(unit, n).type !== 'Program') return;
    specs.push(spec);
  });
  return specs;
}

/** What a receiver is: the Sequelize instance, a model, the queryInterface, or something else. */
function receiverKind(text: string): 'instance' | 'model' | 'qi' | 'other' {
  if (/(queryInterface|getQueryInterface\(\)|^qi|\.qi)$/.test(text)) return 'qi';
  const last = lastSegment(text);
  if (/^[A-Z]/.test(last)) return NOT_MODELS.has(last) ? 'other' : 'model';
  if (/sequelize|^db$|database|^conn|connection|^orm$|^instance$|^client$/i.test(last)) return 'instance';
  if (/^(model|m|entity)$/i.test(last)) return 'model';
  if (/^(fs|path|glob|fg|fastGlob|mkdirp|rimraf|del|os|util|child_process|cp|crypto|process|console|app|router|server|res|req|passport)$/.test(last)) return 'other';
  return 'instance';
}

function lastSegment(text: string): string {
  const cleaned = text.replace(/\(\)$/, '').replace(/\?$/, '');
  const parts = cleaned.split(/\?\.|\./);
  return parts[parts.length - 1]!.replace(/[^A-Za-z0-9_$]/g, '');
}

function mentionsProduction(unit: Unit, test: Node): boolean {
  return /['"`](production|prod)['"`]|isProd(uction)?\b/.test(unit.source.slice(test.range[0], test.range[1]));
}

/**
 * A test that holds only in a development environment: a comparison `=== 'development'` (`'dev'`, `'local'`, `'test'`),
 * alone or as one side of `&&`.
 */
function requiresDevelopment(test: Node): boolean {
  if (test.type === 'LogicalExpression') return test.operator === '&&' && (requiresDevelopment(test.left) || requiresDevelopment(test.right));
  if (test.type !== 'BinaryExpression' || (test.operator !== '===' && test.operator !== '==')) return false;
  const isDevelopment = (n: Node) => n.type === 'Literal' && typeof n.value === 'string' && /^(development|dev|local|test)$/i.test(n.value);
  return isDevelopment(test.left) || isDevelopment(test.right);
}

function isNegatedProduction(text: string): boolean {
  return /!==?\s*['"`]prod|['"`]prod\w*['"`]\s*!==?|^!/.test(text);
}

/** A statement that always leaves the function (return, throw, process.exit), or a block ending in one. */
function exits(stmt: Node): boolean {
  if (stmt.type === 'ReturnStatement' || stmt.type === 'ThrowStatement') return true;
  if (stmt.type === 'ExpressionStatement') {
    const e = stmt.expression;
    return e.type === 'CallExpression' && e.callee.type === 'MemberExpression' && e.callee.object.type === 'Identifier' && e.callee.object.name === 'process' && e.callee.property.type === 'Identifier' && e.callee.property.name === 'exit';
  }
  if (stmt.type === 'BlockStatement') return stmt.body.some(exits);
  return false;
}

function containsCall(node: Node, test: (name: string) => boolean): boolean {
  let found = false;
  traverse(node, (n) => {
    if (found || n.type !== 'CallExpression') return;
    const c = n.callee;
    const name = c.type === 'Identifier' ? c.name : c.type === 'MemberExpression' && c.property.type === 'Identifier' ? c.property.name : null;
    if (name && test(name)) found = true;
  });
  return found;
}

/** `for (let i = 5; i > 0; i--) { await sleep(1000) }`: how many times the loop around a call runs, when literal. */
function loopCount(unit: Unit, node: Node): number | null {
  for (let cur = unit.parents.get(node); cur && !isFunctionNode(cur); cur = unit.parents.get(cur)) {
    if (cur.type !== 'ForStatement') continue;
    const init = cur.init?.type === 'VariableDeclaration' ? cur.init.declarations[0]?.init : null;
    const test = cur.test?.type === 'BinaryExpression' ? cur.test.right : null;
    const from = init?.type === 'Literal' && typeof init.value === 'number' ? init.value : null;
    const to = test?.type === 'Literal' && typeof test.value === 'number' ? test.value : null;
    if (from !== null && to !== null) return Math.abs(from - to);
    return null;
  }
  return null;
}

function formatSeconds(seconds: number): string {
  const s = Math.round(seconds * 10) / 10;
  return `${s}-second`;
}

function conditionOf(reach: Reach): string | null {
  return reach.k === 'maybe' ? reach.why.join('; ') : null;
}

function whyText(why: string[]): string {
  const list = [...new Set(why.filter(Boolean))];
  return list.length > 0 ? ` (${list.join('; ')})` : '';
}

function quoteWord(w: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`;
}

function dedupeSafeguards(list: Safeguard[]): Safeguard[] {
  const seen = new Set<string>();
  const sorted = [...list].sort((a, b) => (a.evidence.file < b.evidence.file ? -1 : a.evidence.file > b.evidence.file ? 1 : a.evidence.line - b.evidence.line));
  return sorted.filter((s) => {
    const key = `${s.kind}|${s.evidence.file}|${s.evidence.line}|${s.label}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** A script value as the evaluator core's value, to decode it as migrations are decoded. */
function toValue(v: Abs): Value {
  if (isPrimitive(v)) return v;
  switch (v.k) {
    case 'arr':
      return { k: 'arr', items: v.items.map(toValue) };
    case 'obj':
      return { k: 'obj', props: new Map([...v.props].map(([k, item]) => [k, toValue(item)])), partial: v.partial };
    case 'pstr':
      return { k: 'pstr', text: v.text };
    default:
      return UNKNOWN;
  }
}

/** An Operation for destructiveEffect(), from a call or statement outside a migration. */
export function fakeOperation(op: OpKind, target: Target, options: Record<string, JsonValue>, callee: string, sql = false): Operation {
  const operation = makeOperation({ phase: 'up', op, target, options, loc: { line: 1, column: 1, endLine: 1, endColumn: 1 }, callee });
  if (sql) operation.sql = true;
  return operation;
}

/** How much data a destructive effect loses: everything, or part of it. */
export function effectDataLoss(effect: DestructiveEffect, op: Operation): DataLoss {
  if (effect.kind === 'dropEverything') return 'all';
  if (effect.kind === 'dropSchema' && (op.op === 'dropAllSchemas' || op.target.name === 'public')) return 'all';
  return 'some';
}

/** A destructive effect as the end of a sentence: "drops column `users.bio` and its data". */
export function describeEffect(effect: DestructiveEffect, op: Operation): string {
  return LOSS_WORDS[effect.kind].sentence(effect.data, op.op);
}

function purposeOfEffect(effect: DestructiveEffect): string {
  return LOSS_WORDS[effect.kind].purpose(effect.data);
}

/** The data effect of a SQL text (statements analyzed with the PostgreSQL parser). */
export function sqlEffects(sql: string): { dataLoss: DataLoss; what: string; purpose: string } {
  const ops = analyzeSql(sql);
  let worst: { dataLoss: DataLoss; what: string; purpose: string } | null = null;
  const rank: Record<DataLoss, number> = { none: 0, unknown: 1, some: 2, all: 3 };
  for (const s of ops) {
    if (s.sqlError) {
      const unresolved = { dataLoss: 'unknown' as const, what: `runs SQL that does not parse (${s.sqlError})`, purpose: 'Run SQL' };
      if (!worst || rank[worst.dataLoss] < 1) worst = unresolved;
      continue;
    }
    const op = fakeOperation(s.op, s.target, s.options, 'query', true);
    const effect = destructiveEffect(op, true);
    if (!effect) continue;
    const candidate = { dataLoss: effectDataLoss(effect, op), what: `${describeEffect(effect, op)} (\`${shorten(withHolesShown(s.statement), 60)}\`)`, purpose: purposeOfEffect(effect) };
    if (!worst || rank[candidate.dataLoss] > rank[worst.dataLoss]) worst = candidate;
  }
  return worst ?? { dataLoss: 'none', what: 'runs SQL that destroys nothing', purpose: 'Run SQL' };
}

function shorten(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > max ? `${flat.slice(0, max - 3)}...` : flat;
}
