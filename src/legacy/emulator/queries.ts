import { LegacyError } from '../../core';
import { findAll, isTempName, splitObjectName, type Expression, type FunctionCall, type QueryExpression, type QuerySpec, type Select, type TableSource } from '../../tsql';
import { groupKeySql, quote, type OrderTarget, type SqlTranslator } from './expressions';
import { refuseOpaqueKey } from './opaque-values';
import { translateCheckedOrderBy, translateOrderBy } from './order-and-window';
import { sortDoubtSql } from './reproducibility/text-order-doubt';
import { AGGREGATE_NAMES } from './functions';
import type { TableInfo } from './state';
import { normalizeObjectName } from '../legacy-run';
import { familyOfDuckType, SqlScope, type ColumnType, type RowSource } from './sql-scope';
import { translateView } from './views';
import { refuseStaleViewRows } from './section/given-view-rows';
import { synonymTargetOf } from './catalog';
import { cteSqlName, defineCtes } from './ctes';
import { translatePivot, translateUnpivot } from './pivot';
import { havingClause } from './empty-grand-total';
import { changesPerCall, starsAsColumns, textGrouping } from './text-grouping';
import { markNumberedIdentityColumns, noteRead } from './reproducibility/taint-reads';
import { translateTableFunction } from './table-functions';
import { familyOf } from './tsql-types';
import { isHiddenColumn, markHiddenColumns, systemTimeHint, temporalSource } from './tables/temporal';
import { markRowversionColumns, noteColumnRead } from './reproducibility/rowversion';
import { markUnstatedColumns, refuseUnstatedRead } from './tables/unstated-columns';
import { refuseUnevaluatedRead } from './tables/unevaluated-columns';
import { forJsonPath, isForJson } from './xml-json/for-json-path';
import { forXmlPath } from './xml-json/for-xml-path';
import { refuseRolledBackRows } from './transactions/transaction-writes';
import { disputedTop, noteScopeSpec } from './reproducibility/tie-disputes';
import { noteSyntheticWindow, orderByTieBreak, orderKeepsNothing, storedOrderTieBreak, storedRowOrder, windowOrder } from './reproducibility/window-ties';
import { translateValuesTable } from './values-table';
import { alignSetOperation } from './set-operation-types';
import { keepPrecisionDoubt } from './power-function';
import { checkSetOperationOffsets, refuseUnknownOffset } from './dates/offset-combining';
import { lateralOuterJoin, needsLateralOn } from './outer-join-subquery';

/** A translated query: DuckDB SQL and its output columns with their types. */
export interface TranslatedQuery {
  readonly sql: string;
  readonly columns: readonly ColumnType[];
}

/** Columns of a TableInfo as the translator's ColumnType list. */
export function columnTypesOf(info: TableInfo): ColumnType[] {
  return info.columns.map((c) => ({ name: c.name, duckType: c.duckType, family: c.tsqlType === undefined ? familyOfDuckType(c.duckType) : familyOf(c.tsqlType), tsqlType: c.tsqlType, unicodeText: c.unicodeText, ...(c.unevaluated === undefined ? {} : { unevaluated: c.unevaluated }) }));
}

/** A table's keys, for a window's ORDER BY (window-ties.ts): its PRIMARY KEY and UNIQUE constraints, those its unique indexes enforce. */
function tableKeys(info: TableInfo): RowSource['keys'] {
  const unique = info.uniqueKeys ?? [];
  const same = (k: readonly string[]): boolean => k.length === info.key.length && k.every((c, i) => c.toLowerCase() === info.key[i]?.toLowerCase());
  return { unique, primary: info.key.length > 0 && unique.some(same) ? info.key : [] };
}

/** Key in EmulatorState.tables of a table name as written (`#t`, `@t`, `dbo.t`). */
export function tableKey(name: string, frameDepth: number): string {
  if (name.startsWith('@')) return `${name.toLowerCase()}#${frameDepth}`;
  if (isTempName(name)) return name.toLowerCase();
  return normalizeObjectName(name);
}

/**
 * Translates a full query. `outer` is the enclosing scope for correlated subqueries. CTEs are
 * kept as DuckDB CTEs; ORDER BY gets SQL Server's NULL ordering; TOP becomes LIMIT; the
 * `STUFF((SELECT ';' + x … FOR XML PATH('')), 1, 1, '')` idiom becomes string_agg.
 */
export function translateSelect(t: SqlTranslator, select: Select, outer: SqlScope | undefined): TranslatedQuery {
  // A view's query (a statement's is refused before it runs, interpreter.ts).
  if (select.xmlNamespaces !== undefined) throw t.state.unsupported({ span: select.xmlNamespaces }, 'WITH XMLNAMESPACES (the emulator does not read XML namespaces)');
  // ORDER BY may repeat what the query groups by (`GROUP BY @Prefix + Code ORDER BY @Prefix + Code`): one parameter for both.
  if (!t.bindsShared && select.body.kind === 'QuerySpec' && select.orderBy.length > 0 && keysBindVariables(select.body)) return t.sharingBoundValues(() => translateSelect(t, select, outer));
  const ctes = defineCtes(t, select.ctes, select.option, outer);
  const withSql = ctes.sql;
  if (isForJson(select.forClause)) return forJsonPath(t, select, outer, withSql);
  if (select.forClause !== undefined) return forXmlPath(t, select, outer, withSql);
  if (select.body.kind === 'QuerySpec' && select.body.top?.withTies === true && !select.body.top.percent) {
    const q = withTies(t, select, select.body, outer, withSql);
    ctes.release();
    return q;
  }
  const body = select.body;
  const topSpec = body.kind === 'QuerySpec' ? body : undefined;
  const inner = translateBody(t, body, outer, select.orderBy.length > 0 && topSpec !== undefined);
  let sql = inner.sql;
  // A UNION/EXCEPT/INTERSECT ordered by its output columns: DuckDB orders a set operation only by
  // plain output columns, and text sorts through its collation key, so the rows are ordered as a
  // derived table.
  const setOrder = select.orderBy.length > 0 && body.kind === 'SetOperation';
  if (setOrder) sql = `SELECT * FROM (${sql}) AS __set_rows`;
  if (select.orderBy.length > 0) {
    const scope = inner.scope ?? outputScope(inner.columns, outer);
    // Ties come in table order, reversed in capture's order check: which of them a TOP or an
    // OFFSET … FETCH keeps is SQL Server's choice.
    // (not under DISTINCT, whose ORDER BY may only name what it selects)
    const picks = topSpec?.top !== undefined ? 'rows with equal ORDER BY values a TOP chooses between'
      : select.offset !== undefined ? 'rows with equal ORDER BY values OFFSET … FETCH chooses between' : undefined;
    const stable = picks === undefined && inner.scope !== undefined ? storedOrderTieBreak(t, select, inner.scope) : undefined;
    const tie = inner.scope === undefined || topSpec?.distinct === true ? undefined : stable ?? orderByTieBreak(t, inner.scope, select, picks);
    const top = topSpec?.top !== undefined && !topSpec.top.percent && !topSpec.top.withTies ? topSpec.top : undefined;
    const dispute = tie === undefined || top === undefined || inner.scope === undefined || topSpec === undefined ? undefined : disputedTop(t, inner.scope, top, windowOrder(select, topSpec), () => t.expr(top.expression, new SqlScope()).sql, picks ?? '');
    // An INSERT … SELECT's ORDER BY without a TOP or identity values to number keeps nothing:
    // text of uncertain order (text-order-doubt.ts) is no reason to refuse it.
    const order = picks === undefined && orderKeepsNothing(select) ? translateOrderBy : translateCheckedOrderBy;
    sql += ` ORDER BY ${order(t, select.orderBy, scope, inner.outputs ?? (setOrder ? setPositions(inner.columns) : undefined))}${dispute === undefined ? '' : `, ${dispute}`}${tie === undefined ? '' : `, ${tie}`}`;
  } else if (inner.scope !== undefined && topSpec !== undefined && topSpec.top === undefined && !topSpec.distinct && select.offset === undefined) {
    // Rows a statement stores keep one order in both runs of the order check (window-ties.ts).
    const stable = storedRowOrder(t, select, inner.scope);
    if (stable !== undefined) sql += ` ORDER BY ${stable}`;
  }
  releaseGrouped(t, inner);
  // TOP without ORDER BY is already a LIMIT inside the query spec (translateQuerySpec).
  if (topSpec?.top !== undefined && select.orderBy.length > 0) sql += ` LIMIT ${topLimit(t, topSpec)}`;
  if (select.offset !== undefined) {
    const scope = outer ?? new SqlScope();
    if (select.fetch !== undefined) sql += ` LIMIT ${t.expr(select.fetch, scope).sql}`;
    sql += ` OFFSET ${t.expr(select.offset, scope).sql}`;
  }
  ctes.release();
  return { sql: withSql + sql, columns: inner.columns };
}

/**
 * `TOP (n) WITH TIES … ORDER BY`: the first n rows and every row whose ORDER BY values equal the
 * n-th's, i.e. the rows whose RANK() over that order is at most n (a rank is the position its
 * group of ties starts at).
 */
function withTies(t: SqlTranslator, select: Select, spec: QuerySpec, outer: SqlScope | undefined, withSql: string): TranslatedQuery {
  const top = spec.top as NonNullable<QuerySpec['top']>;
  if (select.orderBy.length === 0) throw t.state.unsupported(top, 'TOP … WITH TIES without ORDER BY (SQL Server: error 1062)');
  if (spec.distinct) throw t.state.unsupported(top, 'TOP … WITH TIES of a SELECT DISTINCT');
  // The window cannot name the select list's aliases or positions the ORDER BY may use: their expressions stand in.
  const orderBy = windowOrder(select, spec);
  const span = top.span;
  const n = t.expr(top.expression, new SqlScope()).sql;
  // A window in the ORDER BY (`TOP (1) WITH TIES … ORDER BY ROW_NUMBER() OVER (PARTITION BY g
  // ORDER BY d DESC)`, one row per group): DuckDB allows no window inside RANK()'s OVER, so the
  // keys are computed as columns first and ranked a level up, ordered as translateOrderBy orders.
  if (orderBy.some((o) => findAll(o.expression, 'FunctionCall').some((f) => f.over !== undefined))) {
    const keyItems = orderBy.map((o, i) => ({ kind: 'SelectItem' as const, expression: o.expression, alias: { kind: 'Identifier' as const, name: `__top_k${i + 1}`, quote: 'none' as const, span }, aliasStyle: 'as' as const, span }));
    const inner = translateBody(t, { ...spec, top: undefined, items: [...spec.items, ...keyItems] }, outer, false);
    releaseGrouped(t, inner);
    const width = inner.columns.length - keyItems.length;
    const keys = inner.columns.slice(width);
    const sortKeys = keys.map((c) => {
      const key = c.family === 'string' ? `tsql_collation_key(tsql_str(${quote(c.name)}))` : quote(c.name);
      return { key, text: c.family === 'string' ? quote(c.name) : undefined };
    });
    const order = sortKeys.map((k, i) => (orderBy[i]?.direction === 'DESC' ? `${k.key} DESC NULLS LAST` : `${k.key} ASC NULLS FIRST`));
    // The rank decides which rows are kept: every row's is stopped where the order meets two texts
    // of uncertain order (text-order-doubt.ts), the filter reading each row's rank.
    const doubt = sortDoubtSql(t, sortKeys, [], 'ORDER BY', select.orderBy[0]);
    const rankSql = `rank() OVER (ORDER BY ${order.join(', ')})`;
    const ranked = doubt === undefined ? rankSql : `(CASE WHEN ${doubt} IS NULL THEN ${rankSql} END)`;
    const sql = `${withSql}SELECT * EXCLUDE (${keys.map((c) => quote(c.name)).join(', ')}, "__top_rank") FROM (SELECT *, ${ranked} AS "__top_rank" FROM (${inner.sql}) AS __keyed) AS __ties WHERE "__top_rank" <= ${n} ORDER BY "__top_rank"`;
    return { sql, columns: inner.columns.slice(0, width) };
  }
  const rank: FunctionCall = {
    kind: 'FunctionCall', name: { kind: 'ObjectName', parts: [{ kind: 'Identifier', name: 'RANK', quote: 'none', span }], span }, args: [], distinct: false, star: false, withinGroup: [],
    over: { kind: 'WindowSpec', name: undefined, partitionBy: [], orderBy, frame: undefined, span }, span,
  };
  // (its order check names the query's ORDER BY)
  if (rank.over !== undefined) noteSyntheticWindow(rank.over, 'rows with equal ORDER BY values TOP … WITH TIES ranks');
  const ranked: QuerySpec = { ...spec, top: undefined, items: [...spec.items, { kind: 'SelectItem', expression: rank, alias: { kind: 'Identifier', name: '__top_rank', quote: 'none', span }, aliasStyle: 'as', span }] };
  const inner = translateBody(t, ranked, outer, false);
  const scope = inner.scope ?? outputScope(inner.columns, outer);
  const order = translateCheckedOrderBy(t, select.orderBy, scope, inner.outputs);
  releaseGrouped(t, inner);
  const columns = inner.columns.slice(0, -1);
  const sql = `${withSql}SELECT * EXCLUDE ("__top_rank") FROM (${inner.sql} ORDER BY ${order}) AS __ties WHERE "__top_rank" <= ${n} ORDER BY "__top_rank"`;
  return { sql, columns };
}

function topLimit(t: SqlTranslator, spec: QuerySpec): string {
  const top = spec.top;
  if (top === undefined) return '';
  if (top.percent) throw t.state.unsupported(top, 'TOP … PERCENT (how SQL Server rounds a fraction of a row is not documented)');
  if (top.withTies) throw t.state.unsupported(top, 'TOP … WITH TIES here (only in a SELECT with ORDER BY)');
  return t.expr(top.expression, new SqlScope()).sql;
}

interface BodyResult extends TranslatedQuery {
  /** The scope of a single QuerySpec, so ORDER BY may name source columns not in the output. */
  readonly scope: SqlScope | undefined;
  /** A single QuerySpec's select items by alias (lower-case), which ORDER BY names before the FROM's columns. */
  readonly outputs?: ReadonlyMap<string, OrderTarget>;
  /** Text expressions this QuerySpec's DISTINCT groups (SqlTranslator.groupedTextSql), dropped once its ORDER BY is read. */
  readonly grouped?: readonly string[];
}

/** Forgets a query's DISTINCT text expressions, so a sibling or later query reads them plainly. */
function releaseGrouped(t: SqlTranslator, body: BodyResult): void {
  for (const sql of body.grouped ?? []) t.groupedTextSql.delete(sql);
}

function translateBody(t: SqlTranslator, body: QueryExpression, outer: SqlScope | undefined, orderedTop: boolean): BodyResult {
  switch (body.kind) {
    case 'QuerySpec': return translateQuerySpec(t, body, outer, orderedTop);
    case 'Select': {
      const q = translateSelect(t, body, outer);
      return { sql: `(${q.sql})`, columns: q.columns, scope: undefined };
    }
    case 'SetOperation': {
      const l = translateBody(t, body.left, outer, false);
      releaseGrouped(t, l);
      const r = translateBody(t, body.right, outer, false);
      releaseGrouped(t, r);
      checkSetOperationOffsets(t, body, body.operator, l.columns, r.columns);
      // (a side with TOP is read from as a table, which DuckDB does not parse in the `((…) LIMIT n)` form)
      const wrap = (b: BodyResult, x: QueryExpression): string => (x.kind === 'QuerySpec' && x.top !== undefined ? `(SELECT * FROM ${b.sql} AS __top LIMIT ${topLimit(t, x)})` : b.sql);
      // Each column typed from both sides, their values converted to it (set-operation-types.ts).
      const { columns, left, right } = alignSetOperation(t, body, body.operator, { sql: wrap(l, body.left), columns: l.columns }, { sql: wrap(r, body.right), columns: r.columns });
      if (body.operator !== 'UNION ALL') for (const c of columns) refuseOpaqueKey(t, body, c, body.operator);
      if (body.operator === 'UNION' && columns.some((c) => c.family === 'string')) {
        // UNION's de-duplication as SQL Server compares text (see text-grouping.ts): one row per
        // value without trailing blanks, given back as one of its spellings.
        const names = columns.map((_, i) => `c${i}`);
        // Which spelling is SQL Server's plan's: the least by bytes, the greatest in capture's second run (groupSpelling).
        const select = columns.map((c, i) => (c.family === 'string' ? `${t.groupSpelling(`u.c${i}`, body)} AS ${quote(c.name)}` : `u.c${i} AS ${quote(c.name)}`));
        const keys = columns.map((c, i) => groupKeySql({ sql: `u.c${i}`, family: c.family }));
        return { sql: `(SELECT ${select.join(', ')} FROM (${left} UNION ALL ${right}) AS u(${names.join(', ')}) GROUP BY ${keys.join(', ')})`, columns, scope: undefined };
      }
      if ((body.operator === 'INTERSECT' || body.operator === 'EXCEPT') && columns.some((c) => c.family === 'string')) {
        return { sql: collatedIntersectExcept(body.operator, left, right, columns, columns, (sql) => t.groupSpelling(sql, body)), columns, scope: undefined };
      }
      return { sql: `${left} ${body.operator} ${right}`, columns, scope: undefined };
    }
  }
}

/**
 * INTERSECT / EXCEPT as SQL Server compares rows: the left side's distinct rows that are (or are
 * not) on the right, text equal when it is equal without trailing blanks (case is the nocase
 * default collation's), NULL equal to NULL. DuckDB's own set operations keep trailing blanks
 * apart, so `'a ' EXCEPT 'A'` gave a row, silently. Each left group gives one of its spellings
 * (`spell`: the least by bytes, the greatest in capture's second run), as SQL Server gives one by plan. A column that is text on one side only compares
 * as DuckDB casts it, as before.
 */
function collatedIntersectExcept(operator: 'INTERSECT' | 'EXCEPT', left: string, right: string, lc: readonly ColumnType[], rc: readonly ColumnType[], spell: (sql: string) => string): string {
  const names = lc.map((_, i) => `c${i}`);
  const bothText = (i: number): boolean => lc[i]?.family === 'string' && rc[i]?.family === 'string';
  const key = (side: 'l' | 'r', i: number): string => (bothText(i) ? groupKeySql({ sql: `${side}.c${i}`, family: 'string' }) : `${side}.c${i}`);
  const select = lc.map((c, i) => (bothText(i) ? `${spell(`l.c${i}`)} AS ${quote(c.name)}` : `l.c${i} AS ${quote(c.name)}`));
  const match = lc.map((_, i) => `${key('l', i)} IS NOT DISTINCT FROM ${key('r', i)}`).join(' AND ');
  return `(SELECT ${select.join(', ')} FROM (${left}) AS l(${names.join(', ')}) WHERE ${operator === 'EXCEPT' ? 'NOT ' : ''}EXISTS (SELECT 1 FROM (${right}) AS r(${names.join(', ')}) WHERE ${match}) GROUP BY ${lc.map((_, i) => key('l', i)).join(', ')})`;
}

/** Scope over a query's output columns (for ORDER BY of a set operation). */
/**
 * `ORDER BY 2` of a UNION/EXCEPT/INTERSECT: the second output column of the ordered derived table.
 * Only where every output column has a name of its own; otherwise the position stays refused.
 */
function setPositions(columns: readonly ColumnType[]): ReadonlyMap<string, OrderTarget> | undefined {
  const names = columns.map((c) => c.name.toLowerCase());
  if (names.some((n, i) => n === '' || names.indexOf(n) !== i)) return undefined;
  return new Map(columns.map((c, i) => [`#${i + 1}`, { value: { sql: quote(c.name), family: c.family, duckType: c.duckType, tsqlType: c.tsqlType }, volatile: false }]));
}

function outputScope(columns: readonly ColumnType[], outer: SqlScope | undefined): SqlScope {
  const s = new SqlScope(outer);
  s.add('', columns);
  return s;
}

/** Whether a variable is part of what the query groups or de-duplicates by (`GROUP BY @Prefix + Code`). */
function keysBindVariables(spec: QuerySpec): boolean {
  const keyed = spec.groupBy?.items ?? (spec.distinct ? spec.items.flatMap((i) => (i.kind === 'SelectItem' ? [i.expression as Expression] : [])) : []);
  return keyed.some((e) => findAll(e, 'Variable').length > 0);
}

function translateQuerySpec(t: SqlTranslator, spec: QuerySpec, outer: SqlScope | undefined, orderedTop: boolean): BodyResult {
  if (spec.into !== undefined) throw t.state.unsupported(spec, 'SELECT … INTO inside another statement');
  // A variable in what the query groups or de-duplicates (`GROUP BY @Prefix + Code`): the
  // expression is translated twice, and both translations must bind it to one parameter.
  if (!t.bindsShared && keysBindVariables(spec)) return t.sharingBoundValues(() => translateQuerySpec(t, spec, outer, orderedTop));
  const scope = new SqlScope(outer);
  const from = spec.from.map((s) => translateSource(t, s, scope, outer)).join(', ');
  // Windows of a query over rows (no GROUP BY, no aggregate) may break their ORDER BY's ties by the row (windowTieBreak).
  if (spec.groupBy === undefined && !aggregates(spec)) t.rowScopes.add(scope);
  // WHERE and GROUP BY first: the grouped text columns they establish change how the select
  // list, HAVING and ORDER BY read those columns (parameters are numbered, so order is free).
  const where = spec.where === undefined ? '' : ` WHERE ${t.condition(spec.where, scope)}`;
  spec = starsAsColumns(spec, scope);
  noteScopeSpec(scope, spec);
  const { grouping, grouped } = textGrouping(t, spec, scope);
  // Windows and ORDER BY over groups break ties by the group keys (not under ROLLUP/CUBE, whose super-aggregate rows repeat them).
  if (spec.groupBy !== undefined && grouping !== undefined && spec.groupBy.withOption === undefined && !spec.groupBy.items.some((g) => g.kind === 'GroupingSpec')) t.groupKeys.set(scope, grouping);
  const columns: ColumnType[] = [];
  const items: string[] = [];
  const outputs = new Map<string, OrderTarget>();
  const aliases = spec.items.flatMap((item) => (item.kind === 'SelectItem' && item.alias !== undefined ? [item.alias.name.toLowerCase()] : []));
  spec.items.forEach((item, i) => {
    if (item.kind === 'SelectAssignment') {
      const x = t.expr(item.expression, scope);
      items.push(`${x.sql} AS ${quote(`${item.variable.name}#${i}`)}`);
      columns.push({ name: `${item.variable.name}#${i}`, duckType: x.duckType ?? '', family: x.family });
      return;
    }
    if (item.expression.kind === 'Star') {
      const q = item.expression.qualifier.map((p) => p.name);
      const alias = q[q.length - 1];
      const cols = alias === undefined ? scope.allColumns() : scope.columnsOf(alias) ?? [];
      for (const c of cols) noteColumnRead(t.state, c);
      for (const c of cols) refuseUnstatedRead(t.state, c, item.expression);
      for (const c of cols) refuseUnevaluatedRead(t.state, c, item.expression);
      for (const c of cols) refuseUnknownOffset(t, item.expression, c, `the column ${c.name}`);
      // A system-versioned table's HIDDEN period columns are not part of `*`, nor is the position
      // STRING_SPLIT's pieces carry for window-ties.ts (table-functions.ts).
      const hiddenPosition = (t.rowSources.get(scope) ?? []).some((src) => src.position !== undefined && !src.columns.some((c) => c.name === src.position));
      if (cols.some(isHiddenColumn) || hiddenPosition) {
        const shown = scope.starColumns(alias).filter((c) => !isHiddenColumn(c.column));
        items.push(shown.map((c) => `${quote(c.alias)}.${quote(c.column.name)}`).join(', '));
        columns.push(...shown.map((c) => c.column));
        return;
      }
      if (spec.distinct) for (const c of cols) refuseOpaqueKey(t, item.expression, c, 'SELECT DISTINCT');
      items.push(alias === undefined ? '*' : `${quote(alias)}.*`);
      columns.push(...cols);
      return;
    }
    const x = t.expr(item.expression, scope);
    if (spec.distinct) refuseOpaqueKey(t, item.expression, x, 'SELECT DISTINCT');
    const name = item.alias?.name ?? (item.expression.kind === 'ColumnRef' ? item.expression.parts[item.expression.parts.length - 1]?.name : undefined) ?? `__col${i + 1}`;
    items.push(`${x.sql} AS ${quote(name)}`);
    // An alias ORDER BY may name (one that repeats is SQL Server's error 209, left to DuckDB),
    // unless it names the very column it aliases.
    const alias = item.alias?.name.toLowerCase();
    const sameColumn = item.expression.kind === 'ColumnRef' && item.expression.parts[item.expression.parts.length - 1]?.name.toLowerCase() === alias;
    const calls = findAll(item.expression, 'FunctionCall');
    const target = { value: x, volatile: calls.some(changesPerCall), windowed: calls.some((f) => f.over !== undefined) };
    if (alias !== undefined && !sameColumn && aliases.indexOf(alias) === aliases.lastIndexOf(alias)) outputs.set(alias, target);
    // `ORDER BY 2` names the select list's second column (translateOrderBy).
    outputs.set(`#${columns.length + 1}`, target);
    refuseUnknownOffset(t, item.expression, x, `the column ${name}`);
    columns.push({ name, duckType: x.duckType ?? '', family: x.family, tsqlType: x.tsqlType, unicodeText: x.unicodeText, ...(x.offsetMinutes === undefined ? {} : { offsetMinutes: x.offsetMinutes }), ...keepPrecisionDoubt(x), ...(x.constantDigits === undefined ? {} : { integerConstantDigits: x.constantDigits }) });
  });
  let sql = `SELECT ${spec.distinct && grouping === undefined ? 'DISTINCT ' : ''}${items.join(', ')}`;
  if (from !== '') sql += ` FROM ${from}`;
  sql += where;
  if (grouping !== undefined) sql += ` GROUP BY ${grouping}`;
  sql += havingClause(t, spec, spec.having === undefined ? undefined : t.condition(spec.having, scope));
  if (spec.top !== undefined && !orderedTop) {
    // TOP without ORDER BY: SQL Server returns any n rows. They are taken in table order here,
    // the other way in capture's order check, so an output that depends on which ones is marked.
    // (not under DISTINCT, whose rows DuckDB orders only by what it selects)
    const tie = spec.distinct ? undefined : orderByTieBreak(t, scope, spec, 'the rows a TOP without ORDER BY chooses between');
    const dispute = tie === undefined ? undefined : disputedTop(t, scope, spec.top, [], () => topLimit(t, spec), 'the rows a TOP without ORDER BY chooses between');
    sql += `${tie === undefined ? '' : ` ORDER BY ${dispute === undefined ? '' : `${dispute}, `}${tie}`} LIMIT ${topLimit(t, spec)}`;
    return { sql: `(${sql})`, columns, scope, grouped, outputs };
  }
  return { sql, columns, scope, grouped, outputs };
}

/** Whether the query spec aggregates (an aggregate function outside OVER in its select list or HAVING). */
function aggregates(spec: QuerySpec): boolean {
  if (spec.having !== undefined) return true;
  return spec.items.some((i) => findAll(i.expression, 'FunctionCall').some((f) => f.over === undefined && f.name.parts.length === 1 && AGGREGATE_NAMES.has((f.name.parts[0]?.name ?? '').toUpperCase())));
}

/**
 * Translates one FROM item and registers its alias in `scope`. `outer` is what derived tables
 * may see (only APPLY sees its left side).
 */
export function translateSource(t: SqlTranslator, source: TableSource, scope: SqlScope, outer: SqlScope | undefined): string {
  switch (source.kind) {
    case 'TableRef': {
      const written = source.name.parts.map((p) => p.name).join('.');
      const base = source.name.parts[source.name.parts.length - 1]?.name ?? '';
      const cte = source.name.parts.length === 1 ? t.ctes.get(base.toLowerCase()) : undefined;
      const alias = source.alias?.name ?? base;
      if (cte !== undefined) {
        // Column objects of its own for each reference: a grouped text column of one reference
        // (SqlTranslator.groupedText) must not turn into any_value() in another.
        const columns = cte.map((c) => ({ ...c }));
        scope.add(alias, columns);
        t.noteRowSource(scope, alias, columns);
        return `${quote(cteSqlName(t, base))} AS ${quote(alias)}`;
      }
      // A synonym of a table reads that table itself, so `DELETE s FROM dbo.Syn s` finds its rows.
      const defined = t.state.tables.has(normalizeObjectName(written)) || source.temp ? undefined : t.state.catalog.views.get(normalizeObjectName(written));
      const synonymTarget = defined === undefined ? undefined : synonymTargetOf(defined.definition);
      const table = synonymTarget !== undefined && t.state.tables.has(tableKeyOf(t.state, synonymTarget)) ? synonymTarget : undefined;
      const view = table !== undefined || t.state.tables.has(normalizeObjectName(written)) || source.temp ? undefined : translateView(t, source, scope);
      if (view !== undefined) return view;
      // a view's rows the section was given: stale after a write to a table behind it
      if (table === undefined) refuseStaleViewRows(t.state, source, normalizeObjectName(written));
      const info = resolveTable(t, table ?? written);
      refuseRolledBackRows(t.state, source, info, written);
      noteRead(t.state, { table: info });
      scope.add(alias, markUnstatedColumns(t.state, info, markNumberedIdentityColumns(t.state, info, markRowversionColumns(t.state, info, markHiddenColumns(t.state, table ?? written, info, columnTypesOf(info))))));
      const systemTime = systemTimeHint(source);
      // FOR SYSTEM_TIME reads history rows too, where a key repeats: no keys then
      t.noteRowSource(scope, alias, columnTypesOf(info), systemTime === undefined, undefined, systemTime === undefined ? tableKeys(info) : undefined);
      if (systemTime !== undefined) return `${temporalSource(t, source, systemTime, info, outer)} AS ${quote(alias)}`;
      return `${info.sqlName} AS ${quote(alias)}`;
    }
    case 'TableFunctionRef': return translateTableFunction(t, source, scope, outer);
    case 'Pivot': return translatePivot(t, source, scope, outer);
    case 'Unpivot': return translateUnpivot(t, source, scope, outer);
    case 'TableVariableRef': {
      const info = resolveTable(t, source.variable.name);
      refuseRolledBackRows(t.state, source, info, source.variable.name);
      noteRead(t.state, { table: info });
      const alias = source.alias?.name ?? source.variable.name;
      scope.add(alias, markUnstatedColumns(t.state, info, markNumberedIdentityColumns(t.state, info, markRowversionColumns(t.state, info, columnTypesOf(info)))));
      t.noteRowSource(scope, alias, columnTypesOf(info), true, undefined, tableKeys(info));
      return `${info.sqlName} AS ${quote(alias)}`;
    }
    case 'DerivedTable': {
      const q = translateSelect(t, source.query, outer);
      const cols = source.columns.length > 0 ? q.columns.map((c, i) => ({ ...c, name: source.columns[i]?.name ?? c.name })) : q.columns;
      const alias = source.alias?.name ?? '__derived';
      scope.add(alias, cols);
      t.noteRowSource(scope, alias, cols);
      const colList = source.columns.length > 0 ? `(${source.columns.map((c) => quote(c.name)).join(', ')})` : '';
      return `(${q.sql}) AS ${quote(alias)}${colList}`;
    }
    case 'ValuesTable': return translateValuesTable(t, source, scope, outer);
    case 'Join': {
      const left = translateSource(t, source.left, scope, outer);
      if (source.joinType === 'CROSS APPLY' || source.joinType === 'OUTER APPLY') {
        if (source.right.kind !== 'DerivedTable' && source.right.kind !== 'TableFunctionRef' && source.right.kind !== 'ValuesTable') throw t.state.unsupported(source, `${source.joinType} of a table function`);
        const right = translateSource(t, source.right, scope, scope);
        return source.joinType === 'CROSS APPLY' ? `${left} CROSS JOIN LATERAL ${right}` : `${left} LEFT JOIN LATERAL ${right} ON TRUE`;
      }
      const right = translateSource(t, source.right, scope, outer);
      if (source.joinType === 'CROSS') return `${left} CROSS JOIN ${right}`;
      const on = source.on === undefined ? 'TRUE' : t.condition(source.on, scope);
      if (needsLateralOn(source)) return lateralOuterJoin(t, source, left, right, on);
      return `${left} ${source.joinType} JOIN ${right} ON ${on}`;
    }
    case 'DmlTable': {
      // Composable DML: the nested statement's OUTPUT rows read as a table.
      const verb = source.statement.kind.toUpperCase();
      throw t.state.unsupported(source, `rows of a nested ${verb} … OUTPUT read as a table (composable DML, FROM (${verb} … OUTPUT …) AS m); rewrite it as the ${verb} with OUTPUT … INTO a #temp table, then the outer statement reading that table`);
    }
    default:
      throw t.state.unsupported(source, (source as { kind: string }).kind);
  }
}

/** The table a name refers to: temp tables, table variables and permanent tables. */
export function resolveTable(t: SqlTranslator, written: string): TableInfo {
  const key = tableKeyOf(t.state, written);
  const info = t.state.tables.get(key);
  const view = info === undefined ? t.state.catalog.views.get(key) : undefined;
  if (view !== undefined) {
    // A synonym is its target wherever a statement writes it (reads go through translateView).
    const target = synonymTargetOf(view.definition);
    if (target !== undefined) return resolveTable(t, target);
    throw new LegacyError('LEGACY_UNSUPPORTED', `${written} is a view: the emulator reads views but does not write through them (SQL Server changes the view's base table, and checks WITH CHECK OPTION), nor takes them where a statement needs a table`, {
      hint: 'write the base table the view selects from in a copy of the procedure, with the view\'s WHERE in the statement, or capture from SQL Server (--engine mssql)',
    });
  }
  if (info === undefined) {
    // Another database's table is never this database's table of the same schema and name.
    const otherDatabase = key.split('.').length > 2;
    const schema = (splitObjectName(written).slice(-2, -1)[0] ?? '').toLowerCase();
    if (schema === 'sys' || schema === 'information_schema') {
      // A catalog view exists in every database (no Msg 208): its rows are that database's objects.
      throw new LegacyError('LEGACY_UNKNOWN_TABLE', `catalog view ${written} is not emulated: its rows describe the database the procedure runs in, which a capture does not have`, {
        hint: 'list the objects the loop needs in a table of their own (its CREATE TABLE in procedures/ and its rows as a CSV) and read that instead, or capture from SQL Server (--engine mssql)',
      });
    }
    throw new LegacyError('LEGACY_UNKNOWN_TABLE', `Invalid object name '${written}': the emulator has no such table`, {
      hint: otherDatabase
        ? `a table of another database: add a script to procedures/ that creates it under the name the procedure uses (CREATE TABLE ${splitObjectName(written).map((p) => p || 'dbo').map((p) => (/^[A-Za-z_][\w]*$/.test(p) ? p : `[${p.replace(/]/g, ']]')}]`)).join('.')} (…)), and its rows as ${splitObjectName(written).map((p) => p || 'dbo').join('.')}.csv`
        : 'no CREATE TABLE of that name in the table scripts (--tables) nor earlier in the procedure (#temp tables); a view or synonym of that name needs its script too',
    });
  }
  return info;
}

/** The key of `state.tables` a table name as written resolves to in the current frame. */
export function tableKeyOf(state: SqlTranslator['state'], written: string): string {
  return written.startsWith('@') ? tableKey(written, state.frames.length) : isTempName(written) ? written.toLowerCase() : normalizeObjectName(written);
}
