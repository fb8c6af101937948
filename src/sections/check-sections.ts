import type { DataFlowGraph } from '../dataflow';
import { formatColumnType, valueKey } from '../engine';
import { isCatalogViewName } from '../tsql';
import { sectionCoversLine } from './collect-status';
import type { OutlineStatement, ProcedureOutline } from './procedure-outline';
import { businessSteps, DATA_NODE_KINDS as DATA_KINDS, runsDynamicSql, shownName, valueReaches, valuesWritten, variablesRead } from './section-flow';
import { normalizeObjectName, type SectionSpec, type SpecProblem } from './spec-model';
import { canonicalSpecName } from './spec-names';
import { checkReadsBeforeEarlierWrite, checkWritesAfterRead } from './check-write-order';
import { withSynonymsResolved } from './synonym-steps';
import { carriedVariables, readerRuns } from './carried-values';
import type { TableTrigger } from './table-triggers';
import { triggeredReads, triggerReadsToGive } from './triggered-writes';
import { checkUnstatedFeeds, sectionFlowOf, type SectionFlow } from './unstated-feeds';

function problem(file: string, line: number, code: string, message: string, hint: string): SpecProblem {
  return { kind: 'spec-problem', file, line, column: 1, code, message, hint };
}

/** Sections run in number order: what one writes must reach the sections that read it (a synonym's writes are its table's). */
function orderChecks(outline: ProcedureOutline, graph: DataFlowGraph, specs: readonly SectionSpec[]): SpecProblem[] {
  return [...checkReadsBetween(outline, graph, specs), ...checkWritesAfterRead(outline, graph, specs), ...checkReadsBeforeEarlierWrite(outline, graph, specs)];
}

/**
 * Checks a procedure's sections against its code: every statement (control flow included) in
 * exactly one section; each section's Given tables are what its statements read (a table it
 * MERGEs or UPDATEs in place may be given too), and its Then tables what they write for others.
 */
export function checkProcedureSections(outline: ProcedureOutline, graph: DataFlowGraph | undefined, specs: readonly SectionSpec[], graphs?: ReadonlyMap<string, DataFlowGraph>, triggers?: ReadonlyMap<string, readonly TableTrigger[]>): SpecProblem[] {
  const problems: SpecProblem[] = [];
  for (const st of outline.statements) {
    const owners = specs.filter((s) => sectionCoversLine(s, st.line));
    if (owners.length === 0) {
      problems.push(problem(outline.file, st.line, 'SECTIONS_UNCOVERED', `${st.statementKind} at line ${st.line} of ${outline.displayName} is in no section`, 'add its line to the @lines of the section it belongs to (or of the @ignored housekeeping section)'));
    } else if (owners.length > 1) {
      problems.push(problem(outline.file, st.line, 'SECTIONS_OVERLAP', `${st.statementKind} at line ${st.line} of ${outline.displayName} is in ${owners.length} sections: ${owners.map((o) => o.id).join(', ')}`, 'each statement belongs to exactly one section: narrow the @lines ranges'));
    }
  }
  if (!graph) return problems;
  const flows: SectionFlow[] = [];
  for (const spec of specs.filter((s) => !s.ignored)) {
    const steps = graph.steps.filter((st) => sectionCoversLine(spec, st.lines.start));
    const flow = sectionFlowOf(graph, spec, steps, triggers);
    flows.push(flow);
    const { reads } = flow;
    // what the triggers its statements fire write is the section's doing too (triggered-writes.ts)
    const writes = new Set([...flow.writes, ...flow.triggered.keys()]);
    // and what they read may be given (a Given the statements never name, no Given they need)
    const triggerReads = triggeredReads(steps, triggers);
    const givens = new Map<string, number>();
    // every scenario's Given step, each where it stands (a Background's once): a table the
    // statements do not read is wrong in each scenario that gives it (keyed by name alone, only
    // the last one was reported)
    const givenSteps: { readonly key: string; readonly name: string; readonly line: number }[] = [];
    const thens = new Map<string, number>();
    for (const sc of spec.scenarios) {
      for (const t of sc.inputs) { givens.set(normalizeObjectName(t.name), t.line); if (!givenSteps.some((g) => g.line === t.line)) givenSteps.push({ key: normalizeObjectName(t.name), name: t.name, line: t.line }); }
      for (const e of sc.expected) {
        // a plain @output name other than a result set (`range`, `outputs`) is a row of variables, no table
        if (!/[.#@[\]]/.test(e.table.name) && !/^result\d*$/i.test(e.table.name) && spec.outputs.some((o) => o.toLowerCase() === e.table.name.toLowerCase())) continue;
        thens.set(normalizeObjectName(e.table.name).replace(/^dbo\.(result\d*)$/, 'result'), e.table.line);
      }
    }
    // dynamic SQL reads and writes tables the analysis cannot name: a Given or Then the known
    // statements do not explain may be what the string does, here or in a procedure it EXECs
    // (the emulator refuses the string's reads of tables the Given leaves out)
    const opaque = runsDynamicSql(graph, steps, graphs);
    for (const { key: name, name: givenAs, line } of givenSteps) {
      // a catalog view the spec's own check already names for what it is
      if (!opaque && !reads.has(name) && !writes.has(name) && !triggerReads.has(name) && !isCatalogViewName(name.split('.'))) problems.push(problem(spec.file, line, 'SECTIONS_GIVEN_NOT_READ', `Given table ${canonicalSpecName(givenAs)}: the statements of lines ${spec.lines.map((r) => `${r.start}-${r.end}`).join(',')} do not read it`, `they read ${[...reads].map((r) => shownName(graph, r)).join(', ') || 'no table'}`));
    }
    if (spec.scenarios.length > 0) {
      for (const name of reads) if (!givens.has(name)) problems.push(problem(spec.file, spec.line, 'SECTIONS_READ_NOT_GIVEN', `the section reads ${shownName(graph, name)} but no scenario gives it`, `add \`Given table ${shownName(graph, name)}:\` with the columns it reads`));
      // what a trigger its statements fire reads: record and capture refuse a scenario without it
      for (const [name, { table, trigger }] of triggerReadsToGive(graph, steps, triggerReads)) {
        if (givens.has(name) || reads.has(name)) continue;
        const shown = canonicalSpecName(table);
        problems.push(problem(spec.file, spec.line, 'SECTIONS_READ_NOT_GIVEN', `the section reads ${shown} through the trigger ${trigger} its statements fire, but no scenario gives it`, `add \`Given table ${shown}:\` with its typed header (no rows if it is empty; a table no script declares needs its CREATE TABLE among the scripts first): SQL Server runs the trigger with the statement`));
      }
    }
    for (const [name, line] of thens) {
      if (!opaque && writes.size > 0 && !writes.has(name)) problems.push(problem(spec.file, line, 'SECTIONS_THEN_NOT_WRITTEN', `Then table ${shownName(graph, name)}: the section's statements do not write it`, `they write ${[...writes].map((w) => shownName(graph, w)).join(', ')}`));
    }
  }
  problems.push(...checkUnstatedFeeds(flows, (key) => shownName(graph, key)));
  problems.push(...checkIgnoredFeeds(outline, graph, specs), ...checkOutcomeSplits(outline, graph, specs), ...orderChecks(outline, withSynonymsResolved(graph), specs), ...checkControlSplits(outline, specs));
  const breaks = checkFlowBreaks(outline, specs);
  problems.push(...breaks, ...checkSkippedByGoto(outline, specs, breaks), ...checkUnparsed(outline, graph, specs));
  return problems;
}

/**
 * A section that sets a variable a later (running) section reads, whose scenarios state no
 * `Then value` for it: nothing specifies what it hands over, and `migrate run` gives the later
 * section only what the section's transform declares. A warning of `sections check` (apart from
 * checkProcedureSections, whose problems fail it), at the Feature line, with the step to add; a
 * fresh proposal has none of these steps yet.
 */
export function checkValuesStated(graph: DataFlowGraph, specs: readonly SectionSpec[]): SpecProblem[] {
  const out: SpecProblem[] = [];
  for (const spec of specs.filter((s) => !s.ignored && s.scenarios.length > 0 && s.lines.length > 0)) {
    for (const v of carriedVariables(graph, spec.lines, readerRuns(specs))) {
      if (spec.scenarios.some((sc) => sc.scalars.some((x) => valueKey(x.name) === valueKey(v.name)))) continue;
      const reader = specs.find((s) => sectionCoversLine(s, v.readAt));
      out.push(problem(spec.file, spec.line, 'SECTIONS_VALUE_NOT_STATED', `${spec.id} sets ${v.name}, which ${reader?.id ?? `line ${v.readAt}`} reads, but no scenario states the value it leaves`,
        `add \`And value ${v.name}:${formatColumnType(v.type)} = <value>\` after a scenario's Then tables (\`migrate sections record\` writes it), and declare ${v.name} in the values of the section's transform`));
    }
  }
  return out;
}

/**
 * A statement the parser could only skip, in whichever section holds it: what it reads and
 * writes is unknown, so no section can be shown to cover the procedure (housekeeping included:
 * it may compute what an output depends on). As analyze does, check fails until it is read.
 */
function checkUnparsed(outline: ProcedureOutline, graph: DataFlowGraph, specs: readonly SectionSpec[]): SpecProblem[] {
  return graph.steps.filter((st) => st.kind === 'unparsed').map((st) => {
    const owner = specs.find((s) => sectionCoversLine(s, st.lines.start));
    return problem(outline.file, st.lines.start, 'SECTIONS_UNPARSED',
      `the statement at line ${st.lines.start} of ${outline.displayName}${owner ? ` (in ${owner.id})` : ''} was not parsed (${st.label.replace(/^not parsed:\s*/, '')}): what it reads and writes is unknown`,
      '`migrate analyze` shows where the parser stopped; rewrite the statement in a form it reads, or report the construct, before trusting the sections');
  });
}

/**
 * A statement reading @@ROWCOUNT, @@ERROR or SCOPE_IDENTITY() in a section without the
 * statement it describes: run on its own, the section would read the count of its own previous
 * statement (or none), not the legacy one.
 */
function checkOutcomeSplits(outline: ProcedureOutline, graph: DataFlowGraph, specs: readonly SectionSpec[]): SpecProblem[] {
  const out: SpecProblem[] = [];
  const owner = (line: number): SectionSpec | undefined => specs.find((s) => sectionCoversLine(s, line));
  for (const st of graph.steps) {
    const followed = st.follows === undefined ? undefined : graph.steps.find((x) => x.id === st.follows);
    const section = owner(st.lines.start);
    if (followed === undefined || section === undefined || section.ignored || owner(followed.lines.start) === section) continue;
    out.push(problem(outline.file, st.lines.start, 'SECTIONS_OUTCOME_SPLIT',
      `${st.label} at line ${st.lines.start} of ${outline.displayName} reads the outcome (@@ROWCOUNT, @@ERROR, SCOPE_IDENTITY()) of ${followed.label} at line ${followed.lines.start}, which is in another section`,
      `put line ${st.lines.start} in the section of line ${followed.lines.start} (${owner(followed.lines.start)?.id ?? 'none'}); what it sets reaches ${section.id} as a Given parameter`));
  }
  return out;
}

/**
 * A statement reading what another section writes between this section's first write and
 * itself (a run-lineage row inserted at the start, then updated at the end with counts of the
 * fact table filled in between): sections run one after the other, so it would read that table
 * (or value) before or after all of the other section's writes, never between them as the
 * procedure does. One problem per section, at the first such statement.
 */
function checkReadsBetween(outline: ProcedureOutline, graph: DataFlowGraph, specs: readonly SectionSpec[]): SpecProblem[] {
  const out: SpecProblem[] = [];
  const owner = (line: number): SectionSpec | undefined => specs.find((s) => sectionCoversLine(s, line));
  const isData = (id: string): boolean => DATA_KINDS.has(graph.nodes.find((n) => n.id === id)?.kind ?? '');
  for (const spec of specs.filter((s) => !s.ignored)) {
    const steps = graph.steps.filter((st) => owner(st.lines.start) === spec);
    const first = steps.find((st) => st.writes.some((w) => isData(w.node)));
    if (first === undefined) continue;
    for (const st of steps.filter((x) => x.index > first.index)) {
      const read = new Set([...st.reads.map((r) => r.node), ...(st.modifies ?? []), ...variablesRead(graph, st)]);
      const writer = graph.steps.find((t) => t.index > first.index && t.index < st.index && t.writes.some((w) => read.has(w.node))
        && owner(t.lines.start) !== spec && !(owner(t.lines.start)?.ignored ?? true));
      if (writer === undefined) continue;
      const other = owner(writer.lines.start) as SectionSpec;
      const what = writer.writes.map((w) => w.node).filter((id) => read.has(id)).map((id) => graph.nodes.find((n) => n.id === id)?.label ?? id).join(', ');
      out.push(problem(outline.file, st.lines.start, 'SECTIONS_READS_BETWEEN',
        `${st.label} at line ${st.lines.start} of ${outline.displayName} (in ${spec.id}) reads ${what}, which ${other.id} writes at line ${writer.lines.start}, after this section's first write at line ${first.lines.start}: run one after the other, the sections cannot give it what the procedure does`,
        `give line ${st.lines.start} and the statements after it that go with it a section of their own, numbered after ${other.id} (\`migrate sections propose\` cuts it so)`));
      break;
    }
  }
  return out;
}

/**
 * A WHILE loop or an IF whose statements are not all in the section of its condition: the
 * section holding part of it cannot run on its own (the emulator refuses to record it, the
 * transform would repeat or skip what the condition decides), so it is a problem of the specs.
 */
function checkControlSplits(outline: ProcedureOutline, specs: readonly SectionSpec[]): SpecProblem[] {
  const out: SpecProblem[] = [];
  const owner = (line: number): SectionSpec | undefined => specs.find((s) => sectionCoversLine(s, line));
  outline.statements.forEach((st, i) => {
    if (st.statementKind !== 'While' && st.statementKind !== 'If') return;
    const head = owner(st.line);
    for (const inner of outline.statements.slice(i + 1)) {
      if (inner.line > st.endLine || inner.depth <= st.depth) break;
      const section = owner(inner.line);
      if (section === undefined || section === head || inner.statementKind === 'Block') continue;
      const what = st.statementKind === 'While' ? 'loop' : 'IF';
      out.push(problem(outline.file, inner.line, 'SECTIONS_CONTROL_SPLIT',
        `line ${inner.line} of ${outline.displayName} is in ${section.id}, but the ${what} at line ${st.line} that runs it is in ${head?.id ?? 'no section'}`,
        `give lines ${st.line}-${st.endLine} to one section (@lines): the ${what} decides ${st.statementKind === 'While' ? 'how often' : 'whether'} its statements run`));
      return;
    }
  });
  return out;
}

/**
 * A RETURN, GOTO or label of another section between two statements of one section in one
 * statement list: the procedure never runs the later statement straight after the earlier one
 * (after `RETURN 0` only a GOTO to `ErrHandler:` reaches the error handler's log INSERT), but
 * the section, run on its own, would run both, and record would expect rows no run writes.
 */
function checkFlowBreaks(outline: ProcedureOutline, specs: readonly SectionSpec[]): SpecProblem[] {
  const out: SpecProblem[] = [];
  const owner = (line: number): SectionSpec | undefined => specs.find((s) => sectionCoversLine(s, line));
  for (const spec of specs.filter((s) => !s.ignored)) {
    const mine = outline.statements.filter((st) => owner(st.line) === spec);
    for (const [k, b] of mine.entries()) {
      const a = mine[k - 1];
      if (a === undefined || a.depth !== b.depth) continue;
      const between = outline.statements.filter((st) => st.line > a.endLine && st.line < b.line && owner(st.line) !== spec);
      // statements of another list lie between (a branch, a loop body that ended): not one list
      if (between.some((st) => st.depth < b.depth)) continue;
      // A GOTO inside an IF between them (`IF @n = 0 GOTO done`) skips the later statement too when
      // its label lies past it: run alone, the section would run that statement where legacy jumps.
      // (Not a jump to an @@ERROR-era `err_handler:` after the top level's RETURN: that is the
      // error path, which ends a section's run with the error anyway.)
      const landsBetween = (st: OutlineStatement): boolean => outline.statements.some((l) => l.statementKind === 'Label'
        && l.label?.toLowerCase() === st.label?.toLowerCase() && ((l.line > a.endLine && l.line < b.line)
          || outline.statements.some((r) => r.statementKind === 'Return' && r.depth === 0 && r.line < l.line)));
      const jump = between.find((st) => st.depth === b.depth && ['Return', 'Goto', 'Label'].includes(st.statementKind))
        ?? between.find((st) => st.depth > b.depth && st.statementKind === 'Goto' && !landsBetween(st));
      if (jump === undefined) continue;
      const what = jump.statementKind === 'Label' ? 'the label' : jump.statementKind === 'Return' ? 'the RETURN' : 'the GOTO';
      out.push(problem(outline.file, b.line, 'SECTIONS_FLOW_BREAK',
        `line ${b.line} of ${outline.displayName} is in ${spec.id} with line ${a.line}, but ${what} at line ${jump.line} (in ${owner(jump.line)?.id ?? 'no section'}) lies between them: the procedure never runs line ${b.line} straight after line ${a.line}, the section would`,
        `give line ${b.line} and the statements after it a section of their own, or the section of line ${jump.line}`));
      break;
    }
  }
  return out;
}

/**
 * A GOTO that jumps forward over statements of a section that does not hold it (`IF @reads = 0
 * GOTO stamp`, in housekeeping, before the DELETE and INSERT of 01, `stamp:` after them): where
 * it jumps, the procedure skips them, but the section, run on its own and by `migrate run`, runs
 * them whatever the condition. Not a GOTO to a label only the procedure's end follows (a guard
 * clause, which `migrate run` asks like `IF … RETURN`), one in a CATCH block, or a jump to the
 * @@ERROR-era `err_handler:` after the top level's RETURN (the error path); nor a section
 * SECTIONS_FLOW_BREAK already names.
 */
function checkSkippedByGoto(outline: ProcedureOutline, specs: readonly SectionSpec[], breaks: readonly SpecProblem[]): SpecProblem[] {
  const out: SpecProblem[] = [];
  const owner = (line: number): SectionSpec | undefined => specs.find((s) => sectionCoversLine(s, line));
  const named = new Set(breaks.map((b) => owner(b.line)));
  for (const g of outline.statements) {
    if (g.jump === undefined || g.jump.endsProcedure) continue;
    const holder = owner(g.line);
    for (const spec of specs.filter((s) => !s.ignored && s !== holder && !named.has(s))) {
      const skipped = outline.statements.filter((st) => st.line > g.endLine && st.line < (g.jump?.line ?? 0) && owner(st.line) === spec);
      const first = skipped[0];
      if (first === undefined) continue;
      named.add(spec);
      out.push(problem(outline.file, first.line, 'SECTIONS_SKIPPED_BY_GOTO',
        `lines ${first.line}-${skipped.at(-1)?.endLine ?? first.line} of ${outline.displayName} are in ${spec.id}, but the GOTO ${g.label ?? ''} at line ${g.line} (in ${holder?.id ?? 'no section'}) jumps over them to line ${g.jump.line}: where it jumps, the procedure skips them; the section, run on its own or by migrate run, would run them`,
        `give the IF … GOTO at line ${g.line} (and the statements its condition reads) to ${spec.id} (@lines), so the section decides as the procedure does`));
    }
  }
  return out;
}

/**
 * An ignored (housekeeping) statement whose value a section uses: a variable it sets or rows it
 * writes that a statement of a non-ignored section reads later. Such a statement computes
 * something the business result depends on, so it cannot be left out of the new code.
 */
function checkIgnoredFeeds(outline: ProcedureOutline, graph: DataFlowGraph, specs: readonly SectionSpec[]): SpecProblem[] {
  const ownerOf = (line: number): SectionSpec | undefined => specs.find((s) => sectionCoversLine(s, line));
  const problems: SpecProblem[] = [];
  const business = businessSteps(graph);
  for (const step of graph.steps) {
    const owner = ownerOf(step.lines.start);
    if (!owner?.ignored) continue;
    const values = valuesWritten(graph, step).filter((id) => graph.nodes.find((n) => n.id === id)?.kind !== 'parameter');
    for (const id of values) {
      const reader = graph.steps.find((r) => r.index > step.index && business.has(r) && !(ownerOf(r.lines.start)?.ignored ?? true)
        && (variablesRead(graph, r).includes(id) || r.reads.some((x) => x.node === id))
        // a variable's value a later assignment always replaces before the read does not feed it
        && (graph.nodes.find((n) => n.id === id)?.kind !== 'variable' || valueReaches(graph, step, r, id)));
      if (!reader) continue;
      const name = graph.nodes.find((n) => n.id === id)?.label ?? id;
      const target = ownerOf(reader.lines.start) as SectionSpec;
      problems.push(problem(outline.file, step.lines.start, 'SECTIONS_IGNORED_FEEDS',
        `${step.label} at line ${step.lines.start} of ${outline.displayName} is in the ignored section ${owner.id}, but ${name} it sets is used by ${target.id} (line ${reader.lines.start})`,
        `move line ${step.lines.start} into the @lines of ${target.id}: housekeeping is only what no output depends on`));
      break;
    }
  }
  return problems;
}
