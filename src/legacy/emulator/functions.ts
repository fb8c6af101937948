import { noteLanguageRead } from './login-language';
import { decimalOfUnscaled, unscaledOfDecimal } from './unscaled-decimal';
import { translateErrorFunction } from './error-functions';
import { AGGREGATE_FUNCTIONS, type Expression, type FunctionCall } from '../../tsql';
import { aggregateTieBreak, floatSumOrder } from './reproducibility/window-ties';
import { disputedAggregate } from './reproducibility/tie-disputes';
import { textExtremeSql } from './text-extremes';
import { guidOrderKeySql } from './guid-order';
import { keepMoney, moneyAverage, moneyOfBranches, moneySum } from './money-arithmetic';
import { convertSql, dominantFamily, translateWindow, type SqlFragment, type SqlTranslator } from './expressions';
import { checkedWithinGroup, translateWithinGroup } from './order-and-window';
import { branchesDecimalScale, branchesDecimalType, branchesPastPrecision38, precisionScale } from './decimal-arithmetic';
import { numbersOverText } from './conversions';
import type { SqlScope } from './sql-scope';
import { translateUserFunction } from './user-functions';
import { dateAddOfOffset, isDatetimeOffset, translateOffsetFunction, translateUtcClock } from './dates/datetimeoffset-functions';
import { translateJsonFunction, translateStringEscape } from './xml-json/json-functions';
import { noteCountRead } from './reproducibility/taint-reads';
import { translateRandom } from './reproducibility/random-values';
import { isDatetime2Text } from './dates/date-convert';
import { temporalOfBranches } from './dates/date-styles';
import { translatePatindex } from './like-patterns';
import { translateFormat } from './format-function';
import { xactState } from './transactions/xact-state';
import { callMarker } from './call-stops';
import { translateFormatMessage } from './raiserror-format';
import { isMoney, makeType } from './tsql-types';
import { sameTextType, trimChars } from './trim-chars';
import { guardUnknownLength, inTypeOf, namedLength, isTemporal, sameTemporalType } from './first-argument-type';
import { concatFunction, concatUnicode, replicateText, textResultKind } from './string-concat';
import { cursorStatus, identCurrent, objectId, objectNameOfModule } from './metadata-functions';
import { triggerNestLevel, updateFunction } from './trigger-run';
import { sessionFunction } from './session-functions';
import { translateHashBytes } from './hashbytes';
import { translatePercentile } from './percentiles';
import { dateAddFraction, fractionPart } from './dates/dateadd-fraction';
import { dateDiffFraction, dateDiffFractionPart } from './dates/datediff-fraction';
import { dateAddInRange } from './dates/day-arithmetic';
import { translateExactRound } from './round-function';
import { asOtherReading, branchesDoubt, derivedDoubt, doubtRefusal, keepPrecisionDoubt, pastPrecision38UnderOtherReading, translatePower, withinFirstReading } from './power-function';
import { translateGreatestLeast } from './greatest-least';
import { refuseOpaqueKey, refuseSpatialBranches } from './opaque-values';
import { noteStuffOverXmlPath } from './xml-json/for-xml-path';
import { asInstantWithFamily, asTimestamp, asTimestampWithFamily, timeOnlyPart, timestampOf } from './dates/date-operands';
import { offsetPart } from './dates/offset-values';
import { offsetOfBranches } from './dates/offset-combining';
import { millisecondBoundary } from './compatibility-level';
import { datePart, datePartText, INTERVAL_OF, isoWeek } from './dates/date-part-names';
import { DATABASE_ROWVERSION } from './reproducibility/rowversion';
import { translateStatistic } from './reproducibility/statistical-aggregates';
import { inlineMacroCalls } from './read-once-macros';

/**
 * An aggregate's argument, refused when it is a bit value: SQL Server does not compile SUM, AVG,
 * MIN, MAX, STDEV or VAR of bit (error 8117, "Operand data type bit is invalid for max
 * operator."; the bit page: only COUNT takes bit), where DuckDB would sum the 0/1 values.
 */
function notBit(t: SqlTranslator, call: FunctionCall, name: string, x: SqlFragment): SqlFragment {
  refuseOpaqueKey(t, call, x, name);
  // Text likewise, but to MIN and MAX (error 8117 too: SUM and AVG take the numeric types only).
  const compiles = name === 'SUM' || name === 'AVG' ? `SQL Server does not compile it: error 8117, text is an invalid operand for ${name.toLowerCase()}; ` : '';
  if (x.family === 'string' && name !== 'MIN' && name !== 'MAX') throw t.state.unsupported(call, `${name} of a text value (${compiles}CAST it to a number first)`);
  if (x.family !== 'bit') return x;
  throw t.state.unsupported(call, `${name} of a bit value (SQL Server does not compile it: error 8117, Operand data type bit is invalid for ${name.toLowerCase()} operator.)`);
}

/** SQL Server's aggregate functions (their arguments are read per row; see SqlTranslator.insideAggregate). */
export const AGGREGATE_NAMES: ReadonlySet<string> = new Set([...AGGREGATE_FUNCTIONS].map((n) => n.toUpperCase()));

/**
 * Translates a T-SQL function call to DuckDB with SQL Server's semantics (see tsql-macros.ts
 * for the helpers). Aggregates keep SQL Server's result types where they matter for values:
 * AVG of integers truncates, AVG of decimals is truncated at 6 decimals like SQL Server's
 * decimal(38, 6) result.
 */
export function translateFunction(t: SqlTranslator, call: FunctionCall, scope: SqlScope): SqlFragment {
  const parts = call.name.parts.map((p) => p.name.toLowerCase());
  if (parts.length > 1) return translateUserFunction(t, call, scope);
  const name = (parts[0] ?? '').toUpperCase();
  // An aggregate's arguments read a grouped text column row by row, not as the group's value.
  const compiled = AGGREGATE_NAMES.has(name) ? (x: Expression): SqlFragment => t.insideAggregate(() => t.expr(x, scope)) : (x: Expression): SqlFragment => t.expr(x, scope);
  // DuckDB fails with an internal error on a window function whose argument holds a lambda where
  // it stands inside another lambda's body (text-order-doubt.ts puts windows there, and so do
  // macros naming a value in a lambda, CAST(AVG(x) OVER (…) AS decimal) of a float): a window
  // function's arguments call the read-once macros' inline twins (read-once-macros.ts). Its OVER
  // keeps the installed macros, as the GROUP BY it may have to match does.
  const argument = call.over === undefined ? compiled : (x: Expression): SqlFragment => {
    const f = compiled(x);
    return { ...f, sql: inlineMacroCalls(f.sql) };
  };
  const a = (i: number): SqlFragment => {
    const arg = call.args[i];
    if (arg === undefined) throw t.state.unsupported(call, `${name} without argument ${i + 1}`);
    return argument(arg);
  };
  // A string function's text argument: any other type converts as CAST(x AS nvarchar(max))
  // does (floats in 6 digits, money in 2 decimals, datetime as 'Jan  2 2024  3:04PM'), where a
  // plain DuckDB cast would write 1234567.0, 1.5000 or 2024-01-02 15:04:05.
  const text = (x: SqlFragment): SqlFragment => (x.family === 'string' || x.family === 'unknown' ? x : convertSql(x, makeType('nvarchar', ['max']), false, t.state.dateFormat));
  const s = (i: number): SqlFragment => text(a(i));
  // GROUPING(column) of a text column grouped under ROLLUP/CUBE names its group key.
  const all = (): SqlFragment[] => call.args.map((x) => {
    if ((name === 'GROUPING' || name === 'GROUPING_ID') && x.kind === 'ColumnRef') {
      const col = scope.lookupRef(x.parts);
      const key = col === undefined ? undefined : t.rolledUp.get(col);
      if (key !== undefined) return { sql: key, family: 'string' };
    }
    return argument(x);
  });
  const pick: { order?: string } = {};
  if (call.over !== undefined && call.distinct) throw t.state.unsupported(call, `${name}(DISTINCT …) OVER (…) (SQL Server: error 10759, "Use of DISTINCT is not allowed with the OVER clause")`);
  const over = call.over === undefined ? '' : ` ${translateWindow(t, call.over, scope, name, pick)}`;
  const distinct = call.distinct ? 'DISTINCT ' : '';
  const str = (sql: string): SqlFragment => ({ sql, family: 'string', duckType: 'VARCHAR' });
  const int = (sql: string): SqlFragment => ({ sql, family: 'integer', duckType: 'INTEGER' });
  const clock = (): SqlFragment => ({ sql: `CAST('${t.state.clock}' AS TIMESTAMP)`, family: 'datetime', duckType: 'TIMESTAMP' });
  switch (name) {
    // null handling and conditionals
    case 'ISNULL': {
      // ISNULL returns the type of its first argument: a date/time first argument converts the
      // replacement (ISNULL(ValidTo, '9999-12-31') is a datetime2, not text).
      const x = a(0);
      const raw = a(1);
      refuseSpatialBranches(t, call, 'ISNULL', [x, raw]);
      // values held with their offset: one offset or refused (offset-combining.ts), kept unconverted
      const atOffset = offsetOfBranches(t, call, 'ISNULL', [x, raw]);
      // of a doubted decimal POWER: the replacement converted at the wider reading, refused past the narrower
      const cut = atOffset.duckType === undefined ? inTypeOf(t, asOtherReading(x), raw) : raw;
      const y = call.args[0] === undefined ? cut : guardUnknownLength(t, call, call.args[0], x, cut, (e) => namedLength(t, e, (n) => t.expr(n, scope)));
      return { sql: withinFirstReading(x, `COALESCE(${x.sql}, ${y.sql})`, 'ISNULL'), family: x.family === 'unknown' ? y.family : x.family, duckType: x.duckType ?? y.duckType, tsqlType: x.tsqlType, unicodeText: x.unicodeText, ...keepPrecisionDoubt(x), ...atOffset };
    }
    case 'COALESCE': {
      const written = numbersOverText(all());
      refuseSpatialBranches(t, call, 'COALESCE', written);
      const { branches: raw, doubt } = branchesDoubt(written);
      const atOffset = offsetOfBranches(t, call, 'COALESCE', raw);
      const first = atOffset.duckType === undefined ? raw.find((x) => isTemporal(x) && x.tsqlType !== undefined) : undefined;
      const xs = first === undefined ? raw : raw.map((x) => sameTemporalType(t, first, x));
      const past38 = branchesPastPrecision38('COALESCE', xs) ?? pastPrecision38UnderOtherReading('COALESCE', written);
      if (past38 !== undefined) throw t.state.unsupported(call, past38);
      return { sql: `COALESCE(${xs.map((x) => x.sql).join(', ')})`, family: dominantFamily(xs), duckType: first?.duckType ?? branchesDecimalType(xs), tsqlType: first?.tsqlType, ...(first === undefined ? branchesDecimalScale(xs) : {}), ...moneyOfBranches(xs), ...atOffset, ...doubt };
    }
    // NULLIF is the CASE its documentation spells out, with = as SQL Server compares (text
    // without trailing blanks, dates against date text): NULLIF('a ', 'A') is NULL.
    case 'NULLIF': { const x = a(0); refuseOpaqueKey(t, call, x, 'NULLIF'); return { sql: `(CASE WHEN ${t.compare('=', x, a(1))} THEN NULL ELSE ${x.sql} END)`, family: x.family, duckType: x.duckType, ...keepMoney(x), ...temporalOfBranches([x]), ...offsetOfBranches(t, call, 'NULLIF', [x]), ...keepPrecisionDoubt(x) }; }
    case 'GREATEST': case 'LEAST': return translateGreatestLeast(t, call, name, all());
    // CHOOSE converts its index to int (3.7 is 3) and its values to the one of highest precedence.
    case 'CHOOSE': {
      const index = convertSql(a(0), makeType('int', []), false, t.state.dateFormat);
      const values = numbersOverText(call.args.slice(1).map(argument));
      const past38 = branchesPastPrecision38('CHOOSE', branchesDoubt(values).branches) ?? pastPrecision38UnderOtherReading('CHOOSE', values);
      if (past38 !== undefined) throw t.state.unsupported(call, past38);
      return { sql: `(list_value(${values.map((x) => x.sql).join(', ')})[${index.sql}])`, family: dominantFamily(values), ...offsetOfBranches(t, call, 'CHOOSE', values), ...branchesDoubt(values).doubt };
    }
    // strings
    case 'LEN': return int(`tsql_len(${s(0).sql})`);
    case 'DATALENGTH': return dataLength(t, call, a(0));
    case 'SUBSTRING': { const x = a(0); return { ...str(`tsql_substring(${text(x).sql}, ${a(1).sql}, ${a(2).sql})`), ...textResultKind([x]) }; }
    case 'CHARINDEX': return int(call.args.length > 2 ? `tsql_charindex(${s(0).sql}, ${s(1).sql}, st := ${a(2).sql})` : `tsql_charindex(${s(0).sql}, ${s(1).sql})`);
    case 'PATINDEX': return translatePatindex(t, call, scope);
    case 'FORMAT': return translateFormat(t, call, scope);
    case 'LEFT': { const x = a(0); return { ...str(`tsql_left(${text(x).sql}, ${a(1).sql})`), ...textResultKind([x]) }; }
    case 'RIGHT': { const x = a(0); return { ...str(`tsql_right(${text(x).sql}, ${a(1).sql})`), ...textResultKind([x]) }; }
    case 'UPPER': { const x = s(0); return { ...str(`tsql_upper(${x.sql})`), ...sameTextType(x) }; }
    case 'LOWER': { const x = s(0); return { ...str(`lower(CAST(${x.sql} AS VARCHAR))`), ...sameTextType(x) }; }
    case 'LTRIM': case 'RTRIM': case 'TRIM': return trimChars(t, call, name, s);
    case 'REPLACE': { const xs = [a(0), a(1), a(2)]; return { ...str(`tsql_replace(${xs.map((x) => text(x).sql).join(', ')})`), ...textResultKind(xs) }; }
    case 'REPLICATE': { const v = a(0); return str(replicateText(`tsql_replicate(${text(v).sql}, ${a(1).sql})`, v, t.inTableDefinition)); }
    case 'SPACE': return str(`tsql_space(${a(0).sql})`);
    case 'STUFF': noteStuffOverXmlPath(call); return str(`tsql_stuff(${s(0).sql}, ${a(1).sql}, ${a(2).sql}, ${s(3).sql})`);
    // Character by character, as SQL Server reverses UTF-16 code units: DuckDB's reverse() keeps a
    // combining mark after its letter (a grapheme), where SQL Server puts it before.
    case 'REVERSE': return str(`array_to_string(list_reverse(regexp_extract_all(tsql_bmp(${s(0).sql}), '(?s).')), '')`);
    // each argument translated once: a variable becomes one bound parameter
    case 'CONCAT': { const args = all(); return { ...str(concatFunction(`concat(${args.map((x) => `CAST(${text(x).sql} AS VARCHAR)`).join(', ')})`, args, 'CONCAT', t.inTableDefinition)), ...concatUnicode(args) }; }
    case 'CONCAT_WS': { const args = all(); const [sep, ...rest] = args; return { ...str(concatFunction(`concat_ws(${sep === undefined ? 'NULL' : text(sep).sql}, ${rest.map((x) => `CAST(${text(x).sql} AS VARCHAR)`).join(', ')})`, args, 'CONCAT_WS', t.inTableDefinition)), ...concatUnicode(args) }; }
    case 'HASHBYTES': return translateHashBytes(t, call, a(1));
    case 'PARSENAME': return str(`tsql_parsename(${s(0).sql}, ${a(1).sql})`);
    case 'UNICODE': return int(`tsql_unicode(${s(0).sql})`);
    case 'TRANSLATE': return translateChars(t, call, a(0));
    case 'QUOTENAME': return quoteName(t, call, s(0));
    case 'ASCII': return int(`ascii(CAST(${s(0).sql} AS VARCHAR))`);
    case 'CHAR': case 'NCHAR': return str(`chr(CAST(${a(0).sql} AS INTEGER))`);
    case 'ISNUMERIC': return int(`tsql_isnumeric(${a(0).sql})`);
    // STR(x [, length [, decimal]]): varchar(length), 10 characters and no decimals by default (rules: tsql_strf).
    case 'STR': {
      const length = call.args[1] === undefined ? undefined : t.knownValue(call.args[1]);
      const n = length?.kind === 'int' ? Number(length.value) : call.args[1] === undefined ? 10 : undefined;
      const type = makeType('varchar', n !== undefined && Number.isInteger(n) && n >= 1 && n <= 8000 ? [String(n)] : ['8000']);
      return { ...str(`tsql_strf(${a(0).sql}, ${call.args[1] === undefined ? '10' : a(1).sql}, ${call.args[2] === undefined ? '0' : a(2).sql}, site := ${callMarker(t.state, call)})`), tsqlType: type };
    }
    // numbers
    case 'ROUND': {
      const x = a(0);
      // A float or real near a rounding boundary is refused (tsql-macros.ts, tsql_round_float).
      if (x.family === 'approx') {
        const f = call.args.length > 2 ? a(2).sql : '0';
        // the order check's second run rounds the product where a guess is all it can make (order-check.ts)
        const guess = t.state.roundingGuesses.size > 0 && t.state.roundingGuesses.has(t.state.place(call.span));
        const sql = guess ? `CAST(tsql_round(${x.sql}, ${a(1).sql}, f := ${f}) AS DOUBLE)` : `tsql_round_float(${x.sql}, ${a(1).sql}, f := ${f}, site := ${callMarker(t.state, call)})`;
        return { sql: /^(FLOAT|FLOAT4|REAL)$/i.test(x.duckType ?? '') ? `CAST(${sql} AS FLOAT)` : sql, family: x.family, duckType: x.duckType, tsqlType: x.tsqlType };
      }
      // Exact, integer and money values keep their type, with 8115 where the result does not fit (round-function.ts).
      const digits = call.args[1];
      const constant = digits !== undefined && (digits.kind === 'Literal' || digits.kind === 'Variable' || (digits.kind === 'Unary' && digits.operand.kind === 'Literal'));
      // of a doubted decimal POWER: rounded at the wider reading, refused where only the narrower overflows
      const rounded = translateExactRound(asOtherReading(x), a(1).sql, call.args.length > 2 ? a(2).sql : undefined, t.inTableDefinition, constant);
      if (x.precisionDoubt === undefined) return rounded;
      return { ...rounded, sql: withinFirstReading(x, rounded.sql, 'ROUND'), duckType: x.duckType, tsqlType: x.tsqlType, ...keepPrecisionDoubt(x) };
    }
    case 'ABS': { const x = a(0); return { sql: `abs(${x.sql})`, family: x.family, duckType: x.duckType, ...keepMoney(x), ...keepPrecisionDoubt(x) }; }
    // CEILING and FLOOR of a decimal have no decimals (CEILING(123.45) is 124); of money they stay
    // money (CEILING($123.45) is 124.00). SIGN keeps a decimal's scale (SIGN(-2.5) is -1.0) and
    // money's type; other exact and integer types as they are.
    case 'CEILING': case 'FLOOR': {
      const x = a(0);
      // Of an integer, the integer itself, of its type: DuckDB's ceil/floor of a BIGINT is a DOUBLE,
      // which past 2^53 is another number (CEILING(9007199254740993) would be …992).
      if (x.family === 'integer') return x;
      const f = `${name === 'CEILING' ? 'ceil' : 'floor'}(${x.sql})`;
      if (isMoney(x.tsqlType)) return { sql: `CAST(${f} AS ${x.duckType ?? 'DECIMAL(19,4)'})`, family: x.family, duckType: x.duckType, tsqlType: x.tsqlType };
      // Of decimal(p,s) the result is decimal(p,0) (the argument's type, without decimals): its
      // precision sets the scale of a division by it, which without a type would be DuckDB's double.
      const ps = x.family === 'exact' ? precisionScale(x) : undefined;
      if (ps !== undefined) return { sql: `CAST(${f} AS DECIMAL(${ps[0]},0))`, family: 'exact', duckType: `DECIMAL(${ps[0]},0)`, ...derivedDoubt(x, (p) => `DECIMAL(${p},0)`) };
      return { sql: f, family: x.family };
    }
    case 'SIGN': {
      const x = a(0);
      const ps = x.family === 'exact' ? precisionScale(x) : undefined;
      if (ps === undefined) return { sql: `sign(${x.sql})`, family: x.family };
      const typeOf = (p: number, s: number): string => `DECIMAL(${Math.max(p, s + 1)},${s})`;
      const type = typeOf(ps[0], ps[1]);
      return { sql: `CAST(sign(${x.sql}) AS ${type})`, family: 'exact', duckType: type, tsqlType: x.tsqlType, ...derivedDoubt(x, typeOf) };
    }
    case 'POWER': return translatePower(t, call, a(0), a(1));
    case 'SQRT': { const x = a(0); return { sql: `(CASE WHEN ${x.sql} < 0 THEN ${INVALID_FLOAT} ELSE sqrt(${x.sql}) END)`, family: 'approx' }; }
    case 'SQUARE': { const x = a(0); return { sql: `(CAST(${x.sql} AS DOUBLE) * CAST(${x.sql} AS DOUBLE))`, family: 'approx' }; }
    case 'EXP': return { sql: `exp(${a(0).sql})`, family: 'approx' };
    case 'LOG': {
      const x = a(0);
      const domain = `WHEN ${x.sql} <= 0 THEN ${INVALID_FLOAT}`;
      if (call.args.length === 1) return { sql: `(CASE ${domain} ELSE ln(${x.sql}) END)`, family: 'approx' };
      const b = a(1);
      return { sql: `(CASE ${domain} WHEN ${b.sql} <= 0 OR ${b.sql} = 1 THEN error('the emulator does not support LOG to a base of 1 or below 0 (its result is not documented)') ELSE ln(${x.sql}) / ln(${b.sql}) END)`, family: 'approx' };
    }
    case 'LOG10': { const x = a(0); return { sql: `(CASE WHEN ${x.sql} <= 0 THEN ${INVALID_FLOAT} ELSE log10(${x.sql}) END)`, family: 'approx' }; }
    case 'PI': return { sql: 'pi()', family: 'approx' };
    // dates
    // SYSDATETIME() and SYSUTCDATETIME() are datetime2(7) (their text has seven digits); the others datetime.
    case 'GETUTCDATE': case 'SYSUTCDATETIME': case 'SYSDATETIMEOFFSET': return translateUtcClock(t, call, name);
    case 'SYSDATETIME': {
      const text = t.state.clock.replace('T', ' ');
      return convertSql({ sql: `'${text}'`, family: 'string', duckType: 'VARCHAR', constant: { value: text } }, makeType('datetime2', ['7']), false, 'ymd');
    }
    // datetime holds 1/300 s: a --clock given in microseconds is rounded as a datetime is.
    case 'GETDATE': case 'CURRENT_TIMESTAMP': return { sql: `tsql_datetime_round(${clock().sql})`, family: 'datetime', duckType: 'TIMESTAMP', tsqlType: makeType('datetime', []) };
    case 'TODATETIMEOFFSET': case 'SWITCHOFFSET': return translateOffsetFunction(t, call, name, a);
    case 'DATEADD': {
      const fraction = fractionPart(call.args[0]);
      if (fraction !== undefined) return dateAddFraction(t, call, scope, fraction, a(1));
      const part = datePart(t, call.args[0], call);
      const n = `CAST(trunc(${a(1).sql}) AS INTEGER)`;
      const base = call.args[2];
      if (base === undefined) throw t.state.unsupported(call, 'DATEADD without a date');
      const interval = INTERVAL_OF[part];
      if (interval === undefined) throw t.state.unsupported(call, `DATEADD(${part}, …)`);
      const literal = base.kind === 'Literal' && (base.literalType === 'integer' || base.literalType === 'decimal');
      const b = literal ? undefined : t.expr(base, scope);
      const ts = b === undefined ? asTimestampWithFamily(t, base, scope) : timestampOf(t, b);
      const baseFamily = base.kind === 'Literal' ? 'datetime' : ts.family;
      timeOnlyPart(t, call, name, baseFamily, part);
      const sum = `(${ts.sql} + ${interval(n)})`;
      // a time stays a time, wrapping past midnight (milliseconds into time(0-2): as for datetime2 below)
      if (baseFamily === 'time' && part === 'millisecond' && (b?.tsqlType?.scale ?? 7) < 3) throw t.state.unsupported(call, `DATEADD(millisecond, …) of a time(${b?.tsqlType?.scale ?? 0}) value`);
      if (baseFamily === 'time') return { sql: `CAST(${sum} AS TIME)`, family: 'time', duckType: 'TIME', tsqlType: b?.tsqlType };
      // DATEADD returns the type of its date argument: a date stays a date, datetime2 keeps its
      // 100 ns digit, datetime rounds to 1/300 s; a string literal gives datetime.
      // Past a type's range (a date past 9999-12-31: `DATEADD(day, 1, [Valid To])` on an open
      // version) SQL Server raises 517 where DuckDB goes on to year 10000.
      if (baseFamily === 'date') return { sql: dateAddInRange(sum, 'date', 'DATE', `CAST(${sum} AS DATE)`), family: 'date', duckType: 'DATE' };
      if (b !== undefined && base.kind !== 'Literal') {
        if (isDatetime2Text(b)) {
          return { sql: dateAddInRange(sum, 'datetime2', 'VARCHAR', `(strftime(${sum}, '%Y-%m-%d %H:%M:%S.%f') || substr(${b.sql}, 27, 1))`), family: 'datetime', duckType: 'VARCHAR', tsqlType: b.tsqlType };
        }
        if (b.tsqlType?.name === 'smalldatetime') return { sql: dateAddInRange(`tsql_smalldatetime_round(${sum})`, 'smalldatetime', 'TIMESTAMP'), family: 'datetime', duckType: 'TIMESTAMP', tsqlType: b.tsqlType };
        // datetime2(0-6) stays datetime2 of its scale (not datetime's 1/300 s): whole units keep
        // its digits; milliseconds past a scale below 3 round or cut as SQL Server does not document.
        if (b.tsqlType?.name === 'datetime2') {
          if (part === 'millisecond' && (b.tsqlType.scale ?? 7) < 3) throw t.state.unsupported(call, `DATEADD(millisecond, …) of a datetime2(${b.tsqlType.scale ?? 0}) value`);
          return { sql: dateAddInRange(sum, 'datetime2', 'TIMESTAMP'), family: 'datetime', duckType: 'TIMESTAMP', tsqlType: b.tsqlType };
        }
        if (isDatetimeOffset(b)) return dateAddOfOffset(t, call, part, b, sum);
      }
      return { sql: dateAddInRange(`tsql_datetime_round(${sum})`, 'datetime', 'TIMESTAMP'), family: 'datetime', duckType: 'TIMESTAMP', tsqlType: makeType('datetime', []) };
    }
    case 'DATEDIFF': case 'DATEDIFF_BIG': {
      const fine = dateDiffFractionPart(call.args[0]);
      if (fine !== undefined) return int(dateDiffFraction(t, call, scope, name === 'DATEDIFF_BIG' ? 'DATEDIFF_BIG' : 'DATEDIFF', fine));
      const part = datePart(t, call.args[0], call);
      const [xf, yf] = [asInstantWithFamily(t, call.args[1] as Expression, scope), asInstantWithFamily(t, call.args[2] as Expression, scope)];
      [xf, yf].forEach((v) => timeOnlyPart(t, call, name, v.family, part));
      // milliseconds count from a datetime's exact tick at compatibility level 130 and up (compatibility-level.ts)
      const [x, y] = part === 'millisecond' ? [xf, yf].map((v) => millisecondBoundary(v.sql, v.datetime ?? 'no', `${name}(millisecond, …)`)) as [string, string] : [xf.sql, yf.sql];
      if (part === 'week') return int(`tsql_datediff_week(${x}, ${y})`);
      if (part === 'weekday' || part === 'dayofyear') return int(`CAST(date_diff('day', ${x}, ${y}) AS INTEGER)`);
      // Past int SQL Server fails with 535 (not the 8115 of DuckDB's CAST): 24 days in milliseconds, 68 years in seconds.
      const diff = `date_diff('${part}', ${x}, ${y})`;
      if (name === 'DATEDIFF' && ['minute', 'second', 'millisecond'].includes(part)) return int(`(CASE WHEN ${diff} NOT BETWEEN -2147483648 AND 2147483647 THEN CAST(error('T-SQL Msg 535: The datediff function resulted in an overflow. The number of dateparts separating two date/time instances is too large. Try to use datediff with a less precise datepart.') AS INTEGER) ELSE CAST(${diff} AS INTEGER) END)`);
      return int(`CAST(${diff} AS ${name === 'DATEDIFF_BIG' ? 'BIGINT' : 'INTEGER'})`);
    }
    case 'DATEPART': case 'DATENAME': {
      if (['tz', 'tzoffset'].includes(datePartText(call.args[0]).toLowerCase())) return int(offsetPart(t, call, name, a(1)));
      // ISO 8601 week (weeks from Monday, week 1 holds the year's first Thursday), DATEPART and
      // DATENAME only: DuckDB's 'week' part is that week.
      if (isoWeek(call.args[0])) {
        const v = `CAST(date_part('week', ${asTimestamp(t, call.args[1] as Expression, scope)}) AS INTEGER)`;
        return name === 'DATENAME' ? str(`CAST(${v} AS VARCHAR)`) : int(v);
      }
      const part = datePart(t, call.args[0], call);
      const dated = asTimestampWithFamily(t, call.args[1] as Expression, scope);
      timeOnlyPart(t, call, name, dated.family, part);
      const d = dated.sql;
      // weekday and week numbers follow DATEFIRST, names the language: the login's unless stated or SET (login-language.ts)
      if (part === 'weekday' || part === 'week') noteLanguageRead(t.state, 'dateFirst', `${name}(${part}, …)`, call.span);
      if (name === 'DATENAME' && (part === 'month' || part === 'weekday')) noteLanguageRead(t.state, 'names', `DATENAME(${part}, …)`, call.span);
      if (name === 'DATENAME' && part === 'month') return str(`monthname(${d})`);
      if (name === 'DATENAME' && part === 'weekday') return str(`dayname(${d})`);
      // weekday and week count from SET DATEFIRST's day (DuckDB's dayofweek: Sunday 0); week 1 holds January 1.
      const first = t.state.dateFirst % 7;
      const v = part === 'weekday' ? `tsql_weekday(${d}, ${first})`
        : part === 'week' ? `CAST(((dayofyear(${d}) - 1 + ((dayofweek(make_date(year(${d}), 1, 1)) + 7 - ${first}) % 7)) // 7) + 1 AS INTEGER)`
          // DuckDB's millisecond part counts the seconds too (33123 at :33.123); SQL Server's is 0-999
          : part === 'millisecond' ? `CAST(date_part('millisecond', ${millisecondBoundary(d, dated.datetime ?? 'no', `${name}(millisecond, …)`)}) % 1000 AS INTEGER)`
            : `CAST(date_part('${part}', ${d}) AS INTEGER)`;
      return name === 'DATENAME' ? str(`CAST(${v} AS VARCHAR)`) : int(v);
    }
    case 'YEAR': return int(`CAST(year(${asTimestamp(t, call.args[0] as Expression, scope)}) AS INTEGER)`);
    case 'MONTH': return int(`CAST(month(${asTimestamp(t, call.args[0] as Expression, scope)}) AS INTEGER)`);
    case 'DAY': return int(`CAST(day(${asTimestamp(t, call.args[0] as Expression, scope)}) AS INTEGER)`);
    case 'EOMONTH': {
      if (call.args.length > 1) {
        // Past 9999-12-31 (or before year 1) SQL Server raises an error whose number its
        // documentation does not give; DuckDB would go on to year 10000.
        const shifted = `(${asTimestamp(t, call.args[0] as Expression, scope)} + to_months(CAST(${a(1).sql} AS INTEGER)))`;
        return { sql: `(CASE WHEN ${shifted} >= TIMESTAMP '10000-01-01' OR ${shifted} < TIMESTAMP '0001-01-01' THEN CAST(error('the emulator does not support EOMONTH past the range of dates (SQL Server raises an error whose number is not documented)') AS DATE) ELSE tsql_eomonth(${shifted}) END)`, family: 'date', duckType: 'DATE' };
      }
      return { sql: `tsql_eomonth(${asTimestamp(t, call.args[0] as Expression, scope)})`, family: 'date', duckType: 'DATE' };
    }
    case 'DATEFROMPARTS': return { sql: `tsql_datefromparts(${a(0).sql}, ${a(1).sql}, ${a(2).sql})`, family: 'date', duckType: 'DATE' };
    case 'ISDATE': {
      // 1 when the text converts to datetime (every SQL Server literal format, DATEFORMAT honoured).
      // The empty (or blank) string is 0, though CAST('' AS datetime) is 1900-01-01.
      const x = a(0);
      const blank = x.family === 'string' || x.duckType === 'VARCHAR' ? `trim(CAST(${x.sql} AS VARCHAR)) = '' OR ` : '';
      return int(`CASE WHEN ${blank}${convertSql(x, makeType('datetime', []), true, t.state.dateFormat).sql} IS NULL THEN 0 ELSE 1 END`);
    }
    // aggregates
    case 'COUNT': case 'COUNT_BIG': {
      const x = call.star ? undefined : a(0);
      if (x !== undefined && call.distinct) refuseOpaqueKey(t, call, x, `${name}(DISTINCT …)`);
      // DuckDB's DISTINCT ignores the collation; SQL Server's CI collation counts 'a', 'A' and 'a ' once.
      const arg = x === undefined ? '*' : call.distinct && x.family === 'string' ? `DISTINCT lower(tsql_str(${x.sql}))` : `${distinct}${x.sql}`;
      return { sql: `CAST(count(${arg})${over} AS ${name === 'COUNT' ? 'INTEGER' : 'BIGINT'})`, family: 'integer', duckType: name === 'COUNT' ? 'INTEGER' : 'BIGINT' };
    }
    case 'SUM': {
      const x = notBit(t, call, name, a(0));
      // SUM of decimal(p,s) is decimal(38,s); of int, int; of bigint, bigint (as in SQL Server).
      // (a CASE of decimal(p,s) and an integer constant, of unknown precision, is decimal(38,s) too)
      const ps = x.family === 'exact' || x.family === 'integer' ? precisionScale(x) ?? (x.decimalScale === undefined ? undefined : [38, x.decimalScale]) : undefined;
      const duckType = ps === undefined ? undefined : x.family === 'exact' ? `DECIMAL(38,${ps[1]})` : x.duckType;
      // SUM of int (smallint, tinyint) is int, of bigint bigint: past its range SQL Server fails
      // with 8115, where DuckDB's sum would go on in HUGEINT.
      if (x.family === 'integer') {
        const type = x.duckType === 'BIGINT' ? 'BIGINT' : 'INTEGER';
        return { sql: `CAST(sum(${distinct}${x.sql})${over} AS ${type})`, family: 'integer', duckType: type };
      }
      // SUM of money is money: later arithmetic keeps four decimals (money-arithmetic.ts).
      if (isMoney(x.tsqlType)) return moneySum(x, distinct, over);
      const order = x.family === 'approx' ? floatSumOrder(t, call, scope, name) : undefined;
      const summed = `sum(${distinct}${x.sql}${order === undefined ? '' : ` ORDER BY ${order}`})${over}`;
      return { sql: duckType !== undefined && x.family === 'exact' && precisionScale(x) === undefined ? `CAST(${summed} AS ${duckType})` : summed, family: x.family === 'unknown' ? 'unknown' : x.family === 'bit' ? 'integer' : x.family, duckType };
    }
    case 'MIN': case 'MAX': {
      const x = notBit(t, call, name, a(0));
      // Text: the extreme by the collation's order (or a refusal), given back as written.
      // A uniqueidentifier: the extreme by SQL Server's byte significance (guid-order.ts).
      const sql = x.family === 'string' ? textExtremeSql(t, call, name, x.sql, over)
        : x.family === 'guid' ? `arg_${name.toLowerCase()}(${x.sql}, ${guidOrderKeySql(x.sql)})${over}` : `${name.toLowerCase()}(${distinct}${x.sql})${over}`;
      // A date/time keeps its type (its text depends on it: datetime2(3) is no datetime).
      const temporal = x.family === 'datetime' || x.family === 'date' || x.family === 'time' ? { tsqlType: x.tsqlType } : {};
      return { sql, family: x.family, duckType: x.duckType, ...keepMoney(x), ...temporal, offsetMinutes: x.offsetMinutes, ...keepPrecisionDoubt(x) };
    }
    case 'AVG': return translateAvg(t, call, notBit(t, call, name, a(0)), distinct, over, scope);
    // order-independent, and listed not reproducible where the last digits are SQL Server's own (statistical-aggregates.ts)
    case 'STDEV': case 'STDEVP': case 'VAR': case 'VARP': return translateStatistic(t, call, name, notBit(t, call, name, a(0)), distinct, over);
    case 'STRING_AGG': {
      const within = call.withinGroup.length > 0 ? translateWithinGroup(t, call, scope) : undefined;
      const tie = aggregateTieBreak(t, call, scope);
      const terms = [within, tie].filter((x) => x !== undefined);
      const order = terms.length > 0 ? ` ORDER BY ${terms.join(', ')}` : '';
      // Values of other types are converted to nvarchar first (the STRING_AGG page): money with two
      // decimals, float in six digits, datetime as 'Jan  2 2024  3:04PM', not DuckDB's text.
      const raw = a(0);
      const value = text(raw);
      const agg = checkedWithinGroup(call, disputedAggregate(t, call, scope, value.sql, `string_agg(CAST(${value.sql} AS VARCHAR), ${a(1).sql}${order})${over}`));
      // The result has the value's type, nvarchar(4000) for one that is not text; past 8000 bytes
      // of a type that is not MAX SQL Server fails with 9829 instead of cutting (nvarchar counts
      // 2 bytes a UTF-16 unit). Text whose declared type the emulator cannot tell is refused there.
      const isText = raw.family === 'string' || raw.family === 'unknown';
      if (isText && raw.tsqlType?.length === -1) return str(agg);
      const resultType = isText ? raw.tsqlType : makeType('nvarchar', ['4000']);
      const past = resultType === undefined
        ? `CAST(error('the emulator does not support STRING_AGG past 8000 characters of text whose declared type it cannot tell (SQL Server fails with 9829 unless it is MAX)') AS VARCHAR)`
        : `error('T-SQL Msg 9829: STRING_AGG aggregation result exceeded the limit of 8000 bytes. Use LOB types to avoid result truncation.')`;
      const bytes = resultType === undefined ? `length(${agg})` : dataLength(t, call, { sql: agg, family: 'string', tsqlType: resultType }).sql;
      return str(`(CASE WHEN ${bytes} > 8000 THEN ${past} ELSE ${agg} END)`);
    }
    // GROUPING: 1 in a row that rolls the column up (tinyint); GROUPING_ID: those bits, the first
    // argument's highest (int), which is the order of DuckDB's grouping() over several.
    case 'GROUPING': case 'GROUPING_ID': {
      if (call.args.length === 0 || (name === 'GROUPING' && call.args.length > 1)) throw t.state.unsupported(call, `${name} with ${call.args.length} arguments`);
      const type = name === 'GROUPING' ? 'TINYINT' : 'INTEGER';
      return { sql: `CAST(grouping(${all().map((x) => x.sql).join(', ')}) AS ${type})`, family: 'integer', duckType: type };
    }
    case 'ROW_NUMBER': case 'RANK': case 'DENSE_RANK':
      return { sql: `CAST(${name.toLowerCase()}()${over} AS BIGINT)`, family: 'integer', duckType: 'BIGINT' };
    case 'NTILE': return { sql: `CAST(ntile(${a(0).sql})${over} AS BIGINT)`, family: 'integer' };
    // (rank - 1) / (rows - 1), 0 for a partition of one row; rows up to the current one and its
    // peers / rows: the documented float formulas, which DuckDB's functions compute alike (NULLs
    // rank first, as ORDER BY orders them).
    case 'PERCENT_RANK': case 'CUME_DIST':
      if (call.over === undefined || call.over.orderBy.length === 0 || call.args.length > 0) throw t.state.unsupported(call, `${name} without OVER (… ORDER BY …) or with arguments (SQL Server does not compile it)`);
      return { sql: `${name.toLowerCase()}()${over}`, family: 'approx', duckType: 'DOUBLE', tsqlType: makeType('float', []) };
    case 'PERCENTILE_DISC': case 'PERCENTILE_CONT': return translatePercentile(t, call, scope, name, over);
    case 'LAG': case 'LEAD': case 'FIRST_VALUE': case 'LAST_VALUE': {
      // The result has the type of the value (the LAG and LEAD pages): a default of another type
      // converts to it as ISNULL's replacement does (LAG(Qty, 1, 0.7) of an int is 0, where
      // DuckDB's lag would round it to 1), and money or a date/time type keeps its text.
      const xs = all();
      const x = xs[0];
      if (x === undefined) throw t.state.unsupported(call, `${name} without argument 1`);
      const atOffset = offsetOfBranches(t, call, `${name}'s default`, xs.length === 3 ? [x, xs[2] as SqlFragment] : [x]);
      // (of a doubted decimal POWER: the default converted at the wider reading, refused past the narrower, as ISNULL's)
      const args = xs.length === 3 && (name === 'LAG' || name === 'LEAD') && atOffset.duckType === undefined ? [asOtherReading(x), xs[1] as SqlFragment, inTypeOf(t, asOtherReading(x), xs[2] as SqlFragment)] : xs;
      const pickOrder = pick.order === undefined ? '' : ` ORDER BY ${pick.order}`;
      return { sql: withinFirstReading(x, `${name.toLowerCase()}(${args.map((v) => v.sql).join(', ')}${pickOrder})${over}`, `${name}'s default`), family: x.family, duckType: x.duckType, tsqlType: x.tsqlType, ...atOffset, ...keepPrecisionDoubt(x) };
    }
    // metadata the emulator knows
    case 'OBJECT_ID': return objectId(t, call);
    case 'OBJECT_NAME': case 'OBJECT_SCHEMA_NAME': return objectNameOfModule(t, call, name);
    case 'CURSOR_STATUS': return cursorStatus(t, call);
    // UPDATE(column) and COLUMNS_UPDATED() of a trigger's body (trigger-run.ts)
    case 'UPDATE': return updateFunction(t, call);
    case 'TRIGGER_NESTLEVEL': return triggerNestLevel(t, call);
    case 'COLUMNS_UPDATED': throw t.state.unsupported(call, 'COLUMNS_UPDATED() (its bit pattern follows the columns\' column_id, which the scripts do not fix; test UPDATE(column) instead)');
    case 'SCOPE_IDENTITY':
      if (t.state.identityUnknownWhy !== undefined) throw t.state.unsupported(call, t.state.identityUnknownWhy);
      noteCountRead(t.state, 'identity', call);
      return { sql: t.bind(t.state.lastIdentity, 'DECIMAL(38,0)'), family: 'exact' };
    case 'IDENT_CURRENT': return identCurrent(t, call);
    case 'ERROR_MESSAGE': case 'ERROR_NUMBER': case 'ERROR_SEVERITY': case 'ERROR_STATE': case 'ERROR_LINE': case 'ERROR_PROCEDURE':
      return translateErrorFunction(t, call, name);
    // the session's login, user, host, application and database (--context)
    case 'SUSER_SNAME': case 'SUSER_NAME': case 'SYSTEM_USER': case 'ORIGINAL_LOGIN': case 'USER_NAME': case 'CURRENT_USER':
    case 'SESSION_USER': case 'USER': case 'HOST_NAME': case 'APP_NAME': case 'DB_NAME':
      return sessionFunction(t, call, name);
    case 'XACT_STATE': return int(t.bind(String(xactState(t.state, call)), 'INTEGER'));
    case 'FORMATMESSAGE': return translateFormatMessage(t, call);
    case 'NEWID': case 'RAND': case 'NEWSEQUENTIALID': return translateRandom(t, call, name);
    // Their algorithms are not documented: a stored or compared checksum cannot be reproduced.
    case 'CHECKSUM': case 'BINARY_CHECKSUM':
      throw t.state.unsupported(call, `${name}() (SQL Server does not document its algorithm; capture this procedure from SQL Server, or, where the new code may differ, compare the columns themselves or HASHBYTES('SHA2_256', …))`);
    case 'ISJSON': case 'JSON_VALUE': case 'JSON_QUERY': case 'JSON_MODIFY': return translateJsonFunction(t, call, scope, name);
    case 'STRING_ESCAPE': return translateStringEscape(t, call, scope);
    case 'MIN_ACTIVE_ROWVERSION': throw t.state.unsupported(call, `MIN_ACTIVE_ROWVERSION() (${DATABASE_ROWVERSION})`);
    default:
      // `geography::Point(…)` reads as a function named `type::method`: a static method of a CLR type
      if (name.includes('::')) throw t.state.unsupported(call, `the static method ${call.name.parts.map((p) => p.name).join('.')}() (geography, geometry, hierarchyid and CLR type methods are not emulated)`);
      throw t.state.unsupported(call, `the function ${name}`);
  }
}

function translateAvg(t: SqlTranslator, call: FunctionCall, x: SqlFragment, distinct: string, over: string, scope: SqlScope): SqlFragment {
  // AVG of money is money (money-arithmetic.ts).
  if (isMoney(x.tsqlType)) return moneyAverage(x, distinct, over, t.state.place(call.span));
  if (x.family === 'integer' || x.family === 'bit') {
    // AVG of an integer type is an integer in SQL Server: the exact quotient, truncated. Its sum
    // is held in the result type (int for tinyint, smallint and int, bigint for bigint): past
    // that range AVG fails with 8115 as SUM does, though the average itself would fit.
    const type = x.duckType === 'BIGINT' ? 'BIGINT' : 'INTEGER';
    return { sql: `CAST(CAST(sum(${distinct}${x.sql})${over} AS ${type}) // count(${distinct}${x.sql})${over} AS ${type})`, family: 'integer', duckType: type };
  }
  if (x.family === 'exact') {
    // the argument's scale: its type's, or a CASE's of unknown precision; without it the
    // result's scale (max(s, 6)) is unknown, and the sum must not be cut to 6 decimals
    const scale = /DECIMAL\(\d+,(\d+)\)/i.exec(x.duckType ?? '')?.[1] ?? x.decimalScale;
    if (scale === undefined) throw t.state.unsupported(call, 'AVG of a decimal whose scale the emulator cannot tell (its result has max(s, 6) decimals)');
    const s = Math.max(6, Number(scale));
    const from = Number(scale);
    // decimal(38, max(s, 6)), truncated: the sum's unscaled digits at scale s, integer-divided by
    // the count (the sum times 10^s as a decimal overflowed DuckDB's 38 digits: AVG of a decimal(38,20)).
    const sum = `${unscaledOfDecimal(`sum(${distinct}${x.sql})${over}`, from)}${s > from ? ` * CAST('1${'0'.repeat(s - from)}' AS HUGEINT)` : ''}`;
    const q = `((${sum}) // count(${distinct}${x.sql})${over})`;
    return { sql: decimalOfUnscaled(q, 38, s), family: 'exact', duckType: `DECIMAL(38,${s})` };
  }
  if (x.family === 'unknown') throw t.state.unsupported(call, 'AVG of a value whose type the emulator cannot tell (integer AVG truncates in SQL Server)');
  // The float sum in the order floatSumOrder gives, divided by the count, as SQL Server divides.
  const order = floatSumOrder(t, call, scope, 'AVG');
  const sql = order === undefined ? `avg(${distinct}${x.sql})${over}` : `(sum(CAST(${x.sql} AS DOUBLE) ORDER BY ${order})${over} / count(${x.sql})${over})`;
  return { sql, family: 'approx', duckType: 'DOUBLE' };
}

/** Bytes of storage per value of the fixed-size types, as DATALENGTH reports them. */
const FIXED_BYTES: Readonly<Record<string, number>> = {
  tinyint: 1, smallint: 2, int: 4, bigint: 8, bit: 1, real: 4, float: 8, money: 8, smalldatetime: 4, datetime: 8, date: 3, uniqueidentifier: 16,
};

/**
 * DATALENGTH counts bytes: 2 per UTF-16 code unit for nchar/nvarchar (a character outside the
 * BMP takes 4), 1 per character for char/varchar (a single-byte code page), trailing blanks
 * included. A string whose declared type the emulator cannot tell is refused, not guessed.
 */
function dataLength(t: SqlTranslator, call: FunctionCall, x: SqlFragment): SqlFragment {
  const type = x.tsqlType;
  const int = (sql: string): SqlFragment => ({ sql, family: 'integer', duckType: 'INTEGER' });
  // REPLACE, LEFT, RIGHT, SUBSTRING, CONCAT keep no declared type (no length is tracked), but their
  // pages make the result nvarchar when an argument is and varchar otherwise: unicodeText says which.
  const kind = type === undefined && x.family === 'string' && x.unicodeText !== undefined ? (x.unicodeText ? 'nvarchar' : 'varchar') : undefined;
  const name = type?.name ?? kind;
  if (name === 'nvarchar' || name === 'nchar' || name === 'ntext' || name === 'sysname') {
    return int(`CAST(2 * (length(CAST(${x.sql} AS VARCHAR)) + length(regexp_replace(CAST(${x.sql} AS VARCHAR), '[\\x{0000}-\\x{FFFF}]', '', 'g'))) AS INTEGER)`);
  }
  if (name === 'varchar' || name === 'char' || name === 'text') return int(`CAST(length(CAST(${x.sql} AS VARCHAR)) AS INTEGER)`);
  if (x.family === 'binary') return int(`CAST(octet_length(${x.sql}) AS INTEGER)`);
  if (name !== undefined && FIXED_BYTES[name] !== undefined) return int(`CASE WHEN ${x.sql} IS NULL THEN NULL ELSE ${FIXED_BYTES[name]} END`);
  // 5 bytes for a decimal(5,4) POWER, 17 for a decimal(38,4) one
  if (x.precisionDoubt !== undefined) throw t.state.unsupported(call, doubtRefusal('DATALENGTH'));
  if (name === 'decimal') {
    const p = type?.precision ?? 18;
    return int(`CASE WHEN ${x.sql} IS NULL THEN NULL ELSE ${p <= 9 ? 5 : p <= 19 ? 9 : p <= 28 ? 13 : 17} END`);
  }
  throw t.state.unsupported(call, `DATALENGTH of a value whose declared type the emulator cannot tell (${x.family}${name === undefined ? '' : `, ${name}`})`);
}

/**
 * TRANSLATE(input, characters, translations): each character of the second argument replaced by
 * the one at its place in the third, as DuckDB's translate() does; arguments of unequal length
 * raise error 9828 when the statement runs, as in SQL Server. Both must be known before the
 * statement runs; letters among the characters are refused (whether the collation's case-
 * insensitivity applies, as REPLACE's does, is not documented).
 */
function translateChars(t: SqlTranslator, call: FunctionCall, input: SqlFragment): SqlFragment {
  const known = (i: number): string => {
    const arg = call.args[i];
    const v = arg === undefined ? undefined : t.knownValue(arg);
    if (v === undefined || v.kind !== 'str' || v.value === null) throw t.state.unsupported(call, `TRANSLATE with argument ${i + 1} not a text known before the statement runs`);
    return String(v.value);
  };
  const [from, to] = [known(1), known(2)];
  if (/\p{L}/u.test(from)) throw t.state.unsupported(call, 'TRANSLATE of letters (whether the collation\'s case-insensitivity applies is not documented)');
  const x = `CAST(${input.sql} AS VARCHAR)`;
  if ([...from].length !== [...to].length) return { sql: `(CASE WHEN ${x} IS NULL THEN error('the emulator does not support TRANSLATE of NULL with arguments of unequal length') ELSE error('T-SQL Msg 9828: The second and third arguments of the TRANSLATE built-in function must contain an equal number of characters.') END)`, family: 'string', duckType: 'VARCHAR' };
  return { sql: `translate(${x}, ${t.bind(from, 'VARCHAR')}, ${t.bind(to, 'VARCHAR')})`, family: 'string', duckType: 'VARCHAR' };
}

/** QUOTENAME(s [, q]): s between q's pair of delimiters, the closing one doubled; NULL past 128 characters or for another q. */
function quoteName(t: SqlTranslator, call: FunctionCall, input: SqlFragment): SqlFragment {
  const q = call.args[1];
  let open = '[';
  if (q !== undefined) {
    const known = t.knownValue(q);
    if (known === undefined || known.kind !== 'str') throw t.state.unsupported(call, 'QUOTENAME with a quote character not known before the statement runs');
    if (known.value === null) return { sql: 'CAST(NULL AS VARCHAR)', family: 'string', duckType: 'VARCHAR' };
    open = String(known.value).slice(0, 1);
  }
  const pairs: Record<string, string> = { '[': ']', ']': ']', '"': '"', "'": "'", '(': ')', ')': ')', '<': '>', '>': '>', '{': '}', '}': '}', '`': '`' };
  const close = pairs[open];
  if (close === undefined) return { sql: 'CAST(NULL AS VARCHAR)', family: 'string', duckType: 'VARCHAR' };
  const left = { ']': '[', ')': '(', '>': '<', '}': '{' }[open] ?? open;
  const x = `CAST(${input.sql} AS VARCHAR)`;
  const lit = (c: string): string => `'${c.replace(/'/g, "''")}'`;
  return { sql: `(CASE WHEN length(${x}) > 128 THEN NULL ELSE ${lit(left)} || replace(${x}, ${lit(close)}, ${lit(close + close)}) || ${lit(close)} END)`, family: 'string', duckType: 'VARCHAR' };
}

/** SQL Server's error for a float function outside its domain (SQRT of a negative, LOG of 0). */
const INVALID_FLOAT = "error('T-SQL Msg 3623: An invalid floating point operation occurred.')";

