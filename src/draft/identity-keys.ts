import type { SourceSpan } from '../core';
import type { Expression, OrderByItem, Select, SelectItem } from '../tsql';
import type { DraftColumn, Refusal } from './draft-model';
import { locatedStop, refuseAt, type DraftContext, type TableState } from './draft-scope';
import { placeholderTable, quoteName, stringLiteral } from './sql-text';
import { duckTypeOf } from './sql-types';

/*
 * The values an INSERT gives the IDENTITY column it leaves out (a dimension's surrogate key).
 * SQL Server draws them from the table's counter: the seed for a table that never held a row,
 * else the counter's last value plus the increment, once per row; an `INSERT … SELECT … ORDER BY`
 * numbers its rows in the ORDER BY's order (the INSERT page's guarantee), any other several rows
 * in the order its plan meets them. A spec's Given gives the table's rows, not its counter: the
 * draft takes the counter as its largest key from the seed on (smallest for a negative
 * increment), the seed minus the increment for a table without one, as `migrate capture` and
 * `sections record` load a table (the emulator's identity follows the largest loaded value).
 * Within the section it follows the rows the draft's own INSERTs added; after any other statement
 * changed the table (a DELETE may have removed the rows holding the largest keys, which SQL
 * Server's counter keeps) it refuses.
 */

/** The name the row number an INSERT … SELECT … ORDER BY gives its rows takes in the SELECT. */
export const IDENTITY_ROW_NUMBER = '__identity_rn';

/** Per draft: table key -> the relations holding the table's rows after the draft's own identity INSERTs. */
const numbered = new WeakMap<DraftContext, Map<string, Set<string>>>();

/**
 * The SELECT of an `INSERT … SELECT … ORDER BY` with its rows' numbers as one more column
 * (`ROW_NUMBER() OVER (ORDER BY …)`: rows tied in that order stop the drafted query, as any
 * ROW_NUMBER over ties does), its ORDER BY moved there; the SELECT as it is without ORDER BY.
 * Select-list aliases and positions in the ORDER BY stand for their expressions, which is what
 * SQL Server orders by.
 */
export function numberedSelect(ctx: DraftContext, select: Select, column: DraftColumn): Select | Refusal {
  if (select.orderBy.length === 0) return select;
  const spec = select.body;
  const refuse = (why: string): Refusal => refuseAt(ctx, select.span, `identity column ${column.name}`, why);
  if (spec.kind !== 'QuerySpec') return refuse('the INSERT … SELECT … ORDER BY numbers the rows of a UNION, INTERSECT or EXCEPT: not translated');
  if (spec.distinct || spec.top) return refuse(`the INSERT … SELECT ${spec.distinct ? 'DISTINCT' : 'TOP'} … ORDER BY numbers its rows in that order: not translated`);
  const items = spec.items.filter((i): i is SelectItem => i.kind === 'SelectItem');
  const orderBy: OrderByItem[] = [];
  for (const o of select.orderBy) {
    const e = o.expression;
    let expression: Expression = e;
    if (e.kind === 'Literal' && e.literalType === 'integer') {
      const item = items[Number(e.value) - 1];
      if (item === undefined || item.expression.kind === 'Star') return refuse(`ORDER BY ${e.value}: no such select-list item`);
      expression = item.expression;
    } else if (e.kind === 'ColumnRef' && e.parts.length === 1) {
      const name = (e.parts[0]?.name ?? '').toLowerCase();
      const aliased = items.find((i) => i.alias?.name.toLowerCase() === name);
      if (aliased !== undefined) expression = aliased.expression;
    }
    orderBy.push({ ...o, expression });
  }
  // A tie stops the query located at the ORDER BY.
  const span = select.orderBy[0]?.span ?? select.span;
  const rowNumber: SelectItem = {
    kind: 'SelectItem', aliasStyle: 'as', span,
    alias: { kind: 'Identifier', name: IDENTITY_ROW_NUMBER, quote: 'none', span },
    expression: {
      kind: 'FunctionCall', span, args: [], distinct: false, star: false, withinGroup: [],
      name: { kind: 'ObjectName', parts: [{ kind: 'Identifier', name: 'ROW_NUMBER', quote: 'none', span }], span },
      over: { kind: 'WindowSpec', name: undefined, partitionBy: [], orderBy, frame: undefined, span },
    },
  };
  return { ...select, orderBy: [], body: { ...spec, items: [...spec.items, rowNumber] } };
}

/**
 * The SELECT item giving `column` (the table's IDENTITY column, which the INSERT leaves out)
 * its value: row `rowNumber` of the INSERT (SQL over the new rows; undefined: one row, or rows
 * without an order, which stop the drafted query when there are several), or why not.
 */
export function identityItem(ctx: DraftContext, key: string, state: TableState, column: DraftColumn, rowNumber: string | undefined, at: { readonly span: SourceSpan }, valueOnly = false): string | Refusal {
  const spec = column.identity;
  if (spec === undefined) return refuseAt(ctx, at.span, `identity column ${column.name}`, 'not an identity column');
  const own = numbered.get(ctx)?.get(key);
  const unchanged = state.empty === true || state.relation === placeholderTable(state.displayName) || own?.has(state.relation) === true;
  if (!unchanged) return refuseAt(ctx, at.span, `identity column ${column.name}`, 'another statement of the section changed the table before this INSERT (a DELETE may have removed the rows holding its largest keys, which SQL Server\'s identity counter keeps): write this part by hand');
  const duck = duckTypeOf(column.type);
  if (duck === undefined || !['int', 'decimal'].includes(column.type.family)) return refuseAt(ctx, at.span, `identity column ${column.name}`, 'an identity column of this type is not translated');
  const before = spec.seed - spec.increment;
  // Keys on the far side of the seed (a dimension's unknown member -1 under IDENTITY(1,1), old
  // batch ids under a later seed) were inserted explicitly and never moved the counter: the
  // emulator loads a table so (tables.ts resetIdentity), and the first new row gets the seed.
  const last = state.empty === true ? `${before}`
    : `coalesce((SELECT ${spec.increment > 0n ? 'max' : 'min'}(${quoteName(column.name)}) FROM ${state.relation} WHERE ${quoteName(column.name)} ${spec.increment > 0n ? '>=' : '<='} ${spec.seed}), ${before})`;
  const value = `CAST(${last} + ${rowNumber ?? '1'} * (${spec.increment}) AS ${duck})`;
  if (valueOnly) return value;
  if (rowNumber !== undefined) return `${value} AS ${quoteName(column.name)}`;
  const stop = locatedStop(ctx, at.span, `identity values of ${column.name} for several rows without ORDER BY: SQL Server numbers them in the order its plan meets them`);
  return `(CASE WHEN count(*) OVER () > 1 THEN error(${stringLiteral(stop)}) ELSE ${value} END) AS ${quoteName(column.name)}`;
}

/** The identity value a one-row INSERT into `key` (as `state` holds it before the INSERT) gives its row: what SCOPE_IDENTITY() reads after it. */
export function nextIdentityValue(ctx: DraftContext, key: string, state: TableState, column: DraftColumn, at: { readonly span: SourceSpan }): string | Refusal {
  return identityItem(ctx, key, state, column, undefined, at, true);
}

/** After an INSERT numbered `key`'s identity column: `relation` holds the table's rows, its counter their largest key. */
export function noteNumberedRelation(ctx: DraftContext, key: string, relation: string): void {
  let tables = numbered.get(ctx);
  if (tables === undefined) { tables = new Map(); numbered.set(ctx, tables); }
  const set = tables.get(key) ?? new Set<string>();
  set.add(relation);
  tables.set(key, set);
}

/**
 * An `INSERT … SELECT` without ORDER BY numbering the identity column: the rows get the counter's
 * next values in the order SQL Server's plan meets them (here `row_number() OVER ()`'s), which is
 * certain only for one row. The column is marked so that a later read of it (by name or `*`, or
 * the section's output) stops where the INSERT added several rows (`new`: the CTE of its rows),
 * as the emulator taints only a statement that reads it: one that never does runs.
 */
export function unorderedNumbering(ctx: DraftContext, column: DraftColumn, added: string, at: { readonly span: SourceSpan }): { rowNumber: string; column: DraftColumn } {
  const stop = locatedStop(ctx, at.span, `identity values of ${column.name} for several rows without ORDER BY, read later: SQL Server numbers them in the order its plan meets them`);
  const mark = { when: `(SELECT count(*) FROM ${added}) > 1`, error: `error(${stringLiteral(stop)})` };
  return { rowNumber: 'row_number() OVER ()', column: { ...column, unordered: [...(column.unordered ?? []), mark] } };
}
