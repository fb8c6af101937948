import type { DataFlowGraph } from '../dataflow';
import { parseColumnType, parseSqlServerColumnType, type ColumnType } from '../engine';
import * as tsql from '../tsql';
import type { SpecCatalog } from './spec-model';
import { columnTypeOfSql, sqlExpressionType, type SqlType } from './sql-expression-type';
import { queryColumnTypes, sqlTypeOfText, type QueryColumns, type QueryNames } from './query-column-types';

/** A column with its type, as a spec header or a transform declaration writes it; `sqlType`
 * where its SQL Server type is known exactly (arithmetic over it depends on it). */
export interface TypedColumn {
  readonly name: string;
  readonly type: ColumnType;
  readonly sqlType?: SqlType;
  /** The type is no one's: neither declared nor derived, `text?` for want of better. What the
   * legacy run produced (the emulator's column type) is then the better header type. */
  readonly guessed?: true;
}

const TEXT_NULL = parseColumnType('text?') as ColumnType;
const INT_NULL = parseColumnType('int?') as ColumnType;

const nullable = (text: string): ColumnType => ({ ...(parseColumnType(text) as ColumnType), nullable: true });

/**
 * The function name when a lineage expression is one call and nothing else (`SUM(x)`, `NTILE(4)
 * OVER (…)`), upper-case; undefined for anything around it (`MAX(x) / 2` has another type) or
 * a shortened text (`…`).
 */
function singleCall(expression: string): string | undefined {
  const m = /^(\w+)\s*\(/.exec(expression);
  if (m === null || expression.endsWith('...') || expression.endsWith('…')) return undefined;
  let depth = 0;
  let quoted = false;
  for (let i = m[0].length - 1; i < expression.length; i++) {
    const c = expression[i];
    if (c === "'") quoted = !quoted;
    if (quoted) continue;
    if (c === '(') depth++;
    else if (c === ')' && --depth === 0) {
      const rest = expression.slice(i + 1).trim();
      return rest === '' || /^OVER\s*\(.*\)$/is.test(rest) ? (m[1] as string).toUpperCase() : undefined;
    }
  }
  return undefined;
}

/**
 * SQL Server's result type of the function a lineage expression starts with, when it does not
 * depend on the arguments: window numbering is bigint, DATEFROMPARTS and EOMONTH a date,
 * DATEDIFF and the date parts an int.
 */
function functionResultType(expression: string): ColumnType | undefined {
  const fn = singleCall(expression) ?? '';
  // CAST(x AS t), CONVERT(t, x[, style]) and their TRY_ forms: t.
  const typeText = fn === 'CONVERT' || fn === 'TRY_CONVERT' ? /^\w+\s*\(\s*([A-Za-z][A-Za-z0-9_]*(?:\s*\(\s*\d+(?:\s*,\s*\d+)?\s*\))?)\s*,/.exec(expression)?.[1]
    : fn === 'CAST' || fn === 'TRY_CAST' ? /\sAS\s+([A-Za-z][A-Za-z0-9_]*(?:\s*\(\s*\d+(?:\s*,\s*\d+)?\s*\))?)\s*\)$/i.exec(expression)?.[1] : undefined;
  if (typeText !== undefined) {
    const t = parseSqlServerColumnType(`${typeText.replace(/\s+/g, '')}?`);
    if (t !== undefined) return t;
  }
  if (['ROW_NUMBER', 'RANK', 'DENSE_RANK', 'NTILE'].includes(fn)) return nullable('bigint');
  if (['DATEFROMPARTS', 'EOMONTH'].includes(fn)) return nullable('date');
  if (['DATEDIFF', 'YEAR', 'MONTH', 'DAY', 'DATEPART', 'LEN'].includes(fn)) return nullable('int');
  return undefined;
}

/**
 * The type of an aggregate or window over ONE column of `source` type, as SQL Server gives it:
 * MIN, MAX, LAG, LEAD, FIRST_VALUE, LAST_VALUE keep it; SUM of an int is an int (bigint a
 * bigint), of decimal(p,s) decimal(38,s); AVG of an integer is that integer, of decimal(p,s)
 * decimal(38,max(s,6)); of a float a float (double). Undefined otherwise.
 */
function aggregateType(expression: string, source: ColumnType): ColumnType | undefined {
  const fn = singleCall(expression);
  if (fn === undefined) return undefined;
  if (['MIN', 'MAX', 'LAG', 'LEAD', 'FIRST_VALUE', 'LAST_VALUE'].includes(fn)) return { ...source, nullable: true };
  if (fn !== 'SUM' && fn !== 'AVG') return undefined;
  if (source.base === 'int' || source.base === 'bigint' || source.base === 'double') return { ...source, nullable: true };
  if (source.base === 'decimal') {
    const scale = source.scale ?? 0;
    return nullable(`decimal(38,${fn === 'SUM' ? scale : Math.max(scale, 6)})`);
  }
  return undefined;
}

/** The catalog's type of a column of a node (its CREATE TABLE or DECLARE). */
function declaredType(graph: DataFlowGraph, catalog: SpecCatalog, ref: { readonly node: string; readonly column: string }): ColumnType | undefined {
  const from = graph.nodes.find((n) => n.id === ref.node);
  return from ? catalog.tables.get(from.name.toLowerCase())?.columns.find((c) => c.name.toLowerCase() === ref.column)?.type : undefined;
}

/**
 * What the catalog knows of a column copied from another table's column (a result set's or a
 * SELECT … INTO #temp's `t.City`): that column's spelling and type (nullable: an outer join may
 * empty it). `COUNT(…)` is an int; window numbering, date functions and aggregates over one
 * typed column have SQL Server's result type. Undefined when the lineage says nothing.
 */
function copiedColumn(graph: DataFlowGraph, catalog: SpecCatalog, nodeId: string, column: string, source: string | undefined): { name: string | undefined; type: ColumnType; sqlType?: SqlType } | undefined {
  const entry = graph.lineage.find((l) => l.target.node === nodeId && l.target.column === column.toLowerCase());
  const exact = entry !== undefined && entry.transform !== 'copy' && source !== undefined ? expressionSqlType(graph, catalog, entry, source) : undefined;
  const exactType = columnTypeOfSql(exact);
  if (exact !== undefined && exactType !== undefined) return { name: undefined, type: exactType, sqlType: exact };
  // A statement reading CTEs or derived tables: its columns typed through them (query-column-types.ts).
  const scoped = entry !== undefined && source !== undefined && !readsTablesOnly(graph, entry, source) ? scopedColumnType(graph, catalog, entry, source) : undefined;
  const scopedType = columnTypeOfSql(scoped);
  if (scoped !== undefined && scopedType !== undefined) return { name: undefined, type: scopedType, sqlType: scoped };
  if (entry?.transform === 'aggregate' && /^COUNT(_BIG)?\s*\(/i.test(entry.expression ?? '')) return { name: undefined, type: INT_NULL };
  const expression = entry?.expression ?? '';
  const byFunction = entry !== undefined && entry.transform !== 'copy' ? functionResultType(expression) : undefined;
  if (byFunction !== undefined) return { name: undefined, type: byFunction };
  // Typed from its source's declared type only where that source is what the expression reads.
  const only = entry !== undefined && entry.sources.length === 1 && source !== undefined && readsTablesOnly(graph, entry, source) ? declaredType(graph, catalog, entry.sources[0] as { node: string; column: string }) : undefined;
  const aggregated = only !== undefined && (entry?.transform === 'aggregate' || entry?.transform === 'window') ? aggregateType(expression, only) : undefined;
  if (aggregated !== undefined) return { name: undefined, type: aggregated };
  // SELECT IDENTITY(int, 1, 1) AS Seq … INTO: the numbering's integer type.
  const identity = /^IDENTITY\s*\(\s*(tinyint|smallint|int|bigint)\b/i.exec(entry?.expression ?? '');
  if (identity !== null) return { name: undefined, type: parseColumnType((identity[1] ?? '').toLowerCase() === 'bigint' ? 'bigint' : 'int') as ColumnType };
  const src = entry?.transform === 'copy' && entry.sources.length === 1 ? entry.sources[0] : undefined;
  const from = src ? graph.nodes.find((n) => n.id === src.node) : undefined;
  const known = from ? catalog.tables.get(from.name.toLowerCase())?.columns.find((c) => c.name.toLowerCase() === src?.column) : undefined;
  // `SELECT @n AS FeesPosted`: a variable or parameter copied whole has its declared type
  const declaredVariable = known === undefined && (from?.kind === 'variable' || from?.kind === 'parameter') && from.dataType !== undefined
    ? parseSqlServerColumnType(`${from.dataType.toLowerCase()}?`) : undefined;
  if (declaredVariable !== undefined) return { name: undefined, type: declaredVariable };
  const into = known === undefined && from !== undefined && src !== undefined ? selectIntoColumn(graph, catalog, from, src.column, source) : undefined;
  if (into !== undefined) return { name: undefined, type: { ...into.type, nullable: true }, ...(into.sqlType !== undefined ? { sqlType: into.sqlType } : {}) };
  return known ? { name: known.name.toLowerCase() === column.toLowerCase() ? known.name : undefined, type: { ...known.type, nullable: true }, ...(known.sqlType !== undefined ? { sqlType: known.sqlType } : {}) } : undefined;
}

/**
 * A column of a #temp an earlier SELECT … INTO of the procedure made, typed as that statement
 * makes it: the catalog holds such #temps only once the whole workspace is typed, so a #temp
 * copied from another (`SELECT a.[Line Id] INTO #pick FROM #lines a`) would otherwise be `text?`.
 * Undefined where that column's type is itself a guess (or the #temp is being typed already).
 */
function selectIntoColumn(graph: DataFlowGraph, catalog: SpecCatalog, from: DataFlowGraph['nodes'][number], column: string, source: string | undefined): TypedColumn | undefined {
  const key = from.name.toLowerCase();
  if (source === undefined || from.kind !== 'temp-table' || typing.has(key)) return undefined;
  if (!graph.steps.some((s) => s.kind === 'select-into' && s.writes.some((w) => w.node === from.id))) return undefined;
  typing.add(key);
  try {
    const typed = typedColumn(graph, catalog, from.id, column, undefined, source);
    return typed.guessed ? undefined : typed;
  } finally {
    typing.delete(key);
  }
}

// A CTE (`WITH c AS (`, `;WITH`), a derived table or any other subquery in a statement; or an
// UNPIVOT, whose value column (`u.Rate`) the lineage names by the columns it unpivots (Mon, Tue, …).
const NESTED_QUERY = /\bWITH\s+(?:\[[^\]]*\]|"[^"]*"|[\p{L}_#@][\p{L}\p{N}_#@$]*)\s*(?:\([^()]*\))?\s*AS\s*\(|\(\s*(?:SELECT|VALUES|WITH)\b|\bUNPIVOT\s*\(/iu;

/**
 * The SQL Server type of a computed column's expression (`o.Qty * p.Price`, `COALESCE(a, 0)`,
 * `SUM(Amount) / 2`), read again from the lineage's excerpt of it, where every column it reads
 * is one of the entry's sources with a declared type (columns of one name in two sources must
 * agree). The lineage names a column a CTE or derived table computes by the columns it reads
 * (`WITH c AS (SELECT AVG(Amount) AS Amount …) SELECT c.Amount * 1` has dbo.t.Amount as its
 * source), so the statement (`source`, the file's text, at the step's lines) must have none.
 * Undefined when not certain: an excerpt shortened for the report, or holding a line comment
 * (the excerpt is one line, so the comment would swallow the rest), a variable no DECLARE types, a column the
 * lineage does not name, an entry through more than one statement, a nested query.
 */
function expressionSqlType(graph: DataFlowGraph, catalog: SpecCatalog, entry: DataFlowGraph['lineage'][number], source: string): SqlType | undefined {
  const text = entry.expression;
  if (text === undefined) return undefined;
  if (!readsTablesOnly(graph, entry, source)) return undefined;
  const shortened = text.endsWith('...') || text.endsWith('…');
  if (!shortened && text.includes('--')) return undefined;
  const expression = shortened ? selectedExpression(graph, entry, source) : parseSelectExpression(text);
  if (expression === undefined) return undefined;
  return sqlExpressionType(expression, (ref) => {
    const name = (ref.parts[ref.parts.length - 1]?.name ?? '').toLowerCase();
    const types = entry.sources.filter((s) => s.column === name).map((s) => {
      const from = graph.nodes.find((n) => n.id === s.node);
      return from ? catalog.tables.get(from.name.toLowerCase())?.columns.find((c) => c.name.toLowerCase() === name)?.sqlType : undefined;
    });
    const first = types[0];
    return first !== undefined && types.every((t) => t !== undefined && t.name === first.name && t.precision === first.precision && t.scale === first.scale) ? first : undefined;
  }, (v) => queryNames(graph, catalog, source).variable(v.name), (name) => catalog.scalarFunctions?.get(tsql.normalizeObjectName(name)));
}

/** Whether a lineage entry's sources are the columns its expression reads: one statement
 * (`source`, the file's text, at the step's lines) with no CTE or nested query, whose computed
 * columns the lineage names by the columns they read. */
function readsTablesOnly(graph: DataFlowGraph, entry: DataFlowGraph['lineage'][number], source: string): boolean {
  const step = entry.via.length === 1 ? graph.steps.find((st) => st.id === entry.via[0]) : undefined;
  return step !== undefined && !NESTED_QUERY.test(source.split(/\r?\n/).slice(step.lines.start - 1, step.lines.end).join('\n'));
}

/** Tables whose columns are being typed (a #temp read by the SELECT … INTO being typed): a table met again is not known. */
const typing = new Set<string>();

/** Per catalog and graph: the columns typed of each step's SELECT and of each table a query reads, so a chain of #temps is typed once, not once per column. */
const typedQueries = new WeakMap<SpecCatalog, WeakMap<DataFlowGraph, Map<string, QueryColumns | undefined>>>();

function memo(graph: DataFlowGraph, catalog: SpecCatalog, key: string, compute: () => QueryColumns | undefined): QueryColumns | undefined {
  let graphs = typedQueries.get(catalog);
  if (graphs === undefined) { graphs = new WeakMap(); typedQueries.set(catalog, graphs); }
  let known = graphs.get(graph);
  if (known === undefined) { known = new Map(); graphs.set(graph, known); }
  if (known.has(key)) return known.get(key);
  const value = compute();
  known.set(key, value);
  return value;
}

/**
 * The SQL type of the entry's column as its one step's SELECT computes it through the CTEs and
 * derived tables it reads, each name resolved as SQL Server binds it: a table's columns by the
 * catalog (a #temp an earlier SELECT … INTO made, typed the same way), a variable's by its
 * DECLARE. Undefined where any link is not certain.
 */
function scopedColumnType(graph: DataFlowGraph, catalog: SpecCatalog, entry: DataFlowGraph['lineage'][number], source: string): SqlType | undefined {
  const columns = memo(graph, catalog, `step ${entry.via.join(',')} ${entry.target.node}`, () => {
    const select = stepSelect(graph, entry, source);
    return select === undefined ? undefined : queryColumnTypes(select, queryNames(graph, catalog, source));
  });
  const column = entry.target.column.toLowerCase();
  const found = (columns ?? []).filter((c) => c.name.toLowerCase() === column);
  return found.length === 1 ? found[0]?.type : undefined;
}

/** What the names of a procedure's query mean: the tables the catalog (or the procedure's SELECT … INTO) types, the variables it declares. */
function queryNames(graph: DataFlowGraph, catalog: SpecCatalog, source: string): QueryNames {
  return {
    table: (name) => tableColumns(graph, catalog, name, source),
    // the workspace's catalog holds them apart; the one typing a SELECT … INTO beside its tables (withFunctionTables)
    tableFunction: (name) => (catalog.functions?.get(tsql.normalizeObjectName(name)) ?? catalog.tables.get(tsql.normalizeObjectName(name)))?.columns.map((c) => ({ name: c.name, type: c.sqlType })),
    scalarFunction: (name) => catalog.scalarFunctions?.get(tsql.normalizeObjectName(name)),
    variable: (name) => {
      const node = graph.nodes.find((n) => n.name === name.toLowerCase());
      return (node?.kind === 'variable' || node?.kind === 'parameter') && node.dataType !== undefined ? sqlTypeOfText(node.dataType) : undefined;
    },
  };
}

/** The columns of a table a query reads, with their SQL types: the catalog's, else a #temp's of the procedure typed as its SELECT … INTO makes them. */
function tableColumns(graph: DataFlowGraph, catalog: SpecCatalog, name: tsql.ObjectName | string, source: string): QueryColumns | undefined {
  const key = typeof name === 'string' ? name.toLowerCase() : tsql.isTempName(name) ? tsql.baseName(name).toLowerCase() : tsql.normalizeObjectName(name);
  const known = catalog.tables.get(key);
  if (known !== undefined) return known.columns.map((c) => ({ name: c.name, type: c.sqlType }));
  const node = graph.nodes.find((n) => n.name === key && (n.kind === 'temp-table' || n.kind === 'table'));
  if (node === undefined || typing.has(key)) return undefined;
  return memo(graph, catalog, `table ${key}`, () => {
    typing.add(key);
    try {
      return node.columns.filter((c) => c !== '' && c !== '*').map((c) => ({ name: c, type: typedColumn(graph, catalog, node.id, c, undefined, source).sqlType }));
    } finally {
      typing.delete(key);
    }
  });
}

/** The statement of a step, parsed from its lines; undefined where it does not parse cleanly. */
function stepScript(step: DataFlowGraph['steps'][number] | undefined, source: string): tsql.ParsedScript | undefined {
  if (step === undefined) return undefined;
  try {
    const script = tsql.parseScript(source.split(/\r?\n/).slice(step.lines.start - 1, step.lines.end).join('\n'), { file: '<lineage>' });
    return script.diagnostics.length > 0 ? undefined : script;
  } catch {
    return undefined;
  }
}

/** The SELECT of the entry's one step (a SELECT … INTO or a result set), parsed from the statement's lines. */
function stepSelect(graph: DataFlowGraph, entry: DataFlowGraph['lineage'][number], source: string): tsql.Select | undefined {
  const step = entry.via.length === 1 ? graph.steps.find((st) => st.id === entry.via[0]) : undefined;
  return selectOfStep(graph, step, entry.target.node, source);
}

/** The SELECT of a step that makes `nodeId` (a SELECT … INTO or a result set), parsed from the statement's lines. */
function selectOfStep(graph: DataFlowGraph, step: DataFlowGraph['steps'][number] | undefined, nodeId: string, source: string): tsql.Select | undefined {
  const target = graph.nodes.find((n) => n.id === nodeId);
  const script = stepScript(step, source);
  if (script === undefined || target === undefined) return undefined;
  const into = (q: tsql.QueryExpression): tsql.TableTarget | undefined => (q.kind === 'QuerySpec' ? q.into : q.kind === 'SetOperation' ? into(q.left) : into(q.body));
  const selects = script.batches.flatMap((b) => b.statements).filter((st): st is tsql.Select => st.kind === 'Select').filter((st) => {
    const t = into(st.body);
    if (target.kind === 'result-set') return t === undefined;
    return t?.kind === 'TableRef' && (tsql.isTempName(t.name) ? tsql.baseName(t.name).toLowerCase() : tsql.normalizeObjectName(t.name)) === target.name;
  });
  return selects.length === 1 ? selects[0] : undefined;
}

/**
 * The whole expression the SELECT of the entry's one step (a SELECT … INTO, or a result set:
 * stepSelect) selects as the entry's column, read from the statement's lines: the lineage keeps
 * only an excerpt of a long one (`CAST(ROUND(s.Quantity * s.[Unit Price] * …`, `CONVERT(datetime2(0),
 * SWITCHOFFSET(…`). Undefined unless exactly one item is it.
 */
function selectedExpression(graph: DataFlowGraph, entry: DataFlowGraph['lineage'][number], source: string): tsql.Expression | undefined {
  const select = stepSelect(graph, entry, source);
  if (select === undefined || select.body.kind !== 'QuerySpec') return undefined;
  const column = entry.target.column.toLowerCase();
  const found: tsql.Expression[] = [];
  for (const item of select.body.items) {
    if (item.kind !== 'SelectItem') continue;
    const name = item.alias?.name ?? (item.expression.kind === 'ColumnRef' ? item.expression.parts[item.expression.parts.length - 1]?.name : undefined);
    if (name?.toLowerCase() === column) found.push(item.expression);
  }
  return found.length === 1 ? found[0] : undefined;
}

/** `text` parsed as the one expression of a SELECT, when it is exactly that (nothing left over). */
function parseSelectExpression(text: string): tsql.Expression | undefined {
  const source = `SELECT ${text.trim()}`;
  let script: tsql.ParsedScript;
  try {
    script = tsql.parseScript(source, { file: '<lineage>' });
  } catch {
    return undefined;
  }
  const statement = script.batches.length === 1 && script.batches[0]?.statements.length === 1 ? script.batches[0].statements[0] : undefined;
  if (script.diagnostics.length > 0 || statement?.kind !== 'Select' || statement.body.kind !== 'QuerySpec') return undefined;
  const item = statement.body.items.length === 1 ? statement.body.items[0] : undefined;
  return item?.kind === 'SelectItem' && item.alias === undefined && item.expression.span.end.offset === source.length ? item.expression : undefined;
}

/**
 * A column of a graph node, typed: from the node's CREATE TABLE / DECLARE (the catalog), else
 * from the column it copies (lineage), else `text?`. `spell` gives the name as the source writes
 * it when neither knows the column; `source` (the file's text) lets an expression over several
 * columns be typed (see expressionSqlType).
 */
export function typedColumn(graph: DataFlowGraph, catalog: SpecCatalog, nodeId: string, column: string, spell: (name: string) => string = (n) => n, source?: string): TypedColumn {
  const node = graph.nodes.find((n) => n.id === nodeId);
  const known = catalog.tables.get((node?.name ?? '').toLowerCase())?.columns.find((c) => c.name.toLowerCase() === column.toLowerCase());
  if (known) return known;
  const copied = copiedColumn(graph, catalog, nodeId, column, source);
  const written = source === undefined ? undefined : selectedSpelling(graph, nodeId, column, source);
  if (copied === undefined) return { name: written ?? spell(column), type: TEXT_NULL, guessed: true };
  return { name: written ?? copied.name ?? spell(column), type: copied.type, ...(copied.sqlType !== undefined ? { sqlType: copied.sqlType } : {}) };
}

/**
 * A column of a result set or of a SELECT … INTO table as the SELECT that makes it names it
 * (its alias, else the column it reads): SQL Server names the column so, whatever other name of
 * that spelling the procedure writes first (`FROM (…) s … SELECT @s AS S` makes a column `S`).
 * Undefined where no SELECT makes the node, or the SELECTs that do spell the column differently.
 */
function selectedSpelling(graph: DataFlowGraph, nodeId: string, column: string, source: string): string | undefined {
  const target = graph.nodes.find((n) => n.id === nodeId);
  if (target === undefined) return undefined;
  const makers = graph.steps.filter((st) => (target.kind === 'result-set' || st.kind === 'select-into') && st.writes.some((w) => w.node === nodeId));
  // the first query of a UNION names the columns
  const first = (q: tsql.QueryExpression): tsql.QuerySpec => (q.kind === 'QuerySpec' ? q : q.kind === 'SetOperation' ? first(q.left) : first(q.body));
  const names = new Set<string>();
  for (const step of makers) {
    const select = selectOfStep(graph, step, nodeId, source);
    if (select === undefined) return undefined;
    for (const item of first(select.body).items) {
      if (item.kind !== 'SelectItem') continue;
      const name = item.alias?.name ?? (item.expression.kind === 'ColumnRef' ? item.expression.parts[item.expression.parts.length - 1]?.name : undefined);
      if (name !== undefined && name.toLowerCase() === column.toLowerCase()) names.add(name);
    }
  }
  return names.size === 1 ? [...names][0] : undefined;
}

/** Every column the graph knows a node to have (`*` and unnamed ones left out), typed. */
export function typedColumnsOf(graph: DataFlowGraph, catalog: SpecCatalog, nodeId: string, columns: readonly string[], spell?: (name: string) => string, source?: string): TypedColumn[] {
  return columns.filter((c) => c !== '' && c !== '*').map((c) => typedColumn(graph, catalog, nodeId, c, spell, source));
}
