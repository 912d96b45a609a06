import type { Reporter, ReportInput } from './types';
import { summarize } from './summary';

const COLORS = { error: '\u001b[31m', warning: '\u001b[33m', info: '\u001b[36m', dim: '\u001b[2m', bold: '\u001b[1m', reset: '\u001b[0m' };

const VERIFIED = { confirmed: '✔ confirmed', 'not-reproduced': '✘ not reproduced', 'not-run': '· not run' } as const;
const PHASE = { passed: '✔', failed: '✘', 'not-run': '·' } as const;

/** `file:line:col  severity  rule  message`, one finding per line: terminals make the location clickable. */
export function createTextReporter(options: { color: boolean }): Reporter {
  const paint = (code: string, s: string) => (options.color ? `${code}${s}${COLORS.reset}` : s);
  return {
    name: 'text',
    render({ project, findings, verification }: ReportInput): string {
      const lines = findings.map((f) => {
        const sev = paint(COLORS[f.severity], f.severity.padEnd(7));
        const v = f.verification ? `\n    ${VERIFIED[f.verification.status]} on ${f.verification.on}: ${f.verification.evidence}` : '';
        return `${f.file}:${f.line}:${f.column}  ${sev}  ${paint(COLORS.dim, f.rule)}  ${f.message}${v}`;
      });
      if (verification) {
        lines.push('', paint(COLORS.bold, `Verification: ${verification.applied} of ${verification.migrations} migrations applied on ${verification.on} (the project's code was run).`));
        for (const phase of verification.phases) {
          lines.push(`  ${PHASE[phase.status]} ${phase.title}${phase.status === 'not-run' ? ' (not run)' : ''}`);
          for (const fact of phase.facts) lines.push(`      ${fact}`);
        }
      }
      const s = summarize(project, findings);
      const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
      lines.push(
        '',
        paint(
          COLORS.bold,
          `${plural(s.migrations, 'migration')} analyzed: ${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}, ${plural(s.infos, 'info')}. Verdict: ${s.verdict}.`,
        ),
      );
      return `${lines.join('\n')}\n`;
    },
  };
}
