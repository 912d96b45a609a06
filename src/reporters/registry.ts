import type { Reporter } from './types';
import { jsonReporter } from './json';
import { markdownReporter } from './markdown';
import { createTextReporter } from './text';

export const FORMATS = ['markdown', 'json', 'text'] as const;
export type Format = (typeof FORMATS)[number];

/** Built-in reporters by format name. */
export function getReporter(format: Format, options: { color: boolean }): Reporter {
  switch (format) {
    case 'markdown':
      return markdownReporter;
    case 'json':
      return jsonReporter;
    case 'text':
      return createTextReporter(options);
  }
}
