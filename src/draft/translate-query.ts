import { baseName, findAll, isAggregateCall, isTempName, normalizeObjectName, type Node, type Cte, type Exists, type Expression, type FunctionCall, type In, type Join, type QueryExpression, type QuerySpec, type Select, type Subquery, type TableSource } from '../tsql';
import { columnRead, isRefusal, translated, type DraftColumn, type Refusal, type Translated } from './draft-model';
import { DraftScope, freshName, locatedStop, refuseAt, type DraftContext, type SourceBinding, type TableState } from './draft-scope';
import { toCommonType } from './convert-value';
import { collationKey, equatedTextStop, quoteName } from './sql-text';
import { BIT, CARRIED_REASON, formatSqlType, isCarriedAsText, widerInt, type SqlType } from './sql-types';
import { translateExpression } from './translate-expression';
import { translateOrderItems } from './translate-window';
import { translateTopOrdered } from './translate-top';
import { isOrderedTopQuery, translateOrderedTopCte } from './cte-top';
import { isXmlPathConcat, translateXmlPathConcat } from './translate-xml-path';
import { translateRecursiveCte } from './recursive-cte';
import { withComputedColumns } from './computed-columns';
import { collatedDistinct } from './translate-distinct';
import { havingWithGrandTotalStop, translateGroupBy } from './translate-grouping';
import { translatePivoting } from './translate-pivot';
import { isStringSplit, translateStringSplit } from './string-split';
import { translateValuesTable } from './values-table';
import { translateInlineFunction } from './inline-functions';
import { temporalRelation } from './temporal-reads';

/*
 * SELECT -> DuckDB SELECT: FROM sources resolved to the section's inputs and the CTEs of
 * earlier statements, GROUP BY of text by its collation key, SQL Server's NULL ordering.
 */

/** A translated query: SQL text, its columns (names and T-SQL types), and ORDER BY if any. */
export interface TranslatedQuery {
  readonly kind: 'query';
  readonly sql: string;
  readonly columns: readonly DraftColumn[];
  readonly orderBy: string | undefined;
}

/** The key a statement's CTE is tracked under (never a table's key). */
export function cteKey(name: string): string {
  return `cte:${name.toLowerCase()}`;
}

/** The state a table reference reads: a CTE of the statement for a one-part name, else the table. */
export function lookupTable(ctx: DraftContext, src: Extract<TableSource, { kind: 'TableRef' }> | Extract<TableSource, { kind: 'TableVariableRef' }>): { key: string; state: TableState | undefined } {
  if (src.kind === 'TableRef' && src.name.parts.length === 1) {
    const cte = ctx.tables.get(cteKey(src.name.parts[0]?.name ?? ''));
    if (cte) return { key: cteKey(src.name.parts[0]?.name ?? ''), state: cte };
  }
  const key = tableKeyOf(src);
  return { key, state: ctx.tables.get(key) };
}

/** The lookup key of a table as the draft tracks it: `#x`, `@t`, `dbo.t` (lower case). */
export function tableKeyOf(source: Extract<TableSource, { kind: 'TableRef' }> | Extract<TableSource, { kind: 'TableVariableRef' }>): string {
  if (source.kind === 'TableVariableRef') return source.variable.name.toLowerCase();
  return isTempName(source.name) ? baseName(source.name).toLowerCase() : normalizeObjectName(source.name);
}

/**
 * Translates a query (its INTO is the caller's business) in `scope`; the query's own level
 * sees `scope` as its outer level only when `correlated` (subqueries).
 */
export function translateSelect(select: Select, scope: DraftScope, correlated = false): TranslatedQuery | Refusal {
  if (select.ctes.length > 0) {
    return withStatementCtes(select.ctes, scope.ctx, () => translateSelect({ ...select, ctes: [] }, scope, correlated), select.option);
  }
  // named by its mode alone: `FOR JSON PATH, ROOT('x')` is `FOR JSON PATH`, not `FOR JSON PATH,`
  if (select.forClause) return refuseAt(scope.ctx, select.span, (select.forClause.split(',')[0] ?? '').trim().split(/\s+/).slice(0, 3).join(' '), 'FOR XML/JSON builds text by rules the draft does not reproduce');
  if (select.offset || select.fetch) return refuseAt(scope.ctx, select.span, 'OFFSET/FETCH', 'not translated');
  // A subquery's TOP … ORDER BY picks rows by that order (ties checked); elsewhere TOP is refused below.
  if (correlated && select.body.kind === 'QuerySpec' && select.body.top && select.orderBy.length > 0) return translateTopOrdered(select, scope, translateSelect);
  const body = translateBody(select.body, scope, correlated);
  if (isRefusal(body)) return body;
  let orderBy: string | undefined;
  if (select.orderBy.length > 0) {
    const levelScope = body.scope;
    const o = translateOrderItems(select.orderBy, levelScope, translateExpression);
    if (isRefusal(o)) return o;
    orderBy = o;
  }
  return { kind: 'query', sql: body.sql, columns: body.columns, orderBy };
}

interface Body { readonly sql: string; readonly columns: readonly DraftColumn[]; readonly scope: DraftScope }

function translateBody(body: QueryExpression, scope: DraftScope, correlated: boolean): Body | Refusal {
  if (body.kind === 'Select') {
    const q = translateSelect(body, scope, correlated);
    if (isRefusal(q)) return q;
    return { sql: q.sql, columns: q.columns, scope };
  }
  if (body.kind === 'SetOperation') {
    const l = translateBody(body.left, scope, correlated);
    if (isRefusal(l)) return l;
    const r = translateBody(body.right, scope, correlated);
    if (isRefusal(r)) return r;
    if (l.columns.length !== r.columns.length) return refuseAt(scope.ctx, body.span, body.operator, 'the two sides have different numbers of columns');
    const columns: DraftColumn[] = [];
    let widened = false;
    let [leftSql, rightSql] = [l.sql, r.sql];
    for (let i = 0; i < l.columns.length; i += 1) {
      const lc = l.columns[i] as DraftColumn;
      const rc = r.columns[i] as DraftColumn;
      const common = commonDecimal(lc.type, rc.type);
      if (common !== undefined) {
        widened ||= JSON.stringify(lc.type) !== JSON.stringify(common) || JSON.stringify(rc.type) !== JSON.stringify(common);
        columns.push({ name: lc.name, type: common });
        continue;
      }
      // an undeclared input column (text that may be nvarchar) is the same type to SQL Server; the
      // union's column stays marked so HASHBYTES still refuses it
      const declared = (t: SqlType): string => JSON.stringify(t.family === 'string' ? { ...t, undeclared: undefined } : t);
      const text = commonVarchar(lc.type, rc.type);
      if (text !== undefined) {
        columns.push({ ...lc, type: text });
        continue;
      }
      // integers of two widths (an int key beside a bigint one): the wider, as SQL Server's
      // precedence gives it; every value is the same in both
      if (lc.type.family === 'int' && rc.type.family === 'int') {
        columns.push({ name: lc.name, type: widerInt(lc.type, rc.type) });
        continue;
      }
      if (lc.type.family !== rc.type.family || declared(lc.type) !== declared(rc.type)) {
        return refuseAt(scope.ctx, body.span, body.operator, `column ${i + 1} (${lc.name}) is ${formatSqlType(lc.type)} on one side and ${formatSqlType(rc.type)} on the other; SQL Server converts it implicitly, in a way not reproduced: CAST one side`);
      }
      columns.push(rc.type.family === 'string' && rc.type.undeclared ? { ...lc, type: rc.type } : lc);
    }
    if (widened) {
      // Both sides converted to the common decimal: a wider scale and as many integral digits, so
      // no value changes; DuckDB would otherwise pick its own common type.
      const side = (sql: string): string => {
        const alias = freshName(scope.ctx, 'side');
        const list = columns.map((_, i) => `c${i + 1}`).join(', ');
        const items = columns.map((c, i) => (c.type.family === 'decimal' ? `CAST(${alias}.c${i + 1} AS DECIMAL(${c.type.precision},${c.type.scale}))` : `${alias}.c${i + 1}`) + ` AS ${quoteName(c.name)}`);
        return `SELECT ${items.join(', ')} FROM (${sql}) AS ${alias}(${list})`;
      };
      leftSql = side(leftSql);
      rightSql = side(rightSql);
    }
    const op = body.operator === 'UNION ALL' ? 'UNION ALL' : body.operator;
    const carried = body.operator === 'UNION ALL' ? undefined : columns.find((c) => isCarriedAsText(c.type));
    if (carried !== undefined) return refuseAt(scope.ctx, body.span, `${body.operator} of a ${formatSqlType(carried.type)} column ${carried.name}`, CARRIED_REASON);
    // UNION, INTERSECT and EXCEPT over text compare rows as the collation compares them (translate-distinct.ts).
    if (body.operator !== 'UNION ALL' && columns.some((c) => c.type.family === 'string')) {
      const sql = body.operator === 'UNION'
        ? collatedDistinct(scope.ctx, body.span, `${leftSql}\nUNION ALL\n${rightSql}`, columns, 'UNION')
        : collatedDistinct(scope.ctx, body.span, leftSql, columns, body.operator, { operator: body.operator as 'INTERSECT' | 'EXCEPT', sql: rightSql });
      return { sql, columns, scope: l.scope };
    }
    return { sql: `${leftSql}\n${op}\n${rightSql}`, columns, scope: l.scope };
  }
  return translateSpec(body, scope, correlated);
}

/**
 * The type SQL Server gives a UNION's column of two decimals (not money): scale max(s1, s2),
 * precision that plus max(p1 - s1, p2 - s2). Undefined when not two decimals, when equal, or past
 * 38 digits (SQL Server then cuts the scale, which could round a value).
 */
function commonDecimal(a: DraftColumn['type'], b: DraftColumn['type']): DraftColumn['type'] | undefined {
  if (a.family !== 'decimal' || b.family !== 'decimal' || a.money !== undefined || b.money !== undefined) return undefined;
  if (a.precision === b.precision && a.scale === b.scale) return undefined;
  const scale = Math.max(a.scale, b.scale);
  const precision = scale + Math.max(a.precision - a.scale, b.precision - b.scale);
  return precision > 38 ? undefined : { family: 'decimal', precision, scale };
}

/**
 * The type of a UNION's column of two varchar (or two nvarchar) of different lengths
 * (`'SALARY' … UNION ALL … 'COMMISSION'`): the longer, which holds either side's value as it is.
 * Undefined otherwise: char(n) pads, varchar with nvarchar converts, a COLLATE compares otherwise.
 */
function commonVarchar(a: DraftColumn['type'], b: DraftColumn['type']): DraftColumn['type'] | undefined {
  if (a.family !== 'string' || b.family !== 'string' || a.unicode !== b.unicode || a.length === b.length) return undefined;
  if (a.padded === true || b.padded === true || a.collation !== undefined || b.collation !== undefined) return undefined;
  const undeclared = a.undeclared === true || b.undeclared === true ? { undeclared: true as const } : {};
  return { family: 'string', unicode: a.unicode, length: a.length === undefined || b.length === undefined ? undefined : Math.max(a.length, b.length), ...undeclared };
}

function containsAggregate(e: Expression): boolean {
  let found = false;
  const visit = (x: unknown): void => {
    if (found || x === null || typeof x !== 'object') return;
    const n = x as { kind?: string; over?: unknown; name?: { parts?: { name: string }[] } };
    if (n.kind === 'Subquery' || n.kind === 'Exists') return;
    if (n.kind === 'FunctionCall' && isAggregateCall(x as FunctionCall)) { found = true; return; }
    for (const v of Object.values(x)) if (v && typeof v === 'object' && v !== (x as { span?: unknown }).span) visit(v);
  };
  visit(e);
  return found;
}

function translateSpec(spec: QuerySpec, scope: DraftScope, correlated: boolean): Body | Refusal {
  const ctx = scope.ctx;
  const sources: SourceBinding[] = [];
  const fromParts: string[] = [];
  const level = (): DraftScope => (correlated ? scope.child(sources) : new DraftScope(ctx, sources, undefined));
  for (const src of spec.from) {
    const t = translateSource(src, level, sources);
    if (isRefusal(t)) return t;
    fromParts.push(t);
  }
  let q = level();
  const where = spec.where ? translateExpression(spec.where, q) : undefined;
  if (where && isRefusal(where)) return where;
  const aggregate = spec.groupBy !== undefined || spec.items.some((i) => i.kind === 'SelectItem' && containsAggregate(i.expression)) || spec.having !== undefined;
  const groupSql: string[] = [];
  const stringKeys = new Set<string>();
  if (spec.groupBy) {
    // Plain keys, ROLLUP / CUBE / GROUPING SETS and WITH ROLLUP|CUBE (translate-grouping.ts).
    const g = translateGroupBy(spec.groupBy, q, translateExpression);
    if (isRefusal(g)) return g;
    groupSql.push(...g.sql);
    q = q.withGrouping(g.grouping);
  } else if (aggregate) {
    q = q.withGrouping({ stringKeys });
  }
  const items: string[] = [];
  const columns: DraftColumn[] = [];
  for (const item of spec.items) {
    if (item.kind === 'SelectAssignment') return refuseAt(ctx, item.span, 'SELECT @variable = …', 'variable assignment inside a query that also returns rows');
    if (item.expression.kind === 'Star') {
      const qual = item.expression.qualifier.map((p) => p.name.toLowerCase());
      const picked = sources.filter((s) => qual.length === 0 || s.alias.toLowerCase() === qual[qual.length - 1]);
      if (picked.length === 0) return refuseAt(ctx, item.span, '*', 'no source of this query matches');
      for (const s of picked) for (const c of s.columns) {
        if (c.refused) return c.refused;
        const read = `${quoteName(s.sqlAlias)}.${quoteName(c.name)}`;
        items.push(c.unordered === undefined ? read : `${columnRead(c, read)} AS ${quoteName(c.name)}`);
        columns.push(c);
      }
      continue;
    }
    const v = translateExpression(item.expression, q);
    if (isRefusal(v)) return v;
    const name = item.alias?.name ?? (item.expression.kind === 'ColumnRef' ? (item.expression.parts[item.expression.parts.length - 1]?.name ?? '') : `col${columns.length + 1}`);
    items.push(`${v.sql} AS ${quoteName(name)}`);
    columns.push({ name, type: v.type });
  }
  let havingSql: string | undefined;
  if (spec.having) {
    const h = translateExpression(spec.having, q);
    if (isRefusal(h)) return h;
    havingSql = h.sql;
  }
  const guarded = havingWithGrandTotalStop(spec.groupBy, q, havingSql);
  const having = guarded === undefined ? '' : `\nHAVING ${guarded}`;
  if (spec.top) {
    return refuseAt(ctx, spec.top.span, 'TOP', 'TOP picks rows by an order the draft does not reproduce exactly (ties, text order)');
  }
  const carried = spec.distinct ? columns.find((c) => isCarriedAsText(c.type)) : undefined;
  if (carried !== undefined) return refuseAt(ctx, spec.span, `SELECT DISTINCT of a ${formatSqlType(carried.type)} column ${carried.name}`, CARRIED_REASON);
  // DISTINCT over text removes duplicates as the collation compares them (translate-distinct.ts).
  const collated = spec.distinct && columns.some((c) => c.type.family === 'string');
  const sql = `SELECT ${spec.distinct && !collated ? 'DISTINCT ' : ''}${items.join(',\n       ')}${fromParts.length > 0 ? `\nFROM ${fromParts.join(', ')}` : ''}${where ? `\nWHERE ${where.sql}` : ''}${groupSql.length > 0 ? `\nGROUP BY ${groupSql.join(', ')}` : ''}${having}`;
  return { sql: collated ? collatedDistinct(ctx, spec.span, sql, columns) : sql, columns, scope: q };
}

/**
 * An outer join whose ON holds a subquery, which DuckDB cannot plan ("Cannot perform non-inner
 * join on subquery"), or reads a loop's variable bound to the iteration's row ("Non-inner join on
 * correlated columns not supported": `LEFT JOIN #Stay s ON … s.[End] > @Day` inside a WHILE over
 * days). A LEFT JOIN's ON only picks the right rows each left row pairs with, so it
 * is a LATERAL of the right rows that ON keeps, joined ON true (a left row none matches keeps its
 * NULLs); RIGHT and FULL joins, and a right side that is itself a join, have no such rewrite.
 */
function outerJoinOnSubquery(src: Join, l: string, r: string, on: string, sources: SourceBinding[], ctx: DraftContext, what: string): string | Refusal {
  const single = src.right.kind === 'TableRef' || src.right.kind === 'TableVariableRef' || src.right.kind === 'DerivedTable';
  const alias = sources[sources.length - 1]?.sqlAlias;
  if (src.joinType !== 'LEFT' || !single || alias === undefined) {
    return refuseAt(ctx, src.on?.span ?? src.span, `${what} in the ON of a ${src.joinType} JOIN`, src.joinType === 'LEFT' ? 'only a LEFT JOIN to one table or derived table is rewritten' : 'only a LEFT JOIN\'s is rewritten (DuckDB cannot run it as written)');
  }
  return `${l}\nLEFT JOIN LATERAL (SELECT * FROM ${r} WHERE ${on}) ${quoteName(alias)} ON true`;
}

/** One FROM item: binds its sources into `sources` and returns its SQL. */
export function translateSource(src: TableSource, level: () => DraftScope, sources: SourceBinding[]): string | Refusal {
  const ctx = level().ctx;
  switch (src.kind) {
    case 'TableRef': case 'TableVariableRef': {
      const { key, state } = lookupTable(ctx, src);
      const written = src.kind === 'TableRef' ? src.name.parts.map((p) => p.name).join('.') : src.variable.name;
      if (!state) return (src.kind === 'TableRef' ? temporalRead(ctx, src) : undefined) ?? refuseAt(ctx, src.span, `table ${written}`, 'it is neither an input of the section (Given) nor built by an earlier statement of it');
      const computed = ctx.computed?.get(key);
      let read = computed ? withComputedColumns(ctx, key, state, computed, true) : state;
      if (read.refused) return read.refused;
      // FOR SYSTEM_TIME: the rows of the table and its history table valid then (temporal-reads.ts)
      const temporal = src.kind === 'TableRef' ? temporalRelation(level(), src, key, read, ctx.temporal) : undefined;
      if (isRefusal(temporal)) return temporal;
      if (temporal !== undefined) {
        ctx.systemTimeDrafted?.add(src);
        read = { ...read, relation: temporal };
      }
      const alias = src.alias?.name ?? (src.kind === 'TableRef' ? baseName(src.name) : src.variable.name);
      const sqlAlias = /^[A-Za-z_][A-Za-z0-9_]*$/.test(alias) ? alias : freshName(ctx, alias);
      sources.push({ alias, tableKey: key, aliased: src.alias !== undefined, sqlAlias, columns: read.columns });
      return `${read.relation} ${quoteName(sqlAlias)}`;
    }
    case 'DerivedTable': {
      // Inside a correlated subquery a derived table reads the outer query's columns, as SQL
      // Server resolves them (`(SELECT STRING_AGG(…) FROM (SELECT DISTINCT … WHERE s.Id = c.Id) x)`);
      // it never sees the FROM items beside it.
      const outer = level().outer;
      const q = outer === undefined ? translateSelect(src.query, level()) : translateSelect(src.query, outer, true);
      if (isRefusal(q)) return q;
      const alias = src.alias?.name ?? freshName(ctx, 'derived');
      const cols = src.columns.length > 0 ? q.columns.map((c, i) => ({ name: src.columns[i]?.name ?? c.name, type: c.type })) : q.columns;
      const sqlAlias = /^[A-Za-z_][A-Za-z0-9_]*$/.test(alias) ? alias : freshName(ctx, alias);
      sources.push({ alias, tableKey: undefined, sqlAlias, columns: cols });
      return `(${q.sql}) ${quoteName(sqlAlias)}${src.columns.length > 0 ? `(${cols.map((c) => quoteName(c.name)).join(', ')})` : ''}`;
    }
    case 'Join': {
      if (src.joinType === 'CROSS APPLY' || src.joinType === 'OUTER APPLY') return translateApply(src, level, sources);
      const l = translateSource(src.left, level, sources);
      if (isRefusal(l)) return l;
      const r = translateSource(src.right, level, sources);
      if (isRefusal(r)) return r;
      if (src.joinType === 'CROSS') return `${l}\nCROSS JOIN ${r}`;
      const on = (src as { on?: Expression }).on;
      if (!on) return refuseAt(ctx, src.span, `${src.joinType} JOIN`, 'a join without ON');
      const c = translateExpression(on, level());
      if (isRefusal(c)) return c;
      const rowBound = findAll(on, 'Variable').find((v) => ctx.correlated?.has(v.name.toLowerCase()) === true);
      if (src.joinType !== 'INNER' && findAll(on, 'Select').length > 0) return outerJoinOnSubquery(src, l, r, c.sql, sources, ctx, 'a subquery');
      if (src.joinType !== 'INNER' && rowBound !== undefined) return outerJoinOnSubquery(src, l, r, c.sql, sources, ctx, `${rowBound.name}, a loop variable,`);
      return `${l}\n${src.joinType} JOIN ${r} ON ${c.sql}`;
    }
    case 'TableFunctionRef': {
      if (isStringSplit(src)) {
        const split = translateStringSplit(src, level(), sources);
        return isRefusal(split) ? split : split.relation;
      }
      const inline = translateInlineFunction(src, level(), sources, translateSelect);
      if (inline !== undefined) return inline;
      const called = src.call.kind === 'FunctionCall' ? src.call.name.parts.map((p) => p.name).join('.') : 'a method';
      return refuseAt(ctx, src.span, `FROM ${called}(…)`, 'rows of a table-valued function are not translated: inline its query into the transform');
    }
    case 'Pivot': case 'Unpivot':
      return translatePivoting(src, level, sources, translateSource);
    case 'ValuesTable':
      return translateValuesTable(src, level(), sources);
    default:
      return refuseAt(ctx, src.span, ROW_SOURCE_NAMES[src.kind] ?? src.kind, 'this kind of row source is not translated');
  }
}

/** Row sources as people write them, for refusals (the AST's kind names are ours). */
const ROW_SOURCE_NAMES: Partial<Record<string, string>> = {
  DmlTable: 'rows of a nested INSERT/UPDATE/DELETE … OUTPUT',
};

/**
 * `t FOR SYSTEM_TIME …` reads t's rows as they were at other times: the current rows and those
 * of its history table, by the period columns. Where no query of the draft read it so
 * (temporal-reads.ts: a loop a rewriter drafts, a table the section does not know) it would read
 * the current rows only, silently, so it refuses naming where.
 */
export function temporalRead(ctx: DraftContext, ref: Extract<TableSource, { kind: 'TableRef' }>): Refusal | undefined {
  const hint = ref.hints.find((h) => /^FOR\s+SYSTEM_TIME\b/i.test(h));
  if (hint === undefined) return undefined;
  const written = ref.name.parts.map((p) => p.name).join('.');
  return refuseAt(ctx, ref.span, `${written} ${hint.replace(/\s+/g, ' ')}`, 'a temporal query reads the rows valid at other times from the table and its history table; the draft translates it only in a query over both as inputs of the section, not here');
}

/** The first `FOR SYSTEM_TIME` read anywhere in `node` (a statement, a loop) that no query of the draft read as such, as a refusal. */
export function firstTemporalRead(ctx: DraftContext, node: Node): Refusal | undefined {
  for (const ref of findAll(node, 'TableRef')) {
    if (ctx.systemTimeDrafted?.has(ref) === true) continue;
    const r = temporalRead(ctx, ref);
    if (r) return r;
  }
  return undefined;
}

/**
 * `CROSS APPLY (SELECT …) a` / `OUTER APPLY (SELECT …) a`: the derived table runs once per row of
 * what is left of it, reading that row's columns (a LATERAL join; OUTER keeps the rows it gives
 * nothing, with NULLs). Its `TOP (n) … ORDER BY` picks by that order, a tie across the n-th place
 * stopping the query, as in a subquery. APPLY of a table-valued function is not translated.
 */
function translateApply(src: Extract<TableSource, { kind: 'Join' }>, level: () => DraftScope, sources: SourceBinding[]): string | Refusal {
  const ctx = level().ctx;
  const l = translateSource(src.left, level, sources);
  if (isRefusal(l)) return l;
  const right = src.right;
  // APPLY STRING_SPLIT(t.Tags, ',') splits each row's own text
  if (right.kind === 'TableFunctionRef' && isStringSplit(right)) {
    const split = translateStringSplit(right, level(), sources);
    if (isRefusal(split)) return split;
    return src.joinType === 'CROSS APPLY' ? `${l}\nCROSS JOIN LATERAL ${split.relation}` : `${l}\nLEFT JOIN LATERAL ${split.relation} ON true`;
  }
  if (right.kind === 'ValuesTable') {
    const values = translateValuesTable(right, level(), sources, true);
    if (isRefusal(values)) return values;
    return src.joinType === 'CROSS APPLY' ? `${l}\nCROSS JOIN ${values}` : `${l}\nLEFT JOIN ${values} ON true`;
  }
  if (right.kind !== 'DerivedTable') return refuseAt(ctx, right.span, src.joinType, 'only APPLY of a derived table (SELECT …) or of VALUES is translated');
  const q = translateSelect(right.query, level(), true);
  if (isRefusal(q)) return q;
  const alias = right.alias?.name ?? freshName(ctx, 'applied');
  const cols = right.columns.length > 0 ? q.columns.map((c, i) => ({ name: right.columns[i]?.name ?? c.name, type: c.type })) : q.columns;
  const sqlAlias = /^[A-Za-z_][A-Za-z0-9_]*$/.test(alias) ? alias : freshName(ctx, alias);
  sources.push({ alias, tableKey: undefined, sqlAlias, columns: cols });
  const relation = `LATERAL (${q.sql}) ${quoteName(sqlAlias)}(${cols.map((c) => quoteName(c.name)).join(', ')})`;
  return src.joinType === 'CROSS APPLY' ? `${l}\nCROSS JOIN ${relation}` : `${l}\nLEFT JOIN ${relation} ON true`;
}

/**
 * Runs `fn` with a statement's CTEs (`WITH a AS (…), b AS (…)`) visible as tables: each becomes a
 * CTE of the draft, and the names they shadow come back afterwards. A recursive CTE becomes WITH
 * RECURSIVE (recursive-cte.ts), limited by the statement's OPTION (MAXRECURSION n).
 */
export function withStatementCtes<T>(ctes: readonly Cte[], ctx: DraftContext, fn: () => T | Refusal, option?: string): T | Refusal {
  const first = ctes[0];
  if (!first) return fn();
  const saved = new Map<string, TableState | undefined>();
  try {
    for (const cte of ctes) {
      const key = cteKey(cte.name.name);
      if (findAll(cte.query, 'TableRef').some((t) => t.name.parts.length === 1 && t.name.parts[0]?.name.toLowerCase() === cte.name.name.toLowerCase())) {
        // A recursive CTE (recursive-cte.ts): its own relation, its columns without the level.
        const r = translateRecursiveCte(cte, key, option, ctx, (select, scope) => translateSelect(select, scope));
        if (isRefusal(r)) return r;
        if (!saved.has(key)) saved.set(key, ctx.tables.get(key));
        ctx.tables.set(key, { displayName: cte.name.name, relation: r.relation, columns: r.columns, cte: true });
        continue;
      }
      const q = isOrderedTopQuery(cte.query) ? translateOrderedTopCte(cte.query, new DraftScope(ctx), translateSelect) : translateSelect(cte.query, new DraftScope(ctx));
      if (isRefusal(q)) return q;
      const columns = cte.columns.length > 0 ? q.columns.map((c, i) => ({ name: cte.columns[i]?.name ?? c.name, type: c.type })) : q.columns;
      const name = freshName(ctx, cte.name.name);
      ctx.ctes.push({ name, sql: cte.columns.length > 0 ? `SELECT * FROM (${q.sql}) q(${columns.map((c) => quoteName(c.name)).join(', ')})` : q.sql });
      // A CTE is referenced by a one-part name only (`dbo.x` is always the table).
      if (!saved.has(key)) saved.set(key, ctx.tables.get(key));
      ctx.tables.set(key, { displayName: cte.name.name, relation: name, columns, cte: true });
    }
    return fn();
  } finally {
    for (const [key, old] of saved) { if (old) ctx.tables.set(key, old); else ctx.tables.delete(key); }
  }
}

/** A scalar subquery `(SELECT x …)`: one column, used as a value. */
export function translateScalarSubquery(e: Subquery, scope: DraftScope): Translated | Refusal {
  if (isXmlPathConcat(e.query)) return translateXmlPathConcat(e, scope, translateSelect);
  const q = translateSelect(e.query, scope, true);
  if (isRefusal(q)) return q;
  const col = q.columns[0];
  if (q.columns.length !== 1 || !col) return refuseAt(scope.ctx, e.span, 'subquery', 'a scalar subquery must return one column');
  return translated(`(${q.sql})`, col.type);
}

/** EXISTS (…) and x [NOT] IN (SELECT …), text compared case-insensitively. */
export function translateSubqueryPredicate(e: Exists | In, scope: DraftScope): Translated | Refusal {
  const written = e.kind === 'Exists' ? e.query : (e.query as Select);
  // DISTINCT changes neither what EXISTS nor what IN finds (without TOP): dropped, so text spelled
  // two ways does not stop the query for a spelling nobody reads (translate-distinct.ts).
  const body = written.body;
  const query = body.kind === 'QuerySpec' && body.distinct && !body.top ? { ...written, body: { ...body, distinct: false } } : written;
  const q = translateSelect(query, scope, true);
  if (isRefusal(q)) return q;
  if (e.kind === 'Exists') return translated(`(EXISTS (${q.sql}))`, BIT);
  const col = q.columns[0];
  if (q.columns.length !== 1 || !col) return refuseAt(scope.ctx, e.span, 'IN (subquery)', 'the subquery must return one column');
  const x = translateExpression(e.expression, scope);
  if (isRefusal(x)) return x;
  const common = toCommonType([x, translated('q.c', col.type)], scope, e);
  if (isRefusal(common)) return common;
  const [lhs, rhs] = common.values as [Translated, Translated];
  const text = common.type.family === 'string';
  const stop = locatedStop(scope.ctx, e.span, equatedTextStop('IN (subquery)'));
  return translated(`(${text ? collationKey(lhs.sql, stop) : lhs.sql} ${e.not ? 'NOT ' : ''}IN (SELECT ${text ? collationKey(rhs.sql, stop) : rhs.sql} FROM (${q.sql}) q(c)))`, BIT);
}
