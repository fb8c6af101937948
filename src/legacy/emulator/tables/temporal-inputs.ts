import { walk, type Node, type ParsedScript, type Statement } from '../../../tsql';
import { sectionTableKey } from '../section/section-statements';
import { collectTableDefinitions } from './table-definitions';

/**
 * The history tables a section reads through `FOR SYSTEM_TIME` (the HISTORY_TABLE of each such
 * table's DDL), which it reads as well as the table itself: a row valid at `AS OF` may be in
 * either. A scenario sliced from real data without them would price a shipment at no tariff
 * where the legacy run, given the history, finds one. Keyed as the section's tables are.
 */
export function historyTablesRead(scripts: readonly ParsedScript[], statements: readonly Statement[]): Map<string, { readonly parts: readonly string[]; readonly node: Node }> {
  const definitions = collectTableDefinitions(scripts);
  const out = new Map<string, { parts: readonly string[]; node: Node }>();
  for (const st of statements) {
    walk(st, (n) => {
      if (n.kind !== 'TableRef' || n.systemTime === undefined) return undefined;
      const temporal = definitions.get(sectionTableKey(n.name.parts.map((p) => p.name).join('.')))?.temporal;
      if (temporal !== undefined && !out.has(temporal.history)) out.set(temporal.history, { parts: temporal.historyParts, node: n });
      return undefined;
    });
  }
  return out;
}

/**
 * The history tables of the system-versioned tables a section UPDATEs, DELETEs from or MERGEs
 * into (`changed`, as sectionFootprint keys them): SQL Server appends the old versions there, so
 * the history's rows before the section are part of what it leaves. A scenario sliced from real
 * data without them would show a history holding only the versions the section wrote, and a
 * transform dropping the older ones would pass it. Keyed as the section's tables are.
 */
export function historyTablesChanged(scripts: readonly ParsedScript[], changed: ReadonlyMap<string, { readonly node: Node }>): Map<string, { readonly parts: readonly string[]; readonly node: Node }> {
  const definitions = collectTableDefinitions(scripts);
  const out = new Map<string, { parts: readonly string[]; node: Node }>();
  for (const [key, { node }] of changed) {
    const temporal = definitions.get(key)?.temporal;
    if (temporal !== undefined && !out.has(temporal.history)) out.set(temporal.history, { parts: temporal.historyParts, node });
  }
  return out;
}
