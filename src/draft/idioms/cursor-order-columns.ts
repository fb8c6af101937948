import { walk, type Expression, type Identifier, type OrderByItem, type Select, type SelectItem } from '../../tsql';
import { refuse, type IdiomRefusal } from './loop-shape';

/*
 * A cursor walked in order is drafted as windows over its rows, ordered as the cursor is. Legacy
 * cursors rarely fetch every ORDER BY column: `SELECT [Account No], Amount FROM dbo.Entry ORDER BY
 * [Account No], [Posting Date], [Entry No]` fetches no date. As the emulator does for its change
 * check (legacy/emulator/cursors/cursor-hidden-columns.ts), the draft reads such a column as an extra
 * column after the fetched ones: FETCH INTO never sees it, the windows order by it. Adding a plain
 * column or expression never changes a query's rows unless the query is DISTINCT or a set
 * operation (and there SQL Server only orders by select-list columns anyway), so only those are
 * refused, and an expression drawing a new value per evaluation (NEWID(), RAND()): carried as a
 * column it would be drawn again, apart from the value the cursor was ordered by.
 */

/** Where one ORDER BY value sits in a cursor row: a fetched column, or a hidden one after them. */
export interface OrderPlace {
  readonly item: OrderByItem;
  readonly hidden: boolean;
  /** Position among the fetched columns, or among the hidden ones. */
  readonly at: number;
}

/** The cursor's query with its hidden order columns added, and where each ORDER BY value is. */
export interface CursorOrderColumns {
  readonly query: Select;
  readonly hidden: number;
  readonly order: readonly OrderPlace[];
}

/** A select item's output name: its alias, else the last part of a plain column. */
function outputName(item: SelectItem): string | undefined {
  if (item.alias) return item.alias.name.toLowerCase();
  const e = item.expression;
  return e.kind === 'ColumnRef' ? (e.parts[e.parts.length - 1] as Identifier).name.toLowerCase() : undefined;
}

/**
 * The select-list position an ORDER BY expression names, -1 when it names a column of the FROM
 * only, or a refusal. A bare name is looked up among the select list's output names first (an
 * alias hides a FROM column of the same name, as SQL Server resolves ORDER BY); `ORDER BY 2` is
 * a position. A name two items answer to is refused rather than guessed.
 */
export function orderItemIndex(o: OrderByItem, query: Select): number | IdiomRefusal {
  const spec = query.body;
  if (spec.kind !== 'QuerySpec') return refuse(o, 'the cursor query is a set operation: its ORDER BY is not drafted');
  // With `*` among the items, item positions are not column positions.
  if (!spec.items.every((i) => i.kind === 'SelectItem')) return -1;
  const items = spec.items as readonly SelectItem[];
  const e = o.expression;
  if (e.kind === 'Literal' && e.literalType === 'integer') {
    const at = Number(e.value) - 1;
    return at >= 0 && at < items.length ? at : refuse(o, `ORDER BY ${e.value}: the cursor query has ${items.length} columns`);
  }
  if (e.kind !== 'ColumnRef') return -1;
  const path = (parts: readonly Identifier[]): string => parts.map((p) => p.name.toLowerCase()).join('.');
  // `ORDER BY e.[Account No]` of a select item `e.[Account No]`: the same column, whatever its alias.
  if (e.parts.length > 1) return items.findIndex((it) => it.expression.kind === 'ColumnRef' && path(it.expression.parts) === path(e.parts));
  const name = (e.parts[0] as Identifier).name.toLowerCase();
  const named = items.flatMap((it, i) => (outputName(it) === name ? [i] : []));
  if (named.length > 1) return refuse(o, `ORDER BY ${(e.parts[0] as Identifier).name}: ${named.length} columns of the cursor query have that name`);
  return named[0] ?? -1;
}

/**
 * The cursor's query with the ORDER BY columns it does not return added after its select list
 * (FETCH INTO fills the returned ones only), or a refusal naming the ORDER BY item that cannot
 * be carried.
 */
export function cursorOrderColumns(query: Select): CursorOrderColumns | IdiomRefusal {
  const spec = query.body;
  const extra: SelectItem[] = [];
  const order: OrderPlace[] = [];
  for (const o of query.orderBy) {
    const at = orderItemIndex(o, query);
    if (typeof at !== 'number') return at;
    if (at >= 0) { order.push({ item: o, hidden: false, at }); continue; }
    if (spec.kind !== 'QuerySpec' || spec.distinct) return refuse(o, 'ORDER BY a column the cursor does not fetch, in a DISTINCT query');
    const drawn = drawnValue(o.expression);
    if (drawn) return refuse(o, `ORDER BY ${drawn}(): a value drawn per row orders the cursor in no single way (the draft would draw it again)`);
    order.push({ item: o, hidden: true, at: extra.length });
    const alias: Identifier = { kind: 'Identifier', name: `__cursor_order_${extra.length}`, quote: 'none', span: o.span };
    extra.push({ kind: 'SelectItem', expression: o.expression, alias, aliasStyle: 'as', span: o.expression.span });
  }
  if (extra.length === 0 || spec.kind !== 'QuerySpec') return { query, hidden: 0, order };
  return { query: { ...query, body: { ...spec, items: [...spec.items, ...extra] } }, hidden: extra.length, order };
}

const DRAWN = new Set(['NEWID', 'NEWSEQUENTIALID', 'RAND', 'CRYPT_GEN_RANDOM']);

/** The name of a function under `e` that draws a new value each time it runs, as written. */
function drawnValue(e: Expression): string | undefined {
  let found: string | undefined;
  walk(e, (n) => {
    if (found) return false;
    if (n.kind === 'FunctionCall' && n.name.parts.length === 1 && DRAWN.has((n.name.parts[0] as Identifier).name.toUpperCase())) found = (n.name.parts[0] as Identifier).name;
    return undefined;
  });
  return found;
}
