import type { Expression, FunctionCall } from '../tsql';
import { isRefusal, translated, type Refusal, type Translated } from './draft-model';
import { locatedStop, refuseAt, type DraftScope } from './draft-scope';
import { stringLiteral } from './sql-text';
import { translateOrderItems } from './translate-window';
import { draftAggregateSortDoubtSql, type DraftSortKey } from './text-order-doubt';

/*
 * STRING_AGG(value, separator) [WITHIN GROUP (ORDER BY …)], as the STRING_AGG page documents it:
 * NULL values are skipped with their separator, no rows (or only NULLs) give NULL, the values
 * are concatenated in the WITHIN GROUP order (NULLs first ascending, text by its collation key,
 * as every ORDER BY of the draft). Integers and decimals are converted to text first (their
 * digits, a decimal with its scale, as CAST gives them); other types are refused.
 *
 * The result is varchar(8000) for varchar input, nvarchar(4000) for nvarchar and numbers: past
 * those 8000 bytes SQL Server fails ("STRING_AGG aggregation result exceeded the limit of 8000
 * bytes"), and so does the draft (also for text whose declared length
 * the draft does not know, which could be MAX: a stop, never a different value). A value CAST to
 * varchar(max)/nvarchar(max) has no limit.
 *
 * Where SQL Server leaves the order open the draft never picks one: non-NULL values that tie on
 * the WITHIN GROUP keys (all of them, without WITHIN GROUP) but differ stop the query with an
 * error naming the STRING_AGG's file:line:col; equal values tied are the same text either way.
 */

export const STRING_AGG_TIES = 'STRING_AGG over values that tie on its WITHIN GROUP order (or has none) but differ: SQL Server concatenates them in the order its plan meets them';
const LIMIT = 'STRING_AGG aggregation result exceeded the limit of 8000 bytes. Use LOB types to avoid result truncation.';
const LIMIT_UNKNOWN = `${LIMIT} (SQL Server's error, unless the value is varchar(max)/nvarchar(max), which the draft cannot tell here)`;

type Translate = (e: Expression, scope: DraftScope) => Translated | Refusal;

export function translateStringAgg(call: FunctionCall, scope: DraftScope, tx: Translate): Translated | Refusal {
  const refuse = (why: string): Refusal => refuseAt(scope.ctx, call.span, 'STRING_AGG()', why);
  if (call.distinct || call.star || call.args.length !== 2) return refuse('takes a value and a separator');
  const [valueArg, separatorArg] = call.args as [Expression, Expression];
  if (separatorArg.kind !== 'Literal' && separatorArg.kind !== 'Variable') return refuse('the separator must be a literal or a variable (SQL Server rejects others)');
  const inner = scope.insideAggregate();
  const v = tx(valueArg, inner);
  if (isRefusal(v)) return v;
  const sep = tx(separatorArg, inner);
  if (isRefusal(sep)) return sep;
  if (sep.type.family !== 'string') return refuse('the separator must be text');
  let text: string;
  let unicode = true;
  let limit = 4000;
  let knownLimit = true;
  if (v.type.family === 'string') {
    text = v.sql;
    unicode = v.type.unicode;
    limit = unicode ? 4000 : 8000;
    knownLimit = v.type.length !== undefined;
    // `STRING_AGG(CAST(x AS nvarchar(max)), …)`, the documented way past the limit: none.
    if (valueArg.kind === 'Cast' && valueArg.dataType.args[0]?.toLowerCase() === 'max') limit = Infinity;
  } else if (v.type.family === 'int' || (v.type.family === 'decimal' && v.type.money === undefined)) {
    text = `CAST(${v.sql} AS VARCHAR)`;
  } else {
    return refuse(`the ${v.type.family} value's text follows conversion rules the draft does not reproduce: CAST it to text first`);
  }
  const keys: string[] = [];
  const sortKeys: DraftSortKey[] = [];
  const order = call.withinGroup.length > 0 ? translateOrderItems(call.withinGroup, inner, tx, keys, sortKeys) : '';
  if (isRefusal(order)) return order;
  // The values side by side in that order whose order is in doubt stop it (text-order-doubt.ts).
  const doubt = order === '' ? undefined : draftAggregateSortDoubtSql(sortKeys, order);
  const present = (x: string): string => `CASE WHEN ${v.sql} IS NOT NULL THEN ${x} END`;
  const pack = (withValue: boolean): string => `struct_pack(${[...keys.map((k, i) => `k${i + 1} := ${k}`), ...(withValue ? [`v := encode(${text})`] : [])].join(', ')})`;
  const tied = keys.length === 0
    ? `count(DISTINCT ${present(`encode(${text})`)}) > 1`
    : `count(DISTINCT ${present(pack(true))}) <> count(DISTINCT ${present(pack(false))})`;
  const agg = `string_agg(${text}, ${sep.sql}${order === '' ? '' : ` ORDER BY ${order}`})`;
  const over = limit === Infinity ? 'false' : `length(${agg}) > ${limit}`;
  const sql = `(CASE ${doubt === undefined ? '' : `WHEN ${doubt} IS NOT NULL THEN NULL `}WHEN ${tied} THEN error(${stringLiteral(locatedStop(scope.ctx, call.span, STRING_AGG_TIES))})
    WHEN ${over} THEN error(${stringLiteral(locatedStop(scope.ctx, call.span, knownLimit ? LIMIT : LIMIT_UNKNOWN))})
    ELSE ${agg} END)`;
  return translated(sql, { family: 'string', unicode, length: knownLimit && limit !== Infinity ? limit : undefined });
}
