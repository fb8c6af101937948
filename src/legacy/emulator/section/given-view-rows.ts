import { LegacyError } from '../../../core';
import type { Node, TableTarget } from '../../../tsql';
import { tablesBehindView } from '../catalog';
import { readableTableName } from '../../baseline-names';
import type { EmulatorState, TableInfo } from '../state';

/*
 * A section given a view's rows holds them in a table of the view's name (emulate-section.ts),
 * which its queries read before the view: the rows as the view gave them before the section.
 * SQL Server computes a view from its tables whenever it is read, so once the section has
 * written one of those tables the given rows are stale, and a read of them would be silently
 * wrong; a write into them would change no table at all. Both are refused, at the statement,
 * naming the view's tables the scenario can give instead (the emulator then reads the view
 * through its query, as a capture does).
 */

interface GivenView {
  /** The view as the scenario names it. */
  readonly written: string;
  /** The tables the view reads (normalised keys), through views and functions. */
  readonly tables: ReadonlySet<string>;
}

const givenViews = new WeakMap<EmulatorState, Map<string, GivenView>>();

/** Notes that the table `key` holds the rows a section was given for the view of that name. */
export function noteGivenViewRows(state: EmulatorState, key: string, written: string): void {
  const views = givenViews.get(state) ?? new Map<string, GivenView>();
  givenViews.set(state, views);
  views.set(key, { written, tables: tablesBehindView(state.catalog, key) ?? new Set() });
}

function shown(state: EmulatorState, key: string): string {
  const info = state.tables.get(key);
  return info === undefined ? key : readableTableName(info.sqlName);
}

function givenViewError(state: EmulatorState, node: Node, view: GivenView, message: string): LegacyError {
  const tables = [...view.tables].map((k) => shown(state, k));
  return new LegacyError('LEGACY_SECTION_INPUT', message, {
    location: state.locate(node.span),
    hint: tables.length > 0 ? `give the view's tables (${tables.join(', ')}) instead of the view: the emulator then computes the view from them whenever it is read` : 'capture from SQL Server with MIGRATE_MSSQL_URL',
  });
}

/** Refuses a read (at `node`) of the given rows of the view `key` after the section wrote a table the view reads. */
export function refuseStaleViewRows(state: EmulatorState, node: Node, key: string): void {
  const view = givenViews.get(state)?.get(key);
  if (view === undefined || state.tables.get(key) === undefined) return;
  for (const table of view.tables) {
    const info = state.tables.get(table);
    if (info === undefined || !state.written.has(info)) continue;
    throw givenViewError(state, node, view, `the section reads the view ${view.written} after it wrote ${shown(state, table)}, which the view reads: the scenario gives the view's rows as they were before the section, and SQL Server's view would show the write`);
  }
}

/** Refuses a write (at `target`) into the given rows of a view: SQL Server would write the view's table. */
export function refuseWriteIntoGivenView(state: EmulatorState, target: TableTarget, info: TableInfo): void {
  for (const [key, view] of givenViews.get(state) ?? []) {
    if (state.tables.get(key) !== info) continue;
    throw givenViewError(state, target, view, `the section writes through the view ${view.written}, which the scenario gives as rows: SQL Server writes the view's table, which the given rows are not`);
  }
}
