import type { ParsedScript } from '../tsql';
import { collectCatalog, emptyCatalog, synonymTargetOf, tablesBehindView } from './emulator/catalog';
import type { EmulatorInput } from './emulator/emulate-procedure';
import { normalizeObjectName } from './legacy-run';

/**
 * Splits the data folder's CSVs into the tables' and the views' (`dbo.vw_RecentOrders.csv`, an
 * export `migrate run` needs for a section given a view's rows). SQL Server computes a view from
 * its tables whenever the procedure reads it, so a capture does the same and leaves the view's
 * file aside (its caller names it) rather than refuse the folder `migrate run` reads.
 */
export function splitViewInputs(scripts: readonly ParsedScript[], inputs: readonly EmulatorInput[]): { tables: EmulatorInput[]; views: EmulatorInput[] } {
  const catalog = emptyCatalog();
  collectCatalog(catalog, scripts);
  const tables: EmulatorInput[] = [];
  const views: EmulatorInput[] = [];
  for (const input of inputs) {
    const view = catalog.views.get(normalizeObjectName(input.table));
    // a synonym's file holds its target's rows: kept for the target, as before
    if (view !== undefined && synonymTargetOf(view.definition) === undefined) views.push(input);
    else tables.push(input);
  }
  return { tables, views };
}

/**
 * The tables behind each view among `keys` (normalised names), through views over views: where
 * the data folder has a view's tables but not the view, the emulator computes its rows from them
 * (`record --from-data`). A key that names no view is left out.
 */
export function viewTables(scripts: readonly ParsedScript[], keys: readonly string[]): Map<string, Set<string>> {
  const catalog = emptyCatalog();
  collectCatalog(catalog, scripts);
  const out = new Map<string, Set<string>>();
  for (const key of keys) {
    const tables = tablesBehindView(catalog, key);
    if (tables !== undefined) out.set(key, tables);
  }
  return out;
}
