import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { RenderError } from '../core';

/**
 * The absolute path of a file inside an installed package, found by walking up from this
 * module the way Node looks for node_modules. Used for mermaid, which is ESM-only with an
 * `exports` map that hides its dist files from `require.resolve`.
 */
export function findPackageFile(pkg: string, file: string): string {
  let dir = __dirname;
  for (;;) {
    const candidate = join(dir, 'node_modules', pkg, file);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new RenderError('RENDER_MISSING_PACKAGE', `cannot find ${pkg}/${file} in any node_modules above ${__dirname}`, {
    hint: `reinstall the dependencies (npm ci); ${pkg} is a dependency of tsql-migrate`,
  });
}
