import { LegacyError } from '../../core';
import { quoteLiteral } from '../../engine';
import { readableTableName } from '../baseline-names';
import { quote } from './expressions';
import type { EmulatorState } from './state';

/**
 * Refuses a run that left two rows with one primary key in a permanent table it wrote. SQL
 * Server raises 2627 at the statement that writes the second row (and runs the CATCH block
 * around it, if any); the emulator's DuckDB tables do not enforce keys, so it cannot say which
 * statement that was nor reproduce what the legacy code does next. Keys compare as SQL Server's
 * default collation does: case-insensitive, trailing blanks ignored. Checked once at the end of
 * a run (cheap: one grouping per written keyed table); a duplicate the code itself removed
 * again before the end is not seen.
 */
export async function refuseDuplicateKeys(state: EmulatorState): Promise<void> {
  for (const [key, info] of state.tables) {
    if (info.key.length === 0 || key.startsWith('#') || key.startsWith('@') || !state.written.has(info)) continue;
    const exprs = info.key.map((k) => {
      const column = info.columns.find((c) => c.name === k);
      return column !== undefined && /^VARCHAR/i.test(column.duckType) ? `lower(tsql_str(${quote(k)}))` : quote(k);
    });
    const rows = await state.session.all(`SELECT ${exprs.map((e, i) => `CAST(any_value(${quote(info.key[i] as string)}) AS VARCHAR) AS ${quote(`k${i}`)}`).join(', ')} FROM ${info.sqlName} GROUP BY ${exprs.join(', ')} HAVING count(*) > 1 LIMIT 1`);
    const dup = rows[0];
    if (dup === undefined) continue;
    const value = info.key.map((_, i) => String(dup[`k${i}`] ?? 'NULL')).join(', ');
    const definition = state.definitions.get(key);
    throw new LegacyError('LEGACY_DUPLICATE_KEY',
      `the run left two rows with the primary key (${value}) in ${readableTableName(info.sqlName)}: SQL Server raises 2627 (Violation of PRIMARY KEY constraint) at the statement that wrote the second, and runs its CATCH block if it has one; the emulator does not enforce keys, so it refuses the capture`, {
        location: definition === undefined ? undefined : { file: definition.script.file, span: definition.create.span, source: definition.script.lineIndex.text },
        hint: `capture from SQL Server with MIGRATE_MSSQL_URL, or check the input rows of ${quoteLiteral(readableTableName(info.sqlName))} and the statements writing it`,
      });
  }
}
