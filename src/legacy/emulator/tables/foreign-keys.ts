import { LegacyError } from '../../../core';
import type { TableConstraint } from '../../../tsql';
import { readableTableName } from '../../baseline-names';
import { normalizeObjectName } from '../../legacy-run';
import { quote } from '../expressions';
import { primaryKeyColumns } from './key-constraints';
import { keyValueSql } from './key-text';
import type { EmulatorState, TableInfo } from '../state';
import { ensureTables } from './table-definitions';

/*
 * FOREIGN KEY constraints are not emulated statement by statement: SQL Server fails a write
 * that leaves a child row without its parent with 547 (and runs its CATCH), or deletes and
 * updates child rows itself (ON DELETE / ON UPDATE CASCADE, SET NULL, SET DEFAULT). What the
 * emulator guarantees is that such a run is never captured: it counts each enabled foreign key's
 * orphans (child rows whose non-NULL key has no parent) once the input tables are loaded, and
 * refuses the capture when a run that wrote the child or the parent leaves more of them (a child
 * table without input starts with none). Orphans already in the input (a sample, a key added
 * WITH NOCHECK) are not the run's doing. A key whose parent table has no input is not checked.
 */

/** One enabled foreign key of a permanent table the scripts define. */
interface ForeignKey {
  readonly name: string | undefined;
  readonly child: string;
  readonly columns: readonly string[];
  readonly parent: string;
  readonly parentColumns: readonly string[];
  /** `ON DELETE CASCADE` and the like, as written (empty for NO ACTION). */
  readonly actions: string;
  readonly location: LegacyError['location'];
}

/** The orphan counts of the checkable foreign keys when the run starts (foreignKeyBaseline). */
const baselines = new WeakMap<EmulatorState, Map<ForeignKey, number>>();

function foreignKeys(state: EmulatorState): ForeignKey[] {
  const out: ForeignKey[] = [];
  for (const [child, def] of state.definitions) {
    const source = def.script.lineIndex.text;
    const add = (c: TableConstraint, columns: readonly string[]): void => {
      if (c.references === undefined || columns.length === 0) return;
      const parent = normalizeObjectName(c.references.parts.map((p) => p.name).join('.'));
      const parentColumns = c.referencedColumns.length > 0 ? c.referencedColumns.map((x) => x.name) : primaryKeyOf(state, parent);
      if (parentColumns.length !== columns.length) return;
      const text = source.slice(c.span.start.offset, c.span.end.offset);
      const actions = [...text.matchAll(/\bON\s+(DELETE|UPDATE)\s+(CASCADE|SET\s+NULL|SET\s+DEFAULT)/gi)].map((m) => m[0].replace(/\s+/g, ' ').toUpperCase()).join(', ');
      out.push({ name: c.name?.name, child, columns, parent, parentColumns, actions, location: { file: def.script.file, span: c.span, source } });
    };
    for (const c of def.definition.constraints) if (c.type === 'FOREIGN KEY') add(c, c.columns.map((x) => x.name));
    for (const col of def.definition.columns) for (const c of col.constraints) if (c.type === 'FOREIGN KEY') add(c, [col.name.name]);
  }
  return out;
}

function primaryKeyOf(state: EmulatorState, table: string): string[] {
  const def = state.definitions.get(table)?.definition;
  return def === undefined ? [] : primaryKeyColumns(def);
}

async function orphans(state: EmulatorState, fk: ForeignKey, child: TableInfo, parent: TableInfo): Promise<number> {
  const column = (info: TableInfo, name: string) => info.columns.find((c) => c.name.toLowerCase() === name.toLowerCase());
  const text = (info: TableInfo, name: string): boolean => /^VARCHAR/i.test(column(info, name)?.duckType ?? '');
  // Keys match as the parent key's collation compares them: text without trailing blanks, and
  // without case unless that collation is case-sensitive or binary.
  const on = fk.columns.map((c, i) => {
    const p = fk.parentColumns[i] as string;
    const asText = text(child, c) || text(parent, p);
    const collation = column(parent, p)?.tsqlType?.collation;
    return `${keyValueSql(`p.${quote(p)}`, asText, collation)} = ${keyValueSql(`c.${quote(c)}`, asText, collation)}`;
  }).join(' AND ');
  const notNull = fk.columns.map((c) => `c.${quote(c)} IS NOT NULL`).join(' AND ');
  const n = await state.session.scalar(`SELECT count(*) FROM ${child.sqlName} AS c WHERE ${notNull} AND NOT EXISTS (SELECT 1 FROM ${parent.sqlName} AS p WHERE ${on})`);
  return Number(n ?? 0);
}

function tablesOf(state: EmulatorState, fk: ForeignKey): { child: TableInfo; parent: TableInfo } | undefined {
  const child = state.tables.get(fk.child);
  const parent = state.tables.get(fk.parent);
  return child === undefined || parent === undefined ? undefined : { child, parent };
}

/** Counts each checkable foreign key's orphans as the run starts (after the inputs are loaded). */
export async function foreignKeyBaseline(state: EmulatorState): Promise<void> {
  const counts = new Map<ForeignKey, number>();
  for (const fk of foreignKeys(state)) {
    // A parent the procedure never names is still given as input to be checked against: load it.
    if (state.tables.has(fk.child) && state.pendingInputs.has(fk.parent)) await ensureTables(state, [fk.parent]);
    const t = tablesOf(state, fk);
    if (t !== undefined) counts.set(fk, await orphans(state, fk, t.child, t.parent));
    // A child table with no input is built when the run first writes it: it starts with no rows,
    // so no orphans, and every orphan it ends with is the run's (a parent with no input stays
    // unchecked: its rows in the database are not known).
    else if (state.tables.has(fk.parent)) counts.set(fk, 0);
  }
  baselines.set(state, counts);
}

/**
 * Refuses a run that left more orphans of a foreign key than its input had, in a child or parent
 * table it wrote (see above), located at the constraint.
 */
export async function refuseNewOrphans(state: EmulatorState): Promise<void> {
  const counts = baselines.get(state);
  if (counts === undefined) return;
  for (const [fk, before] of counts) {
    const t = tablesOf(state, fk);
    if (t === undefined || (!state.written.has(t.child) && !state.written.has(t.parent))) continue;
    const after = await orphans(state, fk, t.child, t.parent);
    if (after <= before) continue;
    const label = fk.name === undefined ? 'a FOREIGN KEY constraint' : `the FOREIGN KEY constraint ${fk.name}`;
    throw new LegacyError('LEGACY_FOREIGN_KEY',
      `the run leaves ${after - before} more row(s) of ${readableTableName(t.child.sqlName)} whose (${fk.columns.join(', ')}) has no row in ${readableTableName(t.parent.sqlName)} (${label}); SQL Server ${fk.actions === '' ? 'fails the statement that makes such a row with 547 (and runs its CATCH)' : `applies ${fk.actions} to them or fails the statement with 547`}, which the emulator does not reproduce, so it refuses the capture`, {
        location: fk.location,
        hint: 'check that the inputs hold the parent rows the procedure relies on, or capture from SQL Server with MIGRATE_MSSQL_URL',
      });
  }
}
