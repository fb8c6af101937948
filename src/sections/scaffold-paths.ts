import { dirname, join, relative, sep } from 'node:path';

/** Paths of a section's generated files in a workspace. */
export interface SectionPaths {
  readonly feature: string;
  readonly transform: string;
  readonly test: string;
}

/** `sections/<id>.feature`, `src/transforms/<id>.ts`, `tests/sections/<id>.test.ts` under `root`. */
export function sectionPaths(root: string, id: string, dirs: { sections?: string; transforms?: string; tests?: string } = {}): SectionPaths {
  return {
    feature: join(root, dirs.sections ?? 'sections', `${id}.feature`),
    transform: join(root, dirs.transforms ?? join('src', 'transforms'), `${id}.ts`),
    test: join(root, dirs.tests ?? join('tests', 'sections'), `${id}.test.ts`),
  };
}

/** A relative module specifier from one file to another (`./x`, `../../src/y`), without `.ts`. */
export function moduleSpecifier(fromFile: string, toFile: string): string {
  const rel = relative(dirname(fromFile), toFile).split(sep).join('/').replace(/\.ts$/, '').replace(/\/index$/, '');
  return rel.startsWith('.') ? rel : `./${rel}`;
}
