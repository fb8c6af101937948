import type { Statement } from '../../../tsql';
import { quote, SqlTranslator } from '../expressions';
import { declaredType } from '../declared-types';
import { withoutKeyIndexes } from './key-constraints';
import { resolveTable, tableKeyOf } from '../queries';
import { runSql } from '../runtime';
import type { EmulatorState, TableInfo } from '../state';
import { TsqlRuntimeError } from '../state';
import { noteAnyWrite } from './table-versions';
import { replaceTableInfo } from './table-replacement';
import { duckTypeAt, translateDefault } from './tables';
import { isRowversionType } from '../reproducibility/rowversion';

type AlterTable = Extract<Statement, { kind: 'AlterTable' }>;

/**
 * `ALTER TABLE t ADD c type [NULL | NOT NULL] [DEFAULT x]` and `ALTER TABLE t DROP COLUMN c`
 * run inside a procedure (a staging #temp table made by SELECT INTO, then widened), as SQL
 * Server does them: a NOT NULL column with a DEFAULT fills the existing rows with it; a nullable
 * one leaves them NULL unless `WITH VALUES`; NOT NULL without a DEFAULT on a table with rows
 * fails with 4901. Computed, identity and constrained columns, ALTER COLUMN and constraints
 * are refused.
 */
export async function alterTable(state: EmulatorState, s: AlterTable): Promise<void> {
  const written = s.name.parts.map((p) => p.name).join('.');
  const text = state.frame.script.lineIndex.text.slice(s.span.start.offset, s.span.end.offset);
  // The load idiom `SET (SYSTEM_VERSIONING = OFF)`, write the history, `= ON`: the emulator keeps a table's versioning as its DDL declares it.
  if (/\bSET\s*\(\s*SYSTEM_VERSIONING\b/i.test(text)) throw state.unsupported(s, `ALTER TABLE ${written} SET (SYSTEM_VERSIONING = …) inside a procedure (it changes whether SQL Server writes the history table)`);
  const info = resolveTable(new SqlTranslator(state), written);
  const key = tableKeyOf(state, written);
  if (s.action === 'ADD' && s.constraints.length === 0 && s.columns.length > 0) return addColumns(state, s, key, info, /\bWITH\s+VALUES\b/i.test(text));
  if (s.action === 'DROP' && /^\s*ALTER\s+TABLE\s+\S+(?:\s*\.\s*\S+)*\s+DROP\s+COLUMN\b/i.test(text)) return dropColumns(state, s, key, info, text);
  throw state.unsupported(s, 'ALTER TABLE inside a procedure other than ADD of plain columns or DROP COLUMN');
}

async function addColumns(state: EmulatorState, s: AlterTable, key: string, info: TableInfo, withValues: boolean): Promise<void> {
  let columns = info.columns;
  const rows = Number((await runSql(state, `SELECT count(*) AS n FROM ${info.sqlName}`, [], s.span))[0]?.n ?? 0);
  for (const col of s.columns) {
    if (col.computed !== undefined || col.identity || col.constraints.length > 0 || col.dataType === undefined) throw state.unsupported(col, 'ALTER TABLE … ADD of a computed, identity or constrained column');
    if (columns.some((c) => c.name.toLowerCase() === col.name.name.toLowerCase())) {
      throw new TsqlRuntimeError({ number: 2705, message: 'Column names in each table must be unique. Column name \'' + col.name.name + '\' in table \'' + s.name.parts.map((p) => p.name).join('.') + '\' is specified more than once.', severity: 16, state: 4, line: state.tsqlLine(s.span), procedure: state.procedureName }, { location: state.locate(col.span) });
    }
    const notNull = col.nullable === false;
    if (notNull && col.default === undefined && rows > 0) {
      throw new TsqlRuntimeError({ number: 4901, message: `ALTER TABLE only allows columns to be added that can contain nulls, or have a DEFAULT definition specified, or the column being added is an identity or timestamp column, or alternatively if none of the previous conditions are satisfied the table must be empty to allow addition of this column. Column '${col.name.name}' cannot be added to non-empty table '${s.name.parts[s.name.parts.length - 1]?.name ?? ''}' because it does not satisfy these conditions.`, severity: 16, state: 1, line: state.tsqlLine(s.span), procedure: state.procedureName }, { location: state.locate(col.span) });
    }
    const type = declaredType(state, col.dataType);
    // SQL Server gives every existing row a new version from the database's counter (rowversion.ts).
    if (isRowversionType(type)) throw state.unsupported(col, `ALTER TABLE … ADD of the rowversion column ${col.name.name}`);
    const duckType = duckTypeAt(state, col.dataType, type, `column ${col.name.name}`);
    const def = col.default === undefined ? undefined : translateDefault(state, col, col.default, type);
    const name = quote(col.name.name);
    await withoutKeyIndexes(state, info, async () => {
      // DuckDB fills existing rows with an ADD COLUMN's default: SQL Server does so for NOT NULL
      // columns and WITH VALUES only; a nullable column's existing rows stay NULL.
      const fills = def !== undefined && (notNull || withValues);
      await runSql(state, `ALTER TABLE ${info.sqlName} ADD COLUMN ${name} ${duckType}${fills ? ` DEFAULT ${def}` : ''}`, [], s.span);
      if (def !== undefined && !fills) await runSql(state, `ALTER TABLE ${info.sqlName} ALTER COLUMN ${name} SET DEFAULT ${def}`, [], s.span);
      if (notNull) await runSql(state, `ALTER TABLE ${info.sqlName} ALTER COLUMN ${name} SET NOT NULL`, [], s.span);
    });
    columns = [...columns, { name: col.name.name, duckType, tsqlType: type }];
  }
  replaceTableInfo(state, info, { ...info, columns });
  noteAnyWrite(state);
}

async function dropColumns(state: EmulatorState, s: AlterTable, key: string, info: TableInfo, text: string): Promise<void> {
  const names = text.replace(/^[\s\S]*?\bDROP\s+COLUMN\s+(?:IF\s+EXISTS\s+)?/i, '').split(',').map((x) => x.trim().replace(/;$/, '').replace(/^\[|\]$/g, '').replace(/]]/g, ']'));
  let columns = info.columns;
  for (const name of names) {
    const col = columns.find((c) => c.name.toLowerCase() === name.toLowerCase());
    const keyed = info.key.some((k) => k.toLowerCase() === name.toLowerCase()) || (info.uniqueKeys ?? []).some((k) => k.some((c) => c.toLowerCase() === name.toLowerCase()));
    if (col === undefined || col.computed === true || keyed || info.identity?.column.toLowerCase() === name.toLowerCase() || info.checked === true) {
      throw state.unsupported(s, `ALTER TABLE … DROP COLUMN ${name} (a column that does not exist, is computed, in a key, the identity, or of a table with CHECK constraints)`);
    }
    await runSql(state, `ALTER TABLE ${info.sqlName} DROP COLUMN ${quote(col.name)}`, [], s.span);
    columns = columns.filter((c) => c !== col);
  }
  replaceTableInfo(state, info, { ...info, columns });
  noteAnyWrite(state);
}
