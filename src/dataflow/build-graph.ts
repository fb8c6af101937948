import type { Diagnostic, SourceSpan } from '../core';
import { createDiagnostic } from '../core';
import type * as A from '../tsql';
import { countStatements, findAll, normalizeNameParts, splitObjectName } from '../tsql';
import { gradeComplexity } from './complexity';
import { flowDelete, flowInsert, flowMerge, flowUpdate } from './dml-flow';
import { targetNode, type FlowEnv, type StepShape } from './flow-env';
import type { ColumnLineage, ControlContext, DataFlowGraph, FiredTrigger, GraphNode, NodeAccess, Step, StepKind, SynonymTarget, TriggerRef } from './graph';
import { NodeRegistry, type DraftNode } from './node-registry';
import { collectSpellings } from './name-spellings';
import { ColumnFindingRecorder, type ColumnFinding } from './missing-columns';
import { splitObjects, type AnalysisUnit } from './object-units';
import { flowStatement } from './procedural-flow';
import { QueryAnalyzer } from './query-analyzer';
import type { OutputColumn } from './scope';
import { StepRecorder } from './step-recorder';
import { TriggerToggles } from './trigger-toggles';
import type { CatalogFunctionEntry } from './table-functions';

/** Columns of permanent tables known from CREATE TABLE scripts in the analysed set, by
 * normalised name (`dbo.orders` -> `['id', 'customer_id', …]`). */
export interface TableCatalog extends ReadonlyMap<string, readonly string[]> {
  /** System-versioned table (normalised name) -> its history table as written, when the DDL names it. */
  readonly history?: ReadonlyMap<string, string>;
  /** Synonym (normalised name) -> what it stands for (`CREATE SYNONYM dbo.Cust FOR Sales.Customer`). */
  readonly synonyms?: ReadonlyMap<string, SynonymTarget>;
  /** Table or view (normalised name) -> the DML triggers in effect on it. */
  readonly triggers?: ReadonlyMap<string, readonly TriggerRef[]>;
  /** User function (normalised name) -> its output columns (a table-valued one's) and the tables its body reads. */
  readonly functions?: ReadonlyMap<string, CatalogFunctionEntry>;
  /** User-defined table type (normalised name) -> its columns (`DECLARE @Lines dbo.OrderLineType`). */
  readonly tableTypes?: ReadonlyMap<string, readonly string[]>;
}

/** Options of graph building. */
export interface BuildGraphOptions {
  /** Schema of names written without one (default `dbo`). */
  readonly defaultSchema?: string;
  /** Known columns of permanent tables, to resolve `*` and positional INSERTs. */
  readonly catalog?: TableCatalog;
  /** Normalised names of the procedures in the analysed set; calls to them are `linked`. */
  readonly knownProcedures?: ReadonlySet<string>;
  /** Given, receives the column names the object gives tables of `catalog` that lack them (missing-columns.ts). */
  readonly columnFindings?: ColumnFinding[];
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The DML event of each statement kind that fires a table's triggers (a MERGE's come with its shape). */
const DML_EVENTS: Partial<Record<StepKind, readonly string[]>> = { insert: ['INSERT'], 'insert-exec': ['INSERT'], update: ['UPDATE'], delete: ['DELETE'] };

/** Condition steps: an IF/WHILE condition that reads tables is data flow of its own. */
function conditionReadsRows(rec: StepRecorder, registry: NodeRegistry): boolean {
  for (const id of rec.reads.keys()) {
    const k = registry.get(id)?.kind;
    if (k === 'table' || k === 'temp-table' || k === 'table-variable' || k === 'cursor') return true;
  }
  return false;
}

/** A recorder's reads or writes as NodeAccess entries, by node id. */
function accessList(m: ReadonlyMap<string, ReadonlySet<string>>): NodeAccess[] {
  return [...m.entries()].sort((a, b) => byText(a[0], b[0])).map(([node, cols]) => ({ node, columns: [...cols].sort(byText) }));
}

class GraphBuilder implements FlowEnv {
  readonly registry = new NodeRegistry();
  readonly analyzer: QueryAnalyzer;
  readonly defaultSchema: string;
  readonly knownProcedures: ReadonlySet<string>;
  private readonly declared = new Map<string, readonly string[]>();
  private readonly steps: Step[] = [];
  private readonly lineage: ColumnLineage[] = [];
  private readonly context: ControlContext[] = [];
  private readonly diagnostics: Diagnostic[] = [];
  private blockCount = 0;
  private loops = 0;
  private maxNesting = 0;
  private lastFetched: string | undefined;
  /** The step an enclosing IF's condition read the outcome of (`IF @@ROWCOUNT = 0 …`). */
  private outcomeOfCondition: string | undefined;
  /** Where the script names @@ROWCOUNT, @@ERROR, @@IDENTITY, SCOPE_IDENTITY (found once, on first need). */
  private outcomeWords: readonly OutcomeWord[] | undefined;
  /** A variable whose last assignment stored a count (`SET @chunk = @@ROWCOUNT`): the step counted
   * and the block the assignment ran in (only one in the loop's own block surely reaches it). */
  private readonly countHeld = new Map<string, { readonly counted: string; readonly block: string }>();
  private readonly columnCheck: ColumnFindingRecorder | undefined;
  /** The unit's DISABLE/ENABLE TRIGGER statements (trigger-toggles.ts), and the statement being flowed. */
  private toggles: TriggerToggles | undefined;
  private current: A.Statement | undefined;

  constructor(private readonly unit: AnalysisUnit, private readonly script: A.ParsedScript, private readonly options: BuildGraphOptions) {
    this.defaultSchema = options.defaultSchema ?? 'dbo';
    this.knownProcedures = options.knownProcedures ?? new Set();
    const columnCheck = options.columnFindings === undefined ? undefined : new ColumnFindingRecorder(options.catalog, (n) => this.declared.has(n.id));
    this.columnCheck = columnCheck;
    this.analyzer = new QueryAnalyzer({
      registry: this.registry,
      text: script.lineIndex.text,
      defaultSchema: this.defaultSchema,
      isTrigger: unit.objectKind === 'trigger',
      triggerTable: unit.container?.kind === 'CreateTrigger' ? unit.container.table : undefined,
      knownColumns: (n) => this.knownColumns(n),
      historyTableOf: (name) => this.options.catalog?.history?.get(name),
      synonymOf: (name) => this.options.catalog?.synonyms?.get(name),
      tableFunctionOf: (name) => this.options.catalog?.functions?.get(name),
      tableTypeOf: (name) => this.options.catalog?.tableTypes?.get(name),
      flowNestedDml: (statement) => this.flowNestedDml(statement),
      ...(columnCheck === undefined ? {} : { tableColumn: (node: DraftNode, column: A.Identifier) => columnCheck.check(node, column) }),
    });
  }

  /** Composable DML inside a FROM: flowed into the current step, its OUTPUT left to the outer query. */
  private flowNestedDml(statement: A.Insert | A.Update | A.Delete | A.Merge): DraftNode | undefined {
    const inner = { ...statement, output: undefined };
    switch (inner.kind) {
      case 'Insert': flowInsert(this, inner); break;
      case 'Update': flowUpdate(this, inner); break;
      case 'Delete': flowDelete(this, inner); break;
      case 'Merge': flowMerge(this, inner); break;
    }
    return targetNode(this, statement.target);
  }

  declareColumns(node: DraftNode, columns: readonly string[]): void {
    this.declared.set(node.id, columns);
  }

  knownColumns(node: DraftNode): readonly string[] | undefined {
    if (node.kind === 'function') {
      const columns = this.declared.get(node.id) ?? this.options.catalog?.functions?.get(node.name)?.columns;
      return columns !== undefined && columns.length > 0 ? columns : undefined;
    }
    return this.declared.get(node.id) ?? (node.kind === 'table' ? this.options.catalog?.get(node.name) : undefined);
  }

  resultSet(line: number): DraftNode {
    const rs = this.registry.createNumbered('result-set', '', line);
    return Object.assign(rs, { label: `result set ${rs.index ?? 1}` });
  }

  warn(span: SourceSpan, code: string, message: string): void {
    this.diagnostics.push(createDiagnostic(this.unit.file, span, 'warning', code, message));
  }

  build(): DataFlowGraph {
    this.registerSignature();
    const container = this.unit.container;
    if (container?.kind === 'CreateView') {
      this.runStep(container.query, () => {
        const outputs = this.analyzer.analyzeSelect(container.query, undefined, undefined);
        const rs = this.resultSet(container.query.span.start.line);
        const names = container.columns.map((c) => c.name.toLowerCase());
        const cols = outputs.map((o, i) => names[i] ?? o.name);
        cols.forEach((c, i) => { if (c !== '' && c !== '*') this.analyzer.step.addLineage({ node: rs.id, column: c }, (outputs[i] as OutputColumn).origin); });
        this.registry.addColumns(rs, cols.filter((c) => c !== ''));
        this.analyzer.step.write(rs, cols.filter((c) => c !== ''));
        return { kind: 'select', label: 'SELECT (view)' };
      });
    } else {
      for (const s of this.unit.statements) this.walk(s);
    }
    if (this.columnCheck !== undefined) this.options.columnFindings?.push(...this.columnCheck.result(this.unit.container, this.unit.statements, this.defaultSchema));
    return this.finish();
  }

  private registerSignature(): void {
    const c = this.unit.container;
    for (const p of this.unit.parameters) {
      const node = this.registry.ensure('parameter', p.name.toLowerCase(), p.name, c?.span.start.line ?? 1);
      node.dataType = p.type;
      node.output = p.output;
    }
    if (c?.kind === 'CreateFunction' && c.returnsTable) {
      const tv = this.analyzer.tableVariableNode(c.returnsTable.variable);
      const cols = c.returnsTable.definition.columns.map((col) => col.name.name.toLowerCase());
      this.declareColumns(tv, cols);
      this.registry.addColumns(tv, cols);
      tv.fixedRole = 'output';
    }
  }

  private walk(s: A.Statement): void {
    switch (s.kind) {
      case 'Block':
        for (const x of s.statements) this.walk(x);
        return;
      case 'If': {
        const label = `IF ${this.analyzer.excerpt(s.condition.span)}`;
        const outer = this.outcomeOfCondition;
        this.outcomeOfCondition = this.outcomeRead(s.condition.span) ?? outer;
        try {
          const controls = this.conditionStep(s.condition, label, s.span);
          const lines = { start: s.span.start.line, end: (s.else ? s.then.span.end.line : s.span.end.line) };
          this.inContext('if', label, lines, undefined, () => this.walk(s.then), controls);
          const otherwise = s.else;
          // The ELSE branch runs exactly when the condition is false: the same inputs decide it.
          if (otherwise) this.inContext('else', 'ELSE', { start: s.span.start.line, end: s.span.end.line }, undefined, () => this.walk(otherwise), controls);
        } finally {
          this.outcomeOfCondition = outer;
        }
        return;
      }
      case 'While': {
        this.loops++;
        const label = `WHILE ${this.analyzer.excerpt(s.condition.span)}`;
        const cursor = this.loopCursor(s);
        const tested = this.conditionStep(s.condition, label, s.span);
        // @@FETCH_STATUS says whether the cursor had another row: the cursor decides the loop.
        const controls = cursor === undefined || tested.some((a) => a.node === cursor) ? tested : [...tested, { node: cursor, columns: [] }].sort((a, b) => byText(a.node, b.node));
        // `DELETE TOP (n) …; WHILE @@ROWCOUNT > 0 DELETE TOP (n) …`: the first test reads the
        // outcome of the statement before the loop, so the loop's statements follow it, as an
        // IF's do (a section holding the loop without that statement would start at no count).
        // So does `SET @chunk = @@ROWCOUNT; WHILE @chunk > 0`: the count, held in a variable.
        const outer = this.outcomeOfCondition;
        this.outcomeOfCondition = this.outcomeRead(s.condition.span) ?? this.countTested(tested) ?? outer;
        try {
          this.inContext(cursor ? 'cursor-loop' : 'while', label, { start: s.span.start.line, end: s.span.end.line }, cursor, () => this.walk(s.body), controls);
        } finally {
          this.outcomeOfCondition = outer;
        }
        return;
      }
      case 'TryCatch': {
        const end = s.catchStatements[0]?.span.start.line ?? s.span.end.line;
        this.inContext('try', 'TRY', { start: s.span.start.line, end }, undefined, () => { for (const x of s.tryStatements) this.walk(x); });
        this.inContext('catch', 'CATCH', { start: end, end: s.span.end.line }, undefined, () => { for (const x of s.catchStatements) this.walk(x); });
        return;
      }
      default:
        if (s.kind === 'Fetch') this.lastFetched = s.cursor.name.toLowerCase();
        this.runStep(s, () => flowStatement(this, s, this.unit.container?.kind === 'CreateFunction' && this.unit.container.functionType === 'inline'));
    }
  }

  /** `WHILE @@FETCH_STATUS = 0` over a cursor: bound to the cursor fetched in its body (or
   * just before it). Only loops testing @@FETCH_STATUS are searched, so the walk stays linear. */
  private loopCursor(s: A.While): string | undefined {
    const tests = findAll(s.condition, 'SystemVariable').some((v) => v.name.toUpperCase() === '@@FETCH_STATUS');
    if (!tests) return undefined;
    // The priming FETCH just before the loop names its cursor when the body fetches it again;
    // otherwise the body's last FETCH (the one that advances the loop; an inner cursor loop's
    // fetches come earlier in the body).
    const fetches = findAll(s.body, 'Fetch');
    const names = new Set(fetches.map((f) => f.cursor.name.toLowerCase()));
    const last = fetches[fetches.length - 1];
    const name = this.lastFetched !== undefined && names.has(this.lastFetched) ? this.lastFetched : last?.cursor.name.toLowerCase() ?? this.lastFetched;
    if (name === undefined) return undefined;
    const written = fetches.find((f) => f.cursor.name.toLowerCase() === name)?.cursor.name ?? name;
    return this.registry.ensure('cursor', name, written, s.span.start.line).id;
  }

  private inContext(kind: ControlContext['kind'], label: string, lines: { start: number; end: number }, cursor: string | undefined, body: () => void, controls: readonly NodeAccess[] = []): void {
    this.blockCount++;
    const base: ControlContext = cursor ? { kind, id: `b${this.blockCount}`, label: shorten(label), lines, cursor } : { kind, id: `b${this.blockCount}`, label: shorten(label), lines };
    const ctx: ControlContext = controls.length > 0 ? { ...base, controls } : base;
    this.context.push(ctx);
    this.maxNesting = Math.max(this.maxNesting, this.context.length);
    try { body(); } finally { this.context.pop(); }
  }

  /** Records a condition that reads rows as a step of its own, and returns what the condition
   * reads: the inputs that decide whether (and how often) the block's statements run. */
  private conditionStep(condition: A.Expression, label: string, span: SourceSpan): NodeAccess[] {
    const rec = new StepRecorder();
    this.analyzer.step = rec;
    this.analyzer.targetInstances = new Set();
    this.analyzer.analyzeExpression(condition, { relations: [], parent: undefined }, undefined);
    const reads = accessList(rec.reads);
    if (conditionReadsRows(rec, this.registry)) this.pushStep({ kind: 'other', label: shorten(label) }, rec, { start: span.start.line, end: condition.span.end.line });
    return reads;
  }

  private runStep(s: A.Statement | A.Select, analyze: () => StepShape): void {
    const own = this.outcomeRead(s.span);
    const follows = own ?? this.outcomeOfCondition;
    const rec = new StepRecorder();
    this.analyzer.step = rec;
    this.analyzer.targetInstances = new Set();
    this.current = s.kind === 'Select' ? undefined : s;
    const shape = analyze();
    this.pushStep(shape, rec, { start: s.span.start.line, end: s.span.end.line }, follows);
    this.holdCounts(rec, own !== undefined && this.readsCount(s.span) ? own : undefined);
  }

  /** Notes which variables the step just pushed leaves holding a count (and forgets the others it sets). */
  private holdCounts(rec: StepRecorder, counted: string | undefined): void {
    const block = this.context.map((c) => c.id).join('/');
    for (const id of rec.writes.keys()) {
      const node = this.registry.get(id);
      if (node?.kind !== 'variable') continue;
      if (counted === undefined) this.countHeld.delete(node.id);
      else this.countHeld.set(node.id, { counted, block });
    }
  }

  /** The step whose count a loop's condition reads through a variable set in the loop's own block. */
  private countTested(tested: readonly NodeAccess[]): string | undefined {
    const block = this.context.map((c) => c.id).join('/');
    for (const a of tested) {
      const held = this.countHeld.get(a.node);
      if (held !== undefined && held.block === block) return held.counted;
    }
    return undefined;
  }

  /** Whether the text at `span` names @@ROWCOUNT or @@ERROR (the previous statement's outcome). */
  private readsCount(span: SourceSpan): boolean {
    this.outcomeWords ??= outcomeWords(this.script.lineIndex.text);
    return this.outcomeWords.some((w) => !w.identity && w.offset >= span.start.offset && w.offset < span.end.offset);
  }

  /**
   * The step whose outcome the text at `span` reads: the previous step for @@ROWCOUNT/@@ERROR,
   * the last INSERT or MERGE for SCOPE_IDENTITY()/@@IDENTITY. The words are found by one scan of
   * the script (a word in a comment or string only glues two steps a reviewer can still part).
   */
  private outcomeRead(span: SourceSpan): string | undefined {
    this.outcomeWords ??= outcomeWords(this.script.lineIndex.text);
    const words = this.outcomeWords;
    let lo = 0;
    let hi = words.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if ((words[mid] as OutcomeWord).offset < span.start.offset) lo = mid + 1; else hi = mid; }
    let identity = false;
    const tables: string[] = [];
    for (let i = lo; i < words.length && (words[i] as OutcomeWord).offset < span.end.offset; i++) {
      const word = words[i] as OutcomeWord;
      if (!word.identity) return this.steps[this.steps.length - 1]?.id;
      if (word.table !== undefined) tables.push(normalizeNameParts(splitObjectName(word.table), this.defaultSchema));
      else identity = true;
    }
    if (!identity && tables.length === 0) return undefined;
    for (let i = this.steps.length - 1; i >= 0; i--) {
      const step = this.steps[i] as Step;
      if (step.kind !== 'insert' && step.kind !== 'merge') continue;
      // IDENT_CURRENT('dbo.Invoice') reads the identity the last INSERT into that table gave,
      // whatever was inserted since: split from it, a section would read no counter at all
      if (identity || step.writes.some((w) => { const n = this.registry.get(w.node); return n?.kind === 'table' && tables.includes(n.name); })) return step.id;
    }
    return undefined;
  }

  private pushStep(shape: StepShape, rec: StepRecorder, lines: { start: number; end: number }, follows?: string): void {
    const index = this.steps.length + 1;
    const id = `s${index}`;
    // a history table gives the statement the same columns as its table (its rows are older versions)
    for (const [history, table] of rec.historyOf) for (const c of rec.reads.get(table) ?? []) rec.read(this.registry.get(history) as DraftNode, c);
    if (shape.kind === 'update' || shape.kind === 'delete' || shape.kind === 'merge') this.writeHistory(rec, shape.kind === 'delete', lines.start);
    this.steps.push({
      kind: shape.kind, id, index, lines, label: shape.label,
      reads: accessList(rec.reads), writes: accessList(rec.writes), calls: [...rec.calls].sort(byText), context: [...this.context],
      ...(rec.modifies.size > 0 ? { modifies: [...rec.modifies].sort(byText) } : {}),
      ...(rec.targetReads.size > 0 ? { targetReads: accessList(rec.targetReads) } : {}),
      ...(rec.keyedOn.size > 0 ? { keyedOn: [...rec.keyedOn].sort((a, b) => byText(a[0], b[0])).map(([column, variable]) => ({ column, variable })) } : {}),
      ...(rec.temporal.size > 0 ? { temporal: [...rec.temporal].sort(byText) } : {}),
      ...(follows !== undefined ? { follows } : {}),
      ...this.firedTriggers(shape, rec),
    });
    const entries = rec.lineage.map((l): ColumnLineage => {
      const base = { target: l.target, sources: l.origin.sources, transform: l.origin.transform, via: [id] };
      return l.origin.exprSpan !== undefined && l.origin.transform !== 'copy' ? { ...base, expression: this.analyzer.excerpt(l.origin.exprSpan) } : base;
    }).sort((a, b) => byText(a.target.node, b.target.node) || byText(a.target.column, b.target.column));
    this.lineage.push(...entries);
  }

  /**
   * The DML triggers the statement fires: those the set defines on a table it writes, for the
   * statement's event (a MERGE: its actions'). SELECT … INTO and TRUNCATE fire none; an OUTPUT
   * INTO target cannot have triggers (SQL Server refuses the statement), so every written table
   * with one is the statement's target.
   */
  private firedTriggers(shape: StepShape, rec: StepRecorder): { fires?: FiredTrigger[] } {
    const triggers = this.options.catalog?.triggers;
    const events = shape.events ?? DML_EVENTS[shape.kind];
    if (triggers === undefined || events === undefined || events.length === 0) return {};
    const fires: FiredTrigger[] = [];
    for (const id of [...rec.writes.keys()].sort(byText)) {
      const node = this.registry.get(id);
      if (node?.kind !== 'table') continue;
      for (const t of triggers.get(node.synonymOf?.name ?? node.name) ?? []) {
        const matched = t.events.filter((e) => events.includes(e));
        if (matched.length > 0 && this.enabledHere(t, node.synonymOf?.name ?? node.name)) fires.push({ node: id, name: t.name, label: t.label, timing: t.timing, events: matched });
      }
    }
    return fires.length > 0 ? { fires } : {};
  }

  /**
   * False where a DISABLE TRIGGER before the statement surely leaves `t` disabled; where a toggle
   * may or may not have run (under an IF, in a loop, past a label), the trigger is kept as firing
   * and a warning says so (trigger-toggles.ts).
   */
  private enabledHere(t: TriggerRef, table: string): boolean {
    const s = this.current;
    if (s === undefined) return true;
    this.toggles ??= new TriggerToggles(this.unit.statements, this.defaultSchema);
    const state = this.toggles.stateAt(s, table, t.name);
    if (state.kind === 'uncertain') this.warn(s.span, 'DATAFLOW_TRIGGER_TOGGLE', `this statement may run with the trigger ${t.label} disabled: ${state.why}; the graph shows it firing the trigger`);
    return state.kind !== 'disabled';
  }

  /**
   * An UPDATE, DELETE or MERGE of a system-versioned table also writes its history table (the
   * DDL's HISTORY_TABLE): SQL Server copies the old version of each changed row there, every column.
   */
  private writeHistory(rec: StepRecorder, deletes: boolean, line: number): void {
    const targets = new Set([...rec.modifies, ...(deletes ? rec.writes.keys() : [])]);
    for (const id of targets) {
      const node = this.registry.get(id);
      const history = node?.kind === 'table' ? this.options.catalog?.history?.get(node.name) : undefined;
      if (node === undefined || history === undefined) continue;
      const h = this.registry.ensure('table', history.toLowerCase(), history, line);
      const columns = this.knownColumns(node) ?? [...(rec.writes.get(id) ?? [])];
      this.registry.addColumns(h, columns);
      rec.write(h, columns);
      rec.modify(h);
      for (const c of columns) rec.addLineage({ node: h.id, column: c }, { sources: [{ node: node.id, column: c }], transform: 'copy' });
    }
  }

  private finish(): DataFlowGraph {
    const nodes: GraphNode[] = this.registry.finish();
    const ids = (pred: (n: GraphNode) => boolean): string[] => nodes.filter(pred).map((n) => n.id).sort(byText);
    let statementCount = 0;
    let unparsed = 0;
    for (const s of this.unit.container ? [this.unit.container] : this.unit.statements) {
      const c = countStatements(s);
      statementCount += c.statements;
      unparsed += c.unparsed;
    }
    const temps = ids((n) => n.kind === 'temp-table' || n.kind === 'table-variable');
    const cursors = nodes.filter((n) => n.kind === 'cursor').length;
    const dynamicSql = nodes.filter((n) => n.kind === 'dynamic-sql').length;
    const statements = statementCount;
    const complexity = gradeComplexity({ statements, loops: this.loops, cursors, tempStructures: temps.length, dynamicSql, maxNesting: this.maxNesting });
    const { unit } = this;
    return {
      kind: 'DataFlowGraph',
      version: 1,
      object: { kind: unit.objectKind, name: unit.name, displayName: unit.displayName, file: unit.file, lines: unit.lines, parameters: unit.parameters, ...(unit.createdUnder ? { createdUnder: unit.createdUnder } : {}) },
      nodes,
      steps: this.steps,
      lineage: this.lineage,
      summary: {
        inputs: ids((n) => n.role === 'input'),
        outputs: ids((n) => n.role === 'output'),
        intermediates: ids((n) => n.role === 'intermediate'),
        temps,
        variables: nodes.filter((n) => n.kind === 'variable').length,
        statements,
        loops: this.loops,
        cursors,
        dynamicSql,
        unparsed,
      },
      complexity,
      diagnostics: [...this.parserDiagnostics(), ...this.diagnostics],
      spellings: withCalledSpellings(collectSpellings(unit.container ? [unit.container] : unit.statements), this.analyzer.calledSpellings),
    };
  }

  /** The parser's diagnostics that fall inside this object's statements. */
  private parserDiagnostics(): Diagnostic[] {
    const { lines } = this.unit;
    if (this.unit.container) return this.script.diagnostics.filter((d) => d.line >= lines.start && d.line <= lines.end);
    // Top-level code: everything outside the objects' line ranges (sorted, binary-searched, so
    // a file of thousands of procedures stays linear).
    const ranges = this.script.batches.flatMap((b) => b.statements)
      .filter((s) => s.kind === 'CreateProcedure' || s.kind === 'CreateFunction' || s.kind === 'CreateTrigger' || s.kind === 'CreateView')
      .map((s) => [s.span.start.line, s.span.end.line] as const);
    const inObject = (line: number): boolean => {
      let lo = 0;
      let hi = ranges.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const [start, end] = ranges[mid] as readonly [number, number];
        if (line < start) hi = mid - 1;
        else if (line > end) lo = mid + 1;
        else return true;
      }
      return false;
    };
    return this.script.diagnostics.filter((d) => !inObject(d.line));
  }
}

/** The object's spellings with those of the scalar functions it calls for names it does not write. */
function withCalledSpellings(own: Readonly<Record<string, string>>, called: ReadonlyMap<string, string>): Readonly<Record<string, string>> {
  if ([...called.keys()].every((k) => Object.hasOwn(own, k))) return own;
  const all = { ...own };
  for (const [k, v] of called) if (!Object.hasOwn(all, k)) all[k] = v;
  return Object.fromEntries(Object.entries(all).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function shorten(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/**
 * Builds the data-flow graph of one analysis unit (a procedure, function, trigger, view or a
 * file's top-level statements): nodes for every table, temp structure, variable, cursor,
 * callee and result set; one step per statement with its reads, writes and control context;
 * column lineage; interaction points and complexity. Linear in the size of the object.
 */
export function buildGraph(unit: AnalysisUnit, script: A.ParsedScript, options: BuildGraphOptions = {}): DataFlowGraph {
  return new GraphBuilder(unit, script, options).build();
}

/** Builds the graphs of every object in a parsed script, the top-level script unit last. */
export function buildScriptGraphs(script: A.ParsedScript, options: BuildGraphOptions = {}): DataFlowGraph[] {
  const { objects, script: loose } = splitObjects(script, options.defaultSchema);
  const graphs = objects.map((u) => buildGraph(u, script, options));
  if (loose) graphs.push(buildGraph(loose, script, options));
  return graphs;
}

/** A place where a script reads a statement's outcome: a count or error (@@ROWCOUNT, @@ERROR) or an identity value. */
interface OutcomeWord {
  readonly offset: number;
  readonly identity: boolean;
  /** IDENT_CURRENT('name')'s table, as written: the last identity given in that table. */
  readonly table?: string;
}

/** Every @@ROWCOUNT, @@ERROR, @@IDENTITY, SCOPE_IDENTITY( and IDENT_CURRENT('name') of a script, by offset. */
function outcomeWords(text: string): OutcomeWord[] {
  const out: OutcomeWord[] = [];
  for (const m of text.matchAll(/@@(ROWCOUNT|ERROR|IDENTITY)\b|\bSCOPE_IDENTITY\s*\(|\bIDENT_CURRENT\s*\(\s*N?'((?:[^']|'')*)'/gi)) {
    if (m[2] !== undefined) out.push({ offset: m.index ?? 0, identity: true, table: m[2].replace(/''/g, "'") });
    else out.push({ offset: m.index ?? 0, identity: m[1] === undefined || m[1].toUpperCase() === 'IDENTITY' });
  }
  return out;
}
