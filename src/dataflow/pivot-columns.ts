import { walk, type Pivot } from '../tsql';

/**
 * The columns a PIVOT groups by: its source's columns (lower-case) that neither the aggregate
 * nor the FOR column reads. They pass through by name; the IN list's columns are the aggregate's.
 */
export function pivotGroupingColumns(all: readonly string[], src: Pivot): string[] {
  const used = new Set<string>([(src.forColumn.parts.at(-1)?.name ?? '').toLowerCase()]);
  walk(src.aggregate, (n) => {
    if (n.kind === 'ColumnRef') used.add((n.parts.at(-1)?.name ?? '').toLowerCase());
  });
  return all.filter((c) => !used.has(c));
}
