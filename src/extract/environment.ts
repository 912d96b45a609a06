/**
 * The one model of the environment evaluated code runs in: what
 * `process.argv`, `process.env.X`, `process.cwd()` and the other members of
 * `process` read, and how the common argument parsers (minimist, mri,
 * yargs) read the arguments. Each evaluator plugs in what it knows and maps
 * the answers into its own values: the migration interpreter
 * `MIGRATION_ENVIRONMENT` (a migration runs from the project root, with the
 * deploy's arguments and environment, which no file says), the npm-scripts
 * evaluator its command's (`commandEnvironment`).
 */
import type { Primitive } from './values';

export interface Environment {
  /** The command line, when known: the script run and the arguments after it. */
  readonly command: { readonly script: string; readonly args: readonly string[] } | null;
  /** The variables set, when known (a name missing is unset); null when nothing is known of them. */
  readonly variables: Readonly<Record<string, string>> | null;
  /** `process.cwd()`, when known: the project-relative directory. */
  readonly cwd: string | null;
}

/** A migration runs from the project root (sequelize-cli, umzug and the project's runners start there); its arguments and environment are the deploy's. */
export const MIGRATION_ENVIRONMENT: Environment = { command: null, variables: null, cwd: '.' };

/** An npm script's command: `node <script> <args>` with the variables its prefix and callers set; nothing else is set. */
export function commandEnvironment(script: string, args: readonly string[], variables: Readonly<Record<string, string>>): Environment {
  return { command: { script, args }, variables, cwd: null };
}

/** What `process.<key>` reads. */
export type ProcessRead =
  /** `process.env`: its members are `readVariable`'s. */
  | { kind: 'env' }
  /** `process.argv`: `node`, the script, its arguments. */
  | { kind: 'argv'; argv: string[] }
  | { kind: 'unknown'; why: string };

export function readProcess(environment: Environment, key: string): ProcessRead {
  if (key === 'env') return { kind: 'env' };
  if (key === 'argv' && environment.command) return { kind: 'argv', argv: ['node', environment.command.script, ...environment.command.args] };
  return { kind: 'unknown', why: `process.${key} is not known statically` };
}

/** What `process.env[name]` reads, with the fact a result then rests on (`NODE_ENV=test`, `NODE_ENV is not set by the command`). */
export type VariableRead = { kind: 'set'; value: string; fact: string } | { kind: 'unset'; fact: string } | { kind: 'unknown' };

export function readVariable(environment: Environment, name: string): VariableRead {
  if (!environment.variables) return { kind: 'unknown' };
  const value = environment.variables[name];
  if (value === undefined) return { kind: 'unset', fact: `${name} is not set by the command` };
  return { kind: 'set', value, fact: `${name}=${value}` };
}

/** The arguments after the script (what minimist, mri and yargs parse); null when the command is not known. */
export function commandArguments(environment: Environment): readonly string[] | null {
  return environment.command?.args ?? null;
}

/**
 * minimist / mri / yargs-style parsing: `--x` true, `--x=v`, `--x v`,
 * `--no-x` false, `-abc` (each letter true), `--` ends the options.
 * yargs also sets each `--kebab-case` option under its camelCase name.
 */
export function parseArguments(args: readonly string[], camelCase: boolean): { flags: Map<string, Primitive>; positionals: string[] } {
  const flags = new Map<string, Primitive>();
  const positionals: string[] = [];
  const set = (key: string, value: Primitive): void => {
    flags.set(key, value);
    if (camelCase && key.includes('-')) flags.set(key.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()), value);
  };
  for (let i = 0; i < args.length; i += 1) {
    const a = args[i]!;
    if (a === '--') {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      if (eq > 0) set(a.slice(2, eq), a.slice(eq + 1));
      else if (a.startsWith('--no-')) set(a.slice(5), false);
      else {
        const next = args[i + 1];
        if (next !== undefined && !next.startsWith('-')) {
          set(a.slice(2), next);
          i += 1;
        } else set(a.slice(2), true);
      }
    } else if (a.startsWith('-') && a.length > 1) {
      for (const c of a.slice(1)) set(c, true);
    } else {
      positionals.push(a);
    }
  }
  return { flags, positionals };
}
