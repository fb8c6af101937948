import type { Merge, MergeWhen } from '../../tsql';
import { quote, SqlTranslator } from './expressions';
import { columnTypesOf, translateSource } from './queries';
import { runSql } from './runtime';
import type { EmulatorState, TableInfo } from './state';
import { SqlScope } from './sql-scope';
import { defineCtes } from './ctes';
import { changedTableName, type ChangedRows } from './output-clause';
import { refuseDrawingValues } from './merge-source-output';

/*
 * The changed rows of a MERGE with WHEN NOT MATCHED BY SOURCE THEN UPDATE (the soft delete:
 * `UPDATE SET [Is Active] = 0`) for its OUTPUT or its AFTER trigger. DuckDB's MERGE … RETURNING
 * collects the rows such a clause updates with values they do not hold (a wrong key, another
 * column's text, at times memory that is no value: an allocation of 3.1 GiB, a worker crash), so
 * that MERGE runs without RETURNING and its rows are found around it instead:
 * - before it runs, every target row is classified by the clause that takes it, the clauses'
 *   conditions evaluated on the tables as the MERGE finds them (SQL Server evaluates ON and the
 *   WHEN … AND conditions once, against the pre-image); the target's rows are copied;
 * - after it, an updated row's new values are read by its PRIMARY KEY (which no UPDATE of the
 *   MERGE may assign, so the row keeps it), its old ones from the copy; a deleted row's from the
 *   copy; the inserted rows are the target's rows whose key no row kept from before holds.
 * Counts that disagree with the MERGE's own (a source that reads other rows the second time)
 * stop the run rather than give wrong rows.
 */

/** The classified rows of a MERGE, taken before it runs. */
export interface MergeChangePlan {
  /** `k0`, … (the PRIMARY KEY's values) and `__action` ('UPDATE', 'DELETE') of each target row a WHEN clause takes. */
  readonly classified: string;
  /** The target's rows before the MERGE. */
  readonly before: string;
  readonly key: readonly string[];
  /** How many source rows a WHEN NOT MATCHED [BY TARGET] clause inserts. */
  readonly inserts: number;
}

/** The WHEN NOT MATCHED BY SOURCE THEN UPDATE clause of a MERGE, if it has one. */
export function bySourceUpdateClause(m: Merge): MergeWhen | undefined {
  return m.whens.find((w) => w.match === 'NOT MATCHED BY SOURCE' && w.action.kind === 'MergeUpdate');
}

/**
 * Refuses, before the MERGE runs, what the rows cannot be read back by: a target without a
 * PRIMARY KEY, or an UPDATE assigning a column of it (the updated row would not be found again);
 * and a source or condition drawing values per row (NEWID(), RAND(), NEXT VALUE FOR), which the
 * classification would draw again.
 */
export function refuseUnkeyedChanges(state: EmulatorState, m: Merge, info: TableInfo, bySource: MergeWhen, what: string): void {
  const key = info.key.map((k) => k.toLowerCase());
  const assigned = m.whens.flatMap((w) => (w.action.kind === 'MergeUpdate' ? w.action.assignments : [])).find((a) => key.includes((a.column?.parts[a.column.parts.length - 1]?.name ?? '').toLowerCase()));
  if (key.length === 0 || assigned !== undefined) {
    throw state.unsupported(assigned ?? bySource, `${what} on a MERGE with WHEN NOT MATCHED BY SOURCE THEN UPDATE that ${key.length === 0 ? 'writes a table without a PRIMARY KEY' : 'assigns a column of the PRIMARY KEY'} (its changed rows are read back by that key)`);
  }
  // the classification reads the source and evaluates the conditions again: a value drawn per row would differ
  refuseDrawingValues(state, [m.ctes, m.source, m.on, m.whens.map((w) => w.condition)], `${what} on a MERGE with WHEN NOT MATCHED BY SOURCE THEN UPDATE whose source, ON or WHEN condition draws a new value per row (which clause takes a row is found by evaluating them again)`);
}

/** Classifies the target's rows and copies them, before the MERGE runs (see the comment at the top). */
export async function planMergeChanges(state: EmulatorState, m: Merge, info: TableInfo, alias: string): Promise<MergeChangePlan> {
  const t = new SqlTranslator(state);
  const ctes = defineCtes(t, m.ctes, m.option, undefined);
  const scope = new SqlScope();
  scope.add(alias, columnTypesOf(info));
  const using = translateSource(t, m.source, scope, undefined);
  const on = t.condition(m.on, scope);
  const target = `${info.sqlName} AS ${quote(alias)}`;
  // The first clause of its kind whose condition is TRUE takes the row (UNKNOWN does not), as a CASE picks.
  const pick = (match: MergeWhen['match']): string | undefined => {
    const whens = m.whens.filter((w) => w.match === match);
    if (whens.length === 0) return undefined;
    return `CASE ${whens.map((w) => `WHEN ${w.condition === undefined ? 'TRUE' : t.condition(w.condition, scope)} THEN '${w.action.kind === 'MergeDelete' ? 'DELETE' : w.action.kind === 'MergeUpdate' ? 'UPDATE' : 'INSERT'}'`).join(' ')} END`;
  };
  const keys = info.key.map((k, j) => `${quote(alias)}.${quote(k)} AS ${quote(`k${j}`)}`).join(', ');
  const matched = pick('MATCHED');
  const bySource = pick('NOT MATCHED BY SOURCE');
  const parts = [
    // refuseRepeatedMatches (dml.ts) has made sure a MATCHED clause meets each target row once
    ...(matched === undefined ? [] : [`SELECT ${keys}, ${matched} AS "__action" FROM ${target} JOIN ${using} ON ${on}`]),
    ...(bySource === undefined ? [] : [`SELECT ${keys}, ${bySource} AS "__action" FROM ${target} WHERE NOT EXISTS (SELECT 1 FROM ${using} WHERE ${on})`]),
  ];
  const insert = m.whens.filter((w) => w.match === 'NOT MATCHED BY TARGET').map((w) => (w.condition === undefined ? 'TRUE' : `(${t.condition(w.condition, scope)})`));
  const classified = quote(`__merge_classified_${state.tempCounter++}`);
  const before = quote(`__merge_before_${state.tempCounter++}`);
  // runSql: buffered writes to the target reach DuckDB before the rows are read.
  await runSql(state, `CREATE TEMP TABLE ${classified} AS ${ctes.sql}SELECT * FROM (${parts.join(' UNION ALL ')}) AS __c WHERE "__action" IS NOT NULL`, [...t.params], m.span);
  try {
    const inserts = insert.length === 0 ? 0 : Number((await runSql(state, `${ctes.sql}SELECT count(*) AS n FROM ${using} WHERE NOT EXISTS (SELECT 1 FROM ${target} WHERE ${on}) AND (${insert.join(' OR ')})`, [...t.params], m.span))[0]?.n ?? 0);
    await runSql(state, `CREATE TEMP TABLE ${before} AS SELECT * FROM ${info.sqlName}`, [], m.span);
    return { classified, before, key: info.key, inserts };
  } catch (err) {
    await dropMergeChangePlan(state, { classified, before });
    throw err;
  }
}

/**
 * After the MERGE (which changed `changedCount` rows): its `inserted` and `deleted` rows, numbered
 * by `__rid` with `__action`, as mergedFromReturning gives them for a MERGE that can return them.
 */
export async function mergeChangesByKey(state: EmulatorState, m: Merge, info: TableInfo, plan: MergeChangePlan, changedCount: number): Promise<ChangedRows> {
  const k = plan.key.map((_, j) => quote(`k${j}`));
  const same = (a: string, b: string): string => plan.key.map((c, j) => `${a}.${quote(c)} IS NOT DISTINCT FROM ${b}.${k[j] ?? ''}`).join(' AND ');
  const keyList = plan.key.map((c, j) => `__p.${quote(c)} AS ${k[j] ?? ''}`).join(', ');
  const changes = quote(`__merge_changes_${state.tempCounter++}`);
  // A row inserted holds a key no row kept from before holds (one the MERGE deleted may come back).
  const insertedKeys = `SELECT ${keyList}, 'INSERT' AS "__action" FROM ${info.sqlName} AS __p WHERE NOT EXISTS (SELECT 1 FROM ${plan.before} AS __b WHERE ${plan.key.map((c) => `__b.${quote(c)} IS NOT DISTINCT FROM __p.${quote(c)}`).join(' AND ')} AND NOT EXISTS (SELECT 1 FROM ${plan.classified} AS __c WHERE __c."__action" = 'DELETE' AND ${same('__b', '__c')}))`;
  await runSql(state, `CREATE TEMP TABLE ${changes} AS SELECT *, row_number() OVER (ORDER BY "__action", ${k.join(', ')}) - 1 AS "__rid" FROM (SELECT * FROM ${plan.classified} UNION ALL ${insertedKeys}) AS __x`, [], m.span);
  const inserted = changedTableName(state, 'inserted');
  const deleted = changedTableName(state, 'deleted');
  const columns = (side: string): string => info.columns.map((c) => `${side}.${quote(c.name)}`).join(', ');
  try {
    const counts = (await runSql(state, `SELECT count(*) FILTER (WHERE "__action" = 'INSERT') AS inserts, count(*) AS changed, (SELECT count(*) FROM ${changes} AS __c JOIN ${info.sqlName} AS __p ON ${same('__p', '__c')} WHERE __c."__action" = 'UPDATE') AS found, count(*) FILTER (WHERE "__action" = 'UPDATE') AS updates FROM ${changes}`, [], m.span))[0] ?? {};
    if (Number(counts.inserts) !== plan.inserts || Number(counts.changed) !== changedCount || Number(counts.found) !== Number(counts.updates)) {
      throw state.unsupported(m, 'a MERGE with WHEN NOT MATCHED BY SOURCE THEN UPDATE whose changed rows could not be told apart by the PRIMARY KEY (its source gave other rows when read again, or its counts disagree)');
    }
    await runSql(state, `CREATE TEMP TABLE ${inserted} AS SELECT ${columns('__p')}, __c."__rid", __c."__action" FROM ${changes} AS __c LEFT JOIN ${info.sqlName} AS __p ON __c."__action" <> 'DELETE' AND ${same('__p', '__c')}`, [], m.span);
    await runSql(state, `CREATE TEMP TABLE ${deleted} AS SELECT ${columns('__b')}, __c."__rid", __c."__action" FROM ${changes} AS __c LEFT JOIN ${plan.before} AS __b ON __c."__action" <> 'INSERT' AND ${same('__b', '__c')}`, [], m.span);
  } catch (err) {
    for (const name of [inserted, deleted]) await state.session.run(`DROP TABLE IF EXISTS ${name}`).catch(() => undefined);
    throw err;
  } finally {
    await state.session.run(`DROP TABLE IF EXISTS ${changes}`).catch(() => undefined);
  }
  return { inserted, deleted, action: true };
}

/** Drops the plan's tables. */
export async function dropMergeChangePlan(state: EmulatorState, plan: Pick<MergeChangePlan, 'classified' | 'before'> | undefined): Promise<void> {
  if (plan === undefined) return;
  for (const name of [plan.classified, plan.before]) await state.session.run(`DROP TABLE IF EXISTS ${name}`).catch(() => undefined);
}
