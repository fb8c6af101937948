import type { Expression } from '../../tsql';
import { evalFast } from './fastpath';
import type { SqlFragment, SqlTranslator } from './expressions';
import type { SqlScope } from './sql-scope';
import { familyOf } from './tsql-types';

// LIKE as SQL Server matches: its patterns as regular expressions, and the trailing-blank rule
// that depends on whether the match is Unicode.

/**
 * LIKE. SQL Server matches non-Unicode text (char, varchar) ignoring the value's trailing
 * blanks, any number of them ('abc  ' LIKE 'abc' and LIKE 'abc ' are true, a char(n)
 * column matches '%c'), while the pattern's own blanks count; with an nchar/nvarchar
 * argument every blank counts. A pattern known before the query runs (literals, variables, +)
 * becomes an exact regular expression, [a-z] / [^x] / [%] classes included, case-insensitive
 * like the collation, followed by ` *` for non-Unicode matching. Where the arguments' types
 * are not known (a function's result), both are computed and a value where they differ is
 * refused at run time rather than guessed.
 */
export function translateLike(t: SqlTranslator, e: Extract<Expression, { kind: 'Like' }>, scope: SqlScope): SqlFragment {
  const x = t.expr(e.expression, scope);
  const not = e.not ? 'NOT ' : '';
  const unicode = likeIsUnicode([unicodeOfFragment(x), unicodeOf(t, e.pattern, scope), e.escape === undefined ? false : unicodeOf(t, e.escape, scope)]);
  const value = `CAST(${x.sql} AS VARCHAR)`;
  const known = e.escape === undefined && t.variables === undefined ? evalFast(t.state, e.pattern) : undefined;
  if (known !== undefined && known.kind === 'str') {
    if (known.value === null) return { sql: 'CAST(NULL AS BOOLEAN)', family: 'bit' };
    const regex = likeToRegex(known.value);
    // Only what the SQL uses is bound (DuckDB refuses a parameter the statement lacks).
    const exact = (): string => `regexp_full_match(${value}, ${t.bind(regex, 'VARCHAR')}, 'is')`;
    const padded = (): string => `regexp_full_match(${value}, ${t.bind(`(?:${regex}) *`, 'VARCHAR')}, 'is')`;
    const match = unicode === true ? exact() : unicode === false ? padded()
      : `(CASE WHEN ${value} = rtrim(${value}, ' ') THEN ${exact()} WHEN (${exact()}) IS DISTINCT FROM (${padded()}) THEN error('the emulator does not support LIKE over text ending in blanks whose type it cannot tell (nvarchar: the blanks count; varchar: they do not): CAST it to varchar or nvarchar') ELSE ${exact()} END)`;
    return { sql: `(${not}${match})`, family: 'bit' };
  }
  const p = t.expr(e.pattern, scope);
  const esc = e.escape === undefined ? '' : ` ESCAPE ${t.expr(e.escape, scope).sql}`;
  // A pattern from the data: ILIKE is exact unless it holds a [ ] class, or (for text that is
  // not known to be Unicode) the value ends in blanks; both are refused at run time.
  const blanks = unicode === true ? '' : ` WHEN ${value} <> rtrim(${value}, ' ') THEN error('the emulator does not support LIKE patterns taken from data over text ending in blanks')`;
  return {
    sql: `(CASE WHEN strpos(CAST(${p.sql} AS VARCHAR), '[') > 0 THEN error('the emulator does not support LIKE patterns with [ ] taken from data')${blanks} ELSE ${value} ${not}ILIKE ${p.sql}${esc} END)`,
    family: 'bit',
  };
}

/** Whether an expression is Unicode text (nchar, nvarchar, N'…'), read from the syntax tree without binding anything; undefined when not known. */
function unicodeOf(t: SqlTranslator, e: Expression, scope: SqlScope): boolean | undefined {
  if (e.kind === 'Literal') return e.literalType === 'nstring';
  if (e.kind === 'Variable') {
    const slot = t.variables === undefined ? t.state.frame.variables.get(e.name.toLowerCase()) : undefined;
    const inlined = t.variables?.get(e.name.toLowerCase());
    return unicodeOfFragment(inlined ?? (slot === undefined ? { sql: '', family: 'unknown' } : { sql: '', family: familyOf(slot.type), tsqlType: slot.type }));
  }
  if (e.kind === 'ColumnRef') {
    const col = scope.lookupRef(e.parts);
    return col === undefined ? undefined : unicodeOfFragment({ sql: '', family: col.family, tsqlType: col.tsqlType });
  }
  if (e.kind === 'Binary' && e.operator === '+') {
    const [l, r] = [unicodeOf(t, e.left, scope), unicodeOf(t, e.right, scope)];
    return l === true || r === true ? true : l === false && r === false ? false : undefined;
  }
  return undefined;
}

/** Whether a translated value is Unicode text; false for other types (LIKE converts them to varchar); undefined when not known. */
function unicodeOfFragment(x: SqlFragment): boolean | undefined {
  const name = x.tsqlType?.name.toLowerCase();
  if (name !== undefined) return name === 'nchar' || name === 'nvarchar' || name === 'ntext' || name === 'sysname';
  return x.family === 'string' || x.family === 'unknown' ? undefined : false;
}

/** LIKE is Unicode when any argument is; not when none is known to be and all are known not to be. */
function likeIsUnicode(args: readonly (boolean | undefined)[]): boolean | undefined {
  if (args.includes(true)) return true;
  return args.every((a) => a === false) ? false : undefined;
}

/**
 * Converts a T-SQL LIKE pattern to a regular expression for a full match: `%` any run, `_` one
 * character, `[abc]`, `[a-c]`, `[^a]` classes (`[%]` and `[_]` are how T-SQL escapes them),
 * every other character literal.
 */
function likeToRegex(pattern: string): string {
  let out = '';
  const chars = [...pattern];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] as string;
    if (c === '%') out += '.*';
    else if (c === '_') out += '.';
    else if (c === '[') {
      const close = chars.indexOf(']', i + 2);
      if (close < 0) { out += '\\['; continue; }
      const body = chars.slice(i + 1, close);
      const negate = body[0] === '^';
      const items = (negate ? body.slice(1) : body).map((ch) => (/[\\\]^[]/.test(ch) ? `\\${ch}` : ch)).join('');
      out += `[${negate ? '^' : ''}${items}]`;
      i = close;
    } else out += /[.*+?(){}|$^\\[\]]/.test(c) ? `\\${c}` : c;
  }
  return out;
}
