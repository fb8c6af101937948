import type { DataFlowGraph } from '../dataflow';
import { sectionCoversLine } from './collect-status';
import { isLogName } from './section-flow';
import { normalizeObjectName, type SectionSpec, type SpecProblem } from './spec-model';
import { canonicalSpecName, encodeTagValue } from './spec-names';
import type { TableTrigger } from './table-triggers';
import { triggerWrites } from './triggered-writes';

/*
 * A permanent table the procedure writes is part of what the business may read after it runs,
 * and `migrate capture` keeps it in the legacy baseline. When no running section names it in
 * `@output` (an error log its TRY … CATCH writes, left in housekeeping), no scenario and no
 * acceptance config compares it: the migrated code may drop those rows and every check stays
 * green. Check says so plainly, as a warning, at the section holding its writes, with what to do
 * if the rows matter. A run log (a row inserted, then updated: finished, or failed in a
 * CATCH) is rightly housekeeping and not named; tables an EXEC'd procedure writes are its sections' to compare.
 */

/** One warning `SECTIONS_OUTPUT_NOT_COMPARED` per permanent table written but in no running section's outputs. */
export function checkOutputsCompared(graph: DataFlowGraph, specs: readonly SectionSpec[], triggers?: ReadonlyMap<string, readonly TableTrigger[]>): SpecProblem[] {
  const compared = new Set(specs.filter((s) => !s.ignored).flatMap((s) => s.outputs.map((o) => normalizeObjectName(o))));
  const written = new Map<string, { shown: string; lines: number[]; log: boolean; caught: boolean; via?: string }>();
  for (const step of graph.steps) {
    // what an EXEC'd procedure writes is its own output, compared by its own sections
    if (step.kind === 'exec' || step.kind === 'insert-exec') continue;
    for (const w of step.writes) {
      const node = graph.nodes.find((n) => n.id === w.node);
      if (node?.kind !== 'table') continue;
      const key = normalizeObjectName(node.name);
      if (compared.has(key)) continue;
      const entry = written.get(key) ?? { shown: canonicalSpecName(node.label), lines: [], log: isLogName(node.name), caught: false };
      if (!entry.lines.includes(step.lines.start)) entry.lines.push(step.lines.start);
      entry.caught ||= step.kind === 'insert' && step.context.some((c) => c.kind === 'catch');
      written.set(key, entry);
    }
    // what a trigger the statement fires writes (dbo.Stock, moved by the order lines' trigger) is
    // its write too: `migrate run` hands a later section only the tables a section outputs
    for (const [key, trigger] of triggerWrites(step.fires ?? [], triggers)) {
      if (compared.has(key)) continue;
      const entry = written.get(key) ?? { shown: canonicalSpecName(triggerTableName(triggers, key) ?? key), lines: [], log: isLogName(key), caught: false, via: trigger };
      if (!entry.lines.includes(step.lines.start)) entry.lines.push(step.lines.start);
      written.set(key, entry);
    }
  }
  const out: SpecProblem[] = [];
  for (const { shown, lines, log, caught, via } of written.values()) {
    // a run log (its row started, finished, marked failed in a CATCH) is housekeeping; an error
    // log a CATCH adds rows to (which invoice failed, and why) is what someone reads the morning after
    if (log && !caught) continue;
    const holder = specs.find((s) => lines.some((l) => sectionCoversLine(s, l))) ?? specs[0];
    if (holder === undefined) continue;
    out.push({
      kind: 'spec-problem', file: holder.file, line: holder.line, column: 1, code: 'SECTIONS_OUTPUT_NOT_COMPARED',
      message: `${shown} is written (line ${lines.join(', line ')}${via === undefined ? '' : `, by the trigger ${via} it fires`}${holder.ignored ? ', housekeeping' : ''}) but no section's Then compares it: no scenario checks its rows`,
      hint: via !== undefined ? `if the business reads it (or a later section does: migrate run gives that section only what a section outputs), add \`@output:${encodeTagValue(shown)}\` to ${holder.id} and write the trigger's rows in its transform; a log no one compares may stay as it is` : `if the business reads it, move the statements that write it into a section of their own (\`@output:${encodeTagValue(shown)}\`) and record it; a run log no one compares may stay where it is`,
    });
  }
  out.push(...dynamicSqlNotCompared(graph, specs));
  return out;
}

/**
 * Dynamic SQL in a section that does not run (housekeeping) or in none: what its text writes is
 * in the legacy baseline (capture runs it with --allow-dynamic-sql) but no section's Then names
 * it, and `migrate status` counts the statement as covered. One warning per statement, at the
 * section holding it, `SECTIONS_DYNAMIC_SQL_NOT_COMPARED`.
 */
function dynamicSqlNotCompared(graph: DataFlowGraph, specs: readonly SectionSpec[]): SpecProblem[] {
  const out: SpecProblem[] = [];
  for (const step of graph.steps.filter((st) => st.kind === 'exec-dynamic')) {
    const holder = specs.find((s) => sectionCoversLine(s, step.lines.start));
    if (holder !== undefined && !holder.ignored) continue;
    const at = holder ?? specs[0];
    if (at === undefined) continue;
    out.push({
      kind: 'spec-problem', file: at.file, line: at.line, column: 1, code: 'SECTIONS_DYNAMIC_SQL_NOT_COMPARED',
      message: `line ${step.lines.start}'s ${step.label}${holder === undefined ? ', in no section' : ', in housekeeping, which never runs'}: what its text writes is compared by no scenario, though the statement counts as covered`,
      hint: 'if the text writes what the business reads, give that statement a section of its own whose @output names the tables it writes (record and capture run it with --allow-dynamic-sql); a debug or clean-up statement may stay in housekeeping',
    });
  }
  return out;
}

/** A table a trigger writes, as the trigger writes it (`dbo.StockHistory`). */
function triggerTableName(triggers: ReadonlyMap<string, readonly TableTrigger[]> | undefined, key: string): string | undefined {
  return [...(triggers?.values() ?? [])].flat().flatMap((t) => t.writes).find((w) => normalizeObjectName(w) === key);
}
