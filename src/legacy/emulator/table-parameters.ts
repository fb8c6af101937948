import type { Parameter, TableDefinition } from '../../tsql';
import { objectKey } from './catalog';
import { quote } from './expressions';
import { loadCsv } from './input-loading';
import { tableKey } from './queries';
import type { EmulatorState, Frame, TableInfo } from './state';
import { createTable } from './tables/tables';

/** The columns of a parameter's user-defined table type (`CREATE TYPE t AS TABLE (…)`), if it has one. */
export function tableTypeOf(state: EmulatorState, p: Parameter): TableDefinition | undefined {
  return state.catalog.types.get(objectKey(p.dataType.name.parts))?.definition.definition;
}

/** The caller's table variable passed to a table-valued parameter (`EXEC p @rows = @t`). */
export function callerTable(state: EmulatorState, name: string): TableInfo | undefined {
  return state.tables.get(tableKey(name, state.frames.length));
}

/**
 * A table-valued parameter in the callee's frame: a table variable of the type's columns,
 * filled from the caller's table variable, or, for the procedure a capture calls, from the CSV
 * file named by `--param @p=file.csv` (header row, empty cell = NULL, as input tables load).
 */
export async function bindTableParameter(state: EmulatorState, frame: Frame, p: Parameter, definition: TableDefinition, source: { file?: string; table?: TableInfo }): Promise<void> {
  const key = tableKey(p.name, state.frames.length);
  const info = await createTable(state, key, quote(`${p.name}#${state.frames.length}`), definition, true);
  frame.tempTables.push(key);
  if (source.table !== undefined) {
    const cols = source.table.columns.filter((c) => c.computed !== true).map((c) => quote(c.name)).join(', ');
    await state.session.run(`INSERT INTO ${info.sqlName} (${cols}) SELECT ${cols} FROM ${source.table.sqlName}`);
  } else if (source.file !== undefined) {
    await loadCsv(state, { table: p.name, file: source.file }, key);
  }
}
