import { searchMayEquateSql, type Expression, type FunctionCall } from '../tsql';
import { isRefusal, translated, type Refusal, type Translated } from './draft-model';
import { locatedStop, refuseAt, type DraftScope } from './draft-scope';
import { castTo, decimalText, toCommonType } from './convert-value';
import { collationKey, decimalFromUnscaled, unscaledDigits, equatedTextStop, placeholderClock, placeholderUtcClock, stringLiteral } from './sql-text';
import { BIGINT, BIT, CLOCK, DATE, decimal, duckTypeOf, FLOAT, formatSqlType, INT, isNumeric, type SqlType } from './sql-types';
import { asDateArgument, dateAdd, UNITS } from './translate-dateadd';
import { translateWindow } from './translate-window';
import { translateGroupingCall } from './translate-grouping';
import { translateStringAgg } from './translate-string-agg';
import { translateFormat } from './translate-format';
import { translatePatindex } from './translate-patindex';
import { integerPower } from './integer-power';
import { decimalPower } from './decimal-power';
import { floatRoundSql } from './float-round';
import { translateHashBytes } from './binary-values';
import { translateScalarFunction } from './scalar-functions';
import { noteStuffOverXmlPath } from './translate-xml-path';
import { textExtreme } from './text-extremes';

/*
 * Built-in functions with SQL Server's semantics: LEN ignores trailing blanks, REPLACE and
 * CHARINDEX are case-insensitive under the default collation, ROUND keeps the argument's type
 * and rounds half away from zero, aggregates return SQL Server's types (AVG of int is int,
 * AVG of decimal is exact at scale max(s, 6)), COUNT(DISTINCT text) compares case-insensitively.
 */

type Result = Translated | Refusal;
type Translate = (e: Expression, scope: DraftScope) => Result;

// the aggregates translated here (STRING_AGG and GROUPING have their own; the rest are refused)
const TRANSLATED_AGGREGATES = new Set(['count', 'count_big', 'sum', 'avg', 'min', 'max']);

/** Translates a function call (scalar, aggregate or window), or refuses it. */
export function translateFunction(call: FunctionCall, scope: DraftScope, tx: Translate): Result {
  const name = call.name.parts.map((p) => p.name).join('.').toLowerCase();
  const refuse = (why: string): Refusal => refuseAt(scope.ctx, call.span, `${call.name.parts.map((p) => p.name).join('.')}()`, why);
  if (call.over) return translateWindow(call, name, scope, tx);
  if (name === 'string_agg') return translateStringAgg(call, scope, tx);
  if (name === 'format') return translateFormat(call, scope, tx);
  if (call.withinGroup.length > 0) return refuse('ordered-set aggregates are not translated');
  if (TRANSLATED_AGGREGATES.has(name)) return aggregate(call, name, scope, tx);
  if (name === 'grouping' || name === 'grouping_id') return translateGroupingCall(call, name, scope, tx);
  // OBJECT_NAME(@@PROCID), the procedure an audit row names: the name its CREATE gave it, a sysname
  const procid = call.args[0];
  if (name === 'object_name' && call.args.length === 1 && procid?.kind === 'SystemVariable' && procid.name.toUpperCase() === '@@PROCID' && scope.ctx.procedureName !== undefined) {
    return translated(stringLiteral(scope.ctx.procedureName), { family: 'string', unicode: true, length: 128 });
  }
  // a schema-qualified name is a user function (built-ins have none): expanded where its body allows
  const udf = call.name.parts.length > 1 ? translateScalarFunction(call, scope, tx) : undefined;
  if (udf !== undefined) return udf;
  // `m.[Location].STDistance(s.[Location])` parses as a call of a three-part name: its qualifier a
  // column, it is a method of the column's CLR type (geography, geometry, hierarchyid)
  const owner = call.name.parts.length > 1 ? scope.column(call.name.parts.slice(0, -1)) : undefined;
  if (owner !== undefined && owner !== 'ambiguous') {
    const method = `${call.name.parts.map((p) => (p.quote === 'bracket' ? `[${p.name}]` : p.name)).join('.')}()`;
    return refuseAt(scope.ctx, call.span, method, 'a method of the column\'s geography, geometry or hierarchyid value: CLR type methods have no exact DuckDB translation (write it by hand)');
  }
  if (name === 'stuff') noteStuffOverXmlPath(call);
  const args: Translated[] = [];
  for (const a of call.args) {
    if (a.kind === 'Literal' && a.literalType === 'datepart') { args.push(translated(a.value.toLowerCase(), { family: 'unknown', name: 'datepart' })); continue; }
    const t = tx(a, scope);
    if (isRefusal(t)) return t;
    args.push(t);
  }
  const [a, b, c] = args;
  const str = (t: Translated | undefined): boolean => t?.type.family === 'string';
  switch (name) {
    case 'len':
      if (!str(a)) return refuse('LEN of a non-text value converts it first; not translated');
      // A character past U+FFFF is two to LEN under the default (non-SC) collations, one to DuckDB's
      // length(); text whose bytes are its characters (ASCII) skips the count of such characters.
      return translated(`CAST((CASE WHEN strlen(${a?.sql}) = length(${a?.sql}) THEN length(rtrim(${a?.sql}, ' ')) ELSE length(rtrim(${a?.sql}, ' ')) + length(regexp_replace(rtrim(${a?.sql}, ' '), '[^\\x{10000}-\\x{10FFFF}]', '', 'gs')) END) AS INTEGER)`, INT);
    case 'datalength': {
      // Bytes: one per character of varchar/char (a single-byte code page, as the emulator
      // counts them), two per UTF-16 code unit of nvarchar/nchar; trailing blanks count, and a
      // char(n) column reads padded to n.
      if (!str(a)) return refuse('DATALENGTH of a value that is not text is not translated');
      const text = a as Translated;
      if (text.type.family === 'string' && !text.type.unicode) return translated(`CAST(length(${text.sql}) AS INTEGER)`, INT);
      return translated(`CAST(2 * (length(${text.sql}) + length(regexp_replace(${text.sql}, '[^\\x{10000}-\\x{10FFFF}]', '', 'gs'))) AS INTEGER)`, INT);
    }
    case 'upper': case 'lower': {
      if (!str(a)) return refuse('only text is translated');
      // SQL Server's case tables give ß no capital, DuckDB's upper() writes ẞ: ß is kept through a
      // private-use character (text already holding it stops, as in the emulator's tsql_upper).
      const x = a?.sql as string;
      if (name === 'lower') return translated(`lower(${x})`, (a as Translated).type);
      const both = stringLiteral(locatedStop(scope.ctx, call.span, 'UPPER of text holding both ß and U+E000 (the draft keeps ß through that character)'));
      return translated(`(CASE WHEN strpos(${x}, 'ß') = 0 THEN upper(${x}) WHEN strpos(${x}, chr(57344)) > 0 THEN error(${both}) ELSE replace(upper(replace(${x}, 'ß', chr(57344))), chr(57344), 'ß') END)`, (a as Translated).type);
    }
    case 'space':
      // SPACE(n): n blanks (varchar), NULL for a negative n; past 8,000 stops as REPLICATE does.
      if (a?.type.family !== 'int') return refuse('only SPACE(int) is translated');
      return translated(`(CASE WHEN ${a.sql} < 0 THEN NULL WHEN ${a.sql} > 8000 THEN error('SPACE past 8,000 characters: not reproduced') ELSE repeat(' ', CAST(${a.sql} AS BIGINT)) END)`, { family: 'string', unicode: false, length: undefined });
    case 'reverse':
      // Character by character, as SQL Server reverses UTF-16 code units: DuckDB's reverse() keeps
      // a combining mark after its letter (a grapheme), where SQL Server puts it before.
      if (!str(a)) return refuse('only text is translated');
      return translated(positionsStop(scope, call, 'REVERSE', a?.sql as string, `array_to_string(list_reverse(regexp_extract_all(${a?.sql}, '(?s).')), '')`), { family: 'string', unicode: a?.type.family === 'string' && a.type.unicode, length: undefined });
    case 'ltrim': case 'rtrim':
      if (!str(a) || args.length !== 1) return refuse('only the one-argument form on text is translated');
      return translated(`${name}(${a?.sql}, ' ')`, (a as Translated).type);
    case 'trim':
      if (!str(a) || args.length !== 1) return refuse('only the one-argument form on text is translated');
      return translated(`trim(${a?.sql}, ' ')`, (a as Translated).type);
    case 'left': case 'right':
      if (!str(a) || b?.type.family !== 'int') return refuse('only text and an integer length are translated');
      return translated(positionsStop(scope, call, name.toUpperCase(), a?.sql as string, `(CASE WHEN ${b.sql} < 0 THEN error('Invalid length parameter passed to the ${name} function.') ELSE ${name}(${a?.sql}, ${b.sql}) END)`), { family: 'string', unicode: a?.type.family === 'string' && a.type.unicode, length: undefined });
    case 'substring': {
      if (!str(a) || b?.type.family !== 'int' || c?.type.family !== 'int') return refuse('only text with integer start and length is translated');
      // SQL Server counts the characters before position 1 against the length.
      return translated(positionsStop(scope, call, 'SUBSTRING', a?.sql as string, `(CASE WHEN ${c.sql} < 0 THEN error('Invalid length parameter passed to the substring function.') ELSE substring(${a?.sql}, greatest(${b.sql}, 1), greatest(${b.sql} + ${c.sql} - greatest(${b.sql}, 1), 0)) END)`), { family: 'string', unicode: a?.type.family === 'string' && a.type.unicode, length: undefined });
    }
    case 'replace': {
      if (!str(a) || !str(b) || !str(c)) return refuse('only text arguments are translated');
      const lit = /^'((?:[^']|'')*)'$/.exec(b?.sql ?? '');
      // CHAR(13), CHAR(10), CHAR(9): the control characters a file import scrubs (CHAR(0) excepted,
      // which some collations ignore in comparisons), written as RE2's \x{hh}.
      const code = /^chr\((\d+)\)$/.exec(b?.sql ?? '');
      const search = lit ? (lit[1] as string).replace(/''/g, "'") : code && Number(code[1]) > 0 ? String.fromCharCode(Number(code[1])) : '';
      if (search === '') return refuse('REPLACE is case-insensitive under the collation: only a constant, non-empty search text is translated');
      // RE2 rewrite strings only treat backslash specially (\\1 references).
      const pattern = search.replace(/[\\.^$|?*+()[\]{}]/g, '\\$&').replace(/[^ -~]/g, (ch) => (ch.charCodeAt(0) < 32 || ch.charCodeAt(0) === 127 ? `\\x{${ch.charCodeAt(0).toString(16).padStart(2, '0')}}` : ch));
      return translated(equatedSearchStop(scope, call, 'REPLACE', a?.sql as string, b?.sql as string, `regexp_replace(${a?.sql}, ${stringLiteral(`(?i)${pattern}`)}, replace(${c?.sql}, '\\', '\\\\'), 'g')`), { family: 'string', unicode: false, length: undefined });
    }
    case 'str': {
      // STR(integer[, length]): the digits right-aligned in length (10) characters, asterisks when
      // they do not fit. With decimals or a non-integer, the rounding and fitting rules (see the
      // emulator's tsql_strf) are not translated.
      const length = b === undefined ? 10 : /^\d+$/.test(b.sql) ? Number(b.sql) : undefined;
      const noDecimals = c === undefined || c.sql === '0';
      if (a?.type.family !== 'int' || length === undefined || length < 1 || length > 8000 || !noDecimals) {
        return refuse('only STR of an integer with a constant length and no decimals is translated');
      }
      return translated(`(CASE WHEN length(CAST(${a.sql} AS VARCHAR)) > ${length} THEN '${'*'.repeat(Math.min(length, 60))}'${length > 60 ? ` || repeat('*', ${length - 60})` : ''} ELSE lpad(CAST(${a.sql} AS VARCHAR), ${length}, ' ') END)`, { family: 'string', unicode: false, length });
    }
    case 'char': {
      // ASCII is the same in every code page; 128-255 depend on the collation's.
      const code = /^\d+$/.test(a?.sql ?? '') ? Number(a?.sql) : -1;
      if (code < 0 || code > 127) return refuse('only a constant code 0-127 (ASCII) is translated');
      return translated(`chr(${code})`, { family: 'string', unicode: false, length: 1 });
    }
    case 'stuff': {
      const [, , , d] = args;
      if (!str(a) || b?.type.family !== 'int' || c?.type.family !== 'int' || !d || !/^'(?:[^']|'')*'$/.test(d.sql)) return refuse('only STUFF(text, int, int, a constant text) is translated (a NULL replacement is not reproduced)');
      // NULL when start is outside 1..LEN-with-trailing-blanks or the length is negative.
      return translated(positionsStop(scope, call, 'STUFF', a?.sql as string, `(CASE WHEN ${b.sql} < 1 OR ${b.sql} > length(${a?.sql}) OR ${c.sql} < 0 THEN NULL ELSE substring(${a?.sql}, 1, ${b.sql} - 1) || ${d.sql} || substring(${a?.sql}, ${b.sql} + ${c.sql}) END)`), { family: 'string', unicode: a?.type.family === 'string' && a.type.unicode, length: undefined });
    }
    case 'parsename': {
      // As the emulator's tsql_parsename: a name of plain parts only (quoting and brackets follow
      // rules the documentation leaves open), NULL past four parts, for a missing or empty piece.
      const piece = /^[1-4]$/.test(b?.sql ?? '') ? Number(b?.sql) : 0;
      if (!str(a) || piece === 0) return refuse('only PARSENAME(text, a constant 1 to 4) is translated');
      const x = a?.sql as string;
      const parts = `string_split(${x}, '.')`;
      const odd = stringLiteral(locatedStop(scope.ctx, call.span, 'PARSENAME of a name holding quotes, brackets, blanks or other characters than letters, digits and _@#$, or longer than 128 characters'));
      return translated(`(CASE WHEN ${x} IS NULL THEN NULL WHEN length(${x}) > 128 OR NOT regexp_full_match(${x}, '[A-Za-z0-9_@#$.]*') THEN error(${odd})
        WHEN len(${parts}) > 4 OR ${piece} > len(${parts}) THEN NULL ELSE nullif(${parts}[len(${parts}) - ${piece} + 1], '') END)`, { family: 'string', unicode: true, length: 128 });
    }
    case 'charindex':
      if (!str(a) || !str(b) || args.length > 3 || (c !== undefined && c.type.family !== 'int')) return refuse('only CHARINDEX(text, text [, an integer start]) is translated');
      // positions count UTF-16 units in SQL Server: text holding a character past U+FFFF stops the query
      return translated(positionsStop(scope, call, 'CHARINDEX', b?.sql as string, equatedSearchStop(scope, call, 'CHARINDEX', b?.sql as string, a?.sql as string, charindexSql(scope, call, a?.sql as string, b?.sql as string, c?.sql))), INT);
    case 'concat': {
      const parts: string[] = [];
      for (const x of args) {
        if (x.type.family === 'string') parts.push(`coalesce(${x.sql}, '')`);
        else if (x.type.family === 'int') parts.push(`coalesce(CAST(${x.sql} AS VARCHAR), '')`);
        else if (x.type.family === 'decimal') parts.push(`coalesce(${decimalText(x.sql, x.type, locatedStop(scope.ctx, call.span, 'CONCAT'))}, '')`);
        else return refuse(`the text SQL Server writes for ${formatSqlType(x.type)} inside CONCAT is not reproduced`);
      }
      return translated(`(${parts.join(' || ')})`, textOfParts(args));
    }
    case 'concat_ws': {
      // NULL arguments are skipped with their separator; all NULL gives '' (the CONCAT_WS page).
      if (!a || !/^'(?:[^']|'')*'$/.test(a.sql) || args.length < 3) return refuse('only CONCAT_WS(a constant separator, two or more values) is translated');
      const parts: string[] = [];
      for (const x of args.slice(1)) {
        if (x.type.family === 'string' || x.type.family === 'null') parts.push(x.sql);
        else if (x.type.family === 'int') parts.push(`CAST(${x.sql} AS VARCHAR)`);
        else if (x.type.family === 'decimal') parts.push(decimalText(x.sql, x.type, locatedStop(scope.ctx, call.span, 'CONCAT_WS')));
        else return refuse(`the text SQL Server writes for ${formatSqlType(x.type)} inside CONCAT_WS is not reproduced`);
      }
      return translated(`concat_ws(${a.sql}, ${parts.join(', ')})`, textOfParts(args));
    }
    // The hash's bytes are what SQL Server holds: binary-values.ts
    case 'hashbytes': return translateHashBytes(call, args, scope);
    case 'checksum': case 'binary_checksum': return refuse(`${name.toUpperCase()} is SQL Server's own undocumented hash of its internal value format; compare the columns, or use HASHBYTES('SHA2_256', …)`);
    case 'quotename': {
      // Brackets (default), single or double quotes around the text, the closing one doubled
      // inside; NULL past 128 characters (the QUOTENAME page).
      const q = b === undefined ? "'['" : b.sql;
      const marks: Readonly<Record<string, [string, string]>> = { "'['": ['[', ']'], "']'": ['[', ']'], "''''": ["'", "'"], "'\"'": ['"', '"'] };
      const m = marks[q];
      if (!str(a) || m === undefined || args.length > 2) return refuse("only QUOTENAME(text[, '[' | ']' | '''' | '\"']) is translated");
      const [open, close] = m.map((c) => stringLiteral(c)) as [string, string];
      return translated(`(CASE WHEN length(${a?.sql}) > 128 THEN NULL ELSE ${open} || replace(${a?.sql}, ${close}, ${close} || ${close}) || ${close} END)`, { family: 'string', unicode: true, length: undefined });
    }
    case 'replicate': {
      // NULL for a negative count; past 8,000 characters SQL Server cuts a non-max value (not reproduced: stops).
      if (!str(a) || b?.type.family !== 'int') return refuse('only REPLICATE(text, int) is translated');
      const r = `repeat(${a?.sql}, ${b.sql})`;
      return translated(`(CASE WHEN ${b.sql} < 0 THEN NULL WHEN length(${r}) > 8000 THEN error('REPLICATE past 8,000 characters: SQL Server cuts a value that is not varchar(max) there') ELSE ${r} END)`, { family: 'string', unicode: a?.type.family === 'string' && a.type.unicode, length: undefined });
    }
    case 'isnull': {
      if (!a || !b) return refuse('needs two arguments');
      // The result has the first argument's type: the replacement is converted (and cut) to it.
      const rep = b.type.family === 'null' ? b : castTo(b, a.type.family === 'null' ? b.type : a.type, scope, call);
      if (isRefusal(rep)) return rep;
      return translated(`coalesce(${a.sql}, ${rep.sql})`, a.type.family === 'null' ? b.type : a.type);
    }
    case 'coalesce': {
      const common = toCommonType(args, scope, call);
      if (isRefusal(common)) return common;
      return translated(`coalesce(${common.values.map((v) => v.sql).join(', ')})`, common.type);
    }
    case 'nullif': {
      if (!a || !b) return refuse('needs two arguments');
      if (str(a) && str(b)) {
        const stop = locatedStop(scope.ctx, call.span, equatedTextStop('NULLIF'));
        return translated(`(CASE WHEN ${collationKey(a.sql, stop)} = ${collationKey(b.sql, stop)} THEN NULL ELSE ${a.sql} END)`, a.type);
      }
      if ((isNumeric(a.type) && isNumeric(b.type)) || (a.type.family === b.type.family && a.type.family !== 'unknown')) return translated(`nullif(${a.sql}, ${b.sql})`, a.type);
      return refuse(`comparing ${formatSqlType(a.type)} with ${formatSqlType(b.type)} converts implicitly`);
    }
    case 'abs': case 'sign':
      if (!a || !isNumeric(a.type)) return refuse('only numbers are translated');
      // SIGN keeps a decimal's type (SIGN(-2.50) is -1.00) and money's; DuckDB's sign() is a TINYINT.
      if (name === 'sign' && a.type.family !== 'float') return translated(`CAST(sign(${a.sql}) AS ${duckTypeOf(a.type) ?? 'INTEGER'})`, a.type);
      return translated(`${name}(${a.sql})`, a.type);
    case 'ceiling': case 'floor':
      if (!a || !isNumeric(a.type)) return refuse('only numbers are translated');
      // CEILING and FLOOR of money stay money (CEILING($123.45) is 124.00).
      if (a.type.family === 'decimal' && a.type.money !== undefined) return translated(`CAST(${name === 'ceiling' ? 'ceil' : 'floor'}(${a.sql}) AS DECIMAL(${a.type.precision},4))`, a.type);
      if (a.type.family === 'decimal') return translated(`CAST(${name === 'ceiling' ? 'ceil' : 'floor'}(${a.sql}) AS DECIMAL(${a.type.precision},0))`, decimal(a.type.precision, 0));
      // an integer is its own CEILING (DuckDB's ceil of a BIGINT is a DOUBLE: past 2^53 another number)
      if (a.type.family === 'int') return a;
      return translated(`${name === 'ceiling' ? 'ceil' : 'floor'}(${a.sql})`, a.type);
    case 'round': return round(call, args, scope);
    case 'scope_identity':
      // right after a one-row INSERT … VALUES into an identity table: that row's identity value
      // (@@IDENTITY also counts a trigger's inserts, IDENT_CURRENT other sessions': not drafted)
      return scope.ctx.scopeIdentity ?? refuse('SCOPE_IDENTITY() is translated only right after a one-row INSERT … VALUES into a table with an identity column (the value that row was given)');
    case 'getdate': case 'sysdatetime': case 'current_timestamp':
      // The run's clock: pinned by a scenario's @clock/@recorded tag (recorded rows read the
      // emulator's clock) and by `migrate run --clock`, else the time the run started.
      scope.ctx.notes.push(`${name.toUpperCase()}() is the run's clock(): a scenario's @clock: or @recorded: tag, or \`migrate run --clock\`, pins it`);
      // whole seconds (unit 0): stored in a datetime2(n) it needs no rounding, in a smalldatetime it rounds to the minute
      return translated(placeholderClock(), CLOCK);
    case 'sysutcdatetime': case 'getutcdate':
      // The run's clock less the server's UTC offset, which the clock tag or --clock writes after
      // the time; typed as GETDATE()'s clock() is (a TIMESTAMP, exact for a clock in whole seconds).
      scope.ctx.notes.push(`${name.toUpperCase()}() is the run's utcClock(): the clock of a scenario's @clock:/@recorded: tag or of \`migrate run --clock\`, less the server's UTC offset written after it (…T02:00:00+01:00)`);
      return translated(placeholderUtcClock(), CLOCK);
    case 'dateadd': return dateAdd(call, args, scope);
    case 'datediff': {
      const unit = UNITS[a?.sql ?? ''];
      if (!unit || !b || !c) return refuse(`DATEDIFF by ${a?.sql ?? '?'} is not translated (only day, week, month, quarter, year, hour, minute, second)`);
      const from = asDateArgument(b);
      const to = asDateArgument(c);
      if (!from || !to) return refuse("only date and datetime arguments (or an integer, a day count from 1900-01-01, or a 'yyyymmdd' constant) are translated");
      // Weeks: the Sundays crossed, whatever SET DATEFIRST says (the SET DATEFIRST page); DuckDB's
      // 'week' counts ISO (Monday) weeks. Days since a Sunday (1899-12-31), floored to weeks.
      if (unit === 'week') {
        const weeks = (d: string): string => `floor(CAST(date_diff('day', DATE '1899-12-31', CAST(${d} AS DATE)) AS DOUBLE) / 7)`;
        return translated(`CAST(${weeks(to.sql)} - ${weeks(from.sql)} AS INTEGER)`, INT);
      }
      // Both count the unit boundaries crossed.
      return translated(`CAST(date_diff('${unit}', ${from.sql}, ${to.sql}) AS INTEGER)`, INT);
    }
    case 'datename': {
      // Under us_english: month and weekday names in English, the other parts as their numbers
      // (week and weekday numbers depend on DATEFIRST: not translated).
      const part = a?.sql ?? '';
      if (!b || (b.type.family !== 'date' && b.type.family !== 'datetime')) return refuse('only DATENAME of a date or datetime is translated');
      const text: SqlType = { family: 'string', unicode: true, length: 30 };
      if (UNITS[part] === 'month') return translated(`monthname(${b.sql})`, text);
      if (part === 'weekday' || part === 'dw') return translated(`dayname(${b.sql})`, text);
      const unit = UNITS[part];
      if (unit === undefined || unit === 'week') return refuse(`DATENAME(${part}, …) is not translated (only the month and weekday names and year, quarter, day, hour, minute, second)`);
      return translated(`CAST(date_part('${unit}', ${b.sql}) AS VARCHAR)`, text);
    }
    case 'greatest': case 'least': {
      // SQL Server 2022: NULLs are ignored (as DuckDB's greatest/least ignore them); the result's
      // type is certain only when every argument has one type (the GREATEST page), so only that,
      // or integers of several integer types (the widest, as CASE takes it), is translated.
      const typed = args.filter((x) => x.type.family !== 'null');
      const first = typed[0];
      if (first === undefined) return refuse('every argument is NULL');
      const ints = ['tinyint', 'smallint', 'int', 'bigint'];
      const widest = typed.every((x) => x.type.family === 'int') ? typed.map((x) => x.type).reduce((w, x) => (x.family === 'int' && w.family === 'int' && ints.indexOf(x.name) > ints.indexOf(w.name) ? x : w)) : undefined;
      const one = typed.every((x) => formatSqlType(x.type) === formatSqlType(first.type) && (x.type.family !== 'decimal' || first.type.family !== 'decimal' || x.type.money === first.type.money));
      const type = widest ?? (one && (isNumeric(first.type) || first.type.family === 'date') ? first.type : undefined);
      if (type === undefined) return refuse(`over ${typed.map((x) => (x.type.family === 'decimal' && x.type.money !== undefined ? x.type.money : formatSqlType(x.type))).join(', ')}: only arguments of one numeric or date type are translated (the result type of mixed types is not fully documented)`);
      const duck = duckTypeOf(type);
      return translated(`${name}(${args.map((x) => (duck === undefined ? x.sql : `CAST(${x.sql} AS ${duck})`)).join(', ')})`, type);
    }
    case 'choose': {
      // CHOOSE(i, v1, …): the i-th value, NULL outside 1..n (a DuckDB list index would count a
      // negative one from the end), of the values' type of highest precedence, as CASE converts
      // its branches (the CHOOSE page: SQL Server turns it into a CASE): `CHOOSE(i, 0.80, 0.5, 1)`
      // is a decimal(3,2); values whose conversion is not reproduced are refused by toCommonType.
      if (!a || (a.type.family !== 'int' && a.type.family !== 'bit') || args.length < 2) return refuse('only CHOOSE of an integer index is translated');
      const common = toCommonType(args.slice(1), scope, call);
      if (isRefusal(common)) return common;
      return translated(`(CASE ${a.sql} ${common.values.map((v, i) => `WHEN ${i + 1} THEN ${v.sql}`).join(' ')} END)`, common.type);
    }
    case 'datefromparts': {
      // An invalid day fails in both (SQL Server: error 289); a NULL part gives NULL in both. A
      // year outside 1-9999 fails in SQL Server too, where DuckDB makes year 10000 or 1 BC.
      if (args.length !== 3 || !args.every((x) => x.type.family === 'int' || x.type.family === 'null')) return refuse('only DATEFROMPARTS of three integers is translated');
      const made = `make_date(${args.map((x) => `CAST(${x.sql} AS BIGINT)`).join(', ')})`;
      const year = /^\(?(-?\d+)\)?$/.exec(a?.sql ?? '');
      if (year !== null && Number(year[1]) >= 1 && Number(year[1]) <= 9999) return translated(made, DATE);
      const stop = stringLiteral(locatedStop(scope.ctx, call.span, 'DATEFROMPARTS of a year outside 1-9999: SQL Server fails with Msg 289 (Cannot construct data type date)'));
      return translated(`(CASE WHEN ${a?.sql} NOT BETWEEN 1 AND 9999 THEN error(${stop}) ELSE ${made} END)`, DATE);
    }
    case 'eomonth': {
      // The last day of the month (a date), `b` months on; DuckDB's month arithmetic clamps the
      // day as DATEADD does, and the month's last day is the same either way. A month past
      // 9999-12 (or before 0001-01) fails in SQL Server, where DuckDB goes on to year 10000.
      if (!a || (a.type.family !== 'date' && a.type.family !== 'datetime') || (b !== undefined && b.type.family !== 'int')) return refuse('only EOMONTH of a date or datetime (and an integer month offset) is translated');
      const day = `CAST(${a.sql} AS DATE)`;
      if (b === undefined) return translated(`last_day(${day})`, DATE);
      const moved = `(${day} + to_months(CAST(${b.sql} AS INTEGER)))`;
      const stop = stringLiteral(locatedStop(scope.ctx, call.span, 'EOMONTH of a month outside 0001-01 to 9999-12: SQL Server fails (the result is outside date\'s range)'));
      return translated(`(CASE WHEN ${moved} < DATE '0001-01-01' OR ${moved} > DATE '9999-12-31' THEN error(${stop}) ELSE last_day(${moved}) END)`, DATE);
    }
    case 'year': case 'month': case 'day':
      if (!a || (a.type.family !== 'date' && a.type.family !== 'datetime')) return refuse('only date and datetime arguments are translated');
      return translated(`CAST(${name}(${a.sql}) AS INTEGER)`, INT);
    case 'datepart': {
      // ISO_WEEK (ISO 8601: weeks from Monday, week 1 holds the first Thursday) and the day of the
      // year do not depend on DATEFIRST; DuckDB's 'week' part is the ISO week.
      const fixed = DATEFIRST_FREE[a?.sql ?? ''];
      if (fixed !== undefined && b && (b.type.family === 'date' || b.type.family === 'datetime')) return translated(`CAST(date_part('${fixed}', ${b.sql}) AS INTEGER)`, INT);
      const part = a?.sql ?? '';
      if ((WEEKDAY_PARTS.has(part) || UNITS[part] === 'week') && b && (b.type.family === 'date' || b.type.family === 'datetime')) {
        const first = scope.ctx.dateFirst ?? 7;
        if (typeof first !== 'number') return first;
        return translated(WEEKDAY_PARTS.has(part) ? `CAST(${weekdayNumber(b.sql, first)} AS INTEGER)` : weekNumber(b.sql, first), INT);
      }
      const unit = UNITS[part];
      if (!unit || unit === 'week' || !b || (b.type.family !== 'date' && b.type.family !== 'datetime')) return refuse('only year, quarter, month, day, hour, minute, second, week and weekday of dates are translated');
      return translated(`CAST(date_part('${unit}', ${b.sql}) AS INTEGER)`, INT);
    }
    case 'patindex':
      return translatePatindex(call, b, scope);
    case 'power':
      return a?.type.family === 'decimal' ? decimalPower(call, a, b, scope) : integerPower(call, a, b, scope);
    default:
      return refuse('no exact DuckDB translation for this function (write it by hand)');
  }
}

const WEEKDAY_PARTS: ReadonlySet<string> = new Set(['weekday', 'dw', 'w']);

/** DATEPART(weekday): 1 on the DATEFIRST day (1 Monday … 7 Sunday, as isodow numbers them). */
/**
 * `inner`, unless `text` holds a character past U+FFFF: SQL Server's positions count UTF-16 units
 * (such a character is two) where DuckDB's count characters, so the query stops there, located.
 */
/**
 * `inner`, CHARINDEX or REPLACE of `find` in `searched`, or a stop of the query naming both where
 * the collation may find otherwise than code points (N'ss' in N'Straße'); ASCII punctuation
 * searched for in Latin, Greek or Cyrillic text stays exact. The emulator's tsql_charindex and
 * tsql_replace refuse the same (src/tsql/collation-equated-text.ts).
 */
function equatedSearchStop(scope: DraftScope, call: FunctionCall, fn: string, searched: string, find: string, inner: string): string {
  const stop = stringLiteral(locatedStop(scope.ctx, call.span, equatedTextStop(fn)));
  return `(CASE WHEN ${searchMayEquateSql(searched, find)} THEN error(${stop} || '''' || ${searched} || ''', ''' || ${find} || '''') ELSE ${inner} END)`;
}

/**
 * CHARINDEX(find, searched [, start]): 1-based, 0 when absent, case-insensitive under the default
 * collation; a start below 1 searches from the beginning, one past the end finds nothing (the
 * CHARINDEX page). What an empty text to find or a NULL start gives is not documented: both stop
 * the query, as the emulator refuses them.
 */
function charindexSql(scope: DraftScope, call: FunctionCall, find: string, searched: string, start: string | undefined): string {
  const from = start === undefined ? '1' : `greatest(${start}, 1)`;
  const hit = `strpos(lower(substr(${searched}, ${from})), lower(${find}))`;
  const found = start === undefined ? `strpos(lower(${searched}), lower(${find}))` : `(CASE WHEN ${hit} = 0 THEN 0 ELSE ${hit} + ${from} - 1 END)`;
  const empty = stringLiteral(locatedStop(scope.ctx, call.span, 'CHARINDEX of an empty text to find (its result is not documented)'));
  const nullStart = start === undefined ? '' : ` WHEN ${start} IS NULL THEN error(${stringLiteral(locatedStop(scope.ctx, call.span, 'CHARINDEX with a NULL start (its result is not documented)'))})`;
  return `(CASE WHEN ${find} IS NULL OR ${searched} IS NULL THEN NULL WHEN length(${find}) = 0 THEN error(${empty})${nullStart} ELSE CAST(${found} AS INTEGER) END)`;
}

function positionsStop(scope: DraftScope, call: FunctionCall, fn: string, text: string, inner: string): string {
  const stop = stringLiteral(locatedStop(scope.ctx, call.span, `${fn} over text holding characters past U+FFFF (SQL Server counts each as two positions)`));
  return `(CASE WHEN strlen(${text}) <> length(${text}) AND regexp_matches(${text}, '[\\x{10000}-\\x{10FFFF}]') THEN error(${stop}) ELSE ${inner} END)`;
}

function weekdayNumber(sql: string, first: number): string {
  return `((isodow(${sql}) - ${first} + 7) % 7 + 1)`;
}

/** DATEPART(week): week 1 holds January 1, and each week starts on the DATEFIRST day. */
function weekNumber(sql: string, first: number): string {
  const jan1 = `make_date(CAST(year(${sql}) AS BIGINT), 1, 1)`;
  return `CAST((dayofyear(${sql}) - 1 + ${weekdayNumber(jan1, first)} - 1) // 7 + 1 AS INTEGER)`;
}

/** DATEPART's parts that DATEFIRST leaves alone and DuckDB's date_part computes alike. */
const DATEFIRST_FREE: Readonly<Record<string, string>> = { iso_week: 'week', isowk: 'week', isoww: 'week', dayofyear: 'doy', dy: 'doy', y: 'doy' };

function round(call: FunctionCall, args: readonly Translated[], scope: DraftScope): Result {
  const [x, n, f] = args;
  const refuse = (why: string): Refusal => refuseAt(scope.ctx, call.span, 'ROUND()', why);
  if (!x || !n) return refuse('needs two arguments');
  // A negative constant translates as (-2).
  const constant = (sql: string): number | undefined => (/^\(?-?\d+\)?$/.test(sql) ? Number(sql.replace(/[()]/g, '')) : undefined);
  if (f && constant(f.sql) === undefined) return refuse('only a constant function argument is translated');
  const digits = constant(n.sql);
  if (digits === undefined) return refuse('only a constant number of digits is translated');
  if (f && constant(f.sql) !== 0) {
    // A non-zero function truncates toward zero; DuckDB's trunc(x, n) is exact on decimals and
    // integers (negative n included) and cannot overflow. How SQL Server truncates a float's
    // binary value is not documented.
    if (x.type.family === 'decimal') return translated(`CAST(trunc(${x.sql}, ${digits}) AS DECIMAL(${x.type.precision},${x.type.scale}))`, x.type);
    if (x.type.family === 'int') return digits >= 0 ? x : translated(`CAST(trunc(${x.sql}, ${digits}) AS ${x.type.name === 'bigint' ? 'BIGINT' : 'INTEGER'})`, x.type);
    return refuse(`the truncating form of ROUND of ${formatSqlType(x.type)}`);
  }
  // Half away from zero in both engines for decimals; the result keeps the argument's type.
  if (x.type.family === 'decimal') {
    // money's DECIMAL(19,4) has 15 integral digits, more than money's range: DuckDB's round is exact there.
    if (x.type.money !== undefined) return translated(`CAST(round(${x.sql}, ${digits}) AS DECIMAL(${x.type.precision},${x.type.scale}))`, x.type);
    return roundDecimal(x, x.type.precision, x.type.scale, digits, refuse);
  }
  if (x.type.family === 'float') return translated(floatRoundSql(scope.ctx, call.span, x.sql, digits), FLOAT);
  if (x.type.family === 'int') return digits >= 0 ? x : refuse('rounding integers to tens or more is not translated');
  return refuse(`ROUND of ${formatSqlType(x.type)}`);
}

/**
 * ROUND(x, d) of a decimal(p, s): decimal(p, s), SQL Server's 8115 where the rounded value needs
 * more integral digits (ROUND(748.58, -3) overflows decimal(5,2)). DuckDB's round of DECIMAL(p,s)
 * at or left of its p - s integral digits is 0 whatever the value, so it rounds at decimal(p + 1, s)
 * and the result is checked against 10^(p - s). At p = 38 (no wider type) only d = s - 38 is
 * wrong in DuckDB (further left, 0 is right): refused.
 */
function roundDecimal(x: Translated, p: number, s: number, digits: number, refuse: (why: string) => Refusal): Result {
  if (p >= 38) return digits === s - 38 ? refuse(`ROUND of decimal(38,${s}) at ${digits} places (whether it overflows depends on the value)`) : translated(`CAST(round(${x.sql}, ${digits}) AS DECIMAL(38,${s}))`, x.type);
  const rounded = `round(CAST(${x.sql} AS DECIMAL(${p + 1},${s})), ${digits})`;
  const limit = `CAST('1${'0'.repeat(p - s)}' AS DECIMAL(38,0))`;
  return translated(`(CASE WHEN abs(${rounded}) >= ${limit} THEN error('Arithmetic overflow error converting expression to data type numeric.') ELSE CAST(${rounded} AS DECIMAL(${p},${s})) END)`, x.type);
}

/** SQL Server's aggregates with their result types. */
function aggregate(call: FunctionCall, name: string, scope: DraftScope, tx: Translate): Result {
  const refuse = (why: string): Refusal => refuseAt(scope.ctx, call.span, `${name.toUpperCase()}()`, why);
  if (call.star) return translated(name === 'count_big' ? 'count(*)' : 'CAST(count(*) AS INTEGER)', name === 'count_big' ? BIGINT : INT);
  const arg = call.args[0];
  if (!arg || call.args.length !== 1) return refuse('needs one argument');
  const inner = scope.insideAggregate();
  const v = tx(arg, inner);
  if (isRefusal(v)) return v;
  const distinct = call.distinct ? 'DISTINCT ' : '';
  const t = v.type;
  switch (name) {
    case 'count': case 'count_big': {
      const key = call.distinct && t.family === 'string' ? collationKey(v.sql, locatedStop(scope.ctx, call.span, equatedTextStop(`${name.toUpperCase()}(DISTINCT …)`))) : v.sql;
      return translated(name === 'count' ? `CAST(count(${distinct}${key}) AS INTEGER)` : `count(${distinct}${key})`, name === 'count' ? INT : BIGINT);
    }
    case 'min': case 'max':
      if (t.family === 'string') return textExtreme(name, v, scope, call);
      if (t.family === 'bit') return refuse('SQL Server rejects MIN/MAX of bit');
      return translated(`${name}(${v.sql})`, t);
    case 'sum':
      if (call.distinct && t.family === 'float') return refuse('SUM(DISTINCT float) is not translated');
      if (t.family === 'int') return translated(`CAST(sum(${distinct}${v.sql}) AS ${t.name === 'bigint' ? 'BIGINT' : 'INTEGER'})`, t.name === 'bigint' ? BIGINT : INT);
      // SUM of money is money: what it feeds keeps money's arithmetic (translate-expression.ts).
      if (t.family === 'decimal') return translated(`CAST(sum(${distinct}${v.sql}) AS DECIMAL(38,${t.scale}))`, t.money === undefined ? decimal(38, t.scale) : t);
      if (t.family === 'float') return translated(`sum(${v.sql})`, FLOAT);
      return refuse(`SUM of ${formatSqlType(t)}`);
    case 'avg': {
      if (call.distinct) return refuse('AVG(DISTINCT …) is not translated');
      if (t.family === 'int') {
        // AVG of integers is an integer in SQL Server: the sum divided by the count, truncated.
        // The sum is held in that type, as SUM's is: past its range AVG fails with 8115 too.
        const type = t.name === 'bigint' ? 'BIGINT' : 'INTEGER';
        return translated(`CAST(CAST(sum(${v.sql}) AS ${type}) // nullif(count(${v.sql}), 0) AS ${type})`, t.name === 'bigint' ? BIGINT : INT);
      }
      if (t.family === 'decimal' && t.money !== undefined) {
        // AVG of money is money: exact where the mean has at most four decimals (an invoice's
        // amounts averaged), which the emulator reproduces too; how SQL Server rounds a longer
        // mean to four decimals is not documented, so such data stops the query, naming the call.
        const units = `CAST(sum(${v.sql}) * 10000 AS HUGEINT)`;
        const n = `count(${v.sql})`;
        const stop = stringLiteral(locatedStop(scope.ctx, call.span, `AVG of ${t.money} values whose mean has more than four decimals: SQL Server's rounding of it to ${t.money} is not documented`));
        return translated(`CAST(${decimalFromUnscaled(`(CASE WHEN ${units} % ${n} <> 0 THEN error(${stop}) ELSE ${units} // nullif(${n}, 0) END)`, 4)} AS DECIMAL(19,4))`, t);
      }
      if (t.family === 'decimal') {
        // decimal(38, max(s, 6)); the quotient is truncated at that scale. Exact in HUGEINT.
        const s = Math.max(t.scale, 6);
        const sum = unscaledDigits(`sum(${v.sql})`, [38, t.scale]);
        const q = `(${sum} * CAST('1${'0'.repeat(s - t.scale)}' AS HUGEINT) // nullif(count(${v.sql}), 0))`;
        return translated(decimalFromUnscaled(q, s), decimal(38, s));
      }
      if (t.family === 'float') return translated(`avg(${v.sql})`, FLOAT);
      return refuse(`AVG of ${formatSqlType(t)}`);
    }
    default: return refuse('not translated');
  }
}

export { BIT };
export type { SqlType };

/**
 * The type of CONCAT/CONCAT_WS: nvarchar when any argument is (its bytes, e.g. to HASHBYTES,
 * are UTF-16LE then), else varchar; an undeclared input column among them stays known as such.
 */
function textOfParts(args: readonly Translated[]): SqlType {
  const text = args.map((x) => x.type).filter((t): t is SqlType & { family: 'string' } => t.family === 'string');
  return { family: 'string', unicode: text.some((t) => t.unicode), length: undefined, ...(text.some((t) => t.undeclared) ? { undeclared: true as const } : {}) };
}
