import type { ColumnRef, Expression, Identifier, Select, SelectItem } from '../../../tsql';
import { walk } from '../../../tsql';
import { SqlTranslator } from '../expressions';
import { AGGREGATE_NAMES } from '../functions';
import { resolveTable } from '../queries';
import type { EmulatorState, TableInfo } from '../state';

/*
 * A cursor that sees changes (not STATIC) is checked at FETCH against its query run again
 * (cursor-changes.ts). When the loop changed the row it is on, whether that row can come again
 * is decided by its ORDER BY values (cursor-order-key.ts), and which row it is by a unique key of
 * the cursor's table. The legacy loop rarely selects either: `SELECT InvoiceId, OpenAmount …
 * ORDER BY InvoiceDate, InvoiceId` returns no InvoiceDate. So OPEN runs the query with those
 * values as extra columns after the ones it returns; FETCH INTO assigns only the returned ones,
 * and the check reads the rest. Only what cannot change the query's rows is added: plain columns
 * (no function that could draw a value, no subquery), never to a DISTINCT or set-operation query
 * (an added column would change its rows).
 */

/** Where a value the check needs sits in a row: among the columns the cursor returns, or the hidden ones after them. */
export interface Place {
  readonly hidden: boolean;
  readonly at: number;
}

/** Where a cursor's rows hold what the change check needs. */
export interface CursorColumns {
  /** The query OPEN runs: the cursor's own, or it with the hidden columns after its select list. */
  readonly query: Select;
  /** How many columns at the end of each row the cursor does not return. */
  readonly hidden: number;
  /** The ORDER BY values, in ORDER BY order; undefined when they cannot be carried. */
  readonly order: readonly Place[] | undefined;
  /** A unique key of the cursor's one table; undefined when there is none to carry. */
  readonly identity: readonly Place[] | undefined;
}

const known = new WeakMap<Select, { readonly table: TableInfo | undefined; readonly columns: CursorColumns }>();

/** The columns OPEN reads for a cursor over `query` (`watched`: not STATIC, so FETCH may check it). */
export function cursorColumns(state: EmulatorState, query: Select, watched: boolean): CursorColumns {
  const plain: CursorColumns = { query, hidden: 0, order: undefined, identity: undefined };
  const spec = query.body;
  if (!watched || query.orderBy.length === 0 || spec.kind !== 'QuerySpec' || spec.distinct || query.forClause !== undefined) return plain;
  const table = singleTable(state, query);
  const cached = known.get(query);
  if (cached !== undefined && cached.table === table) return cached.columns;
  const columns = widened(query, table) ?? plain;
  known.set(query, { table, columns });
  return columns;
}

/** The query with its ORDER BY columns (and the table's key) added, or undefined when the ORDER BY cannot be carried. */
function widened(query: Select, table: TableInfo | undefined): CursorColumns | undefined {
  const spec = query.body;
  if (spec.kind !== 'QuerySpec') return undefined;
  const items = spec.items;
  // Select-list positions are row positions only while no `*` stands among the items.
  const starFree = items.every((i) => i.kind === 'SelectItem');
  const written = (e: Expression): string | undefined => (e.kind === 'ColumnRef' ? e.parts.map((p) => p.name.toLowerCase()).join('.') : undefined);
  const extra: Expression[] = [];
  const order: Place[] = [];
  for (const o of query.orderBy) {
    const e = o.expression;
    if (e.kind === 'Literal' && e.literalType === 'integer') {
      order.push({ hidden: false, at: Number(e.value) - 1 }); // a position in the select list
      continue;
    }
    if (e.kind !== 'ColumnRef') return undefined;
    const name = e.parts.length === 1 ? e.parts[0]?.name.toLowerCase() : undefined;
    // A bare name is the select list's alias before it is a column of the FROM (order-and-window.ts):
    // only its select-list position gives its value.
    const aliased = name === undefined ? [] : items.flatMap((item, i) => (item.kind === 'SelectItem' && item.alias?.name.toLowerCase() === name ? [i] : []));
    if (aliased.length > 1 || (aliased.length > 0 && !starFree)) return undefined;
    const at = aliased[0] ?? items.findIndex((item) => item.kind === 'SelectItem' && item.alias === undefined && written(item.expression) === written(e));
    if (at >= 0 && starFree) {
      order.push({ hidden: false, at });
    } else {
      order.push({ hidden: true, at: extra.length });
      extra.push(e);
    }
  }
  const key = table === undefined || !keyable(query) ? undefined : table.uniqueKeys?.[0];
  const identity = key?.map((col): Place => {
    extra.push(columnRef(col, query.span));
    return { hidden: true, at: extra.length - 1 };
  });
  const hidden: SelectItem[] = extra.map((expression, i) => ({
    kind: 'SelectItem', expression, aliasStyle: 'as', span: expression.span,
    alias: { kind: 'Identifier', name: `__cursor_hidden_${i}`, quote: 'none', span: expression.span },
  }));
  return {
    query: hidden.length === 0 ? query : { ...query, body: { ...spec, items: [...items, ...hidden] } },
    hidden: hidden.length,
    order,
    identity,
  };
}

/**
 * The row positions of `places` in a row of `width` columns whose last `hidden` are hidden;
 * undefined when a returned one falls outside the returned columns (`ORDER BY 9` of three).
 */
export function rowPositions(places: readonly Place[] | undefined, width: number, hidden: number): readonly number[] | undefined {
  if (places === undefined) return undefined;
  const shown = width - hidden;
  const out = places.map((p) => (p.hidden ? shown + p.at : p.at));
  return places.every((p) => p.at >= 0 && p.at < (p.hidden ? hidden : shown)) ? out : undefined;
}

/** The one table a cursor reads, when its FROM is a single table name that resolves to a table now. */
function singleTable(state: EmulatorState, query: Select): TableInfo | undefined {
  const spec = query.body;
  const source = spec.kind === 'QuerySpec' && spec.from.length === 1 ? spec.from[0] : undefined;
  if (source?.kind !== 'TableRef') return undefined;
  try {
    return resolveTable(new SqlTranslator(state), source.name.parts.map((p) => p.name).join('.'));
  } catch {
    return undefined; // a view, a CTE, a synonym: no key to carry
  }
}

/** Whether a key column may be added: each row of the query is one row of its table (no grouping or aggregate). */
function keyable(query: Select): boolean {
  const spec = query.body;
  if (spec.kind !== 'QuerySpec' || spec.groupBy !== undefined || spec.having !== undefined || query.ctes.length > 0) return false;
  let rowPerRow = true;
  walk({ ...spec, from: [], where: undefined }, (n) => {
    if (n.kind === 'Select') return false; // a subquery's aggregates are its own
    if (n.kind === 'FunctionCall' && n.over === undefined && n.name.parts.length === 1 && AGGREGATE_NAMES.has((n.name.parts[0]?.name ?? '').toUpperCase())) rowPerRow = false;
    return rowPerRow;
  });
  return rowPerRow;
}

function columnRef(name: string, span: Expression['span']): ColumnRef {
  const part: Identifier = { kind: 'Identifier', name, quote: 'bracket', span };
  return { kind: 'ColumnRef', parts: [part], span };
}
