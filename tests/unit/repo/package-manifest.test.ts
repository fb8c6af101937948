import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// What npm users get from `npm pack`: the bin, the library entry points with declarations, and
// `npm run example` showing real figures (the scenarios run before status reads them).
const repo = join(__dirname, '../../..');
const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as {
  bin: Record<string, string>; types: string; files: string[]; scripts: Record<string, string>;
  exports: Record<string, string | { types: string; default: string }>;
};
const subpaths = Object.entries(pkg.exports).filter((e): e is [string, { types: string; default: string }] => typeof e[1] !== 'string');

describe('package.json', () => {
  it.each(subpaths)('exports %s from dist with its declarations, built from a src module', (subpath, target) => {
    const module = subpath === '.' ? 'index' : `${subpath.slice(2)}/index`;
    expect(target).toEqual({ types: `./dist/${module}.d.ts`, default: `./dist/${module}.js` });
    expect(existsSync(join(repo, 'src', `${module}.ts`))).toBe(true);
  });

  it('exports the engine and the section suite generated code imports', () => {
    expect(subpaths.map(([s]) => s)).toEqual(expect.arrayContaining(['.', './engine', './sections', './acceptance']));
  });

  it('packs the bin and dist, not the repository example transforms', () => {
    expect(pkg.bin).toEqual({ migrate: 'bin/migrate.js' });
    expect(pkg.types).toBe('dist/index.d.ts');
    expect(pkg.files).toEqual(expect.arrayContaining(['bin/', 'dist/', '!dist/transforms/']));
    expect(pkg.scripts.prepack).toBe('npm run build');
  });

  it('runs the scenarios in `npm run example` before status reads them', () => {
    const steps = pkg.scripts.example?.split(' && ') ?? [];
    const test = steps.indexOf('node bin/migrate.js test');
    expect(test).toBeGreaterThan(0);
    expect(test).toBeLessThan(steps.indexOf('node bin/migrate.js status'));
  });
});
