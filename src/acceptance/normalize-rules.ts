import { AcceptanceError } from '../core';
import type { Tolerance } from './compare-options';

/** What a column holds, from its DuckDB type or (in memory) from its values. */
export type ValueKind = 'integer' | 'decimal' | 'float' | 'boolean' | 'date' | 'timestamp' | 'text' | 'other' | 'nested';

/**
 * How a pair of columns is compared. `exact`, `integer` and `decimal` compare values as they are;
 * `number`, `boolean` and `timestamp` parse each side (text included: "1.50", "1", "Jan  2 2024
 * 10:00AM") and compare the parsed values, falling back to text when neither side parses;
 * `text` compares normalised text (trim, case, NULL-vs-empty).
 */
export type PairClass = 'exact' | 'integer' | 'decimal' | 'number' | 'boolean' | 'timestamp' | 'text';

/** Text normalisation switches. */
export interface TextRules {
  readonly ignoreCase: boolean;
  readonly trim: boolean;
  readonly nullEqualsEmpty: boolean;
}

/** Maps a DuckDB type name to the kind of values it holds. */
export function kindOfDuckType(type: string): ValueKind {
  const t = type.toUpperCase();
  if (/^(U?TINYINT|U?SMALLINT|U?INTEGER|U?BIGINT|U?HUGEINT)$/.test(t)) return 'integer';
  if (t.startsWith('DECIMAL')) return 'decimal';
  if (t === 'DOUBLE' || t === 'FLOAT' || t === 'REAL') return 'float';
  if (t === 'BOOLEAN') return 'boolean';
  if (t === 'DATE') return 'date';
  if (/^TIMESTAMP(_S|_MS|_NS)?$/.test(t) || t === 'TIMESTAMP WITH TIME ZONE' || t === 'TIMESTAMPTZ') return 'timestamp';
  if (t === 'VARCHAR') return 'text';
  if (t === 'BLOB' || t.endsWith('[]') || /^(STRUCT|MAP|UNION|LIST)\b/.test(t) || /\[\d+\]$/.test(t)) return 'nested';
  return 'other';
}

/** The kind of an in-memory column, from its non-null values (all-null columns are text). */
export function kindOfValues(values: readonly unknown[]): ValueKind {
  let kind: ValueKind | undefined;
  for (const v of values) {
    if (v === null || v === undefined) continue;
    const k: ValueKind = typeof v === 'bigint' ? 'integer'
      : typeof v === 'number' ? (Number.isInteger(v) ? 'integer' : 'float')
        : typeof v === 'boolean' ? 'boolean'
          : v instanceof Date ? 'timestamp'
            : typeof v === 'string' ? 'text' : 'other';
    if (kind === undefined || kind === k) kind = k;
    else if ((kind === 'integer' && k === 'float') || (kind === 'float' && k === 'integer')) kind = 'float';
    else kind = 'text';
  }
  return kind ?? 'text';
}

const NUMERIC: readonly ValueKind[] = ['integer', 'decimal', 'float'];

/**
 * Chooses how a pair of columns is compared, or throws an AcceptanceError naming the column when
 * the two kinds cannot be compared at all (a date against a number, a LIST against text).
 */
export function choosePairClass(column: string, expected: ValueKind, actual: ValueKind, typeNames: readonly [string, string], tolerance: Tolerance): PairClass {
  const has = (k: ValueKind): boolean => expected === k || actual === k;
  const both = (ks: readonly ValueKind[]): boolean => ks.includes(expected) && ks.includes(actual);
  const tolerant = tolerance.absolute > 0 || tolerance.relative > 0;
  const fail = (): never => {
    throw new AcceptanceError('ACCEPT_TYPE', `column ${column}: cannot compare ${typeNames[0]} (expected) with ${typeNames[1]} (actual)`, {
      hint: `leave it out with --ignore ${column}, or cast one side in a sql: source so both hold the same kind of value`,
    });
  };
  // A uniqueidentifier is a 16-byte value: SSMS writes it in upper case, DuckDB and .NET in lower
  // case. Two UUID columns compare as values; one against text compares as text, ignoring case
  // (see pairRules).
  if (typeNames.some((t) => t.toUpperCase() === 'UUID') && both(['other', 'text'])) return expected === 'other' && actual === 'other' ? 'exact' : 'text';
  if (has('nested')) return expected === actual && typeNames[0].toUpperCase() === typeNames[1].toUpperCase() ? 'exact' : fail();
  if (has('other')) return expected === actual && typeNames[0].toUpperCase() === typeNames[1].toUpperCase() ? 'exact' : both(['other', 'text']) ? 'text' : fail();
  if (both(['integer'])) return tolerant ? 'number' : 'integer';
  if (both(['integer', 'decimal'])) return tolerant ? 'number' : 'decimal';
  if (both([...NUMERIC, 'text']) && (NUMERIC.includes(expected) || NUMERIC.includes(actual))) return 'number';
  if (both(['boolean', 'integer', 'text']) && has('boolean')) return 'boolean';
  if (both(['date'])) return 'exact';
  if (both(['date', 'timestamp', 'text']) && (has('date') || has('timestamp'))) return 'timestamp';
  if (both(['text'])) return 'text';
  if (both(['boolean'])) return 'exact';
  return fail();
}

/** Whether a class parses both sides into a value plus a text fallback. */
export function isParsedClass(c: PairClass): c is 'number' | 'boolean' | 'timestamp' {
  return c === 'number' || c === 'boolean' || c === 'timestamp';
}

// --- in-memory normalisation: the same rules normalize-sql.ts writes as SQL --------------------

/**
 * Numeric text as both paths accept it: optional sign, digits with an optional fraction, optional
 * exponent. Not digits with a leading zero (`0123456789`, `00093`): no number column exports
 * them, so they are a code held as text (an NPI, an NDC, a ZIP code), and read as a number they
 * would compare equal to the code with its zeros lost.
 */
export const NUMERIC_TEXT = '^[+-]?((0|[1-9][0-9]*)([.][0-9]*)?|[.][0-9]+)([eE][+-]?[0-9]+)?$';
const NUMERIC_RE = new RegExp(NUMERIC_TEXT);
/** Words read as true/false when a boolean is compared with text or 1/0. */
export const TRUE_WORDS = ['1', 'true', 't', 'yes', 'y'] as const;
export const FALSE_WORDS = ['0', 'false', 'f', 'no', 'n'] as const;

/**
 * SQL Server's text forms of dates and datetimes that both paths parse (see the SQL twin).
 * Groups 1-7 are the date, hour, minute, second and fraction (up to 9 digits, all kept);
 * `offset` names the group of a datetimeoffset's `+hh:mm`/`Z`, which moves the value to UTC.
 */
export const DATETIME_PATTERNS: readonly { readonly re: string; readonly order: 'ymd' | 'mdy' | 'mon'; readonly offset?: number }[] = [
  // ISO / ODBC canonical (styles 20, 21, 120, 121, 126, 127), datetimeoffset's own text:
  // 2024-01-02, 2024-01-02 10:00:00.123, 2024-01-02T10:00, 2024-01-02 10:00:00.1234567 +02:00, …Z,
  // and ISO 8601's other offsets, +02 and +0200 (DuckDB writes a TIMESTAMPTZ as 2024-01-02 08:00:00+00)
  { re: '^([0-9]{4})-([0-9]{2})-([0-9]{2})(?:[T ]([0-9]{2}):([0-9]{2})(?::([0-9]{2})(?:[.]([0-9]{1,9}))?)?(?: ?(Z|[+-][0-9]{2}(?::?[0-9]{2})?))?)?$', order: 'ymd', offset: 8 },
  // ISO basic (style 112): 20240102
  { re: '^([0-9]{4})([0-9]{2})([0-9]{2})()()()()$', order: 'ymd' },
  // US (style 101): 01/02/2024, 1/2/2024 10:00:00
  { re: '^([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})(?: ([0-9]{1,2}):([0-9]{2})(?::([0-9]{2})(?:[.]([0-9]{1,9}))?)?)?$', order: 'mdy' },
  // default CONVERT(varchar, datetime) (styles 0, 100): Jan  2 2024 10:00AM
  { re: '^([A-Za-z]{3}) +([0-9]{1,2}) +([0-9]{4})(?: +([0-9]{1,2}):([0-9]{2})(?::([0-9]{2})(?:[.]([0-9]{1,9}))?)?)? *([AaPp][Mm])?$', order: 'mon' },
];
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** Removes leading and trailing blanks (spaces only, as SQL's trim does; tabs are data). */
export function trimSpaces(text: string): string {
  return text.replace(/^ +| +$/g, '');
}

/** Normalises text: trailing blanks, case, and '' as NULL, as the options say. */
export function normalizeText(value: string | null, rules: TextRules): string | null {
  if (value === null) return null;
  let s = rules.trim ? value.replace(/ +$/, '') : value;
  if (rules.ignoreCase) s = s.toLowerCase();
  return rules.nullEqualsEmpty && s === '' ? null : s;
}

/** Any value as text, the way DuckDB casts it to VARCHAR for the simple kinds. */
export function textOf(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString().replace('T', ' ').replace('Z', '');
  return String(value);
}

/** Parses numeric text ("1.50", " -2e3 ") to a number; undefined when it is not numeric text. */
export function parseNumericText(text: string): number | undefined {
  const s = trimSpaces(text);
  return NUMERIC_RE.test(s) ? Number(s) : undefined;
}

/** Parses a boolean from true/false, 1/0 (numbers or text), yes/no; undefined otherwise. */
export function parseBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return Number(value) === 1 ? true : Number(value) === 0 ? false : undefined;
  if (typeof value !== 'string') return undefined;
  const s = trimSpaces(value).toLowerCase();
  if ((TRUE_WORDS as readonly string[]).includes(s)) return true;
  if ((FALSE_WORDS as readonly string[]).includes(s)) return false;
  return undefined;
}

/** The fixed-width UTC text of a Date's whole seconds: `YYYY-MM-DD HH:MM:SS`. */
function secondsText(d: Date): string {
  const p = (n: number, w = 2): string => String(n).padStart(w, '0');
  return `${p(d.getUTCFullYear(), 4)}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
}

/** Minutes east of UTC of a datetimeoffset suffix (`+02:00`, `-05:30`, `+0530`, `+02`, `Z`, ''); undefined past SQL Server's ±14:00. */
export function offsetMinutes(text: string): number | undefined {
  if (text === '' || text === 'Z') return 0;
  const hours = Number(text.slice(1, 3));
  const minutes = text.length === 3 ? 0 : Number(text[3] === ':' ? text.slice(4, 6) : text.slice(3, 5));
  if (hours > 14 || minutes > 59) return undefined;
  return (text.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
}

/**
 * Parses a date or datetime (Date or SQL Server text) to its instant as fixed-width UTC text
 * with nanoseconds, `YYYY-MM-DD HH:MM:SS.fffffffff`; undefined when it is neither. Text keeps
 * every fraction digit (datetime2(7) values 100 ns apart differ) and a datetimeoffset compares
 * at its UTC instant, as SQL Server compares them; the text form reaches 9999-12-31, where a
 * nanosecond count would overflow (DuckDB's TIMESTAMP_NS ends in 2262), and orders as time does.
 */
export function parseDateTime(value: unknown): string | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : `${secondsText(value)}.${String(value.getUTCMilliseconds()).padStart(3, '0')}000000`;
  if (typeof value !== 'string') return undefined;
  const s = trimSpaces(value);
  for (const p of DATETIME_PATTERNS) {
    const m = new RegExp(p.re).exec(s);
    if (!m) continue;
    const g = (i: number): string => m[i] ?? '';
    let year: number; let month: number; let day: number;
    if (p.order === 'ymd') { year = Number(g(1)); month = Number(g(2)); day = Number(g(3)); }
    else if (p.order === 'mdy') { month = Number(g(1)); day = Number(g(2)); year = Number(g(3)); }
    else { month = MONTHS.indexOf(g(1).toLowerCase()) + 1; day = Number(g(2)); year = Number(g(3)); }
    let hour = Number(g(4) || '0');
    const minute = Number(g(5) || '0');
    const second = Number(g(6) || '0');
    const fraction = (g(7) + '000000000').slice(0, 9);
    const ampm = p.order === 'mon' ? g(8).toLowerCase() : '';
    const offset = p.offset === undefined ? 0 : offsetMinutes(g(p.offset));
    if (ampm !== '') {
      if (hour < 1 || hour > 12) return undefined;
      hour = (hour % 12) + (ampm === 'pm' ? 12 : 0);
    }
    if (offset === undefined || month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return undefined;
    const date = new Date(0);
    date.setUTCFullYear(year, month - 1, day);
    if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
    date.setUTCHours(hour, minute - offset, second, 0);
    return `${secondsText(date)}.${fraction}`;
  }
  return undefined;
}

/** A value prepared for comparison: a parsed value, or the text it falls back to. */
export interface Prepared {
  readonly isNull: boolean;
  readonly parsed: number | bigint | boolean | string | undefined;
  readonly text: string | null;
}

/** Prepares one value for comparison under a pair class (the in-memory twin of the SQL). */
export function prepareValue(value: unknown, cls: PairClass, rules: TextRules): Prepared {
  let v = value === undefined ? null : value;
  if (rules.nullEqualsEmpty && typeof v === 'string' && (rules.trim ? v.replace(/ +$/, '') : v) === '') v = null;
  if (v === null) return { isNull: true, parsed: undefined, text: null };
  switch (cls) {
    case 'text': {
      const t = normalizeText(textOf(v), rules);
      return { isNull: t === null, parsed: undefined, text: t };
    }
    case 'integer': return { isNull: false, parsed: typeof v === 'bigint' ? v : BigInt(v as number), text: null };
    case 'decimal': case 'exact':
      if (v instanceof Date) return { isNull: false, parsed: v.getTime(), text: null };
      return { isNull: false, parsed: typeof v === 'bigint' ? Number(v) : (v as number | boolean | string), text: null };
    case 'number': {
      const n = typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : typeof v === 'string' ? parseNumericText(v) : undefined;
      return { isNull: false, parsed: n, text: n === undefined ? normalizeText(textOf(v), { ...rules, trim: true }) : null };
    }
    case 'boolean': {
      const b = parseBoolean(v);
      return { isNull: false, parsed: b, text: b === undefined ? trimSpaces(textOf(v) ?? '').toLowerCase() : null };
    }
    case 'timestamp': {
      const t = parseDateTime(v);
      return { isNull: false, parsed: t, text: t === undefined ? normalizeText(textOf(v), { ...rules, trim: true }) : null };
    }
  }
}

/**
 * Slack for the rounding of the subtraction itself: 13644.23 - 13644.22 is 0.0100000000002 in
 * binary floating point, and a user who allows 0.01 means that difference. Four ulps of the
 * larger operand, added to a non-zero bound only (an exact compare stays exact).
 */
export const TOLERANCE_SLACK = 4 * Number.EPSILON;

/** Whether two numbers are equal within a tolerance (absolute or relative, either suffices). */
export function numbersEqual(e: number, a: number, tol: Tolerance): boolean {
  if (e === a || (Number.isNaN(e) && Number.isNaN(a))) return true;
  if (!Number.isFinite(e) || !Number.isFinite(a)) return false;
  const d = Math.abs(e - a);
  const m = Math.max(Math.abs(e), Math.abs(a));
  return (tol.absolute > 0 && d <= tol.absolute + TOLERANCE_SLACK * m) || (tol.relative > 0 && d <= tol.relative * m + TOLERANCE_SLACK * m);
}

/**
 * Whether two prepared values are equal: NULL equals NULL (null-safe, like IS NOT DISTINCT
 * FROM); parsed values compare as values (numbers within tolerance); when neither side parses,
 * their normalised text compares; one parsed and one not is a difference.
 */
export function preparedEqual(e: Prepared, a: Prepared, cls: PairClass, tol: Tolerance): boolean {
  if (e.isNull || a.isNull) return e.isNull && a.isNull;
  if (cls === 'text') return e.text === a.text;
  if (e.parsed !== undefined && a.parsed !== undefined) {
    if (cls === 'number') return numbersEqual(e.parsed as number, a.parsed as number, tol);
    if (cls === 'decimal' || cls === 'exact') return e.parsed === a.parsed || (Number.isNaN(e.parsed) && Number.isNaN(a.parsed));
    return e.parsed === a.parsed;
  }
  if (e.parsed === undefined && a.parsed === undefined) return e.text === a.text;
  return false;
}

/** Compares two raw values under a pair class: normalise both, then compare. */
export function valuesEqual(e: unknown, a: unknown, cls: PairClass, rules: TextRules, tol: Tolerance): boolean {
  return preparedEqual(prepareValue(e, cls, rules), prepareValue(a, cls, rules), cls, tol);
}

/** A string that is equal for two key values exactly when they join (NULL keys join NULL keys). */
export function keyTextOf(value: unknown, cls: PairClass, rules: TextRules): string {
  const p = prepareValue(value, cls, rules);
  if (p.isNull) return '\u0000null';
  if (p.parsed !== undefined) return `p:${typeof p.parsed}:${String(p.parsed)}`;
  return `t:${p.text ?? ''}`;
}
