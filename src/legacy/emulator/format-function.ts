import { noteLanguageRead } from './login-language';
import type { Expression } from '../../tsql';
import type { SqlFragment, SqlTranslator } from './expressions';
import type { SqlScope } from './sql-scope';

// FORMAT(value, format [, culture]) as SQL Server computes it through .NET, for the forms whose
// result is fixed by the documentation under the session's us_english (culture en-US, and en-GB,
// whose separators, digits and full English names are the same, without its abbreviated names
// and AM/PM designators): custom
// date and time formats (yyyy-MM-dd, dd/MM/yyyy HH:mm, MMMM yyyy, …), integers padded with
// zeros ('D6', '000000'), and exact numbers (integers, decimal, money) in the fixed-point 'F[n]'
// and number 'N[n]' formats: n decimals (en-US's default 2), rounded half away from zero as .NET
// Framework, whose CLR FORMAT runs on, rounds a midpoint; 'N' with en-US's ',' every three digits.
// Anything else is refused with its location: other standard formats (C, P, E, G, …), custom
// number formats, floats (.NET prints a double from 15 digits first), a negative value that
// rounds to zero (whether '-' stays differs between .NET versions), culture-dependent or
// time-zone specifiers, and fractions of a second that datetime's 1/300 s would show differently.

type Value = { readonly sql: string; readonly fraction: number };

/**
 * The DuckDB expression of FORMAT, or a refusal through `t.state.unsupported`. The format (and
 * the culture) must be known before the statement runs: literals or variables.
 */
export function translateFormat(t: SqlTranslator, call: Extract<Expression, { kind: 'FunctionCall' }>, scope: SqlScope): SqlFragment {
  const [valueArg, formatArg, cultureArg] = call.args;
  if (valueArg === undefined || formatArg === undefined || call.args.length > 3) throw t.state.unsupported(call, `FORMAT with ${call.args.length} arguments`);
  const constant = (e: Expression, what: string): string => {
    const known = t.knownValue(e);
    if (known === undefined || known.kind !== 'str' || known.value === null) throw t.state.unsupported(call, `FORMAT with a ${what} that is not a text known before the statement runs`);
    return String(known.value);
  };
  const format = constant(formatArg, 'format');
  // en-GB writes what en-US writes in these forms but for the abbreviated names and AM/PM (below)
  // without one, the session language's culture (SET LANGUAGE British: en-GB)
  if (cultureArg === undefined) noteLanguageRead(t.state, 'names', 'FORMAT without a culture', call.span);
  const culture = cultureArg === undefined ? t.state.language.culture : constant(cultureArg, 'culture').toLowerCase();
  if (culture !== 'en-us' && culture !== 'en-gb') throw t.state.unsupported(call, 'FORMAT with a culture other than en-US (the session language us_english) and en-GB');
  const x = t.expr(valueArg, scope);
  const name = x.tsqlType?.name;
  let body: string;
  const fixed = x.family === 'integer' || x.family === 'exact' ? fixedPointFormat(format, x) : undefined;
  if (fixed !== undefined) body = fixed;
  else if (x.family === 'integer') body = integerFormat(t, call, format, x.sql);
  else if (x.family === 'date' || (x.family === 'datetime' && name !== 'datetimeoffset' && (name !== undefined || x.duckType === 'TIMESTAMP'))) {
    // Fractions of a second: datetime2(n) holds n digits exactly (up to 6 here, microseconds);
    // datetime's 1/300 s is .007 where .NET shows .006 (GETDATE() is a datetime); a date has
    // none (zeros). A datetimeoffset (TIMESTAMPTZ here) would be shifted to another zone.
    const fraction = name === 'datetime2' ? Math.min(x.tsqlType?.scale ?? 7, 6) : name === 'date' ? 6 : 0;
    body = dateFormat(t, call, format, { sql: `CAST(${x.sql} AS TIMESTAMP)`, fraction }, culture === 'en-gb');
  } else if (x.family === 'exact') {
    // the value is fine, the format is not: say which formats are emulated for it
    throw t.state.unsupported(call, `FORMAT of a ${name ?? 'decimal'} value with '${format}' (only 'F', 'Fn', 'N' and 'Nn' are emulated for decimal and money values; '${format}' follows .NET culture rules the emulator does not reproduce)`);
  } else throw t.state.unsupported(call, `FORMAT of a ${name ?? (x.family === 'approx' ? 'float' : x.family)} value (its text follows .NET rules the emulator does not reproduce)`);
  return { sql: `(CASE WHEN ${x.sql} IS NULL THEN NULL ELSE ${body} END)`, family: 'string', duckType: 'VARCHAR' };
}

/** 'F[n]' or 'N[n]' of an exact number (see the top of this file); undefined for another format. */
function fixedPointFormat(format: string, x: SqlFragment): string | undefined {
  const m = /^([nNfF])([0-9]?)$/.exec(format);
  if (m === null) return undefined;
  const digits = m[2] === '' ? 2 : Number(m[2]);
  const value = x.family === 'integer' ? `CAST(${x.sql} AS DECIMAL(38,0))` : x.sql;
  const rounded = `round(${value}, ${digits})`;
  const whole = `CAST(trunc(abs(${rounded})) AS HUGEINT)`;
  const wholeText = /[nN]/.test(m[1] as string) ? `format('{:,}', ${whole})` : `CAST(${whole} AS VARCHAR)`;
  // The rounded value's text holds at most `digits` decimals that count (maybe trailing zeros of its scale).
  const fraction = digits === 0 ? '' : ` || '.' || left(rpad(split_part(CAST(abs(${rounded}) AS VARCHAR), '.', 2), ${digits}, '0'), ${digits})`;
  return `(CASE WHEN ${value} < 0 AND ${rounded} = 0 THEN error('the emulator does not support FORMAT of a negative value that rounds to zero (whether .NET keeps its sign differs between versions)')
    ELSE CASE WHEN ${rounded} < 0 THEN '-' ELSE '' END || ${wholeText}${fraction} END)`;
}

/** 'D', 'Dn' or a run of zeros: the integer's digits, zero-padded to n, the sign in front. */
function integerFormat(t: SqlTranslator, call: Expression, format: string, sql: string): string {
  const d = /^[dD]([0-9]{0,2})$/.exec(format);
  const width = d !== null ? Number(d[1] === '' ? '1' : d[1]) : /^0+$/.test(format) ? format.length : undefined;
  if (width === undefined) throw t.state.unsupported(call, `FORMAT of an integer with '${format}' (only 'D', 'Dn' and zeros such as '000000' are emulated)`);
  const v = `CAST(${sql} AS HUGEINT)`;
  return `(CASE WHEN ${v} < 0 THEN '-' ELSE '' END || printf('%0${width}d', abs(${v})))`;
}

/** The parts of a custom date and time format as SQL text pieces. */
function dateFormat(t: SqlTranslator, call: Expression, format: string, v: Value, british: boolean): string {
  if (format.length < 2) throw t.state.unsupported(call, `FORMAT with the standard format '${format}' (culture-dependent patterns are not emulated)`);
  const d = v.sql;
  const num = (sql: string, width: number): string => `printf('%0${width}d', ${sql})`;
  const pieces: string[] = [];
  const literal = (s: string): void => { pieces.push(t.bind(s, 'VARCHAR')); };
  for (let i = 0; i < format.length;) {
    const c = format[i] as string;
    let n = 1;
    while (format[i + n] === c) n++;
    const refuse = (why: string): never => { throw t.state.unsupported(call, `FORMAT with '${format}': ${why}`); };
    // en-GB's abbreviated month and day names ('Sep' or 'Sept') and AM/PM ('AM' or 'am') differ between Windows versions' culture data
    if (british && ((n === 3 && (c === 'M' || c === 'd')) || c === 't')) refuse(`'${c.repeat(n)}' in en-GB (its text differs between Windows versions)`);
    switch (c) {
      case 'y': pieces.push(n === 2 || n === 1 ? num(`year(${d}) % 100`, n) : n <= 5 ? num(`year(${d})`, n) : refuse('a year of more than 5 digits')); break;
      case 'M': pieces.push(n <= 2 ? num(`month(${d})`, n) : n === 3 ? `left(monthname(${d}), 3)` : n === 4 ? `monthname(${d})` : refuse('MMMMM')); break;
      case 'd': pieces.push(n <= 2 ? num(`day(${d})`, n) : n === 3 ? `left(dayname(${d}), 3)` : n === 4 ? `dayname(${d})` : refuse('ddddd')); break;
      case 'H': pieces.push(n <= 2 ? num(`hour(${d})`, n) : refuse('HHH')); break;
      case 'h': pieces.push(n <= 2 ? num(`(hour(${d}) + 11) % 12 + 1`, n) : refuse('hhh')); break;
      case 'm': pieces.push(n <= 2 ? num(`minute(${d})`, n) : refuse('mmm')); break;
      case 's': pieces.push(n <= 2 ? num(`second(${d})`, n) : refuse('sss')); break;
      case 't': pieces.push(n === 1 ? `CASE WHEN hour(${d}) < 12 THEN 'A' ELSE 'P' END` : n === 2 ? `CASE WHEN hour(${d}) < 12 THEN 'AM' ELSE 'PM' END` : refuse('ttt')); break;
      case 'f':
        if (n > v.fraction) refuse(`${n} digits of a second fraction, where the value holds ${v.fraction === 0 ? 'datetime\'s 1/300 s (.NET shows .007 as .006)' : `${v.fraction}`}`);
        pieces.push(num(`microsecond(${d}) % 1000000 // ${10 ** (6 - n)}`, n));
        break;
      case '\'': case '"': {
        const close = format.indexOf(c, i + 1);
        if (close < 0) refuse('an unclosed quoted text');
        literal(format.slice(i + 1, close));
        i = close + 1;
        continue;
      }
      case '\\':
        if (i + 1 >= format.length) refuse('a lone backslash');
        literal(format[i + 1] as string);
        i += 2;
        continue;
      default:
        // en-US's date separator is '/' and its time separator ':'; these characters are copied.
        if (!/^[-/:., _()T]$/.test(c)) refuse(`the character '${c}' (a specifier or character the emulator does not reproduce)`);
        literal(c.repeat(n));
    }
    i += n;
  }
  return pieces.length === 1 ? (pieces[0] as string) : `concat(${pieces.join(', ')})`;
}
