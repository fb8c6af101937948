import type * as A from '../tsql';
import { displayObjectName, isAggregateCall, isTempName, normalizeObjectName } from '../tsql';
import type { ColumnRef, LineageTransform, SynonymTarget } from './graph';
import type { DraftNode, NodeRegistry } from './node-registry';
import { findCte, lowerName, onlyRelationLacking, relationColumns, type CteEntry, type CteScope, type OutputColumn, type Relation, type Scope } from './scope';
import { dedupeRefs, StepRecorder, type Origin } from './step-recorder';
import { pivotGroupingColumns } from './pivot-columns';
import type { CatalogFunctionEntry } from './table-functions';
import { namedTableNode, scalarCallSources } from './scalar-function-calls';


const EMPTY: Origin = { sources: [], transform: 'constant' };

/** What the analyser needs from the object being analysed. */
export interface AnalyzerContext {
  readonly registry: NodeRegistry;
  /** The whole source text (for expression excerpts). */
  readonly text: string;
  readonly defaultSchema: string;
  /** In a trigger, `inserted` and `deleted` are pseudo-tables, not tables. */
  readonly isTrigger: boolean;
  /** The table a DML trigger is defined on: `inserted`/`deleted` columns trace back to it
   * (as lineage sources; the trigger does not read the table itself). */
  readonly triggerTable?: A.ObjectName;
  /** Declared or otherwise known columns of a node, in order; undefined when unknown. */
  knownColumns(node: DraftNode): readonly string[] | undefined;
  /** Flows composable DML used as a row source (`FROM (DELETE … OUTPUT …) AS d`) into the
   * current step: its target is written and its sources read. Returns the target's node. */
  flowNestedDml?(statement: A.Insert | A.Update | A.Delete | A.Merge): DraftNode | undefined;
  /** The history table (as written) of a system-versioned table, by normalised name. */
  historyTableOf?(name: string): string | undefined;
  /** What a table name stands for when it is a synonym. */
  synonymOf?(name: string): SynonymTarget | undefined;
  /** A user table-valued function the analysed set defines, by normalised name. */
  tableFunctionOf?(name: string): CatalogFunctionEntry | undefined;
  /** The columns of a user-defined table type (`CREATE TYPE … AS TABLE`), by normalised name. */
  tableTypeOf?(name: string): readonly string[] | undefined;
  /** Told of each column name that surely names a column of `node`'s own table (qualified by
   * a name bound to it, or unqualified where it is the only row source and nothing else could
   * hold the name), so a name the table lacks can be reported. */
  tableColumn?(node: DraftNode, column: A.Identifier): void;
}

/** Marks TableRefs that are the target instance of an UPDATE/DELETE (not a read). */
export type TargetInstances = ReadonlySet<A.TableSource>;

/**
 * Walks queries and expressions of one statement: resolves names through aliases, CTEs and
 * derived tables, records every node read (with columns) into the current step, and computes
 * the origin (sources and transform) of each output column. One pass over the tree; name
 * lookups are map or short-list scans per reference.
 */
export class QueryAnalyzer {
  step = new StepRecorder();
  targetInstances: TargetInstances = new Set();
  /** Column spellings of the scalar functions called (the object's own come first: build-graph.ts). */
  readonly calledSpellings = new Map<string, string>();
  /** Called for each `SELECT @v = expr` item with the origin of its value. */
  onAssignment: ((item: A.SelectAssignment, origin: Origin) => void) | undefined;

  constructor(readonly ctx: AnalyzerContext) {}

  /** The graph node of a named table (permanent or #temp), created on first reference. */
  tableNode(name: A.ObjectName): DraftNode {
    const parts = name.parts;
    const last = parts[parts.length - 1]?.name ?? '';
    const line = name.span.start.line;
    if (isTempName(name)) {
      const node = this.ctx.registry.ensure('temp-table', last.toLowerCase(), last, line);
      node.global = last.startsWith('##');
      return node;
    }
    return namedTableNode(this.ctx, normalizeObjectName(name, this.ctx.defaultSchema), displayObjectName(parts.map((p) => p.name).filter((p) => p !== '')), line);
  }

  /** The node of a `@table` variable. */
  tableVariableNode(v: A.Variable): DraftNode {
    return this.ctx.registry.ensure('table-variable', v.name.toLowerCase(), v.name, v.span.start.line);
  }

  /** The node of a scalar variable or parameter (parameters are registered up front); a
   * variable declared with a table type (`DECLARE @Lines dbo.OrderLineType`) is its table variable. */
  scalarNode(v: A.Variable): DraftNode {
    const name = v.name.toLowerCase();
    return this.ctx.registry.find('parameter', name) ?? this.ctx.registry.find('table-variable', name) ?? this.ctx.registry.ensure('variable', name, v.name, v.span.start.line);
  }

  /**
   * The node of a user table-valued function read in FROM/APPLY: one the analysed set defines,
   * or a schema-qualified name outside `sys` (a built-in rowset function such as OPENJSON or
   * STRING_SPLIT has none, and stays an opaque rowset, as the system functions do). Undefined for those.
   */
  tableFunctionNode(name: A.ObjectName): DraftNode | undefined {
    const key = normalizeObjectName(name, this.ctx.defaultSchema);
    const fn = this.ctx.tableFunctionOf?.(key);
    const parts = name.parts.map((p) => p.name).filter((p) => p !== '');
    // sys.dm_exec_sql_text(…) and the like: the server's own rowsets, no data flow of the code's
    if (fn === undefined && (parts.length < 2 || (parts.at(-2) ?? '').toLowerCase() === 'sys')) return undefined;
    const node = this.ctx.registry.ensure('function', key, displayObjectName(parts), name.span.start.line);
    if (fn !== undefined && fn.type !== 'scalar' && node.functionReads === undefined) {
      node.functionReads = fn.reads.map(([n, label]) => ({ name: n, label }));
      node.functionType = fn.type;
      this.ctx.registry.addColumns(node, fn.columns);
    }
    return node;
  }

  // -------------------------------------------------------------------------------------------
  // Queries

  /** Analyses a full query; returns its output columns. */
  analyzeSelect(select: A.Select, ctes: CteScope | undefined, outer: Scope | undefined): OutputColumn[] {
    const scope = this.withCtes(select.ctes, ctes, outer);
    // ORDER BY of a single block resolves in that block's scope; after a set operation it
    // can only name output columns, which carry no reads of their own.
    const out = select.body.kind === 'QuerySpec'
      ? this.analyzeSpec(select.body, scope, outer, select.orderBy)
      : this.analyzeBody(select.body, scope, outer);
    for (const e of [select.offset, select.fetch]) if (e) this.analyzeExpression(e, { relations: [], parent: outer }, scope);
    return out;
  }

  /** Builds the CTE scope of a WITH clause, analysing each CTE in order (later CTEs see earlier ones). */
  withCtes(list: readonly A.Cte[], parent: CteScope | undefined, outer: Scope | undefined): CteScope | undefined {
    if (list.length === 0) return parent;
    const map = new Map<string, CteEntry>();
    const scope: CteScope = { ctes: map, parent };
    for (const cte of list) {
      const entry: CteEntry = { cte, output: undefined };
      map.set(lowerName(cte.name), entry);
      const cols = this.analyzeSelect(cte.query, scope, outer);
      entry.output = renameColumns(cols, cte.columns);
    }
    return scope;
  }

  private analyzeBody(body: A.QueryExpression, ctes: CteScope | undefined, outer: Scope | undefined): OutputColumn[] {
    switch (body.kind) {
      case 'QuerySpec': return this.analyzeSpec(body, ctes, outer, undefined);
      case 'Select': return this.analyzeSelect(body, ctes, outer);
      case 'SetOperation': {
        const left = this.analyzeBody(body.left, ctes, outer);
        const right = this.analyzeBody(body.right, ctes, outer);
        return left.map((c, i) => {
          const r = right[i];
          if (!r) return c;
          return { name: c.name, origin: { ...c.origin, sources: dedupeRefs([...c.origin.sources, ...r.origin.sources]), transform: c.origin.transform === 'constant' ? r.origin.transform : c.origin.transform } };
        });
      }
    }
  }

  /**
   * Analyses one SELECT block. `orderBy` is passed for the top block so ORDER BY expressions
   * resolve in its scope. Returns the output columns (assignments produce none).
   */
  analyzeSpec(spec: A.QuerySpec, ctes: CteScope | undefined, outer: Scope | undefined, orderBy: readonly A.OrderByItem[] | undefined): OutputColumn[] {
    const scope: Scope = { relations: [], parent: outer };
    for (const src of spec.from) this.addSource(src, scope, ctes);
    const out: OutputColumn[] = [];
    for (const item of spec.items) {
      if (item.kind === 'SelectAssignment') {
        const origin = this.analyzeExpression(item.expression, scope, ctes);
        this.onAssignment?.(item, origin);
        continue;
      }
      if (item.expression.kind === 'Star') {
        out.push(...this.expandStar(item.expression, scope));
        continue;
      }
      const origin = this.analyzeExpression(item.expression, scope, ctes);
      out.push({ name: itemName(item), origin });
    }
    for (const e of [spec.where, spec.having, spec.top?.expression]) if (e) this.analyzeExpression(e, scope, ctes);
    if (spec.groupBy) for (const g of spec.groupBy.items) this.analyzeExpression(g, scope, ctes);
    // SQL Server resolves a bare ORDER BY name to a select-list alias before any column of the
    // FROM (`RANK() OVER (…) AS RevenueRank … ORDER BY RevenueRank`): that reads no table column.
    const aliases = new Set(spec.items.flatMap((i) => (i.kind !== 'SelectAssignment' && i.alias ? [lowerName(i.alias)] : [])));
    for (const o of orderBy ?? []) {
      const e = o.expression;
      if (e.kind === 'ColumnRef' && e.parts.length === 1 && aliases.has((e.parts[0]?.name ?? '').toLowerCase())) continue;
      this.analyzeExpression(e, scope, ctes);
    }
    return out;
  }

  /** Resolves `*` / `t.*` to the known columns of the relations, or `*` reads when unknown. */
  expandStar(star: A.Star, scope: Scope): OutputColumn[] {
    const qualifier = star.qualifier.map(lowerName).join('.');
    const rels = qualifier === '' ? scope.relations : scope.relations.filter((r) => matchesQualifier(r, qualifier));
    const out: OutputColumn[] = [];
    for (const rel of rels) {
      const cols = relationColumns(rel, (n) => this.ctx.knownColumns(n));
      if (!cols) {
        if (rel.node && rel.countsAsRead) this.step.read(rel.node, '*');
        else if (rel.node && rel.target === true) this.step.readTarget(rel.node, '*');
        out.push({ name: '*', origin: rel.node ? { sources: [{ node: rel.node.id, column: '*' }], transform: 'copy' } : rel.opaque ?? EMPTY });
        continue;
      }
      for (const c of cols) out.push({ name: c, origin: this.columnOf(rel, c) });
    }
    return out;
  }

  /** Adds a FROM item (and, for joins, both sides and the ON condition) to the scope. */
  addSource(src: A.TableSource, scope: Scope, ctes: CteScope | undefined): void {
    switch (src.kind) {
      case 'TableRef': {
        scope.relations.push(this.tableRefRelation(src, ctes));
        // `FOR SYSTEM_TIME AS OF @AsOf` reads @AsOf: the step's reads must name it, or a
        // section cut around the step is not given its value.
        for (const e of src.systemTime ?? []) this.analyzeExpression(e, scope, ctes);
        return;
      }
      case 'TableVariableRef': {
        const node = this.tableVariableNode(src.variable);
        const counts = !this.targetInstances.has(src);
        if (counts) this.step.read(node);
        scope.relations.push({ names: src.alias ? [lowerName(src.alias)] : [src.variable.name.toLowerCase()], node, countsAsRead: counts, target: !counts });
        return;
      }
      case 'DerivedTable': {
        // The block's own scope is passed so lateral (APPLY) derived tables see the left side.
        const cols = renameColumns(this.analyzeSelect(src.query, ctes, scope), src.columns);
        scope.relations.push(derivedRelation(src.alias ? [lowerName(src.alias)] : [], cols));
        return;
      }
      case 'ValuesTable': {
        const names = src.columns.map(lowerName);
        const cols: OutputColumn[] = names.map((name, i) => {
          const origins = src.rows.map((row) => row[i]).filter((e): e is A.Expression => e !== undefined).map((e) => this.analyzeExpression(e, scope, ctes));
          return { name, origin: mergeOrigins(origins, 'constant') };
        });
        scope.relations.push(derivedRelation(src.alias ? [lowerName(src.alias)] : [], cols));
        return;
      }
      case 'TableFunctionRef': {
        const args = src.call.kind === 'FunctionCall' ? src.call.args : [src.call.target, ...src.call.args];
        const origin = mergeOrigins(args.map((a) => this.analyzeExpression(a, scope, ctes)), 'expression');
        const names = src.alias ? [lowerName(src.alias)] : src.call.kind === 'FunctionCall' ? [src.call.name.parts.at(-1)?.name.toLowerCase() ?? ''] : [];
        // a user function's rows: a node the step reads, its columns traced to it (`AS f (a, b)` renames them: left opaque)
        const fn = src.call.kind === 'FunctionCall' && src.columns.length === 0 ? this.tableFunctionNode(src.call.name) : undefined;
        if (fn !== undefined) {
          this.step.read(fn);
          scope.relations.push({ names, node: fn, countsAsRead: true });
          return;
        }
        scope.relations.push({ names, countsAsRead: false, opaque: { sources: origin.sources, transform: 'expression' } });
        return;
      }
      case 'DmlTable': {
        // The inner statement's UPDATE/DELETE target instance is its own, not the outer one's.
        const saved = this.targetInstances;
        const target = this.ctx.flowNestedDml?.(src.statement);
        this.targetInstances = saved;
        // Its rows are the OUTPUT clause's: columns of the target (inserted/deleted), unknown here.
        scope.relations.push({ names: src.alias ? [lowerName(src.alias)] : [], countsAsRead: false, opaque: target ? { sources: [{ node: target.id, column: '*' }], transform: 'copy' } : EMPTY });
        return;
      }
      case 'Join': {
        this.addSource(src.left, scope, ctes);
        this.addSource(src.right, scope, ctes);
        if (src.on) this.analyzeExpression(src.on, scope, ctes);
        return;
      }
      case 'Pivot': {
        const inner: Scope = { relations: [], parent: scope.parent };
        this.addSource(src.source, inner, ctes);
        const agg = this.analyzeExpression(src.aggregate, inner, ctes);
        this.analyzeExpression(src.forColumn, inner, ctes);
        const names = src.alias ? [lowerName(src.alias)] : [];
        const value: Origin = { sources: agg.sources, transform: 'aggregate' };
        // The source's columns the aggregate and FOR do not read are what PIVOT groups by, and
        // pass through by name (`p.[Product Code]` is the source's): known where the one
        // source's columns are. Only the IN list's columns are the aggregate.
        const only = inner.relations.length === 1 ? inner.relations[0] : undefined;
        const all = only === undefined ? undefined : relationColumns(only, (n) => this.ctx.knownColumns(n));
        if (only === undefined || all === undefined) {
          scope.relations.push({ names, countsAsRead: false, opaque: value });
          return;
        }
        const cols: OutputColumn[] = pivotGroupingColumns(all, src).map((c) => ({ name: c, origin: this.columnOf(only, c) }));
        for (const v of src.values) cols.push({ name: lowerName(v), origin: value });
        scope.relations.push(derivedRelation(names, cols));
        return;
      }
      case 'Unpivot': {
        const inner: Scope = { relations: [], parent: scope.parent };
        this.addSource(src.source, inner, ctes);
        const origins = src.columns.map((c) => this.resolveColumn([c], inner));
        const names = src.alias ? [lowerName(src.alias)] : [];
        const value: Origin = { sources: mergeOrigins(origins, 'copy').sources, transform: 'copy' };
        // The source's other columns pass through by name (`u.StatusDate` is the table's
        // StatusDate): known where the one source's columns are (its CREATE TABLE, a derived table).
        const only = inner.relations.length === 1 ? inner.relations[0] : undefined;
        const all = only === undefined ? undefined : relationColumns(only, (n) => this.ctx.knownColumns(n));
        if (only === undefined || all === undefined) {
          scope.relations.push({ names, countsAsRead: false, opaque: value });
          return;
        }
        const listed = new Set(src.columns.map(lowerName));
        const cols: OutputColumn[] = all.filter((c) => !listed.has(c)).map((c) => ({ name: c, origin: this.columnOf(only, c) }));
        cols.push({ name: lowerName(src.valueColumn), origin: value }, { name: lowerName(src.forColumn), origin: EMPTY });
        scope.relations.push(derivedRelation(names, cols));
        return;
      }
    }
  }

  /** A `FOR SYSTEM_TIME` read: the table's rows and its history table's rows (when the DDL names it). */
  private readTemporal(node: DraftNode, line: number): void {
    this.step.temporal.add(node.id);
    const history = this.ctx.historyTableOf?.(node.name);
    if (history === undefined) return;
    const h = this.ctx.registry.ensure('table', history.toLowerCase(), history, line);
    this.step.read(h);
    this.step.temporal.add(h.id);
    this.step.historyOf.set(h.id, node.id);
  }

  private tableRefRelation(ref: A.TableRef, ctes: CteScope | undefined): Relation {
    const parts = ref.name.parts;
    const last = (parts[parts.length - 1]?.name ?? '').toLowerCase();
    const alias = ref.alias ? lowerName(ref.alias) : undefined;
    if (parts.length === 1) {
      const cte = findCte(ctes, last);
      // (read inside its own recursion, a CTE's columns are not known yet)
      if (cte) return cte.output === undefined ? { ...derivedRelation([alias ?? last], []), open: true } : derivedRelation([alias ?? last], cte.output);
      if (this.ctx.isTrigger && (last === 'inserted' || last === 'deleted')) {
        const table = this.ctx.triggerTable;
        return table ? { names: [alias ?? last], node: this.tableNode(table), countsAsRead: false, exact: true } : { names: [alias ?? last], countsAsRead: false };
      }
    }
    const node = this.tableNode(ref.name);
    const counts = !this.targetInstances.has(ref);
    if (counts) this.step.read(node);
    if (ref.hints.some((h) => /^FOR\s+SYSTEM_TIME\b/i.test(h))) this.readTemporal(node, ref.span.start.line);
    const names = alias ? [alias] : [last, node.name];
    return { names, node, countsAsRead: counts, target: !counts, exact: true };
  }

  // -------------------------------------------------------------------------------------------
  // Expressions

  /**
   * The origin of an expression's value: the node columns it reads and how it combines them.
   * Records reads of every column and variable it touches, and analyses nested subqueries.
   */
  analyzeExpression(expr: A.Expression | A.GroupingSpec, scope: Scope, ctes: CteScope | undefined): Origin {
    const sources: ColumnRef[] = [];
    const flags = { aggregate: false, window: false };
    let single: Origin | undefined;
    // Depth first, children in order, each node's own effects when it is reached and a
    // subquery of IN / ANY after the values before it, as a recursive walk would run them; with a
    // stack of its own, because `a + b + … ` of a few thousand terms (row hashes over wide
    // tables) nests that deep and overflowed the call stack, stopping the whole analyze run.
    const todo: (ExprChild | (() => void))[] = [expr];
    // (an array, not arguments: an IN list of 100,000 values is too many arguments for a call)
    const later = (items: readonly (ExprChild | (() => void))[]): void => {
      for (let i = items.length - 1; i >= 0; i--) todo.push(items[i] as ExprChild | (() => void));
    };
    for (let e = todo.pop(); e !== undefined; e = todo.pop()) {
      if (typeof e === 'function') {
        e();
        continue;
      }
      switch (e.kind) {
        case 'ColumnRef': {
          const o = this.resolveColumn(e.parts, scope);
          sources.push(...o.sources);
          if (o.transform === 'aggregate') flags.aggregate = true;
          if (o.transform === 'window') flags.window = true;
          single = o;
          break;
        }
        case 'Variable': {
          const node = this.scalarNode(e);
          this.step.read(node);
          // a table-typed variable passed on (`EXEC p @Rows = @Lines`): all its rows
          sources.push({ node: node.id, column: node.kind === 'table-variable' ? '*' : node.name });
          break;
        }
        case 'Subquery': case 'Exists': {
          const cols = this.analyzeSelect(e.query, ctes, scope);
          const first = cols[0];
          if (first && e.kind === 'Subquery') { sources.push(...first.origin.sources); single = first.origin; }
          break;
        }
        case 'In': {
          const { query } = e;
          later([e.expression, ...e.list, ...(query ? [(): void => { this.analyzeSelect(query, ctes, scope); }] : [])]);
          break;
        }
        case 'QuantifiedComparison': {
          const { query } = e;
          later([e.left, () => { this.analyzeSelect(query, ctes, scope); }]);
          break;
        }
        case 'FunctionCall': {
          // COUNT(*) counts the rows of every relation of its block: they are its sources.
          if (e.star) for (const rel of scope.relations) sources.push(...this.rowSources(rel));
          if (e.over) flags.window = true;
          else if (isAggregateCall(e)) flags.aggregate = true;
          // `IDENTITY(int, 1, 1)` (SELECT … INTO): its first argument is a data type, not a column
          const args = e.args[0]?.kind === 'ColumnRef' && e.name.parts.length === 1 && (e.name.parts[0]?.name ?? '').toUpperCase() === 'IDENTITY' ? e.args.slice(1) : e.args;
          const target = this.methodTarget(e.name.parts, scope);
          if (target !== undefined) sources.push(...this.resolveColumn(target, scope).sources);
          else sources.push(...scalarCallSources(this.ctx, this.step, e.name, this.calledSpellings));
          later([...args, ...e.withinGroup.map((w) => w.expression), ...(e.over ? [e.over] : [])]);
          break;
        }
        case 'WindowSpec': {
          later([...e.partitionBy, ...e.orderBy.map((o) => o.expression)]);
          break;
        }
        case 'Star': {
          if (e.qualifier.length > 0) for (const c of this.expandStar(e, scope)) sources.push(...c.origin.sources);
          break;
        }
        default:
          later(expressionChildren(e));
      }
    }
    const deduped = dedupeRefs(sources);
    const kind = expr.kind;
    if ((kind === 'ColumnRef' || kind === 'Subquery') && single) return single;
    if (kind === 'Variable') return { sources: deduped, transform: 'copy' };
    if (kind === 'Literal') return { sources: [], transform: 'constant' };
    const transform: LineageTransform = flags.window ? 'window' : flags.aggregate ? 'aggregate'
      : kind === 'Case' || kind === 'Iif' ? 'case' : deduped.length === 0 && isConstantExpression(expr) ? 'constant' : 'expression';
    return { sources: deduped, transform, exprSpan: expr.span };
  }

  /**
   * The column a call is a method of: `n.[Node].ToString()` and `Node.GetLevel()` parse as calls of
   * a dotted name, which is a hierarchyid, geography or geometry column's method when its qualifier
   * names a column in scope (by a relation's alias, or a known column of one): the call reads that
   * column. A schema-qualified function (`dbo.fn_Rate(…)`) names no relation or column and stays a call.
   */
  private methodTarget(parts: readonly A.Identifier[], scope: Scope): readonly A.Identifier[] | undefined {
    const target = parts.slice(0, -1);
    const last = target[target.length - 1];
    if (last === undefined) return undefined;
    const qualifier = target.slice(0, -1).map(lowerName).join('.');
    for (let s: Scope | undefined = scope; s; s = s.parent) {
      const found = qualifier !== ''
        ? s.relations.some((r) => matchesQualifier(r, qualifier))
        : s.relations.some((r) => relationColumns(r, (n) => this.ctx.knownColumns(n))?.includes(lowerName(last)) === true);
      if (found) return target;
    }
    return undefined;
  }

  /** Resolves a column reference to its origin, recording the read. Unknown names resolve to nothing. */
  resolveColumn(parts: readonly A.Identifier[], scope: Scope | undefined): Origin {
    const column = (parts[parts.length - 1]?.name ?? '').toLowerCase();
    const qualifier = parts.slice(0, -1).map(lowerName).join('.');
    for (let s = scope; s; s = s.parent) {
      const rel = qualifier === '' ? this.findUnqualified(s, column) : s.relations.find((r) => matchesQualifier(r, qualifier));
      if (rel === undefined) continue;
      // bound by a name the relation exposes as written (`p.x`, `dbo.Price.x`), not a looser match
      if (rel.exact === true && rel.node !== undefined && qualifier !== '' && rel.names.includes(qualifier)) this.ctx.tableColumn?.(rel.node, parts[parts.length - 1] as A.Identifier);
      return this.columnOf(rel, column);
    }
    const lacking = qualifier === '' && this.ctx.tableColumn !== undefined ? onlyRelationLacking(scope, column, (n) => this.ctx.knownColumns(n)) : undefined;
    if (lacking?.node !== undefined) this.ctx.tableColumn?.(lacking.node, parts[0] as A.Identifier);
    // Not found with certainty: an unqualified name in a block whose relations' columns are
    // unknown most likely belongs to the first of them.
    const fallback = qualifier === '' ? scope?.relations.find((r) => r.node && !this.ctx.knownColumns(r.node)) : undefined;
    return fallback ? this.columnOf(fallback, column) : EMPTY;
  }

  private findUnqualified(scope: Scope, column: string): Relation | undefined {
    let unknown: Relation | undefined;
    let unknownCount = 0;
    for (const rel of scope.relations) {
      const cols = relationColumns(rel, (n) => this.ctx.knownColumns(n));
      if (cols) { if (cols.includes(column)) return rel; continue; }
      unknownCount++;
      unknown ??= rel;
    }
    return unknownCount === 1 ? unknown : undefined;
  }

  /** The origin of one column of a relation, recording the read when it is a node. */
  columnOf(rel: Relation, column: string): Origin {
    if (rel.node) {
      if (rel.countsAsRead) this.step.read(rel.node, column);
      else if (rel.target === true) this.step.readTarget(rel.node, column);
      this.ctx.registry.addColumns(rel.node, [column]);
      return { sources: [{ node: rel.node.id, column }], transform: 'copy' };
    }
    if (rel.columns) return rel.columns.get(column) ?? EMPTY;
    return rel.opaque ?? EMPTY;
  }

  /** What the rows of a relation come from, as whole-row (`*`) sources. */
  private rowSources(rel: Relation): ColumnRef[] {
    if (rel.node) return [{ node: rel.node.id, column: '*' }];
    if (rel.columns) return [...rel.columns.values()].flatMap((o) => o.sources);
    return [...(rel.opaque?.sources ?? [])];
  }

  /** Source text of a span, whitespace between tokens collapsed, cut to about 80 characters. */
  excerpt(span: { readonly start: { readonly offset: number }; readonly end: { readonly offset: number } }): string {
    const text = collapseCodeWhitespace(this.ctx.text.slice(span.start.offset, span.end.offset));
    return text.length > 80 ? `${text.slice(0, 77)}...` : text;
  }
}

/**
 * T-SQL text on one line: runs of whitespace between tokens become one blank, while the blanks of a
 * string literal or a quoted name stay as written (`REPLICATE('    ', [Level])` indents by four,
 * not one); a line break or tab inside one is shown as a blank, since the excerpt is one line.
 */
export function collapseCodeWhitespace(text: string): string {
  // most excerpts hold no literal or quoted name: one replace, as analyze's speed wants
  if (!/['"[]/.test(text)) return text.replace(/\s+/g, ' ').trim();
  const parts = text.match(/N?'(?:[^']|'')*'?|\[(?:[^\]]|\]\])*\]?|"(?:[^"]|"")*"?|[^'"[]+|['"[]/g) ?? [];
  return parts.map((p) => (/^(N?'|\[|")/.test(p) ? p.replace(/[\t\r\n]/g, ' ') : p.replace(/\s+/g, ' '))).join('').trim();
}

/** The output name of a select item: its alias, or the column name of a plain reference. */
export function itemName(item: A.SelectItem): string {
  if (item.alias) return lowerName(item.alias);
  const e = item.expression;
  if (e.kind === 'ColumnRef') return (e.parts[e.parts.length - 1]?.name ?? '').toLowerCase();
  if (e.kind === 'Variable') return e.name.toLowerCase();
  return '';
}

function renameColumns(cols: readonly OutputColumn[], names: readonly A.Identifier[]): OutputColumn[] {
  if (names.length === 0) return [...cols];
  return cols.map((c, i) => ({ name: names[i] ? lowerName(names[i] as A.Identifier) : c.name, origin: c.origin }));
}

function derivedRelation(names: readonly string[], cols: readonly OutputColumn[]): Relation {
  const map = new Map<string, Origin>();
  const order: string[] = [];
  let open = false;
  for (const c of cols) {
    // `*` of a rowset whose columns are unknown: the relation has more names than listed
    if (c.name === '*') open = true;
    if (c.name === '' || c.name === '*' || map.has(c.name)) continue;
    map.set(c.name, c.origin);
    order.push(c.name);
  }
  return { names, countsAsRead: false, columns: map, columnOrder: order, ...(open ? { open } : {}) };
}

function matchesQualifier(rel: Relation, qualifier: string): boolean {
  if (rel.names.includes(qualifier)) return true;
  // `dbo.t.c` written against an unaliased `t`, or `t.c` against `dbo.t`.
  const last = qualifier.split('.').at(-1) ?? '';
  return rel.node !== undefined && rel.names.length > 1 && (rel.names[0] === last || rel.node.name.endsWith(`.${qualifier}`));
}

/** Merges several origins (VALUES rows, set-operation branches) into one. */
export function mergeOrigins(origins: readonly Origin[], whenEmpty: LineageTransform): Origin {
  const sources = dedupeRefs(origins.flatMap((o) => o.sources));
  if (origins.length === 1 && origins[0]) return origins[0];
  const t = origins.find((o) => o.transform !== 'constant')?.transform ?? whenEmpty;
  return { sources, transform: sources.length === 0 ? 'constant' : t };
}

function isConstantExpression(e: A.Expression | A.GroupingSpec): boolean {
  if (e.kind === 'Literal') return true;
  if (e.kind === 'Unary') return isConstantExpression(e.operand);
  if (e.kind === 'Cast') return isConstantExpression(e.expression);
  return false;
}

type ExprChild = A.Expression | A.GroupingSpec | A.WindowSpec | A.OrderByItem | A.CaseWhen | A.FrameBound | A.WindowFrame;

/** The direct sub-expressions of an expression node (subqueries are handled by the caller). */
function expressionChildren(e: ExprChild): ExprChild[] {
  switch (e.kind) {
    case 'Binary': return [e.left, e.right];
    case 'Unary': return [e.operand];
    case 'Case': return [...(e.operand ? [e.operand] : []), ...e.whens.flatMap((w) => [w.when, w.then]), ...(e.else ? [e.else] : [])];
    case 'CaseWhen': return [e.when, e.then];
    case 'Cast': return [e.expression, ...(e.style ? [e.style] : []), ...(e.culture ? [e.culture] : [])];
    case 'Iif': return [e.condition, e.then, e.else];
    case 'Between': return [e.expression, e.low, e.high];
    case 'Like': return [e.expression, e.pattern, ...(e.escape ? [e.escape] : [])];
    case 'IsNull': return [e.expression];
    case 'Collate': return [e.expression];
    case 'MethodCall': return [e.target, ...e.args];
    case 'ExpressionList': return [...e.items];
    case 'OdbcEscape': return [...e.args];
    case 'GroupingSpec': return [...e.items];
    case 'OrderByItem': return [e.expression];
    case 'NextValueFor': return e.over ? [e.over] : [];
    default: return [];
  }
}
