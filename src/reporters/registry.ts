import type { Reporter } from './types';
import type { CiReporterOptions } from './ci';
import type { LinkBase } from './markdown/format';
import { loadModule } from '../util/load-module';

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
  /* eslint-disable @typescript-eslint/no-require-imports -- modules loaded when needed (src/util/load-module.ts) */
  switch (format) {
    case 'markdown':
      return (await loadModule(() => require('./markdown') as typeof import('./markdown'), () => import('./markdown.js'))).createMarkdownReporter(options.linkBase === undefined ? {} : { linkBase: options.linkBase });
    case 'json':
      return (await loadModule(() => require('./json') as typeof import('./json'), () => import('./json.js'))).jsonReporter;
    case 'text':
      return (await loadModule(() => require('./text') as typeof import('./text'), () => import('./text.js'))).createTextReporter(options);
    case 'sarif':
      return (await loadModule(() => require('./sarif') as typeof import('./sarif'), () => import('./sarif.js'))).createSarifReporter(ci);
    case 'github':
      return (await loadModule(() => require('./github') as typeof import('./github'), () => import('./github.js'))).createGithubReporter(ci);
    case 'gitlab':
      return (await loadModule(() => require('./gitlab') as typeof import('./gitlab'), () => import('./gitlab.js'))).createGitlabReporter(ci);
  }
  /* eslint-enable @typescript-eslint/no-require-imports */
}
