import type { Insert } from '../../tsql';
import { readableTableName } from '../baseline-names';
import { quote, type SqlFragment } from './expressions';
import { changedRows, coerceToColumn, runSql } from './runtime';
import type { EmulatorState, TableInfo } from './state';

/** The T-SQL types of a SELECT's result set columns, so INSERT … EXEC converts them as INSERT … SELECT does. */
const resultSetTypes = new WeakMap<object, readonly Omit<SqlFragment, 'sql'>[]>();

/** Keeps the column types of a result set a SELECT returned (executeSelect), by its entry. */
export function noteResultSetTypes(entry: object, columns: readonly Omit<SqlFragment, 'sql'>[]): void {
  resultSetTypes.set(entry, columns.map((c) => ({ family: c.family, duckType: c.duckType, tsqlType: c.tsqlType })));
}

/** What an INSERT writes into: the table, its listed columns and their SQL, period columns' values. */
export interface InsertTarget {
  readonly info: TableInfo;
  readonly columns: readonly Parameters<typeof coerceToColumn>[1][];
  readonly colList: string;
  readonly extra: string;
}

/**
 * INSERT … EXEC: the rows of the callee's result sets into the target. Rows of SELECTs go in
 * typed from the tables that hold them, converted as INSERT … SELECT converts them (a decimal or
 * float into an int column truncates, text longer than a varchar(n) fails with 2628, a float into a
 * decimal rounds its binary value); read back as text, DuckDB would round, keep or approximate
 * them. Rows of another origin (none the emulator makes today) go in as text.
 */
export async function insertExecRows(state: EmulatorState, ins: Insert, target: InsertTarget, result: { columns: string[]; rows: Record<string, unknown>[]; sets?: readonly object[] }): Promise<void> {
  const { info, columns, colList, extra } = target;
  if (result.rows.length === 0) { state.rowCount = 0; return; }
  const typed = (result.sets ?? []).map((rs) => ({ table: (rs as { table?: string }).table, types: resultSetTypes.get(rs) }));
  if (typed.length > 0 && typed.every((x) => x.table !== undefined && x.types !== undefined)) {
    let total = 0;
    for (const { table, types } of typed) {
      const kinds = types ?? [];
      if (kinds.length !== columns.length) throw state.unsupported(ins.source, `an INSERT … EXEC whose result set has ${kinds.length} columns for ${columns.length} target columns`);
      const names = kinds.map((_, i) => quote(`c${i}`));
      const list = kinds.map((c, i) => coerceToColumn({ ...c, sql: `__src.${names[i] ?? ''}` }, columns[i], state.dateFormat, readableTableName(info.sqlName)));
      total += changedRows(await runSql(state, `INSERT INTO ${info.sqlName} (${colList}) SELECT ${list.join(', ')}${extra} FROM ${table ?? ''} AS __src(${names.join(', ')})`, [], ins.span));
    }
    state.rowCount = total;
    return;
  }
  const params: unknown[] = [];
  const values = result.rows.map((r) => `(${result.columns.map((c) => {
    const v = r[c];
    params.push(v === null || v === undefined ? null : v instanceof Date ? v.toISOString().replace('T', ' ').replace('Z', '') : String(v));
    return `CAST($${params.length} AS VARCHAR)`;
  }).join(', ')}${extra})`);
  state.rowCount = changedRows(await runSql(state, `INSERT INTO ${info.sqlName} (${colList}) VALUES ${values.join(', ')}`, params, ins.span));
}
