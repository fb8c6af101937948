import type { FunctionCall } from '../../tsql';
import type { SqlFragment, SqlTranslator } from './expressions';

/**
 * RAISERROR's message substitution as the RAISERROR documentation defines it:
 * `% [[flag] [width] [. precision] [{h | l}]] type`, flags `-` (left-justify), `+` (sign of a
 * signed value), `0` (pad with zeros), `#` (0, 0x or 0X before o, x, X), blank (a blank before
 * a positive signed value); width and precision `*` taken from the argument list; types d i
 * (signed), o u x X (unsigned), s. These follow C's printf, so the cases the page leaves open are
 * C's (precision of an integer is its minimum digit count and disables `0`; `#` adds nothing to
 * zero).
 */

/** An argument of RAISERROR: its value as text (NULL as null) and whether it is text or an integer. */
export interface RaiserrorArgument {
  readonly value: string | null;
  readonly kind: 'int' | 'bigint' | 'text' | 'null' | 'other';
}

/** A format specification the emulator cannot reproduce; the caller refuses the statement with it. */
export class UnsupportedFormat extends Error {}

const SPEC = /%%|%([-+ 0#]*)(\d+|\*)?(?:\.(\d*|\*))?(h|l|I64)?([dioxXsu])/g;

/** Pads `body` (after its sign or prefix `lead`) to `width` as the flags say. */
function pad(lead: string, body: string, width: number, left: boolean, zeros: boolean): string {
  const len = lead.length + body.length;
  if (len >= width) return lead + body;
  if (left) return lead + body + ' '.repeat(width - len);
  if (zeros) return lead + '0'.repeat(width - len) + body;
  return ' '.repeat(width - len) + lead + body;
}

/** An integer argument as a BigInt, or a refusal when it holds something else. */
function integerOf(arg: RaiserrorArgument, spec: string, size?: string): bigint {
  // The page: bigint is substituted by %I64d only.
  if (arg.kind === 'bigint' && size !== 'I64') throw new UnsupportedFormat(`RAISERROR ${spec} with a bigint argument (SQL Server takes a bigint with %I64d only)`);
  if ((arg.kind !== 'int' && arg.kind !== 'bigint') || arg.value === null || !/^-?\d+$/.test(arg.value)) {
    throw new UnsupportedFormat(`RAISERROR ${spec} with an argument that is not an integer (SQL Server raises error 2786 or converts it; not reproduced)`);
  }
  return BigInt(arg.value);
}

/** Substitutes `args` into `template`; a NULL or missing argument prints `(null)`. */
export function formatRaiserror(template: string, args: readonly RaiserrorArgument[]): string {
  let i = 0;
  const next = (): RaiserrorArgument | undefined => args[i++];
  /** A `*` width or precision: the next argument, an integer. */
  const star = (spec: string): number => {
    const a = next();
    if (a === undefined || a.value === null) throw new UnsupportedFormat(`RAISERROR ${spec} whose * has no argument`);
    return Number(integerOf(a, spec));
  };
  return template.replace(SPEC, (spec, flags: string, w: string | undefined, pr: string | undefined, size: string | undefined, type: string) => {
    if (spec === '%%') return '%';
    let width = w === undefined ? 0 : w === '*' ? star(spec) : Number(w);
    let left = flags.includes('-');
    if (width < 0) { left = true; width = -width; } // C: a negative * width is '-' with its magnitude
    const precision = pr === undefined ? undefined : pr === '*' ? star(spec) : Number(pr === '' ? 0 : pr);
    const arg = next();
    if (arg === undefined || arg.value === null) return pad('', '(null)', width, left, false);
    if (type === 's') {
      if (arg.kind !== 'text') throw new UnsupportedFormat(`RAISERROR ${spec} with an argument that is not text (SQL Server raises error 2786; not reproduced)`);
      if (flags.includes('0') && !left) throw new UnsupportedFormat(`RAISERROR ${spec}: the 0 flag with %s (not documented)`);
      const text = precision === undefined || precision < 0 ? arg.value : arg.value.slice(0, precision);
      return pad('', text, width, left, false);
    }
    let n = integerOf(arg, spec, size);
    const bits = size === 'h' ? 16n : size === 'I64' ? 64n : 32n;
    let lead = '';
    let digits: string;
    if (type === 'd' || type === 'i') {
      if (n < 0n) { lead = '-'; n = -n; } else if (flags.includes('+')) lead = '+'; else if (flags.includes(' ')) lead = ' ';
      digits = n.toString();
    } else {
      // Unsigned types print the value's two's complement in its size (-1 as %u is 4294967295).
      if (n < 0n) n += 1n << bits;
      digits = n.toString(type === 'o' ? 8 : type === 'u' ? 10 : 16);
      if (type === 'X') digits = digits.toUpperCase();
      if (flags.includes('#') && n !== 0n) lead = type === 'o' ? '0' : type === 'x' ? '0x' : type === 'X' ? '0X' : '';
    }
    if (precision !== undefined && precision >= 0) {
      // C: the minimum number of digits; a zero value with precision 0 prints no digits.
      digits = precision === 0 && n === 0n ? '' : digits.padStart(precision, '0');
    }
    return pad(lead, digits, width, left, flags.includes('0') && precision === undefined);
  });
}

/**
 * RAISERROR's message as SQL Server shows it: 2,048 characters or more keep the first 2,044 and
 * an ellipsis. The page adds that substitutions take more room inside than they show (a %d of 2
 * takes three characters more), so where a long message has substitutions the cut is not known
 * and the statement is refused.
 */
export function raiserrorMessage(template: string, args: readonly RaiserrorArgument[]): string {
  const message = formatRaiserror(template, args);
  const substitutions = [...template.matchAll(SPEC)].filter((m) => m[0] !== '%%').length;
  if (substitutions > 0 && message.length > 1000) {
    throw new UnsupportedFormat(`RAISERROR of a message past 1,000 characters with substitutions (SQL Server cuts it at 2,047 characters counting room the substitutions take inside, which the page does not give)`);
  }
  return message.length >= 2048 ? `${message.slice(0, 2044)}...` : message;
}

/**
 * FORMATMESSAGE('msg', args…): the message RAISERROR would build (FORMATMESSAGE page: "like
 * the RAISERROR statement"), as an nvarchar. Built while translating, so the message and every
 * argument must be known before the statement (literals and variables: the THROW n,
 * FORMATMESSAGE(…), s idiom); a message number (sys.messages) or an argument read from rows is
 * refused. A NULL message gives NULL.
 */
export function translateFormatMessage(t: SqlTranslator, call: FunctionCall): SqlFragment {
  const [msg, ...rest] = call.args;
  const known = msg === undefined ? undefined : t.knownValue(msg);
  if (known === undefined || known.kind === 'int' || known.kind === 'bool') {
    throw t.state.unsupported(call, 'FORMATMESSAGE of a message number or of a message not known before the statement');
  }
  const args: RaiserrorArgument[] = rest.map((e) => {
    const v = t.knownValue(e);
    if (v === undefined) throw t.state.unsupported(e, 'a FORMATMESSAGE argument not known before the statement (read from rows or computed)');
    if (v.kind === 'null' || v.value === null) return { value: null, kind: 'null' };
    if (v.kind === 'str') return { value: v.value, kind: 'text' };
    if (v.kind === 'bool') return { value: v.value, kind: 'other' };
    const slot = e.kind === 'Variable' ? t.state.frame.variables.get(e.name.toLowerCase()) : undefined;
    return { value: v.value, kind: slot?.type.name === 'bigint' ? 'bigint' : 'int' };
  });
  let message: string | null;
  try {
    message = known.value === null ? null : raiserrorMessage(known.value, args);
  } catch (err) {
    if (err instanceof UnsupportedFormat) throw t.state.unsupported(call, err.message.replace(/^RAISERROR/, 'FORMATMESSAGE'));
    throw err;
  }
  return { sql: t.bind(message, 'VARCHAR'), family: 'string', duckType: 'VARCHAR' };
}
