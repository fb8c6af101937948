import type { TableRef, TableSource } from './ast';

/** The tables a FROM item of tables joined INNER or CROSS reads, or undefined when it holds anything else (an outer join, a derived table, a function, a table variable). */
export function innerJoinTables(src: TableSource): TableRef[] | undefined {
  if (src.kind === 'TableRef') return [src];
  if (src.kind !== 'Join' || (src.joinType !== 'INNER' && src.joinType !== 'CROSS')) return undefined;
  const left = innerJoinTables(src.left);
  const right = innerJoinTables(src.right);
  return left === undefined || right === undefined ? undefined : [...left, ...right];
}
