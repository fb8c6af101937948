import { readFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { LegacyError } from '../core';
import { loadScripts, sectionCrossEntityReads } from '../legacy';
import { encodeTagValue, quoteNamePart, type SectionSpec, type SpecProblem, type WorkspaceConfig } from '../sections';
import type { ParsedScript } from '../tsql';

// An `@entity` section claims each entity's rows are computed apart: `sections record --from-data`
// records it one entity's slice at a time, and `migrate test` proves a transform by running each
// entity alone and comparing the rows. A section whose statements combine rows of several
// entities (cross-entity-reads.ts: a ranking across entities, `NOT IN (SELECT [Manager Id] FROM
// dbo.[Sales Rep])`, a join to another entity's row) into the rows it writes breaks that claim:
// its one-entity scenarios pass a transform that works per entity, and on data with several
// entities the proof fails a faithful one. `sections check` fails it (SECTIONS_ENTITY_CROSS_READS)
// with the statements record's note names. The reads it does not fail on, documented why: a read
// that only sets a value the section hands on (`SELECT @Loads = COUNT(*) FROM dbo.Shipment`, read
// by a later section) leaves the output rows per entity, which is what the proof compares, and
// each scenario states the value its slice leaves; a read into a table the section builds for
// itself, or into a cursor's query or a condition (`ROW_NUMBER() OVER (ORDER BY City)` into the
// #temp a cursor walks in that order), may not reach the outputs, which the statements alone do
// not tell. Record's note names those too, for the scenario with several entities.

/** The line of the `@entity:` tag in a feature's text (the Feature line when not found). */
function entityTagLine(spec: SectionSpec): number {
  try {
    const index = readFileSync(spec.file, 'utf8').split(/\r?\n/).findIndex((l) => /(^|\s)@entity:/i.test(l));
    return index >= 0 ? index + 1 : spec.line;
  } catch {
    return spec.line;
  }
}

/** SECTIONS_ENTITY_CROSS_READS for each `@entity` section (`scriptsOf`: the procedures' scripts, parsed once for a check of many procedures) whose statements combine rows of several entities into its @output rows. */
export function checkEntityCrossReads(config: WorkspaceConfig, specs: readonly SectionSpec[], scriptsOf: () => readonly ParsedScript[] = () => loadScripts([join(config.root, config.paths.procedures)])): SpecProblem[] {
  const tagged = specs.filter((s) => !s.ignored && s.entity !== undefined && s.lines.length > 0);
  if (tagged.length === 0) return [];
  const scripts = scriptsOf();
  // the files as the workspace names them, as check's other problems do
  const shown = (reads: readonly string[]): string => reads.map((r) => r.split(`${config.root}${sep}`).join('')).join('; ');
  const out: SpecProblem[] = [];
  for (const spec of tagged) {
    const entity = spec.entity as string;
    const procedure = spec.procedureName ?? spec.procedure;
    let rows: string[];
    try {
      rows = sectionCrossEntityReads(scripts, procedure, spec.lines, entity, { reachingOutputs: spec.outputs });
    } catch (err) {
      // a procedure the scripts do not hold: SPEC_UNKNOWN_PROC says so
      if (err instanceof LegacyError && err.code === 'LEGACY_UNKNOWN_PROCEDURE') continue;
      throw err;
    }
    if (rows.length === 0) continue;
    const tag = `@entity:${encodeTagValue(quoteNamePart(entity))}`;
    const name = quoteNamePart(entity);
    out.push({
      kind: 'spec-problem', file: spec.file, line: entityTagLine(spec), column: 1, code: 'SECTIONS_ENTITY_CROSS_READS',
      message: `${tag}: the section combines rows of several ${name} values into its output rows, so they are not computed per ${name}: ${shown(rows)}`,
      hint: `scenarios of one ${name} each cannot test this, and \`migrate test\` fails a faithful transform on data with several: remove ${tag} and give scenarios with several ${name} values by hand, or move the statements named to a section of their own`,
    });
  }
  return out;
}
