import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseCommandArgs } from './args';
import { discoverLayouts, listMigrationFiles, toPosix, UsageError, type DiscoverOptions } from '../discovery';
import type { ProjectInfo } from '../model';
import { RULES } from '../rules/registry';
import { CliUsageError, configsIn, display, projectName, validateConfigObject, type MigralintConfig, type ProjectEntry } from '../config-file';
import { writeAtomically, type CliIo } from './io';
import { Workspace } from '../workspace';
import { NOT_PROJECT_CODE } from '../util/paths';

export const INIT_HELP = `Usage: migralint init [dir] [options]

Detect the project layout in dir (default: .) and write dir/migralint.config.json:
the detected migrations, models and database config paths, failOn "error", and
every rule listed (the recommended ones "on", the others "off"). When dir has no
migrations folder, each project found below it (a .sequelizerc or a migrations/
folder) gets an entry in "projects".

Options:
      --migrations <dir>  Migrations folder, relative to dir (instead of detecting it)
      --models <dir>      Models folder, relative to dir
      --force             Overwrite an existing migralint.config.json
  -h, --help              Show this help
`;

export const INIT_FILE = 'migralint.config.json';

/** Folders never searched for projects. */
const SKIP = [...NOT_PROJECT_CODE];

interface Detected {
  /** POSIX, relative to the init directory ('.' for itself). */
  root: string;
  info: ProjectInfo;
  files: number;
}

export async function initCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('init', {
    args: argv,
    allowPositionals: true,
    options: {
      migrations: { type: 'string' },
      models: { type: 'string' },
      force: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout(INIT_HELP);
    return 0;
  }
  if (positionals.length > 1) throw new CliUsageError(`init takes one directory, got ${positionals.length}: ${positionals.join(' ')}`);
  const cwd = io.cwd ?? process.cwd();
  const dir = positionals[0] ?? '.';
  const absDir = path.resolve(cwd, dir);
  if (!existsSync(absDir)) throw new UsageError(`no such directory: ${dir}`);
  if (!statSync(absDir).isDirectory()) throw new UsageError(`not a directory: ${dir}`);

  const target = path.join(absDir, INIT_FILE);
  const shown = (abs: string) => display(abs, cwd);
  const existing = configsIn(absDir);
  const other = existing.find((f) => f !== target);
  if (other !== undefined) {
    const what = path.basename(other) === 'package.json' ? `${shown(other)} (its "migralint" key)` : shown(other);
    throw new CliUsageError(`${what} already configures migralint: edit it, or remove it before running init`);
  }
  if (existing.length > 0 && !values.force) throw new CliUsageError(`${shown(target)} already exists: pass --force to overwrite it`);

  const options: DiscoverOptions = {};
  if (values.migrations !== undefined) options.migrations = values.migrations;
  if (values.models !== undefined) options.models = values.models;
  const detected = detect(absDir, options);

  const rules = Object.fromEntries(RULES.map((r) => [r.id, r.meta.docs.recommended ? 'on' : 'off'] as const));
  const config: MigralintConfig = {};
  if (detected.length === 1 && detected[0]!.root === '.') Object.assign(config, paths(detected[0]!.info));
  Object.assign(config, { framework: 'sequelize', dialect: 'postgres', failOn: 'error', ignores: [], rules });
  if (detected.length > 1 || detected[0]!.root !== '.') {
    config.projects = detected.map((d, i): ProjectEntry => ({ name: projectName({ root: d.root }, i), root: d.root, ...paths(d.info) }));
  }
  // What init writes must load: a bug here is ours, not the user's.
  validateConfigObject(JSON.parse(JSON.stringify(config)), INIT_FILE);
  await writeAtomically(target, `${JSON.stringify(config, null, 2)}\n`, { display: shown(target) });

  const lines: string[] = [];
  if (config.projects) {
    lines.push(`Detected ${detected.length} Sequelize project${detected.length === 1 ? '' : 's'} under ${shown(absDir)}:`);
    detected.forEach((d, i) => lines.push(`  ${config.projects![i]!.name} (${d.root})`, ...describe(d, '    ')));
  } else {
    lines.push(`Detected a Sequelize project in ${shown(absDir)}:`, ...describe(detected[0]!, '  '));
  }
  const on = RULES.filter((r) => r.meta.docs.recommended).length;
  lines.push(
    `Wrote ${shown(target)}: failOn "error", ${on} recommended rules "on", ${RULES.length - on} others "off".`,
    `Next: migralint report${dir === '.' ? '' : ` ${dir}`}`,
  );
  io.stdout(`${lines.join('\n')}\n`);
  return 0;
}

function paths(info: ProjectInfo): Pick<MigralintConfig, 'migrations' | 'models' | 'config'> {
  const out: Pick<MigralintConfig, 'migrations' | 'models' | 'config'> = { migrations: info.migrationsDir };
  if (info.modelsDir !== null) out.models = info.modelsDir;
  if (info.configFile !== null) out.config = info.configFile;
  return out;
}

function describe(d: Detected, indent: string): string[] {
  const from = d.info.layoutSource === '.sequelizerc' ? 'from .sequelizerc' : d.info.layoutSource === 'option' ? 'from --migrations' : 'default folder';
  return [
    `${indent}migrations  ${d.info.migrationsDir} (${from}, ${d.files} file${d.files === 1 ? '' : 's'})`,
    `${indent}models      ${d.info.modelsDir ?? '(none found)'}`,
    `${indent}db config   ${d.info.configFile ?? '(none found)'}`,
  ];
}

/**
 * The project in `absDir`; else every project below it (a folder with a
 * .sequelizerc, or holding a migrations/ folder), one per migrations folder,
 * shallowest first.
 */
function detect(absDir: string, options: DiscoverOptions): Detected[] {
  const one = (absRoot: string, opts: DiscoverOptions, atRoot = false): Detected => {
    const workspace = new Workspace(absRoot);
    const found = discoverLayouts(absRoot, opts, workspace);
    // Several folders found at the root only by searching (each named like a migrations folder): one project entry
    // each, below, which the user can then tune, rather than one entry naming the first.
    if (atRoot && found.length > 1 && found[0]!.layoutSource === 'search' && opts.migrations === undefined) throw new UsageError('several migrations folders');
    const info = found[0]!;
    return { root: toPosix(path.relative(absDir, absRoot)) || '.', info, files: listMigrationFiles(info, workspace).length };
  };
  try {
    return [one(absDir, options, true)];
  } catch (error) {
    // Flags name the layout: their error is the answer.
    if (!(error instanceof UsageError) || options.migrations !== undefined) throw error;
  }
  const hits = new Workspace(absDir)
    .glob(['**/.sequelizerc', '**/migrations'], { dot: true, onlyFiles: false, markDirectories: true, deep: 4, ignore: SKIP, followSymbolicLinks: false })
    .filter((h) => h.endsWith('/.sequelizerc') || h === '.sequelizerc' || h.endsWith('migrations/'));
  const roots = [...new Set(hits.map((h) => path.posix.dirname(h.replace(/\/$/, ''))))]
    .filter((r) => r !== '.')
    .sort((a, b) => a.split('/').length - b.split('/').length || (a < b ? -1 : a > b ? 1 : 0));
  const seen = new Set<string>();
  const out: Detected[] = [];
  for (const root of roots) {
    let d: Detected;
    try {
      d = one(path.join(absDir, root), options.models !== undefined ? { models: options.models } : {});
    } catch {
      continue;
    }
    const key = path.resolve(d.info.absRoot, d.info.migrationsDir);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(d);
  }
  if (out.length === 0) {
    throw new UsageError(`no migrations folder in ${toPosix(path.relative(process.cwd(), absDir)) || '.'} or below (no .sequelizerc, no migrations/): pass --migrations <dir>`);
  }
  return out;
}
