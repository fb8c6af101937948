import type { DataFlowGraph } from '../dataflow';
import { sectionCoversLine } from './collect-status';
import type { ProcedureOutline } from './procedure-outline';
import { DATA_NODE_KINDS } from './section-flow';
import type { SectionSpec, SpecProblem } from './spec-model';

/** What both order checks read: the sections that run (number order), each line's section, the graph's data nodes. */
function sectionOrder(graph: DataFlowGraph, specs: readonly SectionSpec[]) {
  const active = specs.filter((s) => !s.ignored);
  return {
    active,
    owner: (line: number): SectionSpec | undefined => active.find((s) => sectionCoversLine(s, line)),
    isData: (id: string): boolean => DATA_NODE_KINDS.has(graph.nodes.find((n) => n.id === id)?.kind ?? ''),
    label: (id: string): string => graph.nodes.find((n) => n.id === id)?.label ?? id,
  };
}

/**
 * A statement of an earlier-numbered section writing a table (or table variable) that a
 * statement of a later-numbered section reads or changes before it in the procedure, after the
 * earlier section's first write (the mirror of SECTIONS_READS_BETWEEN): a staging
 * table TRUNCATEd at the end of the procedure, after the MERGE of another section read it.
 * Sections run one after the other in number order, so the later section would read what the
 * procedure writes only after that read. One problem per pair of sections, at the write.
 */
export function checkWritesAfterRead(outline: ProcedureOutline, graph: DataFlowGraph, specs: readonly SectionSpec[]): SpecProblem[] {
  const out: SpecProblem[] = [];
  const { active, owner, isData, label } = sectionOrder(graph, specs);
  active.forEach((earlier, i) => {
    const writes = graph.steps.filter((st) => owner(st.lines.start) === earlier && st.writes.some((w) => isData(w.node)));
    // the section stands where its first write is (sections are numbered so): a read of another
    // section before that point comes first in the procedure too, whatever the order of the
    // sections (an ordering question this check leaves alone)
    const first = writes[0]?.index ?? Infinity;
    for (const later of active.slice(i + 1)) {
      const clash = writes.flatMap((w) => graph.steps
        .filter((t) => t.index > first && t.index < w.index && owner(t.lines.start) === later)
        .filter((t) => [...t.reads.map((r) => r.node), ...(t.modifies ?? [])].some((id) => w.writes.some((x) => x.node === id && isData(id))))
        .map((t) => ({ w, t })))[0];
      if (clash === undefined) continue;
      const what = clash.w.writes.map((x) => x.node).filter((id) => isData(id)).map(label).join(', ');
      out.push({
        kind: 'spec-problem', file: outline.file, line: clash.w.lines.start, column: 1, code: 'SECTIONS_WRITES_AFTER_READ',
        message: `${clash.w.label} at line ${clash.w.lines.start} of ${outline.displayName} (in ${earlier.id}) writes ${what}, which ${clash.t.label} at line ${clash.t.lines.start} (in ${later.id}) reads before it: run in number order, ${later.id} would read it after this write`,
        hint: `give line ${clash.w.lines.start} a section of its own numbered after ${later.id} (\`migrate sections propose\` cuts it so)`,
      });
    }
  });
  return out;
}

/**
 * A statement of a later-numbered section reading a table (or table variable) that an
 * earlier-numbered section writes only after it in the procedure, before that section's first
 * write (reads after it are SECTIONS_WRITES_AFTER_READ's): `SELECT @before = COUNT(*)
 * FROM dbo.Orders` cut with the log INSERT that reads @before, the INSERT INTO dbo.Orders between
 * them in a section of its own. Sections run one after the other in number order, so the read
 * would see the rows the procedure writes only after it. One problem per pair, at the read.
 */
export function checkReadsBeforeEarlierWrite(outline: ProcedureOutline, graph: DataFlowGraph, specs: readonly SectionSpec[]): SpecProblem[] {
  const out: SpecProblem[] = [];
  const { active, owner, isData, label } = sectionOrder(graph, specs);
  active.forEach((earlier, i) => {
    const writes = graph.steps.filter((st) => owner(st.lines.start) === earlier && st.writes.some((w) => isData(w.node)));
    const first = writes[0]?.index ?? -Infinity;
    for (const later of active.slice(i + 1)) {
      const clash = graph.steps.filter((t) => t.index < first && owner(t.lines.start) === later).flatMap((t) => {
        const read = new Set([...t.reads.map((r) => r.node), ...(t.modifies ?? [])].filter(isData));
        const w = writes.find((x) => x.index > t.index && x.writes.some((y) => read.has(y.node)));
        return w === undefined ? [] : [{ t, w, what: w.writes.map((y) => y.node).filter((id) => read.has(id)).map(label).join(', ') }];
      })[0];
      if (clash === undefined) continue;
      out.push({
        kind: 'spec-problem', file: outline.file, line: clash.t.lines.start, column: 1, code: 'SECTIONS_READS_BEFORE_WRITE',
        message: `${clash.t.label} at line ${clash.t.lines.start} of ${outline.displayName} (in ${later.id}) reads ${clash.what} before ${clash.w.label} at line ${clash.w.lines.start} (in ${earlier.id}) writes it: run in number order, ${later.id} would read it after that write`,
        hint: `put line ${clash.t.lines.start} in ${earlier.id} (what it sets reaches ${later.id} as a Given value), or give it a section numbered before ${earlier.id} (\`migrate sections propose\` cuts it so)`,
      });
    }
  });
  return out;
}
