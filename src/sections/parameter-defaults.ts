// A procedure parameter's declared default as a spec cell. A proposed scenario gives every
// parameter the section reads; when the procedure declares `@HorizonDays int = 14`, the scenario
// must say 14, not NULL, or the legacy run it records differs from every real call that leaves
// the parameter out. SQL Server converts the default to the parameter's type (truncating text,
// rounding decimals, reading dates by DATEFORMAT); only defaults whose conversion is exact and
// independent of session settings are written here, the others are left to the person.
import type { ParameterInfo } from '../dataflow';
import type { ColumnType } from '../engine';
import { CellMismatch, formatRecordedCell } from './recorded-cells';

/** Integer ranges of SQL Server's integer types. */
const INTEGER_RANGE: Readonly<Record<string, readonly [bigint, bigint]>> = {
  tinyint: [0n, 255n],
  smallint: [-32768n, 32767n],
  int: [-2147483648n, 2147483647n],
  bigint: [-9223372036854775808n, 9223372036854775807n],
};

/** A constant as T-SQL writes a parameter default: NULL, a number, or a (N)'string'. */
type Constant = { readonly kind: 'null' } | { readonly kind: 'number'; readonly text: string } | { readonly kind: 'string'; readonly text: string };

function constantOf(source: string): Constant | undefined {
  let text = source.trim();
  // `= (14)`: parentheses around a constant change nothing
  while (text.startsWith('(') && text.endsWith(')')) text = text.slice(1, -1).trim();
  if (/^null$/i.test(text)) return { kind: 'null' };
  if (/^[+-]?(?:\d+\.?\d*|\.\d+)$/.test(text)) return { kind: 'number', text: text.replace(/^\+/, '') };
  const s = /^N?'((?:[^']|'')*)'$/is.exec(text);
  if (s) return { kind: 'string', text: (s[1] as string).replace(/''/g, "'") };
  return undefined;
}

/** A number literal as a decimal of `precision` digits, `scale` of them decimals, when it fits without rounding. */
function exactDecimal(text: string, precision: number, scale: number): string | undefined {
  const m = /^(-?)(\d*)(?:\.(\d*))?$/.exec(text);
  if (!m) return undefined;
  const whole = (m[2] as string).replace(/^0+/, '');
  const frac = (m[3] ?? '').replace(/0+$/, '');
  if (frac.length > scale || whole.length > precision - scale) return undefined;
  return `${m[1]}${whole === '' ? '0' : whole}${frac === '' ? '' : `.${frac}`}`;
}

/** A date literal SQL Server reads the same under every DATEFORMAT and language: `YYYYMMDD`,
 * and `YYYY-MM-DD` for date and datetime2 (datetime reads that one by DATEFORMAT). */
function exactDate(text: string, sqlType: string): string | undefined {
  const m = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(text);
  if (!m || (text.includes('-') && !/^(?:date|datetime2)$/.test(sqlType))) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return undefined;
  if (sqlType === 'smalldatetime' ? y < 1900 || y > 2079 : sqlType === 'datetime' ? y < 1753 : false) return undefined;
  return `${m[1]}-${m[2]}-${m[3]}`;
}

/**
 * A date and time literal read the same under every DATEFORMAT and language: a date as exactDate
 * takes it, or ISO 8601's `YYYY-MM-DDThh:mm[:ss]` for every type, with a time of whole seconds
 * (whole minutes for smalldatetime, which rounds seconds; none for date, which drops it).
 */
function exactDateTime(text: string, sqlType: string): string | undefined {
  const m = /^(\d{4}-?\d{2}-?\d{2})(?:([ T])(\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(text);
  if (!m) return undefined;
  const day = m[1] as string;
  const iso = m[2] === 'T' && day.includes('-');
  if (m[2] === 'T' && !iso) return undefined;
  const date = exactDate(iso ? day.replace(/-/g, '') : day, sqlType);
  if (date === undefined) return undefined;
  if (m[3] === undefined) return sqlType === 'date' ? date : `${date} 00:00:00`;
  const [h, mi, sec] = [Number(m[3]), Number(m[4]), Number(m[5] ?? 0)];
  if (sqlType === 'date' || h > 23 || mi > 59 || sec > 59 || (sqlType === 'smalldatetime' && sec !== 0)) return undefined;
  return `${date} ${m[3]}:${m[4]}:${m[5] ?? '00'}`;
}

/** The value SQL Server gives the parameter, as text, when the conversion is exact. */
function convertedText(c: Exclude<Constant, { kind: 'null' }>, sqlType: string, args: readonly string[]): string | undefined {
  const range = INTEGER_RANGE[sqlType];
  if (range !== undefined) {
    if (c.kind !== 'number' || !/^-?\d+$/.test(c.text)) return undefined; // 2.7 -> 2 and '5' -> 5 are conversions, left to the person
    const n = BigInt(c.text);
    return n >= range[0] && n <= range[1] ? n.toString() : undefined;
  }
  // 'TRUE' and 'FALSE' convert to 1 and 0 (the bit page); other text is left to the person
  if (sqlType === 'bit' && c.kind === 'string') return /^true$/i.test(c.text) ? '1' : /^false$/i.test(c.text) ? '0' : undefined;
  if (sqlType === 'bit') return c.kind === 'number' && /^-?\d+$/.test(c.text) ? (BigInt(c.text) === 0n ? '0' : '1') : undefined;
  if (sqlType === 'decimal' || sqlType === 'numeric') {
    const precision = Number(args[0] ?? 18);
    return c.kind === 'number' ? exactDecimal(c.text, precision, Number(args[1] ?? 0)) : undefined;
  }
  if (sqlType === 'money' || sqlType === 'smallmoney') return c.kind === 'number' ? exactDecimal(c.text, sqlType === 'money' ? 19 : 10, 4) : undefined;
  // up to 15 significant digits a decimal names one double, whichever way it is rounded
  if (sqlType === 'float') return c.kind === 'number' && c.text.replace(/\D/g, '').replace(/^0+/, '').replace(/0+$/, '').length <= 15 ? c.text : undefined;
  if (/^(?:date|datetime2|datetime|smalldatetime)$/.test(sqlType)) {
    return c.kind === 'string' ? exactDateTime(c.text, sqlType) : undefined;
  }
  if (/^n?(?:var)?char$/.test(sqlType)) {
    if (c.kind !== 'string') return undefined;
    // outside printable ASCII the bytes a varchar holds depend on its collation's code page
    if (!sqlType.startsWith('n') && !/^[\x20-\x7e]*$/.test(c.text)) return undefined;
    const length = args[0] === undefined ? 1 : /^max$/i.test(args[0]) ? Infinity : Number(args[0]);
    // a longer default is cut to the length without an error: the person decides
    if ([...c.text].length > length || /[\ud800-\udfff]/.test(c.text)) return undefined;
    // char(n) pads with blanks to its length
    return sqlType.endsWith('char') && !sqlType.includes('var') ? c.text.padEnd(length, ' ') : c.text;
  }
  return undefined;
}

/**
 * The value a call that leaves the parameter out runs with, as text (`2026-11-30` for a date
 * `'20261130'`, `EU  ` for char(4) `'EU'`; null for NULL), or undefined when its conversion is not
 * certain (see defaultCell): `migrate run` then asks for the value instead of guessing it.
 */
export function certainDefaultText(parameter: ParameterInfo): string | null | undefined {
  if (parameter.default === undefined) return undefined;
  const c = constantOf(parameter.default);
  if (c === undefined) return undefined;
  if (c.kind === 'null') return null;
  const m = /^\s*([a-z0-9]+)\s*(?:\(\s*([^)]*?)\s*\))?\s*$/i.exec(parameter.type);
  if (!m) return undefined;
  return convertedText(c, (m[1] as string).toLowerCase(), m[2] === undefined ? [] : m[2].split(/\s*,\s*/));
}

/**
 * The cell for a parameter's declared default under its spec type (`14`, `2024-01-31`, `EU  `
 * for char(4)), or undefined when it has none or its value is not certain without running SQL
 * Server's conversion (an expression, a truncated string, a rounded decimal, a date read by
 * DATEFORMAT): the skeleton then asks the person for it.
 */
export function defaultCell(parameter: ParameterInfo, type: ColumnType): string | undefined {
  if (parameter.default === undefined) return undefined;
  const c = constantOf(parameter.default);
  if (c === undefined) return undefined;
  if (c.kind === 'null') return 'NULL';
  const m = /^\s*([a-z0-9]+)\s*(?:\(\s*([^)]*?)\s*\))?\s*$/i.exec(parameter.type);
  if (!m) return undefined;
  const text = convertedText(c, (m[1] as string).toLowerCase(), m[2] === undefined ? [] : m[2].split(/\s*,\s*/));
  if (text === undefined) return undefined;
  try {
    return formatRecordedCell(type, text);
  } catch (err) {
    if (err instanceof CellMismatch) return undefined;
    throw err;
  }
}
