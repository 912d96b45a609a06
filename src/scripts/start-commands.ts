/**
 * The commands a deployment runs when it starts the application, outside package.json: the process lines of a
 * `Procfile` (Heroku, Dokku, Foreman), the `command:` / `entrypoint:` of the services of a Compose file, and the
 * `CMD` / `ENTRYPOINT` of a Dockerfile. Read as text, at the project root only (where those tools look), never run.
 */
import path from 'node:path';
import type { Workspace } from '../workspace';

export interface StartCommand {
  /** Project-relative file: `Procfile`, `docker-compose.yml`, `Dockerfile`. */
  file: string;
  /** 1-based line of the command. */
  line: number;
  /** What starts it: the Procfile process (`web`, `release`), the Compose service, `CMD` / `ENTRYPOINT`. */
  name: string;
  /** The shell command line (a JSON array form joined; `sh -c "..."` unwrapped). */
  command: string;
}

export const COMPOSE = /^(docker-)?compose(\.[\w-]+)*\.ya?ml$/i;
export const DOCKERFILE = /^Dockerfile(\.[\w-]+)?$/i;

/** Every start command of the project root's Procfile, Compose files and Dockerfiles, in file order. */
export function readStartCommands(workspace: Workspace): StartCommand[] {
  let names: string[];
  try {
    names = workspace.glob('*', { onlyFiles: true, dot: false, followSymbolicLinks: false }).sort();
  } catch {
    return [];
  }
  const out: StartCommand[] = [];
  for (const file of names) {
    const base = path.posix.basename(file);
    const kind = base === 'Procfile' ? 'procfile' : COMPOSE.test(base) ? 'compose' : DOCKERFILE.test(base) ? 'dockerfile' : null;
    if (!kind) continue;
    const text = workspace.text(workspace.resolve(file), { maxBytes: 256 * 1024 });
    if (text === null) continue;
    const lines = text.split(/\r?\n/);
    if (kind === 'procfile') out.push(...procfile(file, lines));
    else if (kind === 'compose') out.push(...compose(file, lines));
    else out.push(...dockerfile(file, lines));
  }
  return out;
}

function procfile(file: string, lines: string[]): StartCommand[] {
  const out: StartCommand[] = [];
  lines.forEach((l, i) => {
    const m = /^([A-Za-z0-9_-]+):\s*(\S.*)$/.exec(l.trim());
    if (m && !l.trimStart().startsWith('#')) out.push({ file, line: i + 1, name: m[1]!, command: m[2]! });
  });
  return out;
}

/** `command:` / `entrypoint:` of each service, as a string, a flow sequence or a block sequence / scalar. */
function compose(file: string, lines: string[]): StartCommand[] {
  const out: StartCommand[] = [];
  let service = '';
  lines.forEach((l, i) => {
    const svc = /^ {2}([A-Za-z0-9._-]+):\s*$/.exec(l);
    if (svc) service = svc[1]!;
    const m = /^(\s+)(command|entrypoint):\s*(.*)$/.exec(l);
    if (!m) return;
    const indent = m[1]!.length;
    let value = m[3]!.trim();
    if (value === '' || value === '>' || value === '|' || value === '>-' || value === '|-') {
      // A block sequence (`- sh`) or a block scalar: the more-indented lines after it.
      const block: string[] = [];
      for (let j = i + 1; j < lines.length; j++) {
        const next = lines[j]!;
        if (next.trim() === '') continue;
        if (next.length - next.trimStart().length <= indent) break;
        block.push(next.trim());
      }
      // A folded scalar keeps the line breaks of its more-indented lines: a shell script, one command a line.
      value = block.every((b) => b.startsWith('- ')) ? JSON.stringify(block.map((b) => unquote(b.slice(2).trim()))) : block.join('\n');
    }
    const command = commandOf(value);
    if (command) out.push({ file, line: i + 1, name: service ? `service ${service}` : m[2]!, command });
  });
  return out;
}

function dockerfile(file: string, lines: string[]): StartCommand[] {
  const out: StartCommand[] = [];
  lines.forEach((l, i) => {
    const m = /^\s*(CMD|ENTRYPOINT)\s+(.+)$/i.exec(l);
    if (!m) return;
    const command = commandOf(m[2]!.trim());
    if (command) out.push({ file, line: i + 1, name: m[1]!.toUpperCase(), command });
  });
  return out;
}

/** A command written as a string, or as an exec array (`["sh", "-c", "npm run migrate && npm start"]`). */
function commandOf(value: string): string | null {
  const v = value.trim();
  if (v.startsWith('[')) {
    let words: unknown;
    try {
      words = JSON.parse(v);
    } catch {
      return null;
    }
    if (!Array.isArray(words) || !words.every((w): w is string => typeof w === 'string')) return null;
    const shell = words.findIndex((w) => w === '-c');
    if (shell > 0 && /(^|\/)(ba|da)?sh$/.test(words[0]!) && words[shell + 1] !== undefined) return words[shell + 1]!;
    return words.join(' ');
  }
  // `sh -c "..."` written as one string: the script it runs.
  const wrapped = /^(?:\/bin\/)?(?:ba|da)?sh\s+-c\s+(["'])([\s\S]*)\1$/.exec(v);
  const text = wrapped ? wrapped[2]! : unquote(v);
  return text.trim() === '' ? null : text;
}

function unquote(s: string): string {
  return (s.startsWith('"') && s.endsWith('"')) || (s.startsWith("'") && s.endsWith("'")) ? s.slice(1, -1) : s;
}
