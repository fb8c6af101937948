import { orderedGuidComparison } from './guid-order';
import { noteLanguageRead } from './login-language';
import { datetimeVersusDatetime2 } from './compatibility-level';
import { bitwiseNot, refuseBitwiseOperands } from './bitwise-operators';
import { LegacyError } from '../../core';
import type { Cast, Expression, FunctionCall, Node, Select } from '../../tsql';
import { comparesAsDefault } from '../../tsql';
import type { EmulatorState } from './state';
import { TRUNCATION_ERROR, TRUNCATION_NUMBER_UNKNOWN, UNKNOWN_ERROR_NUMBER } from './statement-errors';
import { translateFunction } from './functions';
import { translateLike } from './like-patterns';
import { translateLiteral } from './literals';
import { collationRefusal, digitsOnlyRead } from './collations';
import { collatedEquality, readCollated } from './collated-equality';
import { isCollatedCopy, readCollatedCopy } from './collated-copies';
import { binaryComparisonKey } from './binary-text';
import { convertSql, integerTypeOf, numbersOverText } from './conversions';
import { translateNextValue } from './sequences';
import { noteCountRead, noteRead } from './reproducibility/taint-reads';
import { noteFetchStatusRead } from './reproducibility/cursor-taint';
import { translateSelect, type TranslatedQuery } from './queries';
import { familyOfDuckType, type ColumnType, type RowSource, type SqlScope } from './sql-scope';
import { familyOf, isMoney, makeType, type TsqlType, type TypeFamily } from './tsql-types';
import { isDatetime2Text } from './dates/date-convert';
import { translateAtTimeZone } from './dates/datetimeoffset-functions';
import { isOffsetValue, offsetComparison } from './dates/offset-values';
import { offsetOfBranches, refuseUnknownOffset } from './dates/offset-combining';
import { translateIn, translateQuantified } from './in-predicate';
import { numberConversionError } from './dates/date-numbers';
import { temporalOfBranches } from './dates/date-styles';
import { addDays, datetimeDifference, datetimeSum, refuseTemporalSum } from './dates/day-arithmetic';
import { convertWithStyle } from './convert-styles';
import { xmlValue } from './xml-json/for-xml-path';
import { isXmlNodeColumn } from './xml-json/xml-methods';
import { unserialisedXmlReason } from './xml-json/xml-serialization';
import { evalFast, type FastValue } from './fast-paths/fastpath';
import { checkedWindowOrder, OPAQUE_USE } from './order-and-window';
import { refuseColumnProperty, refuseSpatialBranches, spatialConversionRefusal } from './opaque-values';
// the ORDER BY and window translation other modules import from here
export { groupKeySql, translateOrderBy, translateWindow, type OrderTarget } from './order-and-window';
import { keepMoney, moneyArithmetic, moneyOfBranches } from './money-arithmetic';
import { branchesDecimalScale, branchesDecimalType, branchesIntegerType, branchesPastPrecision38, decimalResult, exactDivision, integerResult, roundedDecimalArithmetic } from './decimal-arithmetic';
import { arithmeticWithDoubt, branchesDoubt, keepPrecisionDoubt, pastPrecision38UnderOtherReading } from './power-function';
import { rowComparisonExists } from './row-except';
import { concatText } from './string-concat';
import { refuseTextArithmetic, refuseTextSign } from './text-arithmetic';
import { orderedTextComparison } from './reproducibility/text-order-doubt';
import { DATABASE_ROWVERSION, noteColumnRead } from './reproducibility/rowversion';
import { refuseUnstatedRead } from './tables/unstated-columns';
import { refuseUnevaluatedRead } from './tables/unevaluated-columns';
import { unknownRowCount } from './trigger-run';
import { sessionVariable } from './session-functions';
import { isObjectIdCall, objectIdPresence } from './metadata-functions';
import { arithmeticFamily, dominantFamily, isIntegral, isNumeric, isStringy } from './type-families';

/** A translated expression: DuckDB SQL text and the T-SQL family of its value. */
export interface SqlFragment {
  readonly sql: string;
  readonly family: TypeFamily;
  /** The DuckDB type when known exactly (columns, variables, casts). */
  readonly duckType?: string;
  /**
   * For an integer constant: its digits. SQL Server types an integer constant met in decimal
   * arithmetic as decimal(digits, 0), so `1.0 / 3` is 0.333333, not 0.333333333333.
   */
  readonly constantDigits?: number;
  /** The declared T-SQL type when known (variables, table columns, N'' literals, CAST). */
  readonly tsqlType?: TsqlType;
  /** The value, when known while translating (string literals, variables): read exactly, e.g. as a date. */
  readonly constant?: { readonly value: string | null };
  /** Text whose declared type is not tracked but whose kind is: CONCAT's result is nvarchar when
   * an argument is, else varchar (the CONCAT page). HASHBYTES hashes the two as different bytes. */
  readonly unicodeText?: boolean;
  /** A decimal POWER's type as the other reading of its documentation has it (power-function.ts). */
  readonly precisionDoubt?: string;
  /** A datetimeoffset held with its offset: the one offset (minutes) all its rows have (offset-combining.ts). */
  readonly offsetMinutes?: number;
  /** A decimal of unknown precision but known scale (a CASE of a decimal and an integer constant): SUM and AVG are typed by it (decimal-arithmetic.ts). */
  readonly decimalScale?: number;
}

/** How a refusal names an expression kind the translator does not handle, as T-SQL writes it. */
const CONSTRUCT_NAMES: Readonly<Record<string, string>> = {
  NextValueFor: 'NEXT VALUE FOR (sequences)',
  MethodCall: 'xml / CLR type methods (.value(), .nodes(), .STDistance() …)',
  ActionPseudoColumn: '$action outside MERGE … OUTPUT',
  SqlcmdVariable: 'SQLCMD variables $(name)',
};

/**
 * Translates T-SQL expressions and queries to DuckDB SQL with SQL Server semantics. Variable
 * values are bound as parameters (`CAST($n AS type)`), never spliced into the SQL text; the
 * collected values are in `params`, in placeholder order.
 */
/** A SQLCMD variable reference, `$(name)`, in a string constant's value. */
const SQLCMD_REFERENCE = /\$\([A-Za-z_]\w*\)/;

export class SqlTranslator {
  readonly params: unknown[] = [];
  /** CTE names in scope while a query is translated, with their columns. */
  readonly ctes = new Map<string, readonly ColumnType[]>();
  /**
   * Inside an inlined function body (user-functions.ts): its parameters and locals as SQL.
   * The caller's variables are then out of reach, as in SQL Server.
   */
  variables: Map<string, SqlFragment> | undefined;
  /** Translating a table's computed column, CHECK or DEFAULT, where DuckDB admits no lambda. */
  inTableDefinition = false;
  /**
   * Text columns a query groups by their value without trailing blanks (queries.ts,
   * textGrouping): read outside an aggregate they are the group's value, any_value(column).
   */
  readonly groupedText = new Set<ColumnType>();
  /**
   * Of those, the columns grouped under ROLLUP/CUBE, with their group key: read as NULL in a row
   * that rolls the column up (SQL Server's super-aggregate rows), and named by that key in
   * GROUPING()/GROUPING_ID().
   */
  readonly rolledUp = new Map<ColumnType, string>();
  /** Text expressions a SELECT DISTINCT groups the same way (by their SQL): read as any_value(expression). */
  readonly groupedTextSql = new Set<string>();
  private aggregateDepth = 0;
  /** The column read where a COLLATE decides its collation (collated-equality.ts `readCollated`), not refused for its own. */
  collatedRead: Expression | undefined;
  /**
   * Scopes of queries over rows (no GROUP BY, no aggregate), and the FROM items of a scope whose
   * columns can be named as `alias.column` (tables, CTEs, table variables, derived tables): what
   * window-ties.ts breaks an ORDER BY's ties with.
   */
  readonly rowScopes = new WeakSet<SqlScope>();
  readonly rowSources = new WeakMap<SqlScope, RowSource[]>();
  /** Scopes of grouped queries (a plain GROUP BY list) and their group keys' SQL: each output row is one group, told apart by them. */
  readonly groupKeys = new WeakMap<SqlScope, string>();

  constructor(readonly state: EmulatorState) {}

  /**
   * Notes a FROM item whose columns are named `alias.column` in `scope` (rowSources); `rowid`: a
   * table, whose rows have DuckDB's rowid; `position`: a hidden column numbering the rows of a
   * table function in the order it makes them (STRING_SPLIT's pieces); `keys`: a table's keys,
   * which tell a window whose ORDER BY no two rows can tie on (window-ties.ts).
   */
  noteRowSource(scope: SqlScope, alias: string, columns: readonly ColumnType[], rowid = false, position?: string, keys?: RowSource['keys']): void {
    const list = this.rowSources.get(scope) ?? [];
    list.push({ alias, columns, rowid, ...(position !== undefined ? { position } : {}), ...(keys !== undefined ? { keys } : {}) });
    this.rowSources.set(scope, list);
  }

  /**
   * The value of `e` when it is known before the statement runs (literals, variables and what the
   * fast path computes of them); undefined otherwise, and always inside an inlined function body,
   * whose parameters are SQL (`variables`).
   */
  knownValue(e: Expression): FastValue | undefined {
    return this.variables === undefined ? evalFast(this.state, e) : undefined;
  }

  /** Runs `translate` for an aggregate's arguments, where grouped columns are read row by row. */
  insideAggregate<T>(translate: () => T): T {
    this.aggregateDepth++;
    try {
      return translate();
    } finally {
      this.aggregateDepth--;
    }
  }

  /**
   * While set (sharingBoundValues), equal values of one type bind to one parameter: a query that
   * groups by `@Prefix + Code` translates the expression twice (group key, select item), and
   * the two translations must be the same SQL for DuckDB to see the select item as grouped.
   */
  private sharedBinds: Map<string, string> | undefined;

  /** Binds a value as the next `$n` parameter, cast to `duckType` (or the one already bound to it, see sharedBinds). */
  bind(value: string | null, duckType: string): string {
    const key = this.sharedBinds === undefined ? undefined : `${duckType}\u0000${value === null ? 'null' : `v${value}`}`;
    const known = key === undefined ? undefined : this.sharedBinds?.get(key);
    if (known !== undefined) return known;
    this.params.push(value);
    const sql = `CAST($${this.params.length} AS ${duckType})`;
    if (key !== undefined) this.sharedBinds?.set(key, sql);
    return sql;
  }

  /** Runs `translate` with equal values bound to one parameter (see sharedBinds); nested calls share the outer map. */
  sharingBoundValues<T>(translate: () => T): T {
    if (this.sharedBinds !== undefined) return translate();
    this.sharedBinds = new Map();
    try {
      return translate();
    } finally {
      this.sharedBinds = undefined;
    }
  }

  /** Whether equal values bind to one parameter now (sharingBoundValues). */
  get bindsShared(): boolean {
    return this.sharedBinds !== undefined;
  }

  /** Translates a query (used for subqueries, cursors, INSERT … SELECT). */
  query(select: Select, scope: SqlScope | undefined): TranslatedQuery {
    return translateSelect(this, select, scope);
  }

  /**
   * Translates one expression in `scope`. An expression a query groups as text (GROUP BY or
   * DISTINCT over it, groupedTextSql) reads outside aggregates as its group's value, wherever
   * it stands (`LEFT(Code, 3) + '!'` of a query grouped by `LEFT(Code, 3)`).
   */
  expr(e: Expression, scope: SqlScope): SqlFragment {
    const x = this.exprOf(e, scope);
    if (e.kind === 'ColumnRef' || this.aggregateDepth > 0 || this.groupedTextSql.size === 0 || !this.groupedTextSql.has(x.sql)) return x;
    return { ...x, sql: this.groupSpelling(x.sql, e) };
  }

  /**
   * The value a group shows for text it groups case-insensitively and without trailing blanks:
   * when its rows spell it differently ('Paris', 'paris', 'PARIS '), SQL Server shows the one its
   * plan meets first. The emulator takes the least spelling by bytes, and the greatest in
   * capture's second run (order-check.ts), so an output that shows such a group is listed as
   * non-reproducible; a group spelled one way shows that spelling in both runs.
   */
  groupSpelling(sql: string, node: Node): string {
    this.state.noteUnorderedRead(node, (place) => `the spelling of the text grouped at ${place} (rows spelling it differently only in case or trailing blanks)`);
    return `${this.state.reverseUnordered ? 'arg_max' : 'arg_min'}(${sql}, encode(${sql}))`;
  }

  private exprOf(e: Expression, scope: SqlScope): SqlFragment {
    switch (e.kind) {
      case 'Literal':
        // sqlcmd puts a value there before SQL Server reads the script (`DEFAULT ('$(EnvName)')`
        // of an SSDT table, a view's constant): the text as written is not what the server holds.
        // capture's --sqlcmd gives the value; procedure bodies are refused up front (sqlcmd-strings.ts).
        if ((e.literalType === 'string' || e.literalType === 'nstring') && SQLCMD_REFERENCE.test(e.value)) {
          throw this.state.unsupported(e, `the SQLCMD variable ${SQLCMD_REFERENCE.exec(e.value)?.[0] ?? '$(…)'} in a string constant: sqlcmd (an SSDT deployment) replaces it with its value before SQL Server reads the script, and no script gives that value (capture's and record's --sqlcmd name=value gives it)`);
        }
        return translateLiteral(e);
      case 'ColumnRef': {
        // a column an INSERT … SELECT copies as it is takes the target's collation (collated-copies.ts)
        if (this.collatedRead !== e && isCollatedCopy(e)) return readCollatedCopy(this, e, scope);
        const col = scope.lookupRef(e.parts);
        if (col === undefined) refuseColumnProperty(this, e, scope);
        noteColumnRead(this.state, col, e);
        refuseUnstatedRead(this.state, col, e);
        refuseUnevaluatedRead(this.state, col, e);
        if (col?.tsqlType?.collation !== undefined && this.collatedRead !== e && col.digitsReadable === true) return digitsOnlyRead(e.parts, col, collationRefusal(col.tsqlType.collation, `the column ${e.parts.map((p) => p.name).join('.')} holding other characters than digits, declared`));
        if (col?.tsqlType?.collation !== undefined && this.collatedRead !== e) throw this.state.unsupported(e, collationRefusal(col.tsqlType.collation, `the column ${e.parts.map((p) => p.name).join('.')}, declared`));
        if (isXmlNodeColumn(col)) throw this.state.unsupported(e, `the nodes() column ${e.parts.map((p) => p.name).join('.')} read directly (SQL Server: error 493, only xml methods apply to it)`);
        const raw = e.parts.slice(-2).map((p) => quote(p.name)).join('.');
        const rolled = col === undefined ? undefined : this.rolledUp.get(col);
        const grouped = col !== undefined && this.aggregateDepth === 0 && this.groupedText.has(col);
        const shown = grouped ? this.groupSpelling(raw, e) : raw;
        const sql = !grouped ? raw : rolled === undefined ? shown : `(CASE WHEN grouping(${rolled}) = 1 THEN NULL ELSE ${shown} END)`;
        if (col !== undefined) refuseUnknownOffset(this, e, col, `the column ${e.parts.map((p) => p.name).join('.')}`);
        return col === undefined ? { sql, family: 'unknown' } : { sql, family: col.family, duckType: col.duckType, tsqlType: col.tsqlType, unicodeText: col.unicodeText, offsetMinutes: col.offsetMinutes, ...keepPrecisionDoubt(col) };
      }
      case 'Variable': {
        const inlined = this.variables?.get(e.name.toLowerCase());
        if (inlined !== undefined) return inlined;
        const slot = this.variables === undefined ? this.state.frame.variables.get(e.name.toLowerCase()) : undefined;
        if (slot === undefined) {
          throw new LegacyError('LEGACY_UNDECLARED', `Must declare the scalar variable "${e.name}".`, { location: this.state.locate(e.span) });
        }
        const unserialised = slot.type.name === 'xml' ? unserialisedXmlReason(slot) : undefined;
        if (unserialised !== undefined) throw this.state.unsupported(e, `the xml variable ${e.name} read as a value (its xml methods are emulated, not its text: ${unserialised})`);
        noteRead(this.state, { variable: e.name, node: e });
        return { sql: this.bind(slot.value, slot.duckType), family: familyOf(slot.type), duckType: slot.duckType, tsqlType: slot.type, constant: { value: slot.value } };
      }
      case 'SystemVariable': return this.systemVariable(e.name, e);
      case 'Binary': return this.binary(e.operator, e.left, e.right, scope, e);
      case 'Unary': {
        const op = e.operator.toUpperCase();
        const inner = this.expr(e.operand, scope);
        if (op === 'NOT') return { sql: `(NOT ${inner.sql})`, family: 'bit' };
        if (op === '~') return bitwiseNot(this.state, inner, e);
        refuseTextSign(this.state, op, inner, e);
        return { sql: `(${op}${inner.sql})`, family: inner.family, duckType: inner.duckType, ...keepMoney(inner), ...keepPrecisionDoubt(inner) };
      }
      case 'FunctionCall': return checkedWindowOrder(e, translateFunction(this, e, scope));
      case 'Case': {
        const operand = e.operand === undefined ? undefined : this.expr(e.operand, scope);
        const parts: string[] = [];
        const results: SqlFragment[] = [];
        const conds: string[] = [];
        for (const w of e.whens) {
          conds.push(operand === undefined ? this.condition(w.when, scope) : this.compare('=', operand, this.expr(w.when, scope)));
          results.push(this.expr(w.then, scope));
        }
        if (e.else !== undefined) results.push(this.expr(e.else, scope));
        refuseSpatialBranches(this, e, 'CASE', results);
        const values = numbersOverText(results);
        // a doubted decimal POWER among the branches: typed by each reading (power-function.ts)
        const { branches, doubt } = branchesDoubt(results);
        const past38 = branchesPastPrecision38('CASE', branches) ?? pastPrecision38UnderOtherReading('CASE', results);
        if (past38 !== undefined) throw this.state.unsupported(e, past38);
        conds.forEach((cond, i) => parts.push(`WHEN ${cond} THEN ${(values[i] as SqlFragment).sql}`));
        const other = e.else === undefined ? undefined : values[values.length - 1];
        return { sql: `(CASE ${parts.join(' ')}${other === undefined ? '' : ` ELSE ${other.sql}`} END)`, family: dominantFamily(results), duckType: branchesDecimalType(branches) ?? branchesIntegerType(results), ...branchesDecimalScale(branches), ...moneyOfBranches(results), ...temporalOfBranches(results), ...offsetOfBranches(this, e, 'CASE', results), ...doubt };
      }
      case 'Iif': {
        const [then, other] = numbersOverText([this.expr(e.then, scope), this.expr(e.else, scope)]) as [SqlFragment, SqlFragment];
        refuseSpatialBranches(this, e, 'IIF', [then, other]);
        const { branches, doubt } = branchesDoubt([then, other]);
        const past38 = branchesPastPrecision38('IIF', branches) ?? pastPrecision38UnderOtherReading('IIF', [then, other]);
        if (past38 !== undefined) throw this.state.unsupported(e, past38);
        return { ...doubt, sql: `(CASE WHEN ${this.condition(e.condition, scope)} THEN ${then.sql} ELSE ${other.sql} END)`, family: dominantFamily([then, other]), duckType: branchesDecimalType(branches) ?? branchesIntegerType([then, other]), ...branchesDecimalScale(branches), ...moneyOfBranches([then, other]), ...temporalOfBranches([then, other]), ...offsetOfBranches(this, e, 'IIF', [then, other]) };
      }
      case 'Cast': return this.cast(e, scope);
      case 'Exists': return rowComparisonExists(this, e, scope) ?? { sql: `(EXISTS (${this.query(e.query, scope).sql}))`, family: 'bit' };
      case 'In': return translateIn(this, e, scope);
      case 'Between': {
        const x = this.expr(e.expression, scope);
        const lo = this.expr(e.low, scope);
        const hi = this.expr(e.high, scope);
        if ([x, lo, hi].some((f) => f.family === 'opaque')) throw this.state.unsupported(e, OPAQUE_USE);
        const sql = `(${this.compare('>=', x, lo, e)} AND ${this.compare('<=', x, hi, e)})`;
        return { sql: e.not ? `(NOT ${sql})` : sql, family: 'bit' };
      }
      case 'Like': return translateLike(this, e, scope);
      case 'IsNull': {
        // OBJECT_ID's id is the database's: only whether it is NULL is known (metadata-functions.ts)
        const x = isObjectIdCall(e.expression) ? objectIdPresence(this, e.expression) : this.expr(e.expression, scope);
        return { sql: `(${x.sql} IS ${e.not ? 'NOT ' : ''}NULL)`, family: 'bit' };
      }
      case 'Subquery': {
        const q = this.query(e.query, scope);
        const first = q.columns[0];
        return { sql: `(${q.sql})`, family: first?.family ?? 'unknown', duckType: first?.duckType, tsqlType: first?.tsqlType, offsetMinutes: first?.offsetMinutes, ...keepPrecisionDoubt(first ?? {}) };
      }
      case 'Collate': {
        if (!comparesAsDefault(e.collation)) throw this.state.unsupported(e, collationRefusal(e.collation, 'text'));
        // `AccountCode COLLATE DATABASE_DEFAULT`: the column's own collation no longer counts.
        const f = readCollated(this, e, scope);
        if (f.tsqlType?.collation === undefined) return f;
        const { collation: _own, ...type } = f.tsqlType;
        return { ...f, tsqlType: type };
      }
      case 'ExpressionList':
        if (e.items.length === 1 && e.items[0] !== undefined) return this.expr(e.items[0], scope);
        throw this.state.unsupported(e, 'row constructors');
      case 'QuantifiedComparison': return translateQuantified(this, e, scope);
      case 'NextValueFor': return translateNextValue(this, e, scope);
      case 'MethodCall': return xmlValue(this, e, scope);
      case 'OdbcEscape': return this.odbcLiteral(e);
      case 'Star': throw this.state.unsupported(e, '* outside a select list');
      default: throw this.state.unsupported(e, CONSTRUCT_NAMES[e.kind] ?? `the expression ${e.kind}`);
    }
  }

  /** A predicate (IF, WHILE, WHERE, ON, WHEN) as DuckDB boolean SQL. */
  condition(e: Expression, scope: SqlScope): string {
    return this.expr(e, scope).sql;
  }

  /**
   * A comparison with SQL Server's string rules when a side is a string: case-insensitive (the
   * session's default collation) and trailing blanks ignored (tsql_str right-trims).
   */
  compare(op: string, left: SqlFragment, right: SqlFragment, node?: Pick<Node, 'span'>): string {
    const o = comparisonOperator(op);
    if (isOffsetValue(left) || isOffsetValue(right)) return offsetComparison(o, left, right, (x) => convertSql(x, makeType('datetimeoffset', ['7']), false, this.state.dateFormat));
    const ticks = datetimeVersusDatetime2(o, left, right);
    if (ticks !== undefined) return ticks;
    const [l, r] = this.alignTemporal(left, right);
    if (l !== left || r !== right) return `(${l.sql} ${o} ${r.sql})`;
    if (left.family === 'binary' && right.family === 'binary') return `(${binaryComparisonKey(left.sql)} ${o} ${binaryComparisonKey(right.sql)})`;
    const guids = orderedGuidComparison(o, left, right);
    if (guids !== undefined) return guids;
    if (isStringy(left.family) && isStringy(right.family) && (left.family === 'string' || right.family === 'string')) {
      return o === '=' || o === '<>' ? `(${textComparisonKey(o, left.sql)} ${o} ${textComparisonKey(o, right.sql)})` : orderedTextComparison(this, o, left.sql, right.sql, node);
    }
    // A number against text: the text converts to the number's type (int, money, float outrank varchar), so
    // `IntCol = '1.5'` fails with 245 where DuckDB would compare it some other way.
    // Bit against text likewise: the text converts to bit ('TRUE' is 1), bit outranking varchar.
    const bit = makeType('bit', []);
    const [a, b] = left.family === 'bit' && right.family === 'string' ? [left, convertSql(right, bit)]
      : right.family === 'bit' && left.family === 'string' ? [convertSql(left, bit), right] : textAsNumberOperands(left, right);
    return `(${a.sql} ${o} ${b.sql})`;
  }

  /**
   * SQL Server converts the other side of a comparison with a date/time value to its type
   * (datetime2 wins over datetime and date; text is read as a date literal): returns both
   * sides in one comparable representation, or the inputs unchanged when neither is temporal.
   */
  alignTemporal(left: SqlFragment, right: SqlFragment): [SqlFragment, SqlFragment] {
    const temporal = (f: SqlFragment): boolean => f.family === 'date' || f.family === 'datetime' || f.family === 'time';
    if (!temporal(left) && !temporal(right)) return [left, right];
    const dt2 = makeType('datetime2', ['7']);
    if (isDatetime2Text(left) || isDatetime2Text(right)) {
      const to = (f: SqlFragment): SqlFragment => (isDatetime2Text(f) || f.constant?.value === null ? f : convertSql(f, dt2, false, this.state.dateFormat));
      return [to(left), to(right)];
    }
    const textual = (f: SqlFragment): boolean => f.family === 'string' || (f.family === 'unknown' && f.constant !== undefined && f.constant.value !== null);
    if (temporal(left) && textual(right)) return [left, convertSql(right, left.tsqlType ?? makeType(left.family === 'date' ? 'date' : left.family === 'time' ? 'time' : 'datetime', []), false, this.state.dateFormat)];
    if (temporal(right) && textual(left)) return [convertSql(left, right.tsqlType ?? makeType(right.family === 'date' ? 'date' : right.family === 'time' ? 'time' : 'datetime', []), false, this.state.dateFormat), right];
    return [left, right];
  }

  private binary(operator: string, l: Expression, r: Expression, scope: SqlScope, node: Expression): SqlFragment {
    const op = operator.toUpperCase();
    if (op === 'AND' || op === 'OR') {
      return { sql: `(${this.condition(l, scope)} ${op} ${this.condition(r, scope)})`, family: 'bit' };
    }
    const collated = op === '=' || op === '<>' || op === '!=' ? collatedEquality(this, op, l, r, scope) : undefined;
    if (collated !== undefined) return collated;
    const read = [this.expr(l, scope), this.expr(r, scope)] as const;
    if (read[0].family === 'opaque' || read[1].family === 'opaque') throw this.state.unsupported(node, OPAQUE_USE);
    if (['=', '<>', '!=', '<', '>', '<=', '>=', '!<', '!>'].includes(op)) {
      return { sql: this.compare(op, read[0], read[1], node), family: 'bit' };
    }
    if (['+', '-', '*', '/', '%', '&', '|', '^'].includes(op)) refuseTextArithmetic(this.state, op, read[0], read[1], node);
    // Text beside an integer in arithmetic converts to the integer's type (int outranks varchar):
    // '5' + 3 is 8, '5' - 3 is 2, '1.5' + 3 fails with 245.
    const [left, right] = ['+', '-', '*', '/', '%'].includes(op) ? textAsNumberOperands(read[0], read[1]) : read;
    // A decimal POWER's precision is documented two ways: refused where the result's scale depends on it.
    const doubt = ['+', '-', '*', '/', '%'].includes(op) ? arithmeticWithDoubt(op, left, right) : {};
    if (typeof doubt === 'string') throw this.state.unsupported(node, doubt);
    const computed = this.arithmetic(operator, left, right, node);
    // float overflow: SQL Server stops, DuckDB carries an infinity on (tsql_float_in_range)
    const result = computed.family === 'approx' && ['+', '-', '*', '/'].includes(op) ? { ...computed, sql: `tsql_float_in_range(${computed.sql})` } : computed;
    return doubt.doubt === undefined ? result : { ...result, precisionDoubt: doubt.doubt };
  }

  private arithmetic(operator: string, left: SqlFragment, right: SqlFragment, node: Expression): SqlFragment {
    const op = operator.toUpperCase();
    // Text beside a decimal converts to a numeric whose precision and scale SQL Server derives
    // from the text; which it is, and so the digits of the result, is not documented.
    if (['-', '*', '/', '%'].includes(op) && [[left, right], [right, left]].some(([a, b]) => a?.family === 'string' && b?.family === 'exact' && !isMoney(b.tsqlType))) {
      throw this.state.unsupported(node, `${op} of text and a decimal value (SQL Server converts the text to a numeric of a precision and scale it derives; CAST the text to decimal(p,s) first)`);
    }
    const money = ['+', '-', '*', '/', '%'].includes(op) ? moneyArithmetic(op, left, right, this.state.place(node.span)) : undefined;
    if (money !== undefined) return money;
    const rounded = op === '*' || ((op === '+' || op === '-') && left.family !== 'string' && right.family !== 'string') ? roundedDecimalArithmetic(op, left, right, this.inTableDefinition) : undefined;
    if (typeof rounded === 'string') throw this.state.unsupported(node, rounded);
    if (rounded !== undefined) return rounded;
    switch (op) {
      case '+': {
        if (left.family === 'string' || right.family === 'string') {
          if (isNumeric(left.family) || isNumeric(right.family)) {
            // SQL Server converts the string to the number's type (and fails if it is not one).
            return { sql: `(${left.sql} + ${right.sql})`, family: isNumeric(left.family) ? left.family : right.family };
          }
          // Text + a date/time is no concatenation in SQL Server: the text converts to the date
          // type (data type precedence), then it adds or fails (241, 8117); DuckDB's || would join
          // the two texts.
          if ([left, right].some((x) => x.family === 'datetime' || x.family === 'date' || x.family === 'time')) {
            throw this.state.unsupported(node, '+ of text and a date/time value (SQL Server converts the text to the date/time type, it does not concatenate; CONVERT the value to text first)');
          }
          return concatText(left, right, this.inTableDefinition);
        }
        if ((left.family === 'datetime' || left.family === 'date') && isNumeric(right.family)) return addDays(this.state, '+', left, right, node);
        refuseTemporalSum(this.state, '+', left, right, node);
        if (left.family === 'datetime' && right.family === 'datetime') return datetimeSum(this.state, left, right, node);
        if (isNumeric(left.family) && (right.family === 'datetime' || right.family === 'date')) return addDays(this.state, '+', right, left, node);
        return { sql: `(${left.sql} + ${right.sql})`, family: arithmeticFamily(left, right), duckType: decimalResult('+', left, right) ?? integerResult(left, right) };
      }
      case '-':
        if ((left.family === 'datetime' || left.family === 'date') && isNumeric(right.family)) return addDays(this.state, '-', left, right, node);
        refuseTemporalSum(this.state, '-', left, right, node);
        if (left.family === 'datetime' && right.family === 'datetime') return datetimeDifference(this.state, left, right, node);
        return { sql: `(${left.sql} - ${right.sql})`, family: arithmeticFamily(left, right), duckType: decimalResult('-', left, right) ?? integerResult(left, right) };
      case '*': return { sql: `(${left.sql} * ${right.sql})`, family: arithmeticFamily(left, right), duckType: decimalResult('*', left, right) ?? integerResult(left, right) };
      case '/': {
        const fam = arithmeticFamily(left, right);
        if (isIntegral(left.family) && isIntegral(right.family)) return { sql: `tsql_idiv(${left.sql}, ${right.sql})`, family: 'integer', duckType: integerResult(left, right) };
        const exact = exactDivision(left, right);
        if (typeof exact === 'string') throw this.state.unsupported(node, exact);
        if (exact !== undefined) return exact;
        // A decimal quotient has SQL Server's scale (max(6, s1 + p2 + 1)) and is truncated there;
        // DuckDB's division of an operand whose precision is unknown would be a double instead.
        if (fam === 'exact') throw this.state.unsupported(node, 'decimal division where the precision of an operand is unknown (its scale, and so the digits SQL Server keeps, cannot be derived; CAST the operands to decimal(p,s))');
        return { sql: `tsql_div(${left.sql}, ${right.sql})`, family: fam };
      }
      // An integer remainder or bitwise result has the larger integer type of its operands (int for
      // tinyint % int), so a decimal quotient of an expression holding one keeps a known scale.
      case '%': return { sql: `tsql_mod(${left.sql}, ${right.sql})`, family: arithmeticFamily(left, right), duckType: integerResult(left, right) };
      case '&': case '|': case '^':
        refuseBitwiseOperands(this.state, op, left, right, node);
        return { sql: op === '^' ? `xor(${left.sql}, ${right.sql})` : `(${left.sql} ${op} ${right.sql})`, family: 'integer', duckType: integerResult(left, right) };
      case 'AT TIME ZONE': return translateAtTimeZone(this, node, left, right);
      default: throw this.state.unsupported(node, `the operator ${operator}`);
    }
  }

  /**
   * ODBC date/time escapes are datetime values in SQL Server: `{d 'yyyy-mm-dd'}`,
   * `{ts 'yyyy-mm-dd hh:mm:ss[.fff]'}`, and `{t 'hh:mm:ss'}` on the current (pinned) date.
   */
  private odbcLiteral(e: Extract<Expression, { kind: 'OdbcEscape' }>): SqlFragment {
    const m = /^\{\s*(d|ts|t)\s+N?'((?:[^']|'')*)'\s*\}$/i.exec(e.text);
    if (m === null) throw this.state.unsupported(e, `the ODBC escape ${e.text}`);
    const kind = (m[1] ?? '').toLowerCase();
    const body = (m[2] ?? '').replace(/''/g, "'");
    const shape = kind === 'd' ? /^\d{4}-\d{2}-\d{2}$/ : kind === 'ts' ? /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,3})?$/ : /^\d{2}:\d{2}:\d{2}(\.\d{1,3})?$/;
    if (!shape.test(body)) throw this.state.unsupported(e, `the ODBC escape ${e.text} (not the ODBC ${kind} format)`);
    const text = kind === 't' ? `${this.state.clock.slice(0, 10)} ${body}` : body;
    return convertSql({ sql: `'${text}'`, family: 'string', duckType: 'VARCHAR', constant: { value: text } }, makeType('datetime', []), false, 'ymd');
  }

  private systemVariable(name: string, node: Expression): SqlFragment {
    const n = name.toUpperCase();
    const int = (v: number | string | null): SqlFragment => ({ sql: this.bind(v === null ? null : String(v), 'INTEGER'), family: 'integer', duckType: 'INTEGER' });
    switch (n) {
      case '@@ROWCOUNT':
        if (Number.isNaN(this.state.rowCount)) throw this.state.unsupported(node, unknownRowCount(this.state) ?? '@@ROWCOUNT after a FETCH that found no row (the FETCH page does not say what it is then)');
        noteCountRead(this.state, 'rowCount', node);
        return int(this.state.rowCount);
      case '@@ERROR':
        if (this.state.errorNumber < 0) throw this.state.unsupported(node, UNKNOWN_ERROR_NUMBER);
        if (this.state.errorNumber === TRUNCATION_ERROR && this.state.compatibilityLevel === undefined) throw this.state.unsupported(node, `@@ERROR holding ${TRUNCATION_NUMBER_UNKNOWN}`);
        return int(this.state.errorNumber);
      case '@@FETCH_STATUS': noteFetchStatusRead(this.state, node); return int(this.state.fetchStatus); // cursor-taint.ts
      case '@@TRANCOUNT': return int(this.state.tranCount);
      case '@@IDENTITY':
        if (this.state.sessionIdentityUnknownWhy !== undefined) throw this.state.unsupported(node, this.state.sessionIdentityUnknownWhy);
        noteCountRead(this.state, 'identity', node);
        return { sql: this.bind(this.state.sessionIdentity, 'DECIMAL(38,0)'), family: 'exact' };
      // the session's id and server: what --context says, else refused (session-functions.ts)
      case '@@SPID': case '@@SERVERNAME': return sessionVariable(this, node, n);
      case '@@NESTLEVEL': return int(this.state.frames.length);
      case '@@DATEFIRST':
        noteLanguageRead(this.state, 'dateFirst', '@@DATEFIRST', node.span);
        return int(this.state.dateFirst);
      case '@@DBTS': throw this.state.unsupported(node, `@@DBTS (${DATABASE_ROWVERSION})`);
      default: throw this.state.unsupported(node, name);
    }
  }

  private cast(e: Cast, scope: SqlScope): SqlFragment {
    if (e.function === 'PARSE' || e.function === 'TRY_PARSE') throw this.state.unsupported(e, `${e.function} (it reads text by .NET's culture rules, which are not emulated)`);
    const type = dataTypeOf(e.dataType.name.parts.map((p) => p.name).slice(-1)[0] ?? '', e.dataType.args, true);
    const inner = this.expr(e.expression, scope);
    const spatial = spatialConversionRefusal(inner, type);
    if (spatial !== undefined) throw this.state.unsupported(e, spatial);
    const tryCast = e.function === 'TRY_CAST' || e.function === 'TRY_CONVERT';
    // date, time, datetime2 to a number: SQL Server does not compile it (error 529).
    const notAllowed = numberConversionError(inner, type);
    if (notAllowed !== undefined) throw this.state.unsupported(e, `${e.function} of ${inner.tsqlType?.name ?? inner.family} to ${type.name} (SQL Server does not compile it: error 529, ${notAllowed})`);
    const styled = convertWithStyle(this, e, type, inner, scope);
    if (styled !== undefined) return styled;
    return convertSql(inner, type, tryCast, this.state.dateFormat);
  }
}

/** The T-SQL type named in a CAST/DECLARE; in CAST, char/varchar without a length mean 30. */
export function dataTypeOf(name: string, args: readonly string[], inCast: boolean): TsqlType {
  const lower = name.toLowerCase();
  if (inCast && args.length === 0 && ['char', 'varchar', 'nchar', 'nvarchar', 'binary', 'varbinary'].includes(lower)) return makeType(lower, ['30']);
  return makeType(lower, args);
}

/**
 * The operands of arithmetic with a text one converted to the type of the number beside it, as
 * data type precedence has it: an integer's type, money or smallmoney, float or real ('2.5' *
 * $2 is 5.0000 money; '2.5' * 2 fails with 245).
 */
function textAsNumberOperands(left: SqlFragment, right: SqlFragment): readonly [SqlFragment, SqlFragment] {
  const target = (other: SqlFragment): TsqlType | undefined => other.family === 'integer' ? integerTypeOf(other)
    : isMoney(other.tsqlType) ? other.tsqlType
      : other.family === 'approx' ? other.tsqlType ?? makeType('float', []) : undefined;
  const toLeft = right.family === 'string' ? target(left) : undefined;
  if (toLeft !== undefined) return [left, convertSql(right, toLeft)];
  const toRight = left.family === 'string' ? target(right) : undefined;
  if (toRight !== undefined) return [convertSql(left, toRight), right];
  return [left, right];
}

/** A comparison operator as DuckDB writes it (`!=`, `!<`, `!>` are T-SQL's). */
export function comparisonOperator(op: string): string {
  return op === '!=' ? '<>' : op === '!<' ? '>=' : op === '!>' ? '<=' : op;
}

/**
 * Text as `op` compares it under SQL Server's collation: equality without trailing blanks (exact
 * under DuckDB's nocase); an ordering by the collation's key, only where both collations agree.
 */
export function textComparisonKey(op: string, sql: string): string {
  return op === '=' || op === '<>' ? `tsql_str(${sql})` : `tsql_collation_key(tsql_str(${sql}))`;
}

export function quote(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export { familyOfDuckType };
export { dominantFamily, isStringy } from './type-families';
export type { FunctionCall };

export { convertSql };
