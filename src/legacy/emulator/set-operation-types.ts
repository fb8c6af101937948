import type { Node } from '../../tsql';
import type { ColumnType } from './sql-scope';
import type { EmulatorState } from './state';
import { quote, type SqlFragment, type SqlTranslator } from './expressions';
import { convertSql } from './conversions';
import { branchesDoubt, pastPrecision38UnderOtherReading } from './power-function';
import { familyOf, isBlankPadded, makeType, toDuckType, type TsqlType } from './tsql-types';

/*
 * The column types of a UNION / INTERSECT / EXCEPT. SQL Server types each column from both sides
 * by data type precedence (the UNION page), the values of the lower type converted to the
 * higher: int beside bigint is bigint, a decimal beside a float float, date beside datetime
 * datetime, varchar beside nvarchar nvarchar. decimal(p1,s1) beside decimal(p2,s2) is
 * decimal(max(s1,s2) + max(p1-s1, p2-s2), max(s1,s2)) (the precision-and-scale page), an
 * integer counting as decimal of its digits (int 10, bigint 19), money as decimal(19,4); text of
 * one kind takes the longer length. Typing the column as its left side's read decimal(5,4) beside
 * decimal(10,2) as decimal(5,4), so `@a / x` kept 8 decimals where SQL Server keeps 15, and a
 * date beside a datetime lost its time in CONVERT. Each side's values are converted to the
 * column's type where it differs (DuckDB would pick its own common type), and what the
 * documentation leaves open is refused: a decimal past precision 38, datetime2 or time of two
 * fractional precisions, bit or text beside a decimal, other mixes of families.
 */

/** A set operation's columns and each side's SQL, its values converted to the column types. */
export interface AlignedSetOperation {
  readonly columns: ColumnType[];
  readonly left: string;
  readonly right: string;
}

type NumberKind = 'bit' | 'tinyint' | 'smallint' | 'int' | 'bigint' | 'smallmoney' | 'money' | 'decimal' | 'real' | 'float';

/** Data type precedence among the numbers, lowest first. */
const NUMBER_RANK: readonly NumberKind[] = ['bit', 'tinyint', 'smallint', 'int', 'bigint', 'smallmoney', 'money', 'decimal', 'real', 'float'];

/** A side's number type: kind, and the precision and scale it has as a decimal. */
interface NumberType { readonly kind: NumberKind; readonly p: number; readonly s: number }

const INTEGER_DUCK: Readonly<Record<string, NumberType>> = {
  UTINYINT: { kind: 'tinyint', p: 3, s: 0 }, SMALLINT: { kind: 'smallint', p: 5, s: 0 },
  INTEGER: { kind: 'int', p: 10, s: 0 }, BIGINT: { kind: 'bigint', p: 19, s: 0 },
};

/** Date/time types by precedence, lowest first (datetimeoffset, held with its offset, is refused mixed). */
const TEMPORAL_RANK: readonly string[] = ['time', 'date', 'smalldatetime', 'datetime', 'datetime2'];

/** Text types by precedence, lowest first. */
const TEXT_RANK: readonly string[] = ['char', 'varchar', 'nchar', 'nvarchar'];

/** Types a text side converts to by precedence, as CAST converts it (fixed precision and scale). */
const FROM_TEXT: ReadonlySet<string> = new Set(['tinyint', 'smallint', 'int', 'bigint', 'money', 'smallmoney', 'float', 'real', 'date', 'datetime', 'smalldatetime']);

/** The column types of `left op right` and both sides' SQL with their values converted to them. */
export function alignSetOperation(t: SqlTranslator, node: Pick<Node, 'span'>, operator: string, left: { sql: string; columns: readonly ColumnType[] }, right: { sql: string; columns: readonly ColumnType[] }): AlignedSetOperation {
  const refuse = (i: number, why: string): never => {
    throw t.state.unsupported(node, `${operator} of column ${i + 1} as ${describe(left.columns[i])} on one side and ${describe(right.columns[i])} on the other (${why})`);
  };
  const columns = left.columns.map((l, i) => {
    const r = right.columns[i];
    if (r === undefined) return l;
    const column = columnType(l, r, (why) => refuse(i, why));
    const past38 = pastPrecision38UnderOtherReading(operator, [l, r].map((c) => ({ ...c, sql: '' })));
    if (past38 !== undefined) refuse(i, past38);
    return withDoubt(column, l, r);
  });
  // The values are converted to the column's type; one of unknown precision is published without it.
  const published = columns.map((c) => (c.constantReadings === undefined ? c : { name: c.name, duckType: '', family: c.family, constantReadings: c.constantReadings }));
  return { columns: published, left: converted(t, left.sql, left.columns, columns, 'l'), right: converted(t, right.sql, right.columns, columns, 'r') };
}

/** A side's SQL with each column whose type differs from the set operation's converted to it. */
function converted(t: SqlTranslator, sql: string, side: readonly ColumnType[], target: readonly ColumnType[], alias: string): string {
  const changes = side.map((c, i) => {
    const to = target[i];
    return to === undefined || !needsConversion(c, to) ? undefined : to;
  });
  if (changes.every((c) => c === undefined)) return sql;
  const inner = side.map((_, i) => `c${i}`);
  const items = side.map((c, i) => {
    const to = changes[i];
    const value = `${quote(`__${alias}`)}.c${i}`;
    const name = quote(target[i]?.name ?? c.name);
    if (to === undefined || to.tsqlType === undefined) return `${value} AS ${name}`;
    const from: SqlFragment = { sql: value, family: c.family, duckType: c.duckType, tsqlType: c.tsqlType };
    return `${convertSql(from, to.tsqlType, false, t.state.dateFormat).sql} AS ${name}`;
  });
  return `(SELECT ${items.join(', ')} FROM (${sql}) AS ${quote(`__${alias}`)}(${inner.join(', ')}))`;
}

/** Whether a side's values must be converted to the column's type (its DuckDB type, or char padding, differ). */
function needsConversion(side: ColumnType, to: ColumnType): boolean {
  if (to.tsqlType === undefined || side.family === 'unknown') return false;
  if (to.family === 'string') return side.family !== 'string' || (isBlankPadded(to.tsqlType) && (side.tsqlType?.name !== to.tsqlType.name || side.tsqlType.length !== to.tsqlType.length));
  return side.duckType.replace(/\s/g, '').toUpperCase() !== to.duckType.replace(/\s/g, '').toUpperCase() || side.family !== to.family;
}

function describe(c: ColumnType | undefined): string {
  if (c === undefined) return 'nothing';
  const tt = c.tsqlType;
  if (tt === undefined) return c.duckType === '' ? c.family : c.duckType.toLowerCase();
  if (tt.name === 'decimal') return `decimal(${tt.precision ?? 18},${tt.scale ?? 0})`;
  return tt.length === undefined ? tt.name : `${tt.name}(${tt.length === -1 ? 'max' : tt.length})`;
}

/** The column's type from both sides, or `refuse` with why SQL Server's is not certain. */
function columnType(l: ColumnType, r: ColumnType, refuse: (why: string) => never): ColumnType {
  // NULL (no type) takes the other side's; a side of unknown type leaves the column as before.
  if (r.family === 'unknown' || l.family === 'unknown' || sameType(l, r)) return l;
  if (l.family === 'string' && r.family === 'string') return textColumn(l, r);
  const ln = numberOf(l);
  const rn = numberOf(r);
  if (ln !== undefined && rn !== undefined) return numberColumn(l, r, ln, rn, refuse);
  const lt = temporalName(l);
  const rt = temporalName(r);
  if (lt !== undefined && rt !== undefined) return temporalColumn(l, r, refuse);
  if (l.family === 'binary' && r.family === 'binary') return binaryColumn(l, r, refuse);
  // Text beside a number or a date: the text converts to the other type, as CAST converts it.
  const [text, other] = l.family === 'string' ? [l, r] : r.family === 'string' ? [r, l] : [undefined, undefined];
  if (text !== undefined && other !== undefined) {
    const type = other.tsqlType ?? numberTypeOf(other);
    if (type !== undefined && FROM_TEXT.has(type.name)) return typed(l.name, type);
    return refuse('the type SQL Server converts the text to there is not certain');
  }
  return refuse('the emulator converts only numbers, dates and text to one type here');
}

function sameType(l: ColumnType, r: ColumnType): boolean {
  return l.family === r.family && l.duckType === r.duckType && l.tsqlType?.name === r.tsqlType?.name && l.tsqlType?.scale === r.tsqlType?.scale && l.tsqlType?.length === r.tsqlType?.length;
}

/** A column named `name` of the T-SQL type `type`. */
function typed(name: string, type: TsqlType): ColumnType {
  return { name, duckType: toDuckType(type), family: familyOf(type), tsqlType: type };
}

function numberOf(c: ColumnType): NumberType | undefined {
  if (c.family === 'bit') return { kind: 'bit', p: 1, s: 0 };
  if (c.family !== 'integer' && c.family !== 'exact' && c.family !== 'approx') return undefined;
  if (c.tsqlType?.name === 'money' || c.tsqlType?.name === 'smallmoney') {
    return c.tsqlType.name === 'smallmoney' || c.tsqlType.precision === 10 ? { kind: 'smallmoney', p: 10, s: 4 } : { kind: 'money', p: 19, s: 4 };
  }
  const duck = (c.constantReadings?.asInt ?? c.duckType).replace(/\s/g, '').toUpperCase();
  if (c.family === 'approx') return duck === 'FLOAT' || c.tsqlType?.name === 'real' ? { kind: 'real', p: 24, s: 0 } : duck === 'DOUBLE' ? { kind: 'float', p: 53, s: 0 } : undefined;
  const integer = INTEGER_DUCK[duck];
  if (integer !== undefined) return integer;
  const m = /^DECIMAL\((\d+),(\d+)\)$/.exec(duck);
  return m === null ? undefined : { kind: 'decimal', p: Number(m[1]), s: Number(m[2]) };
}

function numberTypeOf(c: ColumnType): TsqlType | undefined {
  const n = numberOf(c);
  return n === undefined ? undefined : numberType(n);
}

function numberType(n: NumberType): TsqlType {
  return n.kind === 'decimal' ? makeType('decimal', [String(n.p), String(n.s)]) : makeType(n.kind, []);
}

/** Numbers: the type of highest precedence; decimals by the union rule of the precision-and-scale page. */
function numberColumn(l: ColumnType, r: ColumnType, ln: NumberType, rn: NumberType, refuse: (why: string) => never): ColumnType {
  const top = NUMBER_RANK[Math.max(NUMBER_RANK.indexOf(ln.kind), NUMBER_RANK.indexOf(rn.kind))] as NumberKind;
  if (top !== 'decimal') {
    const column = ln.kind === rn.kind ? l : typed(l.name, numberType({ kind: top, p: 0, s: 0 }));
    return integerConstants(column, l, r);
  }
  if (ln.kind === 'bit' || rn.kind === 'bit') return refuse('which decimal a bit converts to there is not documented');
  const union = (a: NumberType, b: NumberType): NumberType => {
    const s = Math.max(a.s, b.s);
    return { kind: 'decimal', p: s + Math.max(a.p - a.s, b.p - b.s), s };
  };
  const result = union(ln, rn);
  if (result.p > 38) return refuse(`decimal(${result.p},${result.s}) is past precision 38, and how SQL Server cuts a UNION's scale then is not documented; CAST the columns to the decimal type meant`);
  // An integer constant is an int, or, as in decimal arithmetic, decimal of its digits: where the
  // two readings give other precisions (never another scale), the column's precision is unknown
  // (constantReadings), as a CASE of them is (decimal-arithmetic.ts); its values are the same.
  const asDigits = union(digitsReading(l) ?? ln, digitsReading(r) ?? rn);
  if (asDigits.p !== result.p) return { ...typed(l.name, numberType(result)), constantReadings: { asInt: duckDecimal(result), asDigits: duckDecimal(asDigits) } };
  if (ln.kind === 'decimal' && ln.p === result.p && ln.s === result.s && l.tsqlType?.name !== 'money' && l.constantReadings === undefined) return l;
  return typed(l.name, numberType(result));
}

function duckDecimal(n: NumberType): string {
  return `DECIMAL(${n.p},${n.s})`;
}

/** A side's type if SQL Server types its integer constants as decimal of their digits (undefined: as it is). */
function digitsReading(c: ColumnType): NumberType | undefined {
  if (c.integerConstantDigits !== undefined) return { kind: 'decimal', p: c.integerConstantDigits, s: 0 };
  return c.constantReadings === undefined ? undefined : numberOf({ ...c, duckType: c.constantReadings.asDigits, constantReadings: undefined });
}

/** An integer column of integer constants on both sides keeps the most digits of them, for a UNION above it. */
function integerConstants(column: ColumnType, l: ColumnType, r: ColumnType): ColumnType {
  const { integerConstantDigits: _digits, ...rest } = column;
  if (l.integerConstantDigits === undefined || r.integerConstantDigits === undefined || column.family !== 'integer') return rest;
  return { ...rest, integerConstantDigits: Math.max(l.integerConstantDigits, r.integerConstantDigits) };
}

function temporalName(c: ColumnType): string | undefined {
  if (c.family !== 'date' && c.family !== 'datetime' && c.family !== 'time') return undefined;
  return c.tsqlType?.name ?? '';
}

/** Dates and times: the type of highest precedence; fractional precisions must agree. */
function temporalColumn(l: ColumnType, r: ColumnType, refuse: (why: string) => never): ColumnType {
  if (sameType(l, r)) return l;
  const a = l.tsqlType;
  const b = r.tsqlType;
  if (a === undefined || b === undefined) return refuse('the date/time type of a side is not known');
  if (a.name === 'datetimeoffset' || b.name === 'datetimeoffset') return refuse('a datetimeoffset beside another date/time type: the emulator holds its offset apart');
  const ra = TEMPORAL_RANK.indexOf(a.name);
  const rb = TEMPORAL_RANK.indexOf(b.name);
  if (ra < 0 || rb < 0) return refuse('the emulator does not convert these date/time types to one');
  if ((a.name === 'time') !== (b.name === 'time')) return refuse('time beside a date: SQL Server converts only some of them (error 206 for date), which the emulator does not reproduce');
  if (a.name === b.name) return refuse('the fractional precision SQL Server gives two of them is not documented; CAST the columns to the type meant');
  const top = ra > rb ? a : b;
  const other = ra > rb ? b : a;
  if (top.name === 'datetime2' && (other.name === 'datetime' || other.name === 'smalldatetime')) return refuse(`${other.name} beside datetime2: how SQL Server rounds its ticks to the datetime2's precision there is not documented`);
  return top === a ? l : typed(l.name, top);
}

/**
 * Text: nvarchar beside varchar is nvarchar, varchar beside char varchar (data type precedence),
 * of the longer length (MAX if either is; the precision-and-scale page). A side whose declared
 * type is not known (a function's result) leaves the column without one: what depends on it
 * refuses rather than take the left side's.
 */
function textColumn(l: ColumnType, r: ColumnType): ColumnType {
  const a = l.tsqlType;
  const b = r.tsqlType;
  if (a === undefined) return l;
  if (b === undefined) return { ...l, tsqlType: undefined };
  const ra = TEXT_RANK.indexOf(a.name);
  const rb = TEXT_RANK.indexOf(b.name);
  if (ra < 0 || rb < 0) return a.name === b.name ? l : { ...l, tsqlType: undefined };
  const length = a.length === -1 || b.length === -1 ? -1 : Math.max(a.length ?? 1, b.length ?? 1);
  const top = ra >= rb ? a : b;
  if (top === a && length === a.length) return l;
  // A collation on either side stays on the column, so what reads it refuses as for the side's.
  const collation = a.collation ?? b.collation;
  return { ...l, tsqlType: { ...top, length, ...(collation === undefined ? {} : { collation }) } };
}

/** varbinary beside varbinary: the longer length; binary(n), zero-padded to its length, is refused mixed. */
function binaryColumn(l: ColumnType, r: ColumnType, refuse: (why: string) => never): ColumnType {
  const a = l.tsqlType;
  const b = r.tsqlType;
  if (a?.name !== 'varbinary' || b?.name !== 'varbinary') return refuse('the emulator converts only varbinary beside varbinary here');
  return a.length === -1 || (b.length !== -1 && (a.length ?? 1) >= (b.length ?? 1)) ? l : { ...l, tsqlType: { ...a, length: b.length } };
}

/**
 * A column with a decimal POWER on either side: the union of both sides' types under the other
 * reading of POWER's type (power-function.ts), as CASE has it.
 */
function withDoubt(column: ColumnType, l: ColumnType, r: ColumnType): ColumnType {
  if (l.precisionDoubt === undefined && r.precisionDoubt === undefined) return column;
  const { precisionDoubt: _left, ...rest } = column;
  return { ...rest, ...branchesDoubt([l, r].map((c) => ({ ...c, sql: '' }))).doubt };
}

/**
 * SELECT … INTO a decimal column of unknown precision: one whose precision depends on how SQL
 * Server types an integer constant (constantReadings), or read from such a column (a derived
 * table's, where only its empty type is left). DuckDB's own type would be a guess of the new
 * column's type, which later arithmetic reads.
 */
export function refuseUnknownPrecision(state: EmulatorState, node: Pick<Node, 'span'>, columns: readonly ColumnType[]): void {
  const c = columns.find((x) => x.constantReadings !== undefined || (x.family === 'exact' && x.duckType === '' && x.tsqlType === undefined));
  if (c === undefined) return;
  const readings = c.constantReadings === undefined ? '' : ` (${c.constantReadings.asInt.toLowerCase()} if SQL Server types an integer constant of it int, ${c.constantReadings.asDigits.toLowerCase()} if as decimal of its digits, and the documentation does not say which)`;
  throw state.unsupported(node, `SELECT … INTO the column ${c.name}, a decimal of unknown precision${readings}: CAST it to the decimal type meant`);
}
