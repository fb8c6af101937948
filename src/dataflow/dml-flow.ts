import type * as A from '../tsql';
import { andTerms, isTempName, normalizeObjectName } from '../tsql';
import { labelFor, targetNode, writeOutputs, type FlowEnv, type StepShape } from './flow-env';
import type { DraftNode } from './node-registry';
import { mergeOrigins } from './query-analyzer';
import { findCte, lowerName, type CteScope, type Relation, type Scope } from './scope';

/** The first SELECT block of a query body (where `INTO` is written in a set operation). */
function firstSpec(body: A.QueryExpression): A.QuerySpec {
  let b = body;
  while (b.kind !== 'QuerySpec') b = b.kind === 'SetOperation' ? b.left : b.body;
  return b;
}

/** SELECT: a result set, SELECT … INTO a new table, or an assignment of variables. */
export function flowSelect(env: FlowEnv, s: A.Select): StepShape {
  const an = env.analyzer;
  const spec = firstSpec(s.body);
  const assigns = spec.items.some((i) => i.kind === 'SelectAssignment');
  if (assigns) {
    const written: DraftNode[] = [];
    an.onAssignment = (item, origin) => {
      const v = an.scalarNode(item.variable);
      // `SELECT @s += x` reads @s as `SET @s += x` does
      const compound = item.operator !== '=';
      if (compound) an.step.read(v);
      an.step.write(v);
      an.step.addLineage({ node: v.id, column: v.name }, compound
        ? { sources: [{ node: v.id, column: v.name }, ...origin.sources], transform: 'expression', exprSpan: item.span }
        : origin);
      written.push(v);
    };
    try { an.analyzeSelect(s, undefined, undefined); } finally { an.onAssignment = undefined; }
    return { kind: 'select-assign', label: `SELECT ${[...new Set(written.map((v) => v.label))].join(', ')}` };
  }
  const outputs = an.analyzeSelect(s, undefined, undefined);
  if (spec.into) {
    const node = targetNode(env, spec.into);
    if (node) {
      writeOutputs(env, node, outputs);
      if (!env.knownColumns(node) && !outputs.some((o) => o.name === '*')) env.declareColumns(node, outputs.map((o) => o.name).filter((n) => n !== ''));
    }
    return { kind: 'select-into', label: labelFor('SELECT INTO', node) };
  }
  const rs = env.resultSet(s.span.start.line);
  writeOutputs(env, rs, outputs);
  return { kind: 'select', label: `SELECT result set ${rs.index ?? 1}` };
}

/**
 * The TableRef of a FROM list that an UPDATE/DELETE target names: by alias first, then by
 * table name. That instance is the target, so referencing it is not a read.
 */
function findTargetInstance(target: A.TableTarget, from: readonly A.TableSource[], defaultSchema: string): A.TableRef | A.TableVariableRef | undefined {
  const refs: (A.TableRef | A.TableVariableRef)[] = [];
  const collect = (src: A.TableSource): void => {
    if (src.kind === 'Join') { collect(src.left); collect(src.right); } else if (src.kind === 'TableRef' || src.kind === 'TableVariableRef') refs.push(src);
  };
  from.forEach(collect);
  if (target.kind === 'TableVariableRef') {
    const name = target.variable.name.toLowerCase();
    return refs.find((r) => r.alias && lowerName(r.alias) === name) ?? refs.find((r) => r.kind === 'TableVariableRef' && r.variable.name.toLowerCase() === name);
  }
  if (target.kind !== 'TableRef') return undefined;
  const parts = target.name.parts;
  if (parts.length === 1) {
    const alias = (parts[0]?.name ?? '').toLowerCase();
    const byAlias = refs.find((r) => r.alias && lowerName(r.alias) === alias);
    if (byAlias) return byAlias;
  }
  const full = normalizeObjectName(target.name, defaultSchema);
  const sameName = refs.filter((r): r is A.TableRef => r.kind === 'TableRef' && normalizeObjectName(r.name, defaultSchema) === full);
  return sameName.find((r) => !r.alias) ?? sameName[0];
}

/**
 * The base table under a CTE an UPDATE/DELETE targets (`WITH d AS (SELECT … FROM t) DELETE d`),
 * through CTEs over CTEs (`WITH b AS (SELECT … FROM t), d AS (SELECT … FROM b) DELETE d`
 * changes t's rows, as SQL Server resolves it).
 */
function cteBaseRef(cte: A.Cte, ctes: readonly A.Cte[], seen: ReadonlySet<A.Cte> = new Set()): A.TableRef | undefined {
  const spec = firstSpec(cte.query.body);
  let src = spec.from[0];
  while (src && src.kind === 'Join') src = src.left;
  if (src?.kind !== 'TableRef') return undefined;
  const inner = src.name.parts.length === 1 && !isTempName(src.name) ? ctes.find((c) => c !== cte && !seen.has(c) && lowerName(c.name) === (src.name.parts[0]?.name ?? '').toLowerCase()) : undefined;
  return inner === undefined ? src : cteBaseRef(inner, ctes, new Set([...seen, cte]));
}

interface ResolvedTarget {
  readonly node: DraftNode | undefined;
  readonly instance: A.TableRef | A.TableVariableRef | undefined;
  readonly names: readonly string[];
  /** The target is the table named as itself (not a CTE over it): its columns are the table's. */
  readonly exact: boolean;
}

/** Names a DML statement gives as columns of its target table (INSERT's column list, SET's
 * columns), told to the analyzer when the target is the table itself (see Relation.exact). */
function targetColumns(env: FlowEnv, node: DraftNode | undefined, exact: boolean, columns: readonly (A.Identifier | undefined)[]): void {
  const tell = env.analyzer.ctx.tableColumn;
  if (!exact || node === undefined || tell === undefined) return;
  for (const c of columns) if (c !== undefined) tell(node, c);
}

function resolveTarget(env: FlowEnv, target: A.TableTarget, from: readonly A.TableSource[], ctes: readonly A.Cte[]): ResolvedTarget {
  if (target.kind === 'TableRef' && target.name.parts.length === 1 && !isTempName(target.name)) {
    const name = (target.name.parts[0]?.name ?? '').toLowerCase();
    const cte = ctes.find((c) => lowerName(c.name) === name);
    if (cte) {
      const base = cteBaseRef(cte, ctes);
      return { node: base ? env.analyzer.tableNode(base.name) : undefined, instance: base, names: [name], exact: false };
    }
  }
  const instance = findTargetInstance(target, from, env.defaultSchema);
  if (instance) {
    const node = instance.kind === 'TableRef' ? env.analyzer.tableNode(instance.name) : env.analyzer.tableVariableNode(instance.variable);
    return { node, instance, names: [], exact: instance.kind === 'TableRef' };
  }
  const node = targetNode(env, target);
  const names = target.kind === 'TableRef'
    ? [(target.name.parts.at(-1)?.name ?? '').toLowerCase(), ...(node ? [node.name] : []), ...(target.alias ? [lowerName(target.alias)] : [])]
    : target.kind === 'TableVariableRef' ? [target.variable.name.toLowerCase(), ...(target.alias ? [lowerName(target.alias)] : [])] : [];
  return { node, instance: undefined, names, exact: target.kind === 'TableRef' };
}

/** A scope holding the FROM relations, plus the target itself when FROM does not list it (a CTE
 * it is named through has its own columns: the table's read ones are the CTE query's). */
function targetScope(env: FlowEnv, t: ResolvedTarget, from: readonly A.TableSource[], ctes: CteScope | undefined): Scope {
  const scope: Scope = { relations: [], parent: undefined };
  for (const src of from) env.analyzer.addSource(src, scope, ctes);
  if ((!t.instance || from.length === 0 || t.names.length > 0) && t.node) scope.relations.push({ names: t.names, node: t.node, countsAsRead: false, target: t.exact, exact: t.exact });
  return scope;
}

/** Records the `target column = @variable` terms of an UPDATE's or DELETE's WHERE (Step.keyedOn):
 * a loop that runs it once per key changes each key's rows apart. */
function recordKeyFilters(env: FlowEnv, where: A.Expression, target: DraftNode | undefined, scope: Scope, ctes: CteScope | undefined): void {
  if (target === undefined) return;
  const an = env.analyzer;
  for (const term of andTerms(where)) {
    if (term.kind !== 'Binary' || term.operator !== '=') continue;
    const [column, variable] = term.left.kind === 'ColumnRef' && term.right.kind === 'Variable' ? [term.left, term.right]
      : term.right.kind === 'ColumnRef' && term.left.kind === 'Variable' ? [term.right, term.left] : [undefined, undefined];
    if (column === undefined || variable === undefined) continue;
    const [source, more] = an.analyzeExpression(column, scope, ctes).sources;
    if (source === undefined || more !== undefined || source.node !== target.id) continue;
    an.step.keyedOn.set(source.column, an.scalarNode(variable).id);
  }
}

/** OUTPUT [INTO]: `inserted`/`deleted` stand for the target; INTO writes, otherwise rows are returned. */
function flowOutput(env: FlowEnv, output: A.OutputClause | undefined, target: DraftNode | undefined, scope: Scope, ctes: CteScope | undefined, exact: boolean): void {
  if (!output) return;
  flowOutput(env, output.returned, target, scope, ctes, exact);
  const pseudo: Relation[] = target ? [{ names: ['inserted'], node: target, countsAsRead: false, exact }, { names: ['deleted'], node: target, countsAsRead: false, exact }] : [];
  const outScope: Scope = { relations: pseudo, parent: scope };
  const outputs = output.items.map((item) => ({
    name: item.alias ? lowerName(item.alias) : item.expression.kind === 'ColumnRef' ? (item.expression.parts.at(-1)?.name ?? '').toLowerCase() : '',
    origin: item.expression.kind === 'Star' ? { sources: [], transform: 'copy' as const } : env.analyzer.analyzeExpression(item.expression, outScope, ctes),
  }));
  if (output.into) {
    const node = targetNode(env, output.into);
    if (node) env.analyzer.step.modify(node);
    if (node) writeOutputs(env, node, outputs, output.intoColumns.length > 0 ? output.intoColumns.map(lowerName) : env.knownColumns(node));
    return;
  }
  writeOutputs(env, env.resultSet(output.span.start.line), outputs);
}

/** INSERT … VALUES / SELECT / EXEC / DEFAULT VALUES. */
export function flowInsert(env: FlowEnv, s: A.Insert): StepShape {
  const an = env.analyzer;
  const ctes = an.withCtes(s.ctes, undefined, undefined);
  const node = targetNode(env, s.target);
  // (`WITH c AS (…) INSERT c (…)` names the CTE's columns)
  const exact = s.target.kind === 'TableRef' && !(s.target.name.parts.length === 1 && s.ctes.some((c) => lowerName(c.name) === (s.target.kind === 'TableRef' ? (s.target.name.parts[0]?.name ?? '').toLowerCase() : '')));
  targetColumns(env, node, exact, s.columns);
  const columns = s.columns.length > 0 ? s.columns.map(lowerName) : node ? env.knownColumns(node) : undefined;
  let kind: StepShape['kind'] = 'insert';
  const src = s.source;
  if (src.kind === 'Select') {
    const outputs = an.analyzeSelect(src, ctes, undefined);
    // Without a column list and without known target columns, the target's column names are
    // unknown (the mapping is positional): the write is recorded without columns or lineage.
    if (node) writeOutputs(env, node, outputs, columns ?? []);
  } else if (src.kind === 'ValuesSource') {
    const scope: Scope = { relations: [], parent: undefined };
    const width = Math.max(0, ...src.rows.map((r) => r.length));
    const outputs = Array.from({ length: width }, (_, i) => ({
      name: '',
      origin: mergeOrigins(src.rows.map((r) => r[i]).filter((e): e is A.Expression => e !== undefined).map((e) => an.analyzeExpression(e, scope, ctes)), 'constant'),
    }));
    if (node) writeOutputs(env, node, outputs, columns ?? []);
  } else if (src.kind === 'Execute') {
    kind = 'insert-exec';
    const callee = flowExecCall(env, src);
    if (node) {
      const cols = columns ?? [];
      an.step.write(node, cols);
      env.registry.addColumns(node, cols);
      if (callee) for (const c of cols) an.step.addLineage({ node: node.id, column: c }, { sources: [{ node: callee.id, column: '*' }], transform: 'copy' });
    }
  } else if (node) {
    an.step.write(node);
  }
  if (node) an.step.modify(node);
  flowOutput(env, s.output, node, { relations: [], parent: undefined }, ctes, exact);
  return { kind, label: labelFor(kind === 'insert-exec' ? 'INSERT EXEC' : 'INSERT', node) };
}

/** UPDATE … SET … [FROM …] [WHERE …]. */
export function flowUpdate(env: FlowEnv, s: A.Update): StepShape {
  const an = env.analyzer;
  const t = resolveTarget(env, s.target, s.from, s.ctes);
  if (t.instance) an.targetInstances = new Set([t.instance]);
  const ctes = an.withCtes(s.ctes, undefined, undefined);
  const scope = targetScope(env, t, s.from, ctes);
  targetColumns(env, t.node, t.exact, s.assignments.map((a) => a.column?.parts.at(-1)));
  for (const a of s.assignments) {
    const origin = an.analyzeExpression(a.value, scope, ctes);
    if (a.column && t.node) {
      const column = (a.column.parts.at(-1)?.name ?? '').toLowerCase();
      env.registry.addColumns(t.node, [column]);
      an.step.write(t.node, [column]);
      an.step.addLineage({ node: t.node.id, column }, a.operator === '=' ? origin : { ...origin, transform: 'expression', exprSpan: a.span });
    }
    if (a.variable) {
      const v = an.scalarNode(a.variable);
      an.step.write(v);
      an.step.addLineage({ node: v.id, column: v.name }, origin);
    }
  }
  if (t.node) { an.step.write(t.node); an.step.modify(t.node); }
  if (s.where) an.analyzeExpression(s.where, scope, ctes);
  if (s.where && t.exact) recordKeyFilters(env, s.where, t.node, scope, ctes);
  if (s.top) an.analyzeExpression(s.top.expression, scope, ctes);
  flowCurrentOf(env, s.currentOf);
  flowOutput(env, s.output, t.node, scope, ctes, t.exact);
  return { kind: 'update', label: labelFor('UPDATE', t.node) };
}

/** DELETE [FROM] target [FROM …] [WHERE …]. */
export function flowDelete(env: FlowEnv, s: A.Delete): StepShape {
  const an = env.analyzer;
  const t = resolveTarget(env, s.target, s.from, s.ctes);
  if (t.instance) an.targetInstances = new Set([t.instance]);
  const ctes = an.withCtes(s.ctes, undefined, undefined);
  const scope = targetScope(env, t, s.from, ctes);
  if (t.node) an.step.write(t.node);
  // DELETE without a condition empties the table: the rows after it do not depend on those before
  if (t.node && (s.where || s.top || s.from.length > 0 || s.currentOf !== undefined || s.ctes.length > 0)) an.step.modify(t.node);
  if (s.where) an.analyzeExpression(s.where, scope, ctes);
  if (s.where && t.exact) recordKeyFilters(env, s.where, t.node, scope, ctes);
  if (s.top) an.analyzeExpression(s.top.expression, scope, ctes);
  flowCurrentOf(env, s.currentOf);
  flowOutput(env, s.output, t.node, scope, ctes, t.exact);
  return { kind: 'delete', label: labelFor('DELETE', t.node) };
}

function flowCurrentOf(env: FlowEnv, cursor: string | undefined): void {
  if (cursor === undefined) return;
  const node = env.registry.find('cursor', cursor.toLowerCase());
  if (node) env.analyzer.step.read(node);
}

/** MERGE target USING source ON … WHEN …: the target is written, the source read. */
export function flowMerge(env: FlowEnv, s: A.Merge): StepShape {
  const an = env.analyzer;
  const ctes = an.withCtes(s.ctes, undefined, undefined);
  let node: DraftNode | undefined;
  let names: string[] = [];
  let exact = false;
  if (s.target.kind === 'TableRef' && s.target.name.parts.length === 1 && findCte(ctes, (s.target.name.parts[0]?.name ?? '').toLowerCase())) {
    const cte = s.ctes.find((c) => lowerName(c.name) === (s.target.kind === 'TableRef' ? (s.target.name.parts[0]?.name ?? '').toLowerCase() : ''));
    const base = cte ? cteBaseRef(cte, s.ctes) : undefined;
    node = base ? an.tableNode(base.name) : undefined;
  } else {
    node = targetNode(env, s.target);
    exact = s.target.kind === 'TableRef';
  }
  if (s.target.kind === 'TableRef') names = [(s.target.name.parts.at(-1)?.name ?? '').toLowerCase(), ...(node ? [node.name] : [])];
  if (s.target.kind === 'TableVariableRef') names = [s.target.variable.name.toLowerCase()];
  if (s.target.alias) names = [lowerName(s.target.alias)];
  const scope: Scope = { relations: [], parent: undefined };
  if (node) scope.relations.push({ names, node, countsAsRead: false, target: exact, exact });
  an.addSource(s.source, scope, ctes);
  an.analyzeExpression(s.on, scope, ctes);
  for (const w of s.whens) {
    if (w.condition) an.analyzeExpression(w.condition, scope, ctes);
    const act = w.action;
    if (act.kind === 'MergeUpdate') {
      targetColumns(env, node, exact, act.assignments.map((a) => a.column?.parts.at(-1)));
      for (const a of act.assignments) {
        const origin = an.analyzeExpression(a.value, scope, ctes);
        if (a.column && node) {
          const column = (a.column.parts.at(-1)?.name ?? '').toLowerCase();
          env.registry.addColumns(node, [column]);
          an.step.write(node, [column]);
          an.step.addLineage({ node: node.id, column }, origin);
        }
      }
    } else if (act.kind === 'MergeInsert' && node) {
      targetColumns(env, node, exact, act.columns);
      const cols = act.columns.length > 0 ? act.columns.map(lowerName) : env.knownColumns(node) ?? [];
      const outputs = act.values.map((v) => ({ name: '', origin: an.analyzeExpression(v, scope, ctes) }));
      writeOutputs(env, node, outputs, cols);
    }
    if (node) an.step.write(node);
  }
  if (node) { an.step.write(node); an.step.modify(node); }
  flowOutput(env, s.output, node, scope, ctes, exact);
  const events = ['INSERT', 'UPDATE', 'DELETE'].filter((e) => s.whens.some((w) => w.action.kind === `Merge${e[0]}${e.slice(1).toLowerCase()}`));
  return { kind: 'merge', label: labelFor('MERGE', node), events };
}

/** TRUNCATE TABLE and BULK INSERT: the whole table is written. */
export function flowTruncate(env: FlowEnv, target: A.TableRef, verb: 'TRUNCATE' | 'BULK INSERT'): StepShape {
  const node = env.analyzer.tableNode(target.name);
  env.analyzer.step.write(node);
  return { kind: verb === 'TRUNCATE' ? 'truncate' : 'insert', label: labelFor(verb, node) };
}

/**
 * The callee of EXEC: a procedure node (linked when it is in the analysed set), plus a
 * dynamic-SQL node and a warning for `sp_executesql` and `EXEC @name`. Arguments are read;
 * OUTPUT arguments are written from the callee.
 */
export function flowExecCall(env: FlowEnv, s: A.Execute): DraftNode | undefined {
  const an = env.analyzer;
  const scope: Scope = { relations: [], parent: undefined };
  for (const part of s.dynamic) an.analyzeExpression(part, scope, undefined);
  let callee: DraftNode | undefined;
  if (s.dynamic.length > 0 || s.procedure?.kind === 'Variable') {
    callee = env.registry.createNumbered('dynamic-sql', s.procedure?.kind === 'Variable' ? `EXEC ${s.procedure.name}` : 'EXEC (dynamic SQL)', s.span.start.line);
    env.warn(s.span, 'DATAFLOW_DYNAMIC_SQL', 'dynamic SQL: the tables it reads and writes are unknown to the analysis (it is never executed); review it by hand');
    if (s.procedure?.kind === 'Variable') an.step.read(an.scalarNode(s.procedure));
  } else if (s.procedure) {
    const name = normalizeObjectName(s.procedure, env.defaultSchema);
    const proc = env.registry.ensure('procedure', name, s.procedure.parts.map((p) => p.name).filter((p) => p !== '').join('.'), s.span.start.line);
    proc.linked = env.knownProcedures.has(name);
    callee = proc;
    an.step.calls.add(proc.id);
    if (name.endsWith('.sp_executesql')) {
      callee = env.registry.createNumbered('dynamic-sql', 'sp_executesql', s.span.start.line);
      env.warn(s.span, 'DATAFLOW_DYNAMIC_SQL', 'dynamic SQL through sp_executesql: the tables it reads and writes are unknown to the analysis (it is never executed); review it by hand');
    }
  }
  if (callee) an.step.calls.add(callee.id);
  for (const arg of s.args) {
    if (!arg.value) continue;
    const origin = an.analyzeExpression(arg.value, scope, undefined);
    if (arg.output && arg.value.kind === 'Variable') {
      const v = an.scalarNode(arg.value);
      an.step.write(v);
      if (callee) an.step.addLineage({ node: v.id, column: v.name }, { sources: [{ node: callee.id, column: arg.name?.toLowerCase() ?? '*' }], transform: 'copy' });
    } else if (origin.sources.length === 0) {
      continue;
    }
  }
  if (s.returnVariable) {
    const v = an.scalarNode(s.returnVariable);
    an.step.write(v);
    if (callee) an.step.addLineage({ node: v.id, column: v.name }, { sources: [{ node: callee.id, column: 'return' }], transform: 'copy' });
  }
  return callee;
}
