import { likeClassLimits as classLimits, likeDanglingEscape as danglingEscape, likeExpandingIn as expandingIn, likeExpansionRisk as expansionRisk, likeExpansionRiskSql, likeRangeExactText, likeToRegex, likeEscapeOutsideClasses, likeTrailingBlanksIrrelevant, type Expression } from '../../tsql';
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
 * refused at run time rather than guessed. Classes the collation orders differently from code
 * points are refused (see classLimits).
 */
export function translateLike(t: SqlTranslator, e: Extract<Expression, { kind: 'Like' }>, scope: SqlScope): SqlFragment {
  const x = t.expr(e.expression, scope);
  const not = e.not ? 'NOT ' : '';
  const unicode = likeIsUnicode([unicodeOfFragment(x), unicodeOf(t, e.pattern, scope), e.escape === undefined ? false : unicodeOf(t, e.escape, scope)]);
  const value = `CAST(${x.sql} AS VARCHAR)`;
  const known = t.knownValue(e.pattern);
  // `ESCAPE '!'` with a pattern known before the query runs: matched like any known pattern.
  const escapeValue = e.escape === undefined ? undefined : t.knownValue(e.escape);
  const escape = escapeValue?.kind === 'str' && typeof escapeValue.value === 'string' && [...escapeValue.value].length === 1 ? escapeValue.value : undefined;
  // A constant pattern whose ESCAPE sits inside a [ ] class is read no documented way: refused here,
  // where the LIKE is, rather than at run time as if the pattern came from the data.
  if (known?.kind === 'str' && typeof known.value === 'string' && escape !== undefined && !likeEscapeOutsideClasses(known.value, escape)) {
    throw t.state.unsupported(e, `LIKE with its ESCAPE character '${escape}' inside a [ ] class (SQL Server does not document whether it escapes there)`);
  }
  if (known !== undefined && known.kind === 'str' && (e.escape === undefined || (escape !== undefined && known.value !== null && !danglingEscape(known.value, escape)))) {
    if (known.value === null) return { sql: 'CAST(NULL AS BOOLEAN)', family: 'bit' };
    const limits = classLimits(known.value);
    if (limits.problem !== undefined) throw t.state.unsupported(e, `LIKE with ${limits.problem}`);
    const regex = likeToRegex(known.value, escape);
    // Only what the SQL uses is bound (DuckDB refuses a parameter the statement lacks).
    const exact = (): string => `regexp_full_match(${value}, ${t.bind(regex, 'VARCHAR')}, 'is')`;
    const padded = (): string => `regexp_full_match(${value}, ${t.bind(`(?:${regex}) *`, 'VARCHAR')}, 'is')`;
    const match = unicode === true ? exact() : unicode === false ? padded()
      : `(CASE WHEN ${value} = rtrim(${value}, ' ') THEN ${exact()} WHEN (${exact()}) IS DISTINCT FROM (${padded()}) THEN error('the emulator does not support LIKE over text ending in blanks whose type it cannot tell (nvarchar: the blanks count; varchar: they do not): CAST it to varchar or nvarchar') ELSE ${exact()} END)`;
    // A NULL value stays NULL (UNKNOWN) past the ASCII check, as the match itself gives.
    const expansions = unicode !== false && expansionRisk(known.value) ? ` WHEN regexp_matches(${value}, '${expandingIn(known.value)}') THEN error('the emulator does not support LIKE where SQL Server''s collation may match an expanding letter with its spelled-out form (ß = ss, æ = ae, œ = oe, ĳ = ij) or ignore a soft hyphen: ''' || ${value} || '''')` : '';
    const checked = limits.ranges || expansions !== '' ? `(CASE WHEN ${value} IS NULL THEN NULL${expansions}${limits.ranges ? asciiOnly(value, 'LIKE', limits) : ''} ELSE ${match} END)` : match;
    return { sql: `(${not}${checked})`, family: 'bit' };
  }
  const p = t.expr(e.pattern, scope);
  const esc = e.escape === undefined ? '' : ` ESCAPE ${t.expr(e.escape, scope).sql}`;
  // A pattern from the data: ILIKE is exact unless it holds a [ ] class, or (for text that is
  // not known to be Unicode) the value ends in blanks and the pattern does not end in % (which
  // takes the blanks SQL Server would ignore: `CharCol LIKE t.Prefix + '%'`); both are refused at run time.
  const blanks = unicode === true ? '' : ` WHEN ${value} <> rtrim(${value}, ' ') AND NOT ends_with(CAST(${p.sql} AS VARCHAR), '%') THEN error('the emulator does not support LIKE patterns taken from data over text ending in blanks')`;
  // As with a known pattern: over Unicode text the collation's expansions (ß = ss) may match what ILIKE does not.
  const expansions = unicode === false ? '' : ` WHEN ${likeExpansionRiskSql(value, `CAST(${p.sql} AS VARCHAR)`)} THEN error('the emulator does not support LIKE where SQL Server''s collation may match an expanding letter with its spelled-out form (ß = ss, æ = ae, œ = oe, ĳ = ij) or ignore a soft hyphen: ''' || ${value} || ''' LIKE ''' || CAST(${p.sql} AS VARCHAR) || '''')`;
  return {
    sql: `(CASE WHEN strpos(CAST(${p.sql} AS VARCHAR), '[') > 0 THEN error('the emulator does not support LIKE patterns with [ ] taken from data')${blanks}${expansions} ELSE ${value} ${not}ILIKE ${p.sql}${esc} END)`,
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
 * PATINDEX(pattern, expression): the 1-based position where the first match of the pattern
 * starts, 0 when there is none, matching as LIKE does (`%`, `_`, `[ ]` classes, case-insensitive
 * like the collation). A pattern starting with `%` may match from any position (the first one
 * that lets the rest match to the end, or on when it ends with `%`); one without must match from
 * position 1. The pattern must be known before the statement runs (literals, variables), and
 * what SQL Server's documentation leaves open is refused rather than guessed: an empty pattern
 * or one of `%` only; a class holding `^` as a member or a range other than digits or letters of
 * one case (SQL Server orders ranges by the collation, where punctuation and accented letters
 * fall elsewhere than in code points), and then values beyond printable ASCII; a value ending in
 * a blank (LIKE ignores those over varchar, PATINDEX is not documented to); text from a number
 * other than an integer or a date (its text is the conversion's).
 * The blank rule applies only where the pattern could tell (likeTrailingBlanksIrrelevant).
 */
export function translatePatindex(t: SqlTranslator, call: Extract<Expression, { kind: 'FunctionCall' }>, scope: SqlScope): SqlFragment {
  const [patternArg, valueArg] = call.args;
  if (patternArg === undefined || valueArg === undefined || call.args.length !== 2) throw t.state.unsupported(call, `PATINDEX with ${call.args.length} arguments`);
  const known = t.knownValue(patternArg);
  if (known === undefined || (known.kind !== 'str' && known.value !== null)) throw t.state.unsupported(call, 'PATINDEX with a pattern computed while the statement runs (only literals and variables are emulated)');
  const x = t.expr(valueArg, scope);
  if (x.family !== 'string' && x.family !== 'integer' && x.family !== 'unknown') throw t.state.unsupported(call, `PATINDEX over a ${x.family} value (its text is the conversion's)`);
  if (known.value === null) return { sql: 'CAST(NULL AS INTEGER)', family: 'integer', duckType: 'INTEGER' };
  const pattern = String(known.value);
  if (/^%*$/.test(pattern)) throw t.state.unsupported(call, `PATINDEX of the pattern '${pattern}' (its result is not documented)`);
  const limits = classLimits(pattern);
  if (limits.problem !== undefined) throw t.state.unsupported(call, `PATINDEX with ${limits.problem}`);
  const value = `tsql_bmp(${x.sql})`; // positions count UTF-16 units in SQL Server: text past U+FFFF is refused
  const floating = pattern.startsWith('%');
  const rest = likeToRegex(pattern.replace(/^%+/, ''));
  const found = floating
    ? `CASE WHEN regexp_full_match(${value}, ${t.bind(`.*?(?:${rest})`, 'VARCHAR')}, 'is') THEN length(regexp_extract(${value}, ${t.bind(`^(.*?)(?:${rest})$`, 'VARCHAR')}, 1, 'is')) + 1 ELSE 0 END`
    : `CASE WHEN regexp_full_match(${value}, ${t.bind(rest, 'VARCHAR')}, 'is') THEN 1 ELSE 0 END`;
  const ascii = limits.ranges ? asciiOnly(value, 'PATINDEX', limits) : '';
  // As LIKE: the collation's expansions (ß = ss) over Unicode text; refused over varchar too,
  // whose SQL_ collation would not expand, as the pattern's type is not known here.
  const expansions = expansionRisk(pattern) ? ` WHEN regexp_matches(${value}, '${expandingIn(pattern)}') THEN error('the emulator does not support PATINDEX where SQL Server''s collation may match an expanding letter with its spelled-out form (ß = ss, æ = ae, œ = oe, ĳ = ij) or ignore a soft hyphen: ''' || ${value} || '''')` : '';
  // Trailing blanks are refused only where counting or ignoring them could move the result.
  const blanks = likeTrailingBlanksIrrelevant(pattern) ? '' : ` WHEN ${value} <> rtrim(${value}, ' ') THEN error('the emulator does not support PATINDEX over text ending in blanks with a pattern that may match them or must reach the end (SQL Server does not document whether they count): RTRIM the value')`;
  return {
    sql: `(CASE WHEN ${value} IS NULL THEN NULL${blanks}${expansions}${ascii} ELSE ${found} END)`,
    family: 'integer', duckType: 'INTEGER',
  };
}

/** A CASE branch refusing, where it is met, a value the collation may order inside a pattern's range (beyond printable ASCII; see likeRangeExactText). */
function asciiOnly(value: string, what: string, limits: { readonly digitRangesOnly?: boolean }): string {
  return ` WHEN NOT regexp_full_match(${value}, '${likeRangeExactText(limits)}', 's') THEN error('the emulator does not support ${what} with a [ ] range over text holding characters beyond printable ASCII (SQL Server orders them by the collation)')`;
}
