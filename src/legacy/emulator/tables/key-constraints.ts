import type { ColumnDefinition, TableConstraint, TableDefinition } from '../../../tsql';
import type { TsqlFailure } from '../engine-errors';
import { quote } from '../expressions';
import { keyValueSql } from './key-text';
import type { EmulatorState, TableInfo } from '../state';

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
  return definedKeyConstraints(definition).map((k) => k.columns);
}

/**
 * Each PRIMARY KEY and UNIQUE constraint of a definition, and each inline unique index (`INDEX ix
 * UNIQUE (…)`), as its duplicate-key error names it: in definedKeys' order. A key declared WITH
 * (IGNORE_DUP_KEY = ON) is marked (state.ts refuses the duplicate SQL Server would drop with a
 * warning). A filtered inline unique index is
 * refused by the caller (DuckDB has no partial index).
 */
export function definedKeyConstraints(definition: TableDefinition): (KeyNaming & { readonly columns: string[] })[] {
  const keys: (KeyNaming & { readonly columns: string[] })[] = [];
  const naming = (c: TableConstraint): KeyNaming => ({
    ...(c.type === 'INDEX' ? { number: 2601 as const, kind: 'index' as const } : { number: 2627 as const, kind: c.type === 'PRIMARY KEY' ? 'PRIMARY KEY' as const : 'UNIQUE KEY' as const }),
    name: c.name?.name,
    ...(c.ignoreDupKey === true ? { ignoresDuplicates: true as const } : {}),
  });
  for (const c of definition.constraints) {
    if ((c.type === 'PRIMARY KEY' || c.type === 'UNIQUE' || (c.type === 'INDEX' && c.unique === true)) && c.columns.length > 0) keys.push({ ...naming(c), columns: c.columns.map((x) => x.name) });
  }
  for (const col of definition.columns) {
    for (const c of col.constraints) {
      if (c.type === 'PRIMARY KEY' || c.type === 'UNIQUE') keys.push({ ...naming(c), columns: c.columns.length > 0 ? c.columns.map((x) => x.name) : [col.name.name] });
    }
  }
  return keys;
}

/**
 * What SQL Server's duplicate-key error names of one key: 2627 and the constraint's kind for a
 * PRIMARY KEY or UNIQUE constraint, 2601 for a unique index; its name as written (undefined when
 * the script names none: SQL Server then makes up `PK__Table__…`, which no script can know).
 */
export interface KeyNaming {
  readonly number: 2627 | 2601;
  readonly kind: 'PRIMARY KEY' | 'UNIQUE KEY' | 'index';
  readonly name: string | undefined;
  /** Declared WITH (IGNORE_DUP_KEY = ON): SQL Server drops a repeated key's row with a warning instead of failing. */
  readonly ignoresDuplicates?: true;
}


/**
 * Creates a unique index per key of `info` (the keys definedKeys found, columns as the table has
 * them) and returns their names and statements. A key naming a column the table does not have
 * (SQL Server's own error at CREATE TABLE) is refused.
 */
export async function createKeyIndexes(
  state: EmulatorState, info: Pick<TableInfo, 'sqlName' | 'columns'>, keys: readonly (readonly string[])[], definition: TableDefinition,
  /** How SQL Server names each key (keys' order) in its duplicate-key error. */
  namings: readonly (KeyNaming | undefined)[] = [],
): Promise<KeyIndex[]> {
  const indexes: KeyIndex[] = [];
  for (const [k, key] of keys.entries()) {
    const exprs: string[] = [];
    // DuckDB names a plain key column `Name: value`; the other keys' labels are expressions.
    let plain = true;
    for (const name of key) {
      const column = info.columns.find((c) => c.name.toLowerCase() === name.toLowerCase());
      const declared = definition.columns.find((c) => c.name.name.toLowerCase() === name.toLowerCase());
      if (column === undefined || declared === undefined) throw state.unsupported(declared ?? definition.columns[0], `a key over ${name}, which is not a column of the table`);
      const text = /^VARCHAR/i.test(column.duckType);
      const value = keyValueSql(quote(column.name), text, column.tsqlType?.collation);
      if (nullable(declared)) exprs.push(`(${quote(column.name)} IS NULL)`, `(coalesce(CAST(${value} AS VARCHAR), ''))`);
      else exprs.push(text ? `(${value})` : value);
      if (nullable(declared) || !INTEGER_TYPE.test(column.duckType)) plain = false;
    }
    const name = quote(`__tsql_key_${state.tempCounter++}`);
    const sql = `CREATE UNIQUE INDEX ${name} ON ${info.sqlName} (${exprs.join(', ')})`;
    await state.session.run(sql);
    const labels = plain ? new RegExp(`^${key.map((c) => `${escapeRegex(c)}: (-?\\d+)`).join(', ')}$`, 'i') : undefined;
    const head = labels === undefined ? undefined : messageHead(namings[k], info.sqlName);
    indexes.push({ name, sql, columns: key, ...(labels === undefined ? {} : { labels }), ...(head === undefined ? {} : { message: head }), ...(namings[k]?.ignoresDuplicates === true ? { ignoresDuplicates: true as const } : {}) });
  }
  return indexes;
}

const INTEGER_TYPE = /^(U?TINYINT|SMALLINT|INTEGER|BIGINT)$/i;
const escapeRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The start of SQL Server's duplicate-key message of a key (the key value follows), when every
 * part is known: the constraint or index name as written, and the table as SQL Server prints it
 * (`dbo.Ward Stay`, no brackets). A key without a name (SQL Server makes one up) or of a #temp
 * table (whose name SQL Server pads with a suffix) has none.
 */
function messageHead(naming: KeyNaming | undefined, sqlName: string): { readonly number: 2627 | 2601; readonly text: string } | undefined {
  const parts = /^"((?:[^"]|"")*)"\."((?:[^"]|"")*)"$/.exec(sqlName);
  if (naming?.name === undefined || parts === null || (parts[2] ?? '').startsWith('#')) return undefined;
  const object = `${(parts[1] ?? '').replace(/""/g, '"')}.${(parts[2] ?? '').replace(/""/g, '"')}`;
  return naming.number === 2601
    ? { number: 2601, text: `Cannot insert duplicate key row in object '${object}' with unique index '${naming.name}'.` }
    : { number: 2627, text: `Violation of ${naming.kind} constraint '${naming.name}'. Cannot insert duplicate key in object '${object}'.` };
}

/**
 * A DuckDB unique index enforcing one key: its quoted name, CREATE statement and key columns.
 * Name and statement change when withoutKeyIndexes rebuilds it.
 */
export interface KeyIndex {
  name: string;
  sql: string;
  readonly columns: readonly string[];
  /** DuckDB's text of a duplicate key of this index (`Admission Id: 7, Seq: 2`), when its columns are NOT NULL integers: the rest are not reported exactly. */
  readonly labels?: RegExp;
  /** The start of SQL Server's message, where every part of it is known (messageHead). */
  readonly message?: { readonly number: 2627 | 2601; readonly text: string };
  /** Its key was declared WITH (IGNORE_DUP_KEY = ON) (KeyNaming). */
  readonly ignoresDuplicates?: true;
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
 * constraints), 2601 (CREATE UNIQUE INDEX).
 * The message is SQL Server's own ("Violation of PRIMARY KEY constraint 'PK_WardStay'. Cannot
 * insert duplicate key in object 'dbo.Ward Stay'. The duplicate key value is (7, 2).", the key's
 * values in its column order, comma and blank between) when every part is certain: one index of
 * the run's tables has the labels DuckDB names (so the constraint and table are known), it has a
 * message head (named, not a #temp table's), its columns are integers (printed alike), and the
 * statement writes one row (of several repeated keys SQL Server names the first its plan meets).
 * Otherwise the message is marked unknowable, and with both numbers in the run and no index
 * certain, the number too: 'ambiguous' (the caller refuses).
 */
export function keyViolation(raw: string, statement: string, numbers: ReadonlySet<number>, indexes: readonly KeyIndex[] = [], oneRow = false): TsqlFailure | 'ambiguous' | undefined {
  if (!['INSERT', 'UPDATE', 'MERGE'].includes(statement)) return undefined;
  const value = duplicateKeyValue(raw);
  if (value === undefined) return undefined;
  const labelled = duplicateKeyLabels(raw);
  const matching = labelled === undefined ? [] : indexes.filter((ix) => ix.labels?.test(labelled) === true);
  const only = matching.length === 1 ? matching[0] : undefined;
  if (only?.message !== undefined && oneRow) {
    return { number: only.message.number, message: `${only.message.text} The duplicate key value is (${value}).` };
  }
  const unknown = only?.message === undefined
    ? (only === undefined ? undefined : 'names the constraint SQL Server generates for a key the script leaves unnamed, or a #temp table\'s padded name')
    : 'names the duplicate key value of the first row its plan meets, and this statement writes several rows';
  const number = only?.message?.number ?? (numbers.size > 1 ? undefined : numbers.has(2601) ? 2601 : 2627);
  if (number === undefined) return 'ambiguous';
  if (number === 2601) {
    return { number: 2601, message: `Cannot insert duplicate key row with unique index. The duplicate key value is (${value}).`, messageUnknown: unknown ?? 'names the table, the index and the key value as SQL Server formats them' };
  }
  return {
    number: 2627,
    message: `Violation of PRIMARY KEY or UNIQUE KEY constraint. Cannot insert duplicate key. The duplicate key value is (${value}).`,
    messageUnknown: unknown ?? 'names the constraint, the table and the key value as SQL Server formats them',
  };
}

/** DuckDB's text of the repeated key, labels and values (`Admission Id: 7, Seq: 2`). */
function duplicateKeyLabels(raw: string): string | undefined {
  const m = /Constraint Error: (?:Duplicate key "(.*)" violates (?:unique|primary key) constraint|PRIMARY KEY or UNIQUE constraint violation: duplicate key "(.*)")/s.exec(raw);
  return m === null ? undefined : (m[1] ?? m[2]);
}

/**
 * Whether a statement's text writes one row for certain: `INSERT … VALUES (…)` with one row and
 * no SELECT or EXEC (what else it writes depends on data).
 */
export function writesOneRow(text: string): boolean {
  const m = /^\s*INSERT\b[\s\S]*?\bVALUES\s*(\([\s\S]*)$/i.exec(text);
  if (m === null || /\b(SELECT|EXEC|EXECUTE|OUTPUT)\b/i.test(text.replace(/'(?:[^']|'')*'/g, "''"))) return false;
  const rest = (m[1] as string).replace(/'(?:[^']|'')*'/g, "''");
  let depth = 0;
  let rows = 0;
  for (const c of rest) {
    if (c === '(') { if (depth === 0) rows++; depth++; } else if (c === ')') depth--;
  }
  return rows === 1 && depth === 0;
}

/** The key columns of `info`'s keys as indexes into info.columns, when every one is an integer column (the write buffer can check those). */
export function integerKeys(info: TableInfo): number[][] | undefined {
  const out: number[][] = [];
  for (const key of info.uniqueKeys ?? []) {
    const idx = key.map((n) => info.columns.findIndex((c) => c.name.toLowerCase() === n.toLowerCase()));
    if (idx.some((i) => i < 0 || !INTEGER_TYPE.test(info.columns[i]?.duckType ?? ''))) return undefined;
    out.push(idx);
  }
  return out;
}
