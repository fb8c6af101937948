import type { Expression, FunctionCall, OrderByItem } from '../tsql';
import { isRefusal, translated, type Refusal, type Translated } from './draft-model';
import { locatedStop, refuseAt, type DraftScope } from './draft-scope';
import { castTo } from './convert-value';
import { collationKey, collationOrderKey, decimalFromUnscaled, unscaledDigits, equatedTextStop, quoteName, stringLiteral, TEXT_ORDER_CHARS, TEXT_ORDER_NOTE } from './sql-text';
import { BIGINT, decimal, FLOAT, INT } from './sql-types';
import { translatePercentile } from './translate-percentile';
import { checkedBySort, draftSortDoubtSql, TEXT_ORDER_DOUBT, type DraftSortKey } from './text-order-doubt';
import { textExtreme } from './text-extremes';

/*
 * Window functions. SQL Server sorts NULL first ascending (DuckDB last), partitions and
 * orders text case-insensitively; the default frame with ORDER BY is RANGE … CURRENT ROW in
 * both engines.
 */

type Result = Translated | Refusal;
type Translate = (e: Expression, scope: DraftScope) => Result;

/**
 * ORDER BY items with SQL Server's NULL placement; text sorts by its collation order key
 * (letters, digits and accented letters order as SQL Server's default collation does; the
 * draft stops where punctuation decides the order: text-order-doubt.ts). `keys` receives each
 * item's sort key (no direction), `sortKeys` it with its text, for that check.
 */
export function translateOrderItems(items: readonly OrderByItem[], scope: DraftScope, tx: Translate, keys: string[] = [], sortKeys: DraftSortKey[] = []): string | Refusal {
  const out: string[] = [];
  for (const item of items) {
    const v = tx(item.expression, scope);
    if (isRefusal(v)) return v;
    const desc = item.direction === 'DESC';
    let sql = v.sql;
    if (v.type.family === 'string') {
      sql = collationOrderKey(v.sql, locatedStop(scope.ctx, item.span, TEXT_ORDER_CHARS));
      scope.ctx.notes.push(TEXT_ORDER_NOTE);
    }
    keys.push(sql);
    sortKeys.push({ key: sql, text: v.type.family === 'string' ? v.sql : undefined, stop: locatedStop(scope.ctx, item.span, `ORDER BY: ${TEXT_ORDER_DOUBT}`) });
    out.push(`${sql} ${desc ? 'DESC NULLS LAST' : 'ASC NULLS FIRST'}`);
  }
  return out.join(', ');
}

const RANKING: Readonly<Record<string, string>> = { row_number: 'row_number', rank: 'rank', dense_rank: 'dense_rank' };

/** The error a window function stops with when rows tie in its ORDER BY where their order matters. */
export const WINDOW_TIES = (name: string): string => `${name.toUpperCase()}() OVER rows tied in its ORDER BY: SQL Server takes them in the order its plan meets them`;

/** `f(…) OVER (PARTITION BY … ORDER BY … [frame])` with SQL Server's result types. */
export function translateWindow(call: FunctionCall, name: string, scope: DraftScope, tx: Translate): Result {
  const w = call.over;
  const refuse = (why: string): Refusal => refuseAt(scope.ctx, call.span, `${name.toUpperCase()}() OVER`, why);
  if (!w || w.name !== undefined) return refuse('named windows are not translated');
  const parts: string[] = [];
  for (const p of w.partitionBy) {
    const v = tx(p, scope);
    if (isRefusal(v)) return v;
    parts.push(v.type.family === 'string' ? collationKey(v.sql, locatedStop(scope.ctx, p.span, equatedTextStop('PARTITION BY'))) : v.sql);
  }
  let order = '';
  const orderKeys: string[] = [];
  const sortKeys: DraftSortKey[] = [];
  if (w.orderBy.length > 0) {
    const o = translateOrderItems(w.orderBy, scope, tx, orderKeys, sortKeys);
    if (isRefusal(o)) return o;
    order = o;
  }
  // The window's value stops where its ORDER BY puts two texts of doubtful order side by side.
  const doubt = draftSortDoubtSql(sortKeys, parts);
  const result = translateWindowValue(call, name, scope, tx, parts, order, orderKeys);
  return isRefusal(result) ? result : translated(checkedBySort(result.sql, doubt), result.type);
}

/** translateWindow's value, over the window's partition and order (both translated). */
function translateWindowValue(call: FunctionCall, name: string, scope: DraftScope, tx: Translate, parts: readonly string[], order: string, orderKeys: readonly string[]): Result {
  const w = call.over as NonNullable<FunctionCall['over']>;
  const refuse = (why: string): Refusal => refuseAt(scope.ctx, call.span, `${name.toUpperCase()}() OVER`, why);
  let frame = '';
  if (w.frame) {
    const bound = (b: typeof w.frame.start): string | undefined => {
      if (b.bound === 'PRECEDING' || b.bound === 'FOLLOWING') return b.offset?.kind === 'Literal' && b.offset.literalType === 'integer' ? `${b.offset.value} ${b.bound}` : undefined;
      return b.bound;
    };
    const start = bound(w.frame.start);
    const end = w.frame.end ? bound(w.frame.end) : 'CURRENT ROW';
    if (!start || !end) return refuse('only constant frame offsets are translated');
    frame = ` ${w.frame.unit} BETWEEN ${start} AND ${end}`;
  }
  const over = `OVER (${parts.length > 0 ? `PARTITION BY ${parts.join(', ')}` : ''}${order ? `${parts.length > 0 ? ' ' : ''}ORDER BY ${order}` : ''}${frame})`;
  // Rows tied in the ORDER BY come in the order SQL Server's plan meets them, where ROW_NUMBER,
  // LAG/LEAD, FIRST_VALUE/LAST_VALUE and a ROWS frame depend on it: the draft fails on such ties
  // in the data rather than pick an order (RANK, DENSE_RANK and RANGE frames treat ties alike).
  const orderDependent = w.orderBy.length > 0 && (name === 'row_number' || ['ntile', 'lag', 'lead', 'first_value', 'last_value'].includes(name) || w.frame?.unit === 'ROWS');
  let guard = (sql: string): string => sql;
  const keys = [...parts, ...orderKeys];
  const stop = (): string => `error(${stringLiteral(locatedStop(scope.ctx, call.span, WINDOW_TIES(name)))})`;
  // Tied rows equal in every column of the query's sources (an export's doubled row, which the
  // ROW_NUMBER … rn > 1 de-duplication idiom removes) give the same rows whichever comes first;
  // only ties that differ somewhere stop the query. A grouped query's rows are its groups.
  // (translate-dml's ROW, `__draft_row`, only says which stored row a DELETE or UPDATE changes
  // where the source is the table itself, every column beside it; a derived source keeps it.)
  const columns = scope.grouping === undefined ? scope.sources.flatMap((src) => src.columns.filter((c) => c.name !== '__draft_row' || src.tableKey === undefined).map((c) => `${quoteName(src.sqlAlias)}.${quoteName(c.name)}`)) : [];
  const tied = columns.length > 0 ? `count(DISTINCT row(${columns.join(', ')}))` : 'count(*)';
  if (orderDependent) guard = (sql) => `(CASE WHEN ${tied} OVER (PARTITION BY ${keys.join(', ')}) > 1 THEN ${stop()} ELSE ${sql} END)`;
  const ranking = RANKING[name];
  if (ranking) return translated(guard(`${ranking}() ${over}`), BIGINT);
  // PERCENT_RANK is (rank - 1) / (rows - 1), CUME_DIST the rows up to the current one and its
  // peers / rows, both float (their pages' formulas, which DuckDB's functions compute; NULLs
  // rank first through the ORDER BY above). NTILE's groups differ by one row, larger ones first,
  // as in DuckDB.
  if ((name === 'percent_rank' || name === 'cume_dist') && call.args.length === 0) {
    if (w.orderBy.length === 0) return refuse('SQL Server requires an ORDER BY');
    return translated(`${name}() ${over}`, FLOAT);
  }
  if (name === 'ntile' && call.args.length === 1) {
    if (w.orderBy.length === 0) return refuse('SQL Server requires an ORDER BY');
    const n = call.args[0] as Expression;
    if (n.kind !== 'Literal' || n.literalType !== 'integer' || Number(n.value) < 1) return refuse('only a constant positive number of groups is translated');
    return translated(guard(`ntile(${n.value}) ${over}`), BIGINT);
  }
  if (name === 'avg' && !call.distinct && call.args.length === 1) {
    const v = tx(call.args[0] as Expression, scope);
    if (isRefusal(v)) return v;
    const t = v.type;
    // As AVG without OVER: an integer's mean truncated to its type, a decimal's exact at
    // max(s, 6) decimals, truncated.
    if (t.family === 'int') {
      const type = t.name === 'bigint' ? 'BIGINT' : 'INTEGER';
      return translated(guard(`CAST(CAST(sum(${v.sql}) ${over} AS ${type}) // nullif(count(${v.sql}) ${over}, 0) AS ${type})`), t.name === 'bigint' ? BIGINT : INT);
    }
    if (t.family === 'decimal' && t.money === undefined) {
      const sc = Math.max(t.scale, 6);
      const sum = unscaledDigits(`sum(${v.sql}) ${over}`, [38, t.scale]);
      const q = `(${sum} * CAST('1${'0'.repeat(sc - t.scale)}' AS HUGEINT) // nullif(count(${v.sql}) ${over}, 0))`;
      return translated(guard(decimalFromUnscaled(q, sc)), decimal(38, sc));
    }
    return refuse(`AVG of ${t.family === 'decimal' ? 'money' : t.family} over a window is not translated`);
  }
  if (name === 'count' && call.star) return translated(guard(`CAST(count(*) ${over} AS INTEGER)`), INT);
  if (['sum', 'count', 'min', 'max', 'lag', 'lead', 'first_value', 'last_value'].includes(name) && !call.distinct) {
    const args: Translated[] = [];
    for (const a of call.args) {
      const v = tx(a, scope);
      if (isRefusal(v)) return v;
      args.push(v);
    }
    const first = args[0];
    if (!first) return refuse('needs an argument');
    if ((name === 'min' || name === 'max') && first.type.family === 'string') return translated(guard(textExtreme(name, first, scope, call, ` ${over}`).sql), first.type);
    if (name === 'count') return translated(guard(`CAST(count(${first.sql}) ${over} AS INTEGER)`), INT);
    if (name === 'sum') {
      const t = first.type;
      if (t.family === 'int') return translated(guard(`CAST(sum(${first.sql}) ${over} AS ${t.name === 'bigint' ? 'BIGINT' : 'INTEGER'})`), t.name === 'bigint' ? BIGINT : INT);
      if (t.family === 'decimal') return translated(guard(`CAST(sum(${first.sql}) ${over} AS DECIMAL(38,${t.scale}))`), t.money === undefined ? { family: 'decimal', precision: 38, scale: t.scale } : t);
      if (t.family === 'float') return translated(guard(`sum(${first.sql}) ${over}`), t);
      return refuse('SUM of this type is not translated');
    }
    // LAG and LEAD return their value's type: a default of another type converts to it, as
    // ISNULL's replacement does (LAG(Total, 1, 0) of a decimal(14,2) is 0.00).
    const fallback = args[2];
    if ((name === 'lag' || name === 'lead') && fallback !== undefined && first.type.family !== 'null' && fallback.type.family !== 'null') {
      const converted = castTo(fallback, first.type, scope, call);
      if (isRefusal(converted)) return converted;
      args[2] = converted;
    }
    // Under a RANGE frame (the default) a frame starts and ends with whole peer groups, so
    // FIRST_VALUE/LAST_VALUE take the first or last row of a peer group: which one only matters
    // where the peers hold different values (LAST_VALUE(Mrr) … ORDER BY Mrr never does).
    if ((name === 'first_value' || name === 'last_value') && orderDependent && (w.frame === undefined || w.frame.unit === 'RANGE')) {
      const peers = `OVER (PARTITION BY ${keys.join(', ')})`;
      const differ = `count(DISTINCT ${first.sql}) ${peers} > 1 OR count(${first.sql}) ${peers} NOT IN (0, count(*) ${peers})`;
      return translated(`(CASE WHEN ${differ} THEN ${stop()} ELSE ${name}(${first.sql}) ${over} END)`, first.type);
    }
    return translated(guard(`${name}(${args.map((a) => a.sql).join(', ')}) ${over}`), first.type);
  }
  if (name === 'percentile_disc' || name === 'percentile_cont') return translatePercentile(call, name, over, scope, tx);
  return refuse('this window function is not translated');
}
