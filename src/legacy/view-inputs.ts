import type { ParsedScript } from '../tsql';
import { collectCatalog, emptyCatalog, synonymTargetOf } from './emulator/catalog';
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
