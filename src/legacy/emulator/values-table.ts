import type { ValuesTable } from '../../tsql';
import { quote, type SqlFragment, type SqlTranslator } from './expressions';
import { SqlScope, type ColumnType } from './sql-scope';
import { makeType } from './tsql-types';
import { offsetOfBranches } from './dates/offset-combining';
import { branchesDoubt, pastPrecision38UnderOtherReading } from './power-function';

/*
 * A table value constructor as a row source: `(VALUES (1, 0.5), (2, 0.25)) AS v(id, rate)`. SQL
 * Server types each column as all its rows' values together, by data type precedence (the Table
 * Value Constructor page), as UNION does: decimal(2,1) beside decimal(3,2) is decimal(3,2), an int
 * beside a decimal(2,1) decimal(11,1). Typing the column as its first row's value read 0.25 as a
 * decimal(2,1), 0.3, where arithmetic cast it back to the column's type. Text keeps its longest
 * length (nvarchar when any value is). Other mixes (text beside a date, money beside a decimal)
 * convert by rules the emulator does not reproduce here and are refused.
 */

const INTEGER_DIGITS: Readonly<Record<string, number>> = { TINYINT: 3, SMALLINT: 5, INTEGER: 10, BIGINT: 19 };

/** `(VALUES …) AS alias(columns)` as DuckDB SQL, its columns added to `scope` typed across the rows. */
export function translateValuesTable(t: SqlTranslator, source: ValuesTable, scope: SqlScope, outer: SqlScope | undefined): string {
  const width = source.columns.length;
  if (source.rows.some((r) => r.length !== width)) throw t.state.unsupported(source, 'a VALUES table whose rows do not have one value per column of its alias (SQL Server does not compile it)');
  const rows = source.rows.map((r) => r.map((e) => t.expr(e, outer ?? new SqlScope())));
  const cells: string[][] = rows.map(() => []);
  const columns: ColumnType[] = source.columns.map((c, i) => {
    const values = rows.map((r) => r[i]).filter((v): v is SqlFragment => v !== undefined);
    const type = columnType(values);
    if (type === undefined) throw t.state.unsupported(source.rows[0]?.[i] ?? source, `a VALUES column whose rows hold values of different types (${[...new Set(values.map(describe))].join(', ')}: SQL Server converts them by data type precedence)`);
    values.forEach((v, r) => cells[r]?.push(type.cast && !isNull(v) && v.duckType !== type.duckType ? `CAST(${v.sql} AS ${type.duckType})` : v.sql));
    // datetimeoffset values held with their offset: one offset down the column, or refused (offset-combining.ts)
    const atOffset = offsetOfBranches(t, source.rows[0]?.[i] ?? source, 'a VALUES column', values);
    const past38 = pastPrecision38UnderOtherReading('a VALUES column', values);
    if (past38 !== undefined) throw t.state.unsupported(source.rows[0]?.[i] ?? source, past38);
    // a decimal POWER among the values: the column's type under the other reading too (power-function.ts)
    return { name: c.name, duckType: type.duckType, family: type.family, ...(type.tsqlType === undefined ? {} : { tsqlType: type.tsqlType }), ...(atOffset.offsetMinutes === undefined ? {} : { offsetMinutes: atOffset.offsetMinutes }), ...branchesDoubt(values).doubt };
  });
  const alias = source.alias?.name ?? '__values';
  scope.add(alias, columns);
  return `(VALUES ${cells.map((r) => `(${r.join(', ')})`).join(', ')}) AS ${quote(alias)}(${source.columns.map((c) => quote(c.name)).join(', ')})`;
}

interface ValuesColumnType extends Omit<ColumnType, 'name'> {
  /** Whether values of another DuckDB type are cast to it (numbers widened to the common decimal). */
  readonly cast: boolean;
}

function isNull(v: SqlFragment): boolean {
  return v.sql === 'NULL';
}

function describe(v: SqlFragment): string {
  return v.tsqlType?.name ?? v.duckType ?? v.family;
}

/** The column's type across its values, or undefined when they mix types SQL Server converts otherwise. */
function columnType(all: readonly SqlFragment[]): ValuesColumnType | undefined {
  const values = all.filter((v) => !isNull(v));
  const first = values[0] ?? all[0];
  if (first === undefined) return { duckType: '', family: 'unknown', cast: false };
  if (values.every((v) => v.family === 'string')) {
    // varchar(n) beside varchar(m) is varchar(max(n, m)); nvarchar when any is.
    const lengths = values.map((v) => v.tsqlType?.length);
    const unicode = values.some((v) => v.tsqlType?.name === 'nvarchar' || v.tsqlType?.name === 'nchar');
    const known = lengths.every((l): l is number => l !== undefined);
    const length = !known ? undefined : lengths.includes(-1) ? 'max' : String(Math.max(...lengths));
    return { duckType: 'VARCHAR', family: 'string', cast: false, ...(length === undefined ? {} : { tsqlType: makeType(unicode ? 'nvarchar' : 'varchar', [length]) }) };
  }
  if (values.every((v) => v.duckType === first.duckType && v.family === first.family && v.tsqlType?.name === first.tsqlType?.name)) {
    return { duckType: first.duckType ?? '', family: first.family, cast: false, ...(first.tsqlType === undefined ? {} : { tsqlType: first.tsqlType }) };
  }
  // Numbers: integers widen to the largest integer type; with a decimal, decimal(p, s) with
  // s the largest scale and p - s the largest integer digits (an int counts 10 of them).
  const shapes = values.map((v) => (v.tsqlType?.name === 'money' || v.tsqlType?.name === 'smallmoney' ? undefined : numberShape(v.duckType)));
  if (shapes.some((s) => s === undefined)) return undefined;
  const known = shapes as { digits: number; scale: number; integer?: string }[];
  if (known.every((s) => s.integer !== undefined)) {
    const widest = known.reduce((a, b) => (b.digits > a.digits ? b : a));
    return { duckType: widest.integer as string, family: 'integer', cast: true };
  }
  const scale = Math.max(...known.map((s) => s.scale));
  const precision = Math.max(...known.map((s) => s.digits - s.scale)) + scale;
  if (precision > 38) return undefined;
  return { duckType: `DECIMAL(${precision},${scale})`, family: 'exact', cast: true, tsqlType: makeType('decimal', [String(precision), String(scale)]) };
}

function numberShape(duckType: string | undefined): { digits: number; scale: number; integer?: string } | undefined {
  const upper = (duckType ?? '').toUpperCase();
  const digits = INTEGER_DIGITS[upper];
  if (digits !== undefined) return { digits, scale: 0, integer: upper };
  const m = /^DECIMAL\((\d+),\s*(\d+)\)$/.exec(upper);
  return m === null ? undefined : { digits: Number(m[1]), scale: Number(m[2]) };
}
