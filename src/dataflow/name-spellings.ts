import { walk, type Node } from '../tsql';

/**
 * The spelling people read for each name of an object: lower-case name -> the name as first
 * written in the source (brackets removed), for every identifier (columns, tables, aliases)
 * whose spelling is not already lower-case. The graph keeps names normalised for matching;
 * renderers show `[WWI City ID]` as `WWI City ID`, not `wwi city id`. Column definitions
 * (CREATE TABLE, DECLARE @t TABLE) are taken first: they are the spelling of record.
 */
export function collectSpellings(roots: readonly Node[]): Readonly<Record<string, string>> {
  // One walk filling two maps; a definition's spelling wins over any identifier's.
  const defined = new Map<string, string>();
  const written = new Map<string, string>();
  const add = (to: Map<string, string>, name: string): void => {
    const key = name.toLowerCase();
    if (key !== name && !to.has(key)) to.set(key, name);
  };
  // a function's name is no spelling of a column: `RANK() OVER (…)` before `INSERT … ([Rank], …)`
  // would show the column as RANK
  const functionNames = new Set<Node>();
  for (const root of roots) {
    walk(root, (n) => {
      if (n.kind === 'Identifier') { if (!functionNames.has(n)) add(written, n.name); }
      else if (n.kind === 'ColumnDefinition') add(defined, n.name.name);
      else if (n.kind === 'FunctionCall') for (const part of n.name.parts) functionNames.add(part);
    });
  }
  for (const [key, name] of written) if (!defined.has(key)) defined.set(key, name);
  return Object.fromEntries([...defined].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** A normalised name (a column) as people read it: its first spelling in the object, else as is. */
export function spellingOf(spellings: Readonly<Record<string, string>> | undefined, name: string): string {
  return spellings !== undefined && Object.hasOwn(spellings, name) ? (spellings[name] as string) : name;
}
