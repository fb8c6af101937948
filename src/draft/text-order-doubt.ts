import { aggregateSortDoubtCheckSql, foldedTextSql, plainTextSql, quotedPairSql, sortDoubtCheckSql, textOrderDoubtSql, TEXT_ORDER_DOUBT_WHY, type SortDoubtCheck, type TextSortKey } from '../tsql';
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
export interface DraftSortKey extends TextSortKey {
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

/** The drafts' way of checking a sort: the shared predicate pasted, and each key's own stop. */
const DRAFT_CHECK: SortDoubtCheck<DraftSortKey> = { fold: foldedTextSql, doubt: textOrderDoubtSql, stop: (k, previous, current) => textOrderStopSql(k.stop, previous, current) };

/**
 * SQL (a window expression, NULL for every row) that stops the query where a sort by `keys`
 * within `partition` puts two text values side by side whose order is in doubt
 * (sortDoubtCheckSql, the emulator's check). Undefined without a text key.
 */
export function draftSortDoubtSql(keys: readonly DraftSortKey[], partition: readonly string[]): string | undefined {
  return sortDoubtCheckSql(keys, partition, DRAFT_CHECK);
}

/** `sql` (a value) stopped where `doubt` (draftSortDoubtSql) stops; `sql` alone without one. */
export function checkedBySort(sql: string, doubt: string | undefined): string {
  return doubt === undefined ? sql : `(CASE WHEN ${doubt} IS NULL THEN ${sql} END)`;
}

/** The same check for the order an aggregate takes its values in (STRING_AGG … WITHIN GROUP, ordered by `order`: aggregateSortDoubtCheckSql). */
export function draftAggregateSortDoubtSql(keys: readonly DraftSortKey[], order: string): string | undefined {
  return aggregateSortDoubtCheckSql(keys, order, DRAFT_CHECK);
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
