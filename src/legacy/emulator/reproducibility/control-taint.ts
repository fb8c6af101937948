import type { Execute, If, Node, Statement, TableSource, TableTarget, While } from '../../../tsql';
import { findAll, labelKey, walk } from '../../../tsql';
import { normalizeObjectName } from '../../legacy-run';
import { tableKeyOf } from '../queries';
import { nonReproducibleCauses } from './taint-report';
import { taintState } from './taint-state';
import type { EmulatorState, Frame, TableInfo } from '../state';

/*
 * Control flow decided by a not-reproducible value (random-values.ts): an IF or WHILE whose
 * condition reads one (an identity numbered in no defined order, RAND(), a variable or
 * @@ROWCOUNT holding such a value) may take another branch, or loop another number of times, in
 * SQL Server. Whatever the emulator ran, every statement the condition decides may or may not
 * run there: its branches, the loop's body, and, past a RETURN or GOTO among them, everything
 * after the condition to the procedure's end (from the start of its outermost loop, which runs
 * again; from a backward GOTO's label); past a BREAK or CONTINUE, the enclosing loop's body.
 * Every table (all columns) those statements could write, through the procedures they call and
 * the triggers the writes fire, and every variable they set are tainted, and each of them taints
 * what it writes whenever it runs (random-values.ts taintDecided). What cannot be marked is
 * refused, located: a result set or an error that SQL Server may or may not give, a return code
 * of the procedure captured that the branch may change, dynamic SQL, whose writes are unknown.
 * Over-marked columns cost a comparison; an unmarked one would be a silently wrong baseline.
 */

/**
 * Before the condition of an IF or WHILE is evaluated (synchronous, as the interpreter runs
 * hundreds of thousands of them): nothing is tainted before the first not-reproducible value,
 * so until then only the condition itself can bring one (RAND()).
 */
export function beginCondition(state: EmulatorState): ConditionMark | undefined {
  return state.randomValuesUsed ? startConditionTaint(state) : undefined;
}

/** After it was evaluated: marks what the condition of `s` decides when it read a not-reproducible value. */
export function endCondition(state: EmulatorState, s: If | While, mark: ConditionMark | undefined): void {
  if (mark === undefined ? state.randomValuesUsed : endConditionTaint(state, mark)) markDecided(state, s);
}

/** What an IF's or WHILE's condition is evaluated against: the statement's reads before it, set aside (startConditionTaint). */
export interface ConditionMark {
  readonly used: boolean;
  readonly seeds: Map<Node, string[]>;
}

/** Before a condition is evaluated: its own reads are told from the statement's others (a WHILE's body's). */
export function startConditionTaint(state: EmulatorState): ConditionMark {
  const r = taintState(state);
  const mark = { used: r.used, seeds: r.seeds };
  r.used = false;
  r.seeds = new Map();
  return mark;
}

/** After it: whether the condition read a not-reproducible value; the statement keeps the reads. */
export function endConditionTaint(state: EmulatorState, mark: ConditionMark): boolean {
  const r = taintState(state);
  const tainted = r.used || r.seeds.size > 0;
  for (const [node, causes] of r.seeds) mark.seeds.set(node, [...new Set([...(mark.seeds.get(node) ?? []), ...causes])]);
  r.seeds = mark.seeds;
  r.used = mark.used || r.used;
  return tainted;
}

/**
 * A condition read a not-reproducible value (markDecided): every column of `tables` and the
 * variables (lower-cased, of the current frame) are tainted now, and each of `statements` taints
 * what it writes and sets whenever it runs; @@ROWCOUNT, and the identity functions when
 * `drawsIdentity`, hold what SQL Server may give otherwise.
 */
export function taintDecided(state: EmulatorState, tables: Iterable<TableInfo>, variables: Iterable<string>, statements: Iterable<Node>, drawsIdentity: boolean): void {
  const r = taintState(state);
  for (const t of tables) {
    r.tables.add(t);
    // A branch not run would have drawn from the counters of the tables it may insert into.
    if (drawsIdentity && t.identity !== undefined) r.identityCounters.add(t);
  }
  const vars = r.variables.get(state.frame) ?? new Set<string>();
  for (const v of variables) vars.add(v);
  r.variables.set(state.frame, vars);
  for (const s of statements) r.decided.add(s);
  r.rowCount = true;
  if (drawsIdentity) r.identity = true;
  state.randomValuesUsed = true;
}

/** Statements that hold statement lists: a SELECT directly inside one is a statement (a result set), not a subquery. */
const HOLDERS = new Set(['Block', 'If', 'While', 'TryCatch', 'CreateProcedure', 'CreateFunction', 'CreateTrigger']);

/** What the statements a condition decides may do. */
interface Region {
  readonly tables: Set<TableInfo>;
  readonly variables: Set<string>;
  readonly statements: Set<Node>;
  drawsIdentity: boolean;
}

/** Per frame, the conditions already marked and how many tables existed then: a loop's condition is marked once, again only when new tables may be written. */
const marked = new WeakMap<Frame, Map<Node, number>>();

function markDecided(state: EmulatorState, s: If | While): void {
  const done = marked.get(state.frame) ?? new Map<Node, number>();
  marked.set(state.frame, done);
  // @@ROWCOUNT is the branch's again (a compiled loop's IF has no statement end that would say so).
  if (done.get(s) === state.tables.size) { taintDecided(state, [], [], [], false); return; }
  done.set(s, state.tables.size);
  const root = state.frame.procedure;
  const parents = parentsOf(root);
  const roots: Node[] = s.kind === 'If' ? [s.then, ...(s.else === undefined ? [] : [s.else])] : [s.body];
  const exits = roots.flatMap((r) => exitsOf(r));
  let from: number | undefined;
  for (const e of exits) {
    if (e.kind === 'Break' || e.kind === 'Continue') {
      const loop = enclosing(parents, s, (n) => n.kind === 'While');
      if (loop !== undefined) roots.push(loop);
      continue;
    }
    // RETURN, GOTO: what follows the condition may or may not run; a loop around it runs again.
    let start = outermostLoopStart(parents, s);
    if (e.kind === 'Goto') {
      const label = findAll(root, 'Label').find((l) => labelKey(l.name) === labelKey(e.label));
      if (label !== undefined) start = Math.min(start, outermostLoopStart(parents, label));
    }
    from = Math.min(from ?? start, start);
  }
  const region: Region = { tables: new Set(), variables: new Set(), statements: new Set([s]), drawsIdentity: false };
  const visit = (n: Node, parent: Node | undefined): void => {
    region.statements.add(n);
    noteVariables(n, region.variables);
    collect(state, n, parent, region, s, undefined);
  };
  for (const r of roots) walk(r, (n, parent) => { visit(n, parent ?? parents.get(n)); });
  if (from !== undefined) {
    const start = from;
    walk(root, (n, parent) => { if (n.span.start.offset >= start && n !== root) visit(n, parent); });
    if (state.frames.length === 1 && root.kind === 'CreateProcedure') refuseChangedReturnCode(state, root, start, s);
  }
  firedTriggerWrites(state, region, s);
  taintDecided(state, region.tables, region.variables, region.statements, region.drawsIdentity);
}

/** The RETURN, GOTO, BREAK and CONTINUE statements under `node` that leave it (a BREAK inside a loop of its own stays). */
function exitsOf(node: Node): Node[] {
  const out: Node[] = [];
  walk(node, (n) => {
    if (n.kind === 'Return' || n.kind === 'Goto') out.push(n);
    else if (n.kind === 'Break' || n.kind === 'Continue') out.push(n);
    // A loop inside keeps its own BREAKs and CONTINUEs; its RETURNs and GOTOs still leave.
    else if (n.kind === 'While' && n !== node) { out.push(...exitsOf(n.body).filter((e) => e.kind === 'Return' || e.kind === 'Goto')); return false; }
    return undefined;
  });
  return out;
}

const parentMaps = new WeakMap<Node, WeakMap<Node, Node | undefined>>();

function parentsOf(root: Node): WeakMap<Node, Node | undefined> {
  let map = parentMaps.get(root);
  if (map === undefined) {
    const m = new WeakMap<Node, Node | undefined>();
    walk(root, (n, parent) => { m.set(n, parent); });
    parentMaps.set(root, m);
    map = m;
  }
  return map;
}

function enclosing(parents: WeakMap<Node, Node | undefined>, n: Node, test: (n: Node) => boolean): Node | undefined {
  for (let p = parents.get(n); p !== undefined; p = parents.get(p)) if (test(p)) return p;
  return undefined;
}

/** Where the outermost WHILE around `n` starts (`n`'s own start outside loops). */
function outermostLoopStart(parents: WeakMap<Node, Node | undefined>, n: Node): number {
  let start = n.span.start.offset;
  for (let p = parents.get(n); p !== undefined; p = parents.get(p)) if (p.kind === 'While') start = p.span.start.offset;
  return start;
}

/** Variables (lower-cased) statement node `n` of the running procedure sets. */
function noteVariables(n: Node, out: Set<string>): void {
  const add = (name: string): void => { out.add(name.toLowerCase()); };
  switch (n.kind) {
    case 'SetVariable': if (n.cursor === undefined) add(n.variable.name); return;
    case 'VariableDeclaration': if (n.initialValue !== undefined) add(n.variable.name); return;
    case 'SelectAssignment': add(n.variable.name); return;
    case 'UpdateAssignment': if (n.variable !== undefined) add(n.variable.name); return;
    case 'Fetch': for (const v of n.into) add(v.name); return;
    case 'Execute':
      if (n.returnVariable !== undefined) add(n.returnVariable.name);
      for (const a of n.args) if (a.output && a.value?.kind === 'Variable') add(a.value.name);
      return;
    default:
  }
}

/**
 * The tables node `n` (at `parent`) may write, into `region`; what cannot be marked refused at
 * `n`, or at `via` (the statement of the running procedure that reaches `n` in a callee or
 * trigger, which `where` names).
 */
function collect(state: EmulatorState, n: Node, parent: Node | undefined, region: Region, condition: If | While, via: { node: Node; where: string } | undefined, seen = new Set<string>()): void {
  const refuse = (what: string): never => {
    // The causes met so far name the value itself (a TOP … ORDER BY with ties, an identity's
    // order): the generic list alone left people searching for it.
    const met = nonReproducibleCauses(state, true);
    throw state.unsupported(via?.node ?? n, `${what}${via === undefined ? '' : ` (${via.where})`} under a condition at ${state.place(condition.condition.span)} that reads a value SQL Server may give otherwise (a RAND()/NEWID() value, identity or sequence numbers given in no defined order, rowversion values, @@ROWCOUNT after such rows${met.length === 0 ? '' : `; met before it: ${met.join('; ')}`}): SQL Server may or may not give it`);
  };
  switch (n.kind) {
    case 'Insert': case 'Update': case 'Delete': case 'Merge':
      for (const t of targetTables(state, n.target, n)) region.tables.add(t);
      if (n.kind === 'Insert' || n.kind === 'Merge') region.drawsIdentity = true;
      return;
    case 'Truncate': for (const t of targetTables(state, n.target, undefined)) region.tables.add(t); return;
    case 'QuerySpec': if (n.into !== undefined) { for (const t of targetTables(state, n.into, undefined)) region.tables.add(t); region.drawsIdentity = true; } return;
    case 'OutputClause': if (n.into !== undefined) { for (const t of targetTables(state, n.into, undefined)) region.tables.add(t); region.drawsIdentity = true; } return;
    case 'Select':
      if ((parent === undefined || HOLDERS.has(parent.kind)) && findAll(n, 'SelectAssignment').length === 0 && !findAll(n, 'QuerySpec').some((q) => q.into !== undefined)) refuse('a result set');
      return;
    case 'Throw': if (!inCatch(n, parent)) refuse('THROW'); return;
    case 'Raiserror': {
      const severity = n.args[1];
      const message = severity?.kind === 'Literal' && severity.literalType === 'integer' && Number(severity.value) <= 10;
      if (!message && !inCatch(n, parent)) refuse('RAISERROR');
      return;
    }
    case 'Execute': return calleeWrites(state, n, region, condition, via, seen, refuse);
    default:
  }
}

/** Whether a THROW or RAISERROR is a CATCH block's rethrow: it raises only after an error, which no condition decides. */
function inCatch(n: Node, parent: Node | undefined): boolean {
  return parent?.kind === 'TryCatch' && parent.catchStatements.includes(n as Statement);
}

/** An EXEC the condition decides: the tables its procedure (and the procedures it calls) may write. */
function calleeWrites(state: EmulatorState, e: Execute, region: Region, condition: If | While, via: { node: Node; where: string } | undefined, seen: Set<string>, refuse: (what: string) => never): void {
  region.drawsIdentity = true;
  if (e.dynamic.length > 0 || e.procedure === undefined || e.procedure.kind === 'Variable') refuse('dynamic SQL, whose writes are not known');
  const name = normalizeObjectName(e.procedure.parts.map((p) => p.name).join('.'));
  if (name.endsWith('.sp_executesql')) refuse('dynamic SQL, whose writes are not known');
  const loaded = state.procedures.get(name);
  if (loaded === undefined || seen.has(name)) return;
  seen.add(name);
  const reach = via ?? { node: e, where: `in ${e.procedure.parts.map((p) => p.name).join('.')}` };
  walk(loaded.procedure, (n, parent) => { collect(state, n, parent, region, condition, { node: reach.node, where: `${reach.where}, ${loaded.script.file}:${n.span.start.line}` }, seen); });
}

/** The tables the triggers of the region's tables may write (and theirs, in turn). */
function firedTriggerWrites(state: EmulatorState, region: Region, condition: If | While): void {
  if (state.catalog.triggers.size === 0) return;
  const done = new Set<TableInfo>();
  for (let more = true; more;) {
    more = false;
    for (const info of [...region.tables]) {
      if (done.has(info)) continue;
      done.add(info);
      more = true;
      for (const [key, defined] of state.catalog.triggers) {
        if (state.tables.get(key) !== info) continue;
        for (const t of defined) walk(t.definition, (n, parent) => { collect(state, n, parent, region, condition, { node: condition, where: `trigger ${t.script.file}:${n.span.start.line}` }); });
      }
    }
  }
}

/** The tables a write target names: a table, a table variable, an alias of the statement's FROM, a CTE (the tables its query reads). Unknown names give none: no such table holds rows yet. */
function targetTables(state: EmulatorState, target: TableTarget, s: { readonly ctes: readonly { readonly name: { readonly name: string }; readonly query: Node }[]; readonly from?: readonly TableSource[] } | undefined): TableInfo[] {
  if (target.kind === 'TableVariableRef') return known(state, target.variable.name);
  if (target.kind !== 'TableRef') return [];
  const written = target.name.parts.map((p) => p.name).join('.');
  if (s !== undefined && target.name.parts.length === 1) {
    const name = written.toLowerCase();
    const cte = s.ctes.find((c) => c.name.name.toLowerCase() === name);
    if (cte !== undefined) return findAll(cte.query, 'TableRef').flatMap((t) => known(state, t.name.parts.map((p) => p.name).join('.')));
    for (const src of s.from ?? []) {
      for (const ref of [...findAll(src, 'TableRef'), ...findAll(src, 'TableVariableRef')]) {
        if (ref.alias?.name.toLowerCase() !== name) continue;
        return ref.kind === 'TableRef' ? known(state, ref.name.parts.map((p) => p.name).join('.')) : known(state, ref.variable.name);
      }
    }
  }
  return known(state, written);
}

function known(state: EmulatorState, written: string): TableInfo[] {
  const info = state.tables.get(tableKeyOf(state, written));
  return info === undefined ? [] : [info];
}

/**
 * The procedure captured ends at a RETURN the condition decides, or goes on to another: its
 * return code, which the capture keeps and cannot list as not reproducible, must be the same
 * either way (every RETURN from `from` on gives the same constant, 0 as at the end).
 */
function refuseChangedReturnCode(state: EmulatorState, root: Node, from: number, condition: If | While): void {
  for (const r of findAll(root, 'Return')) {
    if (r.span.start.offset < from) continue;
    const e = r.expression;
    if (e === undefined || (e.kind === 'Literal' && e.literalType === 'integer' && Number(e.value) === 0)) continue;
    throw state.unsupported(r, `a return code other than 0 that a condition at ${state.place(condition.condition.span)} decides (it reads a value SQL Server may give otherwise; the capture keeps the return code, which it cannot list as not reproducible)`);
  }
}
