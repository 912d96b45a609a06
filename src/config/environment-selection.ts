/**
 * Which environment of the database config a deployment of the project selects, read from the project's own files as
 * text (never run): where `NODE_ENV` is set (`NODE_ENV=production` in a script, `ENV NODE_ENV production` in a
 * Dockerfile, `NODE_ENV: development` in a Compose file or the committed `.env`, a Kubernetes `env` entry), what
 * `--env` passes to sequelize-cli, what the code falls back to (`process.env.NODE_ENV || 'production'`) or reads by
 * name (`config.production`), and whether a platform that sets `NODE_ENV=production` itself deploys it (a Procfile,
 * `app.yaml`, `vercel.json`). The rules read it to tell a production block the deployment uses from one it never
 * selects (hold-out labels: a `production` block nothing selects, while the Compose file or `.env` the project runs
 * with sets `NODE_ENV=development`).
 */
import path from 'node:path';
import type { EnvironmentSelection } from '../model';
import type { Workspace } from '../workspace';
import { COMPOSE, DOCKERFILE } from '../scripts/start-commands';
import { escapeRegExp, lineAt } from '../util/text';
import { isTestPath, NOT_PROJECT_CODE } from '../util/paths';

// JSON only where it can say how the project runs: any other JSON file may be one migralint itself writes (a baseline,
// a report), which a run must not read (it never writes over a file it read).
const PATTERNS = [
  '**/*.{js,cjs,mjs,ts,cts,mts,yml,yaml,toml,sh,config}',
  '**/{package,app,vercel,now,railway,Dockerrun.aws,ecosystem.config}.json',
  '**/Dockerfile*',
  '**/*.dockerfile',
  '**/Procfile*',
  '**/procfile*',
  '**/Makefile',
  '**/Jenkinsfile',
  '**/.env',
  '**/.env.*',
];
const IGNORED = [
  ...NOT_PROJECT_CODE,
  '**/vendor/**',
  '**/public/**',
  '**/migrations/**',
  '**/seeders/**',
  '**/*.min.js',
  '**/*.d.ts',
  '**/package-lock.json',
  '**/npm-shrinkwrap.json',
];
const MAX_FILES = 5_000;
const MAX_SIZE = 256 * 1024;

/** Files of platforms that set NODE_ENV=production for the application themselves, by name. */
const PLATFORM_FILES: Record<string, string> = {
  'vercel.json': 'Vercel',
  'now.json': 'Vercel',
  'netlify.toml': 'Netlify',
  'render.yaml': 'Render',
  'fly.toml': 'Fly.io',
  'heroku.yml': 'Heroku',
  'railway.json': 'Railway',
  'railway.toml': 'Railway',
  'nixpacks.toml': 'Nixpacks',
  'serverless.yml': 'the Serverless Framework',
  'serverless.yaml': 'the Serverless Framework',
  'dockerrun.aws.json': 'AWS Elastic Beanstalk',
  'amplify.yml': 'AWS Amplify',
  'apprunner.yaml': 'AWS App Runner',
  '.platform.app.yaml': 'Platform.sh',
};
/** npm scripts only a platform runs (`heroku-postbuild`): the platform deploys the project. */
const PLATFORM_SCRIPTS = /^\s*"(heroku-postbuild|heroku-prebuild|vercel-build|now-build|gcp-build)"\s*:/m;
/** Folders whose YAML describes deployments (Kubernetes, Helm, Copilot): the values set there are the deployed ones. */
const DEPLOY_FOLDER = /^(k8s|kube|kubernetes|helm|charts?|deploy|deployments?|manifests?|copilot|infra|infrastructure|ops|\.do)$/i;

/** A Dockerfile or Compose file for development, tests or CI, by its name (`Dockerfile.dev`, `docker-compose.override.yml`). */
const DEV_NAME = /(^|[._-])(dev|develop|development|local|test|tests|testing|ci|e2e|override)([._-]|$)/i;

/** An environment variable's value not written out (`${APP_ENV}`, `$NODE_ENV`, `%NODE_ENV%`). */
const UNWRITTEN = /^[$%]/;
const NAME = /^[A-Za-z][\w.-]*$/;

/**
 * How the project's files select the environment. `envNames`: the config's environment names (a code that reads one
 * of them by name, `config.production`, selects it); `configFile`: the config itself (its own keys are not a read).
 */
export function readEnvironmentSelection(workspace: Workspace, envNames: readonly string[], configFile: string | null): EnvironmentSelection {
  let files: string[];
  try {
    files = workspace.glob(PATTERNS, { ignore: IGNORED, onlyFiles: true, dot: true, followSymbolicLinks: false, suppressErrors: true });
  } catch {
    return { values: [], open: null, deployment: null };
  }
  files = files.filter((f) => !isTestPath(f)).sort().slice(0, MAX_FILES);
  const values: EnvironmentSelection['values'] = [];
  let open: EnvironmentSelection['open'] = null;
  let deployment: EnvironmentSelection['deployment'] = null;
  const deployed = (file: string, line: number, why: string) => {
    deployment ??= { file, line, why };
  };
  const leave = (file: string, line: number, why: string) => {
    open ??= { file, line, why };
    deployed(file, line, why);
  };
  // The env files a deploying Compose file loads into its containers (`env_file: .env`): their NODE_ENV is deployed.
  const envFiles = new Set<string>();
  for (const file of files) {
    const base = path.posix.basename(file);
    if (!COMPOSE.test(base) || DEV_NAME.test(base)) continue;
    const text = workspace.text(workspace.resolve(file), { maxBytes: MAX_SIZE });
    if (text !== null) for (const ref of envFileRefs(text)) envFiles.add(path.posix.normalize(path.posix.join(path.posix.dirname(file), ref)));
  }
  const names = envNames.filter((n) => NAME.test(n));
  const byName = names.length > 0 ? new RegExp(`(?:\\.\\s*(${names.map(escapeRegExp).join('|')})\\b(?!\\s*[:(=])|\\[\\s*['"\`](${names.map(escapeRegExp).join('|')})['"\`]\\s*\\])`, 'g') : null;
  for (const file of files) {
    const base = path.posix.basename(file);
    const lower = base.toLowerCase();
    const segments = file.split('/');
    // A platform that sets NODE_ENV=production for the application: the file is enough.
    const platform = /^procfile/i.test(base) ? 'Heroku (a Procfile)' : PLATFORM_FILES[lower] ?? (segments.some((s) => s === '.ebextensions' || s === '.elasticbeanstalk') ? 'AWS Elastic Beanstalk' : undefined);
    const text = workspace.text(workspace.resolve(file), { maxBytes: MAX_SIZE });
    if (platform) leave(file, 1, `${platform} sets NODE_ENV=production itself`);
    if (text === null) continue;
    if ((lower === 'app.yaml' || lower === 'app.yml') && /^runtime:\s*nodejs/m.test(text)) leave(file, 1, 'Google App Engine sets NODE_ENV=production itself');
    if (lower === 'app.json' && /"(buildpacks|addons|formation)"\s*:/.test(text)) leave(file, 1, 'Heroku (an app.json) sets NODE_ENV=production itself');
    if (lower === 'package.json' && PLATFORM_SCRIPTS.test(text)) leave(file, lineAt(text, text.search(PLATFORM_SCRIPTS)), 'an npm script only a platform runs (Heroku, Vercel, App Engine), which sets NODE_ENV=production itself');
    const code = /\.[cm]?[jt]s$/.test(base);
    // A Dockerfile or Compose file named for development (`Dockerfile.dev`, `docker-compose.local.yml`) is a developer's
    // setup, not a deployment; a committed `.env` is one only where a deploying Compose file loads it (dotenv never
    // overrides what the deployment's environment already sets).
    const container = (COMPOSE.test(base) || DOCKERFILE.test(base) || lower.endsWith('.dockerfile')) && !DEV_NAME.test(base);
    const manifest = /\.ya?ml$/.test(lower) && segments.slice(0, -1).some((s) => DEPLOY_FOLDER.test(s));
    const deployFile = container || envFiles.has(file) || manifest;
    const sign = deploymentSign(file, text);
    if (sign) deployed(file, sign.line, sign.why);
    else if (manifest && !container && !envFiles.has(file)) deployed(file, 1, 'a deployment manifest');
    // ARG NODE_ENV with no default: the image's builder passes it (`--build-arg NODE_ENV=production`).
    if (DOCKERFILE.test(base) || lower.endsWith('.dockerfile')) {
      const arg = /^\s*ARG\s+NODE_ENV\s*$/m.exec(text);
      if (arg) leave(file, lineAt(text, arg.index), 'NODE_ENV is a build argument the deployment gives');
    }
    const add = (value: string, index: number, deploy: boolean) => {
      const line = lineAt(text, index);
      if (UNWRITTEN.test(value)) {
        if (!code) leave(file, line, `NODE_ENV is set to \`${value}\`, a value the deployment gives`);
        return;
      }
      if (!NAME.test(value)) return;
      // In package.json, only the `start` script is how the application runs.
      const startScript = lower === 'package.json' && /^\s*"start"\s*:/.test(text.split(/\r?\n/)[line - 1] ?? '');
      values.push({ value, file, line, deploy: deploy || startScript });
    };
    // NODE_ENV=production, NODE_ENV: 'production', "NODE_ENV": "production", process.env.NODE_ENV = 'production'.
    for (const m of text.matchAll(/\bNODE_ENV\b["']?\s*(?:=(?!=)|:(?!:))[ \t]*(["'`]?)([^\s"'`,;}\])&|#\\]*)/g)) {
      // In code, only a string literal is a value (`NODE_ENV: process.env.NODE_ENV` forwards whatever runs it).
      if (code && m[1] === '') continue;
      const assignment = code && /process\.env\.$/.test(text.slice(Math.max(0, m.index! - 12), m.index!)) && /^NODE_ENV\s*=/.test(m[0]);
      add(m[2]!, m.index!, deployFile || assignment);
    }
    // ENV NODE_ENV production (a Dockerfile's older form).
    for (const m of text.matchAll(/^\s*ENV\s+NODE_ENV\s+["']?([^\s"'=]+)/gm)) add(m[1]!, m.index!, deployFile);
    // A Kubernetes env entry: - name: NODE_ENV / value: production.
    for (const m of text.matchAll(/name:\s*["']?NODE_ENV["']?\s*\r?\n\s*value:\s*["']?([^\s"']+)/g)) add(m[1]!, m.index!, deployFile);
    // --env production (sequelize-cli's environment), --env=production; `--env NODE_ENV=...` (docker run) is read above.
    if (!code) for (const m of text.matchAll(/--env(?:=|\s+)["']?([^\s"'&;|)]+)/g)) if (!m[1]!.includes('=')) add(m[1]!, m.index!, deployFile);
    if (!code) continue;
    // process.env.NODE_ENV || 'production': the environment a run that sets nothing gets.
    for (const m of text.matchAll(/\bNODE_ENV\s*(?:\|\||\?\?)\s*["'`]([\w.-]+)["'`]/g)) add(m[1]!, m.index!, false);
    // config.production, config['production']: an environment read by name, whatever NODE_ENV says.
    if (byName && !isConfigFile(file, configFile)) for (const m of text.matchAll(byName)) add((m[1] ?? m[2])!, m.index!, false);
  }
  // In path order, then line order (the matchers run one after the other over a file).
  values.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
  const atStart = values.find((v) => v.deploy && v.value.toLowerCase() !== 'test' && !DEV_VALUE.test(v.value));
  if (atStart) deployed(atStart.file, atStart.line, `NODE_ENV is set to \`${atStart.value}\` where the application starts`);
  // NODE_ENV=production written where the project runs (an npm script, the committed `.env`, a shell script), not in code.
  const runsProduction = values.find((v) => PRODUCTION_VALUE.test(v.value) && !/\.[cm]?[jt]s$/.test(v.file) && !/\.env\.(example|sample|template|dist)$/i.test(v.file));
  if (runsProduction) deployed(runsProduction.file, runsProduction.line, `NODE_ENV is set to \`${runsProduction.value}\` where the project runs`);
  return { values, open, deployment: deployment ?? deploymentAbove(workspace) };
}

/** Words of a CI job that ships the application somewhere (not one that only runs its tests). */
const DEPLOY_JOB = /\bdeploy|docker\s+(?:build|push)|docker\/build-push-action|\bheroku\b|\bflyctl\b|\bkubectl\b|\bhelm\s+upgrade|\bgcloud\b|\bvercel\b|\brailway\b|\bssh\b|\brsync\b|\bpm2\b/i;
/** An npm script that runs the application under a process manager or deploys it. */
const PROCESS_MANAGER = /\b(?:pm2|forever)\b|\bdeploy\b/;
/** A NODE_ENV value of a deployed run. */
const PRODUCTION_VALUE = /^(prod|production)$/i;
/** What a Compose file or Dockerfile for development runs: a watcher, a debugger, the dev script. */
const DEV_COMMAND = /\b(nodemon|ts-node-dev|npm run dev|yarn dev|pnpm dev|--inspect)\b/;
/** A shell script that ships or restarts the application on a server. */
const SHIP_SCRIPT = /\bpm2\s+(?:start|reload|restart|deploy)|\bdocker\s+push\b|\bkubectl\s+(?:apply|rollout)|\bssh\s+(?:-\S+\s+)*\S+@|\brsync\b.*\S+@|\bscp\b.*\S+@/;

/**
 * What in one file says the project is deployed (its line and why), or null: a Compose file that builds the
 * application, a Dockerfile, neither named for development nor running a watcher; a pm2 ecosystem file; a CI workflow
 * or pipeline (GitHub, GitLab, CircleCI) that deploys; an npm script under a process manager or named deploy; a shell
 * script that ships or restarts it on a server.
 */
function deploymentSign(file: string, text: string): { line: number; why: string } | null {
  const base = path.posix.basename(file);
  const lower = base.toLowerCase();
  const segments = file.split('/');
  const at = (re: RegExp) => lineAt(text, Math.max(0, text.search(re)));
  if (COMPOSE.test(base) && !DEV_NAME.test(base)) return /^\s*build\s*:/m.test(text) && !DEV_COMMAND.test(text) ? { line: at(/^\s*build\s*:/m), why: 'a Compose file builds and runs the application' } : null;
  if ((DOCKERFILE.test(base) || lower.endsWith('.dockerfile')) && !DEV_NAME.test(base)) return DEV_COMMAND.test(text) ? null : { line: 1, why: 'a Dockerfile runs the application' };
  if (/^ecosystem\.config\.[cm]?js$|^ecosystem\.json$/.test(lower)) return { line: 1, why: 'a pm2 ecosystem file runs the application' };
  const ci = (segments.includes('.github') && segments.includes('workflows')) || segments.includes('.circleci') || lower === '.gitlab-ci.yml' || lower === 'bitbucket-pipelines.yml';
  if (ci && /\.ya?ml$/.test(lower) && DEPLOY_JOB.test(text)) return { line: at(DEPLOY_JOB), why: 'a CI pipeline deploys it' };
  if (lower === 'jenkinsfile' && DEPLOY_JOB.test(text)) return { line: at(DEPLOY_JOB), why: 'a Jenkins pipeline deploys it' };
  if (lower === 'package.json') {
    let scripts: Record<string, unknown> = {};
    try {
      scripts = (JSON.parse(text) as { scripts?: Record<string, unknown> }).scripts ?? {};
    } catch {
      return null;
    }
    const name = Object.keys(scripts).find((k) => /deploy/i.test(k) || (typeof scripts[k] === 'string' && PROCESS_MANAGER.test(scripts[k] as string)));
    return name ? { line: at(new RegExp(`"${escapeRegExp(name)}"\\s*:`)), why: `the npm script \`${name}\` runs it under a process manager or deploys it` } : null;
  }
  if (lower.endsWith('.sh') && SHIP_SCRIPT.test(text)) return { line: at(SHIP_SCRIPT), why: 'a shell script ships it to a server' };
  return null;
}

/** A NODE_ENV value of a developer's run. */
const DEV_VALUE = /^(dev|develop|development|local|test|testing)$/i;
/** Deployment files by name, looked for in the folders above the project (a monorepo's root, the repository root). */
const DEPLOY_NAMES = /^(Dockerfile|[\w.-]+\.dockerfile|Procfile|(docker-)?compose(\.prod(uction)?)?\.ya?ml|vercel\.json|now\.json|netlify\.toml|render\.yaml|fly\.toml|heroku\.yml|railway\.(json|toml)|app\.ya?ml|serverless\.ya?ml|ecosystem\.config\.[cm]?js|deploy[\w.-]*\.sh|\.gitlab-ci\.yml|bitbucket-pipelines\.yml)$/i;

/**
 * A deployment file in a folder above the project, up to the repository's root (the folder holding `.git`) and at most
 * three levels up: a monorepo's `api/` is deployed by the Dockerfile or Compose file at its root.
 */
function deploymentAbove(workspace: Workspace): EnvironmentSelection['deployment'] {
  let dir = workspace.absRoot;
  if (workspace.exists(path.join(dir, '.git'))) return null;
  for (let level = 1; level <= 3; level++) {
    const parent = path.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
    // Names only: nothing outside the project is read (src/containment.ts).
    const found = (workspace.readdir(dir) ?? []).filter((name) => DEPLOY_NAMES.test(name)).sort()[0];
    if (found) return { file: path.relative(workspace.absRoot, path.join(dir, found)).split(path.sep).join('/'), line: 1, why: 'a deployment file of the repository' };
    if (workspace.exists(path.join(dir, '.git'))) return null;
  }
  return null;
}

/** The files a Compose file's services load with `env_file:` (a string or a list), as written. */
export function envFileRefs(text: string): string[] {
  const out: string[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((l, i) => {
    const m = /^(\s*)env_file:\s*(.*)$/.exec(l);
    if (!m) return;
    const inline = m[2]!.trim();
    if (inline.startsWith('[')) out.push(...inline.slice(1, -1).split(',').map(unquote).filter(Boolean));
    else if (inline !== '') out.push(unquote(inline));
    else for (let j = i + 1; j < lines.length; j++) {
      const item = /^\s*-\s*(?:path:\s*)?(.+)$/.exec(lines[j]!);
      if (!item) break;
      out.push(unquote(item[1]!));
    }
  });
  return out;
}

function unquote(s: string): string {
  const t = s.trim();
  return /^(["']).*\1$/.test(t) ? t.slice(1, -1) : t;
}

function isConfigFile(file: string, configFile: string | null): boolean {
  return configFile !== null && path.posix.normalize(file) === path.posix.normalize(configFile);
}
