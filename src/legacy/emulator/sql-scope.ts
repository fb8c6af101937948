import type { ErrorLocation } from '../../core';
import type { TsqlType, TypeFamily } from './tsql-types';

/** A computed column the emulator cannot compute, kept out of DuckDB's table: a read of it is refused (tables/unevaluated-columns.ts). */
export interface UnevaluatedColumn {
  /** The table as written, the construct the expression uses, and file:line:col of it. */
  readonly table: string;
  readonly reason: string;
  readonly where: string;
  readonly location: ErrorLocation | undefined;
}

/** One output or table column as the translator sees it: name, DuckDB type, T-SQL family. */
export interface ColumnType {
  readonly name: string;
  readonly duckType: string;
  readonly family: TypeFamily;
  /** The declared T-SQL type, when known (table columns, variables). */
  readonly tsqlType?: TsqlType;
  /** Text of no known declared type (REPLACE's result put INTO a #temp table) that is nvarchar or not. */
  readonly unicodeText?: boolean;
  /**
   * A column of a case-sensitive or binary collation whose values made of digits only compare,
   * order and group alike under every collation (OPENJSON's `key` of an array): read outside
   * = and <>, a value with other characters stops the statement instead of the whole read.
   */
  readonly digitsReadable?: boolean;
  /** A datetimeoffset column held with its offset: the one offset (minutes) of its rows (offset-combining.ts). */
  readonly offsetMinutes?: number;
  /** A query's column of a decimal POWER: its type under the other reading of the documentation (power-function.ts). */
  readonly precisionDoubt?: string;
  /**
   * A query's column of an integer constant: its digits. A UNION of it beside decimals has another
   * precision when SQL Server types the constant int than as decimal of its digits (set-operation-types.ts).
   */
  readonly integerConstantDigits?: number;
  /**
   * A set operation's decimal column whose precision depends on that typing of an integer
   * constant: its DuckDB type under each reading. Its duckType stays empty, so what depends on
   * the precision refuses, as for a CASE of them.
   */
  readonly constantReadings?: { readonly asInt: string; readonly asDigits: string };
  /** A table's computed column the emulator cannot compute: not in DuckDB's table, refused where read. */
  readonly unevaluated?: UnevaluatedColumn;
}

/**
 * The tables visible to an expression (FROM aliases, the UPDATE target, a subquery's outer
 * query), used to know a column's type: `+` concatenates strings, `/` truncates integers.
 */
/** A FROM item whose columns are named `alias.column` (SqlTranslator.rowSources). */
export interface RowSource {
  readonly alias: string;
  readonly columns: readonly ColumnType[];
  readonly rowid: boolean;
  readonly position?: string;
  /** A table's PRIMARY KEY and UNIQUE constraints' columns (`unique`), and its PRIMARY KEY's alone (`primary`, never NULL). */
  readonly keys?: { readonly unique: readonly (readonly string[])[]; readonly primary: readonly string[] };
}

export class SqlScope {
  private readonly entries = new Map<string, readonly ColumnType[]>();

  constructor(readonly parent: SqlScope | undefined = undefined) {}

  /** Makes `alias` (lower-cased) refer to a table with these columns. */
  add(alias: string, columns: readonly ColumnType[]): void {
    this.entries.set(alias.toLowerCase(), columns);
  }

  /** The column a column reference names (`t.Code`, `Code`; a longer name's last two parts). */
  lookupRef(parts: readonly { readonly name: string }[]): ColumnType | undefined {
    return this.lookup(parts.length >= 2 ? parts[parts.length - 2]?.name : undefined, parts[parts.length - 1]?.name ?? '');
  }

  /** The column named `column`, qualified by `qualifier` when given, searching outward. */
  lookup(qualifier: string | undefined, column: string): ColumnType | undefined {
    const c = column.toLowerCase();
    const chain: SqlScope[] = [];
    for (let s: SqlScope | undefined = this.parent; s !== undefined; s = s.parent) chain.push(s);
    for (const s of [this as SqlScope, ...chain]) {
      if (qualifier !== undefined) {
        const cols = s.entries.get(qualifier.toLowerCase());
        if (cols !== undefined) return cols.find((x) => x.name.toLowerCase() === c);
      } else {
        for (const cols of s.entries.values()) {
          const hit = cols.find((x) => x.name.toLowerCase() === c);
          if (hit !== undefined) return hit;
        }
      }
    }
    return undefined;
  }

  /** Columns of one alias in this scope only (for `t.*`). */
  columnsOf(alias: string): readonly ColumnType[] | undefined {
    return this.entries.get(alias.toLowerCase());
  }

  /** Every column in this scope only, in alias order (for `*`). */
  allColumns(): ColumnType[] {
    return [...this.entries.values()].flat();
  }

  /** The columns `*` (or `alias.*`) stands for in this scope, each with its alias (lower-case). */
  starColumns(alias: string | undefined): { readonly alias: string; readonly column: ColumnType }[] {
    const wanted = alias?.toLowerCase();
    return [...this.entries].filter(([a]) => wanted === undefined || a === wanted).flatMap(([a, cols]) => cols.map((column) => ({ alias: a, column })));
  }
}

const duckFamilies = new Map<string, TypeFamily>();

/** The T-SQL family of a DuckDB type name (kept per name: FETCH INTO asks for every value). */
export function familyOfDuckType(duckType: string): TypeFamily {
  let family = duckFamilies.get(duckType);
  if (family === undefined) {
    if (duckFamilies.size >= 1_000) duckFamilies.clear();
    family = duckFamilyOf(duckType);
    duckFamilies.set(duckType, family);
  }
  return family;
}

function duckFamilyOf(duckType: string): TypeFamily {
  const t = duckType.toUpperCase();
  if (/^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|INT\d*)$/.test(t)) return 'integer';
  if (t.startsWith('DECIMAL')) return 'exact';
  if (t === 'DOUBLE' || t === 'FLOAT' || t === 'REAL') return 'approx';
  if (t === 'VARCHAR' || t.startsWith('VARCHAR')) return 'string';
  if (t === 'DATE') return 'date';
  if (t.startsWith('TIMESTAMP')) return 'datetime';
  if (t === 'TIME') return 'time';
  if (t === 'BLOB') return 'binary';
  if (t === 'UUID') return 'guid';
  if (t === 'BOOLEAN') return 'bit';
  return 'unknown';
}
