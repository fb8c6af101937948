import { andTerms, baseName, findAll, isTempName, normalizeObjectName, tablesInEffect, type CreateFunction, type Expression, type FunctionCall, type GroupBy, type GroupingSpec, type In, type Node, type ObjectName, type ParsedScript, type QuerySpec, type Select, type Statement, type TableRef, type TableSource, type TableVariableRef, type Top } from '../../../tsql';
import { collectCatalog, emptyCatalog, objectKey } from '../catalog';
import { entityFreeTemps } from './entity-free-temps';
import { passLocalTables, pinnedToVariable } from './pass-local-tables';
import { foreignKeyLookups, foreignKeyVariables } from './foreign-key-variables';
import { carriedAcrossEntities, picksNextEntityKey, walksEntityKeys } from './next-entity-key';
import { cutThroughColumns } from './tables-cut-through-keys';
import { pinnedCutReads } from './pinned-cut-reads';

// `sections record --from-data` records a section on one entity's slice of the data at a time
// (the `@entity` column). A section whose statements combine rows of several entities (a grand
// total `SELECT @Total = SUM(Amount) FROM …`, `PERCENT_RANK() OVER (PARTITION BY WeekStart …)`
// across reps, `NOT IN (SELECT [Manager Id] FROM dbo.[Sales Rep])` over every rep, a join to
// another rep's row on `[Manager Id]`) is recorded right for that slice (the emulator runs the
// legacy statements on it), but every scenario then holds a single entity: a transform that
// works per entity passes them, and only acceptance on the whole data would tell. Such
// statements are named, so the person adds a scenario with several entities by hand (and
// `sections check` fails an `@entity` section that has them: its slices are not independent).

const AGGREGATES = new Set(['sum', 'count', 'count_big', 'avg', 'min', 'max', 'string_agg', 'stdev', 'stdevp', 'var', 'varp', 'checksum_agg', 'grouping', 'approx_count_distinct']);

/** One construct that combines rows of several entities, as the code writes it, with its node. */
export interface CrossEntityRead {
  readonly construct: string;
  readonly node: Node;
}

/**
 * What the scripts define, where known: a table's columns (lower-case), so a query over a table
 * without the entity column (a rate table, given whole to every slice) reads no other entity; an
 * inline table-valued function's definition, whose WHERE tells whether the entity passed to it
 * is the only one it reads. Without them a table is taken to carry the entity column, and a
 * function passed the entity to read that entity's rows only.
 */
export interface CrossEntityContext {
  columnsOf(name: ObjectName): ReadonlySet<string> | undefined;
  inlineFunction(name: ObjectName): { readonly definition: CreateFunction; readonly file: string } | undefined;
  /**
   * The declared columns of a table variable or #temp table of the procedure (`@rolling`,
   * `#queue`, lower-case), which a section's statements read but may not declare themselves.
   */
  localColumnsOf?(key: string): ReadonlySet<string> | undefined;
  /** The variables (lower-case) holding another column's value than the entity's (foreign-key-variables.ts). */
  readonly foreignVariables?: ReadonlySet<string>;
  /** The #temps (lower-case) the statements make from tables without the entity only (entity-free-temps.ts). */
  readonly entityFreeTemps?: ReadonlySet<string>;
  /** The tables (normalised) without the entity's column that a slice cuts through a key (tables-cut-through-keys.ts). */
  readonly cutThroughKeys?: ReadonlySet<string>;
  /** Those tables and the columns each is cut through (pinned-cut-reads.ts). */
  readonly cutColumns?: ReadonlyMap<string, ReadonlySet<string>>;
  /** The table variables and #temps (lower-case keys) a loop empties each pass and fills from no entity's rows (pass-local-tables.ts). */
  readonly passLocal?: ReadonlySet<string>;
}

const NO_CONTEXT: CrossEntityContext = { columnsOf: () => undefined, inlineFunction: () => undefined };

const NO_VARIABLES: ReadonlySet<string> = new Set();

/** The key a table variable or #temp table goes by in localColumnsOf (`@rolling`, `#queue`). */
function localKey(t: TableRef | TableVariableRef): string | undefined {
  if (t.kind === 'TableVariableRef') return t.variable.name.toLowerCase();
  return isTempName(t.name) ? baseName(t.name).toLowerCase() : undefined;
}

/**
 * The columns (lower-case) of the table variables and #temp tables `statements` declare: `DECLARE
 * @Rolling TABLE (…)`, `CREATE TABLE #Queue (…)`, `SELECT … INTO #Queue`. A name declared twice
 * with other columns (a #temp dropped and made again) maps to undefined: its columns are not known.
 */
export function localTableColumns(statements: readonly Node[]): Map<string, ReadonlySet<string> | undefined> {
  const out = new Map<string, ReadonlySet<string> | undefined>();
  const declare = (key: string, columns: readonly (string | undefined)[]): void => {
    const known = columns.every((c): c is string => c !== undefined) ? new Set(columns.map((c) => c.toLowerCase())) : undefined;
    const before = out.get(key);
    const same = before !== undefined && known !== undefined && before.size === known.size && [...known].every((c) => before.has(c));
    out.set(key, out.has(key) && !same ? undefined : known);
  };
  for (const st of statements) {
    for (const d of findAll(st, 'TableVariableDeclaration')) declare(d.variable.name.toLowerCase(), d.definition.columns.map((c) => c.name.name));
    for (const c of findAll(st, 'CreateTable')) if (isTempName(c.name)) declare(baseName(c.name).toLowerCase(), c.definition.columns.map((col) => col.name.name));
    for (const q of findAll(st, 'QuerySpec')) {
      if (q.into?.kind !== 'TableRef' || !isTempName(q.into.name)) continue;
      declare(baseName(q.into.name).toLowerCase(), q.items.map((i) => (i.kind !== 'SelectItem' ? undefined : i.alias?.name ?? (i.expression.kind === 'ColumnRef' ? i.expression.parts[i.expression.parts.length - 1]?.name : undefined))));
    }
  }
  return out;
}

const lastName = (call: FunctionCall): string => (call.name.parts[call.name.parts.length - 1]?.name ?? '').toLowerCase();

const columnName = (c: Extract<Node, { kind: 'ColumnRef' }>): string => (c.parts[c.parts.length - 1]?.name ?? '').toLowerCase();

/** Whether `expressions` name one of the entity's columns (`Rep`, `s.[Rep]`; lower-case names). */
function namesEntity(expressions: readonly (Expression | Node)[], names: ReadonlySet<string>): boolean {
  return expressions.some((e) => (e.kind === 'ColumnRef' && names.has(columnName(e))) || findAll(e, 'ColumnRef').some((c) => names.has(columnName(c))));
}

/**
 * The names the entity's column goes by in a query: its own, and the source column of a select
 * item that becomes it, by alias (`a.[Customer Id] AS CustomerId`) or by its place in an INSERT's
 * column list (`INSERT t (CustomerId, …) SELECT a.[Customer Id], …`).
 */
function entityNames(q: QuerySpec, entity: string, insertColumns: readonly string[] | undefined): Set<string> {
  const wanted = entity.toLowerCase();
  const names = new Set([wanted]);
  q.items.forEach((item, i) => {
    if (item.kind !== 'SelectItem' || item.expression.kind !== 'ColumnRef') return;
    if (item.alias?.name.toLowerCase() === wanted || insertColumns?.[i]?.toLowerCase() === wanted) names.add(columnName(item.expression));
  });
  return names;
}

/** The aggregate calls of a query's own level (not those of its subqueries, which have their own level). */
function ownAggregates(q: QuerySpec): FunctionCall[] {
  const inner = new Set<Node>(findAll(q, 'QuerySpec').filter((s) => s !== q).flatMap((s) => findAll(s, 'FunctionCall')));
  return findAll(q, 'FunctionCall').filter((f) => f.over === undefined && AGGREGATES.has(lastName(f)) && !inner.has(f));
}

/** The sources a FROM item joins (a join's both sides), each as the query sees it. */
function joined(src: TableSource): TableSource[] {
  return src.kind === 'Join' ? [...joined(src.left), ...joined(src.right)] : [src];
}

/** The ON conditions of the inner joins and APPLYs of a FROM item: rows that fail them are not read. */
function innerOns(src: TableSource): Expression[] {
  if (src.kind !== 'Join') return [];
  const own = src.on !== undefined && (src.joinType === 'INNER' || src.joinType === 'CROSS APPLY') ? [src.on] : [];
  return [...innerOns(src.left), ...innerOns(src.right), ...own];
}

/** The lower-case names a query's own sources go by (sourceAlias). */
function localAliases(q: QuerySpec): Set<string> {
  return new Set(q.from.flatMap(joined).flatMap((s) => { const a = sourceAlias(s); return a === undefined ? [] : [a]; }));
}

/** Whether `e` reads a column of one of the query's own sources (an unqualified column is taken as one). */
function readsLocal(e: Expression, local: ReadonlySet<string>): boolean {
  const refs = e.kind === 'ColumnRef' ? [e] : findAll(e, 'ColumnRef');
  return refs.some((c) => c.parts.length < 2 || local.has((c.parts[c.parts.length - 2]?.name ?? '').toLowerCase()));
}

/**
 * Whether `other`, compared with the entity's column, pins it to the outer row's entity: it reads
 * none of the query's own sources, and every outer column it reads is the entity's (`s.[Rep] =
 * t.Rep`). An outer column of another name is another entity's key (`p.[Cost Centre] =
 * c.[Parent Cost Centre]`: the parent's row, which the child's slice does not hold).
 */
function pinsToOuterEntity(other: Expression, names: ReadonlySet<string>, local: ReadonlySet<string>, foreign: ReadonlySet<string>): boolean {
  if (readsLocal(other, local)) return false;
  // a variable holding another column's value (`@Parent`) names another entity's row
  if ((other.kind === 'Variable' ? [other] : findAll(other, 'Variable')).some((v) => foreign.has(v.name.toLowerCase()))) return false;
  const refs = other.kind === 'ColumnRef' ? [other] : findAll(other, 'ColumnRef');
  return refs.every((c) => names.has(columnName(c)));
}

/**
 * Whether a condition keeps one entity's rows: a conjunct `t.[Rep] = <the outer row's entity column,
 * a variable, a constant>` (`s.[Rep] = t.Rep`, `Rep = @Rep`), or an OR whose every branch does. A
 * condition that merely names the column (`x.[Rep Id] NOT IN (…)`, `o.[Rep Id] = @Rep OR o.[Split
 * Rep Id] = @Rep`) or ties it to another outer column (`m.[Rep Id] = r.[Manager Id]`) lets rows of
 * other entities through.
 */
function keepsEntityRows(e: Expression, names: ReadonlySet<string>, local: ReadonlySet<string>, foreign: ReadonlySet<string> = NO_VARIABLES): boolean {
  if (e.kind !== 'Binary') return e.kind === 'IsNull' && !e.not && e.expression.kind === 'ColumnRef' && names.has(columnName(e.expression));
  const op = e.operator.toUpperCase();
  if (op === 'AND') return keepsEntityRows(e.left, names, local, foreign) || keepsEntityRows(e.right, names, local, foreign);
  if (op === 'OR') return keepsEntityRows(e.left, names, local, foreign) && keepsEntityRows(e.right, names, local, foreign);
  if (op !== '=') return false;
  const pinned = (col: Expression, other: Expression): boolean => col.kind === 'ColumnRef' && names.has(columnName(col)) && pinsToOuterEntity(other, names, local, foreign);
  return pinned(e.left, e.right) || pinned(e.right, e.left);
}

/**
 * Whether every grouping set of a GROUP BY holds the entity's column. A GROUP BY is the cross
 * product of its items, so one item that always holds it is enough: a plain column, or a
 * GROUPING SETS each of whose sets names it. ROLLUP, CUBE and WITH ROLLUP|CUBE always add the
 * empty set, a grand total over every entity (`GROUPING SETS ((cc, acct), (cc), ())` too).
 */
function groupsPerEntity(groupBy: GroupBy, names: ReadonlySet<string>): boolean {
  if (groupBy.withOption !== undefined) return false;
  const always = (item: Expression | GroupingSpec): boolean => (item.kind === 'GroupingSpec'
    ? item.type === 'GROUPING SETS' && item.items.length > 0 && item.items.every(always)
    : namesEntity([item], names));
  return groupBy.items.some(always);
}

/**
 * Whether query `q` sees one entity's rows at a time: it groups by the entity's column (unless
 * `grouped` is false: a TOP, or a query around it, picks among the groups, one per entity), keeps
 * one entity's rows by its WHERE or an inner join's ON, reads nothing but one derived table whose
 * rows are one entity's (`OUTER APPLY (SELECT MAX(x.v) FROM (SELECT TOP (3) … WHERE r.[Customer ID] = c.[Customer
 * ID] …) x)`), or reads nothing but a table-valued function passed the entity's column
 * (`CROSS APPLY (SELECT COUNT(*) FROM dbo.tvf_RepOrders(s.[Rep Id], …) t)`: its rows are that
 * entity's; what the function itself reads is judged apart, functionReads).
 */
function keepsOneEntity(q: QuerySpec, names: ReadonlySet<string>, namesIn: (q: QuerySpec) => Set<string>, grouped = true, foreign: ReadonlySet<string> = NO_VARIABLES): boolean {
  if (grouped && q.groupBy !== undefined && groupsPerEntity(q.groupBy, names)) return true;
  const local = localAliases(q);
  if ([...(q.where === undefined ? [] : [q.where]), ...q.from.flatMap(innerOns)].some((c) => keepsEntityRows(c, names, local, foreign))) return true;
  const only = q.from.length === 1 ? q.from[0] : undefined;
  if (only?.kind === 'TableFunctionRef' && only.call.kind === 'FunctionCall' && namesEntity(only.call.args, names)) return true;
  const inner = only?.kind === 'DerivedTable' && only.query.body.kind === 'QuerySpec' ? only.query.body : undefined;
  // a derived table grouped by the entity holds a row of every entity, which the query combines
  return inner !== undefined && keepsOneEntity(inner, namesIn(inner), namesIn, false, foreign);
}

/** Whether a table source may hold rows of several entities: a table with the entity's column, or one whose columns are not known. */
function carriesEntity(t: TableRef, names: ReadonlySet<string>, context: CrossEntityContext): boolean {
  if (t.temp && (context.entityFreeTemps?.has(baseName(t.name).toLowerCase()) === true || context.passLocal?.has(baseName(t.name).toLowerCase()) === true)) return false;
  const columns = context.columnsOf(t.name);
  return columns === undefined || [...names].some((n) => columns.has(n)) || context.cutThroughKeys?.has(normalizeObjectName(t.name)) === true;
}

/**
 * Whether a query may read rows of several entities: false only when every source it reads
 * (through derived tables too) is a table the scripts define without the entity's column
 * (`SELECT @MaxTier = MAX([Tier No]) FROM dbo.[Commission Tier]`: every slice holds all of it).
 */
function readsEntityRows(q: QuerySpec, names: ReadonlySet<string>, context: CrossEntityContext): boolean {
  const shared = (v: TableVariableRef): boolean => context.passLocal?.has(v.variable.name.toLowerCase()) !== true;
  if (q.from.some((s) => findAll(s, 'TableFunctionRef').length + findAll(s, 'TableVariableRef').filter(shared).length + findAll(s, 'ValuesTable').length > 0)) return true;
  const tables = q.from.flatMap((s) => findAll(s, 'TableRef'));
  // (a FROM of pass-local table variables only reads this pass's rows)
  return tables.length === 0 ? q.from.length > 0 && !q.from.every((s) => s.kind === 'TableVariableRef' && !shared(s)) : tables.some((t) => carriesEntity(t, names, context));
}

/** The select items' query specs of a query (the sides of a UNION), not those nested in its sources. */
function topSpecs(select: Select): QuerySpec[] {
  const out: QuerySpec[] = [];
  const visit = (q: Select['body']): void => {
    if (q.kind === 'QuerySpec') out.push(q);
    else if (q.kind === 'SetOperation') { visit(q.left); visit(q.right); } else visit(q.body);
  };
  visit(select.body);
  return out;
}

/** How a subquery used as a value is written, for the note: `NOT IN (SELECT … FROM dbo.[Sales Rep])`. */
function subqueryText(node: Node, table: TableRef): string {
  const from = `(SELECT … FROM ${tableText(table)})`;
  if (node.kind === 'In') return `${(node as In).not ? 'NOT IN' : 'IN'} ${from}`;
  if (node.kind === 'Exists') return `EXISTS ${from}`;
  if (node.kind === 'QuantifiedComparison') return `${node.operator} ${node.quantifier} ${from}`;
  return `a subquery ${from}`;
}

/**
 * The subqueries used as values (IN, NOT IN, EXISTS, ANY/ALL, a scalar subquery) that do not keep
 * one entity's rows: `WHERE x.[Rep Id] NOT IN (SELECT m.[Manager Id] FROM dbo.[Sales Rep] m)` reads
 * the managers of every rep, which one rep's slice does not hold. An aggregate of one is named
 * by its aggregate already (`skip`).
 */
function subqueryReads(statement: Statement, entity: string, context: CrossEntityContext, skip: ReadonlySet<QuerySpec>): CrossEntityRead[] {
  const out: CrossEntityRead[] = [];
  const uses: { node: Node; query: Select }[] = [
    ...findAll(statement, 'In').flatMap((n) => (n.query === undefined ? [] : [{ node: n as Node, query: n.query }])),
    ...findAll(statement, 'Exists').map((n) => ({ node: n as Node, query: n.query })),
    ...findAll(statement, 'QuantifiedComparison').map((n) => ({ node: n as Node, query: n.query })),
    ...findAll(statement, 'Subquery').map((n) => ({ node: n as Node, query: n.query })),
  ];
  for (const use of uses) {
    // correlated: it reads a column of a query around it (`WHERE m.[Manager Id] = r.[Rep Id]`)
    const inner = new Set(findAll(use.query, 'TableRef'));
    const own = new Set([...inner].map((t) => (t.alias?.name ?? t.name.parts[t.name.parts.length - 1]?.name ?? '').toLowerCase()));
    for (const d of [...findAll(use.query, 'DerivedTable'), ...findAll(use.query, 'TableFunctionRef')]) if (d.alias !== undefined) own.add(d.alias.name.toLowerCase());
    const correlated = findAll(use.query, 'ColumnRef').some((c) => c.parts.length >= 2 && !own.has((c.parts[c.parts.length - 2]?.name ?? '').toLowerCase()));
    const outside = new Set(findAll(statement, 'TableRef').filter((t) => !inner.has(t)).map((t) => normalizeObjectName(t.name)));
    for (const q of topSpecs(use.query)) {
      if (skip.has(q)) continue;
      const names = new Set([entity.toLowerCase()]);
      const table = q.from.flatMap((s) => findAll(s, 'TableRef')).find((t) => carriesEntity(t, names, context));
      if (table === undefined || keepsOneEntity(q, names, () => new Set(names), true, context.foreignVariables)) continue;
      if (context.cutColumns !== undefined && pinnedCutReads(q, statement, { cutColumns: context.cutColumns, carries: (t) => carriesEntity(t, names, context) })) continue;
      // correlated on other columns, it reads another entity's rows when it reads the table the
      // query around it reads (`EXISTS (SELECT 1 FROM dbo.[Sales Rep] m WHERE m.[Manager Id] =
      // r.[Rep Id])`: the reps this one manages); on other tables, the rows of the same key
      if (correlated && !outside.has(normalizeObjectName(table.name))) continue;
      out.push({ construct: `${subqueryText(use.node, table)} ${correlated ? `correlated on other columns than ${entity}` : `over rows of every ${entity}`}`, node: use.node });
      break;
    }
  }
  return out;
}

/** `m.[Rep Id]` as the lower-case alias it is qualified by, when it names the entity's column. */
function entityAlias(e: Expression, names: ReadonlySet<string>): string | undefined {
  return e.kind === 'ColumnRef' && e.parts.length >= 2 && names.has(columnName(e)) ? e.parts[e.parts.length - 2]?.name.toLowerCase() : undefined;
}

/** The lower-case name a source goes by in a query (alias, else a table's last name part or a table variable's name). */
function sourceAlias(s: TableSource): string | undefined {
  const alias = 'alias' in s ? s.alias?.name : undefined;
  if (alias !== undefined) return alias.toLowerCase();
  if (s.kind === 'TableRef') return baseName(s.name).toLowerCase();
  return s.kind === 'TableVariableRef' ? s.variable.name.toLowerCase() : undefined;
}

/** The columns of a table or table variable as far as known: the scripts' tables, the procedure's table variables and #temps. */
function sourceColumns(t: TableRef | TableVariableRef, context: CrossEntityContext): ReadonlySet<string> | undefined {
  const local = localKey(t);
  if (local !== undefined) return context.localColumnsOf?.(local);
  return t.kind === 'TableRef' ? context.columnsOf(t.name) : undefined;
}

/**
 * Tables with the entity's column that a query joins to each other on other columns (`JOIN
 * dbo.[Sales Rep] m ON m.[Rep Id] = r.[Manager Id]`): the row joined is another entity's, which
 * the slice does not hold. Each such table must be tied to the others by `a.[Rep] = b.[Rep]`, or
 * pinned to one entity (`a.[Rep] = @Rep`, the outer row's entity column). The ties run through every source,
 * a table variable, a #temp or a derived table too (`mb.[Member Id] = r.[Member Id]` and `b.[Member
 * Id] = r.[Member Id]` tie mb to b through @Rolling r). A table whose columns are not known (a
 * #temp or table variable declared nowhere in sight, a CTE) is reported only when joined to itself.
 */
function joinReads(q: QuerySpec, names: ReadonlySet<string>, entity: string, context: CrossEntityContext): CrossEntityRead[] {
  const sources = q.from.flatMap(joined);
  const refs = sources.filter((s): s is TableRef | TableVariableRef => s.kind === 'TableRef' || s.kind === 'TableVariableRef');
  const key = (t: TableRef | TableVariableRef): string => (t.kind === 'TableVariableRef' ? t.variable.name.toLowerCase() : normalizeObjectName(t.name));
  const tables = refs.filter((t) => {
    const columns = sourceColumns(t, context);
    return columns === undefined ? refs.filter((x) => key(x) === key(t)).length > 1 : [...names].some((n) => columns.has(n));
  });
  if (tables.length < 2) return [];
  const aliasOf = (t: TableRef | TableVariableRef): string => sourceAlias(t) ?? '';
  const local = localAliases(q);
  const PINNED = '';
  const parent = new Map<string, string>([[PINNED, PINNED], ...sources.flatMap((s): [string, string][] => { const a = sourceAlias(s); return a === undefined ? [] : [[a, a]]; })]);
  const find = (a: string): string => { let r = a; while (parent.get(r) !== r) r = parent.get(r) ?? r; return r; };
  const union = (a: string, b: string): void => { parent.set(find(a), find(b)); };
  const conditions = [...(q.where === undefined ? [] : [q.where]), ...q.from.flatMap(onsOf)].flatMap(andTerms);
  for (const c of conditions) {
    if (c.kind !== 'Binary' || c.operator !== '=') continue;
    const a = entityAlias(c.left, names);
    const b = entityAlias(c.right, names);
    if (a !== undefined && b !== undefined && parent.has(a) && parent.has(b)) union(a, b);
    else if (a !== undefined && parent.has(a) && pinsToOuterEntity(c.right, names, local, context.foreignVariables ?? NO_VARIABLES)) union(a, PINNED);
    else if (b !== undefined && parent.has(b) && pinsToOuterEntity(c.left, names, local, context.foreignVariables ?? NO_VARIABLES)) union(b, PINNED);
  }
  const first = find(aliasOf(tables[0] as TableRef | TableVariableRef));
  const apart = tables.find((t) => find(aliasOf(t)) !== first);
  return apart === undefined ? [] : [{ construct: `${sourceText(apart)} ${aliasOf(apart)} joined on other columns than ${entity} (the row of another ${entity})`, node: apart }];
}

/**
 * `TOP (1) WITH TIES … ORDER BY ROW_NUMBER() OVER (PARTITION BY <entity> …)` (or RANK, DENSE_RANK):
 * the rows numbered 1, and every partition has some, so an entity's rows kept are its own
 * partitions' first ones: the "one row per key" idiom. Not TOP (2), which takes rows numbered 2
 * only when there is one partition, nor a descending order (the largest number of all partitions).
 */
function firstOfEachPartition(q: QuerySpec, select: Select | undefined, names: ReadonlySet<string>): boolean {
  const top = q.top;
  const only = select?.orderBy.length === 1 ? select.orderBy[0] : undefined;
  if (top === undefined || !top.withTies || top.percent || top.expression.kind !== 'Literal' || Number(top.expression.value) !== 1 || only === undefined || only.direction === 'DESC') return false;
  const f = only.expression;
  if (f.kind !== 'FunctionCall' || f.over === undefined || f.name.parts.length !== 1) return false;
  return ['ROW_NUMBER', 'RANK', 'DENSE_RANK'].includes((f.name.parts[0]?.name ?? '').toUpperCase()) && namesEntity(f.over.partitionBy, names);
}

/** A TOP clause as written, for the note: `TOP (1) WITH TIES`, `TOP (@Batch) PERCENT`. */
function topText(top: Top): string {
  const e = top.expression;
  const value = e.kind === 'Literal' ? e.value : e.kind === 'Variable' ? e.name : '…';
  return `TOP (${value})${top.percent ? ' PERCENT' : ''}${top.withTies ? ' WITH TIES' : ''}`;
}

/** A table's name as T-SQL writes it (`dbo.[Sales Rep]`, `@Rolling`). */
function sourceText(t: TableRef | TableVariableRef): string {
  return t.kind === 'TableVariableRef' ? t.variable.name : tableText(t);
}

/** A table's name as T-SQL writes it (`dbo.[Sales Rep]`). */
function tableText(t: TableRef): string {
  return t.name.parts.map((p) => (/^[A-Za-z_#@][\w#@$]*$/.test(p.name) ? p.name : `[${p.name.replace(/\]/g, ']]')}]`)).join('.');
}

/** Every ON condition of a FROM item. */
function onsOf(src: TableSource): Expression[] {
  return src.kind === 'Join' ? [...onsOf(src.left), ...onsOf(src.right), ...(src.on === undefined ? [] : [src.on])] : [];
}

/**
 * An inline table-valued function passed the entity's column (`dbo.tvf_RepOrders(s.[Rep Id], …)`)
 * whose own WHERE lets rows of other entities through (`o.[Rep Id] = @RepId OR o.[Split Rep Id]
 * = @RepId`: the orders of other reps split with this one): named at the call, with the line of
 * the function's query.
 */
function functionReads(statement: Statement, names: (q: QuerySpec | undefined) => ReadonlySet<string>, entity: string, context: CrossEntityContext, queries: readonly QuerySpec[]): CrossEntityRead[] {
  const out: CrossEntityRead[] = [];
  for (const ref of findAll(statement, 'TableFunctionRef')) {
    if (ref.call.kind !== 'FunctionCall') continue;
    const call = ref.call;
    const outer = names(queries.filter((x) => findAll(x, 'TableFunctionRef').includes(ref)).pop());
    const fed = call.args.map((a, i) => (namesEntity([a], outer) ? i : -1)).filter((i) => i >= 0);
    const fn = fed.length === 0 ? undefined : context.inlineFunction(call.name);
    const body = fn?.definition.body[0];
    const select = body?.kind === 'Return' && body.expression?.kind === 'Subquery' ? body.expression.query : undefined;
    if (fn === undefined || select === undefined) continue;
    const own = new Set([entity.toLowerCase()]);
    const params = fed.map((i) => fn.definition.parameters[i]?.name).filter((p): p is string => p !== undefined);
    for (const q of topSpecs(select)) {
      const local = localAliases(q);
      const pinnedToParam = (e: Expression): boolean => keepsEntityRows(e, own, local) && findAll(e, 'Variable').some((v) => params.some((p) => p.toLowerCase() === v.name.toLowerCase()));
      const table = q.from.flatMap((s) => findAll(s, 'TableRef')).find((t) => carriesEntity(t, own, context));
      if (table === undefined || (q.where !== undefined && andTerms(q.where).some(pinnedToParam))) continue;
      out.push({ construct: `${call.name.parts.map((p) => p.name).join('.')}(…) reads rows of other ${entity} values (its WHERE at ${fn.file}:${(q.where ?? q).span.start.line} does not keep ${entity} = ${params.join(', ')})`, node: ref });
      break;
    }
  }
  return out;
}

/**
 * The constructs of `statements` that combine rows of several entities: an aggregate of a query
 * that neither groups by the entity column nor keeps one entity's rows (a correlated `WHERE t.Rep
 * = o.Rep`, a function passed `o.Rep`), a window function whose PARTITION BY does not name it, a
 * subquery used as a value that reads every entity's rows, tables with the entity's column
 * joined on other columns, and an inline function that reads other entities' rows.
 */
export function crossEntityReads(statements: readonly Statement[], entity: string, scripts: CrossEntityContext = NO_CONTEXT): CrossEntityRead[] {
  const out: CrossEntityRead[] = [];
  const declared = localTableColumns(statements);
  const cutColumns = cutThroughColumns(statements, entity, scripts.columnsOf);
  const base: CrossEntityContext = { ...scripts, localColumnsOf: (key) => (declared.has(key) ? declared.get(key) : scripts.localColumnsOf?.(key)), foreignVariables: foreignKeyVariables(statements, entity), cutThroughKeys: new Set(cutColumns.keys()), cutColumns };
  // a #temp with the entity's column (declared, or renamed into it by an alias) is never entity-free
  const free = [...entityFreeTemps(statements, (q, known) => readsEntityRows(q, entityNames(q, entity, undefined), { ...base, entityFreeTemps: known }))]
    .filter((k) => { const columns = declared.get(k); return columns !== undefined && !columns.has(entity.toLowerCase()); });
  const withFree: CrossEntityContext = { ...base, entityFreeTemps: new Set(free) };
  // work tables a loop empties each pass: a source table keeps the pass when it holds no entity's
  // rows, or is one the slice cuts through a key (a rate table) pinned to the pass's variable
  const passLocal = passLocalTables(statements, (t, q, local) => {
    const ctx: CrossEntityContext = { ...withFree, passLocal: local };
    if (!carriesEntity(t, new Set([entity.toLowerCase()]), { ...ctx, cutThroughKeys: undefined })) return !(withFree.cutThroughKeys?.has(normalizeObjectName(t.name)) === true) || pinnedToVariable(q, t);
    return false;
  });
  const context: CrossEntityContext = { ...withFree, passLocal };
  // the query of a WHILE that walks the entity keys in place of a cursor, picking the next key
  // (next-entity-key.ts): no read across entities when the loop sets no other variable and keeps
  // the picked key in every statement it repeats (those are judged here on their own too)
  const own = new Set([entity.toLowerCase()]);
  const loops = statements.flatMap((st) => findAll(st, 'While')).filter((w) => walksEntityKeys(w, entity.toLowerCase(), (t) => carriesEntity(t, own, context), () => true));
  const picksKey = (q: QuerySpec, ordered: Select | undefined, names: ReadonlySet<string>): boolean => picksNextEntityKey(q, ordered, names) && loops.some((w) => w.span.start.offset <= q.span.start.offset && q.span.end.offset <= w.span.end.offset);
  // a loop that walks the keys but for a variable it carries from one entity to the next (`SET @Seq
  // = @Seq + 1`): that assignment is what combines entities, named in place of the key pick
  const carrying = statements.flatMap((st) => findAll(st, 'While')).flatMap((w) => {
    const carried = carriedAcrossEntities(w, entity.toLowerCase(), (t) => carriesEntity(t, own, context), () => true);
    return carried === undefined ? [] : [{ loop: w, carried }];
  });
  const carriedBy = (q: QuerySpec, ordered: Select | undefined, names: ReadonlySet<string>): Extract<Node, { kind: 'Variable' }> | undefined => (picksNextEntityKey(q, ordered, names) ? carrying.find(({ loop: w }) => w.span.start.offset <= q.span.start.offset && q.span.end.offset <= w.span.end.offset)?.carried : undefined);
  const namedCarriers = new Set<Node>();
  for (const statement of statements) {
    // the INSERT … SELECT a query feeds, whose column list may name the entity for it
    const inserts = findAll(statement, 'Insert');
    const namesIn = (q: QuerySpec): Set<string> => entityNames(q, entity, inserts.find((n) => n.columns.length > 0 && findAll(n.source as Node, 'QuerySpec')[0] === q)?.columns.map((c) => c.name));
    const queries = findAll(statement, 'QuerySpec');
    const named = new Set<QuerySpec>();
    // the queries of subqueries used as values, which subqueryReads judges whole
    const valueQueries = new Set([...findAll(statement, 'In').flatMap((n) => (n.query === undefined ? [] : [n.query])), ...findAll(statement, 'Exists').map((n) => n.query), ...findAll(statement, 'QuantifiedComparison').map((n) => n.query), ...findAll(statement, 'Subquery').map((n) => n.query)].flatMap(topSpecs));
    for (const q of queries) {
      const names = namesIn(q);
      out.push(...joinReads(q, names, entity, context));
      // TOP (1) WITH TIES … ORDER BY picks among the rows of every entity (the top earner of all
      // members), unless its rows are one entity's; one inside a query named already is that query's
      const within = [...named].some((n) => n !== q && findAll(n, 'QuerySpec').includes(q));
      const ordered = findAll(statement, 'Select').find((sel) => sel.body === q);
      const carrier = carriedBy(q, ordered, names);
      if (carrier !== undefined) {
        named.add(q);
        if (!namedCarriers.has(carrier)) out.push({ construct: `${carrier.name}, a variable the loop walking the ${entity} keys carries from one ${entity} to the next`, node: carrier });
        namedCarriers.add(carrier);
        continue;
      }
      // a rate table the slice cuts through its key, read where that key is pinned to the entity's value
      const pinned = (): boolean => pinnedCutReads(q, statement, { cutColumns, carries: (t) => carriesEntity(t, names, context) });
      if (q.top !== undefined && !valueQueries.has(q) && !within && !firstOfEachPartition(q, ordered, names) && !picksKey(q, ordered, names) && readsEntityRows(q, names, context) && !keepsOneEntity(q, names, namesIn, false, context.foreignVariables) && !pinned()) {
        named.add(q);
        out.push({ construct: `${topText(q.top)} over rows of every ${entity}`, node: q.top });
      }
      // PIVOT groups by every source column but its aggregated and FOR ones: by the entity's
      // when the query selects it (`SELECT pv.Lob, pv.[1] … PIVOT (SUM(Paid) FOR Dev IN ([1]))`)
      const perEntity = (f: FunctionCall): boolean => findAll(q, 'Pivot').some((p) => p.aggregate === f && !namesEntity([f, p.forColumn], names) && namesEntity(q.items, names));
      const aggregates = ownAggregates(q).filter((f) => !perEntity(f));
      if (aggregates.length === 0 || !readsEntityRows(q, names, context) || picksKey(q, ordered, names)) continue;
      if (!named.has(q) && !keepsOneEntity(q, names, namesIn, true, context.foreignVariables) && !pinned()) {
        named.add(q);
        out.push({ construct: `${(aggregates[0] as FunctionCall).name.parts.map((p) => p.name).join('.')}(…) over rows of every ${entity}`, node: aggregates[0] as FunctionCall });
      }
    }
    out.push(...subqueryReads(statement, entity, context, named));
    for (const l of foreignKeyLookups(statement, entity, context.foreignVariables ?? NO_VARIABLES)) out.push({ construct: `${entity} = ${l.variable}, a variable holding another column's value (the row of another ${entity})`, node: l.node });
    out.push(...functionReads(statement, (q) => (q === undefined ? new Set([entity.toLowerCase()]) : namesIn(q)), entity, context, queries));
    for (const f of findAll(statement, 'FunctionCall')) {
      if (f.over === undefined) continue;
      // the innermost query holding the call: its items may rename the entity's column
      const q = queries.filter((x) => findAll(x, 'FunctionCall').includes(f)).pop();
      if (namesEntity(f.over.partitionBy, q === undefined ? new Set([entity.toLowerCase()]) : namesIn(q))) continue;
      if (q !== undefined && !readsEntityRows(q, namesIn(q), context)) continue;
      out.push({ construct: `${f.name.parts.map((p) => p.name).join('.')}() OVER (${f.over.partitionBy.length === 0 ? 'no PARTITION BY' : `a PARTITION BY without ${entity}`})`, node: f });
    }
  }
  return out.sort((a, b) => a.node.span.start.offset - b.node.span.start.offset);
}

/**
 * What the scripts define that crossEntityReads judges by: the tables in effect's columns, the
 * inline functions in effect, and the table variables and #temps `procedure` (the whole body of
 * the procedure a section's statements are cut from) declares.
 */
export function crossEntityContext(scripts: readonly ParsedScript[], procedure: readonly Statement[] = []): CrossEntityContext {
  const locals = localTableColumns(procedure);
  const columns = new Map<string, Set<string>>();
  for (const create of tablesInEffect(scripts).creates) columns.set(normalizeObjectName(create.name), new Set(create.definition.columns.map((c) => c.name.name.toLowerCase())));
  // a table an ALTER TABLE changes may gain the entity's column there: its columns are not known
  for (const script of scripts) for (const batch of script.batches) for (const st of batch.statements) for (const alter of findAll(st, 'AlterTable')) columns.delete(normalizeObjectName(alter.name));
  const catalog = emptyCatalog();
  collectCatalog(catalog, scripts);
  return {
    columnsOf: (name) => columns.get(normalizeObjectName(name)),
    localColumnsOf: (key) => locals.get(key),
    inlineFunction: (name) => {
      const fn = catalog.functions.get(objectKey(name.parts));
      return fn === undefined || fn.definition.functionType !== 'inline' ? undefined : { definition: fn.definition, file: fn.script.file };
    },
  };
}
