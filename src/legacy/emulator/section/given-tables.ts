import { UNSTORED_XML_HINT, unstoredXmlProblem } from '../xml-json/xml-serialization';
import { LegacyError } from '../../../core';
import { parseScript, walk, type CreateTable, type DataType, type Statement } from '../../../tsql';
import { normalizeObjectName } from '../../legacy-run';
import { synonymTargetOf } from '../catalog';
import { quote } from '../expressions';
import { duplicateKeyValue, withoutKeyIndexes, type KeyIndex } from '../tables/key-constraints';
import { textToColumnSql } from '../input-loading';
import { executeStatement } from '../interpreter';
import { tableKey } from '../queries';
import { sectionTableKey } from './section-statements';
import type { EmulatorState, TableInfo } from '../state';
import { ensureTables } from '../tables/table-definitions';
import { resetIdentity } from '../tables/tables';
import { isRowversionType, noteLoadedRowversions, noteOmittedRowversions } from '../reproducibility/rowversion';
import { noteGivenViewRows } from './given-view-rows';
import type { SectionTableInput } from './emulate-section';

/*
 * The tables a scenario gives a section: a permanent table or #temp built from the procedure's
 * CREATE TABLE (or, for a #temp no script creates, from the Given header alone), a synonym's
 * target, and the Given rows loaded into it as SQL Server would convert them.
 */

/** Spec type -> the T-SQL type of a #temp table built from a Given header alone. */
const TSQL_OF_SPEC: Readonly<Record<string, string>> = { int: 'int', bigint: 'bigint', double: 'float', text: 'nvarchar(4000)', bool: 'bit', date: 'date', timestamp: 'datetime2' };

function tsqlTypeOfSpec(type: string): string {
  const base = type.replace(/\?$/, '').trim();
  if (/^decimal/i.test(base)) return base;
  return TSQL_OF_SPEC[base.toLowerCase()] ?? 'nvarchar(4000)';
}

/** The table a synonym of the scripts stands for, when it is one the emulator holds (an output written through it). */
export function synonymTable(state: EmulatorState, key: string): TableInfo | undefined {
  const view = state.catalog.views.get(key);
  const target = view === undefined ? undefined : synonymTargetOf(view.definition);
  return target === undefined ? undefined : state.tables.get(normalizeObjectName(target));
}

/** The emulator table that holds a Given table's rows at the start of the section, created if need be. */
export async function givenTable(state: EmulatorState, body: readonly Statement[], table: SectionTableInput, key: string): Promise<TableInfo> {
  const existing = state.tables.get(key.startsWith('@') ? tableKey(key, state.frames.length) : key);
  if (existing !== undefined) return existing;
  if (key.startsWith('@')) throw new LegacyError('LEGACY_SECTION_INPUT', `the scenario gives the table variable ${table.name}, which the procedure does not declare`, { hint: 'use the name of a table variable the procedure declares' });
  if (!key.startsWith('#')) {
    await ensureTables(state, [key]);
    // A view the section reads is given as its rows (what SQL Server's view yields the
    // procedure): a table of that name, which queries read before any view.
    const view = state.tables.has(key) ? undefined : state.catalog.views.get(key);
    // A synonym of a table is that table (its char(n) padding, defaults, keys): the rows go there,
    // where the section's statements read and write them through the synonym.
    const target = view === undefined ? undefined : synonymTargetOf(view.definition);
    if (target !== undefined) {
      const targetKey = normalizeObjectName(target);
      await ensureTables(state, [targetKey]);
      const info = state.tables.get(targetKey);
      if (info !== undefined) return info;
    }
    if (view !== undefined) {
      const rows = await tableOfHeader(state, table, key, view.definition.name.parts.map((p) => p.name));
      // stale once the section writes a table the view reads (given-view-rows.ts)
      noteGivenViewRows(state, key, table.name);
      return rows;
    }
    const info = state.tables.get(key);
    if (info === undefined) throw new LegacyError('LEGACY_UNKNOWN_TABLE', `the scenario gives ${table.name}, but no CREATE TABLE script defines it`, { hint: 'add its CREATE TABLE script to procedures/tables/' });
    return info;
  }
  let create: CreateTable | undefined;
  for (const s of body) walk(s, (n) => { if (create === undefined && n.kind === 'CreateTable' && sectionTableKey(n.name.parts.map((p) => p.name).join('.')) === key) create = n; return undefined; });
  // Built by SELECT … INTO in another section: the Given header is all there is to go by.
  if (create === undefined) return tableOfHeader(state, table, key, [table.name]);
  await executeStatement(state, create);
  const info = state.tables.get(key);
  if (info === undefined) throw new LegacyError('LEGACY_SECTION_INPUT', `cannot build ${table.name}`);
  return info;
}

/** A Given table's header and rows (in any order), for comparing two names of one table. */
export function givenRowsText(table: SectionTableInput): string {
  const header = table.columns.map((c) => `${c.name.toLowerCase()}:${c.type}`).join(',');
  return `${header}\n${table.rows.map((r) => JSON.stringify(r)).sort().join('\n')}`;
}

/** A table built from a Given header alone: its columns and types, every column nullable. */
async function tableOfHeader(state: EmulatorState, table: SectionTableInput, key: string, parts: readonly string[]): Promise<TableInfo> {
  const cols = table.columns.map((c) => `${quoteTsql(c.name)} ${tsqlTypeOfSpec(c.type)} NULL`);
  const text = `CREATE TABLE ${parts.map(quoteTsql).join('.')} (${cols.join(', ')})`;
  const parsed = parseScript(text, { file: `<Given table ${table.name}>` });
  const create = parsed.batches[0]?.statements[0] as CreateTable | undefined;
  if (create?.kind !== 'CreateTable') throw new LegacyError('LEGACY_SECTION_INPUT', `cannot build ${table.name} from its Given header`, { hint: text });
  await executeStatement(state, create);
  const info = state.tables.get(key);
  if (info === undefined) throw new LegacyError('LEGACY_SECTION_INPUT', `cannot build ${table.name}`);
  return info;
}

/** A data type as T-SQL writes it (`decimal(14,2)`, `nvarchar(max)`). */
export function dataTypeText(t: DataType): string {
  return `${t.name.parts.map((p) => p.name).join('.')}${t.args.length > 0 ? `(${t.args.join(',')})` : ''}`;
}

export function quoteTsql(name: string): string {
  return `[${name.replace(/]/g, ']]')}]`;
}

/**
 * Loads the Given rows into the emulator table, converting text as SQL Server does. Columns the
 * Given leaves out are NULL, as `migrate test` gives them to the transform, so their NOT NULL
 * constraint is lifted; a key column left out is refused.
 */
export async function loadGivenRows(state: EmulatorState, info: TableInfo, table: SectionTableInput): Promise<void> {
  const cols = table.columns.map((c) => {
    const col = info.columns.find((x) => x.name.toLowerCase() === c.name.toLowerCase());
    if (col === undefined) throw new LegacyError('LEGACY_SECTION_INPUT', `the Given table ${table.name} has a column ${c.name} that the table does not have`, { hint: `its columns: ${info.columns.map((x) => x.name).join(', ')}` });
    if (col.computed === true) throw new LegacyError('LEGACY_SECTION_INPUT', `the Given table ${table.name} gives the computed column ${c.name}`, { hint: 'leave it out: the emulator computes it as SQL Server does' });
    return col;
  });
  const omitted = info.columns.filter((col) => col.computed !== true && !cols.includes(col));
  if (omitted.length > 0) {
    try {
      // A key the Given leaves a column of out is not what the scenario is about: not enforced.
      const given = (ix: KeyIndex): boolean => ix.columns.every((k) => cols.some((c) => c.name.toLowerCase() === k.toLowerCase()));
      await withoutKeyIndexes(state, info, async () => {
        for (const col of omitted) await state.session.run(`ALTER TABLE ${info.sqlName} ALTER COLUMN ${quote(col.name)} DROP NOT NULL`);
      }, given);
    } catch (err) {
      throw new LegacyError('LEGACY_SECTION_INPUT', `the Given table ${table.name} leaves out ${omitted.map((c) => c.name).join(', ')}, which the table cannot hold NULL in: ${err instanceof Error ? err.message.replace(/^DuckDB:\s*/, '').split('\n')[0] : String(err)}`, { hint: `add ${omitted.map((c) => c.name).join(', ')} to the Given header` });
    }
  }
  if (table.rows.length === 0) return;
  // an xml column holds SQL Server's serialisation of the document, which the procedure may write back as text
  cols.forEach((col, i) => {
    if (col.tsqlType?.name !== 'xml') return;
    for (const [n, row] of table.rows.entries()) {
      const problem = row[i] === null || row[i] === undefined ? undefined : unstoredXmlProblem(row[i] as string);
      if (problem !== undefined) throw new LegacyError('LEGACY_SECTION_INPUT', `the Given table ${table.name}, row ${n + 1}, column ${col.name}: the xml value ${problem}`, { hint: UNSTORED_XML_HINT });
    }
  });
  noteOmittedRowversions(state, info, cols.map((c) => c.name), `the Given table ${table.name}`);
  const staging = quote(`__given_${state.tempCounter++}`);
  const names = cols.map((_, i) => `c${i}`);
  await state.session.run(`CREATE OR REPLACE TEMP TABLE ${staging} (${names.map((n) => `${n} VARCHAR`).join(', ')})`);
  const placeholders = names.map((_, i) => `$${i + 1}`).join(', ');
  for (const row of table.rows) await state.session.run(`INSERT INTO ${staging} VALUES (${placeholders})`, [...row]);
  try {
    // NULL written out: a DEFAULT (an upgrade script's `NOT NULL DEFAULT (0)`) is no value the Given states
    const nulls = omitted.filter((c) => c.name !== info.identity?.column && !isRowversionType(c.tsqlType));
    await state.session.run(`INSERT INTO ${info.sqlName} (${[...cols, ...nulls].map((c) => quote(c.name)).join(', ')}) SELECT ${[...cols.map((c, i) => textToColumnSql(c, names[i] as string)), ...nulls.map(() => 'NULL')].join(', ')} FROM ${staging}`);
  } catch (err) {
    const raw = err instanceof Error ? err.message.replace(/^DuckDB:\s*/, '') : String(err);
    if (duplicateKeyValue(raw) !== undefined) {
      throw new LegacyError('LEGACY_SECTION_INPUT', `the Given rows of ${table.name} repeat a PRIMARY KEY or UNIQUE key value (text compared as SQL Server does: case and trailing blanks ignored): ${raw.split('\n')[0] ?? ''}`, { hint: 'SQL Server stores no such pair: give each key once' });
    }
    throw new LegacyError('LEGACY_SECTION_INPUT', `cannot load the Given rows of ${table.name}: ${raw}`, { hint: 'check the values against the table\'s column types' });
  } finally {
    await state.session.run(`DROP TABLE IF EXISTS ${staging}`);
  }
  await noteLoadedRowversions(state, info);
  await resetIdentity(state, info);
}
