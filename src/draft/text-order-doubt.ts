import { foldedTextSql, plainTextSql, quotedPairSql, textOrderDoubtSql, TEXT_ORDER_DOUBT_WHY } from '../tsql';
import { collationOrderKey, stringLiteral } from './sql-text';

/*
 * Text a draft orders whose first difference (case and accents folded) is punctuation: SQL
 * Server's default collations order it otherwise than the draft's collation order key, and
 * differently from each other (src/tsql/text-order-doubt.ts). Where two such values meet side by
 * side in a sort the draft stops, naming them, exactly where the emulator refuses (the same
 * predicate); ordinary text sorts on.
 */

/** The stop's message (after file:line:col and the construct); the two values follow it. */
export const TEXT_ORDER_DOUBT = `${TEXT_ORDER_DOUBT_WHY}: `;

/** One sort key: its SQL as ordered (the collation order key for text), the text it orders (undefined when not text), and its located stop message. */
export interface DraftSortKey {
  readonly key: string;
  readonly text: string | undefined;
  readonly stop: string;
}

/** An error() call stopping with `stop` and the two text values `a` and `b`, quoted. */
export function textOrderStopSql(stop: string, a: string, b: string): string {
  // the stop's literal left open (its closing quote dropped) for the two values
  return `error(${stringLiteral(stop).slice(0, -1)}${quotedPairSql(a, b)})`;
}

/**
 * `l op r` (op one of < > <= >=) of two texts by their collation order keys, as the emulator
 * compares them (orderedTextComparison: case and trailing blanks ignored, accents after the
 * letters), stopped with `doubtStop` and both values where the two first differ at punctuation,
 * and with `charsStop` (collationOrderKey) at letters whose order is not reproduced.
 */
export function orderedTextComparisonSql(op: string, l: string, r: string, charsStop: string, doubtStop: string): string {
  return `(CASE WHEN ${textOrderDoubtSql(l, r)} THEN CAST(${textOrderStopSql(doubtStop, l, r)} AS BOOLEAN) ELSE ${collationOrderKey(l, charsStop)} ${op} ${collationOrderKey(r, charsStop)} END)`;
}

/**
 * SQL (a window expression, NULL for every row) that stops the query where a sort by `keys`
 * within `partition` puts two text values side by side whose order is in doubt; each text key is
 * checked among the rows tying on the keys before it (the adjacent pairs decide a sort's whole
 * order). Undefined without a text key.
 */
export function draftSortDoubtSql(keys: readonly DraftSortKey[], partition: readonly string[]): string | undefined {
  const checks = keys.flatMap((k, i) => {
    if (k.text === undefined) return [];
    const within = [...partition, ...keys.slice(0, i).map((x) => x.key)];
    const previous = `lag(${k.text}) OVER (${within.length === 0 ? '' : `PARTITION BY ${within.join(', ')} `}ORDER BY ${k.key})`;
    return [`(CASE WHEN ${textOrderDoubtSql(k.text, previous)} THEN ${textOrderStopSql(k.stop, previous, k.text)} END)`];
  });
  return checks.length === 0 ? undefined : checks.length === 1 ? checks[0] : `coalesce(${checks.join(', ')})`;
}

/** `sql` (a value) stopped where `doubt` (draftSortDoubtSql) stops; `sql` alone without one. */
export function checkedBySort(sql: string, doubt: string | undefined): string {
  return doubt === undefined ? sql : `(CASE WHEN ${doubt} IS NULL THEN ${sql} END)`;
}

/**
 * The same check for the order an aggregate takes its values in (STRING_AGG … WITHIN GROUP,
 * ordered by `order`): the group's values gathered in that order and side by side pairs checked,
 * each text key among the values tying on the keys before it (text ones by their folded text, as
 * the emulator ties them). Undefined without a text key.
 */
export function draftAggregateSortDoubtSql(keys: readonly DraftSortKey[], order: string): string | undefined {
  const checks = keys.flatMap((k, i) => {
    if (k.text === undefined) return [];
    const earlier = keys.slice(0, i).map((x) => `CAST(${x.text === undefined ? x.key : foldedTextSql(x.text)} AS VARCHAR)`);
    const list = `list(struct_pack(t := ${earlier.length === 0 ? '0' : `[${earlier.join(', ')}]`}, v := ${k.text}) ORDER BY ${order})`;
    const v = (at: string): string => `struct_extract(__l[${at}], 'v')`;
    const meets = `list_filter(range(1, len(__l)), lambda __at: struct_extract(__l[__at], 't') IS NOT DISTINCT FROM struct_extract(__l[__at + 1], 't') AND ${textOrderDoubtSql(v('__at'), v('__at + 1'))})[1]`;
    // The list is named once by a lambda, and so is the first place two values meet.
    return [`list_transform([${list}], lambda __l: list_transform([${meets}], lambda __meet: CASE WHEN __meet IS NOT NULL THEN ${textOrderStopSql(k.stop, v('__meet'), v('__meet + 1'))} END)[1])[1]`];
  });
  return checks.length === 0 ? undefined : checks.length === 1 ? checks[0] : `coalesce(${checks.join(', ')})`;
}

/**
 * SQL (an aggregate, NULL for every group) stopping MIN or MAX (`name`) of text `x` where the
 * extreme the draft picks (`picked`, whose folded text is the folded values' code-point extreme)
 * meets another value of the group in doubt: a value holding punctuation, or the extreme of the
 * plain ones (which order among themselves as code points do), as the emulator refuses. `over`:
 * a window's ` OVER (…)`, taken by each aggregate, or '' for a group.
 */
export function textExtremeDoubtSql(name: 'min' | 'max', x: string, picked: string, stop: string, over = ''): string {
  const folded = foldedTextSql(x);
  const m = `${name}(${folded})${over}`;
  const others = `list_append(list(${folded}) FILTER (WHERE NOT ${plainTextSql(folded)})${over}, ${name}(${folded}) FILTER (WHERE ${plainTextSql(folded)})${over})`;
  const met = `list_filter(${others}, lambda __o: ${textOrderDoubtSql(m, '__o')})[1]`;
  return `list_transform([${met}], lambda __d: CASE WHEN __d IS NOT NULL THEN ${textOrderStopSql(stop, picked, '__d')} END)[1]`;
}
