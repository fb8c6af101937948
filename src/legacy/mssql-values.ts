import { LegacyError } from '../core';

/*
 * The SQL Server driver (tedious, under mssql) reads decimal, numeric and money values as
 * JavaScript numbers (15-17 significant digits: a decimal(19,4) total of 123456789012345.1234
 * arrives as 123456789012345.12) and datetime2, time and datetimeoffset as Dates (whole
 * milliseconds, the 100 ns digits apart in a `nanosecondsDelta`). A capture writes baselines the
 * new pipeline is held to, so it reads every value exactly or refuses:
 * - tables the procedure writes are read with those columns converted to text on the server
 *   (outputTableQuery), which is exact at any size;
 * - result sets, whose query is the procedure's, are made exact from the driver's values where
 *   that loses nothing (exactRows), and refused, naming the column and value, where it might.
 */

/** A column of a table as sys.columns describes it. */
export interface ServerColumn {
  readonly name: string;
  /** The system type's name (an alias type's base type): `decimal`, `datetime2`, … */
  readonly type: string;
  readonly precision: number;
  readonly scale: number;
}

/** The catalog query that lists a table's columns for outputTableQuery (parameter @t: the table's name). */
export const SERVER_COLUMNS_SQL = `SELECT c.name, TYPE_NAME(c.system_type_id) AS type, c.precision, c.scale
  FROM sys.columns c WHERE c.object_id = OBJECT_ID(@t) ORDER BY c.column_id`;

/** A column's SELECT item: exact text for the types the driver would round, the column itself otherwise. */
function exactItem(c: ServerColumn, quote: (name: string) => string): string {
  const q = quote(c.name);
  const type = c.type.toLowerCase();
  // money's default style writes 2 decimals; style 2 writes all 4
  if (type === 'money' || type === 'smallmoney') return `CONVERT(varchar(64), ${q}, 2) AS ${q}`;
  if (type === 'decimal' || type === 'numeric') return `CONVERT(varchar(64), ${q}) AS ${q}`;
  // style 121 keeps every fraction digit of the type
  if (type === 'datetime2' || type === 'time') return `CONVERT(varchar(64), ${q}, 121) AS ${q}`;
  // a datetimeoffset as its UTC instant (SWITCHOFFSET, then datetime2 keeps the time and drops the
  // offset), written `…+00:00` (DuckDB reads no blank before an offset)
  if (type === 'datetimeoffset') return `CONVERT(varchar(64), CONVERT(datetime2(7), SWITCHOFFSET(${q}, '+00:00')), 121) + '+00:00' AS ${q}`;
  return q;
}

/** The query that reads an output table with every value exact (see the top of this file). */
export function outputTableQuery(table: string, columns: readonly ServerColumn[], quote: (name: string) => string): string {
  return columns.length === 0 ? `SELECT * FROM ${table}` : `SELECT ${columns.map((c) => exactItem(c, quote)).join(', ')} FROM ${table}`;
}

/** A recordset column's metadata as node-mssql gives it. */
export interface DriverColumn {
  readonly type?: { readonly declaration?: string } | ((...args: never[]) => unknown);
  readonly precision?: number;
  readonly scale?: number;
}

function declarationOf(c: DriverColumn | undefined): string {
  const t = c?.type as { declaration?: unknown } | undefined;
  return typeof t?.declaration === 'string' ? t.declaration.toLowerCase() : '';
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** A Date of the driver with its 100 ns digits as `scale` fraction digits (UTC, as the driver reads them). */
function fractionOf(d: Date, scale: number): string {
  const delta = (d as Date & { nanosecondsDelta?: number }).nanosecondsDelta ?? 0;
  const ticks = d.getUTCMilliseconds() * 10_000 + Math.round(delta * 1e7);
  return scale <= 0 ? '' : `.${String(ticks).padStart(7, '0').slice(0, Math.min(scale, 7))}`;
}

/**
 * A result set's rows with each decimal, numeric, money, datetime2, time and datetimeoffset value
 * as its exact text; a number the driver may have rounded (more than 15 significant digits) is
 * refused with the column, the value and what to do. `where` names the result set in messages.
 */
export function exactRows(rows: readonly Record<string, unknown>[], columns: Readonly<Record<string, DriverColumn>>, where: string): Record<string, unknown>[] {
  const plan = Object.entries(columns).flatMap(([name, c]) => {
    const type = declarationOf(c);
    const scale = type === 'money' || type === 'smallmoney' ? 4 : c.scale ?? 0;
    return ['decimal', 'numeric', 'money', 'smallmoney', 'datetime2', 'time', 'datetimeoffset'].includes(type) ? [{ name, type, scale, precision: c.precision ?? 0 }] : [];
  });
  if (plan.length === 0) return rows.map((r) => ({ ...r }));
  return rows.map((r) => {
    const out: Record<string, unknown> = { ...r };
    for (const { name, type, scale, precision } of plan) {
      const v = r[name];
      if (typeof v === 'number') {
        // Within 15 significant digits the double is the nearest to one decimal only: toFixed gives it back.
        if (Math.abs(v) < 10 ** (15 - scale)) out[name] = v.toFixed(scale);
        else {
          const declared = type === 'money' || type === 'smallmoney' ? type : `${type}(${precision},${scale})`;
          throw new LegacyError('MSSQL_PRECISION', `${where}: column ${name} (${declared}) holds ${v}, which the SQL Server driver reads as a JavaScript number (15-17 significant digits): the captured value could be rounded`, {
            hint: `return it as text from the procedure (CONVERT(varchar(64), ${name})), or write it to a table the capture reads (tables are read as exact text)`,
          });
        }
      } else if (v instanceof Date) {
        const day = `${pad(v.getUTCFullYear(), 4)}-${pad(v.getUTCMonth() + 1)}-${pad(v.getUTCDate())}`;
        const time = `${pad(v.getUTCHours())}:${pad(v.getUTCMinutes())}:${pad(v.getUTCSeconds())}${fractionOf(v, scale)}`;
        // a datetimeoffset arrives as its UTC instant (the driver drops the offset): written so
        out[name] = type === 'time' ? time : type === 'datetimeoffset' ? `${day} ${time}+00:00` : `${day} ${time}`;
      }
    }
    return out;
  });
}
