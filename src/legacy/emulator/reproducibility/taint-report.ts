import { readableTableName } from '../../baseline-names';
import type { EmulatorState, TableInfo } from '../state';
import { causesOf, existingTaint, type TaintState } from './taint-state';

/*
 * What a run's values cannot reproduce, as the capture lists it (the manifest's columns and
 * causes) and a section run reads it (emulate-section.ts).
 */

/** Why the columns of nonReproducibleColumns (and `alsoTainted`, OUTPUT parameters such values fed) are listed: one line per cause, for the manifest. */
export function nonReproducibleCauses(state: EmulatorState, alsoTainted = false): string[] {
  const r = existingTaint(state);
  if (r === undefined || (r.tables.size + r.resultSets.size + r.columns.size + r.identityColumns.size === 0 && !alsoTainted)) return [];
  return causesOf(state, r);
}

/**
 * What a run's values cannot reproduce, for a section run (emulate-section.ts): whether a table,
 * a result set (by index) or a variable of the current frame holds such values, and why (every
 * cause met, even one that fed only variables).
 */
export interface Taint {
  /** Every column of the table. */
  readonly table: (info: TableInfo) => boolean;
  /** Single columns of a table `table` does not taint whole (identity numbering, rowversion values): column as declared -> causes. */
  readonly columns: (info: TableInfo) => ReadonlyMap<string, readonly string[]> | undefined;
  readonly resultSet: (index: number) => boolean;
  readonly variable: (lowerName: string) => boolean;
  readonly causes: readonly string[];
}

export function taintOf(state: EmulatorState): Taint {
  const r = existingTaint(state);
  const frame = state.frames.length > 0 ? state.frame : undefined;
  const vars = r === undefined || frame === undefined ? undefined : r.variables.get(frame);
  const causes = r === undefined ? [] : causesOf(state, r);
  return {
    table: (info) => r?.tables.has(info) === true,
    columns: (info) => (r === undefined || r.tables.has(info) ? undefined : taintedColumnsOf(r, info)),
    resultSet: (i) => r?.resultSets.has(i) === true,
    variable: (name) => vars?.has(name) === true,
    causes,
  };
}

/** The single tainted columns of `info` (rowversion's and identity numbering's), undefined when none. */
function taintedColumnsOf(r: TaintState, info: TableInfo): Map<string, readonly string[]> | undefined {
  const out = new Map<string, readonly string[]>();
  for (const from of [r.columns.get(info.sqlName), r.identityColumns.get(info)]) {
    for (const [c, causes] of from ?? []) out.set(c, [...(out.get(c) ?? []), ...causes]);
  }
  return out.size === 0 ? undefined : out;
}

/**
 * The output columns whose values came from RAND()/NEWID(): `schema.table.column` for tables,
 * `result-set-N.column` (as the result set's file is named) for result sets.
 */
export function nonReproducibleColumns(state: EmulatorState): string[] {
  const r = existingTaint(state);
  if (r === undefined) return [];
  const out: string[] = [];
  for (const [key, info] of state.tables) {
    if (key.startsWith('#') || key.startsWith('@')) continue;
    const only = taintedColumnsOf(r, info);
    if (!r.tables.has(info) && only === undefined) continue;
    // As written in the scripts (`dbo.Batch.Token`): people read this list.
    for (const c of info.columns) if (r.tables.has(info) || only?.has(c.name) === true) out.push(`${readableTableName(info.sqlName)}.${c.name}`);
  }
  for (const i of [...r.resultSets].sort((a, b) => a - b)) for (const c of state.resultSets[i]?.columns ?? []) out.push(`result-set-${i + 1}.${c}`);
  return out.sort();
}
