/**
 * migralint as an ESLint plugin (the package's main export, CommonJS so that
 * ESLint 8 can load it too). Every rule goes through one adapter: no rule has
 * a second implementation.
 *
 * Flat config (ESLint 9, 10):
 *   const migralint = require('migralint');
 *   module.exports = [migralint.configs.recommended];
 * eslintrc (ESLint 8), with the package installed as eslint-plugin-migralint:
 *   { "extends": ["plugin:migralint/legacy-recommended"] }
 */
import path from 'node:path';
import { enableSynchronousFallback } from '../sql/pg-parser';
import { RULES } from '../rules/registry';
import { toolVersion } from '../version';
import { toEslintRule, type EslintRuleModule } from './adapter';
import { PRESET_FILES, presetRules, type PresetName } from './configs';
import * as parser from './parser';

// ESLint rules are synchronous: start loading the SQL parser now, and answer
// through a worker until it is loaded. SQL is never skipped.
enableSynchronousFallback();

const rules: Record<string, EslintRuleModule> = Object.fromEntries(RULES.map((rule) => [rule.id, toEslintRule(rule)]));

interface FlatConfig {
  name: string;
  files: string[];
  languageOptions: { parser: unknown; ecmaVersion: 'latest'; sourceType: 'module' };
  plugins: Record<string, unknown>;
  rules: Record<string, 'error' | 'warn'>;
}

interface LegacyConfig {
  plugins: string[];
  overrides: { files: string[]; parser: string; parserOptions: { ecmaVersion: 'latest'; sourceType: 'module' }; rules: Record<string, 'error' | 'warn'> }[];
}

const plugin = {
  meta: { name: 'migralint', version: toolVersion(), namespace: 'migralint' },
  rules,
  configs: {} as Record<PresetName, FlatConfig> & Record<'legacy-recommended' | 'legacy-strict', LegacyConfig>,
};

function flat(preset: PresetName): FlatConfig {
  return {
    name: `migralint/${preset}`,
    files: PRESET_FILES,
    languageOptions: {
      // @typescript-eslint/parser, and JSON database configs read without a JavaScript parser.
      parser,
      ecmaVersion: 'latest',
      sourceType: 'module',
    },
    plugins: { migralint: plugin },
    rules: presetRules(RULES, preset),
  };
}

function legacy(preset: PresetName): LegacyConfig {
  return {
    plugins: ['migralint'],
    overrides: [
      {
        files: PRESET_FILES,
        // eslintrc takes a module path: the same parser as the flat configs (parser.js beside this module).
        parser: path.join(__dirname, `parser${path.extname(__filename)}`),
        parserOptions: { ecmaVersion: 'latest', sourceType: 'module' },
        rules: presetRules(RULES, preset),
      },
    ],
  };
}

Object.assign(plugin.configs, {
  recommended: flat('recommended'),
  strict: flat('strict'),
  all: flat('all'),
  'legacy-recommended': legacy('recommended'),
  'legacy-strict': legacy('strict'),
});

export = plugin;
