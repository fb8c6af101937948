import type { SqlFragment } from '../expressions';
import { isDatetime2Text } from './date-convert';
import type { TsqlType } from '../tsql-types';

// Date and time values as text, as SQL Server writes them in CAST (no style) and in CONVERT's
// date and time styles (https://learn.microsoft.com/en-us/sql/t-sql/functions/cast-and-convert-transact-sql,
// "Date and time styles"): datetime and smalldatetime default to style 0 ('Jan 31 2026  6:26PM');
// date, time and datetime2 to style 121 with the type's fractional digits ('2026-01-31 18:26:20'
// for datetime2(0), '10:15:00.0000000' for time(7)). A style whose output for a type the
// documentation leaves open is refused, never guessed.

/** The date/time type a value has, as far as its text depends on it. */
interface Temporal {
  readonly kind: 'datetime' | 'smalldatetime' | 'datetime2' | 'date' | 'time' | 'datetimeoffset';
  /** Fractional digits of datetime2 and time (0-7). */
  readonly scale: number;
}

/** The date/time type of a value, or undefined when it is no date/time value. */
export function temporalOf(x: SqlFragment): Temporal | undefined {
  const scale = x.tsqlType?.scale ?? 7;
  if (x.family === 'date') return { kind: 'date', scale: 0 };
  if (x.family === 'time') return { kind: 'time', scale };
  if (x.family !== 'datetime') return undefined;
  if (isDatetime2Text(x)) return { kind: 'datetime2', scale: 7 };
  if (x.duckType === 'TIMESTAMPTZ' || x.tsqlType?.name === 'datetimeoffset') return { kind: 'datetimeoffset', scale };
  const name = x.tsqlType?.name;
  if (name === 'datetime2') return { kind: 'datetime2', scale };
  // A TIMESTAMP whose type the translator lost (GETDATE(), DATEADD of a literal) is datetime.
  return { kind: name === 'smalldatetime' ? 'smalldatetime' : 'datetime', scale: 3 };
}

/**
 * The value as `yyyy-mm-dd hh:mi:ss.fffffff` (27 characters; time on 1900-01-01), whose pieces
 * every style is made of.
 */
function canonical(x: SqlFragment, t: Temporal): string {
  if (isDatetime2Text(x)) return x.sql;
  if (t.kind === 'time') return `('1900-01-01 ' || strftime(DATE '1900-01-01' + CAST(${x.sql} AS TIME), '%H:%M:%S.%f') || '0')`;
  return `(strftime(CAST(${x.sql} AS TIMESTAMP), '%Y-%m-%d %H:%M:%S.%f') || '0')`;
}

/** Pieces of the canonical text `c` as SQL. */
function pieces(c: string): Record<'yyyy' | 'yy' | 'mm' | 'dd' | 'hh' | 'mi' | 'ss' | 'mmm' | 'mon' | 'd_' | 'h12' | 'ampm' | 'date' | 'time', string> {
  const sub = (from: number, n: number): string => `substr(${c}, ${from}, ${n})`;
  const hour = `CAST(${sub(12, 2)} AS INTEGER)`;
  return {
    yyyy: sub(1, 4), yy: sub(3, 2), mm: sub(6, 2), dd: sub(9, 2), hh: sub(12, 2), mi: sub(15, 2), ss: sub(18, 2), mmm: sub(21, 3),
    // us_english month abbreviations; the day and the 12-hour clock's hour padded with a blank.
    mon: `['Jan','Feb','Mar','Apr','May','Jun','Jul','Aug','Sep','Oct','Nov','Dec'][CAST(${sub(6, 2)} AS INTEGER)]`,
    d_: `lpad(CAST(CAST(${sub(9, 2)} AS INTEGER) AS VARCHAR), 2, ' ')`,
    h12: `lpad(CAST((${hour} + 11) % 12 + 1 AS VARCHAR), 2, ' ')`,
    ampm: `CASE WHEN ${hour} < 12 THEN 'AM' ELSE 'PM' END`,
    date: sub(1, 10), time: sub(12, 8),
  };
}

/** SQL concatenating literal text (in quotes) and SQL pieces. */
function join(...parts: string[]): string {
  return `(${parts.join(' || ')})`;
}

/** The styles of the date alone, the same for every type that has a date. */
function dateStyle(style: number, p: ReturnType<typeof pieces>): string | undefined {
  const numeric: Record<number, [string, string, string, string]> = {
    1: [p.mm, '/', p.dd, `'/' || ${p.yy}`], 101: [p.mm, '/', p.dd, `'/' || ${p.yyyy}`],
    2: [p.yy, '.', p.mm, `'.' || ${p.dd}`], 102: [p.yyyy, '.', p.mm, `'.' || ${p.dd}`],
    3: [p.dd, '/', p.mm, `'/' || ${p.yy}`], 103: [p.dd, '/', p.mm, `'/' || ${p.yyyy}`],
    4: [p.dd, '.', p.mm, `'.' || ${p.yy}`], 104: [p.dd, '.', p.mm, `'.' || ${p.yyyy}`],
    5: [p.dd, '-', p.mm, `'-' || ${p.yy}`], 105: [p.dd, '-', p.mm, `'-' || ${p.yyyy}`],
    10: [p.mm, '-', p.dd, `'-' || ${p.yy}`], 110: [p.mm, '-', p.dd, `'-' || ${p.yyyy}`],
    11: [p.yy, '/', p.mm, `'/' || ${p.dd}`], 111: [p.yyyy, '/', p.mm, `'/' || ${p.dd}`],
    12: [p.yy, '', p.mm, p.dd], 112: [p.yyyy, '', p.mm, p.dd],
  };
  const n = numeric[style];
  if (n !== undefined) return join(n[0], `'${n[1]}'`, n[2], n[3]);
  switch (style) {
    case 6: return join(p.dd, "' '", p.mon, "' '", p.yy);
    case 106: return join(p.dd, "' '", p.mon, "' '", p.yyyy);
    case 7: return join(p.mon, "' '", p.dd, "', '", p.yy);
    case 107: return join(p.mon, "' '", p.dd, "', '", p.yyyy);
    case 23: return p.date;
    default: return undefined;
  }
}

/** Fractional seconds of `n` digits after a point, none for 0. */
function fraction(c: string, n: number): string {
  return n === 0 ? "''" : `('.' || substr(${c}, 21, ${n}))`;
}

/** Why CONVERT of a datetimeoffset to text with a style is refused, and what to write instead. */
const DTO_STYLE = 'CONVERT of a datetimeoffset to text with a style (what SQL Server writes for each style of it is not reproduced here; CAST it to varchar for its default text yyyy-mm-dd hh:mi:ss[.fffffff] +hh:mi, or CAST it to datetime2 first for a style of its local date and time)';

/**
 * SQL writing `x` as text in `style` (undefined: CAST's default), or a string saying why the
 * emulator refuses it.
 */
export function styledText(x: SqlFragment, style: number | undefined, t: Temporal): { sql: string } | { refused: string } {
  if (t.kind === 'datetimeoffset') return { refused: DTO_STYLE };
  return textOfCanonical(canonical(x, t), style, t);
}

/** styledText of the value's canonical text `c` (SQL). */
function textOfCanonical(c: string, style: number | undefined, t: Temporal): { sql: string } | { refused: string } {
  const p = pieces(c);
  const done = (sql: string): { sql: string } => ({ sql });
  const style100 = join(p.mon, "' '", p.d_, "' '", p.yyyy, "' '", p.h12, "':'", p.mi, p.ampm);
  const iso = (sep: string, digits: number): string => join(p.date, `'${sep}'`, p.time, fraction(c, digits));
  const refuse = { refused: `CONVERT style ${style ?? '(default)'} of a ${t.kind}${t.kind === 'datetime2' || t.kind === 'time' ? `(${t.scale})` : ''} value (SQL Server's output for it is not documented)` };
  switch (t.kind) {
    case 'datetime': case 'smalldatetime': {
      if (style === undefined || style === 0 || style === 100) return done(style100);
      const dated = dateStyle(style, p);
      if (dated !== undefined) return done(dated);
      switch (style) {
        case 8: case 24: case 108: return done(p.time);
        case 9: case 109: return done(join(p.mon, "' '", p.d_, "' '", p.yyyy, "' '", p.h12, "':'", p.mi, "':'", p.ss, "':'", p.mmm, p.ampm));
        case 13: case 113: return done(join(p.dd, "' '", p.mon, "' '", p.yyyy, "' '", p.time, "':'", p.mmm));
        case 14: case 114: return done(join(p.time, "':'", p.mmm));
        case 20: case 120: return done(iso(' ', 0));
        case 21: case 25: case 121: return done(iso(' ', 3));
        // ISO 8601: the milliseconds are left out when they are 0 (documented for style 126).
        case 126: return done(`(CASE WHEN ${p.mmm} = '000' THEN ${iso('T', 0)} ELSE ${iso('T', 3)} END)`);
        default: return refuse;
      }
    }
    case 'datetime2': {
      if (style === undefined || style === 21 || style === 25 || style === 121) return done(iso(' ', t.scale));
      // Style 0 written out is the old default, 'mon dd yyyy hh:miAM', for datetime2 too.
      if (style === 0 || style === 100) return done(style100);
      const dated = dateStyle(style, p);
      if (dated !== undefined) return done(dated);
      if (style === 20 || style === 120) return done(iso(' ', 0));
      if (style === 8 || style === 24 || style === 108) return done(p.time);
      // 126 with a fraction of zero: whether datetime2 drops it as datetime does is not documented.
      if (style === 126) {
        const zero = t.scale === 0 ? 'true' : `(substr(${c}, 21, ${t.scale}) = '${'0'.repeat(t.scale)}')`;
        return done(`(CASE WHEN ${c} IS NOT NULL AND ${zero} THEN error('the emulator does not support CONVERT style 126 of a datetime2 value whose fraction of a second is zero (whether SQL Server writes it is not documented)') ELSE ${iso('T', t.scale)} END)`);
      }
      return refuse;
    }
    case 'date': {
      if (style === undefined || [20, 120, 21, 25, 121, 126].includes(style)) return done(p.date);
      return dateStyle(style, p) === undefined ? refuse : done(dateStyle(style, p) as string);
    }
    case 'time': {
      if (style === undefined || style === 21 || style === 25 || style === 121) return done(join(p.time, fraction(c, t.scale)));
      if (style === 8 || style === 24 || style === 108) return done(p.time);
      return refuse;
    }
    case 'datetimeoffset': return refuse;
  }
}

/** Every style styledText may accept, for a style computed while the statement runs. */
const STYLES: readonly number[] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 20, 21, 23, 24, 25, 100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111, 112, 113, 114, 120, 121, 126];

/**
 * SQL writing `x` as text in a style computed while the statement runs (`styleSql`): each style
 * the type takes, NULL for a NULL style (as documented), any other refused where met. The value
 * is read once, named `c` in a lambda: every style repeats it.
 */
export function computedStyleText(x: SqlFragment, styleSql: string, t: Temporal): string {
  if (t.kind === 'datetimeoffset') return `(CASE WHEN ${x.sql} IS NULL THEN NULL ELSE CAST(error('the emulator does not support ${DTO_STYLE.replace(/'/g, "''")}') AS VARCHAR) END)`;
  const branches = STYLES.flatMap((s) => {
    const r = textOfCanonical('c', s, t);
    return 'sql' in r ? [`WHEN ${styleSql} = ${s} THEN ${r.sql}`] : [];
  });
  return `list_transform([${canonical(x, t)}], c -> CASE WHEN ${styleSql} IS NULL OR c IS NULL THEN NULL ${branches.join(' ')} ELSE CAST(error('the emulator does not support CONVERT style ' || CAST(${styleSql} AS VARCHAR) || ' of a ${t.kind} value') AS VARCHAR) END)[1]`;
}

/**
 * The date/time type of a CASE, IIF or NULLIF result whose values (NULLs aside) all have one
 * date/time type: kept, since the result's text depends on it (datetime2(0) is no datetime).
 */
export function temporalOfBranches(values: readonly SqlFragment[]): { readonly tsqlType?: TsqlType; readonly duckType?: string } {
  const typed = values.filter((v) => !(v.constant !== undefined && v.constant.value === null));
  const first = typed[0];
  if (first === undefined || temporalOf(first) === undefined || first.tsqlType === undefined) return {};
  const same = typed.every((v) => v.family === first.family && v.duckType === first.duckType && v.tsqlType?.name === first.tsqlType?.name && v.tsqlType?.scale === first.tsqlType?.scale);
  return same ? { tsqlType: first.tsqlType, duckType: first.duckType } : {};
}
