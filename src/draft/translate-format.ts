import type { Expression, FunctionCall } from '../tsql';
import { isRefusal, translated, type Refusal, type Translated } from './draft-model';
import type { SourceSpan } from '../core';
import { locatedStop, refuseAt, type DraftScope } from './draft-scope';
import { stringLiteral } from './sql-text';

/*
 * FORMAT(value, format [, culture]) where SQL Server's result (.NET's formatting, culture en-US:
 * the session language us_english) is fixed by the documentation, the same forms the emulator
 * reproduces (src/legacy/emulator/format-function.ts):
 * - integers and decimals in 'N[n]' (',' every three digits) and 'F[n]': n decimals (2 when
 *   omitted), rounded half away from zero as .NET Framework rounds a decimal;
 * - integers in 'D[n]' or a run of zeros ('000000'): the digits zero-padded, the sign in front;
 * - dates and datetimes in custom formats (yyyy-MM-dd, dd/MM/yyyy HH:mm, MMMM yyyy, hh:mm tt …):
 *   en-US's English month and day names, '/' and ':' as its separators, quoted text as written.
 * en-GB writes the same (its separators, digits and full English names are en-US's), but for its
 * abbreviated month and day names and AM/PM designators, which are refused.
 * The format (and the culture, en-US or en-GB) must be a text literal. Everything else is
 * refused naming the pattern: the culture-dependent standard formats ('C' currency, whose
 * negative form differs between .NET versions, 'P', 'E', 'G', 'd', 'D' of a date …), custom number
 * formats ('#,##0.00'), floats (.NET prints a double from 15 significant digits), money, second
 * fractions ('fff': the draft does not know whether a value is datetime, whose 1/300 s .NET shows
 * differently, or datetime2), and time-zone or era specifiers. A negative value that rounds to
 * zero stops the query (whether '-' stays differs between .NET versions).
 */

type Translate = (e: Expression, scope: DraftScope) => Translated | Refusal;

const NEGATIVE_ZERO = 'FORMAT of a negative value that rounds to zero: whether .NET keeps its sign differs between versions';
const RESULT = { family: 'string', unicode: true, length: 4000 } as const;

export function translateFormat(call: FunctionCall, scope: DraftScope, tx: Translate): Translated | Refusal {
  const [valueArg, formatArg, cultureArg] = call.args;
  const refuse = (why: string): Refusal => refuseAt(scope.ctx, call.span, 'FORMAT()', why);
  if (valueArg === undefined || formatArg === undefined || call.args.length > 3) return refuse(`${call.args.length} arguments`);
  const literalText = (e: Expression): string | undefined => (e.kind === 'Literal' && (e.literalType === 'string' || e.literalType === 'nstring') ? e.value : undefined);
  const format = literalText(formatArg);
  if (format === undefined) return refuse('the format must be a text literal (its result depends on it)');
  // Without a culture FORMAT takes the session language's: after a SET LANGUAGE the draft does not
  // follow (date-first.ts leaves the date format unknown then), en-US would be a guess.
  if (cultureArg === undefined && scope.ctx.dateFormat !== undefined && typeof scope.ctx.dateFormat !== 'string') return refuse('no culture given, under a SET LANGUAGE or DATEFORMAT the draft does not follow (FORMAT then takes the session language\'s culture); give the culture');
  const culture = cultureArg === undefined ? 'en-us' : literalText(cultureArg)?.toLowerCase();
  if (culture !== 'en-us' && culture !== 'en-gb') return refuse('only the cultures en-US (the session language us_english) and en-GB are reproduced');
  const v = tx(valueArg, scope);
  if (isRefusal(v)) return v;
  const pattern = (why: string): Refusal => refuseAt(scope.ctx, call.span, `FORMAT(…, '${format}')`, why);
  let body: string | Refusal;
  const fixed = /^([nNfF])([0-9]?)$/.exec(format);
  if ((v.type.family === 'int' || (v.type.family === 'decimal' && v.type.money === undefined)) && fixed) {
    body = fixedPoint(v, fixed[1] as string, fixed[2] === '' ? 2 : Number(fixed[2]), scope, call.span);
  } else if (v.type.family === 'int') {
    const d = /^[dD]([0-9]{0,2})$/.exec(format);
    const width = d !== null ? Number(d[1] === '' ? '1' : d[1]) : /^0+$/.test(format) ? format.length : undefined;
    if (width === undefined) return pattern(`an integer in '${format}' is not reproduced (only 'N[n]', 'F[n]', 'D[n]' and zeros such as '000000')`);
    const x = `CAST(${v.sql} AS HUGEINT)`;
    body = `(CASE WHEN ${x} < 0 THEN '-' ELSE '' END || printf('%0${width}d', abs(${x})))`;
  } else if (v.type.family === 'decimal') {
    return pattern(v.type.money !== undefined ? `${v.type.money} is not reproduced in any format` : `a decimal in '${format}' is not reproduced (only 'N[n]' and 'F[n]')`);
  } else if (v.type.family === 'date' || v.type.family === 'datetime') {
    body = dateFormat(format, `CAST(${v.sql} AS TIMESTAMP)`, v.type.family === 'date', pattern, culture === 'en-gb');
  } else {
    return pattern(`FORMAT of ${v.type.family} follows .NET rules the draft does not reproduce`);
  }
  if (isRefusal(body)) return body;
  return translated(`(CASE WHEN ${v.sql} IS NULL THEN NULL ELSE ${body} END)`, RESULT);
}

/** 'N[n]' / 'F[n]' of an integer or a decimal: n decimals, half away from zero, 'N' with ',' every three digits. */
function fixedPoint(v: Translated, kind: string, digits: number, scope: DraftScope, span: SourceSpan): string {
  const value = v.type.family === 'int' ? `CAST(${v.sql} AS DECIMAL(38,0))` : v.sql;
  const rounded = `round(${value}, ${digits})`;
  const whole = `CAST(trunc(abs(${rounded})) AS HUGEINT)`;
  const wholeText = kind === 'n' || kind === 'N' ? `format('{:,}', ${whole})` : `CAST(${whole} AS VARCHAR)`;
  const fraction = digits === 0 ? '' : ` || '.' || left(rpad(split_part(CAST(abs(${rounded}) AS VARCHAR), '.', 2), ${digits}, '0'), ${digits})`;
  return `(CASE WHEN ${value} < 0 AND ${rounded} = 0 THEN error(${stringLiteral(locatedStop(scope.ctx, span, NEGATIVE_ZERO))})
    ELSE CASE WHEN ${rounded} < 0 THEN '-' ELSE '' END || ${wholeText}${fraction} END)`;
}

/** A custom date and time format as SQL text pieces over the TIMESTAMP `d`. */
function dateFormat(format: string, d: string, isDate: boolean, pattern: (why: string) => Refusal, british: boolean): string | Refusal {
  if (format.length < 2) return pattern(`the standard date format '${format}' is culture-dependent; write a custom one such as 'yyyy-MM-dd'`);
  const num = (sql: string, width: number): string => `printf('%0${width}d', ${sql})`;
  const pieces: string[] = [];
  for (let i = 0; i < format.length;) {
    const c = format[i] as string;
    let n = 1;
    while (format[i + n] === c) n++;
    let piece: string | undefined;
    // en-GB's abbreviated month and day names ('Sep' or 'Sept') and AM/PM ('AM' or 'am') differ between Windows versions' culture data
    if (british && ((n === 3 && (c === 'M' || c === 'd')) || c === 't')) return pattern(`'${c.repeat(n)}' in en-GB (its text differs between Windows versions)`);
    switch (c) {
      case 'y': piece = n <= 2 ? num(`year(${d}) % 100`, n) : n <= 5 ? num(`year(${d})`, n) : undefined; break;
      case 'M': piece = n <= 2 ? num(`month(${d})`, n) : n === 3 ? `left(monthname(${d}), 3)` : n === 4 ? `monthname(${d})` : undefined; break;
      case 'd': piece = n <= 2 ? num(`day(${d})`, n) : n === 3 ? `left(dayname(${d}), 3)` : n === 4 ? `dayname(${d})` : undefined; break;
      case 'H': piece = n <= 2 ? num(`hour(${d})`, n) : undefined; break;
      case 'h': piece = n <= 2 ? num(`(hour(${d}) + 11) % 12 + 1`, n) : undefined; break;
      case 'm': piece = n <= 2 ? num(`minute(${d})`, n) : undefined; break;
      case 's': piece = n <= 2 ? num(`second(${d})`, n) : undefined; break;
      case 't': piece = n === 1 ? `CASE WHEN hour(${d}) < 12 THEN 'A' ELSE 'P' END` : n === 2 ? `CASE WHEN hour(${d}) < 12 THEN 'AM' ELSE 'PM' END` : undefined; break;
      // A date has no fraction of a second: its digits are zeros.
      case 'f': if (isDate && n <= 7) piece = stringLiteral('0'.repeat(n)); break;
      case '\'': case '"': {
        const close = format.indexOf(c, i + 1);
        if (close < 0) return pattern('an unclosed quoted text');
        pieces.push(stringLiteral(format.slice(i + 1, close)));
        i = close + 1;
        continue;
      }
      case '\\':
        if (i + 1 >= format.length) return pattern('a lone backslash');
        pieces.push(stringLiteral(format[i + 1] as string));
        i += 2;
        continue;
      default:
        // en-US's date separator is '/' and its time separator ':'; these characters are copied.
        if (/^[-/:., _()T]$/.test(c)) piece = stringLiteral(c.repeat(n));
    }
    if (piece === undefined) {
      return pattern(c === 'f' || c === 'F' ? 'fractions of a second: the draft does not know whether the value is a datetime (1/300 s, which .NET shows differently) or a datetime2' : `'${c.repeat(n)}' is a specifier or character the draft does not reproduce`);
    }
    pieces.push(piece);
    i += n;
  }
  return pieces.length === 1 ? (pieces[0] as string) : `concat(${pieces.join(', ')})`;
}
