import type { Expression, Identifier, Literal, Pivot, Unpivot } from '../../tsql';
import { groupKeySql, quote, type SqlTranslator } from './expressions';
import { translateSource } from './queries';
import { SqlScope, type ColumnType } from './sql-scope';
import { isOffsetValue } from './dates/offset-values';
import { doubtRefusal, keepPrecisionDoubt } from './power-function';
import { makeType } from './tsql-types';

/**
 * `src PIVOT (AGG(v) FOR c IN ([x], [y])) AS p`: grouped by every other column of the source,
 * one column per listed value holding AGG(v) over the rows whose c equals that value (the value
 * read as c's type), as SQL Server defines PIVOT.
 */
export function translatePivot(t: SqlTranslator, p: Pivot, scope: SqlScope, outer: SqlScope | undefined): string {
  const inner = new SqlScope(outer);
  const from = translateSource(t, p.source, inner, outer);
  const valueArg = p.aggregate.args[0];
  if (valueArg === undefined || valueArg.kind !== 'ColumnRef' || p.aggregate.args.length !== 1) throw t.state.unsupported(p, 'PIVOT whose aggregate is not of one column');
  const valueName = valueArg.parts[valueArg.parts.length - 1]?.name.toLowerCase() ?? '';
  const forName = p.forColumn.parts[p.forColumn.parts.length - 1]?.name.toLowerCase() ?? '';
  const columns = inner.allColumns();
  const groups = columns.filter((c) => c.name.toLowerCase() !== valueName && c.name.toLowerCase() !== forName);
  const forType = columns.find((c) => c.name.toLowerCase() === forName);
  if (forType === undefined) throw t.state.unsupported(p.forColumn, `PIVOT FOR ${forName}, which the source does not have`);
  const out: ColumnType[] = [...groups];
  // PIVOT groups its other columns as GROUP BY does: text case-insensitively, showing the
  // spelling SQL Server's plan meets first (see SqlTranslator.groupSpelling).
  const items = groups.map((g) => (g.family === 'string' ? `${t.groupSpelling(quote(g.name), p)} AS ${quote(g.name)}` : quote(g.name)));
  for (const v of p.values) {
    const literal = literalFor(v, forType);
    const when: Expression = { kind: 'Binary', operator: '=', left: p.forColumn, right: literal, span: v.span };
    const picked: Expression = { kind: 'Case', operand: undefined, whens: [{ kind: 'CaseWhen', when, then: valueArg, span: v.span }], else: undefined, span: v.span };
    const f = t.expr({ ...p.aggregate, args: [picked] }, inner);
    items.push(`${f.sql} AS ${quote(v.name)}`);
    // a datetimeoffset held with its offset keeps its type and offset: its text and grouping read them (offset-combining.ts)
    out.push({ name: v.name, duckType: f.duckType ?? '', family: f.family, ...(isOffsetValue(f) ? { tsqlType: f.tsqlType, offsetMinutes: f.offsetMinutes } : {}), ...keepPrecisionDoubt(f) });
  }
  const alias = p.alias?.name ?? '__pivot';
  scope.add(alias, out);
  // Text keys grouped as the collation compares them: without trailing blanks too ('pro' and
  // 'pro ' are one row, as case variants already are under DuckDB's nocase collation).
  const group = groups.length > 0 ? ` GROUP BY ${groups.map((g) => groupKeySql({ sql: quote(g.name), family: g.family })).join(', ')}` : '';
  return `(SELECT ${items.join(', ')} FROM ${from}${group}) AS ${quote(alias)}`;
}

function literalFor(v: Identifier, forType: ColumnType): Literal {
  const numeric = forType.family === 'integer' || forType.family === 'exact' || forType.family === 'approx' || forType.family === 'bit';
  if (numeric && /^-?\d+$/.test(v.name)) return { kind: 'Literal', literalType: 'integer', value: v.name, span: v.span };
  if (numeric && /^-?\d*\.\d+$/.test(v.name)) return { kind: 'Literal', literalType: 'decimal', value: v.name, span: v.span };
  return { kind: 'Literal', literalType: 'string', value: v.name, span: v.span };
}

/**
 * `src UNPIVOT (v FOR c IN (a, b)) AS u`: one row per listed column of each source row whose
 * value is not NULL, `c` holding the column's name (nvarchar(128), as SQL Server types it) and `v`
 * its value; the other columns repeat.
 */
export function translateUnpivot(t: SqlTranslator, u: Unpivot, scope: SqlScope, outer: SqlScope | undefined): string {
  const inner = new SqlScope(outer);
  const from = translateSource(t, u.source, inner, outer);
  const columns = inner.allColumns();
  const listed = new Set(u.columns.map((c) => c.name.toLowerCase()));
  const others = columns.filter((c) => !listed.has(c.name.toLowerCase()));
  const first = columns.find((c) => listed.has(c.name.toLowerCase()));
  const parts = u.columns.map((c) => {
    const col = columns.find((x) => x.name.toLowerCase() === c.name.toLowerCase());
    if (col === undefined) throw t.state.unsupported(c, `UNPIVOT of ${c.name}, which the source does not have`);
    // its type under the other reading (decimal(38,s)) is not the other columns': SQL Server's 8167 or not
    if (col.precisionDoubt !== undefined) throw t.state.unsupported(c, doubtRefusal(`UNPIVOT of ${c.name}`));
    return `SELECT ${[...others.map((o) => quote(o.name)), `CAST('${c.name.replace(/'/g, "''")}' AS VARCHAR) AS ${quote(u.forColumn.name)}`, `${quote(col.name)} AS ${quote(u.valueColumn.name)}`].join(', ')} FROM ${from} WHERE ${quote(col.name)} IS NOT NULL`;
  });
  const listedTypes = u.columns.map((c) => columns.find((x) => x.name.toLowerCase() === c.name.toLowerCase()) as ColumnType);
  const conflict = unpivotTypeConflict(listedTypes);
  if (conflict !== undefined) throw t.state.unsupported(u.columns[conflict.at] ?? u, conflict.reason);
  const alias = u.alias?.name ?? '__unpivot';
  scope.add(alias, [...others, { name: u.forColumn.name, duckType: 'VARCHAR', family: 'string', tsqlType: makeType('nvarchar', ['128']), unicodeText: true }, { name: u.valueColumn.name, duckType: first?.duckType ?? '', family: first?.family ?? 'unknown', ...(first?.tsqlType === undefined ? {} : { tsqlType: first.tsqlType }) }]);
  return `(${parts.join(' UNION ALL ')}) AS ${quote(alias)}`;
}

const typeText = (c: ColumnType): string | undefined => {
  const ty = c.tsqlType;
  if (ty === undefined) return undefined;
  const size = ty.length !== undefined ? `(${ty.length === -1 ? 'max' : ty.length})` : ty.precision !== undefined ? `(${ty.precision},${ty.scale ?? 0})` : '';
  return `${ty.name.toLowerCase()}${size}`;
};

/**
 * SQL Server requires UNPIVOT's listed columns to have one type, length, precision and scale
 * alike (varchar(25) beside varchar(50), decimal(18,2) beside decimal(18,3): error 8167, where
 * DuckDB's UNION would widen and go on). Which listed column conflicts, and why, when the types
 * differ or cannot be told apart (text of unknown length, a column of no known declared type
 * whose DuckDB type differs); undefined when they are certain to be one type.
 */
function unpivotTypeConflict(listed: readonly ColumnType[]): { at: number; reason: string } | undefined {
  const [first] = listed;
  if (first === undefined) return undefined;
  for (let i = 1; i < listed.length; i++) {
    const c = listed[i] as ColumnType;
    const [a, b] = [typeText(first), typeText(c)];
    if (a !== undefined && b !== undefined) {
      if (a !== b) return { at: i, reason: `UNPIVOT of ${c.name} (${b}) beside ${first.name} (${a}): SQL Server fails the statement with error 8167 (the type of column "${c.name}" conflicts with the type of other columns specified in the UNPIVOT list)` };
      continue;
    }
    // without both declared types only a DuckDB type that fixes precision and scale, or an integer width, tells them alike
    const told = first.family === 'exact' || first.family === 'integer' || first.family === 'approx' || first.family === 'date';
    if (first.duckType === '' || first.duckType !== c.duckType || first.family !== c.family || !told) {
      return { at: i, reason: `UNPIVOT of ${c.name} beside ${first.name}, whose declared types (length, precision, scale) are not both known: SQL Server fails with error 8167 unless they are one type` };
    }
  }
  return undefined;
}
