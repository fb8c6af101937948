import { holdsEquatedText } from '../../../tsql';

/*
 * A loop that updates the row its cursor is on (the balance of the invoice it allocates to)
 * leaves a fetched row with new values among the rows before the ones left to fetch. SQL
 * Server's dynamic cursor fetches that row again only if it now sorts after the current one.
 * When the cursor's ORDER BY values (returned, or carried hidden: cursor-hidden-columns.ts) told
 * its rows apart at OPEN, that is decided by those values: a row whose ORDER BY values are those
 * it had when the cursor fetched it sorts where it did, at or before the current row, and is
 * never fetched again, whatever else in it changed. Which row is which is known by a unique key
 * of the cursor's table when the rows carry one; without it, each changed row must take the
 * ORDER BY values of a fetched row, each at most once.
 */

type Row = readonly (string | null)[];

/**
 * True when the rows before the rows left to fetch (`before`) are rows already fetched, with
 * the ORDER BY values (`order`: row positions) they had when fetched, and those values told every
 * row at OPEN apart (no NULL): then no kind of SQL Server cursor fetches any of them again.
 * `identity`: row positions of a unique key of the cursor's table, when the rows carry one.
 */
export function beforeRowsAreFetchedRows(
  order: readonly number[],
  identity: readonly number[] | undefined,
  atOpen: readonly Row[],
  fetched: readonly Row[],
  before: readonly Row[],
): boolean {
  // Values compare as the default collation compares them (case and trailing blanks aside); text
  // the collation may equate with another spelling (ß and ss) cannot be told apart here: no key.
  const key = (r: Row): string | undefined => {
    const values = order.map((i) => r[i]);
    if (values.some((v) => v === null || v === undefined || holdsEquatedText(v))) return undefined;
    return JSON.stringify(values.map((v) => (v as string).toLowerCase().replace(/ +$/, '')));
  };
  const seen = new Set<string>();
  for (const r of atOpen) {
    const k = key(r);
    if (k === undefined || seen.has(k)) return false;
    seen.add(k);
  }
  if (identity !== undefined) return sameOrderValuesById(identity, key, fetched, before);
  const left = new Map<string, number>();
  for (const r of fetched) {
    const k = key(r);
    if (k !== undefined) left.set(k, (left.get(k) ?? 0) + 1);
  }
  for (const r of before) {
    const k = key(r);
    const n = k === undefined ? 0 : left.get(k) ?? 0;
    if (k === undefined || n === 0) return false;
    left.set(k, n - 1);
  }
  return true;
}

/**
 * Each row before the rows left is a fetched row (by its key, exactly as fetched: a key the loop
 * changed is another row) whose ORDER BY values are those it was fetched with. Two fetched rows
 * that traded their ORDER BY values would pass the check by values alone, yet the current row
 * would then sort elsewhere.
 */
function sameOrderValuesById(identity: readonly number[], key: (r: Row) => string | undefined, fetched: readonly Row[], before: readonly Row[]): boolean {
  const id = (r: Row): string | undefined => {
    const values = identity.map((i) => r[i]);
    return values.some((v) => v === null || v === undefined) ? undefined : JSON.stringify(values);
  };
  const fetchedKeys = new Map<string, string | undefined>();
  for (const r of fetched) {
    const i = id(r);
    if (i !== undefined) fetchedKeys.set(i, key(r));
  }
  const met = new Set<string>();
  for (const r of before) {
    const i = id(r);
    const k = key(r);
    if (i === undefined || k === undefined || met.has(i) || !fetchedKeys.has(i) || fetchedKeys.get(i) !== k) return false;
    met.add(i);
  }
  return true;
}
