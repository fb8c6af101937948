import type { DataFlowGraph, Step } from '../dataflow';
import { cursorEntityColumn } from './section-entity';
import { businessSteps, DATA_NODE_KINDS, isLogTable, nodeKindOf as nodeKind, outputParametersWritten, sectionInputs, valueReaches, variablesRead } from './section-flow';
import type { LineRange } from './spec-model';
import { slugOfName } from './spec-names';
import { keepStepLogWithCount } from './step-log-rows';
import { takeSavepointTransaction } from './savepoint-transaction';
import { keepRowCountWithLimited } from './rowcount-limit';
import { flushWithLoop } from './loop-flush';
import { withSynonymsResolved } from './synonym-steps';
import { keepTogether } from './keep-together';

/** A section cut from a procedure's graph, before it is written as a .feature. */
export interface ProposedSection {
  readonly kind: 'proposed-section';
  /** `00` for housekeeping, then `01`, `02`, … in source order. */
  readonly number: string;
  readonly slug: string;
  readonly ignored: boolean;
  readonly lines: readonly LineRange[];
  readonly steps: readonly Step[];
  /** Node ids the section reads from outside itself (its Given tables). */
  readonly inputs: readonly string[];
  /** Node ids it produces for others (its Then tables); result sets included. */
  readonly outputs: readonly string[];
  /** Parameter node ids it reads. */
  readonly params: readonly string[];
  /** OUTPUT parameter node ids it sets: the caller's values, expected as the row `outputs`. */
  readonly values?: readonly string[];
  /** The per-entity key of a cursor loop, as a column of the section's outputs (normalised
   * name), when the cursor's key is carried into every output. */
  readonly entity: string | undefined;
}

/** The unit of the assignments of OUTPUT parameters no other section uses. */
const OUTPUT_VALUES = 'values:output';

const HOUSEKEEPING_KINDS = new Set(['other', 'print', 'transaction', 'return', 'drop-table', 'declare', 'exec', 'exec-dynamic', 'insert-exec']);

interface Unit {
  key: string;
  steps: Step[];
  housekeeping: boolean;
  /** The cursor a loop unit fetches from. */
  cursor?: string | undefined;
}

/** Groups a step's line ranges, merging ranges that touch or are only blank-separated by nothing. */
export function mergeLineRanges(ranges: readonly LineRange[]): LineRange[] {
  const sorted = [...ranges].sort((a, b) => a.start - b.start);
  const out: LineRange[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.start <= last.end + 1) out[out.length - 1] = { start: last.start, end: Math.max(last.end, r.end) };
    else out.push({ ...r });
  }
  return out;
}

/** A short file-name slug from a table name: `#UsageWithConfig` -> `usage-with-config` (spec-names.ts `slugOfName`). */
export function slugOf(name: string): string {
  return slugOfName(name);
}

/**
 * Cuts a procedure into sections from its data-flow graph: each materialised result (#temp,
 * table variable, permanent table, result set) with the statements that feed only it; a whole
 * cursor or WHILE loop is one section (what the set-based version replaces); housekeeping
 * (SET NOCOUNT, PRINT, logging, transactions, @Debug output, CATCH, declarations) goes to one
 * ignored section 00. Variable assignments join the first section that reads what they set,
 * except one reading @@ROWCOUNT/@@ERROR/SCOPE_IDENTITY(), which stays with the statement it
 * describes, and one reading a table another section writes before that reader, which goes with
 * the writer (`SELECT @before = COUNT(*)` ahead of the INSERT it counts the rows before).
 */
export function proposeSections(written: DataFlowGraph, displayName: (id: string) => string, statements: readonly { line: number; endLine: number; statementKind?: string }[] = []): ProposedSection[] {
  // the cut follows what a synonym stands for (a MERGE through dbo.Prices changes the table an
  // UPDATE after it reads); the sections name the tables as the procedure writes them
  const graph = withSynonymsResolved(written);
  const stepAsWritten = new Map(graph.steps.map((s, i): [Step, Step] => [s, written.steps[i] as Step]));
  const asWritten = (s: Step): Step => stepAsWritten.get(s) ?? s;
  const isLog = (id: string): boolean => isLogTable(graph, id);
  const business = businessSteps(graph);
  const dataWrites = (s: Step): string[] => s.writes.map((w) => w.node).filter((id) => DATA_NODE_KINDS.has(nodeKind(graph, id) ?? ''));
  // A cursor loop's cursor is the one the FETCH just before the loop reads (the priming fetch);
  // the graph's own `cursor` is the fallback.
  const cursorOfLoop = new Map<string, string>();
  graph.steps.forEach((s, i) => {
    for (const c of s.context) {
      if (c.kind !== 'cursor-loop' || cursorOfLoop.has(c.id)) continue;
      const priming = graph.steps.slice(0, i).reverse().find((p) => p.kind === 'fetch' && !p.context.some((x) => x.id === c.id));
      const cursor = priming?.reads.find((r) => nodeKind(graph, r.node) === 'cursor')?.node ?? c.cursor;
      if (cursor) cursorOfLoop.set(c.id, cursor);
    }
  });
  const loopOfCursor = new Map<string, string>();
  for (const [loop, cursor] of cursorOfLoop) if (!loopOfCursor.has(cursor)) loopOfCursor.set(cursor, loop);
  const cursorByName = new Map(graph.nodes.filter((n) => n.kind === 'cursor').map((n) => [n.name.toLowerCase(), n.id]));
  const units: Unit[] = [];
  const housekeeping: Unit = { key: 'housekeeping', steps: [], housekeeping: true };
  const unitByKey = new Map<string, Unit>();
  const pendingVars: Step[] = [];
  const pendingCreates: Step[] = [];
  const declaresTableVariable = (s: Step): boolean => graph.nodes.some((n) => n.kind === 'table-variable' && s.label.toLowerCase() === `declare ${n.name.toLowerCase()}`);
  const unitFor = (key: string): Unit => {
    let u = unitByKey.get(key);
    if (!u) { u = { key, steps: [], housekeeping: false }; unitByKey.set(key, u); units.push(u); }
    return u;
  };
  // The step of a loop's own condition (`WHILE EXISTS (SELECT 1 FROM #queue)`) is outside the
  // loop's context but decides how often it runs: it belongs to the loop's section.
  const loops = graph.steps.flatMap((s) => s.context).filter((c) => c.kind === 'cursor-loop' || c.kind === 'while');
  // Statements after an unconditional RETURN at the top level run only when a GOTO jumps to a
  // label among them (`ErrHandler:` of @@ERROR-era code): never straight after the statements
  // before the RETURN, so they never share a section with those (checked: SECTIONS_FLOW_BREAK).
  const firstReturn = graph.steps.find((x) => x.kind === 'return' && x.context.length === 0)?.index;
  const reachedByGoto = (x: Step): boolean => firstReturn !== undefined && x.index > firstReturn;
  for (const s of graph.steps) {
    const inCatch = s.context.some((c) => c.kind === 'catch');
    const debug = s.context.some((c) => (c.kind === 'if' || c.kind === 'else') && /@debug/i.test(c.label));
    const loop = s.context.find((c) => c.kind === 'cursor-loop' || c.kind === 'while') ?? (s.kind === 'other' ? loops.find((c) => c.lines.start === s.lines.start) : undefined);
    const cursorId = s.kind === 'declare-cursor' ? s.writes[0]?.node : ['open', 'close', 'deallocate', 'fetch'].includes(s.kind) ? (s.reads[0]?.node ?? cursorByName.get(s.label.split(/\s+/).pop()?.toLowerCase() ?? '')) : undefined;
    if (inCatch || (debug && !loop)) { housekeeping.steps.push(s); continue; }
    if (loop) {
      const u = unitFor(`loop:${loop.id}`);
      const cursor = cursorOfLoop.get(loop.id);
      if (loop.kind === 'cursor-loop' && cursor) u.cursor ??= cursor;
      u.steps.push(s);
      continue;
    }
    // (a CLOSE on the error path after the RETURN, `ErrCursor: CLOSE c`, is housekeeping with that path)
    if (cursorId && loopOfCursor.has(cursorId)) { (reachedByGoto(s) ? housekeeping : unitFor(`loop:${loopOfCursor.get(cursorId)}`)).steps.push(s); continue; }
    if (s.kind === 'create-table' || s.kind === 'alter-table' || (s.kind === 'declare' && declaresTableVariable(s))) { pendingCreates.push(s); continue; }
    // DECLARE @x = (SELECT …) computes a value like SET does: it goes where the value is used
    if (s.kind === 'declare' && s.writes.length > 0) { pendingVars.push(s); continue; }
    const writes = dataWrites(s);
    // an EXEC whose procedure writes tables (the graph gives the step its callee's writes) is work like an INSERT
    const work = (s.kind === 'insert-exec' || s.kind === 'exec') && writes.length > 0;
    // EXEC @rc = p @Key OUTPUT sets values like SET does: they go where a section uses them
    if (HOUSEKEEPING_KINDS.has(s.kind) && !work && s.kind.startsWith('exec') && s.writes.some((w) => nodeKind(graph, w.node) === 'variable')) { pendingVars.push(s); continue; }
    // A ROLLBACK outside CATCH (`IF <bad rows> ROLLBACK TRAN BeforeFact`) undoes the rows written
    // since its BEGIN or SAVE TRANSACTION: it changes those tables, so it goes with the last of them.
    // (Not the error path: an `err_handler:` only a GOTO reaches, an IF that rolls back and then
    // raises or returns; those leave the procedure and stay housekeeping with the RETURN.)
    const errorPath = reachedByGoto(s) || graph.steps.some((x) => x !== s && x.context.length > 0 && x.context[x.context.length - 1]?.id === s.context[s.context.length - 1]?.id && (x.kind === 'return' || /^(RAISERROR|THROW|GOTO|RETURN)\b/i.test(x.label)));
    const undoing = s.kind === 'transaction' && /^ROLLBACK\b/i.test(s.label) && !errorPath ? unitUndoneBy(graph, s, units, dataWrites, isLog) : undefined;
    if (undoing !== undefined) { undoing.steps.push(s); continue; }
    if ((HOUSEKEEPING_KINDS.has(s.kind) && !work) || (writes.length > 0 && writes.every(isLog) && !business.has(s))) { housekeeping.steps.push(s); continue; }
    if (writes.length === 0) { pendingVars.push(s); continue; }
    unitFor(`${reachedByGoto(s) ? 'after-return' : 'target'}:${writes[0]}`).steps.push(s);
  }
  // A variable assignment belongs to the first data unit that uses its value (directly, or through
  // a later assignment that does); only a value no section uses is housekeeping. Latest first, so
  // a chain (@a feeds @b feeds an INSERT) lands where its last link does.
  for (const v of [...pendingVars].sort((a, b) => b.index - a.index)) {
    const vars = new Set(v.writes.map((w) => w.node));
    // a reader whose value a later assignment always replaces first is no reader of this one
    const readers = graph.steps
      .filter((s) => s.index > v.index && business.has(s) && variablesRead(graph, s).some((id) => vars.has(id) && valueReaches(graph, v, s, id)))
      .map((s) => ({ s, u: units.find((u) => u.steps.includes(s)) }));
    const first = readers.find((r) => r.u !== undefined);
    // Another section writing, between the assignment and its reader, a table the assignment
    // reads (`SELECT @before = COUNT(*) FROM dbo.Orders`, the INSERT INTO dbo.Orders, then the
    // log row of @before): sections run one after the other, so with its reader the assignment
    // would count the rows after that write. It goes first in the writer's section instead,
    // whose run computes it before the write; its value reaches the reader as a Given value.
    const read = new Set(v.reads.map((r) => r.node).filter((id) => DATA_NODE_KINDS.has(nodeKind(graph, id) ?? '')));
    const writer = first === undefined || read.size === 0 ? undefined : graph.steps
      .filter((s) => s.index > v.index && s.index < first.s.index && s.writes.some((w) => read.has(w.node)))
      .map((s) => units.find((u) => u.steps.includes(s)))
      .find((u) => u !== undefined && u !== first.u);
    const reader = writer ?? first?.u;
    if (reader) reader.steps.push(v);
    // a value the caller reads (an OUTPUT parameter) is a result like a table, not housekeeping
    else if (outputParametersWritten(graph, v).length > 0) unitFor(OUTPUT_VALUES).steps.push(v);
    else housekeeping.steps.push(v);
  }
  // ... unless it describes a housekeeping statement (`SET @ErrorLogId = @@IDENTITY` after the
  // error log's INSERT): then every assignment of it is housekeeping too
  const values = unitByKey.get(OUTPUT_VALUES);
  if (values !== undefined) {
    const logged = new Set(values.steps.filter((s) => s.follows !== undefined && housekeeping.steps.some((h) => h.id === s.follows)).flatMap((s) => outputParametersWritten(graph, s)));
    const kept = values.steps.filter((s) => outputParametersWritten(graph, s).some((id) => !logged.has(id)));
    // what is left only fed the moved ones when no assignment of another OUTPUT parameter stays
    const moved = kept.length === 0 ? [...values.steps] : values.steps.filter((s) => outputParametersWritten(graph, s).some((id) => logged.has(id)));
    housekeeping.steps.push(...moved);
    values.steps = values.steps.filter((s) => !moved.includes(s));
    if (values.steps.length === 0) units.splice(units.indexOf(values), 1);
  }
  // CREATE TABLE #t (and ALTER TABLE #t) goes with whoever fills #t.
  for (const c of pendingCreates) {
    const name = c.label.replace(/^(CREATE TABLE|ALTER TABLE|DECLARE)\s+/i, '').toLowerCase();
    const id = graph.nodes.find((n) => n.name.toLowerCase() === name)?.id;
    const filler = units.find((u) => u.steps.some((s) => id !== undefined && dataWrites(s).includes(id)));
    (filler ?? housekeeping).steps.push(c);
  }
  for (const u of units) u.steps.sort((a, b) => a.index - b.index);
  // A temp that feeds only one other unit is part of that unit (fixpoint: chains collapse).
  let merged = true;
  while (merged) {
    merged = false;
    for (const u of [...units]) {
      const written = new Set(u.steps.flatMap(dataWrites));
      const temps = [...written].filter((id) => ['temp-table', 'table-variable'].includes(nodeKind(graph, id) ?? ''));
      if (temps.length === 0 || u.key.startsWith('loop:')) continue;
      const readers = new Set(units.filter((o) => o !== u && o.steps.some((s) => s.reads.some((r) => temps.includes(r.node)))));
      if (readers.size !== 1) continue;
      const [target] = [...readers] as [Unit];
      target.steps.push(...u.steps);
      target.steps.sort((a, b) => a.index - b.index);
      units.splice(units.indexOf(u), 1);
      merged = true;
    }
  }
  // A loop that writes no table (a wrapper's cursor EXECuting a procedure per row) produces
  // nothing a scenario could expect: the called procedures are migration objects of their own.
  // One that only computes a value a section reads (`WHILE DATEPART(weekday, @Start) <> 1 SET
  // @Start = DATEADD(day, 1, @Start)`) goes with the first section reading it, as a SET does.
  for (const u of [...units]) {
    if (u.key === OUTPUT_VALUES || u.steps.some((s) => dataWrites(s).length > 0)) continue;
    const vars = new Set(u.steps.flatMap((s) => s.writes.map((w) => w.node)).filter((id) => nodeKind(graph, id) === 'variable'));
    const last = Math.max(...u.steps.map((s) => s.index));
    const reader = graph.steps
      .filter((s) => s.index > last && business.has(s) && variablesRead(graph, s).some((id) => vars.has(id)))
      .map((s) => units.find((o) => o !== u && o.steps.includes(s)))
      .find((o) => o !== undefined);
    (reader ?? housekeeping).steps.push(...u.steps);
    reader?.steps.sort((a, b) => a.index - b.index);
    units.splice(units.indexOf(u), 1);
  }
  keepTogether(graph, units, housekeeping, dataWrites);
  // `SET @Rows = @@ROWCOUNT` left in housekeeping (no section read it when values were placed) that
  // a statement kept together above reads (`IF @Rows > 0 … ROLLBACK`) goes with the statement it counts.
  for (const h of [...housekeeping.steps]) {
    const home = h.follows === undefined ? undefined : units.find((u) => u.steps.some((x) => x.id === h.follows));
    const set = new Set(h.writes.map((w) => w.node));
    if (home === undefined || !home.steps.some((x) => x.index > h.index && variablesRead(graph, x).some((id) => set.has(id)))) continue;
    housekeeping.steps.splice(housekeeping.steps.indexOf(h), 1);
    home.steps.push(h);
    home.steps.sort((a, b) => a.index - b.index);
  }
  // A step reading @@ROWCOUNT, @@ERROR or SCOPE_IDENTITY() that a section needs stays with the
  // statement it describes: in another section it would read that section's last count. What it
  // sets reaches other sections as a parameter, like any value computed elsewhere. (One only
  // housekeeping reads, `SET @Rows = @@ROWCOUNT` for a log line, stays in housekeeping.)
  const left = new Map<Unit, Unit>();
  for (const s of graph.steps) {
    if (s.follows === undefined) continue;
    let home = units.find((u) => u.steps.some((x) => x.id === s.follows));
    const current = units.find((u) => u.steps.includes(s));
    // The statement it describes is housekeeping (a load-log INSERT whose SCOPE_IDENTITY() the
    // fact rows store as their LoadLogId): what a section uses is no housekeeping, yet the INSERT
    // does not belong to the section that reads the value either (it may run before the sections
    // filling what that one reads). The two are a section of their own, as a run-lineage row is.
    const followed = home === undefined && current !== undefined ? housekeeping.steps.find((x) => x.id === s.follows) : undefined;
    if (followed !== undefined) {
      housekeeping.steps.splice(housekeeping.steps.indexOf(followed), 1);
      home = { key: `outcome:${followed.id}`, steps: [followed], housekeeping: false };
      units.push(home);
    }
    if (home === undefined || current === undefined || home === current) continue;
    current.steps.splice(current.steps.indexOf(s), 1);
    home.steps.push(s);
    home.steps.sort((a, b) => a.index - b.index);
    if (current.steps.length === 0) units.splice(units.indexOf(current), 1);
    else left.set(current, home);
    joinWritersBetween(units, home, s, dataWrites);
  }
  // What the moved statements leave behind without a write of its own (`SET @lvl = 1` before
  // `INSERT #lvl …; WHILE @@ROWCOUNT > 0 AND @lvl < 20`, joined to the loop for the counter the
  // loop reads) goes with them: alone it would be a section that produces nothing.
  for (const [rest, home] of left) {
    if (!units.includes(rest) || !units.includes(home) || rest.key === OUTPUT_VALUES || rest.steps.some((x) => dataWrites(x).length > 0)) continue;
    home.steps.push(...rest.steps);
    home.steps.sort((a, b) => a.index - b.index);
    units.splice(units.indexOf(rest), 1);
  }
  // a step-log row (`INSERT dw.EtlBatchStep … VALUES (…, @rc)`) goes with the count it records
  keepStepLogWithCount(graph, units, housekeeping.steps);
  clearWithLoop(units, dataWrites);
  flushWithLoop(graph, units, dataWrites);
  splitAtDependencies(graph, units, dataWrites);
  // `IF @n = 0 GOTO done` between two statements of one section skips the later one when it
  // jumps: it goes with that section, so the section run alone jumps where legacy does (else
  // SECTIONS_FLOW_BREAK: a DELETE the jump skips would run, and record would keep its effect).
  for (const g of housekeeping.steps.filter((x) => skippingJumpUnit(graph, x, units) !== undefined)) {
    const home = skippingJumpUnit(graph, g, units) as Unit;
    home.steps.push(g);
    home.steps.sort((a, b) => a.index - b.index);
    housekeeping.steps.splice(housekeeping.steps.indexOf(g), 1);
  }
  // a section setting a savepoint needs the transaction it is set in (savepoint-transaction.ts)
  takeSavepointTransaction(graph, units, housekeeping);
  // a SET ROWCOUNT goes with the statements it limits (rowcount-limit.ts)
  keepRowCountWithLimited(graph.steps, units, housekeeping, reachedByGoto);
  // order by the first statement that writes data (an early SET joined later must not reorder)
  const firstWrite = (u: Unit): number => (u.steps.find((s) => dataWrites(s).length > 0) ?? u.steps[0])?.index ?? 0;
  units.sort((a, b) => firstWrite(a) - firstWrite(b));
  const slugFor = (main: string | undefined, inputs: readonly string[], values: readonly string[]): string => {
    if (!main) return values.length > 0 ? 'output-parameters' : 'section';
    if (nodeKind(graph, main) !== 'result-set') return slugOf(displayName(main));
    return `result-${inputs[0] ? slugOf(displayName(inputs[0])) : 'set'}`;
  };
  const signature = graph.object.parameters.map((p) => p.name.toLowerCase());
  const declaredAt = (id: string): number => {
    const i = signature.indexOf((graph.nodes.find((n) => n.id === id)?.name ?? '').toLowerCase());
    return i < 0 ? signature.length : i;
  };
  const proposed: ProposedSection[] = [];
  // what each section reads and writes is named from the statements as written
  for (const u of [...units, housekeeping]) u.steps = u.steps.map(asWritten);
  const unitOf = new Map<Step, Unit>(units.flatMap((u) => u.steps.map((s): [Step, Unit] => [s, u])));
  units.forEach((u, i) => {
    const writes = [...new Set(u.steps.flatMap(dataWrites))];
    const lastWrite = (id: string): number => Math.max(...u.steps.filter((s) => s.writes.some((w) => w.node === id)).map((s) => s.index));
    const readLater = (id: string): boolean => written.steps.some((s) => s.index > lastWrite(id) && unitOf.get(s) !== undefined && unitOf.get(s) !== u
      && (s.reads.some((r) => r.node === id) || (s.modifies ?? []).includes(id)));
    const produced = writes.filter((id) => nodeKind(graph, id) === 'table' || nodeKind(graph, id) === 'result-set' || readLater(id));
    // every section produces something a scenario can expect: a temp nobody reads later is still its result
    const outputs = produced.length > 0 ? produced : writes.slice(0, 1);
    const inputs = sectionInputs(written, u.steps);
    const main = outputs.find((id) => nodeKind(graph, id) !== 'result-set') ?? outputs[0];
    const ordered = main && nodeKind(graph, main) !== 'result-set' ? [main, ...outputs.filter((o) => o !== main)] : outputs;
    // values computed in another section arrive as parameters (the section runs on its own)
    const values = [...new Set(u.steps.flatMap((s) => variablesRead(written, s)))].filter((id) => nodeKind(graph, id) === 'parameter'
      || written.steps.some((s) => unitOf.get(s) !== undefined && unitOf.get(s) !== u && s.writes.some((w) => w.node === id)
        // (not one the section always sets again before it reads it: `SET @rc = @@ROWCOUNT` of its own step)
        && u.steps.some((r) => r.index > s.index && variablesRead(written, r).includes(id) && valueReaches(written, s, r, id))))
      // the procedure's parameters first, as its signature lists them (a step lists what it reads sorted by name)
      .map((id, at) => ({ id, at, declared: declaredAt(id) })).sort((a, b) => a.declared - b.declared || a.at - b.at).map((x) => x.id);
    // only a section of its own expects them: one that also fills a table (`SET @Rows = @@ROWCOUNT`
    // after its INSERT) has a transform of one output
    const set = u.key === OUTPUT_VALUES ? [...new Set(u.steps.flatMap((s) => outputParametersWritten(graph, s)))] : [];
    proposed.push({
      kind: 'proposed-section',
      number: String(i + 1).padStart(2, '0'),
      slug: slugFor(main, inputs, set),
      ignored: false,
      lines: mergeLineRanges(u.steps.map((s) => s.lines)),
      steps: u.steps,
      inputs,
      outputs: ordered,
      params: values,
      ...(set.length > 0 ? { values: set } : {}),
      entity: u.cursor ? cursorEntityColumn(written, u.steps, u.cursor, ordered) : undefined,
    });
  });
  housekeeping.steps.sort((a, b) => a.index - b.index);
  proposed.unshift({
    kind: 'proposed-section', number: '00', slug: 'housekeeping', ignored: true, lines: mergeLineRanges(housekeeping.steps.map((s) => s.lines)),
    steps: housekeeping.steps, inputs: [], outputs: [], params: [], entity: undefined,
  });
  // Housekeeping is kept through fillLines (control flow may fall to it), then dropped if nothing
  // did: a section without lines is one its own check rejects (`@lines:` with no range).
  return fillLines(proposed.filter((p) => !p.ignored || p.steps.length > 0 || statements.length > 0), statements).filter((p) => !p.ignored || p.lines.length > 0);
}

/**
 * A TRUNCATE or DELETE of a table that a cursor or WHILE loop then fills goes into the loop's
 * section (clear, then reload) when the loop writes something before it (the #temp it reads,
 * filled before the TRUNCATE): apart, the loop's section would be ordered first by that write, and
 * the clearing section after it would undo what the loop wrote. The unit may go on writing the
 * table after the loop (the last group's row a WHILE over a #temp flushes once it ends): cut
 * from it, that row would be a section reading the loop's variables. Otherwise they stay apart.
 */
function clearWithLoop(units: Unit[], dataWrites: (s: Step) => string[]): void {
  for (const u of [...units]) {
    if (u.key.startsWith('loop:') || u.key === OUTPUT_VALUES) continue;
    const writing = u.steps.filter((x) => dataWrites(x).length > 0);
    const cleared = new Set(writing.flatMap(dataWrites));
    const clears = (x: Step): boolean => x.kind === 'truncate' || x.kind === 'delete';
    const firstOther = writing.findIndex((x) => !clears(x));
    if (writing.length === 0 || cleared.size !== 1 || firstOther === 0) continue;
    const [table] = [...cleared] as [string];
    // the clearing statements, and what the unit does after them (the flush after the loop)
    const last = firstOther < 0 ? Math.max(...u.steps.map((x) => x.index)) : Math.max(...writing.slice(0, firstOther).map((x) => x.index));
    const after = u.steps.filter((x) => x.index > last);
    // the next statement after the clearing that touches the table must be the loop's write
    const next = units.filter((o) => o !== u).flatMap((o) => o.steps.map((x) => ({ o, x })))
      .filter(({ x }) => x.index > last && (x.writes.some((w) => w.node === table) || x.reads.some((r) => r.node === table) || (x.modifies ?? []).includes(table)))
      .sort((a, b) => a.x.index - b.x.index)[0];
    if (next === undefined || !next.o.key.startsWith('loop:') || !dataWrites(next.x).includes(table)) continue;
    // apart, they run in the right order when the loop writes nothing before the clearing
    const loopFirst = Math.min(...next.o.steps.filter((x) => dataWrites(x).length > 0).map((x) => x.index));
    if (loopFirst > last) continue;
    const loopLast = Math.max(...next.o.steps.map((x) => x.index));
    if (after.some((x) => x.index < loopLast)) continue;
    next.o.steps.push(...u.steps);
    next.o.steps.sort((a, b) => a.index - b.index);
    units.splice(units.indexOf(u), 1);
  }
}

/**
 * Cuts a unit in two where a statement of it reads what another unit wrote after the unit's
 * earlier statements: a run-lineage row inserted at the start and updated at the end with counts
 * of the fact table the sections between fill. Kept whole, its section would come first and
 * its UPDATE would read the fact table before those sections fill it (and the sections between
 * read the lineage key it sets: a cycle no order of sections runs). The later part becomes a
 * section of its own for the same table, after the sections it reads. A loop stays whole (it is
 * what the set-based version replaces), and so does an IF or WHILE: a cut inside one leaves a
 * section that cannot run alone.
 */
function splitAtDependencies(graph: DataFlowGraph, units: Unit[], dataWrites: (s: Step) => string[]): void {
  const BLOCKS = new Set(['if', 'else', 'while', 'cursor-loop']);
  const needs = (s: Step): Set<string> => new Set([...s.reads.map((r) => r.node), ...(s.modifies ?? [])]);
  for (let u = 0; u < units.length; u++) {
    const unit = units[u] as Unit;
    if (unit.key.startsWith('loop:') || unit.key === OUTPUT_VALUES) continue;
    const steps = unit.steps;
    let cut = steps.findIndex((s, i) => {
      if (i === 0 || !steps.slice(0, i).some((x) => dataWrites(x).length > 0) || !steps.slice(i).some((x) => dataWrites(x).length > 0)) return false;
      const blocks = new Set(s.context.filter((c) => BLOCKS.has(c.kind)).map((c) => c.id));
      if (steps.slice(0, i).some((x) => x.context.some((c) => blocks.has(c.id)))) return false;
      // the unit runs where its first write is (sections are ordered so): what others write
      // before that, it sees anyway
      const first = (steps.find((x) => dataWrites(x).length > 0) as Step).index;
      const read = needs(s);
      // and where a statement of it writes what another unit reads (or changes) after the unit's
      // first write and before that statement (a staging table emptied at the end, after the MERGE
      // of another section read it): run first as a whole, the unit would empty it before that read
      const written = new Set(dataWrites(s));
      return units.some((o) => o !== unit && o.steps.some((t) => t.index > first && t.index < s.index
        && (t.writes.some((w) => read.has(w.node)) || [...needs(t)].some((id) => written.has(id)))));
    });
    // a read of @@ROWCOUNT, @@ERROR or SCOPE_IDENTITY() goes with the statement it describes: the
    // cut moves before that statement (kept only while the earlier part still writes)
    for (let moved = true; moved && cut > 0;) {
      const at = steps.slice(cut).map((x) => steps.findIndex((y) => y.id === x.follows)).filter((j) => j >= 0 && j < cut);
      moved = at.length > 0;
      if (moved) cut = Math.min(...at);
    }
    if (cut <= 0 || !steps.slice(0, cut).some((x) => dataWrites(x).length > 0)) continue;
    const later: Unit = { key: `${unit.key}#${u}`, steps: steps.slice(cut), housekeeping: false };
    unit.steps = steps.slice(0, cut);
    // a CREATE TABLE goes with the part that fills its table
    for (const c of [...unit.steps]) {
      if (c.kind !== 'create-table' && c.kind !== 'alter-table' && c.kind !== 'declare') continue;
      const created = c.writes.map((w) => w.node);
      const fillsEarly = unit.steps.some((x) => x !== c && dataWrites(x).some((id) => created.includes(id)));
      if (!fillsEarly && later.steps.some((x) => dataWrites(x).some((id) => created.includes(id)))) {
        unit.steps.splice(unit.steps.indexOf(c), 1);
        later.steps.unshift(c);
      }
    }
    // a value computed after the earlier part's last write for the later part alone (`DECLARE
    // @NextStart …` before the closing UPDATE) goes with it, so that section computes it itself
    const lastWrite = Math.max(...unit.steps.filter((x) => dataWrites(x).length > 0).map((x) => x.index));
    for (const v of [...unit.steps].reverse()) {
      if (v.index < lastWrite || dataWrites(v).length > 0) break;
      // (one reading @@ROWCOUNT, @@ERROR or SCOPE_IDENTITY() stays with the statement it describes)
      if (v.follows !== undefined) continue;
      const vars = new Set(v.writes.map((w) => w.node));
      const readHere = unit.steps.some((x) => x.index > v.index && !later.steps.includes(x) && variablesRead(graph, x).some((id) => vars.has(id)));
      if (vars.size === 0 || readHere || !later.steps.some((x) => variablesRead(graph, x).some((id) => vars.has(id)))) continue;
      unit.steps.splice(unit.steps.indexOf(v), 1);
      later.steps.unshift(v);
    }
    units.splice(u + 1, 0, later);
  }
}

/**
 * Gives every statement the parser saw (control flow too: IF, WHILE, TRY) to one section: the
 * one that owns every step inside it, else housekeeping; then closes gaps between a section's
 * ranges that no other section uses, so tags read `@lines:109-219`, not ten fragments.
 */
function fillLines(sections: ProposedSection[], statements: readonly { line: number; endLine: number; statementKind?: string }[]): ProposedSection[] {
  const ranges = sections.map((s) => [...s.lines]);
  const owner = (line: number): number => ranges.findIndex((rs) => rs.some((r) => line >= r.start && line <= r.end));
  const housekeeping = sections.findIndex((s) => s.ignored);
  for (const st of statements) {
    if (owner(st.line) >= 0) continue;
    const inside = new Set(sections.map((s, i) => (s.steps.some((x) => x.lines.start >= st.line && x.lines.end <= st.endLine) ? i : -1)).filter((i) => i >= 0));
    const business = [...inside].filter((i) => i !== housekeeping);
    // A loop or IF around one section's statements and housekeeping (a PRINT, a log line) goes
    // to that section with everything inside it: split, its own check rejects the proposal. A TRY
    // or BEGIN … END decides nothing about what runs: its log lines stay housekeeping (moved, they
    // would be statements of the section whose tables no Given gives), and so does its first
    // line, so the section runs the statements inside it (a section holding that line must hold
    // all of them).
    const decides = st.statementKind === undefined || st.statementKind === 'While' || st.statementKind === 'If';
    const i = inside.size === 1 ? ([...inside][0] as number) : business.length === 1 && decides ? (business[0] as number) : housekeeping;
    if (decides && business.length === 1 && inside.size > 1 && housekeeping >= 0) {
      const kept: LineRange[] = [];
      for (const r of ranges[housekeeping] ?? []) {
        if (r.end < st.line || r.start > st.endLine) { kept.push(r); continue; }
        if (r.start < st.line) kept.push({ start: r.start, end: st.line - 1 });
        if (r.end > st.endLine) kept.push({ start: st.endLine + 1, end: r.end });
        ranges[i]?.push({ start: Math.max(r.start, st.line), end: Math.min(r.end, st.endLine) });
      }
      ranges[housekeeping] = kept;
      // ... and the statements nested in it that no step stands for (an IF around a BEGIN TRAN,
      // which housekeeping's steps would otherwise claim when the IF's turn comes)
      ranges[i]?.push({ start: st.line, end: st.endLine });
    }
    ranges[i >= 0 ? i : 0]?.push({ start: st.line, end: st.line });
  }
  // A line a business section holds is its own: a housekeeping statement written on it beside the
  // section's (`DECLARE @x int; CREATE TABLE #Weeks (…)`) goes with it, lines being all a tag holds.
  if (housekeeping >= 0) ranges[housekeeping] = withoutLines(ranges[housekeeping] ?? [], ranges.filter((_, j) => j !== housekeeping).flat());
  return sections.map((s, i) => {
    const merged = mergeLineRanges(ranges[i] ?? []);
    const closed: LineRange[] = [];
    for (const r of merged) {
      const last = closed[closed.length - 1];
      const foreign = last !== undefined && ranges.some((rs, j) => j !== i && rs.some((o) => o.start > last.end && o.start < r.start));
      if (last && !foreign) closed[closed.length - 1] = { start: last.start, end: r.end };
      else closed.push(r);
    }
    return { ...s, lines: closed };
  });
}

/** `ranges` without the lines any of `taken` covers. */
function withoutLines(ranges: readonly LineRange[], taken: readonly LineRange[]): LineRange[] {
  return ranges.flatMap((r) => {
    let pieces: LineRange[] = [r];
    for (const t of taken) {
      pieces = pieces.flatMap((p) => (t.end < p.start || t.start > p.end ? [p]
        : [...(p.start < t.start ? [{ start: p.start, end: t.start - 1 }] : []), ...(p.end > t.end ? [{ start: t.end + 1, end: p.end }] : [])]));
    }
    return pieces;
  });
}

/**
 * The unit of the last business write a ROLLBACK undoes: the steps since the latest BEGIN or SAVE
 * TRANSACTION before it (the graph does not name savepoints, so the latest of either), log
 * tables left out. Undefined when it undoes no such write (it stays housekeeping).
 */
function unitUndoneBy(graph: DataFlowGraph, rollback: Step, units: readonly Unit[], dataWrites: (s: Step) => string[], isLog: (id: string) => boolean): Unit | undefined {
  const begun = graph.steps.filter((x) => x.index < rollback.index && x.kind === 'transaction' && /^(BEGIN|SAVE)\b/i.test(x.label)).pop();
  if (begun === undefined) return undefined;
  const writers = graph.steps.filter((x) => x.index > begun.index && x.index < rollback.index && dataWrites(x).some((id) => !isLog(id)));
  for (const w of writers.reverse()) {
    const unit = units.find((u) => u.steps.includes(w));
    if (unit !== undefined) return unit;
  }
  return undefined;
}

/**
 * The section a conditional GOTO belongs to: the one holding the statements just before and just
 * after its IF, when its label lies past the statement after (the jump skips it). Undefined for
 * any other step, and for a GOTO between two sections (the jump skips a whole section: no
 * section can hold it, and check names it).
 */
function skippingJumpUnit<U extends { steps: Step[] }>(graph: DataFlowGraph, g: Step, units: readonly U[]): U | undefined {
  const block = g.context.length === 1 ? g.context[0] : undefined;
  const target = /^GOTO\s+(\S+)/i.exec(g.label)?.[1]?.toLowerCase();
  if (block === undefined || (block.kind !== 'if' && block.kind !== 'else') || target === undefined) return undefined;
  const before = graph.steps.filter((x) => x.lines.end < block.lines.start).at(-1);
  const after = graph.steps.find((x) => x.lines.start > block.lines.end);
  const label = graph.steps.find((x) => x.context.length === 0 && x.label.toLowerCase() === `${target}:`);
  // a jump to an @@ERROR-era `err_handler:` after the top level's RETURN is the error path: housekeeping
  const handler = label !== undefined && graph.steps.some((x) => x.kind === 'return' && x.context.length === 0 && x.index < label.index);
  if (before === undefined || after === undefined || handler || (label !== undefined && label.lines.start < after.lines.start)) return undefined;
  const unit = units.find((u) => u.steps.includes(before));
  return unit !== undefined && unit.steps.includes(after) ? unit : undefined;
}

/**
 * A statement moved to the one whose outcome it reads (`IDENT_CURRENT('dbo.Invoice')` after other
 * INSERTs) may read what a section between the two writes: run one after the other, that section
 * would come too late (check: SECTIONS_READS_BETWEEN). Such a section joins the statement's home.
 */
function joinWritersBetween<U extends { steps: Step[] }>(units: U[], home: U, s: Step, dataWrites: (s: Step) => string[]): void {
  const followed = home.steps.find((x) => x.id === s.follows)?.index ?? s.index;
  const reads = new Set(s.reads.map((r) => r.node));
  for (const u of [...units]) {
    if (u === home || !u.steps.some((x) => x.index > followed && x.index < s.index && dataWrites(x).some((id) => reads.has(id)))) continue;
    home.steps.push(...u.steps);
    home.steps.sort((a, b) => a.index - b.index);
    units.splice(units.indexOf(u), 1);
  }
}
