import { findAll, normalizeObjectName, type ObjectName, type Statement, type TableRef } from '../../../tsql';
import { tableComparisons } from './section-key-columns';

/*
 * `sections record --from-data` cuts a table without the `@entity` column through a column it
 * shares with a table already cut, where the statements compare its rows by that column only to
 * a column of that name or a variable (section-from-data.ts, `cuttable`): leases cut to one
 * [Property Id] through the [Unit No] of that property's units. A grand total over such a table
 * (`SELECT @All = SUM(Rent) FROM dbo.Lease`) then totals one property's leases in each scenario,
 * while the procedure totals every property's: cross-entity-reads.ts must count the table as
 * carrying the entity, or `sections check` passes a tag whose scenarios cannot tell a per-entity
 * transform from the legacy grand total. The same rule as the slicer's, over the tables the
 * statements name, grown until nothing more is cut (the slicer goes through the data's tables in
 * file order; taking every table it may reach is the cautious side).
 */

const bare = (n: string): string => n.toLowerCase().replace(/[\s_]+/g, '');

/** The tables (normalised names) without the entity's column that a slice cuts through a shared key column. */
export function tablesCutThroughKeys(statements: readonly Statement[], entity: string, columnsOf: (name: ObjectName) => ReadonlySet<string> | undefined): Set<string> {
  return new Set(cutThroughColumns(statements, entity, columnsOf).keys());
}

/**
 * The same tables, each with the columns (lower-case, blanks and underscores dropped) it is cut
 * through: a slice holds every row of the key values of its entity (every tier of the rate codes
 * its service points have), so a query that pins that column to the entity's value reads the same
 * rows in the slice as in the whole run.
 */
export function cutThroughColumns(statements: readonly Statement[], entity: string, columnsOf: (name: ObjectName) => ReadonlySet<string> | undefined): Map<string, Set<string>> {
  const refs = new Map<string, TableRef>();
  for (const st of statements) for (const t of findAll(st, 'TableRef')) if (!t.temp) refs.set(normalizeObjectName(t.name), t);
  const columns = new Map<string, string[]>();
  for (const [key, t] of refs) {
    const known = columnsOf(t.name);
    if (known !== undefined) columns.set(key, [...known]);
  }
  const cut = new Set([...columns].filter(([, cs]) => cs.some((c) => bare(c) === bare(entity))).map(([k]) => k));
  const comparisons = tableComparisons(statements);
  // as section-from-data.ts's `cuttable`: compared by the column only to that column or a variable
  const cuttable = (table: string, column: string): boolean => {
    const partners = [...(comparisons.get(table) ?? [])].filter(([c]) => bare(c) === bare(column)).flatMap(([, p]) => [...p]);
    return partners.length > 0 && partners.every((x) => x === 'variable' || x === 'subquery' || (x.startsWith('column:') && bare(x.slice(7)) === bare(column)));
  };
  const out = new Map<string, Set<string>>();
  for (let grown = true; grown;) {
    grown = false;
    for (const [key, cs] of columns) {
      if (cut.has(key)) continue;
      const through = cs.filter((c) => [...cut].some((s) => (columns.get(s) ?? []).some((x) => bare(x) === bare(c))) && cuttable(key, c));
      if (through.length > 0) { cut.add(key); out.set(key, new Set(through.map(bare))); grown = true; }
    }
  }
  return out;
}

/** A column name as cutThroughColumns keys it. */
export const bareColumn = bare;
