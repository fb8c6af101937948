import type { ParsedScript } from '../tsql';
import { forEachStatement, isTempName, normalizeObjectName } from '../tsql';
import type { TableCatalog } from './build-graph';

/**
 * Collects the columns of every permanent table created (CREATE TABLE) in the given scripts,
 * so `SELECT *` and INSERT without a column list can be resolved against them. A table created
 * twice keeps its first definition.
 */
export function collectTableCatalog(scripts: readonly ParsedScript[], defaultSchema = 'dbo'): TableCatalog {
  const catalog = new Map<string, readonly string[]>();
  for (const script of scripts) {
    forEachStatement(script, (s) => {
      if (s.kind !== 'CreateTable' || isTempName(s.name)) return;
      const name = normalizeObjectName(s.name, defaultSchema);
      if (!catalog.has(name)) catalog.set(name, s.definition.columns.map((c) => c.name.name.toLowerCase()));
    });
  }
  return catalog;
}
