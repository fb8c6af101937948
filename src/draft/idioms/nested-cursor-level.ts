import { findAll, isAggregateCall, type Expression, type Node, type Statement, type TableSource } from '../../tsql';
import { and, columnOf, item, query, substituteVariables } from './ast-build';
import { writtenRead } from './entity-reads';
import { isIdiomRefusal, matchCursorLoop, refuse, spelled, variablesRead, variablesWritten, varKey, type IdiomRefusal } from './loop-shape';
import type { Level, Walk } from './entity-statements';

/*
 * Idiom (f) with a cursor nested in the cursor over entities: a payroll's `emp_cur` over the
 * employees opens `wk_cur` over that employee's weeks (`… FROM #Weeks w WHERE w.[Employee ID] =
 * @EmpID`), computes each week's pay from the fetched hours and the employee's rate, and INSERTs a
 * row per week. Each pass of the inner loop is one row of the inner cursor's query for one entity;
 * when the passes carry nothing from row to row (a running value is a counter, refused where it
 * is read) and the query reads no table the loop writes, the rows of every entity are that query
 * joined to the entities, and the inner body's statements run once for all of them, as a walk
 * over keys does (the inner level's rows carry every fetched column, converted to its variable's
 * type as FETCH converts it). The inner cursor's ORDER BY only orders passes that commute.
 */

const OUTER = 'entity_cursor_outer';

/** What the nested walk needs of idiom (f)'s walker (entity-statements.ts). */
export interface NestedLevelTools {
  readonly walkStatements: (list: readonly Statement[], level: Level, guards: readonly Expression[]) => IdiomRefusal | undefined;
  readonly inline: <T extends Node>(e: T, at: Statement) => T | IdiomRefusal;
}

/**
 * The cursor loop starting at `list[i]`, inside a cursor over entities at `level`: walked as an
 * inner level whose rows are its query's for every entity. Returns how many statements after
 * `list[i]` it consumed (its OPEN, FETCH, WHILE, CLOSE, DEALLOCATE), or why it is no such loop.
 */
export function walkNestedCursor(w: Walk, list: readonly Statement[], i: number, level: Level, guards: readonly Expression[], tools: NestedLevelTools): IdiomRefusal | number {
  const inner = matchCursorLoop(list, i);
  const declare = list[i] as Statement;
  if (inner === undefined) return refuse(declare, 'a cursor declared inside the cursor over entities without its loop');
  if (isIdiomRefusal(inner)) return inner;
  const spec = inner.query.body;
  if (spec.kind !== 'QuerySpec' || inner.query.ctes.length > 0 || spec.groupBy || spec.having || spec.distinct || spec.top || spec.into || inner.query.offset || inner.query.fetch || inner.query.forClause) {
    return refuse(inner.query, `cursor ${inner.name} inside the cursor over entities: only a plain SELECT … FROM … WHERE (no WITH, GROUP BY, DISTINCT, TOP or set operation) is drafted as the entity's rows`);
  }
  const aggregated = findAll(spec, 'FunctionCall').find((f) => f.over !== undefined || isAggregateCall(f));
  if (aggregated) return refuse(aggregated, `cursor ${inner.name} inside the cursor over entities computes an aggregate or window: over every entity's rows at once it would mix them`);
  if (spec.items.length !== inner.into.length || spec.items.some((x) => x.kind !== 'SelectItem')) return refuse(inner.query, `cursor ${inner.name} selects ${spec.items.length} items and FETCH fills ${inner.into.length} variables`);
  if (findAll(inner.query, 'TableRef').some((t) => t.alias?.name.toLowerCase() === OUTER)) return refuse(inner.query, `the alias ${OUTER} is used by the loop itself`);
  const fetched = inner.into.map((v) => varKey(v.name));
  const taken = fetched.find((v) => w.keys.has(v) || v === w.key);
  if (taken !== undefined) return refuse(inner.declare, `cursor ${inner.name} fetches into ${spelled(inner.declare, taken)}, a key of the loop around it`);
  if (new Set(fetched).size !== fetched.length) return refuse(inner.declare, `cursor ${inner.name} fetches into one variable twice`);
  // a fetched variable read by the cursor's own query would be the previous entity's last row
  const own = [...variablesRead(inner.query)].find((v) => fetched.includes(v));
  if (own !== undefined) return refuse(inner.query, `cursor ${inner.name}'s query reads ${spelled(inner.query, own)}, which its own FETCH fills`);
  // its rows must be what OPEN reads for the entity whatever the loop changed before: no table the loop writes
  const reads = writtenRead(w, inner.query);
  if (reads.size > 0) return refuse(inner.query, `cursor ${inner.name} reads ${[...reads].join(', ')}, which the loop writes: the rows OPEN reads depend on the entities before`);
  // per-entity values it reads (the employee's rate) inlined; the level's keys become columns below
  const where = spec.where === undefined ? undefined : tools.inline(spec.where, inner.declare);
  if (where !== undefined && isIdiomRefusal(where)) return where;
  // a join's ON (`… JOIN dbo.Rate r ON r.Band = @Band`) reads them too
  const from: TableSource[] = [];
  for (const source of spec.from) {
    const inlined = tools.inline(source, inner.declare);
    if (isIdiomRefusal(inlined)) return inlined;
    from.push(inlined);
  }
  const items: Expression[] = [];
  for (const [k, x] of spec.items.entries()) {
    if (x.kind !== 'SelectItem') continue;
    const e = tools.inline(x.expression, inner.declare);
    if (isIdiomRefusal(e)) return e;
    const v = inner.into[k] as (typeof inner.into)[number];
    const dataType = w.dataTypes.get(varKey(v.name));
    if (!dataType) return refuse(inner.declare, `the DECLARE of ${v.name} is not found: the type FETCH converts its value to is unknown`);
    items.push({ kind: 'Cast', function: 'CAST', dataType, expression: e, style: undefined, culture: undefined, span: e.span });
  }
  w.reads.push(inner.query);
  const span = inner.declare.span;
  const rowsQuery = (alias: string): TableSource => {
    const keys = new Map(level.keys.map((k) => [k.variable, columnOf(OUTER, k.column, span) as Expression]));
    const cond = substituteVariables(guards.reduce<Expression | undefined>((a, g) => and(a, g, span), where), keys);
    const selected = [
      ...level.keys.map((k) => item(columnOf(OUTER, k.column, span), k.column, span)),
      ...items.map((e, k) => item(substituteVariables(e, keys), (inner.into[k]?.name ?? '').replace(/^@/, ''), span)),
    ];
    return { kind: 'DerivedTable', query: query(selected, [level.rows(OUTER), ...substituteVariables(from, keys)], cond, span), alias: { kind: 'Identifier', name: alias, quote: 'none', span }, columns: [], span };
  };
  const innerLevel: Level = { keys: [...level.keys, ...inner.into.map((v) => ({ variable: varKey(v.name), column: v.name.replace(/^@/, '') }))], rows: rowsQuery };
  for (const v of fetched) { w.locals.delete(v); w.unknown.delete(v); w.keys.add(v); }
  const r = tools.walkStatements(inner.body, innerLevel, []);
  if (r) return r;
  // After the loop the fetched variables, and what its passes set, hold the last row's values.
  for (const v of [...fetched, ...inner.body.flatMap((s) => [...variablesWritten(s)])]) {
    w.keys.delete(v);
    if (w.counters.has(v)) continue;
    w.locals.delete(v);
    w.unknown.set(v, `set in the loop over cursor ${inner.name}: after it, its value is the last row's`);
  }
  return inner.count - 1;
}
