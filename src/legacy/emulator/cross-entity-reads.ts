import { findAll, type Expression, type FunctionCall, type Node, type QuerySpec, type Statement } from '../../tsql';

// `sections record --from-data` records a section on one entity's slice of the data at a time
// (the `@entity` column). A section whose statements combine rows of several entities (a grand
// total `SELECT @Total = SUM(Amount) FROM …`, `PERCENT_RANK() OVER (PARTITION BY WeekStart …)`
// across reps) is recorded right for that slice (the emulator runs the legacy statements on it),
// but every scenario then holds a single entity: a transform that totals or ranks per entity
// passes them, and only acceptance on the whole data would tell. Such statements are named, so
// the person adds a scenario with several entities by hand.

const AGGREGATES = new Set(['sum', 'count', 'count_big', 'avg', 'min', 'max', 'string_agg', 'stdev', 'stdevp', 'var', 'varp', 'checksum_agg', 'grouping', 'approx_count_distinct']);

/** One construct that combines rows of several entities, as the code writes it, with its node. */
export interface CrossEntityRead {
  readonly construct: string;
  readonly node: Node;
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

/**
 * Whether query `q` sees one entity's rows at a time: it groups by or filters on the entity's
 * column, or reads nothing but one derived table that does (`OUTER APPLY (SELECT MAX(x.v) FROM
 * (SELECT TOP (3) … WHERE r.[Customer ID] = c.[Customer ID] …) x)`: the last reads of one customer).
 */
function keepsOneEntity(q: QuerySpec, names: ReadonlySet<string>, namesIn: (q: QuerySpec) => Set<string>): boolean {
  if (q.groupBy !== undefined && namesEntity(q.groupBy.items, names)) return true;
  if (q.where !== undefined && namesEntity([q.where], names)) return true;
  const only = q.from.length === 1 ? q.from[0] : undefined;
  const inner = only?.kind === 'DerivedTable' && only.query.body.kind === 'QuerySpec' ? only.query.body : undefined;
  return inner !== undefined && keepsOneEntity(inner, namesIn(inner), namesIn);
}

/**
 * The constructs of `statements` that combine rows of several entities: an aggregate of a query
 * that neither groups by the entity column nor filters on it (a correlated `WHERE t.Rep = o.Rep`
 * keeps one entity), and a window function whose PARTITION BY does not name it.
 */
export function crossEntityReads(statements: readonly Statement[], entity: string): CrossEntityRead[] {
  const out: CrossEntityRead[] = [];
  for (const statement of statements) {
    // the INSERT … SELECT a query feeds, whose column list may name the entity for it
    const inserts = findAll(statement, 'Insert');
    const namesIn = (q: QuerySpec): Set<string> => entityNames(q, entity, inserts.find((n) => n.columns.length > 0 && findAll(n.source as Node, 'QuerySpec')[0] === q)?.columns.map((c) => c.name));
    const queries = findAll(statement, 'QuerySpec');
    for (const q of queries) {
      const names = namesIn(q);
      // PIVOT groups by every source column but its aggregated and FOR ones: by the entity's
      // when the query selects it (`SELECT pv.Lob, pv.[1] … PIVOT (SUM(Paid) FOR Dev IN ([1]))`)
      const perEntity = (f: FunctionCall): boolean => findAll(q, 'Pivot').some((p) => p.aggregate === f && !namesEntity([f, p.forColumn], names) && namesEntity(q.items, names));
      const aggregates = ownAggregates(q).filter((f) => !perEntity(f));
      if (aggregates.length === 0) continue;
      if (!keepsOneEntity(q, names, namesIn)) out.push({ construct: `${(aggregates[0] as FunctionCall).name.parts.map((p) => p.name).join('.')}(…) over rows of every ${entity}`, node: aggregates[0] as FunctionCall });
    }
    for (const f of findAll(statement, 'FunctionCall')) {
      if (f.over === undefined) continue;
      // the innermost query holding the call: its items may rename the entity's column
      const q = queries.filter((x) => findAll(x, 'FunctionCall').includes(f)).pop();
      if (namesEntity(f.over.partitionBy, q === undefined ? new Set([entity.toLowerCase()]) : namesIn(q))) continue;
      out.push({ construct: `${f.name.parts.map((p) => p.name).join('.')}() OVER (${f.over.partitionBy.length === 0 ? 'no PARTITION BY' : `a PARTITION BY without ${entity}`})`, node: f });
    }
  }
  return out.sort((a, b) => a.node.span.start.offset - b.node.span.start.offset);
}
