import { andTerms, findAll, normalizeObjectName, type Expression, type Node, type QuerySpec, type TableRef } from '../../../tsql';
import { bareColumn } from './tables-cut-through-keys';

/*
 * A query over a table the slice cuts through a key (the rate tiers of the service points' rate
 * codes) that pins that key to the entity's value: `SELECT MAX(t2.[Effective Date]) FROM cis.[Rate
 * Tier] t2 WHERE t2.[Rate Code] = t.[Rate Code] AND …` correlated to a row of a table the slice
 * also cuts (or holding the entity), or `WHERE [Rate Code] = @RateCode`. Every row of that key is
 * in the slice, so the aggregate or TOP reads the same rows as in the whole run: no read across
 * entities. The rate-in-effect lookup of billing code; without this it was named as a read over
 * rows of every entity, and `--from-data` could not record one entity at a time.
 *
 * Only where certain: every table of the query's own FROM that may carry entities is such a cut
 * table, and its WHERE (its ANDed conditions) sets one of its cut columns `=` a variable, or `=`
 * the column of the same name of a table, named by its alias or name, that the statement reads
 * and that carries entities itself (an entity table or a cut one): a correlation to a full table
 * would read keys no slice holds.
 */

export interface PinContext {
  /** The cut tables (normalised names) and the columns (bareColumn) each is cut through. */
  readonly cutColumns: ReadonlyMap<string, ReadonlySet<string>>;
  /** Whether a table may hold rows of several entities (cross-entity-reads.ts's carriesEntity). */
  readonly carries: (t: TableRef) => boolean;
}

/** Whether every entity-carrying table `q` reads directly is a cut table pinned to the entity's key value. */
export function pinnedCutReads(q: QuerySpec, statement: Node, context: PinContext): boolean {
  if (q.where === undefined) return false;
  const direct = q.from.flatMap((s) => (s.kind === 'TableRef' ? [s] : s.kind === 'Join' ? findAll(s, 'TableRef').filter((t) => !findAll(s, 'DerivedTable').some((d) => findAll(d, 'TableRef').includes(t))) : []));
  if (q.from.some((s) => s.kind !== 'TableRef' && s.kind !== 'Join')) return false;
  const carrying = direct.filter((t) => context.carries(t));
  if (carrying.length === 0) return false;
  const conditions = andTerms(q.where);
  const everyTable = findAll(statement, 'TableRef');
  return carrying.every((t) => {
    const columns = context.cutColumns.get(normalizeObjectName(t.name));
    if (columns === undefined) return false;
    const own = new Set([t.alias?.name, t.name.parts[t.name.parts.length - 1]?.name].flatMap((x) => (x === undefined ? [] : [x.toLowerCase()])));
    const ofT = (e: Expression): string | undefined => {
      if (e.kind !== 'ColumnRef') return undefined;
      const name = bareColumn(e.parts[e.parts.length - 1]?.name ?? '');
      const qualifier = e.parts.length >= 2 ? (e.parts[e.parts.length - 2]?.name ?? '').toLowerCase() : undefined;
      return columns.has(name) && (qualifier === undefined ? direct.length === 1 : own.has(qualifier)) ? name : undefined;
    };
    // the partner: a variable, or the same column of another entity-carrying table the statement reads
    const partner = (e: Expression, column: string): boolean => {
      if (e.kind === 'Variable') return true;
      if (e.kind !== 'ColumnRef' || e.parts.length < 2 || bareColumn(e.parts[e.parts.length - 1]?.name ?? '') !== column) return false;
      const qualifier = (e.parts[e.parts.length - 2]?.name ?? '').toLowerCase();
      if (own.has(qualifier)) return false;
      const table = everyTable.find((x) => x !== t && ((x.alias?.name ?? '').toLowerCase() === qualifier || (x.alias === undefined && (x.name.parts[x.name.parts.length - 1]?.name ?? '').toLowerCase() === qualifier)));
      return table !== undefined && context.carries(table);
    };
    return conditions.some((c) => {
      if (c.kind !== 'Binary' || c.operator !== '=') return false;
      const left = ofT(c.left);
      const right = ofT(c.right);
      return (left !== undefined && partner(c.right, left)) || (right !== undefined && partner(c.left, right));
    });
  });
}
