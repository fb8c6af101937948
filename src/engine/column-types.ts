import { EngineError } from '../core';

/**
 * The column types a section spec or a transform declares. A small set on purpose: each maps
 * to one DuckDB type and one TypeScript type, and SQL Server spellings are accepted as aliases
 * (see `parseColumnType`). A trailing `?` marks a nullable column.
 */
export type BaseColumnType = 'int' | 'bigint' | 'double' | 'decimal' | 'text' | 'bool' | 'date' | 'timestamp' | 'datetime2' | 'uniqueidentifier';

/** A declared column type as written: `'int'`, `'double?'`, `'decimal(10,2)'`, `'text?'`. */
export type ColumnTypeText = BaseColumnType | `${BaseColumnType}?` | `decimal(${number},${number})` | `decimal(${number},${number})?`;

/** A parsed column type. */
export interface ColumnType {
  readonly kind: 'column-type';
  readonly base: BaseColumnType;
  readonly nullable: boolean;
  /** Precision and scale for decimal; DuckDB's default (18,3) when not given. */
  readonly precision?: number;
  readonly scale?: number;
}

/** TypeScript value type of a base column type. Dates and timestamps are canonical strings. */
export type TsTypeOf<B extends string> =
  B extends 'int' | 'double' | 'decimal' | `decimal(${string})` ? number
    : B extends 'bigint' ? bigint
      : B extends 'text' | 'date' | 'timestamp' | 'datetime2' | 'uniqueidentifier' ? string
        : B extends 'bool' ? boolean
          : never;

/** TypeScript type of a declared column: nullable ones admit `null`. */
export type ValueOf<T extends string> = T extends `${infer B}?` ? TsTypeOf<B> | null : TsTypeOf<T>;

const ALIASES: Readonly<Record<string, BaseColumnType>> = {
  int: 'int', integer: 'int', smallint: 'int', tinyint: 'int',
  bigint: 'bigint',
  double: 'double', float: 'double', real: 'double',
  decimal: 'decimal', dec: 'decimal', numeric: 'decimal', money: 'decimal', smallmoney: 'decimal',
  text: 'text', varchar: 'text', nvarchar: 'text', char: 'text', nchar: 'text', string: 'text', ntext: 'text', sysname: 'text',
  bool: 'bool', boolean: 'bool', bit: 'bool',
  date: 'date',
  timestamp: 'timestamp', datetime: 'timestamp', datetime2: 'datetime2', smalldatetime: 'timestamp',
  uniqueidentifier: 'uniqueidentifier',
};

const TYPE_SYNTAX = /^\s*([A-Za-z][A-Za-z0-9]*)\s*(?:\(\s*(\d+|max)\s*(?:,\s*(\d+)\s*)?\))?\s*(\?)?\s*$/i;

/**
 * Parses a column type as written in a spec header (`DeviceId:int`), a transform declaration
 * or a CREATE TABLE script (`decimal(10,2)`, `nvarchar(50)`, `datetime2`). Returns undefined for
 * a type it does not know, so the caller can report it where it was written.
 */
export function parseColumnType(text: string): ColumnType | undefined {
  const m = TYPE_SYNTAX.exec(text);
  if (!m) return undefined;
  const base = ALIASES[(m[1] as string).toLowerCase()];
  if (!base) return undefined;
  const nullable = m[4] === '?';
  if (base === 'datetime2') {
    // datetime2 and datetime2(7) keep 100 ns, which no DuckDB timestamp holds over years 1-9999
    // (TIMESTAMP keeps 1 µs, TIMESTAMP_NS stops at 2262): they are datetime2 text. datetime2(0)
    // to datetime2(6) are whole microseconds, exactly a TIMESTAMP.
    if (m[3] !== undefined || (m[2] !== undefined && !/^[0-7]$/.test(m[2]))) return undefined;
    return { kind: 'column-type', base: m[2] === undefined || m[2] === '7' ? 'datetime2' : 'timestamp', nullable };
  }
  if (base === 'decimal') {
    // money and smallmoney are SQL Server's fixed-point types with four decimals: decimal(19,4)
    // and decimal(10,4) hold exactly their values (never the bare decimal's scale).
    const fixed = MONEY[(m[1] as string).toLowerCase()];
    if (fixed !== undefined) return m[2] === undefined ? { kind: 'column-type', base, nullable, ...fixed } : undefined;
    const precision = m[2] !== undefined && m[2].toLowerCase() !== 'max' ? Number(m[2]) : 18;
    const scale = m[3] !== undefined ? Number(m[3]) : m[2] !== undefined ? 0 : 3;
    if (precision < 1 || precision > 38 || scale > precision) return undefined;
    return { kind: 'column-type', base, nullable, precision, scale };
  }
  return { kind: 'column-type', base, nullable };
}

const MONEY: Readonly<Record<string, { precision: number; scale: number }>> = { money: { precision: 19, scale: 4 }, smallmoney: { precision: 10, scale: 4 } };

/**
 * The column type of a data type as SQL Server reads it (a CREATE TABLE column, a parameter, a
 * DECLARE): like parseColumnType, except that `decimal`/`numeric` without a precision is
 * SQL Server's decimal(18,0), where a spec's bare `decimal` means DuckDB's (18,3).
 */
export function parseSqlServerColumnType(text: string): ColumnType | undefined {
  const t = parseColumnType(text);
  if (t?.base === 'decimal' && /^\s*(?:decimal|numeric|dec)\s*\??\s*$/i.test(text)) return { ...t, precision: 18, scale: 0 };
  return t;
}

/** Like parseColumnType, but throws an EngineError naming the column for an unknown type. */
export function requireColumnType(column: string, text: string): ColumnType {
  const t = parseColumnType(text);
  if (!t) {
    throw new EngineError('ENGINE_COLUMN_TYPE', `column ${column}: unknown type '${text}'`, {
      hint: `use one of ${Object.keys(ALIASES).join(', ')}, optionally followed by ? for a nullable column`,
    });
  }
  return t;
}

/** The DuckDB type a column type is stored as. */
export function duckdbTypeOf(t: ColumnType): string {
  switch (t.base) {
    case 'int': return 'INTEGER';
    case 'bigint': return 'BIGINT';
    case 'double': return 'DOUBLE';
    case 'decimal': return `DECIMAL(${t.precision ?? 18},${t.scale ?? 3})`;
    case 'text': return 'VARCHAR';
    case 'bool': return 'BOOLEAN';
    case 'date': return 'DATE';
    case 'timestamp': return 'TIMESTAMP';
    // the fixed-width text `YYYY-MM-DD hh:mm:ss.fffffff` (datetime2-text.ts): exact, and it
    // orders and compares as the value does
    case 'datetime2': return 'VARCHAR';
    // SQL Server's 16 bytes: DuckDB's UUID compares and joins the value, whatever case its text
    case 'uniqueidentifier': return 'UUID';
  }
}

/** The spelling of a column type in a spec or a generated transform (`decimal(10,2)?`). */
export function formatColumnType(t: ColumnType): string {
  const base = t.base === 'decimal' ? `decimal(${t.precision ?? 18},${t.scale ?? 3})` : t.base;
  return t.nullable ? `${base}?` : base;
}

/**
 * Whether a DuckDB result type is what a declared column promises. Integer widths that fit
 * (SMALLINT into int) are accepted; anything that would change values (DOUBLE for int,
 * VARCHAR for date) is not.
 */
export function isDuckdbTypeCompatible(t: ColumnType, duckType: string): boolean {
  const d = duckType.toUpperCase();
  switch (t.base) {
    case 'int': return ['INTEGER', 'SMALLINT', 'TINYINT', 'UTINYINT', 'USMALLINT'].includes(d);
    case 'bigint': return ['BIGINT', 'INTEGER', 'SMALLINT', 'TINYINT', 'UINTEGER', 'HUGEINT'].includes(d);
    case 'double': return ['DOUBLE', 'FLOAT'].includes(d);
    case 'decimal': return d === duckdbTypeOf(t) || (d.startsWith('DECIMAL(') && d.endsWith(`,${t.scale ?? 3})`));
    case 'text': return d === 'VARCHAR';
    case 'bool': return d === 'BOOLEAN';
    case 'date': return d === 'DATE';
    case 'timestamp': return d === 'TIMESTAMP' || d === 'TIMESTAMP_NS' || d === 'TIMESTAMP_MS';
    // the text's form is checked on the values (checkOutputSchema), not on the type
    case 'datetime2': return d === 'VARCHAR';
    case 'uniqueidentifier': return d === 'UUID';
  }
}
