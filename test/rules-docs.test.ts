import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { marked, type Token, type Tokens } from 'marked';
import { beforeAll, describe, expect, it } from 'vitest';
import { RULES } from '../src/rules/registry';
import { loadSqlParser } from '../src/sql/pg-parser';
import { REGENERATE_COMMAND, readRuleTable, ruleTable, writeRuleTable } from '../scripts/rule-table';
import { REPO } from './helpers/extract';
import { lint } from './helpers/rules';

/** The `##` headings every rule doc has, in this order, and no others. */
const REQUIRED_HEADINGS = ['Why is this dangerous?', 'How to fix', 'Examples', 'Options', 'When not to use it'];

/** First words accepted for `meta.docs.description` (ESLint's vocabulary). */
const IMPERATIVE_VERBS = ['Disallow', 'Require', 'Enforce', 'Prefer', 'Forbid', 'Limit', 'Report'];

/** The file an example block is linted as when it does not name one. */
const DEFAULT_FILE = '20240101000000-migration.js';

/**
 * Doc examples the rule gets wrong today: `<rule-id> <❌|✅> <n>` (n counts
 * from 1 per kind). The example stays as written; its case is expected to
 * fail until the rule is fixed, so fixing the rule turns the case red here
 * and the entry must go.
 */
const KNOWN_RULE_BUGS: Record<string, string> = {
};

interface Example {
  kind: '❌' | '✅';
  /** The paragraph that introduces the example, for test names. */
  title: string;
  /** File name -> source: the blocks under one paragraph form one project. */
  files: Record<string, string>;
}

interface ParsedDoc {
  title: string | null;
  /** The paragraph right after the title. */
  description: string | null;
  /** The bullet list right after the description. */
  bullets: string[];
  /** `##` headings in order. */
  headings: string[];
  /** Tokens under each `##` heading. */
  sections: Map<string, Token[]>;
}

function docPath(id: string): string {
  return path.join(REPO, 'rules', `${id}.md`);
}

function parseDoc(markdown: string): ParsedDoc {
  const tokens = marked.lexer(markdown).filter((t) => t.type !== 'space');
  const doc: ParsedDoc = { title: null, description: null, bullets: [], headings: [], sections: new Map() };
  let i = 0;
  const first = tokens[0];
  if (first?.type === 'heading' && (first as Tokens.Heading).depth === 1) {
    doc.title = (first as Tokens.Heading).text;
    i = 1;
  }
  if (tokens[i]?.type === 'paragraph') doc.description = (tokens[i++] as Tokens.Paragraph).text.replace(/\s+/g, ' ');
  if (tokens[i]?.type === 'list') doc.bullets = (tokens[i++] as Tokens.List).items.map((item) => item.text.replace(/\s+/g, ' '));
  let current: Token[] | null = null;
  for (; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.type === 'heading' && (token as Tokens.Heading).depth <= 2) {
      const text = (token as Tokens.Heading).text;
      doc.headings.push(`${'#'.repeat((token as Tokens.Heading).depth)} ${text}`);
      current = [];
      doc.sections.set(text, current);
    } else if (current) {
      current.push(token);
    }
  }
  return doc;
}

/**
 * The ❌ / ✅ examples of an `## Examples` section: a paragraph starting with
 * the mark, then one or more ```js blocks. A block that starts with
 * `// migrations/<name>` is linted under that file name.
 */
function parseExamples(tokens: Token[]): { examples: Example[]; problems: string[] } {
  const examples: Example[] = [];
  const problems: string[] = [];
  let current: Example | null = null;
  for (const token of tokens) {
    if (token.type === 'paragraph') {
      const text = (token as Tokens.Paragraph).text.trim();
      const mark = text.startsWith('❌') ? '❌' : text.startsWith('✅') ? '✅' : null;
      current = mark ? { kind: mark, title: text.slice(mark.length).trim().replace(/\s+/g, ' ').replace(/:$/, ''), files: {} } : null;
      if (current) examples.push(current);
    } else if (token.type === 'code') {
      const code = token as Tokens.Code;
      if (!current) {
        problems.push(`a code block is not under a ❌ / ✅ paragraph: ${code.text.split('\n')[0]}`);
        continue;
      }
      if (code.lang !== 'js') problems.push(`example "${current.title}": code block is \`${code.lang ?? ''}\`, not \`js\``);
      const named = /^\/\/ ((?:migrations|models|config)\/\S+)\s*$/.exec(code.text.split('\n')[0] ?? '');
      const name = named ? named[1]!.replace(/^migrations\//, '') : DEFAULT_FILE;
      if (name in current.files) problems.push(`example "${current.title}": two blocks are both ${name}; name each file with // migrations/<name>`);
      current.files[name] = `${code.text}\n`;
    } else {
      current = null;
    }
  }
  for (const example of examples) {
    if (Object.keys(example.files).length === 0) problems.push(`example "${example.title}" has no code block`);
  }
  return { examples, problems };
}

/** `Severity: **error** (recommended, strict)`, as the doc's bullet list states it. */
function expectedBullets(rule: (typeof RULES)[number]): string[] {
  const { recommended, strict, risk } = rule.meta.docs;
  const presets = [recommended ? 'recommended' : null, strict ? 'strict' : null].filter(Boolean).join(', ');
  return [`Severity: **${rule.meta.defaultSeverity}** (${presets || 'in no preset'})`, `Risk: ${risk}`];
}

function headingText(token: Token): string {
  return (token as Tokens.Heading).text.replace(/`/g, '').trim();
}

beforeAll(async () => {
  await loadSqlParser();
});

describe.each(RULES.map((rule) => [rule.id, rule] as const))('%s', (id, rule) => {
  describe('metadata', () => {
    it('has an options schema without extra keys and a description per option', () => {
      expect(rule.meta.schema.type).toBe('object');
      expect(rule.meta.schema.additionalProperties).toBe(false);
      for (const [name, prop] of Object.entries(rule.meta.schema.properties)) {
        expect(name, 'option names are camelCase').toMatch(/^[a-z][a-zA-Z0-9]*$/);
        expect(typeof prop.description === 'string' && prop.description.trim().length > 0, `option ${name} has a description`).toBe(true);
        expect(name in rule.defaultOptions, `option ${name} has a default`).toBe(true);
      }
      expect(Object.keys(rule.defaultOptions).sort()).toEqual(Object.keys(rule.meta.schema.properties).sort());
    });

    it('has camelCase message ids', () => {
      const ids = Object.keys(rule.meta.messages);
      expect(ids.length).toBeGreaterThan(0);
      for (const messageId of ids) expect(messageId).toMatch(/^[a-z][a-zA-Z0-9]*$/);
    });

    it('links to its doc', () => {
      expect(rule.meta.docs.url.endsWith(`rules/${id}.md`)).toBe(true);
    });

    it('has a one-line imperative description without a trailing period', () => {
      const { description } = rule.meta.docs;
      expect(description).not.toMatch(/\n/);
      expect(description).not.toMatch(/[.\s]$/);
      const firstWord = description.split(' ')[0]!;
      expect(IMPERATIVE_VERBS, `description starts with "${firstWord}"`).toContain(firstWord);
    });
  });

  describe(`rules/${id}.md`, () => {
    const file = docPath(id);
    const markdown = existsSync(file) ? readFileSync(file, 'utf8') : null;
    const doc = markdown === null ? null : parseDoc(markdown);

    it('exists', () => {
      expect(markdown, `rules/${id}.md is missing`).not.toBeNull();
    });

    it('starts with the id, the description and the severity / presets / risk list', () => {
      expect(doc?.title).toBe(id);
      expect(doc?.description).toBe(`${rule.meta.docs.description}.`);
      expect(doc?.bullets).toEqual(expectedBullets(rule));
    });

    it('has exactly the required headings, in order', () => {
      expect(doc?.headings).toEqual(REQUIRED_HEADINGS.map((h) => `## ${h}`));
    });

    it('has a complete migration under "How to fix", which the rule accepts', () => {
      const blocks = (doc?.sections.get('How to fix') ?? []).filter((t) => t.type === 'code' && (t as Tokens.Code).lang === 'js') as Tokens.Code[];
      // A migration with an `up`, or, for rules about models and config, the fixed file itself.
      expect(
        blocks.some((c) => /\bup\b/.test(c.text) || /^\/\/ (models|config)\//.test(c.text)),
        'a js block with an `up` (or a fixed models/ or config/ file)',
      ).toBe(true);
      const files = Object.fromEntries(
        blocks.map((c, i) => {
          const named = /^\/\/ ((?:migrations|models|config)\/\S+)/.exec(c.text)?.[1];
          return [named ? named.replace(/^migrations\//, '') : `2024010100000${i}-fix.js`, `${c.text}\n`];
        }),
      );
      expect(Object.keys(files), 'each block names a different file').toHaveLength(blocks.length);
      expect(lint(id, files).map((f) => `${f.file}:${f.line} ${f.messageId}`)).toEqual([]);
    });

    const { examples, problems } = parseExamples(doc?.sections.get('Examples') ?? []);

    it('has well-formed ❌ and ✅ examples', () => {
      expect(problems).toEqual([]);
      expect(examples.some((e) => e.kind === '❌'), 'at least one ❌ example').toBe(true);
      expect(examples.some((e) => e.kind === '✅'), 'at least one ✅ example').toBe(true);
    });

    const counters = { '❌': 0, '✅': 0 };
    for (const example of examples) {
      const n = ++counters[example.kind];
      const key = `${id} ${example.kind} ${n}`;
      const known = KNOWN_RULE_BUGS[key];
      const test = known ? it.fails : it;
      if (example.kind === '❌') {
        test(`❌ ${n} is reported: ${example.title}${known ? ` (known rule bug: ${known})` : ''}`, () => {
          const findings = lint(id, example.files).filter((f) => f.rule === id);
          expect(findings.length, 'findings of the rule').toBeGreaterThan(0);
        });
      } else {
        test(`✅ ${n} passes: ${example.title}${known ? ` (known rule bug: ${known})` : ''}`, () => {
          const findings = lint(id, example.files).filter((f) => f.rule === id);
          expect(findings.map((f) => `${f.file}:${f.line} ${f.messageId}: ${f.message}`)).toEqual([]);
        });
      }
    }

    it('documents exactly the options of its schema', () => {
      const section = doc?.sections.get('Options') ?? [];
      const documented = section.filter((t) => t.type === 'heading' && (t as Tokens.Heading).depth === 3).map(headingText);
      const declared = Object.keys(rule.meta.schema.properties);
      expect([...documented].sort()).toEqual([...declared].sort());
      // Each option states its type and its default, as the rule applies it.
      section.forEach((token, index) => {
        if (token.type !== 'heading' || (token as Tokens.Heading).depth !== 3) return;
        const name = headingText(token);
        const next = section[index + 1];
        const text = next?.type === 'paragraph' ? (next as Tokens.Paragraph).text : '';
        const property = rule.meta.schema.properties[name] as { type?: string; items?: { type?: string } } | undefined;
        // Arrays read as `string[]`, as TypeScript users write them.
        const type = property?.type === 'array' && property.items?.type ? `${property.items.type}[]` : property?.type;
        const fallback = (rule.defaultOptions as Record<string, unknown>)[name];
        expect(text, `### ${name} starts with its type and default`).toContain(`Type: \`${String(type)}\`. Default: \`${JSON.stringify(fallback)}\`.`);
      });
      if (declared.length === 0) {
        expect(section.some((t) => t.type === 'paragraph' && (t as Tokens.Paragraph).text.trim() === 'This rule has no options.')).toBe(true);
      }
    });
  });
});

describe('README.md', () => {
  it('lists every rule in the "## Rules" section, generated from metadata', () => {
    const readmePath = path.join(REPO, 'README.md');
    const readme = readFileSync(readmePath, 'utf8');
    const expected = ruleTable();
    if (process.env.UPDATE_README === '1') {
      const updated = writeRuleTable(readme, expected);
      if (updated !== readme) writeFileSync(readmePath, updated);
      return;
    }
    const section = /^## Rules\n([\s\S]*?)(?=^## |(?![\s\S]))/m.exec(readme)?.[1] ?? '';
    const actual = readRuleTable(section);
    expect(actual, 'README.md "## Rules" needs <!-- rules:start --> and <!-- rules:end --> markers').not.toBeNull();
    expect(actual, `the README rule table is out of date: run \`${REGENERATE_COMMAND}\``).toBe(expected);
  });
});
