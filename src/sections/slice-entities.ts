// Picking entities from real input data for `migrate sections record --from-data`: a few
// entities that between them show the cases a section must get right, and every input table
// cut down to each one.
import { entityKey, formatValue } from '../engine';
import type { TableData } from './spec-model';

/** The cases a picked entity can cover, in the order they are looked for. */
export const ENTITY_CASES = ['no rows', 'NULLs', 'ties', 'duplicates', 'NULL entity', 'largest'] as const;
export type EntityCase = (typeof ENTITY_CASES)[number];

/** An entity chosen from the data, with what it covers and its rows per table. */
export interface PickedEntity {
  readonly value: unknown;
  /** The case it was picked for, then every other case it also covers. */
  readonly cases: readonly EntityCase[];
  /** What each case means for this entity, for the scenario's description. */
  readonly notes: readonly string[];
  readonly rows: number;
}

/** The outcome of slicing: the tables per entity, and the tables taken whole (small, no link to the entity). */
export interface EntitySlice {
  readonly tables: readonly TableData[];
}

/** Tables without the entity column and no key to reach it are taken whole up to this many rows. */
export const WHOLE_TABLE_LIMIT = 200;

// A column names the entity as written in another table or spelled with blanks or underscores,
// as legacy tables beside newer ones do (`[Customer Id]` in an imported table, `CustomerId` in
// the statement): the same name but for those, when exactly one column of the table is spelled so.
const bare = (name: string): string => name.toLowerCase().replace(/[\s_]+/g, '');
function colOf(t: TableData, name: string): string | undefined {
  const exact = t.columns.find((c) => c.name.toLowerCase() === name.toLowerCase());
  if (exact !== undefined) return exact.name;
  const alike = t.columns.filter((c) => bare(c.name) === bare(name));
  return alike.length === 1 ? alike[0]?.name : undefined;
}
// Entity values compare as SQL Server's default collation compares them (entityKey: 'N', 'n' and
// 'N ' are one region, one GROUP BY group), so a slice holds every row the legacy code treats as
// that entity.
const keyOf = (v: unknown): string => (typeof v === 'string' ? entityKey(v) : formatValue(v));

const surrogates = new WeakMap<TableData, Set<string>>();

/** Integer columns whose values are all different over the whole table (identity columns such as UsageId). */
function surrogateKeys(t: TableData): Set<string> {
  let found = surrogates.get(t);
  if (found === undefined) {
    found = new Set(t.columns.filter((c) => (c.type.base === 'int' || c.type.base === 'bigint') && t.rows.length > 1
      && new Set(t.rows.map((r) => keyOf(r[c.name]))).size === t.rows.length).map((c) => c.name));
    surrogates.set(t, found);
  }
  return found;
}

/** Facts about one entity in the data: its rows per table and the cases it shows. */
function describeEntity(tables: readonly TableData[], entity: string, value: unknown, masters: ReadonlySet<TableData>, outputs: ReadonlySet<TableData>): { rows: number; cases: Map<EntityCase, string> } {
  const cases = new Map<EntityCase, string>();
  let rows = 0;
  let detailRows = 0;
  for (const t of tables) {
    const col = colOf(t, entity);
    if (col === undefined) continue;
    const mine = t.rows.filter((r) => keyOf(r[col]) === keyOf(value));
    rows += mine.length;
    if (!masters.has(t) && !outputs.has(t)) detailRows += mine.length;
    const nullCol = t.columns.find((c) => mine.some((r) => r[c.name] === null));
    if (nullCol && !cases.has('NULLs')) cases.set('NULLs', `NULL ${nullCol.name} in ${t.name}`);
    // a surrogate key (an integer column unique over the table) makes every row distinct: left out
    const compared = t.columns.filter((c) => !surrogateKeys(t).has(c.name));
    const whole = new Map<string, number>();
    for (const r of mine) {
      const k = JSON.stringify(compared.map((c) => keyOf(r[c.name])));
      whole.set(k, (whole.get(k) ?? 0) + 1);
    }
    if ([...whole.values()].some((n) => n > 1) && !cases.has('duplicates')) cases.set('duplicates', `identical rows in ${t.name}`);
    // ties: two different rows that agree on a column rows are ordered or ranked by (a date, a time, a measure)
    const distinct = [...whole.keys()].map((k) => JSON.parse(k) as string[]);
    for (const [i, c] of compared.entries()) {
      if (c.name === col || !['date', 'timestamp', 'datetime2', 'decimal', 'double'].includes(c.type.base) || cases.has('ties')) continue;
      const seen = new Set<string>();
      for (const r of distinct) {
        const v = r[i] as string;
        if (v === 'NULL') continue;
        if (seen.has(v)) { cases.set('ties', `rows of ${t.name} with the same ${c.name} (${v})`); break; }
        seen.add(v);
      }
    }
  }
  // (an output's start rows are no rows of the entity's: the section makes its rows there, so an
  // entity none of whose start rows it holds may well have Then rows)
  const details = tables.filter((t) => !masters.has(t) && !outputs.has(t) && colOf(t, entity) !== undefined);
  if (detailRows === 0 && masters.size > 0 && details.length > 0) cases.set('no rows', `no rows in ${details.map((t) => t.name).join(', ')}`);
  return { rows, cases };
}

/**
 * Picks up to `count` entities (values of the `entity` column) that cover the cases: one with no
 * rows besides its own row in a table that lists each entity once (`outputs`, the start rows of
 * tables the section only changes, are not counted for it), one with NULLs, one with ties
 * (different rows agreeing on a date, time or decimal column), one with duplicate rows, the rows
 * whose entity column is NULL (value null: legacy code groups, skips or fails on them, and the new
 * code must do the same), and the largest; then fills up with the next-largest. The first
 * qualifying entity (in value order) wins each case.
 */
export function pickEntities(tables: readonly TableData[], entity: string, count: number, outputs: ReadonlySet<TableData> = new Set()): PickedEntity[] {
  const holders = tables.filter((t) => colOf(t, entity) !== undefined);
  const values = new Map<string, unknown>();
  for (const t of holders) for (const r of t.rows) { const v = r[colOf(t, entity) as string]; if (v !== null && v !== undefined && !values.has(keyOf(v))) values.set(keyOf(v), v); }
  const ordered = [...values.values()].sort((a, b) => (typeof a === 'number' && typeof b === 'number' ? a - b : keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));
  // a table that lists each entity once (dbo.Entity, dbo.Device) is the entity's own row; when
  // every table does (one order line per customer in a small extract), none can be told for it,
  // and calling them all masters would say of every entity that it has no rows
  const listers = holders.filter((t) => !outputs.has(t));
  const once = listers.filter((t) => listers.length > 1 && new Set(t.rows.map((r) => keyOf(r[colOf(t, entity) as string]))).size === t.rows.length);
  const masters = new Set(once.length < listers.length ? once : []);
  const facts = ordered.map((value) => ({ value, ...describeEntity(tables, entity, value, masters, outputs) }));
  // rows without an entity: one scenario of their own, never counted as the largest or a filler
  const nullHolders = holders.filter((t) => t.rows.some((r) => r[colOf(t, entity) as string] === null));
  const nullFact = nullHolders.length === 0 ? undefined : { value: null, ...describeEntity(tables, entity, null, masters, outputs) };
  if (nullFact !== undefined) {
    nullFact.cases.delete('NULLs');
    nullFact.cases.delete('no rows');
    nullFact.cases.set('NULL entity', `rows whose ${entity} is NULL in ${nullHolders.map((t) => t.name).join(', ')}`);
  }
  const largest = [...facts].sort((a, b) => b.rows - a.rows)[0];
  if (largest) largest.cases.set('largest', `${largest.rows} ${largest.rows === 1 ? 'row' : 'rows'}, the most of any ${entity}`);
  const picked: PickedEntity[] = [];
  const take = (f: (typeof facts)[number], first: EntityCase | undefined): void => {
    const cases = [...(first ? [first] : []), ...ENTITY_CASES.filter((c) => c !== first && f.cases.has(c))];
    picked.push({ value: f.value, cases, notes: cases.map((c) => `${c}: ${f.cases.get(c)}`), rows: f.rows });
  };
  for (const c of ENTITY_CASES) {
    if (picked.length >= count || picked.some((p) => p.cases.includes(c))) continue;
    const f = c === 'NULL entity' ? nullFact : facts.find((x) => x.cases.has(c) && !picked.some((p) => keyOf(p.value) === keyOf(x.value)));
    if (f) take(f, c);
  }
  for (const f of [...facts].sort((a, b) => b.rows - a.rows)) {
    if (picked.length >= count) break;
    if (!picked.some((p) => keyOf(p.value) === keyOf(f.value))) take(f, undefined);
  }
  return picked;
}

/**
 * The candidate to try after an entity picked for `wanted` was skipped (its output could not be
 * recorded): the first of `rest` that also shows that case, moved to the front with the case
 * first (its title then says what it stands in for); `rest` unchanged when none does.
 */
export function promoteForCase(rest: PickedEntity[], wanted: EntityCase | undefined): void {
  const at = wanted === undefined ? -1 : rest.findIndex((p) => p.cases.includes(wanted));
  if (at < 0 || wanted === undefined) return;
  const [p] = rest.splice(at, 1) as [PickedEntity];
  const order = [wanted, ...p.cases.filter((c) => c !== wanted)];
  rest.unshift({ ...p, cases: order, notes: order.map((c) => p.notes[p.cases.indexOf(c)] as string) });
}

/**
 * Cuts every table to one entity: tables with the entity column by its value; a table without
 * it through a column it shares with a table already cut (a key such as BatchId or OrderId)
 * where `cuttable(table, column)` (the statements compare that table's rows by that column only
 * to a column of its name or a variable: not a rate table read for another currency too);
 * a small table with neither whole. A large table with no way to the entity is refused.
 */
export function sliceForEntity(tables: readonly TableData[], entity: string, value: unknown, cuttable: (table: string, column: string) => boolean = () => true): EntitySlice | { readonly refused: string } {
  const out = new Map<TableData, TableData>();
  // the tables cut to the entity: only their rows say which rows of another table are its own
  // (a lookup taken whole, CommissionTier, sharing a Rate column with TaxBracket, must not cut it)
  const cut = new Set<TableData>();
  const keepCut = (t: TableData, sliced: TableData): void => { out.set(t, sliced); cut.add(sliced); };
  for (const t of tables) {
    const col = colOf(t, entity);
    if (col !== undefined) keepCut(t, { ...t, rows: t.rows.filter((r) => keyOf(r[col]) === keyOf(value)) });
  }
  for (const t of tables) {
    if (out.has(t)) continue;
    // (a lookup the statements read by other keys, or whole, is no detail of the cut table: `cuttable`)
    const link = [...cut].flatMap((s) => t.columns.filter((c) => colOf(s, c.name) !== undefined && cuttable(t.name, c.name)).map((c) => ({ s, c: c.name })))[0];
    if (link !== undefined) {
      const keep = new Set(link.s.rows.map((r) => keyOf(r[colOf(link.s, link.c) as string])));
      keepCut(t, { ...t, rows: t.rows.filter((r) => keep.has(keyOf(r[link.c]))) });
    } else if (t.rows.length <= WHOLE_TABLE_LIMIT) out.set(t, t);
    else return { refused: `${t.name} has no ${entity} column and shares no column with a table that has, and with ${t.rows.length} rows it is too large to take whole (over ${WHOLE_TABLE_LIMIT})` };
  }
  return { tables: tables.map((t) => out.get(t) as TableData) };
}
