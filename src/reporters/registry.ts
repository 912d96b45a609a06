import type { Reporter } from './types';
import type { CiReporterOptions } from './ci';
import type { LinkBase } from './markdown/format';

/** Output formats; the first is the default. */
export const FORMATS = ['markdown', 'json', 'text', 'sarif', 'github', 'gitlab'] as const;
export type Format = (typeof FORMATS)[number];

/** What the CLI knows that a reporter may need: colors for `text`, where the project sits in the repository for the CI formats. */
export interface ReporterOptions extends CiReporterOptions {
  color: boolean;
  /** Markdown: where `file:line` locations link to (default: relative to the project root). */
  linkBase?: LinkBase;
}

/** Built-in reporters by format name; each reporter's modules load when its format is asked for (markdown, SARIF and the CI formats load the rules' metadata, JSON nothing more). */
export async function getReporter(format: Format, options: ReporterOptions): Promise<Reporter> {
  const ci: CiReporterOptions = options.pathPrefix === undefined ? {} : { pathPrefix: options.pathPrefix };
  switch (format) {
    case 'markdown':
      return (await import('./markdown.js')).createMarkdownReporter(options.linkBase === undefined ? {} : { linkBase: options.linkBase });
    case 'json':
      return (await import('./json.js')).jsonReporter;
    case 'text':
      return (await import('./text.js')).createTextReporter(options);
    case 'sarif':
      return (await import('./sarif.js')).createSarifReporter(ci);
    case 'github':
      return (await import('./github.js')).createGithubReporter(ci);
    case 'gitlab':
      return (await import('./gitlab.js')).createGitlabReporter(ci);
  }
}
