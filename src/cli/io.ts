import { renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Finding, Severity } from '../model';
import type { FailOn } from '../config-file';
import { ENGINE_RULES } from '../project';

/** What a command may touch: its output streams, the environment, the working directory. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stdout is a terminal (colors). */
  isTTY: boolean;
  /** Environment variables (GITHUB_STEP_SUMMARY, GITHUB_TOKEN, ...); defaults to process.env. */
  env?: NodeJS.ProcessEnv;
  /** Working directory for relative paths; defaults to process.cwd(). */
  cwd?: string;
}

const RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

/** 2 when a file could not be analyzed; 1 when a finding reaches the fail level; else 0. */
export function exitCode(findings: Finding[], failOn: FailOn): number {
  const engine = new Set<string>(Object.values(ENGINE_RULES));
  if (findings.some((f) => engine.has(f.rule))) return 2;
  if (failOn === 'never') return 0;
  return findings.some((f) => RANK[f.severity] >= RANK[failOn]) ? 1 : 0;
}

/** Writes through a temporary file and a rename: readers never see half a report. */
export function writeAtomically(file: string, text: string): void {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}

/**
 * Whether text output is colored: `--no-color` / `--color` first, then the
 * `NO_COLOR` (https://no-color.org: any non-empty value) and `FORCE_COLOR`
 * (non-empty and not `0` or `false`) conventions, else only on a terminal.
 */
export function useColor(flags: { color?: boolean; noColor?: boolean }, env: NodeJS.ProcessEnv, toTerminal: boolean): boolean {
  if (flags.noColor) return false;
  if (flags.color) return true;
  if (env.NO_COLOR) return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '') return force !== '0' && force.toLowerCase() !== 'false';
  return toTerminal;
}
