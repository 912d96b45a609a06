/**
 * npm script command lines, read the way `sh -c` would run them: split into
 * simple commands at `&&`, `||`, `;`, `|`, `&` and newlines, quotes removed,
 * environment prefixes and runner wrappers (`cross-env`, `npx`, `dotenv --`)
 * stripped, and the program recognized. Nothing is executed.
 */
import path from 'node:path';

/** The operator written before a simple command. */
export type Connector = '&&' | '||' | ';' | '|' | '&';

export interface SimpleCommand {
  /** Words after quote removal, redirections dropped. */
  words: string[];
  /** The command as written, trimmed. */
  text: string;
  /** The operator before this command; null for the first one. */
  connector: Connector | null;
  /** A word used `$VAR`, `$(...)` or backticks: the words are not fully known. */
  dynamic: boolean;
}

/** Splits a command line into simple commands. Never throws; an unterminated quote runs to the end. */
export function splitCommandLine(line: string): SimpleCommand[] {
  const out: SimpleCommand[] = [];
  let words: string[] = [];
  let word: string | null = null;
  let dynamic = false;
  let dropNextWord = false;
  let connector: Connector | null = null;
  let start = 0;
  let i = 0;
  const n = line.length;

  const flushWord = (): void => {
    if (word === null) return;
    if (dropNextWord) dropNextWord = false;
    else words.push(word);
    word = null;
  };
  const endCommand = (next: Connector, width: number): void => {
    flushWord();
    const text = line.slice(start, i).trim();
    if (words.length > 0) out.push({ words, text, connector, dynamic });
    // `a && ; b` is a syntax error in sh; keep the strongest connector seen.
    connector = words.length > 0 || connector === null ? next : connector;
    words = [];
    dynamic = false;
    i += width;
    start = i;
  };
  const append = (text: string): void => {
    word = (word ?? '') + text;
  };

  while (i < n) {
    const c = line[i]!;
    const next = line[i + 1];
    if (c === '\\') {
      if (next === '\n') i += 2;
      else {
        append(next ?? '');
        i += 2;
      }
      continue;
    }
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      const stop = end < 0 ? n : end;
      append(line.slice(i + 1, stop));
      i = stop + 1;
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      let text = '';
      while (j < n && line[j] !== '"') {
        const d = line[j]!;
        if (d === '\\' && j + 1 < n && '$`"\\\n'.includes(line[j + 1]!)) {
          if (line[j + 1] !== '\n') text += line[j + 1];
          j += 2;
          continue;
        }
        if ((d === '$' && /[A-Za-z_{(]/.test(line[j + 1] ?? '')) || d === '`') dynamic = true;
        text += d;
        j += 1;
      }
      append(text);
      i = j + 1;
      continue;
    }
    if (c === '`') {
      dynamic = true;
      const end = line.indexOf('`', i + 1);
      const stop = end < 0 ? n : end;
      append(line.slice(i, stop + 1));
      i = stop + 1;
      continue;
    }
    if (c === '$' && /[A-Za-z_{(]/.test(next ?? '')) {
      dynamic = true;
      if (next === '(') {
        // $( ... ) may contain spaces and operators: keep it as one word.
        let depth = 0;
        let j = i + 1;
        for (; j < n; j += 1) {
          if (line[j] === '(') depth += 1;
          else if (line[j] === ')' && --depth === 0) break;
        }
        append(line.slice(i, j + 1));
        i = j + 1;
        continue;
      }
      append(c);
      i += 1;
      continue;
    }
    if (c === '#' && word === null) {
      const end = line.indexOf('\n', i);
      i = end < 0 ? n : end;
      continue;
    }
    if (c === '\n') {
      endCommand(';', 1);
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r' || c === '(' || c === ')' || ((c === '{' || c === '}') && word === null)) {
      flushWord();
      i += 1;
      continue;
    }
    if (c === '&' && next === '&') {
      endCommand('&&', 2);
      continue;
    }
    if (c === '|' && next === '|') {
      endCommand('||', 2);
      continue;
    }
    if (c === ';' || c === '|' || c === '&') {
      endCommand(c, 1);
      continue;
    }
    if (c === '>' || c === '<') {
      // A redirection: `2>&1`, `> out.log`, `<< EOF`. Drop the fd number and the target.
      if (word !== null && /^\d+$/.test(word)) word = null;
      else flushWord();
      i += 1;
      while (line[i] === '>' || line[i] === '<' || line[i] === '&') i += 1;
      dropNextWord = true;
      continue;
    }
    append(c);
    i += 1;
  }
  endCommand(';', 0);
  return out;
}

/** What a simple command runs, after prefixes are stripped. */
export type Invocation =
  | { kind: 'node'; env: Env; runtime: string; script: string | null; inline: string | null; args: string[] }
  | { kind: 'sequelize'; env: Env; subcommand: string | null; options: Record<string, string | true>; positionals: string[] }
  | { kind: 'package-script'; env: Env; manager: 'npm' | 'yarn' | 'pnpm' | 'bun'; script: string; args: string[]; orBin: boolean }
  | { kind: 'psql'; env: Env; sql: string[]; files: string[] }
  | { kind: 'dropdb' | 'createdb'; env: Env; args: string[] }
  | { kind: 'shell'; env: Env; script: string | null; inline: string | null; args: string[] }
  | { kind: 'other'; env: Env; program: string; args: string[] }
  | { kind: 'empty'; env: Env };

export type Env = Record<string, string>;

const NODE_RUNTIMES = new Set(['node', 'nodejs', 'nodemon', 'ts-node', 'ts-node-dev', 'tsnd', 'tsx', 'babel-node', 'bun', 'esno', 'esrun']);
/** Options of the Node runtimes that take a value as the next word. */
const NODE_VALUE_OPTIONS = new Set([
  '-r', '--require', '--import', '--loader', '--experimental-loader', '--env-file', '-C', '--conditions',
  '-P', '--project', '-O', '--compiler-options', '--tsconfig', '--exec', '-x', '--ext', '--watch-path',
  '--ignore', '--inspect-port', '--title', '--input-type', '--cwd', '--delay',
  // babel-node
  '--extensions', '--config-file', '--presets', '--plugins', '--env-name', '--root-mode',
]);
const SEQUELIZE_CLIS = new Set(['sequelize', 'sequelize-cli']);
const SEQUELIZE_VALUE_OPTIONS = new Set([
  'env', 'name', 'to', 'from', 'seed', 'migrations-path', 'seeders-path', 'models-path', 'config', 'options-path', 'url', 'charset', 'collate', 'encoding', 'ctype', 'template',
]);
const YARN_BUILTINS = new Set([
  'add', 'audit', 'autoclean', 'bin', 'cache', 'check', 'config', 'create', 'dedupe', 'generate-lock-entry', 'global', 'help', 'import', 'info', 'init',
  'install', 'licenses', 'link', 'list', 'login', 'logout', 'node', 'outdated', 'owner', 'pack', 'plugin', 'policies', 'publish', 'rebuild', 'remove',
  'set', 'tag', 'team', 'unlink', 'unplug', 'up', 'upgrade', 'upgrade-interactive', 'version', 'versions', 'why', 'workspace', 'workspaces', 'dlx', 'exec',
]);
const NPM_LIFECYCLE = new Set(['start', 'test', 't', 'tst', 'stop', 'restart']);
const SHELLS = new Set(['sh', 'bash', 'zsh', 'dash']);

/** Strips prefixes (env assignments, cross-env, env, dotenv-cli, env-cmd, npx, npm exec) and recognizes the program. */
export function parseInvocation(input: string[], inherited: Env = {}): Invocation {
  const env: Env = { ...inherited };
  let words = [...input];
  for (;;) {
    const w = words[0];
    if (w === undefined) return { kind: 'empty', env };
    const assign = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(w);
    if (assign) {
      env[assign[1]!] = assign[2]!;
      words = words.slice(1);
      continue;
    }
    const base = programName(w);
    if (base === 'cross-env' || base === 'cross-env-shell' || base === 'time' || base === 'nice' || base === 'exec' || base === 'command') {
      words = words.slice(1);
      continue;
    }
    if (base === 'env') {
      words = skipOptions(words.slice(1), new Set(['-u', '--unset', '-C', '--chdir', '-S']));
      continue;
    }
    if (base === 'dotenv' || base === 'dotenv-cli') {
      const dash = words.indexOf('--');
      words = dash >= 0 ? words.slice(dash + 1) : skipOptions(words.slice(1), new Set(['-e', '-c', '-v', '-p']));
      continue;
    }
    if (base === 'env-cmd') {
      words = skipOptions(words.slice(1), new Set(['-f', '--file', '-e', '--environments', '-r', '--rc-file']));
      continue;
    }
    if (base === 'npx' || base === 'pnpx' || base === 'bunx') {
      words = skipOptions(words.slice(1), new Set(['-p', '--package', '-c', '--call', '-w', '--workspace']));
      if (words[0] === '--') words = words.slice(1);
      continue;
    }
    if ((base === 'npm' && (words[1] === 'exec' || words[1] === 'x')) || ((base === 'pnpm' || base === 'yarn') && (words[1] === 'exec' || words[1] === 'dlx'))) {
      words = skipOptions(words.slice(2), new Set(['-p', '--package', '-c', '--call', '-w', '--workspace']));
      if (words[0] === '--') words = words.slice(1);
      continue;
    }
    break;
  }

  const program = programName(words[0]!);
  const rest = words.slice(1);
  if (NODE_RUNTIMES.has(program)) return nodeInvocation(program, rest, env);
  if (SEQUELIZE_CLIS.has(program)) return sequelizeInvocation(rest, env);
  if (program === 'npm') return npmInvocation(rest, env) ?? { kind: 'other', env, program, args: rest };
  if (program === 'yarn' || program === 'pnpm' || program === 'bun') return managerInvocation(program, rest, env) ?? { kind: 'other', env, program, args: rest };
  if (program === 'psql') return psqlInvocation(rest, env);
  if (program === 'dropdb' || program === 'createdb') return { kind: program, env, args: rest };
  if (SHELLS.has(program)) {
    const args = skipOptions(rest, new Set(['-o']), new Set(['-c']));
    if (args[0] === '-c') return { kind: 'shell', env, script: null, inline: args[1] ?? '', args: args.slice(2) };
    return { kind: 'shell', env, script: args[0] ?? null, inline: null, args: args.slice(1) };
  }
  const first = words[0]!;
  if (/\.(sh|bash)$/.test(first)) return { kind: 'shell', env, script: first, inline: null, args: rest };
  if (/\.(c|m)?(j|t)s$/.test(first) && first.includes('/')) return { kind: 'node', env, runtime: 'node', script: first, inline: null, args: rest };
  return { kind: 'other', env, program, args: rest };
}

/** `node_modules/.bin/sequelize-cli@6` -> `sequelize-cli`. */
function programName(word: string): string {
  const base = path.posix.basename(word.replace(/\\/g, '/'));
  const at = base.lastIndexOf('@');
  return at > 0 ? base.slice(0, at) : base;
}

/** Drops leading options; those in `valued` consume the next word too. Stops at the first word in `stopAt`. */
function skipOptions(words: string[], valued: ReadonlySet<string>, stopAt: ReadonlySet<string> = new Set()): string[] {
  let i = 0;
  while (i < words.length) {
    const w = words[i]!;
    if (stopAt.has(w) || !w.startsWith('-') || w === '-' || w === '--') break;
    i += valued.has(w) ? 2 : 1;
  }
  return words.slice(i);
}

function nodeInvocation(runtime: string, words: string[], env: Env): Invocation {
  let i = 0;
  let inline: string | null = null;
  if ((runtime === 'bun' && words[0] === 'run') || (runtime === 'tsx' && words[0] === 'watch')) i = 1;
  while (i < words.length) {
    const w = words[i]!;
    if (w === '--') {
      i += 1;
      break;
    }
    if (!w.startsWith('-') || w === '-') break;
    if (runtime === 'nodemon' && w === '-e') {
      // nodemon -e is --ext.
      i += 2;
      continue;
    }
    if (w === '-e' || w === '--eval' || w === '-p' || w === '--print') {
      inline = words[i + 1] ?? '';
      i += 2;
      continue;
    }
    if (w.startsWith('--eval=') || w.startsWith('--print=')) {
      inline = w.slice(w.indexOf('=') + 1);
      i += 1;
      continue;
    }
    // nodemon's --watch takes a path; node's --watch does not: only skip a value that is not a script.
    if ((w === '-w' || w === '--watch') && runtime === 'nodemon') {
      i += 2;
      continue;
    }
    i += NODE_VALUE_OPTIONS.has(w) ? 2 : 1;
  }
  if (inline !== null) return { kind: 'node', env, runtime, script: null, inline, args: words.slice(i) };
  const script = words[i] ?? null;
  return { kind: 'node', env, runtime, script, inline: null, args: words.slice(i + 1) };
}

function sequelizeInvocation(words: string[], env: Env): Invocation {
  const options: Record<string, string | true> = {};
  const positionals: string[] = [];
  for (let i = 0; i < words.length; i += 1) {
    const w = words[i]!;
    if (w.startsWith('--')) {
      const eq = w.indexOf('=');
      if (eq > 0) {
        options[w.slice(2, eq)] = w.slice(eq + 1);
      } else {
        const key = w.slice(2);
        const value = words[i + 1];
        if (SEQUELIZE_VALUE_OPTIONS.has(key) && value !== undefined && !value.startsWith('--')) {
          options[key] = value;
          i += 1;
        } else {
          options[key] = true;
        }
      }
    } else if (!w.startsWith('-')) {
      positionals.push(w);
    }
  }
  return { kind: 'sequelize', env, subcommand: positionals[0] ?? null, options, positionals: positionals.slice(1) };
}

function npmInvocation(words: string[], env: Env): Invocation | null {
  const rest = skipOptions(words, new Set(['--prefix', '-w', '--workspace', '-C']));
  const sub = rest[0];
  if (sub === undefined) return null;
  if (sub === 'run' || sub === 'run-script' || sub === 'rum' || sub === 'urn') {
    const afterSub = skipOptions(rest.slice(1), new Set(['--prefix', '-w', '--workspace']));
    const script = afterSub[0];
    if (script === undefined) return null;
    return { kind: 'package-script', env, manager: 'npm', script, args: scriptArgs(afterSub.slice(1), true), orBin: false };
  }
  if (NPM_LIFECYCLE.has(sub)) {
    const script = sub === 't' || sub === 'tst' ? 'test' : sub;
    return { kind: 'package-script', env, manager: 'npm', script, args: scriptArgs(rest.slice(1), true), orBin: false };
  }
  return null;
}

function managerInvocation(manager: 'yarn' | 'pnpm' | 'bun', words: string[], env: Env): Invocation | null {
  const rest = skipOptions(words, new Set(['--cwd', '-C', '--dir', '--filter', '-F']));
  let sub = rest[0];
  if (sub === undefined) return null;
  let args = rest.slice(1);
  let orBin = false;
  if (sub === 'run' || sub === 'run-script') {
    sub = args[0];
    args = args.slice(1);
    if (sub === undefined) return null;
    orBin = manager !== 'bun';
  } else {
    if (manager === 'bun' || YARN_BUILTINS.has(sub)) return null;
    orBin = true;
  }
  return { kind: 'package-script', env, manager, script: sub, args: scriptArgs(args, false), orBin };
}

/** Arguments a package manager passes on to the script: everything after `--`, plus positionals. */
function scriptArgs(words: string[], npmStyle: boolean): string[] {
  const dash = words.indexOf('--');
  if (dash >= 0) return [...(npmStyle ? words.slice(0, dash).filter((w) => !w.startsWith('-')) : words.slice(0, dash)), ...words.slice(dash + 1)];
  // npm keeps `--flag` before `--` for itself; yarn and pnpm pass everything on.
  return npmStyle ? words.filter((w) => !w.startsWith('-')) : words;
}

function psqlInvocation(words: string[], env: Env): Invocation {
  const sql: string[] = [];
  const files: string[] = [];
  for (let i = 0; i < words.length; i += 1) {
    const w = words[i]!;
    if (w === '-c' || w === '--command') sql.push(words[++i] ?? '');
    else if (w.startsWith('--command=')) sql.push(w.slice('--command='.length));
    else if (w.startsWith('-c') && w.length > 2) sql.push(w.slice(2));
    else if (w === '-f' || w === '--file') files.push(words[++i] ?? '');
    else if (w.startsWith('--file=')) files.push(w.slice('--file='.length));
    else if (w.startsWith('-f') && w.length > 2) files.push(w.slice(2));
  }
  return { kind: 'psql', env, sql, files };
}

/** Quotes a word for display and for re-splitting (`npm run x -- args` appends args to the command). */
export function shellQuote(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
