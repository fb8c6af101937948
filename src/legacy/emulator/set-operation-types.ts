import type { ColumnType } from './sql-scope';

const TEXT: ReadonlySet<string> = new Set(['char', 'varchar', 'nchar', 'nvarchar', 'text', 'ntext']);

/**
 * The declared types of a UNION / INTERSECT / EXCEPT's columns: SQL Server types each column from
 * both sides by data type precedence, so varchar on one side and nvarchar on the other is
 * nvarchar (the longer length, MAX if either is), which HASHBYTES, DATALENGTH and `+` tell apart.
 * A text column whose type one side does not declare (a function's result) has no declared type:
 * what depends on it refuses rather than take the left side's. Names and DuckDB types stay the
 * left side's, as before.
 */
export function setOperationColumns(left: readonly ColumnType[], right: readonly ColumnType[]): ColumnType[] {
  return left.map((l, i) => {
    const r = right[i];
    const a = l.tsqlType;
    if (r === undefined || a === undefined || !TEXT.has(a.name)) return l;
    const b = r.tsqlType;
    if (b === undefined) return r.family === 'string' || r.family === 'unknown' ? { ...l, tsqlType: undefined } : l;
    if (!TEXT.has(b.name) || a.name.startsWith('n') === b.name.startsWith('n')) return l;
    const length = a.length === -1 || b.length === -1 ? -1 : Math.max(a.length ?? 1, b.length ?? 1);
    const unicode = a.name.startsWith('n') ? a : b;
    return { ...l, tsqlType: { ...unicode, length } };
  });
}
