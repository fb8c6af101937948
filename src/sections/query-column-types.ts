import * as tsql from '../tsql';
import { sqlExpressionType, sqlTypeOf, type SqlType } from './sql-expression-type';

// The SQL Server types of a query's output columns where the query reads CTEs and derived
// tables: each column's expression typed (sql-expression-type.ts) with the columns it names
// resolved through the query's FROM, a CTE's or derived table's column being the type of the
// expression its own query selects. The lineage cannot do this: it names a column a CTE
// computes by the base columns it reads (`AVG(Price)` as Price), whose type is not the CTE's.
// Where a name cannot be resolved with certainty (a source whose columns are not known, an outer
// query's column, two sources with the column) the type is unknown, never a near one.

/** A query's output columns in order: the name as written (an unnamed one is ''), its type where certain. */
export type QueryColumns = readonly { readonly name: string; readonly type: SqlType | undefined }[];

/** What a query's names mean outside it: a table's columns (undefined: not known) and a variable's declared type. */
export interface QueryNames {
  table(name: tsql.ObjectName | string): QueryColumns | undefined;
  variable(name: string): SqlType | undefined;
  /** A table-valued function's result columns (an inline one's as its query types them, a multi-statement one's as its RETURNS @t TABLE declares them). */
  tableFunction?(name: tsql.ObjectName): QueryColumns | undefined;
  /** A user scalar function's declared RETURNS type. */
  scalarFunction?(name: tsql.ObjectName): SqlType | undefined;
}

/** One FROM source: its alias (or the table's last name part), lower-case; its columns where known. */
export interface Source {
  readonly alias: string | undefined;
  readonly columns: QueryColumns | undefined;
}

/** The output columns of `select` (its CTEs first), undefined when which columns it has is not known (`*` of an unknown source);
 * `outer`: the sources of the query around it that its names may reach (an APPLY's left side). */
export function queryColumnTypes(select: tsql.Select, names: QueryNames, ctes: ReadonlyMap<string, QueryColumns> = new Map(), outer: readonly Source[] = []): QueryColumns | undefined {
  const env = new Map(ctes);
  for (const cte of select.ctes) {
    const key = cte.name.name.toLowerCase();
    // A recursive CTE's columns are its anchor's: SQL Server refuses a recursive member of other
    // types (Msg 240), so the anchor alone tells them. Several anchors must agree.
    const { anchors, steps } = tsql.recursiveMembers(cte);
    const columns = steps.length > 0
      ? anchors.map((a) => expressionColumns(a, names, env)).reduce((a, b) => (a === undefined || b === undefined ? undefined : combined(a, b)))
      : queryColumnTypes(cte.query, names, env);
    const named = columns === undefined ? undefined : renamed(columns, cte.columns);
    if (named === undefined) env.delete(key);
    else env.set(key, named);
  }
  return expressionColumns(select.body, names, env, outer);
}

function expressionColumns(q: tsql.QueryExpression, names: QueryNames, env: ReadonlyMap<string, QueryColumns>, outer: readonly Source[] = []): QueryColumns | undefined {
  if (q.kind === 'Select') return queryColumnTypes(q, names, env, outer);
  if (q.kind === 'SetOperation') {
    const left = expressionColumns(q.left, names, env, outer);
    const right = expressionColumns(q.right, names, env, outer);
    return left === undefined || right === undefined ? undefined : combined(left, right);
  }
  return specColumns(q, names, env, outer);
}

/** The columns of two queries of a UNION, EXCEPT or INTERSECT: the first's names; a type where both sides have that type exactly (other pairs follow precedence rules not followed here). */
function combined(left: QueryColumns, right: QueryColumns): QueryColumns | undefined {
  if (left.length !== right.length) return undefined;
  return left.map((l, i) => {
    const r = right[i]?.type;
    const same = l.type !== undefined && r !== undefined && l.type.name === r.name && l.type.precision === r.precision && l.type.scale === r.scale && l.type.column.base === r.column.base;
    return { name: l.name, type: same ? l.type : undefined };
  });
}

/** Columns renamed by a column list (`WITH c (a, b) AS …`, `(…) AS d (a, b)`); undefined when the counts differ. */
function renamed(columns: QueryColumns, list: readonly tsql.Identifier[]): QueryColumns | undefined {
  if (list.length === 0) return columns;
  return list.length === columns.length ? columns.map((c, i) => ({ name: list[i]?.name ?? c.name, type: c.type })) : undefined;
}

function specColumns(spec: tsql.QuerySpec, names: QueryNames, env: ReadonlyMap<string, QueryColumns>, outer: readonly Source[]): QueryColumns | undefined {
  const sources: Source[] = [];
  for (const src of spec.from) bind(src, names, env, sources, outer);
  const column = (ref: tsql.ColumnRef): SqlType | undefined => resolve(ref, outside(ref, sources) ? outer : sources);
  const variable = (v: tsql.Variable): SqlType | undefined => names.variable(v.name);
  const out: { name: string; type: SqlType | undefined }[] = [];
  for (const item of spec.items) {
    if (item.kind !== 'SelectItem') return undefined;
    const e = item.expression;
    if (e.kind === 'Star') {
      const qualifier = e.qualifier[e.qualifier.length - 1]?.name.toLowerCase();
      const picked = sources.filter((s) => qualifier === undefined || s.alias === qualifier);
      if (picked.length === 0 || picked.some((s) => s.columns === undefined)) return undefined;
      for (const s of picked) out.push(...(s.columns ?? []));
      continue;
    }
    const name = item.alias?.name ?? (e.kind === 'ColumnRef' ? e.parts[e.parts.length - 1]?.name ?? '' : '');
    out.push({ name, type: sqlExpressionType(e, column, variable, names.scalarFunction) });
  }
  return out;
}

/** Adds the sources of one FROM item: a table or CTE by name, a derived table by its query, a join's both sides; anything else with its columns unknown. */
function bind(src: tsql.TableSource, names: QueryNames, env: ReadonlyMap<string, QueryColumns>, sources: Source[], outer: readonly Source[]): void {
  switch (src.kind) {
    case 'TableRef': {
      const base = src.name.parts[src.name.parts.length - 1]?.name ?? '';
      const cte = src.name.parts.length === 1 ? env.get(base.toLowerCase()) : undefined;
      sources.push({ alias: (src.alias?.name ?? base).toLowerCase(), columns: cte ?? names.table(src.name) });
      return;
    }
    case 'TableVariableRef':
      sources.push({ alias: (src.alias?.name ?? src.variable.name).toLowerCase(), columns: names.table(src.variable.name) });
      return;
    case 'DerivedTable': {
      const columns = queryColumnTypes(src.query, names, env, outer);
      sources.push({ alias: src.alias?.name.toLowerCase(), columns: columns === undefined ? undefined : renamed(columns, src.columns) });
      return;
    }
    case 'TableFunctionRef': {
      // a user function by name (`dbo.tvf_RepOrders(s.[Rep Id], …) t`); a rowset function
      // (OPENJSON, STRING_SPLIT) or an XML .nodes() call is not one: its columns stay unknown
      const columns = src.call.kind === 'FunctionCall' ? names.tableFunction?.(src.call.name) : undefined;
      sources.push({ alias: src.alias?.name.toLowerCase(), columns: columns === undefined ? undefined : renamed(columns, src.columns) });
      return;
    }
    case 'Join':
      bind(src.left, names, env, sources, outer);
      // An APPLY's right side reads its left side's columns (`CROSS APPLY (SELECT DATEADD(day,
      // n.n, r.[Arrival Date]) AS [Stay Date] …) rn`), as a correlated query reads its outer one's.
      bind(src.right, names, env, sources, src.joinType === 'CROSS APPLY' || src.joinType === 'OUTER APPLY' ? [...outer, ...sources] : outer);
      return;
    case 'Unpivot':
      sources.push({ alias: src.alias?.name.toLowerCase(), columns: unpivotColumns(src, names, env, outer) });
      return;
    default:
      sources.push({ alias: src.alias?.name.toLowerCase(), columns: undefined });
  }
}

/**
 * The columns of `… UNPIVOT (Amount FOR MonthName IN (Jan, Feb, …)) u`: its source's other
 * columns, the FOR column (its type not followed here: unknown), and the value column of the
 * unpivoted columns' type, which they share exactly (SQL Server refuses them otherwise, Msg 8167);
 * undefined when the source's columns are not known.
 */
function unpivotColumns(src: tsql.Unpivot, names: QueryNames, env: ReadonlyMap<string, QueryColumns>, outer: readonly Source[]): QueryColumns | undefined {
  const inner: Source[] = [];
  bind(src.source, names, env, inner, outer);
  if (inner.length !== 1 || inner[0]?.columns === undefined) return undefined;
  const columns = inner[0].columns;
  const unpivoted = new Set(src.columns.map((c) => c.name.toLowerCase()));
  const types = columns.filter((c) => unpivoted.has(c.name.toLowerCase())).map((c) => c.type);
  const first = types[0];
  const alike = first !== undefined && types.length === unpivoted.size && types.every((t) => t !== undefined && t.name === first.name && t.precision === first.precision && t.scale === first.scale && t.column.base === first.column.base);
  return [
    ...columns.filter((c) => !unpivoted.has(c.name.toLowerCase())),
    { name: src.forColumn.name, type: undefined },
    { name: src.valueColumn.name, type: alike ? first : undefined },
  ];
}

/** Whether `ref` names a column of the enclosing query rather than of `sources`: its qualifier is
 * no alias of theirs, or, unqualified, every one of them is known and none has the column. */
function outside(ref: tsql.ColumnRef, sources: readonly Source[]): boolean {
  if (ref.parts.length > 2) return false;
  const name = (ref.parts[ref.parts.length - 1]?.name ?? '').toLowerCase();
  if (ref.parts.length === 2) return !sources.some((s) => s.alias === ref.parts[0]?.name.toLowerCase());
  return sources.every((s) => s.columns !== undefined && !s.columns.some((c) => c.name.toLowerCase() === name));
}

/** A column reference's type: `t.c` by the source aliased t, `c` by the one source that has it (none with unknown columns). */
function resolve(ref: tsql.ColumnRef, sources: readonly Source[]): SqlType | undefined {
  const name = (ref.parts[ref.parts.length - 1]?.name ?? '').toLowerCase();
  if (ref.parts.length > 2) return undefined;
  const qualifier = ref.parts.length === 2 ? ref.parts[0]?.name.toLowerCase() : undefined;
  const candidates = sources.filter((s) => qualifier === undefined || s.alias === qualifier);
  if (candidates.length === 0 || candidates.some((s) => s.columns === undefined)) return undefined;
  const found = candidates.flatMap((s) => (s.columns ?? []).filter((c) => c.name.toLowerCase() === name));
  return found.length === 1 ? found[0]?.type : undefined;
}

/** The SQL type of a data type as a graph records it (`DECIMAL(5,4)`, `DATE`), undefined for one it cannot read. */
export function sqlTypeOfText(dataType: string): SqlType | undefined {
  let script: tsql.ParsedScript;
  try {
    script = tsql.parseScript(`DECLARE @v ${dataType}`, { file: '<type>' });
  } catch {
    return undefined;
  }
  const d = script.diagnostics.length === 0 ? script.batches[0]?.statements[0] : undefined;
  const v = d?.kind === 'Declare' && d.declarations.length === 1 ? d.declarations[0] : undefined;
  return v?.kind === 'VariableDeclaration' ? sqlTypeOf(v.dataType) : undefined;
}
