import type { Binary, Case, Expression, Literal } from '../tsql';
import { collationReason, comparesAsDefault, likeClassLimits, likeDanglingEscape, likeEscapeOutsideClasses, likeRangeExactText, likeToRegex } from '../tsql';
import { isRefusal, translated, type Refusal, type Translated } from './draft-model';
import { legacyText, locatedStop, refuseAt, type DraftScope } from './draft-scope';
import { castExplicit, castTo, commonType, unionPastPrecision38 } from './convert-value';
import { collationKey, decimalFromUnscaled, equatedTextStop, likeExpansionWhen, stringLiteral, TEXT_ORDER_CHARS, TEXT_ORDER_NOTE, unscaledDigits } from './sql-text';
import { orderedTextComparisonSql, TEXT_ORDER_DOUBT } from './text-order-doubt';
import { BIT, DATETIME2, decimal, decimalResult, FLOAT, formatSqlType, INT, BIGINT, isNumeric, NULL_TYPE, precisionScale, widerInt, type SqlType } from './sql-types';
import { translateFunction } from './translate-functions';
import { translateScalarSubquery, translateSubqueryPredicate } from './translate-query';
import { groupedTextValue, groupKeyText } from './translate-grouping';
import { separatedDatetimeRefusal } from './date-first';
import { binaryLiteral, compareBinary } from './binary-values';
import { moneyArithmetic, moneyResult } from './money-arithmetic';
import { doubtAfter, POWER_DOUBT } from './decimal-power';

/*
 * T-SQL expression -> DuckDB SQL with SQL Server's semantics written out: integer division
 * truncates (and fails on 0), decimal division keeps SQL Server's scale exactly, `+` on text
 * concatenates with NULL propagating, text compares case-insensitively ignoring trailing
 * blanks, bit is compared as a number. Anything whose result SQL Server would give differently
 * from what we can write is refused, never approximated.
 */

type Result = Translated | Refusal;

/**
 * Translates one expression in `scope` to DuckDB SQL and the T-SQL type SQL Server gives it,
 * or a Refusal naming the construct, its location and why it cannot be reproduced exactly.
 */
export function translateExpression(expr: Expression, scope: DraftScope, acceptPowerDoubt = false): Result {
  const r = translateNode(expr, scope);
  // a decimal POWER's type is documented two ways: only arithmetic and CAST read it (decimal-power.ts)
  if (!isRefusal(r) && r.powerDoubt !== undefined && !acceptPowerDoubt) return refuseAt(scope.ctx, expr.span, 'POWER of a decimal value read here', POWER_DOUBT);
  return isRefusal(r) ? r : groupedRead(r, expr, scope);
}

/**
 * `r`, the value of `expr` read at query level `level`, as that level's GROUP BY shows it: a
 * grouped text column outside an aggregate is one of the group's spellings (unspecified which:
 * the draft takes the smallest so reruns agree, and says so in a Check note, since that choice is
 * not the legacy code's); a GROUP BY expression repeated in the select list (`YEAR(DATEADD(day,
 * 26 - DATEPART(ISO_WEEK, d), d))` in both) translates with its runtime stops naming each place,
 * and DuckDB matches a grouped expression only by its text, so it takes the GROUP BY's own SQL.
 */
function groupedRead(r: Translated, expr: Expression, level: DraftScope): Translated {
  if (level.inAggregate || level.grouping === undefined) return r;
  if (r.type.family === 'string' && level.grouping.stringKeys.has(groupKeyText(r.sql))) {
    if (!onlyDistinctSpellings(expr)) level.ctx.notes.push(groupSpellingNote(level, expr));
    return translated(groupedTextValue(level.grouping, r.sql), r.type);
  }
  const key = r.type.family !== 'string' ? level.grouping.keys?.get(groupKeyText(r.sql)) : undefined;
  return key !== undefined && key !== r.sql ? { ...r, sql: key } : r;
}

/**
 * True when every value the expression can take is one of its own ASCII string literals and no
 * two of them differ only in case or trailing blanks (`CASE … THEN 'PEAK' ELSE 'OFFPEAK' END`):
 * each group then has one spelling, and min(…) is it, so no Check note is due.
 */
function onlyDistinctSpellings(expr: Expression): boolean {
  const literalText = (e: Expression | undefined): string | undefined | null =>
    e === undefined ? null : e.kind === 'Literal' && (e.literalType === 'string' || e.literalType === 'nstring') && /^[\x20-\x7e]*$/.test(e.value) ? e.value : undefined;
  const values = expr.kind === 'Case' ? [...expr.whens.map((w) => literalText(w.then)), literalText(expr.else)] : [literalText(expr)];
  if (values.some((v) => v === undefined)) return false;
  const keys = values.filter((v): v is string => typeof v === 'string').map((v) => v.toLowerCase().replace(/ +$/, ''));
  return new Set(keys).size === new Set(values.filter((v) => typeof v === 'string')).size;
}

/** The Check note of a case-insensitive group's text shown by min(…). */
function groupSpellingNote(scope: DraftScope, expr: Expression): string {
  const ctx = scope.ctx;
  const written = ctx.text.slice(expr.span.start.offset, expr.span.end.offset);
  return `${written} at ${ctx.file}:${expr.span.start.line}:${expr.span.start.column} is grouped case-insensitively: rows spelled differently only in case or trailing blanks form one group, and SQL Server shows one of their spellings (which one is not defined); the draft shows min(…), the first in binary order. Data with such spellings needs its result checked by hand (\`sections record\` refuses it)`;
}

function translateNode(expr: Expression, scope: DraftScope): Result {
  const ctx = scope.ctx;
  switch (expr.kind) {
    case 'Literal': return literal(expr, scope);
    case 'ColumnRef': {
      const c = scope.column(expr.parts);
      const written = expr.parts.map((p) => p.name).join('.');
      if (c === 'ambiguous') return refuseAt(ctx, expr.span, `column ${written}`, 'the name matches columns of more than one table in this query; qualify it');
      if (c === undefined) return refuseAt(ctx, expr.span, `column ${written}`, 'no table of this query has that column (its table is not an input of the section, or its columns are unknown)');
      if (isRefusal(c)) return c;
      if (c.type.family === 'string' && c.type.collation !== undefined) return refuseAt(ctx, expr.span, `column ${written}, declared COLLATE ${c.type.collation}`, collationReason(c.type.collation));
      // A char(n) column reads as its value padded to n, as SQL Server stores it: input rows
      // (a scenario's Given, a CSV) may come without the blanks; what the draft wrote has them.
      const read = c.type.family === 'string' && c.type.padded && c.type.length !== undefined ? translated(`rpad(${c.sql}, ${c.type.length}, ' ')`, c.type) : c;
      // An outer reference of a correlated subquery (`WHERE c.[Parent Item] = p.[Parent Item]` in
      // a FOR XML PATH beside a GROUP BY p.[Parent Item]) reads the outer row's group: its grouped
      // value, as the outer select list would read it. Read raw, DuckDB refused the draft (the
      // column is not in the GROUP BY, which groups text by its collation key) (mrp probe).
      const level = scope.columnLevel(expr.parts);
      return level !== undefined && level !== scope ? groupedRead(read, expr, level) : read;
    }
    case 'Variable': {
      const v = scope.variable(expr.name);
      if (v === undefined) return refuseAt(ctx, expr.span, `variable ${expr.name}`, 'the section reads it but neither declares it as a parameter (Given) nor sets it');
      return v;
    }
    case 'SystemVariable':
      if (expr.name.toUpperCase() === '@@ROWCOUNT' && ctx.rowCount !== undefined) return ctx.rowCount;
      return refuseAt(ctx, expr.span, expr.name, expr.name.toUpperCase() !== '@@ROWCOUNT' ? 'a system variable describes the legacy run (row counts, errors), not the data'
        : ctx.forAllEntities === true ? '@@ROWCOUNT inside a loop the draft runs once for all entities would count every entity\'s rows, not the one entity\'s the loop counted'
          : '@@ROWCOUNT is translated only right after an UPDATE, DELETE or INSERT … SELECT of the section (the rows it affected)');
    case 'Binary': return binary(expr, scope);
    case 'Unary': {
      const o = translateExpression(expr.operand, scope);
      if (isRefusal(o)) return o;
      const op = expr.operator.toUpperCase();
      if (op === 'NOT') return translated(`(NOT ${o.sql})`, BIT);
      if (op === '-' && isNumeric(o.type)) return translated(`(-${o.sql})`, o.type);
      if (op === '+' && isNumeric(o.type)) return o;
      // ~ flips the bits of the operand's own type: ~ of a tinyint is 255 - x (~4 is 251), of
      // int and bigint their two's complement (~4 is -5), as DuckDB's ~ of the same width.
      if (op === '~' && o.type.family === 'int') return translated(BITWISE_NOT[o.type.name](o.sql), o.type);
      return refuseAt(ctx, expr.span, `unary ${expr.operator}`, `not translated for ${formatSqlType(o.type)}`);
    }
    case 'IsNull': {
      const o = translateExpression(expr.expression, scope);
      return isRefusal(o) ? o : translated(`(${o.sql} IS ${expr.not ? 'NOT ' : ''}NULL)`, BIT);
    }
    case 'Between': {
      const lo = comparison('>=', expr.expression, expr.low, scope, expr);
      if (isRefusal(lo)) return lo;
      const hi = comparison('<=', expr.expression, expr.high, scope, expr);
      if (isRefusal(hi)) return hi;
      return translated(`(${expr.not ? 'NOT ' : ''}(${lo.sql} AND ${hi.sql}))`, BIT);
    }
    case 'In': {
      if (expr.query) return translateSubqueryPredicate(expr, scope);
      const parts: string[] = [];
      for (const item of expr.list) {
        const c = comparison('=', expr.expression, item, scope, expr);
        if (isRefusal(c)) return c;
        parts.push(c.sql);
      }
      return translated(`(${expr.not ? 'NOT ' : ''}(${parts.join(' OR ')}))`, BIT);
    }
    case 'Exists': return translateSubqueryPredicate(expr, scope);
    case 'Subquery': return translateScalarSubquery(expr, scope);
    case 'Case': return caseExpression(expr, scope);
    case 'Iif': {
      const cond = translateExpression(expr.condition, scope);
      if (isRefusal(cond)) return cond;
      return branches([{ cond: cond.sql, value: expr.then }], expr.else, scope, expr);
    }
    case 'FunctionCall': return translateFunction(expr, scope, translateExpression);
    case 'Cast': {
      const v = translateExpression(expr.expression, scope, true);
      if (isRefusal(v)) return v;
      // the type CAST names is the value's, whichever reading of a POWER's type it came from
      const c = castExplicit(v, expr, scope);
      if (isRefusal(c) || c.powerDoubt === undefined) return c;
      const { powerDoubt: _other, ...cast } = c;
      return cast;
    }
    case 'Like': return like(expr, scope);
    // DATABASE_DEFAULT (the cure for a #temp table's collation conflict) and other …_CI_AS collations compare as the draft does
    case 'Collate': return comparesAsDefault(expr.collation) ? translateExpression(expr.expression, scope) : refuseAt(ctx, expr.span, `COLLATE ${expr.collation}`, collationReason(expr.collation));
    case 'Star': return refuseAt(ctx, expr.span, '*', 'a star is only translated as a whole SELECT list');
    // the values drawn depend on how far the database's sequence has got, which no input of the section holds
    case 'NextValueFor': return refuseAt(ctx, expr.span, `NEXT VALUE FOR ${expr.sequence.parts.map((p) => p.name).join('.')}`, 'the next value is the database\'s state, not the section\'s data: give the values drawn as an input (or the first one as a parameter) and number the rows from it');
    // `@Boundary.STContains(…)`, `@Doc.value(…)`: methods of a variable's xml or CLR type (geography, geometry, hierarchyid)
    case 'MethodCall': return refuseAt(ctx, expr.span, `${expr.target.kind === 'Variable' ? expr.target.name : legacyText(ctx, expr.target.span)}.${expr.method}()`, 'a method of an xml, geography, geometry or hierarchyid value: no exact DuckDB translation (write it by hand)');
    default: return refuseAt(ctx, expr.span, expr.kind, 'this kind of expression has no exact DuckDB translation here');
  }
}

function literal(e: Literal, scope: DraftScope): Result {
  // sqlcmd (an SSDT publish) puts the variable's value into the constant before SQL Server reads
  // the procedure: the text '$(EnvName)' is never what the legacy code compares or stores.
  if ((e.literalType === 'string' || e.literalType === 'nstring') && /\$\([A-Za-z_]\w*\)/.test(e.value)) {
    return refuseAt(scope.ctx, e.span, `'${e.value}'`, 'a SQLCMD variable in a string constant holds the value the deployment gave it, which no script states: write that value (or a parameter for it) by hand');
  }
  switch (e.literalType) {
    case 'null': return translated('NULL', NULL_TYPE);
    case 'string': return translated(stringLiteral(e.value), { family: 'string', unicode: false, length: Math.max(1, e.value.length) });
    case 'nstring': return translated(stringLiteral(e.value), { family: 'string', unicode: true, length: Math.max(1, e.value.length) });
    case 'integer': {
      const n = BigInt(e.value);
      if (n <= 2147483647n) return { ...translated(e.value, INT), literalDigits: e.value.replace(/^0+(?=\d)/, '').length };
      // SQL Server types a larger integer constant as decimal(digits, 0).
      return translated(`CAST(${e.value} AS DECIMAL(${Math.min(38, e.value.length)},0))`, decimal(Math.min(38, e.value.length), 0));
    }
    case 'decimal': {
      const digits = e.value.replace(/^0+(?=\d)/, '');
      const [whole = '', frac = ''] = digits.split('.');
      const s = frac.length;
      const p = Math.max(1, whole.replace(/^0+/, '').length + s);
      return translated(`CAST(${e.value} AS DECIMAL(${Math.max(p, s)},${s}))`, decimal(Math.max(p, s), s));
    }
    case 'float': return translated(`CAST(${e.value} AS DOUBLE)`, FLOAT);
    case 'binary': return binaryLiteral(e, scope);
    case 'money': {
      // $12.50 (any currency symbol) is money: its arithmetic keeps money's four decimals. How
      // SQL Server rounds a constant with more decimals is not documented, and past money's range
      // the constant is an error: both refused.
      const v = e.value.replace(/^[^\d.]/, '');
      const [whole = '', frac = ''] = v.split('.');
      if (frac.length > 4) return refuseAt(scope.ctx, e.span, `literal ${e.value}`, 'a money constant with more than four decimals is rounded in a way SQL Server does not document');
      if (BigInt(whole === '' ? '0' : whole) * 10000n + BigInt(frac.padEnd(4, '0')) > 9223372036854775807n) return refuseAt(scope.ctx, e.span, `literal ${e.value}`, 'the constant is past money\'s range (SQL Server fails the statement)');
      return translated(`CAST('${v}' AS DECIMAL(19,4))`, { family: 'decimal', precision: 19, scale: 4, money: 'money' });
    }
    default: return refuseAt(scope.ctx, e.span, `literal ${e.value}`, `${e.literalType} constants are not translated`);
  }
}

const COMPARISONS = new Set(['=', '<>', '!=', '<', '>', '<=', '>=', '!<', '!>']);

function binary(e: Binary, scope: DraftScope): Result {
  const op = e.operator.toUpperCase();
  if (op === 'AND' || op === 'OR') {
    const l = translateExpression(e.left, scope);
    if (isRefusal(l)) return l;
    const r = translateExpression(e.right, scope);
    if (isRefusal(r)) return r;
    return translated(`(${l.sql} ${op} ${r.sql})`, BIT);
  }
  if (COMPARISONS.has(op)) return comparison(op, e.left, e.right, scope, e);
  // a zone's offsets come from Windows' rules, which the emulator holds for a few zones only
  // (legacy/emulator/dates/time-zones.ts); a draft does not reproduce them
  if (op === 'AT TIME ZONE') return refuseAt(scope.ctx, e.span, 'AT TIME ZONE', 'time-zone conversions are not translated in drafts');
  const l = translateExpression(e.left, scope, true);
  if (isRefusal(l)) return l;
  const r = translateExpression(e.right, scope, true);
  if (isRefusal(r)) return r;
  return arithmetic(op, l, r, scope, e);
}

const BITWISE_NOT: Readonly<Record<'tinyint' | 'smallint' | 'int' | 'bigint', (sql: string) => string>> = {
  tinyint: (x) => `(255 - CAST(${x} AS INTEGER))`,
  smallint: (x) => `CAST(~CAST(${x} AS SMALLINT) AS INTEGER)`,
  int: (x) => `(~CAST(${x} AS INTEGER))`,
  bigint: (x) => `(~CAST(${x} AS BIGINT))`,
};

/** `a op b` for + - * / % with SQL Server's result type and exact value. */
export function arithmetic(op: string, l: Translated, r: Translated, scope: DraftScope, at: Expression): Result {
  const ctx = scope.ctx;
  const lt = l.type.family === 'bit' ? INT : l.type;
  const rt = r.type.family === 'bit' ? INT : r.type;
  const lsql = l.type.family === 'bit' ? `CAST(${l.sql} AS INTEGER)` : l.sql;
  const rsql = r.type.family === 'bit' ? `CAST(${r.sql} AS INTEGER)` : r.sql;
  if (lt.family === 'null' || rt.family === 'null') {
    // NULL takes the other side's type, a doubted POWER's doubt with it
    const other = lt.family === 'null' ? r : l;
    return { ...translated('NULL', lt.family === 'null' ? rt : lt), ...(other.powerDoubt === undefined ? {} : { powerDoubt: other.powerDoubt }) };
  }
  if (op === '+' && lt.family === 'string' && rt.family === 'string') {
    // NULL + text is NULL in SQL Server (CONCAT_NULL_YIELDS_NULL ON) as with DuckDB's ||.
    const length = lt.length !== undefined && rt.length !== undefined ? lt.length + rt.length : undefined;
    return translated(`(${lsql} || ${rsql})`, { family: 'string', unicode: lt.unicode || rt.unicode, length, ...(lt.undeclared || rt.undeclared ? { undeclared: true as const } : {}) });
  }
  if (!isNumeric(lt) || !isNumeric(rt)) {
    return refuseAt(ctx, at.span, `${formatSqlType(l.type)} ${op} ${formatSqlType(r.type)}`, 'implicit conversion between these types is not reproduced; CAST one side explicitly');
  }
  if (op === '&' || op === '|' || op === '^') {
    // T-SQL's bitwise operators take integers (and bit); DuckDB's ^ is a power, its xor() the
    // bitwise exclusive or.
    if (lt.family !== 'int' || rt.family !== 'int') return refuseAt(ctx, at.span, `${formatSqlType(l.type)} ${op} ${formatSqlType(r.type)}`, 'bitwise operators are translated for integers and bit only');
    const type = widerInt(lt, rt);
    const wide = type.family === 'int' && type.name === 'bigint' ? 'BIGINT' : 'INTEGER';
    return translated(op === '^' ? `CAST(xor(${lsql}, ${rsql}) AS ${wide})` : `CAST(${lsql} ${op} ${rsql} AS ${wide})`, type);
  }
  if (lt.family === 'float' || rt.family === 'float') {
    if (op === '%') return refuseAt(ctx, at.span, '% on float', 'SQL Server rejects modulo of float');
    const rhs = op === '/' ? nonZero(rsql, lsql) : rsql;
    return translated(`(CAST(${lsql} AS DOUBLE) ${op} ${rhs})`, FLOAT);
  }
  if (lt.family === 'int' && rt.family === 'int') {
    const type = widerInt(lt, rt);
    // DuckDB's // truncates toward zero like T-SQL's integer /, but gives NULL for 0.
    if (op === '/') return translated(`(${lsql} // ${nonZero(rsql, lsql)})`, type);
    if (op === '%') return translated(`(${lsql} % ${nonZero(rsql, lsql)})`, type);
    const wide = type.family === 'int' && type.name === 'bigint' ? 'BIGINT' : 'INTEGER';
    // Overflow fails in SQL Server; the CAST makes DuckDB fail too instead of widening.
    return translated(`CAST(${lsql} ${op} ${rsql} AS ${wide})`, type);
  }
  const money = moneyResult(lt, rt);
  if (money !== undefined) return moneyArithmetic(op, lsql, lt, rsql, rt, money, scope, at);
  const a = (l.literalDigits !== undefined ? [l.literalDigits, 0] : precisionScale(lt)) as [number, number];
  const b = (r.literalDigits !== undefined ? [r.literalDigits, 0] : precisionScale(rt)) as [number, number];
  const [p, s] = decimalResult(op, a, b);
  if (op === '%') return refuseAt(ctx, at.span, '% on decimal', 'decimal modulo is not translated');
  const doubt = doubtAfter(op, l, r, a, b, [p, s]);
  if (doubt === 'refuse') return refuseAt(ctx, at.span, `${op} with POWER of a decimal value`, POWER_DOUBT);
  const result = op === '/' ? exactDivision(lsql, a, rsql, b, p, s)
    : op === '*' && a[1] + b[1] > s ? roundedProduct(lsql, a, rsql, b, p, s)
      : translated(`CAST(${lsql} ${op} ${rsql} AS DECIMAL(${p},${s}))`, decimal(p, s));
  return doubt === undefined ? result : { ...result, powerDoubt: doubt };
}

/**
 * The divisor, failing as SQL Server does ("Divide by zero error encountered.") instead of NULL,
 * unless the dividend is NULL: SQL Server's quotient is NULL then (SELECT NULL / 0), as DuckDB's is.
 */
function nonZero(sql: string, dividend: string): string {
  return `(CASE WHEN ${sql} = 0 AND ${dividend} IS NOT NULL THEN error('Divide by zero error encountered.') ELSE ${sql} END)`;
}

/**
 * Decimal division computed exactly in HUGEINT and truncated at SQL Server's result scale
 * (DuckDB divides decimals in floating point).
 */
function exactDivision(l: string, a: readonly [number, number], r: string, b: readonly [number, number], p: number, s: number): Translated {
  const shift = s - a[1] + b[1];
  const pow = (n: number): string => `CAST('1${'0'.repeat(n)}' AS HUGEINT)`;
  const num = `(${unscaledDigits(l, a)} * ${pow(Math.max(0, shift))})`;
  const den = `(${unscaledDigits(r, b)}${shift < 0 ? ` * ${pow(-shift)}` : ''})`;
  const q = `(${num} // ${nonZero(den, num)})`;
  return translated(`CAST(${decimalFromUnscaled(q, s)} AS DECIMAL(${p},${s}))`, decimal(p, s));
}


/**
 * A decimal product whose scale SQL Server cuts (precision past 38: decimal(19,4) * decimal(38,10)
 * is decimal(38,6)), rounded half away from zero as the Precision, scale, and length page says:
 * the unscaled digits multiplied exactly in HUGEINT (DuckDB would multiply such decimals in
 * floating point), then rounded to `s` decimals. A product of 38 digits or more before the
 * rounding fails with a message rather than give a wrong value.
 */
function roundedProduct(l: string, a: readonly [number, number], r: string, b: readonly [number, number], p: number, s: number): Translated {
  const pow = (n: number): string => `CAST('1${'0'.repeat(n)}' AS HUGEINT)`;
  const lu = unscaledDigits(l, a);
  const ru = unscaledDigits(r, b);
  const limit = `CAST('${'9'.repeat(38)}' AS HUGEINT)`;
  const tooWide = `error('the draft does not compute a decimal product of more than 38 digits before SQL Server rounds it to decimal(${p},${s}): CAST one side to a narrower decimal')`;
  const exact = `(CASE WHEN ${lu} IS NULL OR ${ru} IS NULL THEN NULL WHEN ${lu} = 0 OR abs(${ru}) <= ${limit} // abs(${lu}) THEN ${lu} * ${ru} ELSE ${tooWide} END)`;
  const cut = pow(a[1] + b[1] - s);
  const half = `CAST('5${'0'.repeat(a[1] + b[1] - s - 1)}' AS HUGEINT)`;
  const q = `(sign(${exact}) * ((abs(${exact}) + ${half}) // ${cut}))`;
  return translated(`CAST(${decimalFromUnscaled(q, s)} AS DECIMAL(${p},${s}))`, decimal(p, s));
}

/** Comparison with SQL Server's rules: text case-insensitive, trailing blanks ignored; bit as a number. */
export function comparison(op: string, left: Expression, right: Expression, scope: DraftScope, at: Expression): Result {
  const l = translateExpression(left, scope);
  if (isRefusal(l)) return l;
  const r = translateExpression(right, scope);
  if (isRefusal(r)) return r;
  return compareValues(op, l, r, scope, at);
}

/** Compares two translated values (see comparison). */
export function compareValues(op: string, l: Translated, r: Translated, scope: DraftScope, at: Expression): Result {
  const sqlOp = op === '!=' ? '<>' : op === '!<' ? '>=' : op === '!>' ? '<=' : op;
  const lt = l.type.family;
  const rt = r.type.family;
  if (lt === 'null' || rt === 'null') return translated('CAST(NULL AS BOOLEAN)', BIT);
  const bytes = compareBinary(sqlOp, l, r, scope, at);
  if (bytes !== undefined) return bytes;
  if (lt === 'string' && rt === 'string') {
    if (sqlOp !== '=' && sqlOp !== '<>') {
      scope.ctx.notes.push(TEXT_ORDER_NOTE);
      const construct = `text ${op} text`;
      return translated(orderedTextComparisonSql(sqlOp, l.sql, r.sql, locatedStop(scope.ctx, at.span, `${construct}: ${TEXT_ORDER_CHARS}`), locatedStop(scope.ctx, at.span, `${construct}: ${TEXT_ORDER_DOUBT}`)), BIT);
    }
    const stop = locatedStop(scope.ctx, at.span, equatedTextStop(`text ${op} text`));
    return translated(`(${collationKey(l.sql, stop)} ${sqlOp} ${collationKey(r.sql, stop)})`, BIT);
  }
  const num = (v: Translated): string => (v.type.family === 'bit' ? `CAST(${v.sql} AS INTEGER)` : v.sql);
  if ((isNumeric(l.type) || lt === 'bit') && (isNumeric(r.type) || rt === 'bit')) return translated(`(${num(l)} ${sqlOp} ${num(r)})`, BIT);
  // Text beside an integer converts to the integer's type (data type precedence: `COUNT(*) >
  // @MinClaims` of a varchar parameter), as castTo writes it: a sign and digits, '' as 0, and
  // other text failing with 245 as SQL Server's conversion does.
  if ((lt === 'int' && rt === 'string') || (lt === 'string' && rt === 'int')) {
    const c = lt === 'int' ? castTo(r, l.type, scope, { span: at.span }) : castTo(l, r.type, scope, { span: at.span });
    if (isRefusal(c)) return c;
    return translated(lt === 'int' ? `(${l.sql} ${sqlOp} ${c.sql})` : `(${c.sql} ${sqlOp} ${r.sql})`, BIT);
  }
  if (lt === 'datetime2' || rt === 'datetime2') {
    // datetime2 text is fixed-width, so it compares and orders as the values do; the other side
    // is converted to datetime2 (the higher precedence) as castTo does it, or refused
    const at2 = { span: at.span };
    const lc = lt === 'datetime2' ? l : castTo(l, DATETIME2, scope, at2);
    if (isRefusal(lc)) return lc;
    const rc = rt === 'datetime2' ? r : castTo(r, DATETIME2, scope, at2);
    if (isRefusal(rc)) return rc;
    return translated(`(${lc.sql} ${sqlOp} ${rc.sql})`, BIT);
  }
  const dateLike = (f: string): boolean => f === 'date' || f === 'datetime';
  if (dateLike(lt) && dateLike(rt)) return translated(`(${l.sql} ${sqlOp} ${r.sql})`, BIT);
  if (dateLike(lt) && rt === 'string' || dateLike(rt) && lt === 'string') {
    const [d, s] = dateLike(lt) ? [l, r] : [r, l];
    const iso = /^'(\d{4}-\d{2}-\d{2}|\d{8})'$/.exec(s.sql);
    const byFormat = iso && d.type.family === 'datetime' && (iso[1] as string).length === 10 ? separatedDatetimeRefusal(scope.ctx, at.span, s.sql) : undefined;
    if (byFormat !== undefined) return byFormat;
    // ISO 8601 with a T reads alike under every DATEFORMAT and language (datetime page); whole
    // minutes only, so the value is the same whether the column is datetime, smalldatetime or datetime2
    const isoT = d.type.family === 'datetime' ? /^'(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}):00'$/.exec(s.sql) : null;
    if (isoT) {
      const lit = `CAST('${isoT[1]} ${isoT[2]}:00' AS TIMESTAMP)`;
      return translated(dateLike(lt) ? `(${l.sql} ${sqlOp} ${lit})` : `(${lit} ${sqlOp} ${r.sql})`, BIT);
    }
    if (iso) {
      const text = (iso[1] as string).length === 8 ? `${iso[1]?.slice(0, 4)}-${iso[1]?.slice(4, 6)}-${iso[1]?.slice(6)}` : iso[1];
      const lit = `CAST('${text}' AS ${d.type.family === 'date' ? 'DATE' : 'TIMESTAMP'})`;
      return translated(dateLike(lt) ? `(${l.sql} ${sqlOp} ${lit})` : `(${lit} ${sqlOp} ${r.sql})`, BIT);
    }
  }
  if (l.type.family === 'unknown' || r.type.family === 'unknown') {
    return refuseAt(scope.ctx, at.span, `${formatSqlType(l.type)} ${op} ${formatSqlType(r.type)}`, 'the draft does not model this type\'s comparison (a datetimeoffset compares as its instant, not as the text a spec holds it in)');
  }
  return refuseAt(scope.ctx, at.span, `${formatSqlType(l.type)} ${op} ${formatSqlType(r.type)}`, 'the implicit conversion SQL Server applies here is not reproduced; CAST one side explicitly');
}

function caseExpression(e: Case, scope: DraftScope): Result {
  const conds: { cond: string; value: Expression }[] = [];
  for (const w of e.whens) {
    const c = e.operand ? comparison('=', e.operand, w.when, scope, e) : translateExpression(w.when, scope);
    if (isRefusal(c)) return c;
    conds.push({ cond: c.sql, value: w.then });
  }
  return branches(conds, e.else, scope, e);
}

/** CASE WHEN … THEN … ELSE … END with every branch converted to the CASE's result type. */
function branches(conds: readonly { cond: string; value: Expression }[], otherwise: Expression | undefined, scope: DraftScope, at: Expression): Result {
  const values: Translated[] = [];
  for (const c of conds) {
    const v = translateExpression(c.value, scope);
    if (isRefusal(v)) return v;
    values.push(v);
  }
  let elseValue: Translated | undefined;
  if (otherwise) {
    const v = translateExpression(otherwise, scope);
    if (isRefusal(v)) return v;
    elseValue = v;
  }
  const all = elseValue ? [...values, elseValue] : values;
  const past38 = unionPastPrecision38(all.map((v) => v.type));
  if (past38 !== undefined) return refuseAt(scope.ctx, at.span, at.kind === 'Iif' ? 'IIF' : 'CASE', past38);
  const type = commonType(all.map((v) => v.type));
  if (type === undefined) return refuseAt(scope.ctx, at.span, 'CASE', `its branches mix types (${all.map((v) => formatSqlType(v.type)).join(', ')}) whose implicit conversion is not reproduced`);
  const conv = (v: Translated): Result => castTo(v, type, scope, at);
  const parts: string[] = [];
  for (let i = 0; i < conds.length; i += 1) {
    const v = conv(values[i] as Translated);
    if (isRefusal(v)) return v;
    parts.push(`WHEN ${(conds[i] as { cond: string }).cond} THEN ${v.sql}`);
  }
  let tail = '';
  if (elseValue) {
    const v = conv(elseValue);
    if (isRefusal(v)) return v;
    tail = ` ELSE ${v.sql}`;
  }
  return translated(`(CASE ${parts.join(' ')}${tail} END)`, type);
}

function like(e: Extract<Expression, { kind: 'Like' }>, scope: DraftScope): Result {
  const v = translateExpression(e.expression, scope);
  if (isRefusal(v)) return v;
  const p = e.pattern;
  const esc = e.escape;
  const escape = esc === undefined ? undefined : esc.kind === 'Literal' && (esc.literalType === 'string' || esc.literalType === 'nstring') && [...esc.value].length === 1 ? esc.value : null;
  if (esc === undefined && !(p.kind === 'Literal' && (p.literalType === 'string' || p.literalType === 'nstring'))) return likeFromData(e, v, scope);
  if (p.kind !== 'Literal' || (p.literalType !== 'string' && p.literalType !== 'nstring') || escape === null || (escape !== undefined && (!likeEscapeOutsideClasses(p.value, escape) || likeDanglingEscape(p.value, escape)))) {
    return refuseAt(scope.ctx, e.span, 'LIKE', 'only a constant pattern (and a one-character constant ESCAPE, not inside a [ ] class) is translated');
  }
  if (v.type.family !== 'string') return refuseAt(scope.ctx, e.span, 'LIKE', `the value is ${formatSqlType(v.type)}, converted implicitly in SQL Server`);
  const not = e.not ? 'NOT ' : '';
  const unicode = p.literalType === 'nstring' || v.type.unicode || esc?.kind === 'Literal' && esc.literalType === 'nstring';
  // Over Unicode text (or a column no CREATE TABLE types, which may be nvarchar) the collation's
  // expansions match too (N'Straße' LIKE N'Stras%'): such values stop the query, as in the emulator.
  const expansions = unicode || v.type.undeclared === true ? likeExpansionWhen(v.sql, p.value, 'LIKE', (m) => locatedStop(scope.ctx, e.span, m)) : '';
  // Case-insensitive like the collation; DuckDB's ILIKE has the same % and _ wildcards, and a
  // pattern ending in % matches whatever blanks the value ends in.
  if (!/[[\]\\]/.test(p.value) && escape === undefined && p.value.endsWith('%')) {
    const ilike = `${v.sql} ILIKE ${stringLiteral(p.value)}`;
    return translated(expansions === '' ? `(${not}${ilike})` : `(${not}(CASE WHEN ${v.sql} IS NULL THEN NULL${expansions} ELSE ${ilike} END))`, BIT);
  }
  // Any other pattern as the regular expression SQL Server's matching amounts to (`[0-9]`
  // classes, `_`, ESCAPE), case-insensitive; over char/varchar the value's trailing blanks do
  // not count (the LIKE page: they are significant only when an argument is Unicode).
  const limits = likeClassLimits(p.value);
  if (limits.problem !== undefined) return refuseAt(scope.ctx, e.span, 'LIKE', `LIKE with ${limits.problem}`);
  const regex = likeToRegex(p.value, escape);
  const match = `regexp_full_match(${v.sql}, ${stringLiteral(unicode ? regex : `(?:${regex}) *`)}, 'is')`;
  // A range such as [A-Z] holds accented letters under the collation: such values stop the query.
  const ranges = limits.ranges ? ` WHEN NOT regexp_full_match(${v.sql}, '${likeRangeExactText(limits)}', 's') THEN error(${stringLiteral(locatedStop(scope.ctx, e.span, 'LIKE with a [ ] range over text holding characters beyond printable ASCII (SQL Server orders them by the collation)'))})` : '';
  const checked = ranges !== '' || expansions !== '' ? `(CASE WHEN ${v.sql} IS NULL THEN NULL${expansions}${ranges} ELSE ${match} END)` : match;
  return translated(`(${not}${checked})`, BIT);
}

/**
 * LIKE whose pattern is computed per row (`Number LIKE t.Prefix + '%'`, the longest-prefix tariff
 * lookup). DuckDB's ILIKE has SQL Server's % and _ and, like it, no escape character and a
 * literal `]` or `\`; what it lacks stops the query at run time instead of matching otherwise:
 * a pattern holding `[` (a class in SQL Server) and, over char/varchar, a value ending in blanks
 * (SQL Server ignores them there, ILIKE does not) against a pattern not ending in %.
 */
function likeFromData(e: Extract<Expression, { kind: 'Like' }>, v: Translated, scope: DraftScope): Result {
  const p = translateExpression(e.pattern, scope);
  if (isRefusal(p)) return p;
  if (v.type.family !== 'string') return refuseAt(scope.ctx, e.span, 'LIKE', `the value is ${formatSqlType(v.type)}, converted implicitly in SQL Server`);
  if (p.type.family !== 'string' && p.type.family !== 'null') return refuseAt(scope.ctx, e.span, 'LIKE', `the pattern is ${formatSqlType(p.type)}, converted implicitly in SQL Server`);
  const stop = (what: string): string => `error(${stringLiteral(locatedStop(scope.ctx, e.span, what))})`;
  const unicode = v.type.unicode || (p.type.family === 'string' && p.type.unicode);
  // Over Unicode text the collation's expansions match too (a pattern N'Stras%' from the data and
  // the value N'Straße'): either text holding an expanding letter stops the query.
  const expansions = unicode || (v.type.family === 'string' && v.type.undeclared === true) || (p.type.family === 'string' && p.type.undeclared === true) ? likeExpansionWhen(v.sql, p, 'LIKE', (m) => locatedStop(scope.ctx, e.span, m)) : '';
  // A pattern ending in % takes the blanks SQL Server ignores (a char(n) value against `Prefix + '%'`).
  const blanks = unicode ? '' : ` WHEN ${v.sql} <> rtrim(${v.sql}, ' ') AND NOT ends_with(${p.sql}, '%') THEN ${stop('LIKE with a pattern from the data over char/varchar text ending in blanks (SQL Server ignores them, the draft would not)')}`;
  const not = e.not ? 'NOT ' : '';
  return translated(`(CASE WHEN strpos(${p.sql}, '[') > 0 THEN ${stop('LIKE with a pattern from the data holding [ (a character class in SQL Server)')}${expansions}${blanks} ELSE ${v.sql} ${not}ILIKE ${p.sql} END)`, BIT);
}

export { BIGINT };
export type { SqlType };
