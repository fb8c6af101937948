import { quoteLiteral } from '../../engine';
import { copiesNotNullColumn, selectIntoNullability, type QuerySpec, type Select, type TableRef } from '../../tsql';
import { quote } from './expressions';
import { tableKeyOf } from './queries';
import { runSql } from './runtime';
import type { EmulatorState } from './state';

/*
 * The NOT NULL columns SELECT … INTO creates (the rule: src/tsql/select-into-nullability.ts).
 * DuckDB's CREATE TABLE … AS makes every column nullable, which let a later NULL in silently
 * where SQL Server fails with 515; the columns SQL Server makes NOT NULL are altered so here.
 */

/** Makes the columns of a table SELECT … INTO created NOT NULL where SQL Server makes them so. */
export async function constrainSelectInto(state: EmulatorState, select: Select, spec: QuerySpec, sqlName: string, columns: readonly { readonly name: string }[]): Promise<void> {
  const rule = selectIntoNullability(select, spec);
  if (rule === undefined || rule.columns.length !== columns.length) return;
  const sources = rule.sources === undefined ? undefined : await notNullSources(state, rule.sources);
  for (const [i, c] of rule.columns.entries()) {
    const column = columns[i];
    const notNull = typeof c === 'boolean' ? c : copiesNotNullColumn(sources, c.copies);
    if (notNull && column !== undefined) await runSql(state, `ALTER TABLE ${sqlName} ALTER COLUMN ${quote(column.name)} SET NOT NULL`, [], select.span);
  }
}

/** The NOT NULL columns (lower case) of each source table, by the name the query reads it under; undefined when one is not a table the emulator holds (a view). */
async function notNullSources(state: EmulatorState, tables: ReadonlyMap<string, TableRef>): Promise<Map<string, Set<string>> | undefined> {
  const out = new Map<string, Set<string>>();
  for (const [as, ref] of tables) {
    const info = state.tables.get(tableKeyOf(state, ref.name.parts.map((p) => p.name).join('.')));
    if (info === undefined) return undefined;
    const rows = await state.session.all(`SELECT name, "notnull" FROM pragma_table_info(${quoteLiteral(info.sqlName)})`);
    out.set(as, new Set(rows.filter((r) => r.notnull === true).map((r) => String(r.name).toLowerCase())));
  }
  return out;
}
