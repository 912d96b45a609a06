import type { Reporter } from './types';
import type { CiReporterOptions } from './ci';
import { createGithubReporter } from './github';
import { createGitlabReporter } from './gitlab';
import { jsonReporter } from './json';
import { createMarkdownReporter } from './markdown';
import type { LinkBase } from './markdown/format';
import { createSarifReporter } from './sarif';
import { createTextReporter } from './text';

/** Output formats; the first is the default. */
export const FORMATS = ['markdown', 'json', 'text', 'sarif', 'github', 'gitlab'] as const;
export type Format = (typeof FORMATS)[number];

/** What the CLI knows that a reporter may need: colors for `text`, where the project sits in the repository for the CI formats. */
export interface ReporterOptions extends CiReporterOptions {
  color: boolean;
  /** Markdown: where `file:line` locations link to (default: relative to the project root). */
  linkBase?: LinkBase;
}

/** Built-in reporters by format name. */
export function getReporter(format: Format, options: ReporterOptions): Reporter {
  const ci: CiReporterOptions = options.pathPrefix === undefined ? {} : { pathPrefix: options.pathPrefix };
  switch (format) {
    case 'markdown':
      return createMarkdownReporter(options.linkBase === undefined ? {} : { linkBase: options.linkBase });
    case 'json':
      return jsonReporter;
    case 'text':
      return createTextReporter(options);
    case 'sarif':
      return createSarifReporter(ci);
    case 'github':
      return createGithubReporter(ci);
    case 'gitlab':
      return createGitlabReporter(ci);
  }
}
