import { holdsEquatedText, type Expression, type Select } from '../../tsql';

/*
 * A loop that updates, through its cursor, a column the cursor returns (the balance of the row it
 * is on) leaves a fetched row with new values among the rows before the ones left to fetch. SQL
 * Server's dynamic cursor fetches that row again only if it now sorts after the current one. When
 * the cursor is ordered by columns it returns whose values tell its rows apart, that is decided by
 * those values: a row whose order values are those of a row already fetched (and not changed by
 * the loop, since the row's values differ only outside them) sorts where that row did, at or
 * before the current one, and is never fetched again.
 */

/**
 * The select-list positions of the cursor's ORDER BY, when every ORDER BY item is a column the
 * select list returns plainly (written the same way, or its ordinal); undefined otherwise.
 */
export function orderPositions(query: Select): readonly number[] | undefined {
  const spec = query.body;
  if (spec.kind !== 'QuerySpec' || query.orderBy.length === 0) return undefined;
  const written = (e: Expression): string | undefined => (e.kind === 'ColumnRef' ? e.parts.map((p) => p.name.toLowerCase()).join('.') : undefined);
  const positions: number[] = [];
  for (const o of query.orderBy) {
    const e = o.expression;
    const w = written(e);
    const at = e.kind === 'Literal' && /^[0-9]+$/.test(e.value)
      ? Number(e.value) - 1
      : w === undefined ? -1 : spec.items.findIndex((item) => item.kind === 'SelectItem' && item.alias === undefined && written(item.expression) === w);
    if (at < 0 || at >= spec.items.length) return undefined;
    positions.push(at);
  }
  return positions;
}

/**
 * True when the rows before the rows left to fetch (`before`) are, by their ORDER BY values, rows
 * already fetched, each at most once, and those values told every row at OPEN apart (no NULL):
 * then SQL Server's cursor fetches none of them again, whatever else in them changed.
 */
export function beforeRowsAreFetchedRows(
  positions: readonly number[],
  atOpen: readonly (readonly (string | null)[])[],
  fetched: readonly (readonly (string | null)[])[],
  before: readonly (readonly (string | null)[])[],
): boolean {
  // Values compare as the default collation compares them (case and trailing blanks aside); text
  // the collation may equate with another spelling (ß and ss) cannot be told apart here: no key.
  const key = (r: readonly (string | null)[]): string | undefined => {
    const values = positions.map((i) => r[i]);
    if (values.some((v) => v === null || v === undefined || holdsEquatedText(v))) return undefined;
    return JSON.stringify(values.map((v) => (v as string).toLowerCase().replace(/ +$/, '')));
  };
  const seen = new Set<string>();
  for (const r of atOpen) {
    const k = key(r);
    if (k === undefined || seen.has(k)) return false;
    seen.add(k);
  }
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
