import { EngineError } from '../core';
import type { EngineSession } from './session';
import { runTransform, type InputsOf, type ParamsOf, type RowOf, type RunOptions, type TableSchema, type TableShape, type Transform } from './transform';
import { entityKey, formatValue, valuesEqual } from './transform-values';

/** Differences between two multisets of rows, for test messages. */
export interface RowSetDiff {
  readonly kind: 'row-set-diff';
  readonly missing: readonly Readonly<Record<string, unknown>>[];
  readonly extra: readonly Readonly<Record<string, unknown>>[];
}

/** Sorts rows on every column (NULL first) so two multisets can be compared pairwise. */
export function sortRows<R extends Readonly<Record<string, unknown>>>(rows: readonly R[], columns: readonly string[]): R[] {
  const cmp = (a: unknown, b: unknown): number => {
    if (a === b) return 0;
    if (a === null || a === undefined) return -1;
    if (b === null || b === undefined) return 1;
    if (typeof a === 'number' && typeof b === 'number') return a - b;
    if (typeof a === 'bigint' && typeof b === 'bigint') return a < b ? -1 : 1;
    const sa = String(a);
    const sb = String(b);
    return sa < sb ? -1 : sa > sb ? 1 : 0;
  };
  return [...rows].sort((x, y) => {
    for (const c of columns) {
      const d = cmp(x[c], y[c]);
      if (d !== 0) return d;
    }
    return 0;
  });
}

/**
 * Compares two multisets of rows on `columns`, numbers within `tolerance`. Greedy matching
 * after sorting: good enough for test-sized outputs, and exact when tolerance is 0.
 */
export function diffRowSets(expected: readonly Readonly<Record<string, unknown>>[], actual: readonly Readonly<Record<string, unknown>>[], columns: readonly string[], tolerance = 0): RowSetDiff {
  const left = sortRows(expected, columns);
  const remaining = sortRows(actual, columns);
  const missing: Readonly<Record<string, unknown>>[] = [];
  for (const row of left) {
    const i = remaining.findIndex((r) => columns.every((c) => valuesEqual(row[c], r[c], tolerance)));
    if (i >= 0) remaining.splice(i, 1);
    else missing.push(row);
  }
  return { kind: 'row-set-diff', missing, extra: remaining };
}

/** Renders a diff as lines a person reads in a failing test. */
export function formatRowSetDiff(diff: RowSetDiff, columns: readonly string[]): string {
  const line = (r: Readonly<Record<string, unknown>>): string => columns.map((c) => `${c}=${formatValue(r[c])}`).join(' ');
  return [...diff.missing.map((r) => `  - ${line(r)}`), ...diff.extra.map((r) => `  + ${line(r)}`)].join('\n');
}

/**
 * The group an entity value belongs to: SQL Server's equality of the value (entityKey), and one
 * group for NULL. Rows whose entity is NULL are an entity of their own, as GROUP BY and a cursor
 * over `SELECT DISTINCT` see them (`sections record --from-data` records them as the "NULL
 * entity" scenario); leaving them out of every per-entity run reported a transform that keeps
 * them, `ISNULL(Region, '(none)')`, as entity-dependent.
 */
function entityGroup(v: unknown): string {
  return v === null || v === undefined ? 'null' : `=${entityKey(v)}`;
}

/** Entity values found in the inputs that carry the entity column, distinct (NULL once, as null). */
function collectEntities(inputs: Readonly<Record<string, readonly Readonly<Record<string, unknown>>[]>>, schemas: Readonly<Record<string, TableSchema>>, entity: string): unknown[] {
  const seen = new Map<string, unknown>();
  for (const [name, schema] of Object.entries(schemas)) {
    if (!schema.columns.some((c) => c.name === entity)) continue;
    for (const row of inputs[name] ?? []) {
      const v = row[entity] ?? null;
      if (!seen.has(entityGroup(v))) seen.set(entityGroup(v), v);
    }
  }
  return [...seen.values()];
}

/**
 * The proof that a per-entity cursor can go: runs the transform on all entities at once and on
 * each entity alone (inputs that carry the entity column filtered to it, NULL being one entity,
 * the others whole),
 * and checks the union of the per-entity outputs equals the all-at-once output. Returns the
 * number of entities checked; throws an EngineError showing the rows that differ.
 */
export async function checkEntityIndependence<I extends Readonly<Record<string, TableSchema>>, O extends TableSchema, P extends TableShape>(
  session: EngineSession, t: Transform<I, O, P>, inputs: InputsOf<I>, params: ParamsOf<P> = {} as ParamsOf<P>, tolerance = 0, options: RunOptions = {},
): Promise<number> {
  const entity = t.entity;
  if (!entity) throw new EngineError('ENGINE_NO_ENTITY', `transform ${t.name} declares no entity column`, { hint: 'set entity: \'<column>\' in defineTransform' });
  // With no input carrying the column nothing can be split by entity: every output row would be
  // reported as "not entity-independent" over 0 entities, which points at the SQL, not the name.
  if (!Object.values(t.inputs).some((schema) => schema.columns.some((c) => c.name === entity))) {
    throw new EngineError('ENGINE_ENTITY_NOT_IN_INPUTS', `transform ${t.name} declares entity '${entity}', a column of none of its inputs (${Object.keys(t.inputs).join(', ')}): its rows cannot be split by entity`, {
      hint: 'set entity: in defineTransform to the input column that names one entity, as the spec\'s @entity tag does',
    });
  }
  const plain = inputs as unknown as Readonly<Record<string, readonly Readonly<Record<string, unknown>>[]>>;
  const entities = collectEntities(plain, t.inputs, entity);
  const all = await runTransform(session, t, inputs, params, options);
  const union: RowOf<O>[] = [];
  for (const e of entities) {
    const only: Record<string, readonly Readonly<Record<string, unknown>>[]> = {};
    for (const [name, schema] of Object.entries(t.inputs)) {
      const rows = plain[name] ?? [];
      only[name] = schema.columns.some((c) => c.name === entity) ? rows.filter((r) => entityGroup(r[entity]) === entityGroup(e)) : rows;
    }
    union.push(...(await runTransform(session, t, only as unknown as InputsOf<I>, params, options)));
  }
  const columns = t.output.columns.map((c) => c.name);
  const diff = diffRowSets(all as Record<string, unknown>[], union as Record<string, unknown>[], columns, tolerance);
  if (diff.missing.length > 0 || diff.extra.length > 0) {
    throw new EngineError('ENGINE_ENTITY_DEPENDENCE', `transform ${t.name} is not entity-independent on ${entity}: running all ${entities.length} entities at once differs from running each alone (- only all-at-once, + only per-entity):\n${formatRowSetDiff(diff, columns)}`, {
      hint: `a row of one ${entity} must depend only on rows of that ${entity}: check joins and window PARTITION BY`,
    });
  }
  return entities.length;
}
