#!/usr/bin/env node
// Scaffolds a rule:  npm run new-rule <rule-id>
//
// Writes rules/<id>.ts (a createRule skeleton), rules/<id>.md (the headings the docs test checks) and
// test/rules/<id>.test.ts (a valid and an invalid case), registers the rule in src/rules/registry.ts and
// adds its row to README.md's rule table. The skeleton is a working rule (it reports every `dropTable` in
// `up`) so that the test suite stays green until it is replaced. Exit codes: 0 written, 2 bad usage or id.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** ESLint's vocabulary: the first word of the id, and the verb its description starts with. */
const PREFIXES = { no: 'Disallow', require: 'Require', prefer: 'Prefer', valid: 'Enforce' };

const RULES_START = '<!-- rules:start -->';
const RULES_END = '<!-- rules:end -->';

/** Exits with a usage error: nothing has been written yet when this is called. */
function fail(message) {
  process.stderr.write(`new-rule: ${message}\nUsage: npm run new-rule <rule-id>   (kebab-case, starting with no-, require-, prefer- or valid-)\n`);
  process.exitCode = 2;
}

/** Null when `id` can be a new rule; otherwise why not. */
function problemWith(id) {
  if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)+$/.test(id)) return `"${id}" is not a kebab-case rule id (lowercase words joined by "-", like no-destructive-down)`;
  const prefix = id.split('-')[0];
  if (!(prefix in PREFIXES)) return `"${id}" does not start with no-, require-, prefer- or valid- (ESLint's vocabulary: no-<danger>, require-<safeguard>, prefer-<alternative>, valid-<thing>)`;
  const taken = [`rules/${id}.ts`, `rules/${id}.md`, `test/rules/${id}.test.ts`].filter((f) => existsSync(join(root, f)));
  if (taken.length > 0) return `rule "${id}" exists already (${taken.join(', ')})`;
  if (readFileSync(join(root, 'src/rules/registry.ts'), 'utf8').includes(`'../../rules/${id}'`)) return `rule "${id}" is already registered in src/rules/registry.ts`;
  return null;
}

function camelCase(id) {
  return id.replace(/-([a-z0-9])/g, (_, c) => c.toUpperCase());
}

/** The skeleton's metadata: what the rule file, its doc and the README row say until the rule is written. */
function skeletonMeta(id) {
  return {
    description: `${PREFIXES[id.split('-')[0]]} TODO: what ${id} reports, one imperative line`,
    risk: 'hygiene',
    severity: 'warning',
  };
}

function ruleSource(id, meta) {
  return `import { createRule } from '../src/rules/create-rule';
import { describeTarget } from '../src/operations/effects';

/**
 * TODO: the danger this rule prevents and its consequence, in a few lines.
 * The skeleton reports every \`dropTable\` in \`up\`: replace \`check\` with the
 * rule's logic (it works on the model: \`project.migrations[i].up\`, \`.down\`,
 * each operation's \`op\`, \`target\`, \`guard\`, \`options\`, \`loc\`), and the
 * messages, doc and test with what it really reports.
 */
export default createRule({
  id: '${id}',
  meta: {
    type: 'problem',
    docs: {
      description: '${meta.description}',
      help: 'TODO: what to do instead, in one or two sentences.',
      recommended: false,
      strict: false,
      risk: '${meta.risk}',
    },
    messages: {
      todo: '\`{{op}}\` on {{target}}: TODO, the danger and its consequence.',
    },
    schema: { type: 'object', properties: {}, additionalProperties: false },
    defaultSeverity: '${meta.severity}',
    scope: 'file',
  },
  defaultOptions: {},
  check({ project, report }) {
    for (const migration of project.migrations) {
      for (const op of migration.up) {
        if (op.op !== 'dropTable') continue;
        report({ migration, loc: op.loc, messageId: 'todo', data: { op: op.op, target: describeTarget(op.target, op) }, target: op.target });
      }
    }
  },
});
`;
}

function docSource(id, meta) {
  return `# ${id}

${meta.description}.

- Severity: **${meta.severity}** (in no preset)
- Risk: ${meta.risk}

TODO: what the rule reports, in a paragraph.

## Why is this dangerous?

TODO: what goes wrong, for whom, and when.

## How to fix

TODO: a complete safe migration, which the rule accepts:

\`\`\`js
// migrations/20240101000000-create-audit-log.js
module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('audit_log', { id: { type: Sequelize.INTEGER, primaryKey: true } });
  },
  async down(queryInterface) {
    await queryInterface.dropTable('audit_log');
  },
};
\`\`\`

## Examples

❌ TODO: what the rule reports:

\`\`\`js
module.exports = {
  async up(queryInterface) {
    await queryInterface.dropTable('audit_log');
  },
  async down() {},
};
\`\`\`

✅ TODO: what it accepts:

\`\`\`js
module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('users', 'bio', { type: Sequelize.TEXT });
  },
  async down(queryInterface) {
    await queryInterface.removeColumn('users', 'bio');
  },
};
\`\`\`

## Options

This rule has no options.

## When not to use it

TODO: the projects or situations where the rule does not apply.
`;
}

function testSource(id) {
  return `import { ruleTests } from './rule-tester';

ruleTests('${id}', {
  valid: [
    {
      name: 'TODO: a migration the rule accepts',
      files: \`module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('users', 'bio', { type: Sequelize.TEXT });
  },
  async down(queryInterface) {
    await queryInterface.removeColumn('users', 'bio');
  },
};\`,
    },
  ],
  invalid: [
    {
      name: 'TODO: a migration the rule reports',
      files: \`module.exports = {
  async up(queryInterface) {
    await queryInterface.dropTable('audit_log');
  },
  async down() {},
};\`,
      errors: [{ messageId: 'todo', line: 3, column: 11, data: { op: 'dropTable', target: '\`audit_log\`' } }],
    },
  ],
});
`;
}

/** `registry` with the rule's import and list entry, each in id order among the others. */
function register(registry, id) {
  const name = camelCase(id);
  const lines = registry.split('\n');
  const importAt = (line) => /^import \w+ from '\.\.\/\.\.\/rules\/([^']+)';$/.exec(line)?.[1] ?? null;
  const imports = lines.map((line, i) => [importAt(line), i]).filter(([rule]) => rule !== null);
  const listed = new Map(imports.map(([rule, i]) => [/^import (\w+)/.exec(lines[i])[1], rule]));
  if (imports.length === 0) throw new Error('src/rules/registry.ts has no rule imports to insert among');
  const nextImport = imports.find(([rule]) => rule > id);
  lines.splice(nextImport ? nextImport[1] : imports[imports.length - 1][1] + 1, 0, `import ${name} from '../../rules/${id}';`);
  // The RULES list: one `  name,` per line.
  const entries = lines.map((line, i) => [/^ {2}(\w+),$/.exec(line)?.[1], i]).filter(([entry]) => entry !== undefined && listed.has(entry));
  if (entries.length === 0) throw new Error('src/rules/registry.ts has no RULES list to insert into');
  const nextEntry = entries.find(([entry]) => listed.get(entry) > id);
  lines.splice(nextEntry ? nextEntry[1] : entries[entries.length - 1][1] + 1, 0, `  ${name},`);
  return lines.join('\n');
}

/** README.md with the rule's row in the generated table (test/rules-docs.test.ts checks it against the metadata). */
function addReadmeRow(readme, id, meta) {
  const start = readme.indexOf(RULES_START);
  const end = readme.indexOf(RULES_END);
  if (start === -1 || end === -1 || end < start) throw new Error(`README.md has no ${RULES_START} ... ${RULES_END} table`);
  const row = `| [\`${id}\`](rules/${id}.md) | ${meta.description} | ${meta.risk} | ${meta.severity} |  |  |`;
  const table = readme.slice(start, end).split('\n');
  const next = table.findIndex((line) => (/^\| \[`([^`]+)`\]/.exec(line)?.[1] ?? '') > id);
  table.splice(next === -1 ? table.length - 1 : next, 0, row);
  return readme.slice(0, start) + table.join('\n') + readme.slice(end);
}

function main(args) {
  if (args.length !== 1 || args[0].startsWith('-')) return fail(args.length === 0 ? 'no rule id given' : `expected one rule id, got: ${args.join(' ')}`);
  const id = args[0];
  const problem = problemWith(id);
  if (problem) return fail(problem);
  const meta = skeletonMeta(id);
  // Compute every edit before writing anything: a failure leaves the repository as it was.
  const registryPath = join(root, 'src/rules/registry.ts');
  const readmePath = join(root, 'README.md');
  const writes = [
    [join(root, 'rules', `${id}.ts`), ruleSource(id, meta)],
    [join(root, 'rules', `${id}.md`), docSource(id, meta)],
    [join(root, 'test', 'rules', `${id}.test.ts`), testSource(id)],
    [registryPath, register(readFileSync(registryPath, 'utf8'), id)],
    [readmePath, addReadmeRow(readFileSync(readmePath, 'utf8'), id, meta)],
  ];
  for (const [file, text] of writes) writeFileSync(file, text);
  process.stdout.write(`Wrote rules/${id}.ts, rules/${id}.md and test/rules/${id}.test.ts; registered ${id} in src/rules/registry.ts and README.md's rule table.
Next:
  1. Write the rule (rules/${id}.ts), its doc (rules/${id}.md) and its test (test/rules/${id}.test.ts); replace every TODO.
  2. After changing its metadata (description, risk, severity, presets), regenerate:
       UPDATE_README=1 npx vitest run test/rules-docs.test.ts        # README.md rule table
  3. Regenerate the SARIF goldens, which list every rule, and read the diff:
       UPDATE_GOLDEN=1 npx vitest run test/reporters/sarif.test.ts   # test/golden/*.sarif
  4. npm test
`);
}

main(process.argv.slice(2));
