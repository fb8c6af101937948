import type { ColumnDefinition, TableDefinition } from '../../tsql';
import type { TsqlFailure } from './engine-errors';
import { quote } from './expressions';
import { keyValueSql } from './key-text';
import type { EmulatorState, TableInfo } from './state';

/*
 * PRIMARY KEY and UNIQUE constraints, enforced as SQL Server does: a statement that would leave
 * two rows with one key value fails with error 2627 and writes nothing; TRY/CATCH catches it
 * (the `INSERT …; on 2627 UPDATE` upsert works). Each constraint is a DuckDB unique index over
 * the key as SQL Server's default collation compares it: text case-insensitively, without
 * trailing blanks and with ß, æ, œ spelled out (keyValueSql, key-text.ts, which also says what
 * text is refused in a key), and for a nullable UNIQUE column NULL as one value
 * (SQL Server admits a single NULL; a DuckDB index would admit any number). DuckDB checks the
 * index at the statement, rows the statement itself repeats included, and lets a transaction
 * delete a key and insert it again, or an UPDATE shift keys, as SQL Server does.
 */

/** The columns of a definition's PRIMARY KEY (table-level or written on its column); empty when it has none. */
export function primaryKeyColumns(definition: TableDefinition): string[] {
  const table = definition.constraints.find((c) => c.type === 'PRIMARY KEY');
  if (table !== undefined) return table.columns.map((c) => c.name);
  for (const col of definition.columns) {
    const k = col.constraints.find((c) => c.type === 'PRIMARY KEY');
    if (k !== undefined) return k.columns.length > 0 ? k.columns.map((c) => c.name) : [col.name.name];
  }
  return [];
}

/** The columns of each PRIMARY KEY and UNIQUE constraint of a definition (inline ones included). */
export function definedKeys(definition: TableDefinition): string[][] {
  const keys: string[][] = [];
  for (const c of definition.constraints) {
    if ((c.type === 'PRIMARY KEY' || c.type === 'UNIQUE') && c.columns.length > 0) keys.push(c.columns.map((x) => x.name));
  }
  for (const col of definition.columns) {
    for (const c of col.constraints) {
      if (c.type === 'PRIMARY KEY' || c.type === 'UNIQUE') keys.push(c.columns.length > 0 ? c.columns.map((x) => x.name) : [col.name.name]);
    }
  }
  return keys;
}

/**
 * Creates a unique index per key of `info` (the keys definedKeys found, columns as the table has
 * them) and returns their names and statements. A key naming a column the table does not have
 * (SQL Server's own error at CREATE TABLE) is refused.
 */
export async function createKeyIndexes(state: EmulatorState, info: Pick<TableInfo, 'sqlName' | 'columns'>, keys: readonly (readonly string[])[], definition: TableDefinition): Promise<KeyIndex[]> {
  const indexes: KeyIndex[] = [];
  for (const key of keys) {
    const exprs: string[] = [];
    for (const name of key) {
      const column = info.columns.find((c) => c.name.toLowerCase() === name.toLowerCase());
      const declared = definition.columns.find((c) => c.name.name.toLowerCase() === name.toLowerCase());
      if (column === undefined || declared === undefined) throw state.unsupported(declared ?? definition.columns[0], `a key over ${name}, which is not a column of the table`);
      const text = /^VARCHAR/i.test(column.duckType);
      const value = keyValueSql(quote(column.name), text, column.tsqlType?.collation);
      if (nullable(declared)) exprs.push(`(${quote(column.name)} IS NULL)`, `(coalesce(CAST(${value} AS VARCHAR), ''))`);
      else exprs.push(text ? `(${value})` : value);
    }
    const name = quote(`__tsql_key_${state.tempCounter++}`);
    const sql = `CREATE UNIQUE INDEX ${name} ON ${info.sqlName} (${exprs.join(', ')})`;
    await state.session.run(sql);
    indexes.push({ name, sql, columns: key });
  }
  return indexes;
}

/**
 * A DuckDB unique index enforcing one key: its quoted name, CREATE statement and key columns.
 * Name and statement change when withoutKeyIndexes rebuilds it.
 */
export interface KeyIndex {
  name: string;
  sql: string;
  readonly columns: readonly string[];
}

/**
 * Runs `change` on a table without its key indexes (DuckDB alters no column of an indexed
 * table), then builds again those `rebuild` keeps (all by default); a key the rows now repeat
 * fails the rebuild with DuckDB's duplicate-key error, which the caller reports.
 */
export async function withoutKeyIndexes<T>(state: EmulatorState, info: TableInfo, change: () => Promise<T>, rebuild: (ix: KeyIndex) => boolean = () => true): Promise<T> {
  // An index lives in its table's schema: `"dbo"."T"` -> `"dbo"."__tsql_key_1"`.
  const schema = /^("(?:[^"]|"")*")\./.exec(info.sqlName)?.[1];
  for (const ix of info.keyIndexes ?? []) await state.session.run(`DROP INDEX ${schema === undefined ? '' : `${schema}.`}${ix.name}`);
  const result = await change();
  for (const ix of info.keyIndexes ?? []) {
    if (!rebuild(ix)) continue;
    // Under a new name: DuckDB keeps the name of an index dropped from a TEMP table (a #temp
    // table, a table variable) taken, so creating it again as it was fails (DuckDB 1.x).
    const name = quote(`__tsql_key_${state.tempCounter++}`);
    ix.sql = ix.sql.replace(ix.name, name);
    ix.name = name;
    await state.session.run(ix.sql);
  }
  return result;
}

/** A column that may hold NULL: not declared NOT NULL and in no PRIMARY KEY (which makes it NOT NULL). */
function nullable(col: ColumnDefinition): boolean {
  return col.nullable !== false && !col.constraints.some((c) => c.type === 'PRIMARY KEY');
}

/** The key value a DuckDB duplicate-key failure names (`1`, `north, 2`), or undefined when the error is not one. */
export function duplicateKeyValue(raw: string): string | undefined {
  const m = /^(?:[A-Za-z ]*Error:\s*)*Constraint Error: (?:Duplicate key "(.*)" violates (?:unique|primary key) constraint|PRIMARY KEY or UNIQUE constraint violation: duplicate key "(.*)")/s.exec(raw);
  if (m === null) return undefined;
  return (m[1] ?? m[2] ?? '').replace(/(?:^|, )[^:]*: /g, (x) => (x.startsWith(',') ? ', ' : ''));
}

/**
 * The T-SQL error of a DuckDB duplicate-key failure of a write statement, or undefined when the
 * error is not one. Only the emulator's key indexes are unique, and only the legacy code's
 * INSERT, UPDATE and MERGE write through them (a failure in a flush of buffered rows is internal,
 * never this). `numbers` are the errors the run's indexes stand for: 2627 (PRIMARY KEY, UNIQUE
 * constraints), 2601 (CREATE UNIQUE INDEX); DuckDB does not say which index failed, so with both
 * in the run the number is unknown: 'ambiguous' (the caller refuses). The message names the
 * constraint and the key value as SQL Server formats it: marked unknowable.
 */
export function keyViolation(raw: string, statement: string, numbers: ReadonlySet<number>): TsqlFailure | 'ambiguous' | undefined {
  if (!['INSERT', 'UPDATE', 'MERGE'].includes(statement)) return undefined;
  const value = duplicateKeyValue(raw);
  if (value === undefined) return undefined;
  if (numbers.size > 1) return 'ambiguous';
  if (numbers.has(2601)) {
    return { number: 2601, message: `Cannot insert duplicate key row with unique index. The duplicate key value is (${value}).`, messageUnknown: 'names the table, the index and the key value as SQL Server formats them' };
  }
  return {
    number: 2627,
    message: `Violation of PRIMARY KEY or UNIQUE KEY constraint. Cannot insert duplicate key. The duplicate key value is (${value}).`,
    messageUnknown: 'names the constraint, the table and the key value as SQL Server formats them',
  };
}

/** The key columns of `info`'s keys as indexes into info.columns, when every one is an integer column (the write buffer can check those). */
export function integerKeys(info: TableInfo): number[][] | undefined {
  const out: number[][] = [];
  for (const key of info.uniqueKeys ?? []) {
    const idx = key.map((n) => info.columns.findIndex((c) => c.name.toLowerCase() === n.toLowerCase()));
    if (idx.some((i) => i < 0 || !/^(U?TINYINT|SMALLINT|INTEGER|BIGINT)$/i.test(info.columns[i]?.duckType ?? ''))) return undefined;
    out.push(idx);
  }
  return out;
}
