import { findAll, quoteNamePart, type Node, type ParsedScript, type Statement } from '../../../tsql';
import { normalizeObjectName } from '../../legacy-run';
import type { CrossEntityRead } from './cross-entity-reads';

// An INSERT into a table whose IDENTITY column (or a column defaulting to NEXT VALUE FOR a
// sequence) numbers its rows gives each row the next number after the rows of every entity
// inserted before it: one series over all entities. Run on one entity's rows, the section numbers
// that entity's rows from the seed, so scenarios of one entity each record [Layer ID] 1 for every
// entity, pass a transform that numbers per entity, and fail a faithful one on data with several
// (the union of per-entity runs repeats the numbers). That is a read across entities, as
// set-based-entity.ts already holds for what `sections propose` tags.

/** Where a table of the scripts or of the procedure's own CREATE TABLEs numbers rows: its column's name, by normalised table name. */
function numberingColumns(scripts: readonly ParsedScript[], procedure: readonly Statement[]): Map<string, string> {
  const creates = [...scripts.flatMap((s) => s.batches.flatMap((b) => findAll(b as unknown as Node, 'CreateTable'))), ...procedure.flatMap((st) => findAll(st, 'CreateTable'))];
  const out = new Map<string, string>();
  for (const t of creates) {
    const column = findAll(t, 'ColumnDefinition').find((c) => c.identity || (c.default !== undefined && findAll(c.default, 'NextValueFor').length > 0));
    if (column !== undefined) out.set(normalizeObjectName(t.name.parts.map((p) => p.name).join('.')), column.name.name);
  }
  return out;
}

/** The INSERTs and MERGEs of `statements` into a table that numbers its rows in one series, as reads across entities. */
export function identityNumberingReads(statements: readonly Statement[], entity: string, scripts: readonly ParsedScript[], procedure: readonly Statement[]): CrossEntityRead[] {
  const numbering = numberingColumns(scripts, procedure);
  if (numbering.size === 0) return [];
  const out: CrossEntityRead[] = [];
  for (const st of statements) {
    // (a MERGE numbers only the rows its WHEN NOT MATCHED … INSERT adds)
    for (const write of [...findAll(st, 'Insert'), ...findAll(st, 'Merge').filter((m) => findAll(m, 'MergeInsert').length > 0)]) {
      const target = findAll(write.target as Node, 'TableRef')[0];
      if (target === undefined) continue;
      const name = target.name.parts.map((p) => p.name).join('.');
      const column = numbering.get(normalizeObjectName(name));
      if (column === undefined) continue;
      out.push({ construct: `${quoteNamePart(column)} of ${target.name.parts.map((p) => quoteNamePart(p.name)).join('.')} numbering the rows of every ${entity} in one series`, node: target });
    }
  }
  return out;
}
