import type { ColumnDefinition, TableDefinition } from '../../../tsql';
import { declaredType } from '../declared-types';
import { quote, SqlTranslator } from '../expressions';
import { familyOfDuckType, SqlScope } from '../sql-scope';
import type { EmulatorState, TableInfo } from '../state';
import { toDuckType } from '../tsql-types';
import { inlineMacroCalls } from '../read-once-macros';

/**
 * A computed column (`c AS expr [PERSISTED]`) as a DuckDB generated column: the expression is
 * translated with SQL Server's semantics over the table's other columns and recomputed from
 * them on every read, as SQL Server does (PERSISTED only changes where the value is stored).
 * Its type is the type of the translated expression. The column is marked computed so that
 * INSERT without a column list and input CSVs skip it, as SQL Server does.
 */
export async function computedColumn(state: EmulatorState, col: ColumnDefinition, definition: TableDefinition): Promise<{ sql: string; duckType: string; notNull?: string }> {
  const { columns: plain, row } = storedColumnsRow(state, definition);
  const scope = new SqlScope();
  scope.add('', plain);
  const t = new SqlTranslator(state);
  t.variables = new Map();
  t.inTableDefinition = true;
  const translated = t.expr(col.computed as NonNullable<ColumnDefinition['computed']>, scope);
  // DuckDB takes no lambda in a generated column (read-once-macros.ts)
  const f = { ...translated, sql: inlineMacroCalls(translated.sql) };
  if (t.params.length > 0) throw state.unsupported(col, `the computed column ${col.name.name} (its expression needs values known only at run time)`);
  const probe = `SELECT ${f.sql} AS v FROM (${row}) AS __row`;
  let duckType: string;
  try {
    duckType = (await state.session.describe(probe)).columns[0]?.type ?? 'VARCHAR';
  } catch (err) {
    throw state.unsupported(col, `the computed column ${col.name.name} (${err instanceof Error ? err.message.replace(/^DuckDB:\s*/, '').split('\n')[0] : String(err)})`);
  }
  // DuckDB admits no constraint on a generated column: `PERSISTED NOT NULL` is checked on the
  // expression itself (check-constraints.ts notNullClause), failing a NULL with 515 as SQL Server does.
  return { sql: `${quote(col.name.name)} ${duckType} GENERATED ALWAYS AS (${f.sql}) VIRTUAL`, duckType, ...(col.nullable === false ? { notNull: f.sql } : {}) };
}

/**
 * The stored (not computed) columns of a table definition with their DuckDB types, and a query
 * of one row of them all NULL: what an expression over a row of the table (a computed column, a
 * CHECK constraint) is translated against and probed on.
 */
export function storedColumnsRow(state: EmulatorState, definition: TableDefinition): { columns: { name: string; duckType: string; family: ReturnType<typeof familyOfDuckType> }[]; row: string } {
  const columns = definition.columns.filter((c) => c.computed === undefined && c.dataType !== undefined).map((c) => {
    const duckType = toDuckType(declaredType(state, c.dataType as NonNullable<ColumnDefinition['dataType']>), `column ${c.name.name}`);
    return { name: c.name.name, duckType, family: familyOfDuckType(duckType) };
  });
  return { columns, row: `SELECT ${columns.map((c) => `CAST(NULL AS ${c.duckType}) AS ${quote(c.name)}`).join(', ') || '1 AS "__none"'}` };
}

/** The columns an INSERT without a column list fills: all but the identity and computed ones. */
export function writableColumns(info: TableInfo): TableInfo['columns'] {
  return info.columns.filter((c) => c.name !== info.identity?.column && c.computed !== true);
}
