import { walk, type Expression, type QuerySpec } from '../../tsql';
import { groupKeySql, type SqlFragment, type SqlTranslator } from './expressions';
import { AGGREGATE_NAMES } from './functions';
import { refuseOpaqueKey } from './opaque-values';
import type { SqlScope } from './sql-scope';
import { isHiddenColumn } from './tables/temporal';

/**
 * The GROUP BY list of a query spec, grouping text as SQL Server's collation compares it. DuckDB
 * groups by its nocase collation but keeps trailing blanks, so 'a' and 'a ' (a char column's
 * padded value against a varchar's, an export's stray blank) were two groups, two DISTINCT rows,
 * with counts SQL Server never gives. A text column is grouped by its value without trailing
 * blanks, and read elsewhere in the query (select list, HAVING, ORDER BY, correlated subqueries)
 * as the group's value, any_value(): SQL Server too returns one of the group's spellings, which
 * one depending on the plan. Computed text in GROUP BY, and SELECT DISTINCT (no GROUP BY) over
 * columns and expressions of them, group the same way; `grouped` lists the text expressions
 * registered (SqlTranslator.groupedTextSql), for the caller to forget once the query is read.
 * Under ROLLUP, CUBE and WITH ROLLUP/CUBE text columns are grouped so too (computed text there
 * is not). `grouping` is undefined when there is nothing to group by; GROUP BY or DISTINCT over
 * expressions with subqueries keep DuckDB's grouping (variables are bound once per value while
 * such a query is translated, translateQuerySpec).
 */
export function textGrouping(t: SqlTranslator, spec: QuerySpec, scope: SqlScope): { grouping: string | undefined; grouped: string[] } {
  const groupBy = spec.groupBy;
  const grouped: string[] = [];
  if (groupBy !== undefined) {
    if (groupBy.all) throw t.state.unsupported(groupBy, 'GROUP BY ALL');
    // A `SELECT *` left here reads no text column (starsAsColumns spells out the others): it
    // keeps DuckDB's grouping, exact for such columns. Under ROLLUP, CUBE or WITH ROLLUP/CUBE a
    // text column is grouped the same way, and read as NULL in the rows that roll it up.
    const star = spec.items.some((item) => item.kind === 'SelectItem' && item.expression.kind === 'Star');
    const rolled = groupBy.withOption !== undefined || groupBy.items.some((g) => g.kind === 'GroupingSpec');
    // Computed text (`LEFT(Code, 3)`, `UPPER(Region)`) is grouped by its value without trailing
    // blanks too, when a second translation of it gives the same SQL (plainExpression); it is
    // registered once every item is translated, so no group key reads another as any_value().
    const computed: string[] = [];
    // A column named in several grouping sets keeps the key of its first: once registered, a
    // second translation would read it as the group's value.
    const columnKeys = new Map<unknown, string>();
    const groupItem = (g: (typeof groupBy.items)[number]): string => {
      if (g.kind === 'GroupingSpec') return `${g.type}(${g.items.map(groupItem).join(', ')})`;
      // A set of GROUPING SETS, `(Region, Shop)`, or the grand total `()`.
      if (g.kind === 'ExpressionList') return `(${g.items.map(groupItem).join(', ')})`;
      const column = g.kind === 'ColumnRef' ? scope.lookupRef(g.parts) : undefined;
      const known = column === undefined ? undefined : columnKeys.get(column);
      if (known !== undefined) return known;
      const key = groupKeyOf(g);
      if (column !== undefined) columnKeys.set(column, key);
      return key;
    };
    const groupKeyOf = (g: Exclude<(typeof groupBy.items)[number], { kind: 'GroupingSpec' | 'ExpressionList' }>): string => {
      const x = t.expr(g, scope);
      refuseOpaqueKey(t, g, x, 'GROUP BY');
      if (star) return x.sql;
      if (rolled) return groupedText(t, g, x, scope, true);
      if (g.kind === 'ColumnRef' || x.family !== 'string' || !plainExpression(t, g)) return groupedText(t, g, x, scope);
      computed.push(x.sql);
      return groupKeySql(x);
    };
    const list = groupBy.items.map(groupItem).join(', ');
    for (const sql of computed) groupTextSql(t, sql, grouped);
    return { grouping: groupBy.withOption === undefined ? list : `${groupBy.withOption}(${list})`, grouped };
  }
  // DISTINCT over columns and over expressions of them: an expression is translated twice (key
  // and select item), which gives the same SQL unless it binds a parameter (a variable), reads
  // a subquery, or aggregates; those keep DuckDB's DISTINCT. An item that reads no column (a
  // variable, a literal: `SELECT DISTINCT @RunId, Code`) is one value for the whole query: it
  // is no key, and is read once, as the select item.
  if (!spec.distinct) return { grouping: undefined, grouped };
  const items: (Expression | undefined)[] = spec.items.map((item) => (item.kind === 'SelectItem' && item.expression.kind !== 'Star' ? item.expression as Expression : undefined));
  const exprs = items.filter((e): e is Expression => e !== undefined && !constantExpression(e));
  if (items.some((e) => e === undefined) || exprs.length === 0 || !exprs.every((e) => plainExpression(t, e))) return { grouping: undefined, grouped };
  const fragments = exprs.map((e) => t.expr(e, scope));
  if (!fragments.some((x) => x.family === 'string')) return { grouping: undefined, grouped };
  const grouping = exprs.map((e, i) => {
    const x = fragments[i] as SqlFragment;
    if (x.family !== 'string' || e.kind === 'ColumnRef') return groupedText(t, e, x, scope);
    groupTextSql(t, x.sql, grouped);
    return groupKeySql(x);
  }).join(', ');
  return { grouping, grouped };
}

/**
 * `SELECT DISTINCT *` (or `t.*`) and `SELECT * … GROUP BY` over text columns, spelled out as
 * their columns: the de-duplication idiom must group 'a' and 'a ' as SQL Server does, which
 * needs each text column by its group key and read as the group's value (textGrouping), where
 * a `*` would be DuckDB's own DISTINCT or grouping.
 */
export function starsAsColumns(spec: QuerySpec, scope: SqlScope): QuerySpec {
  if (!spec.distinct && spec.groupBy === undefined) return spec;
  const stars = spec.items.filter((i) => i.kind === 'SelectItem' && i.expression.kind === 'Star');
  if (stars.length === 0) return spec;
  const expand = (item: QuerySpec['items'][number]): QuerySpec['items'] => {
    if (item.kind !== 'SelectItem' || item.expression.kind !== 'Star') return [item];
    const q = item.expression.qualifier;
    const span = item.span;
    return scope.starColumns(q.length === 0 ? undefined : q[q.length - 1]?.name).filter((c) => !isHiddenColumn(c.column)).map(({ alias, column }) => ({
      kind: 'SelectItem' as const, alias: undefined, aliasStyle: 'none' as const, span,
      expression: { kind: 'ColumnRef' as const, parts: [{ kind: 'Identifier' as const, name: alias, quote: 'bracket' as const, span }, { kind: 'Identifier' as const, name: column.name, quote: 'bracket' as const, span }], span },
    }));
  };
  const columns = stars.flatMap(expand);
  if (!columns.some((c) => c.kind === 'SelectItem' && c.expression.kind === 'ColumnRef' && scope.lookupRef(c.expression.parts)?.family === 'string')) return spec;
  return { ...spec, items: spec.items.flatMap(expand) };
}

/** Registers a text expression the query groups (read as any_value(), SqlTranslator.expr), once, listing it in `grouped` for release. */
function groupTextSql(t: SqlTranslator, sql: string, grouped: string[]): void {
  if (t.groupedTextSql.has(sql)) return;
  t.groupedTextSql.add(sql);
  grouped.push(sql);
}

/** Whether two translations of an expression give the same SQL: only columns, constants and (their values bound to shared parameters, see SqlTranslator.sharingBoundValues) variables; no subquery, aggregate, window or system variable. */
function plainExpression(t: SqlTranslator, e: Expression): boolean {
  return holdsNone(e, t.bindsShared ? ['SystemVariable'] : ['Variable', 'SystemVariable']);
}

/** Whether an expression has one value for a whole query: no column, subquery, aggregate, window or changing function. */
function constantExpression(e: Expression): boolean {
  return holdsNone(e, ['ColumnRef']);
}

/** Whether an expression holds none of `kinds`, no subquery, and no call of an aggregate, window, user or changing function. */
function holdsNone(e: Expression, kinds: readonly string[]): boolean {
  let none = true;
  walk(e, (n) => {
    if (kinds.includes(n.kind) || n.kind === 'Subquery' || n.kind === 'Exists' || (n.kind === 'FunctionCall' && (n.over !== undefined || n.name.parts.length > 1 || AGGREGATE_NAMES.has((n.name.parts[0]?.name ?? '').toUpperCase()) || changesPerCall(n)))) none = false;
    return none;
  });
  return none;
}

/** Functions whose value differs from one call to the next (a second translation would not be the same expression). */
const NONDETERMINISTIC: ReadonlySet<string> = new Set(['NEWID', 'RAND', 'GETDATE', 'SYSDATETIME', 'CURRENT_TIMESTAMP', 'GETUTCDATE', 'SYSUTCDATETIME', 'SYSDATETIMEOFFSET']);
export const changesPerCall = (f: { readonly name: { readonly parts: readonly { readonly name: string }[] } }): boolean => NONDETERMINISTIC.has((f.name.parts[0]?.name ?? '').toUpperCase());

/**
 * One group key: a text column by its value without trailing blanks (registered for any_value,
 * and under ROLLUP/CUBE with its key, SqlTranslator.rolledUp), else as it is.
 */
function groupedText(t: SqlTranslator, e: Expression, x: SqlFragment, scope: SqlScope, rolled = false): string {
  if (x.family !== 'string' || e.kind !== 'ColumnRef') return x.sql;
  const column = scope.lookupRef(e.parts);
  if (column === undefined) return x.sql;
  const key = groupKeySql(x);
  t.groupedText.add(column);
  if (rolled) t.rolledUp.set(column, key);
  return key;
}
