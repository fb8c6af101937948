import { LegacyError } from '../../core';

/** A T-SQL data type as declared: base name (lower-case) and its length/precision/scale. */
export interface TsqlType {
  readonly kind: 'tsql-type';
  readonly name: string;
  /** char/varchar/nchar/nvarchar/binary/varbinary length; -1 for MAX. */
  readonly length?: number;
  readonly precision?: number;
  readonly scale?: number;
  /** A column's COLLATE clause, only when it compares otherwise than the default (collations.ts). */
  readonly collation?: string;
}

/** The families whose conversion rules differ; used by assignment and by `+`. */
/**
 * `opaque`: geography, geometry, hierarchyid and sql_variant, carried as their text where they are
 * only stored or copied; comparing, ordering or computing with them is refused (opaque-values.ts).
 */
export type TypeFamily = 'integer' | 'bit' | 'exact' | 'approx' | 'string' | 'date' | 'datetime' | 'time' | 'binary' | 'guid' | 'opaque' | 'unknown';

const INTEGER_RANGES: Record<string, readonly [number, number]> = {
  tinyint: [0, 255],
  smallint: [-32768, 32767],
  int: [-2147483648, 2147483647],
  bigint: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
};

/** SQL Server's exact range of each integer type (sequences, order-insensitive sums). */
export const INTEGER_TYPE_BOUNDS: Readonly<Record<string, readonly [bigint, bigint]>> = {
  tinyint: [0n, 255n],
  smallint: [-32768n, 32767n],
  int: [-2147483648n, 2147483647n],
  bigint: [-9223372036854775808n, 9223372036854775807n],
};

/** Parses a type as written in T-SQL (`decimal(18, 2)`, `nvarchar(max)`, `[int]`). */
export function parseTsqlType(text: string): TsqlType {
  const m = /^\s*(?:\[?(?:sys|dbo)\]?\.)?\[?([a-z_][a-z0-9_ ]*?)\]?\s*(?:\(\s*([^)]*)\))?\s*$/i.exec(text);
  if (m === null) throw new LegacyError('LEGACY_TYPE', `cannot read the data type '${text}'`);
  const name = (m[1] ?? '').toLowerCase().replace(/\s+/g, ' ');
  const args = (m[2] ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
  return makeType(name, args);
}

/** Builds a type from a base name and its arguments as written (`max` allowed for lengths). */
export function makeType(name: string, args: readonly string[]): TsqlType {
  const lower = name.toLowerCase();
  const num = (s: string | undefined): number | undefined => (s === undefined ? undefined : s.toLowerCase() === 'max' ? -1 : Number(s));
  if (['char', 'varchar', 'nchar', 'nvarchar', 'binary', 'varbinary'].includes(lower)) {
    // char/binary without a length is 1 in a declaration (30 in CAST; the emulator uses 30 there).
    return { kind: 'tsql-type', name: lower, length: num(args[0]) ?? (lower.startsWith('var') || lower.startsWith('nvar') ? 1 : 1) };
  }
  if (lower === 'decimal' || lower === 'numeric') {
    return { kind: 'tsql-type', name: 'decimal', precision: num(args[0]) ?? 18, scale: num(args[1]) ?? 0 };
  }
  if (lower === 'money') return { kind: 'tsql-type', name: 'money', precision: 19, scale: 4 };
  if (lower === 'smallmoney') return { kind: 'tsql-type', name: 'money', precision: 10, scale: 4 };
  if (lower === 'float') {
    const p = num(args[0]);
    return { kind: 'tsql-type', name: p !== undefined && p <= 24 ? 'real' : 'float' };
  }
  if (lower === 'datetime2' || lower === 'time' || lower === 'datetimeoffset') {
    return { kind: 'tsql-type', name: lower, scale: num(args[0]) ?? 7 };
  }
  if (lower === 'integer') return { kind: 'tsql-type', name: 'int' };
  if (lower === 'character varying') return { kind: 'tsql-type', name: 'varchar', length: num(args[0]) ?? 1 };
  return { kind: 'tsql-type', name: lower };
}

/** Whether a type is money or smallmoney (written with two decimals, kept by CEILING/FLOOR). */
export function isMoney(type: TsqlType | undefined): boolean {
  return type?.name === 'money' || type?.name === 'smallmoney';
}

/** Whether a type holds its text padded with blanks to its length (char(n), nchar(n)). */
export function isBlankPadded(type: TsqlType | undefined): boolean {
  return type?.name === 'char' || type?.name === 'nchar';
}

/** Types the emulator stores and copies but never computes with. */
export const OPAQUE_TYPES: ReadonlySet<string> = new Set(['geography', 'geometry', 'hierarchyid', 'sql_variant']);

/** The family of a type, which decides arithmetic, concatenation and assignment rules. */
export function familyOf(type: TsqlType | undefined): TypeFamily {
  if (type === undefined) return 'unknown';
  const n = type.name;
  if (n in INTEGER_RANGES) return 'integer';
  if (n === 'bit') return 'bit';
  if (n === 'decimal' || n === 'money') return 'exact';
  if (n === 'float' || n === 'real') return 'approx';
  if (['char', 'varchar', 'nchar', 'nvarchar', 'text', 'ntext', 'sysname', 'xml'].includes(n)) return 'string';
  if (n === 'date') return 'date';
  if (['datetime', 'datetime2', 'smalldatetime', 'datetimeoffset'].includes(n)) return 'datetime';
  if (n === 'time') return 'time';
  if (['binary', 'varbinary', 'image', 'rowversion', 'timestamp'].includes(n)) return 'binary';
  if (n === 'uniqueidentifier') return 'guid';
  if (OPAQUE_TYPES.has(n)) return 'opaque';
  return 'unknown';
}

/**
 * The DuckDB column type that holds a T-SQL type without changing its values: money keeps
 * four decimals, datetime keeps milliseconds as TIMESTAMP, strings become VARCHAR (SQL Server
 * pads char(n) with blanks; the emulator pads on write, so values compare the same).
 */
export function toDuckType(type: TsqlType, where?: string): string {
  switch (type.name) {
    case 'tinyint': return 'UTINYINT';
    case 'smallint': return 'SMALLINT';
    case 'int': return 'INTEGER';
    case 'bigint': return 'BIGINT';
    // bit stays numeric (0/1) as in SQL Server, where `flag = 1` and SUM(flag) work.
    case 'bit': return 'TINYINT';
    case 'decimal': return `DECIMAL(${Math.min(type.precision ?? 18, 38)},${type.scale ?? 0})`;
    case 'money': return `DECIMAL(${type.precision ?? 19},4)`;
    case 'float': return 'DOUBLE';
    case 'real': return 'FLOAT';
    case 'date': return 'DATE';
    case 'datetime':
    case 'smalldatetime': return 'TIMESTAMP';
    // datetime2(7) keeps 100 ns over years 1-9999 as its fixed-width text (see date-convert.ts);
    // up to 6 digits, TIMESTAMP's microseconds hold it exactly.
    case 'datetime2': return (type.scale ?? 7) >= 7 ? 'VARCHAR' : 'TIMESTAMP';
    case 'datetimeoffset': return 'TIMESTAMPTZ';
    case 'time': return 'TIME';
    case 'char':
    case 'varchar':
    case 'nchar':
    case 'nvarchar':
    case 'text':
    case 'ntext':
    case 'sysname':
    case 'xml': return 'VARCHAR';
    case 'uniqueidentifier': return 'UUID';
    // Carried as the text SQL Server exports (WKT, '/1/2/'); never computed with.
    case 'geography':
    case 'geometry':
    case 'hierarchyid':
    case 'sql_variant': return 'VARCHAR';
    // rowversion (timestamp) is binary(8), varbinary(8) when nullable: compared as bytes (rowversion.ts).
    case 'rowversion':
    case 'timestamp':
    case 'binary':
    case 'varbinary':
    case 'image': return 'BLOB';
    default:
      throw new LegacyError('LEGACY_UNSUPPORTED', `the emulator does not support the data type ${type.name}${where === undefined ? '' : ` (${where})`}`, {
        hint: 'capture from SQL Server with MIGRATE_MSSQL_URL',
      });
  }
}

/** T-SQL text of a type, for messages and for SQL Server DDL. */
export function formatTsqlType(type: TsqlType): string {
  if (type.length !== undefined) return `${type.name}(${type.length === -1 ? 'max' : type.length})`;
  if (type.name === 'decimal') return `decimal(${type.precision ?? 18},${type.scale ?? 0})`;
  return type.name;
}

/**
 * Converts a value assigned to a variable of `type` the way SQL Server does on SET/SELECT @v:
 * integers truncate toward zero (and overflow is an error), decimals round half away from
 * zero to their scale, strings are cut to their length and char(n) is blank-padded, bit is
 * 0/1. Values are JS numbers/strings/booleans/bigints as DuckDB returns them.
 */
export function convertToType(value: unknown, type: TsqlType): unknown {
  if (value === null || value === undefined) return null;
  const fam = familyOf(type);
  switch (fam) {
    case 'integer': {
      const n = toNumber(value, type);
      const t = Math.trunc(n);
      const range = INTEGER_RANGES[type.name];
      if (range !== undefined && (t < range[0] || t > range[1])) {
        throw new LegacyError('LEGACY_OVERFLOW', `Arithmetic overflow error converting expression to data type ${type.name}.`);
      }
      return type.name === 'bigint' && typeof value === 'bigint' ? value : t;
    }
    case 'bit': {
      if (typeof value === 'boolean') return value ? 1 : 0;
      if (typeof value === 'string') {
        const v = value.trim().toLowerCase();
        if (v === 'true') return 1;
        if (v === 'false') return 0;
      }
      return toNumber(value, type) !== 0 ? 1 : 0;
    }
    case 'exact': return roundHalfAway(toNumber(value, type), type.scale ?? 0);
    case 'approx': return toNumber(value, type);
    case 'string': {
      let s = typeof value === 'string' ? value : stringOf(value);
      const len = type.length;
      if (len !== undefined && len > 0 && s.length > len) s = s.slice(0, len);
      if ((type.name === 'char' || type.name === 'nchar') && len !== undefined && len > 0) s = s.padEnd(len, ' ');
      return s;
    }
    case 'date': return toDateString(value).slice(0, 10);
    case 'datetime': return toDateString(value);
    default: return value;
  }
}

/** Rounds half away from zero at `scale` decimals, as SQL Server's ROUND and decimal conversion do. */
export function roundHalfAway(n: number, scale: number): number {
  const f = 10 ** scale;
  const scaled = Math.abs(n) * f;
  // The epsilon absorbs binary noise such as 2.675 * 100 = 267.49999999999997.
  const r = Math.floor(scaled + 0.5 + 1e-9) / f;
  return n < 0 ? -r : r;
}

function toNumber(value: unknown, type: TsqlType): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string') {
    const n = Number(value.trim());
    if (value.trim() === '' && familyOf(type) === 'integer') return 0;
    if (Number.isFinite(n)) return n;
  }
  throw new LegacyError('LEGACY_CONVERT', `Conversion failed when converting the value '${String(value)}' to data type ${formatTsqlType(type)}.`);
}

function stringOf(value: unknown): string {
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (value instanceof Date) return value.toISOString().replace('T', ' ').replace('Z', '');
  return String(value);
}

function toDateString(value: unknown): string {
  if (value instanceof Date) return value.toISOString().replace('T', ' ').replace('Z', '');
  return String(value).replace('T', ' ');
}
