import type { Rule } from '../rules/create-rule';
import type { Severity } from '../model';

/** Files the presets apply to: migrations, plus models and database config for the cross-file rules. */
export const PRESET_FILES = [
  '**/migrations/*.{js,cjs,mjs,ts,cts,mts}',
  '**/models/**/*.{js,cjs,mjs,ts,cts,mts}',
  '**/config/{config,database}.{js,cjs,mjs,ts}',
  // sequelize-cli's default: read by the presets' parser (src/eslint/parser.ts), not as JavaScript.
  '**/config/{config,database}.json',
];

export type PresetName = 'recommended' | 'strict' | 'all';

const ESLINT_LEVEL: Record<Severity, 'error' | 'warn'> = { error: 'error', warning: 'warn', info: 'warn' };

/** `{ 'migralint/<id>': 'error' | 'warn' }` for a preset, from rule metadata only. */
export function presetRules(rules: readonly Rule<any>[], preset: PresetName): Record<string, 'error' | 'warn'> {
  const out: Record<string, 'error' | 'warn'> = {};
  for (const rule of rules) {
    const included = preset === 'all' || (preset === 'strict' ? rule.meta.docs.strict : rule.meta.docs.recommended);
    if (included) out[`migralint/${rule.id}`] = ESLINT_LEVEL[rule.meta.defaultSeverity];
  }
  return out;
}
