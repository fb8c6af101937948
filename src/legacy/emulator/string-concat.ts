import type { SqlFragment } from './expressions';
import { makeType } from './tsql-types';

// `a + b` of text. SQL Server types the result from its operands (the + (String Concatenation)
// page): with a MAX operand it is MAX; otherwise varchar(n1 + n2), nvarchar with a Unicode
// operand, at most 8,000 bytes (4,000 characters of nvarchar), and a longer value is cut there,
// silently (`@a + @b` of two varchar(5000) is 8,000 characters). Operands whose type the
// emulator cannot tell (REPLICATE, a function's result) are guarded at run time: past 4,000
// characters, where a cut may or may not happen, the value is refused, never given whole or cut.

interface TextType { readonly unicode: boolean; readonly length: number }

const GUARD = "the emulator does not support + of text longer than 4,000 characters whose operands' types it cannot tell (SQL Server cuts the result at 8,000 bytes unless an operand is varchar(max) or nvarchar(max))";

function textTypeOf(x: SqlFragment): TextType | 'max' | undefined {
  const t = x.tsqlType;
  if (t === undefined || !['char', 'varchar', 'nchar', 'nvarchar'].includes(t.name) || t.length === undefined) return undefined;
  if (t.length === -1) return 'max';
  return { unicode: t.name.startsWith('n'), length: t.length };
}

/** `inTable`: a computed column, CHECK or DEFAULT, where DuckDB admits no lambda (nor a value drawn per call). */
export function concatText(left: SqlFragment, right: SqlFragment, inTable = false): SqlFragment {
  const joined = `(CAST(${left.sql} AS VARCHAR) || CAST(${right.sql} AS VARCHAR))`;
  const a = textTypeOf(left);
  const b = textTypeOf(right);
  const unicode = (a !== undefined && a !== 'max' && a.unicode) || (b !== undefined && b !== 'max' && b.unicode) || left.tsqlType?.name.startsWith('n') === true || right.tsqlType?.name.startsWith('n') === true;
  const name = unicode ? 'nvarchar' : 'varchar';
  if (a === 'max' || b === 'max') return { sql: joined, family: 'string', tsqlType: makeType(name, ['max']) };
  if (a === undefined || b === undefined) return { sql: refusedPast4000(joined, GUARD, inTable), family: 'string', ...concatUnicode([left, right]) };
  const limit = unicode ? 4000 : 8000;
  const length = a.length + b.length;
  if (length <= limit) return { sql: joined, family: 'string', tsqlType: makeType(name, [String(length)]) };
  return { sql: `left(${joined}, ${limit})`, family: 'string', tsqlType: makeType(name, [String(limit)]) };
}

const LONG_RESULT = (what: string): string => `the emulator does not support ${what} results longer than 4,000 characters without a varchar(max) or nvarchar(max) argument (SQL Server cuts them at 8,000 bytes)`;

/** `sql` refused with `message` where its value passes 4,000 characters. */
function refusedPast4000(sql: string, message: string, inTable: boolean): string {
  const refused = `CAST(error('${message.replace(/'/g, "''")}') AS VARCHAR)`;
  // A table's definition admits no lambda; elsewhere through a one-element list, so the operands
  // (NEXT VALUE FOR, NEWID()) are evaluated once.
  if (inTable) return `(CASE WHEN length(${sql}) > 4000 THEN ${refused} ELSE ${sql} END)`;
  return `list_transform([${sql}], lambda __s: CASE WHEN length(__s) > 4000 THEN ${refused} ELSE __s END)[1]`;
}

/**
 * CONCAT and CONCAT_WS of arguments none of which is varchar(max) or nvarchar(max): SQL Server
 * cuts the result (the CONCAT page: "truncates to 8,000"), in characters or bytes as its pages
 * differ; up to 4,000 characters no cut can happen, past that the value is refused. With a MAX
 * argument the whole value is kept.
 */
export function concatFunction(sql: string, args: readonly SqlFragment[], what: string, inTable = false): string {
  if (args.some((x) => textTypeOf(x) === 'max')) return sql;
  // Arguments of declared lengths that cannot reach 4,000 characters together need no guard
  // (a number, date, bit or GUID converts to at most 64 characters).
  const bound = args.reduce((sum, x) => {
    const t = textTypeOf(x);
    return sum + (t !== undefined && t !== 'max' ? t.length : SHORT_FAMILIES.has(x.family) ? 64 : Infinity);
  }, 0);
  return bound <= 4000 ? sql : refusedPast4000(sql, LONG_RESULT(what), inTable);
}

const SHORT_FAMILIES: ReadonlySet<string> = new Set(['integer', 'bit', 'exact', 'approx', 'date', 'datetime', 'time', 'guid']);

/**
 * REPLICATE of a value that is not varchar(max) or nvarchar(max) is cut at 8,000 bytes (the
 * REPLICATE page): 8,000 characters of varchar, 4,000 of nvarchar. A value whose type the
 * emulator cannot tell is refused past 4,000 characters.
 */
export function replicateText(sql: string, value: SqlFragment, inTable = false): string {
  const type = textTypeOf(value);
  if (type === 'max') return sql;
  if (type === undefined) return refusedPast4000(sql, LONG_RESULT('REPLICATE'), inTable);
  return `left(${sql}, ${type.unicode ? 4000 : 8000})`;
}

/**
 * Whether CONCAT / CONCAT_WS of these arguments is nvarchar (the CONCAT page: nvarchar when an
 * argument is nvarchar of any length or a CLR type, else varchar, numbers and dates converting to
 * varchar), as `unicodeText`; nothing when an argument's kind is unknown.
 */
export function concatUnicode(args: readonly SqlFragment[]): { unicodeText?: boolean } {
  const unicode = (x: SqlFragment): boolean | undefined => {
    const name = x.tsqlType?.name;
    if (name === 'nchar' || name === 'nvarchar' || name === 'ntext' || x.family === 'opaque') return true;
    if (name === 'char' || name === 'varchar' || name === 'text') return false;
    if (x.family === 'string') return x.unicodeText;
    return x.family === 'unknown' ? undefined : false;
  };
  const kinds = args.map(unicode);
  if (kinds.includes(true)) return { unicodeText: true };
  return kinds.includes(undefined) ? {} : { unicodeText: false };
}

/**
 * Whether REPLACE, LEFT, RIGHT or SUBSTRING of these text arguments is nvarchar (their pages:
 * nvarchar when an argument is, else varchar), so HASHBYTES of the result hashes the right bytes.
 * Nothing when an argument is not text (its implicit conversion is not followed here).
 */
export function textResultKind(args: readonly SqlFragment[]): { unicodeText?: boolean } {
  return args.every((x) => x.family === 'string') ? concatUnicode(args) : {};
}
