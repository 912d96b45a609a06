/**
 * SARIF 2.1.0, for GitHub code scanning and any SARIF viewer.
 *
 * One run. `tool.driver.rules` lists every built-in rule (enabled or not)
 * and the engine's own findings (parse-error, read-error, analysis-error),
 * so their `ruleIndex` is stable across projects; any other rule id a
 * finding carries gets a descriptor after them. Paths are relative to the
 * repository root (see `CiReporterOptions.pathPrefix`): GitHub code scanning
 * ignores `originalUriBaseIds` and resolves relative URIs against the
 * repository root. Nothing machine-specific (absolute paths, dates) is
 * written, so the same project gives the same bytes everywhere.
 */
import type { Finding, Severity } from '../model';
import { ENGINE_RULES } from '../util/engine-rules';
import { RULES } from '../rules/registry';
import { ruleInfo } from './markdown/findings';
import { fingerprints, pathPrefixOf, TOOL_URL, type CiReporterOptions } from './ci';
import type { Reporter, ReportInput } from './types';

export const SARIF_SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

/** The `uriBaseId` of every artifact location: the repository root, where CI runs. */
export const SRCROOT = 'SRCROOT';

/** The key of our fingerprint in `partialFingerprints`; bump the version when the hash input changes. */
export const FINGERPRINT_KEY = 'migralintFingerprint/v1';

type Level = 'error' | 'warning' | 'note';

const LEVEL: Record<Severity, Level> = { error: 'error', warning: 'warning', info: 'note' };

/** `no-destructive-down` -> `NoDestructiveDown`. */
export function pascalCase(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');
}

interface Descriptor {
  id: string;
  level: Level;
  enabled: boolean;
  precision: 'very-high' | 'high';
  /** Docs URL carried by the findings when the rule is not ours to describe (a plugin's, a newer engine finding). */
  docsUrl?: string;
}

/**
 * Every rule of the registry in id order, then the engine's findings, then
 * (sorted) any other rule id the findings carry, so every result has a
 * descriptor and the indexes of the built-in ones never move.
 */
function descriptors(findings: readonly Finding[]): Descriptor[] {
  const rules: Descriptor[] = RULES.map((r) => ({ id: r.id, level: LEVEL[r.meta.defaultSeverity], enabled: r.meta.docs.recommended, precision: 'high' }));
  const engine: Descriptor[] = Object.values(ENGINE_RULES).map((id) => ({ id, level: 'error', enabled: true, precision: 'very-high' }));
  const known = new Set([...rules, ...engine].map((d) => d.id));
  const others = new Map<string, Descriptor>();
  for (const f of findings) {
    if (known.has(f.rule) || others.has(f.rule)) continue;
    const d: Descriptor = { id: f.rule, level: LEVEL[f.severity], enabled: true, precision: 'high' };
    if (f.docsUrl) d.docsUrl = f.docsUrl;
    others.set(f.rule, d);
  }
  const extra = [...others.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return [...rules, ...engine, ...extra];
}

function ruleDescriptor(d: Descriptor): Record<string, unknown> {
  const info = ruleInfo(d.id, d.docsUrl);
  const description = info.description ?? d.id;
  const out: Record<string, unknown> = {
    id: d.id,
    name: pascalCase(d.id),
    shortDescription: { text: `${description}.` },
    fullDescription: { text: info.why ? `${description}. ${info.why}` : `${description}.` },
  };
  if (info.help) {
    const text = [info.help, info.why ? `Why it matters: ${info.why}` : null, info.url ? `Documentation: ${info.url}` : null].filter(Boolean).join('\n\n');
    const markdown = [
      `**How to fix:** ${info.help}`,
      info.why ? `**Why it matters:** ${info.why}` : null,
      info.url ? `[Documentation of \`${d.id}\`](${info.url})` : null,
    ]
      .filter(Boolean)
      .join('\n\n');
    out.help = { text, markdown };
  }
  if (info.url) out.helpUri = info.url;
  out.defaultConfiguration = d.enabled ? { level: d.level } : { enabled: false, level: d.level };
  out.properties = { tags: info.risk ? [info.risk, 'migration'] : ['migration'], precision: d.precision };
  return out;
}

/** A relative URI reference for a POSIX path: each segment percent-encoded (spaces, `#`, `?`, `%`, `:`). */
export function uriOf(posixPath: string): string {
  return posixPath.split('/').map(encodeURIComponent).join('/');
}

function region(f: Finding): Record<string, number> {
  const out: Record<string, number> = { startLine: f.line, startColumn: f.column };
  // Only a region that ends after it starts: SARIF consumers reject the others.
  if (f.endLine !== undefined && f.endLine >= f.line) {
    if (f.endColumn !== undefined && (f.endLine > f.line || f.endColumn > f.column)) {
      out.endLine = f.endLine;
      out.endColumn = f.endColumn;
    } else if (f.endLine > f.line) {
      out.endLine = f.endLine;
    }
  }
  return out;
}

/** The SARIF log as an object (the reporter serializes it). */
export function sarifLog(input: ReportInput, options: CiReporterOptions = {}): Record<string, unknown> {
  const { project, findings, tool } = input;
  const prefix = pathPrefixOf(project, options);
  const pathOf = (f: Finding) => `${prefix}${f.file}`;
  const rules = descriptors(findings);
  const indexOf = new Map(rules.map((d, i) => [d.id, i]));
  const prints = fingerprints(findings, pathOf);
  const results = findings.map((f, i) => {
    const result: Record<string, unknown> = { ruleId: f.rule };
    const index = indexOf.get(f.rule);
    if (index !== undefined) result.ruleIndex = index;
    result.level = LEVEL[f.severity];
    result.message = { text: f.message };
    result.locations = [{ physicalLocation: { artifactLocation: { uri: uriOf(pathOf(f)), uriBaseId: SRCROOT }, region: region(f) } }];
    result.partialFingerprints = { [FINGERPRINT_KEY]: prints[i]! };
    return result;
  });
  const driver: Record<string, unknown> = { name: tool.name, version: tool.version };
  if (/^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/.test(tool.version)) driver.semanticVersion = tool.version;
  driver.informationUri = TOOL_URL;
  driver.rules = rules.map(ruleDescriptor);
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: { driver },
        originalUriBaseIds: {
          [SRCROOT]: {
            description: {
              text: prefix
                ? `The repository root, where CI runs migralint; the analyzed project is in ${prefix}.`
                : 'The repository root, where CI runs migralint; it is also the root of the analyzed project.',
            },
          },
        },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}

/** A SARIF reporter; `pathPrefix` says where the project sits in the repository. */
export function createSarifReporter(options: CiReporterOptions = {}): Reporter {
  return {
    name: 'sarif',
    render: (input) => `${JSON.stringify(sarifLog(input, options), null, 2)}\n`,
  };
}

export const sarifReporter: Reporter = createSarifReporter();
