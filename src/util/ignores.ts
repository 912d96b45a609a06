import type picomatchType from 'picomatch';

/**
 * A predicate for project-relative POSIX paths from glob patterns (relative
 * to the project root). A pattern that names a folder also covers what is
 * inside it, like a .gitignore entry: `migrations/legacy` ignores
 * `migrations/legacy/001-x.js`. A leading `./` is ignored. Patterns match
 * dotfiles too.
 */
export function ignoreMatcher(patterns: readonly string[] | undefined): (file: string) => boolean {
  const cleaned = (patterns ?? []).map((p) => p.replace(/\\/g, '/').replace(/^(\.\/)+/, '').replace(/\/+$/, '')).filter((p) => p !== '');
  if (cleaned.length === 0) return () => false;
  // Loaded only when there are patterns to match.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const picomatch = require('picomatch') as typeof picomatchType;
  const isMatch = picomatch(cleaned, { dot: true });
  return (file) => {
    const posix = file.replace(/\\/g, '/').replace(/^(\.\/)+/, '');
    if (isMatch(posix)) return true;
    // Any enclosing folder matched: the file is inside an ignored folder.
    for (let i = posix.lastIndexOf('/'); i > 0; i = posix.lastIndexOf('/', i - 1)) {
      if (isMatch(posix.slice(0, i))) return true;
    }
    return false;
  };
}
