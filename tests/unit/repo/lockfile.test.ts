// `npm ci` refuses a lock file that lacks an optional dependency of any package, even one for
// another platform. Our registry serves only Linux builds, so after `npm install` the lock must
// be completed with `node scripts/complete-lockfile.js`; this catches a lock that was not.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface LockPackage { readonly optionalDependencies?: Record<string, string> }

describe('package-lock.json', () => {
  const lock = JSON.parse(readFileSync(join(__dirname, '../../../package-lock.json'), 'utf8')) as { packages: Record<string, LockPackage> };
  const missing = Object.entries(lock.packages).flatMap(([key, pkg]) =>
    Object.keys(pkg.optionalDependencies ?? {})
      .filter((dep) => !lock.packages[`${key ? `${key}/` : ''}node_modules/${dep}`] && !lock.packages[`node_modules/${dep}`])
      .map((dep) => `${key || '(root)'} -> ${dep}`));

  it('lists every optional dependency, so npm ci accepts it on every platform (run scripts/complete-lockfile.js)', () => {
    expect(missing).toEqual([]);
  });
});
