import { LegacyError } from '../../../core';
import type { ColumnDefinition, Expression, TableDefinition } from '../../../tsql';
import { localNameParts, walk } from '../../../tsql';
import { withCollation } from '../collations';
import { checkClauses, notNullClause } from './check-constraints';
import { createKeyIndexes, definedKeyConstraints, primaryKeyColumns } from './key-constraints';
import { withKeyText } from './key-text';
import { convertSql, quote, SqlTranslator } from '../expressions';
import { dateTimeTarget } from '../dates/date-convert';
import { computedColumn } from './computed-columns';
import { unevaluatedColumn } from './unevaluated-columns';
import type { UnevaluatedColumn } from '../sql-scope';
import { declaredType } from '../declared-types';
import type { EmulatorState, TableInfo } from '../state';
import { SqlScope } from '../sql-scope';
import { toDuckType, type TsqlType } from '../tsql-types';
import { markSequenceDefault, sequencesDrawn, type DrawnSequence } from '../sequences';
import { replaceTableInfo } from './table-replacement';
import { isRowversionType, rowversionDefault } from '../reproducibility/rowversion';
import { markRandomDefaults, randomFunctionIn } from '../reproducibility/random-defaults';
import { translatesDefault } from '../reproducibility/random-values';
import { noteIdentitySequence } from '../reproducibility/identity-floors';
import { inlineMacroCalls } from '../read-once-macros';

/**
 * DuckDB name of a table as written: `dbo.Device` -> `"dbo"."Device"`, `#t` -> `"#t"`; another
 * database's table keeps its database in the DuckDB schema, `RefData.dbo.T` -> `"RefData.dbo"."T"`,
 * so it is never this database's `dbo.T` (`[$(DatabaseName)].dbo.T` is: localNameParts).
 */
export function duckTableName(written: readonly string[]): string {
  if (written.length === 1 && (written[0] ?? '').startsWith('#')) return quote(written[0] ?? '');
  const parts = localNameParts(written);
  const base = parts[parts.length - 1] ?? '';
  const schema = parts.length >= 2 && parts[parts.length - 2] !== '' ? (parts[parts.length - 2] as string) : 'dbo';
  return `${quote([...parts.slice(0, -2), schema].join('.'))}.${quote(base)}`;
}

/**
 * Creates a table in DuckDB from a T-SQL table definition and registers it. Column types map
 * through toDuckType; NOT NULL is kept; IDENTITY becomes a sequence default; DEFAULT
 * expressions are translated (GETDATE() is the fixed clock), also those given as table-level
 * DEFAULT constraints; CHECK constraints (check-constraints.ts), PRIMARY KEY and UNIQUE
 * (key-constraints.ts) are enforced; the primary key also sorts the baselines. `scripted`: a table of
 * the table scripts, whose computed columns it cannot compute may stay unread (unevaluated-columns.ts).
 */
export async function createTable(state: EmulatorState, key: string, sqlName: string, definition: TableDefinition, temp: boolean, scripted?: { readonly indexTexts: readonly string[] }): Promise<TableInfo> {
  const cols: string[] = [];
  const columns: { name: string; duckType: string; tsqlType?: TsqlType; computed?: boolean; computedFrom?: readonly string[]; unevaluated?: UnevaluatedColumn }[] = [];
  let identity: TableInfo['identity'];
  const seqBase = `__seq_${key.replace(/[^a-z0-9_]/gi, '_')}_${state.tempCounter++}`;
  const tableDefaults = new Map<string, Expression>();
  const notNullComputed: string[] = [];
  /** Column (lower case) -> the sequences its DEFAULT draws. */
  const defaultDraws = new Map<string, readonly DrawnSequence[]>();
  /** Column (lower case) -> the NEWID()-like function its DEFAULT draws a value per row with. */
  const randomDraws = new Map<string, string>();
  for (const c of definition.constraints) {
    if (c.type !== 'DEFAULT') continue;
    const target = c.columns[0]?.name;
    if (c.expression === undefined || target === undefined || c.columns.length !== 1) throw state.unsupported(c, 'a DEFAULT constraint without one column and one expression');
    if (!definition.columns.some((col) => col.name.name.toLowerCase() === target.toLowerCase())) throw state.unsupported(c, `a DEFAULT constraint for ${target}, which is not a column of the table`);
    tableDefaults.set(target.toLowerCase(), c.expression);
  }
  for (const col of definition.columns) {
    if (col.computed !== undefined) {
      // A table of the scripts (whose indexes are known) keeps a column it cannot compute as a plain column nothing writes when SQL Server computes it only where read.
      const c = scripted === undefined ? await computedColumn(state, col, definition)
        : await computedColumn(state, col, definition).catch((err: unknown) => ({ unevaluated: unevaluatedColumn(state, sqlName, col, definition, scripted.indexTexts, err) }));
      if ('unevaluated' in c) {
        cols.push(`${quote(col.name.name)} VARCHAR`);
        columns.push({ name: col.name.name, duckType: 'VARCHAR', computed: true, computedFrom: columnsNamed(col.computed), unevaluated: c.unevaluated });
        continue;
      }
      cols.push(c.sql);
      if (c.notNull !== undefined) notNullComputed.push(notNullClause(state, c.notNull, sqlName, col.name.name));
      columns.push({ name: col.name.name, duckType: c.duckType, computed: true, computedFrom: columnsNamed(col.computed) });
      continue;
    }
    if (col.dataType === undefined) throw state.unsupported(col, 'a column without a data type');
    // A COLLATE that compares otherwise than the default travels with the type: reading the column is refused (collations.ts).
    const type = withCollation(declaredType(state, col.dataType), col.collation);
    const duckType = duckTypeAt(state, col.dataType, type, `column ${col.name.name}`);
    let def = '';
    if (isRowversionType(type)) {
      // The database's counter gives every inserted row its value (rowversion.ts).
      if (columns.some((c) => isRowversionType(c.tsqlType))) throw state.unsupported(col, `a second rowversion column ${col.name.name} (SQL Server: a table can have only one)`);
      def = await rowversionDefault(state);
    } else if (col.identity) {
      const { seed, increment } = identitySpec(col);
      await state.session.run(sequenceSql(seqBase, BigInt(seed), BigInt(increment), temp));
      noteIdentitySequence(state, seqBase, BigInt(seed), BigInt(increment));
      identity = { column: col.name.name, sequence: seqBase, seed, increment };
      def = ` DEFAULT nextval('${seqBase}')`;
    } else {
      // `ALTER TABLE … ADD CONSTRAINT DF DEFAULT (x) FOR col` (SSDT, upgrade scripts) is the column's default too.
      const expression = col.default ?? tableDefaults.get(col.name.name.toLowerCase());
      if (expression !== undefined) def = ` DEFAULT ${translateDefault(state, col, expression, type)}`;
      const drawn = expression === undefined ? [] : sequencesDrawn(expression);
      if (drawn.length > 0) defaultDraws.set(col.name.name.toLowerCase(), drawn);
      const random = expression === undefined ? undefined : randomFunctionIn(expression);
      if (random !== undefined) randomDraws.set(col.name.name.toLowerCase(), random);
    }
    const notNull = col.nullable === false || isInlineKey(col) ? ' NOT NULL' : '';
    cols.push(`${quote(col.name.name)} ${duckType}${def}${notNull}`);
    columns.push({ name: col.name.name, duckType, tsqlType: type });
  }
  const keyCols = primaryKeyColumns(definition);
  const checks = [...notNullComputed, ...await checkClauses(state, definition, sqlName)];
  cols.push(...checks);
  if (!temp) {
    const schema = /^"((?:[^"]|"")*)"\./.exec(sqlName)?.[1];
    if (schema !== undefined) await state.session.run(`CREATE SCHEMA IF NOT EXISTS ${quote(schema.replace(/""/g, '"'))}`);
  }
  await state.session.run(`CREATE ${temp ? 'TEMP ' : ''}TABLE ${sqlName} (${cols.join(', ')})`);
  const filtered = definition.constraints.find((c) => c.type === 'INDEX' && c.unique === true && c.filtered === true);
  if (filtered !== undefined) throw state.unsupported(filtered, `the filtered unique index ${filtered.name?.name ?? ''} (DuckDB has no partial index)`);
  const keyConstraints = definedKeyConstraints(definition);
  const uniqueKeys = keyConstraints.map((k) => k.columns);
  const keyed = withKeyText(columns, uniqueKeys);
  const keyIndexes = await createKeyIndexes(state, { sqlName, columns: keyed }, uniqueKeys, definition, keyConstraints);
  for (const k of keyConstraints) state.keyErrorNumbers.add(k.number);
  const info: TableInfo = {
    sqlName, columns: keyed, key: keyCols, identity, ...(checks.length > 0 ? { checked: true } : {}), ...(uniqueKeys.length > 0 ? { uniqueKeys, keyIndexes } : {}),
  };
  if (defaultDraws.size > 0) markSequenceDefault(info, defaultDraws);
  markRandomDefaults(info, randomDraws);
  state.tables.set(key, info);
  return info;
}

/** The columns (lower case) an expression over a row names: what a computed column is computed from. */
function columnsNamed(e: Expression): string[] {
  const out = new Set<string>();
  walk(e, (n) => { if (n.kind === 'ColumnRef') out.add((n.parts[n.parts.length - 1]?.name ?? '').toLowerCase()); return undefined; });
  return [...out];
}

function isInlineKey(col: ColumnDefinition): boolean {
  return col.constraints.some((c) => c.type === 'PRIMARY KEY');
}

function identitySpec(col: ColumnDefinition): { seed: number; increment: number } {
  return col.identityArgs === undefined ? { seed: 1, increment: 1 } : { seed: Number(col.identityArgs.seed), increment: Number(col.identityArgs.increment) };
}

export function translateDefault(state: EmulatorState, col: ColumnDefinition, expression: Expression, type: TsqlType): string {
  const t = new SqlTranslator(state);
  t.inTableDefinition = true;
  translatesDefault(t);
  const raw = t.expr(expression, new SqlScope());
  // The default converts to the column's type as an INSERT would (GETDATE() into datetime2).
  const frag = dateTimeTarget(type) === undefined ? raw : convertSql(raw, type, false, state.dateFormat);
  if (t.params.length > 0) throw state.unsupported(col, 'DEFAULT expressions that use variables');
  return `(${inlineMacroCalls(frag.sql)})`;
}

/**
 * Restarts an identity sequence after rows were loaded with explicit values, so the next
 * generated value follows the largest loaded one, as SQL Server's identity does. The database's
 * own current value may be past it (rows deleted at the top, a reseed), which no data file
 * shows: `migrate capture --identity "dbo.T=next"` gives it (state.identityStarts).
 */
export async function resetIdentity(state: EmulatorState, info: TableInfo): Promise<void> {
  const identity = info.identity;
  if (identity === undefined) return;
  // (the table's key is looked up only when some were given: this runs at every table load)
  const given = state.identityStarts.size === 0 ? undefined : [...state.tables].find(([, t]) => t === info)?.[0];
  const start = given === undefined ? undefined : state.identityStarts.get(given);
  if (start !== undefined) {
    await restartIdentity(state, info, identity, start);
    state.identityUsed.add(info.sqlName);
    return;
  }
  const increment = BigInt(identity.increment ?? 1);
  // The next value follows the highest loaded one (the lowest, for a negative increment). A value
  // on the other side of the seed (a dimension's unknown member -1 under IDENTITY(1,1)) was never
  // generated but inserted explicitly, and an explicit value that is not past the current one
  // leaves it alone (SET IDENTITY_INSERT page): with only such rows the next value is the seed.
  const seed = BigInt(identity.seed ?? 1);
  const last = await state.session.scalar(`SELECT ${increment > 0n ? 'max' : 'min'}(${quote(identity.column)}) FROM ${info.sqlName} WHERE ${quote(identity.column)} ${increment > 0n ? '>=' : '<='} ${seed}`);
  if (last === null || last === undefined) return;
  await restartIdentity(state, info, identity, BigInt(String(last)) + increment);
  state.identityUsed.add(info.sqlName);
}

/** Points an identity column at a new sequence whose first value is `start`. */
async function restartIdentity(state: EmulatorState, info: TableInfo, identity: NonNullable<TableInfo['identity']>, start: bigint): Promise<void> {
  const next = `${identity.sequence}_${state.tempCounter++}`;
  await state.session.run(sequenceSql(next, start, BigInt(identity.increment ?? 1), false));
  noteIdentitySequence(state, next, start, BigInt(identity.increment ?? 1));
  await state.session.run(`ALTER TABLE ${info.sqlName} ALTER COLUMN ${quote(identity.column)} SET DEFAULT nextval('${next}')`);
  replaceTableInfo(state, info, { ...info, identity: { ...identity, sequence: next } });
}

/** Moves an identity on so that its next value is `next` (after explicit values, identity-insert.ts). */
export async function restartIdentityAfter(state: EmulatorState, info: TableInfo, next: bigint): Promise<void> {
  const identity = info.identity;
  if (identity !== undefined) await restartIdentity(state, info, identity, next);
}

/**
 * TRUNCATE TABLE resets an identity's counter to the seed defined for the column, 1 when none was
 * (TRUNCATE TABLE page): the next row gets the seed itself, and IDENT_CURRENT() of the emptied
 * table returns the seed (IDENT_CURRENT page: NULL-valued after a truncation, it gives the seed).
 */
export async function restartIdentityAtSeed(state: EmulatorState, info: TableInfo): Promise<void> {
  const identity = info.identity;
  if (identity === undefined) return;
  const seed = BigInt(identity.seed ?? 1);
  await restartIdentity(state, info, identity, seed);
  state.identityByTable.set(info.sqlName, seed.toString());
  state.identityUsed.delete(info.sqlName);
  state.identityTruncated.add(info.sqlName);
}

/** CREATE SEQUENCE of an identity starting at `start` (a decreasing one may go below its start, down to bigint's least value). */
export function sequenceSql(name: string, start: bigint, increment: bigint, temp: boolean): string {
  const bounds = increment < 0n ? ` MINVALUE -9223372036854775808 MAXVALUE ${start}` : '';
  return `CREATE ${temp ? 'TEMP ' : ''}SEQUENCE ${quote(name)} START ${start} INCREMENT ${increment}${bounds}`;
}

/** Registers a table DuckDB created (SELECT … INTO) by reading its columns back. */
export async function registerCreatedTable(state: EmulatorState, key: string, sqlName: string, types: readonly (TsqlType | undefined)[] = [], unicode: readonly (boolean | undefined)[] = []): Promise<TableInfo> {
  const described = await state.session.describe(`SELECT * FROM ${sqlName} LIMIT 0`);
  // The query's T-SQL types (datetime2 held as text, nvarchar vs varchar) survive SELECT … INTO,
  // and so does whether text of no known type is nvarchar (HASHBYTES hashes its bytes).
  const info: TableInfo = { sqlName, columns: described.columns.map((c, i) => ({ name: c.name, duckType: c.type, tsqlType: types[i], unicodeText: types[i] === undefined ? unicode[i] : undefined })), key: [], identity: undefined };
  state.tables.set(key, info);
  return info;
}

/** toDuckType, with a refusal located at the type as written (a column, a variable). */
export function duckTypeAt(state: EmulatorState, node: Parameters<EmulatorState['unsupported']>[0], type: TsqlType, where: string): string {
  try {
    return toDuckType(type, where);
  } catch (err) {
    if (err instanceof LegacyError) throw state.unsupported(node, err.message.replace(/^the emulator does not support /, ''));
    throw err;
  }
}
