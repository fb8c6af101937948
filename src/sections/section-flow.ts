import type { DataFlowGraph, Step } from '../dataflow';
import { isCatalogViewName } from '../tsql';
import { normalizeObjectName } from './spec-model';
import { canonicalSpecName } from './spec-names';

/** Node kinds that hold rows a section can be given or can produce. */
export const DATA_NODE_KINDS: ReadonlySet<string> = new Set(['table', 'temp-table', 'table-variable', 'result-set']);

/** The kind of a graph node by id. */
export function nodeKindOf(graph: DataFlowGraph, id: string): string | undefined {
  return graph.nodes.find((n) => n.id === id)?.kind;
}

// (an EXEC's `modifies` are what its procedure changes: `EXEC dbo.usp_Credit_Review` holding
// customers past their limit UPDATEs dbo.Customer, whose prior rows the section's result keeps)
const ALL_CHANGES: ReadonlySet<string> = new Set(['insert', 'insert-exec', 'exec', 'update', 'delete', 'merge', 'select', 'select-into', 'select-assign']);

/** Statements whose result is computed from the target's prior rows (not merely kept beside them). */
export const IN_PLACE_CHANGES: ReadonlySet<string> = new Set(['update', 'merge']);

/**
 * The data nodes a run of steps needs rows of before it starts (its Given tables): every table,
 * #temp or table variable it reads, UPDATEs, DELETEs from, MERGEs into or INSERTs into (the
 * step's `modifies`) before it has filled it itself. A permanent table always has rows before
 * the section; a #temp or table variable only when a step outside the section wrote it earlier.
 * A TRUNCATE, DELETE without a condition, SELECT … INTO or CREATE inside the section comes
 * first, so a full replace needs no prior rows. `changeKinds` narrows which statements' changes
 * count (check requires only UPDATE and MERGE targets; propose gives every changed table).
 */
export function sectionInputs(graph: DataFlowGraph, steps: readonly Step[], changeKinds: ReadonlySet<string> = ALL_CHANGES): string[] {
  const mine = new Set(steps);
  const sorted = [...steps].sort((a, b) => a.index - b.index);
  // what the section itself has written, by the step that wrote it: a write in one branch of an
  // IF does not stand for the other branch (`IF … DELETE t … ELSE INSERT … WHERE NOT EXISTS (… t)`)
  const writers = new Map<string, Step[]>();
  const branches = (s: Step): string[] => s.context.filter((c) => c.kind === 'if' || c.kind === 'else').map((c) => c.id);
  const establishedFor = (id: string, s: Step): boolean => (writers.get(id) ?? []).some((w) => branches(w).every((b) => branches(s).includes(b)));
  const establish = (id: string, s: Step): void => { writers.set(id, [...(writers.get(id) ?? []), s]); };
  const inputs: string[] = [];
  const writtenBefore = (id: string, index: number): boolean => graph.steps.some((s) => s.index < index && !mine.has(s) && s.writes.some((w) => w.node === id));
  for (const s of sorted) {
    // (what an EXEC'd procedure appends to a log is housekeeping's, as the log INSERT itself is)
    const changed = (s.modifies ?? []).filter((id) => s.kind !== 'exec' || !isLogTable(graph, id));
    const needed = [...s.reads.map((r) => r.node), ...(changeKinds.has(s.kind) ? changed : [])];
    for (const id of needed) {
      const kind = nodeKindOf(graph, id);
      if (!kind || kind === 'result-set' || !DATA_NODE_KINDS.has(kind) || establishedFor(id, s) || inputs.includes(id)) continue;
      // a catalog view describes the database, not its business: no Given holds it (render-skeleton notes the read)
      if (kind === 'table' && isCatalogViewNode(graph, id)) continue;
      // A #temp table nothing before writes comes from the caller (created by the procedure that
      // EXECs this one): an input as a table is; so does a table-valued (READONLY) parameter.
      if (kind === 'table' || writtenBefore(id, s.index) || (kind === 'temp-table' && !graph.steps.some((o) => o.index < s.index && o.writes.some((w) => w.node === id))) || isTableParameter(graph, id)) inputs.push(id);
    }
    for (const w of s.writes) establish(w.node, s);
    if (s.kind === 'create-table' || s.kind === 'declare') for (const n of graph.nodes) if (s.label.toLowerCase().endsWith(` ${n.name.toLowerCase()}`)) establish(n.id, s);
  }
  return inputs;
}

/**
 * Whether `steps` run dynamic SQL, themselves or in a procedure they EXEC (followed through
 * `graphs`, transitively): the tables its text reads and writes are then unknown to the analysis.
 */
export function runsDynamicSql(graph: DataFlowGraph, steps: readonly Step[], graphs: ReadonlyMap<string, DataFlowGraph> = new Map()): boolean {
  const seen = new Set<DataFlowGraph>([graph]);
  const dynamic = (g: DataFlowGraph, list: readonly Step[]): boolean => list.some((st) => st.kind === 'exec-dynamic' || st.calls.some((id) => {
    const node = g.nodes.find((n) => n.id === id);
    const callee = node?.kind === 'procedure' ? graphs.get(node.name) : undefined;
    if (callee === undefined || seen.has(callee)) return false;
    seen.add(callee);
    return dynamic(callee, callee.steps);
  }));
  return dynamic(graph, steps);
}

/** Whether node `id` is a catalog view the steps read (`sys.columns`, `INFORMATION_SCHEMA.COLUMNS`). */
export function isCatalogViewNode(graph: DataFlowGraph, id: string): boolean {
  const node = graph.nodes.find((n) => n.id === id);
  return node?.kind === 'table' && isCatalogViewName(node.name.split('.'));
}

/** A table variable (or, passed on to a procedure, a parameter) that is the procedure's table-valued parameter (`@Lines dbo.LineList READONLY`). */
function isTableParameter(graph: DataFlowGraph, id: string): boolean {
  const node = graph.nodes.find((n) => n.id === id);
  return (node?.kind === 'table-variable' || node?.kind === 'parameter') && graph.object.parameters.some((p) => p.readonly === true && p.name.toLowerCase() === node.name.toLowerCase());
}

/** The table-valued parameters steps read (a table variable read, or the parameter passed on in an EXEC). */
export function tableParametersRead(graph: DataFlowGraph, steps: readonly Step[]): string[] {
  return [...new Set(steps.flatMap((s) => s.reads.map((r) => r.node)).filter((id) => isTableParameter(graph, id)))];
}

/** Variables (and parameters) a step reads, the loop conditions around it included. */
export function variablesRead(graph: DataFlowGraph, s: Step): string[] {
  const vars = graph.nodes.filter((n) => n.kind === 'variable' || n.kind === 'parameter');
  const direct = s.reads.map((r) => r.node).filter((id) => vars.some((v) => v.id === id));
  // a loop condition (WHILE @Day <= @LastDay) reads variables too, though no step records it
  const inConditions = vars.filter((v) => s.context.some((c) => new RegExp(`${v.name.replace(/[$]/g, '\\$')}(?![\\w@#$])`, 'i').test(c.label))).map((v) => v.id);
  return [...new Set([...direct, ...inConditions])];
}

/** The steps whose lines lie inside the line ranges (a section's @lines). */
export function stepsInLines(graph: DataFlowGraph, lines: readonly { readonly start: number; readonly end: number }[]): Step[] {
  return graph.steps.filter((s) => lines.some((r) => s.lines.start >= r.start && s.lines.end <= r.end));
}

/** Data nodes and variables a step writes (what later statements can depend on). */
export function valuesWritten(graph: DataFlowGraph, s: Step): string[] {
  return s.writes.map((w) => w.node).filter((id) => {
    const kind = nodeKindOf(graph, id);
    return kind !== undefined && (DATA_NODE_KINDS.has(kind) || kind === 'variable' || kind === 'parameter');
  });
}

/** A run-log table (`dbo.ProcRunLog`, `etl.LoadLog`, `log.Events`): what is written there is housekeeping. */
export function isLogTable(graph: DataFlowGraph, id: string): boolean {
  const node = graph.nodes.find((n) => n.id === id);
  return node?.kind === 'table' && isLogName(node.name);
}

// `log` as a word of the name (ProcRunLog, etl_log, [Summary Log], log.Events), or a known kind of
// log run together in one word (errorlog, ETLLOG). Not any `log` in it: dbo.ProductCatalog,
// Sales.Logistics, dbo.Backlog and dbo.UserLogin are business tables.
const LOG_WORD = /^(?:log|logs|logging)$/i;
const RUN_TOGETHER_LOG = /(?:run|error|load|audit|event|job|batch|etl|process|proc|exec|execution|debug|trace|change|activity|message|import|export|sync|step|task)logs?$/i;

/** Whether a table name reads as a log (see LOG_WORD and RUN_TOGETHER_LOG). */
export function isLogName(name: string): boolean {
  const words = name.split(/[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])/).filter((w) => w !== '');
  return words.some((w) => LOG_WORD.test(w) || RUN_TOGETHER_LOG.test(w));
}

/**
 * Whether the value step `from` gives variable `id` may still be what step `to` reads: false
 * when a statement between them always sets it again (`DECLARE @n int = 0`, then `SELECT @err =
 * @@ERROR, @n = @@ROWCOUNT` before the result reads @n). Always is: in no block that `to` is
 * not in too, with no GOTO before it since `from` that could jump over it, and a SET or a
 * `SELECT @v = …` without rows to read (one over rows assigns nothing when none qualify). A
 * statement in the blocks `to` is in, before it, runs before `to` each time `to` runs: in a TRY
 * block an error before it leaves the block for the CATCH (the whole body of a procedure wrapped
 * in BEGIN TRY, the usual shape, would otherwise carry every loop counter across); in an IF
 * branch, a WHILE or a cursor loop (`IF @Mode = 'W' BEGIN SET @w = 1; WHILE @w <= @Weeks …`) the
 * branch or the pass that reaches `to` went through it. One in an IF, ELSE, loop or CATCH that
 * `to` is not in may not have run: the value from `from` may reach.
 */
export function valueReaches(graph: DataFlowGraph, from: Step, to: Step, id: string): boolean {
  let jumped = false;
  for (const t of graph.steps) {
    if (t.index <= from.index || t.index >= to.index) continue;
    if (/^GOTO\b/i.test(t.label)) jumped = true;
    const always = t.kind === 'set' || (t.kind === 'select-assign' && !t.reads.some((r) => DATA_NODE_KINDS.has(nodeKindOf(graph, r.node) ?? '')));
    const unconditional = t.context.every((c) => to.context.some((d) => d.id === c.id));
    if (!jumped && always && unconditional && t.writes.some((w) => w.node === id)) return false;
  }
  return true;
}

/** The OUTPUT parameters of the procedure a step sets: values its caller reads, as it reads a table. */
export function outputParametersWritten(graph: DataFlowGraph, s: Step): string[] {
  return s.writes.map((w) => w.node).filter((id) => graph.nodes.some((n) => n.id === id && n.kind === 'parameter' && n.output));
}

/**
 * Steps the business result depends on: those that write a table, #temp, table variable or
 * result set (not a run log, not in a CATCH block) or an OUTPUT parameter, and, to a fixpoint,
 * those that set a variable such a step (or the loop or IF it runs in) reads, or fill a log
 * table such a step reads later. A counter that only a log line reads is not one of them.
 */
export function businessSteps(graph: DataFlowGraph): Set<Step> {
  const out = new Set<Step>();
  const live = graph.steps.filter((s) => !s.context.some((c) => c.kind === 'catch'));
  for (const s of live) if (s.writes.some((w) => DATA_NODE_KINDS.has(nodeKindOf(graph, w.node) ?? '') && !isLogTable(graph, w.node)) || outputParametersWritten(graph, s).length > 0) out.add(s);
  // a FETCH reads its cursor: the DECLARE CURSOR (and the variables its query reads) feeds the rows
  const reads = new Map(live.map((s) => [s, new Set([...variablesRead(graph, s), ...s.reads.map((r) => r.node).filter((id) => nodeKindOf(graph, id) === 'cursor')])]));
  // a table named like a log that a later business step reads (`DELETE … WHERE EXISTS (SELECT …
  // FROM [Duplicate Log])`) holds rows the result depends on: the writes before that read are work
  const logReads = new Map(live.map((s) => [s, s.reads.map((r) => r.node).filter((id) => isLogTable(graph, id))]));
  const feedsLaterRead = (s: Step): boolean => s.writes.some((w) => [...out].some((b) => b.index > s.index && (logReads.get(b) ?? []).includes(w.node)));
  let grew = true;
  while (grew) {
    grew = false;
    const needed = new Set([...out].flatMap((s) => [...(reads.get(s) ?? [])]));
    for (const s of live) {
      if (out.has(s) || (!s.writes.some((w) => needed.has(w.node)) && !feedsLaterRead(s))) continue;
      out.add(s);
      grew = true;
    }
  }
  return out;
}

/** A graph node's name as specs write it, normalised (result sets are `result…`). */
export function specKey(graph: DataFlowGraph, id: string): string {
  const n = graph.nodes.find((x) => x.id === id);
  if (!n) return id;
  return n.kind === 'result-set' ? 'result' : normalizeObjectName(n.name);
}

/** A table key of a problem as a spec writes it, spelled as the procedure does (`Sales.[Order Lines]`, `@OrderLines`). */
export function shownName(graph: DataFlowGraph, key: string): string {
  const n = graph.nodes.find((x) => x.kind !== 'result-set' && normalizeObjectName(x.name) === key);
  return n === undefined ? key : canonicalSpecName(n.label);
}
