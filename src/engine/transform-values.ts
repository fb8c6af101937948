import type { ColumnType } from './column-types';
import { parseDatetime2Text } from './datetime2-text';

/** The outcome of reading one value: the typed value, or why it does not fit its column. */
export type ValueParse = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly reason: string };

const INT_RE = /^[-+]?\d+$/;
const NUM_RE = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
// SQL Server writes datetime2(7) with 7 fraction digits (`.1230000`); more than 6 significant ones are refused below
const GUID_RE = /^\{?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\}?$/i;
const TS_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?$/;

/**
 * Reads a value written as text (a spec cell, a CSV field) as the declared type. `NULL` is the
 * null marker; an empty cell is an empty string for text and null for nullable non-text
 * columns. Dates and timestamps come back in the canonical form DuckDB prints
 * (`2024-01-02`, `2024-01-02 03:04:05[.123]`), so values compare as strings.
 */
export function parseValueText(t: ColumnType, raw: string): ValueParse {
  const text = raw.trim();
  if (text === 'NULL' || (text === '' && t.base !== 'text')) {
    return t.nullable ? { ok: true, value: null } : { ok: false, reason: `NULL in a column that is not nullable (declare it as ${t.base}? to allow NULL)` };
  }
  switch (t.base) {
    case 'int': {
      if (!INT_RE.test(text)) return { ok: false, reason: `'${text}' is not an integer` };
      const n = Number(text);
      if (n < -2147483648 || n > 2147483647) return { ok: false, reason: `${text} is outside the int range (use bigint)` };
      return { ok: true, value: n };
    }
    case 'bigint':
      return INT_RE.test(text) ? { ok: true, value: BigInt(text) } : { ok: false, reason: `'${text}' is not an integer` };
    case 'double':
      return NUM_RE.test(text) ? { ok: true, value: Number(text) } : { ok: false, reason: `'${text}' is not a number` };
    case 'decimal': {
      if (!NUM_RE.test(text) || /e/i.test(text)) return { ok: false, reason: `'${text}' is not a decimal number` };
      const frac = text.split('.')[1] ?? '';
      const scale = t.scale ?? 3;
      if (frac.length > scale) return { ok: false, reason: `'${text}' has ${frac.length} decimals but the column keeps ${scale}` };
      const whole = (text.replace(/^[-+]/, '').split('.')[0] ?? '').replace(/^0+/, '');
      if (whole.length > (t.precision ?? 18) - scale) return { ok: false, reason: `'${text}' has too many digits for decimal(${t.precision ?? 18},${scale})` };
      return { ok: true, value: Number(text) };
    }
    case 'text':
      return { ok: true, value: raw };
    case 'bool': {
      const l = text.toLowerCase();
      if (l === 'true' || l === '1') return { ok: true, value: true };
      if (l === 'false' || l === '0') return { ok: true, value: false };
      return { ok: false, reason: `'${text}' is not a boolean (true/false/1/0)` };
    }
    case 'date': {
      const m = DATE_RE.exec(text);
      if (!m || !isValidDate(+m[1]!, +m[2]!, +m[3]!)) return { ok: false, reason: `'${text}' is not a date (YYYY-MM-DD)` };
      return { ok: true, value: text };
    }
    case 'timestamp': {
      const m = TS_RE.exec(text);
      if (!m || !isValidDate(+m[1]!, +m[2]!, +m[3]!) || +(m[4] ?? 0) > 23 || +(m[5] ?? 0) > 59 || +(m[6] ?? 0) > 59) {
        return { ok: false, reason: `'${text}' is not a timestamp (YYYY-MM-DD HH:MM[:SS[.fff]])` };
      }
      // A timestamp holds whole microseconds: a 7th digit (datetime2(7)'s 100 ns) would be cut,
      // and two values 100 ns apart would read as one. Trailing zeros change nothing.
      if ((m[7] ?? '').replace(/0+$/, '').length > 6) {
        return { ok: false, reason: `'${text}' has more than 6 fraction digits (datetime2(7) keeps 100 ns): a timestamp holds whole microseconds, and cutting the value would change it (declare the column datetime2, held as its 7-digit text)` };
      }
      return { ok: true, value: formatTimestamp(m[1]!, m[2]!, m[3]!, m[4] ?? '00', m[5] ?? '00', m[6] ?? '00', m[7] ?? '') };
    }
    case 'datetime2':
      return parseDatetime2Text(text);
    case 'uniqueidentifier': {
      // as SQL Server converts text to it (braces optional) and writes it back: upper case, 8-4-4-4-12
      const m = GUID_RE.exec(text);
      return m ? { ok: true, value: (m[1] as string).toUpperCase() } : { ok: false, reason: `'${text}' is not a uniqueidentifier (8-4-4-4-12 hex digits)` };
    }
  }
}

/** Canonical timestamp text: trailing zeros of the fraction dropped, as DuckDB prints it. */
function formatTimestamp(y: string, mo: string, d: string, h: string, mi: string, s: string, frac: string): string {
  const f = frac.replace(/0+$/, '');
  return `${y}-${mo}-${d} ${h}:${mi}:${s}${f ? `.${f}` : ''}`;
}

function isValidDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= days;
}

/**
 * Converts a value DuckDB returned in its JSON row form to the declared column's TypeScript
 * value (bigint and decimal arrive as strings there; dates and timestamps as canonical text).
 */
export function fromDuckdbJson(t: ColumnType, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (t.base) {
    case 'bigint': return BigInt(String(value));
    case 'int': case 'double': case 'decimal': return Number(value);
    case 'bool': return Boolean(value);
    case 'timestamp': case 'datetime2': case 'uniqueidentifier': {
      const p = parseValueText(t, String(value));
      return p.ok ? p.value : String(value);
    }
    default: return String(value);
  }
}

/** Converts a typed value to what DuckDB takes as a bound parameter (bigint as text, cast back in SQL). */
export function toDuckdbParam(value: unknown): unknown {
  if (value === undefined) return null;
  if (typeof value === 'bigint') return value.toString();
  return value;
}

/**
 * Whether two values of a column are equal: numbers within `tolerance` (absolute), everything
 * else exactly. NULL equals NULL here, as in a keyed comparison of two outputs.
 */
export function valuesEqual(a: unknown, b: unknown, tolerance = 0): boolean {
  if (a === null || a === undefined || b === null || b === undefined) return (a ?? null) === (b ?? null);
  if (typeof a === 'number' && typeof b === 'number') return a === b || Math.abs(a - b) <= tolerance + 1e-12 * Math.max(Math.abs(a), Math.abs(b));
  if (typeof a === 'bigint' || typeof b === 'bigint') return String(a) === String(b);
  return a === b;
}

/** A printable form of a value for messages and CSV: NULL for null, bigint without `n`. */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  return String(value);
}

/**
 * The key an entity value is told apart by, as SQL Server's default collation compares it: text
 * case-insensitively and without trailing blanks ('N', 'n' and 'N ' are one entity, as they are
 * one GROUP BY group of the legacy code); any other value by its text.
 */
export function entityKey(v: unknown): string {
  return typeof v === 'string' ? v.replace(/ +$/, '').toLowerCase() : String(v);
}
