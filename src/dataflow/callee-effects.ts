import type { CalleeAccess, DataFlowGraph, GraphNode, NodeAccess, NodeRole, Step, SynonymTarget } from './graph';

/*
 * Legacy procedures are often orchestrators (`EXEC dbo.usp_LoadStaging @BatchId; EXEC
 * dbo.usp_MergeCustomers @BatchId;`): what such a procedure changes is what its callees change.
 * Each graph is built from its own object's text, so an EXEC step first carries only the call;
 * this pass, once every graph of the set is built, gives each EXEC of a procedure the set defines
 * the tables that procedure reads and writes (its own EXECs' too, to a fixpoint, so nesting,
 * cycles and recursion end). Temp tables follow SQL Server's scoping: a #temp the callee creates
 * is dropped when it returns (its own), while a #temp it uses without creating is its caller's
 * (a procedure sees the #temp tables of the procedures that called it). Dynamic SQL is never
 * followed (the graph flags it); a callee outside the set keeps only its call edge.
 * Three steps, so a run on worker threads (src/cli/analyze-threads.ts) shares this one
 * implementation: each procedure graph's own effects (procedureEffectsOf, plain data that
 * crosses threads), the fixpoint over the set's procedures (calleeEffectsOf, once per set), and
 * the EXEC steps of any graph given the result (applyCalleeEffects). withCalleeEffects is the three.
 */

/** One table or caller's #temp a procedure touches, with what it does to it. */
interface Effect {
  readonly kind: 'table' | 'temp-table';
  readonly name: string;
  readonly label: string;
  readonly synonymOf?: SynonymTarget;
  readonly read: Set<string> | undefined;
  readonly write: Set<string> | undefined;
  modifies: boolean;
  /** Display names of the procedures whose own statements touch it. */
  readonly via: Set<string>;
}

type Effects = Map<string, Effect>;

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const keyOf = (kind: string, name: string): string => `${kind}\u0000${name}`;

/** The #temp tables an object creates (CREATE TABLE, SELECT … INTO): its own, gone when it returns. */
function createdTemps(graph: DataFlowGraph): Set<string> {
  const created = new Set<string>();
  // a ##global table outlives the procedure that creates it: its caller sees it
  const temps = graph.nodes.filter((n) => n.kind === 'temp-table' && !n.global);
  for (const s of graph.steps) {
    // CREATE TABLE records no write: its label names the table (`CREATE TABLE #Dupes`)
    if (s.kind === 'create-table') for (const n of temps) if (s.label.toLowerCase() === `create table ${n.label}`.toLowerCase()) created.add(n.name);
    if (s.kind === 'select-into') for (const w of s.writes) for (const n of temps) if (n.id === w.node) created.add(n.name);
  }
  return created;
}

/** Adds `from` into `into`; true when something was new. */
function mergeEffect(into: Effects, from: Effect): boolean {
  const key = keyOf(from.kind, from.name);
  const have = into.get(key);
  if (have === undefined) {
    into.set(key, { ...from, read: from.read && new Set(from.read), write: from.write && new Set(from.write), via: new Set(from.via) });
    return true;
  }
  let grew = false;
  const addAll = (to: Set<string>, values: Iterable<string>): void => { for (const v of values) if (!to.has(v)) { to.add(v); grew = true; } };
  const sets = have as { read: Set<string> | undefined; write: Set<string> | undefined };
  if (from.read) { if (!sets.read) { sets.read = new Set(); grew = true; } addAll(sets.read, from.read); }
  if (from.write) { if (!sets.write) { sets.write = new Set(); grew = true; } addAll(sets.write, from.write); }
  if (from.modifies && !have.modifies) { have.modifies = true; grew = true; }
  addAll(have.via, from.via);
  return grew;
}

/** What a procedure's own statements do to tables and to #temp tables it does not create. */
function ownEffects(graph: DataFlowGraph, created: ReadonlySet<string>): Effects {
  const out: Effects = new Map();
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const own = (s: Step, a: NodeAccess, access: 'read' | 'write'): boolean => !(s.through ?? []).some((t) => t.node === a.node && t.access === access);
  const add = (id: string, columns: readonly string[] | undefined, access: 'read' | 'write' | 'modify'): void => {
    const n = byId.get(id);
    if (n === undefined || !(n.kind === 'table' || (n.kind === 'temp-table' && !created.has(n.name)))) return;
    const cols = new Set(columns ?? []);
    mergeEffect(out, {
      kind: n.kind, name: n.name, label: n.label, ...(n.kind === 'table' && n.synonymOf ? { synonymOf: n.synonymOf } : {}),
      read: access === 'read' ? cols : undefined, write: access === 'write' ? cols : undefined, modifies: access === 'modify', via: new Set([graph.object.displayName]),
    });
  };
  for (const s of graph.steps) {
    for (const r of s.reads) if (own(s, r, 'read')) add(r.node, r.columns, 'read');
    for (const w of s.writes) if (own(s, w, 'write')) add(w.node, w.columns, 'write');
    for (const m of s.modifies ?? []) add(m, undefined, 'modify');
  }
  return out;
}

/** The procedures (normalised names) a step EXECs, of those `defined` holds. */
function calleesOf(graph: DataFlowGraph, step: Step, defined: { has(name: string): boolean }): string[] {
  const names: string[] = [];
  for (const id of step.calls) {
    const n = graph.nodes.find((x) => x.id === id);
    if (n?.kind === 'procedure' && defined.has(n.name) && !names.includes(n.name)) names.push(n.name);
  }
  return names;
}

/** True when some step of `graph` EXECs a procedure `known` holds (its steps then take that
 * procedure's effects, so the graph is final only once the whole set is known). */
export function execsProcedureOf(graph: DataFlowGraph, known: { has(name: string): boolean }): boolean {
  return graph.steps.some((s) => calleesOf(graph, s, known).length > 0);
}

/** One effect as plain data (sets as arrays in their order): it crosses threads. */
export interface EffectData {
  readonly kind: 'table' | 'temp-table';
  readonly name: string;
  readonly label: string;
  readonly synonymOf?: SynonymTarget;
  readonly read?: readonly string[];
  readonly write?: readonly string[];
  readonly modifies: boolean;
  readonly via: readonly string[];
}

/** What one procedure's graph gives the fixpoint, as plain data (a builder thread sends it). */
export interface ProcedureEffects {
  /** The procedure's normalised name. */
  readonly name: string;
  /** What its own statements do to tables and to #temp tables it does not create. */
  readonly own: readonly EffectData[];
  /** The #temp tables it creates (its own: gone when it returns). */
  readonly created: readonly string[];
  /** Every procedure it EXECs, in order of first call, whether the set defines it or not. */
  readonly callees: readonly string[];
}

/** Each procedure of the set with every table and caller's #temp its EXECs reach, as plain data. */
export type CalleeEffects = readonly (readonly [string, readonly EffectData[]])[];

const toData = (e: Effect): EffectData => ({
  kind: e.kind, name: e.name, label: e.label, ...(e.synonymOf ? { synonymOf: e.synonymOf } : {}),
  ...(e.read ? { read: [...e.read] } : {}), ...(e.write ? { write: [...e.write] } : {}), modifies: e.modifies, via: [...e.via],
});

const fromData = (e: EffectData): Effect => ({
  kind: e.kind, name: e.name, label: e.label, ...(e.synonymOf ? { synonymOf: e.synonymOf } : {}),
  read: e.read && new Set(e.read), write: e.write && new Set(e.write), modifies: e.modifies, via: new Set(e.via),
});

const effectsFrom = (list: readonly EffectData[]): Effects => new Map(list.map((d) => [keyOf(d.kind, d.name), fromData(d)]));

/** Step 1, per graph: what one procedure's graph gives {@link calleeEffectsOf}. Pure. */
export function procedureEffectsOf(graph: DataFlowGraph): ProcedureEffects {
  const created = createdTemps(graph);
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const callees: string[] = [];
  for (const s of graph.steps) {
    for (const id of s.calls) {
      const n = byId.get(id);
      if (n?.kind === 'procedure' && !callees.includes(n.name)) callees.push(n.name);
    }
  }
  return { name: graph.object.name, own: [...ownEffects(graph, created).values()].map(toData), created: [...created], callees };
}

/**
 * Step 2, once per set: what each procedure does to tables and to its callers' #temp tables,
 * its callees' effects included. `procedures` are the set's definitions in effect, in the set's
 * order (the first of a name counts). Own effects, then callees' merged in until nothing grows
 * (a cycle or a recursive procedure reaches its fixpoint; every set only grows and is bounded).
 */
export function calleeEffectsOf(procedures: readonly ProcedureEffects[]): CalleeEffects {
  const byName = new Map<string, ProcedureEffects>();
  for (const p of procedures) if (!byName.has(p.name)) byName.set(p.name, p);
  const created = new Map([...byName].map(([name, p]) => [name, new Set(p.created)]));
  const effects = new Map([...byName].map(([name, p]) => [name, effectsFrom(p.own)]));
  const callees = new Map([...byName].map(([name, p]) => [name, p.callees.filter((c) => byName.has(c))]));
  let grew = true;
  while (grew) {
    grew = false;
    for (const [name, list] of callees) {
      const mine = effects.get(name) as Effects;
      const ownTemps = created.get(name) as Set<string>;
      for (const callee of list) {
        for (const e of [...(effects.get(callee) ?? new Map<string, Effect>()).values()]) {
          // the caller's own #temp: what the callee does to it stays inside the caller
          if (e.kind === 'temp-table' && ownTemps.has(e.name)) continue;
          if (mergeEffect(mine, e)) grew = true;
        }
      }
    }
  }
  return [...effects].map(([name, e]) => [name, [...e.values()].map(toData)] as const);
}

/** A node id as the graph's registry makes them (`t_dbo_orders`, `tmp_stage`), unique in `used`. */
function newNodeId(kind: 'table' | 'temp-table', name: string, used: Set<string>): string {
  const tail = name.replace(/^[#@]+/, '').replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '') || 'x';
  const base = `${kind === 'table' ? 't' : 'tmp'}_${tail}`;
  let id = base;
  for (let i = 2; used.has(id); i++) id = `${base}_${i}`;
  used.add(id);
  return id;
}

const KIND_ORDER: readonly GraphNode['kind'][] = ['table', 'temp-table', 'table-variable', 'variable', 'parameter', 'cursor', 'procedure', 'result-set', 'dynamic-sql', 'function'];

/** Unions an access list with one more access (columns merged, sorted). */
function withAccess(list: NodeAccess[], node: string, columns: Iterable<string>): void {
  const at = list.findIndex((a) => a.node === node);
  const cols = [...new Set([...(at >= 0 ? (list[at] as NodeAccess).columns : []), ...columns])].sort(byText);
  if (at >= 0) list[at] = { node, columns: cols };
  else list.push({ node, columns: cols });
}

/** {@link CalleeEffects} read back for {@link applyCalleeEffects} (once per set, not per graph). */
export type CalleeEffectsByName = ReadonlyMap<string, Effects>;

export function calleeEffectsByName(effects: CalleeEffects): CalleeEffectsByName {
  return new Map(effects.map(([name, list]) => [name, effectsFrom(list)]));
}

/**
 * Step 3, per graph: `graph` with its EXEC steps carrying their callees' effects; the graph
 * itself when it calls no procedure of the set (the names `effects` holds). Pure.
 */
export function applyCalleeEffects<G extends DataFlowGraph>(graph: G, effects: CalleeEffectsByName): G {
  if (!execsProcedureOf(graph, effects)) return graph;
  const nodes = graph.nodes.map((n) => ({ ...n, columns: [...n.columns] })) as (GraphNode & { columns: string[]; role: NodeRole })[];
  const used = new Set(nodes.map((n) => n.id));
  const nodeFor = (e: Effect, line: number): GraphNode & { columns: string[]; role: NodeRole } => {
    const found = nodes.find((n) => n.kind === e.kind && n.name === e.name);
    if (found !== undefined) return found;
    const id = newNodeId(e.kind, e.name, used);
    const base = { id, name: e.name, label: e.label, role: (e.kind === 'table' ? 'input' : 'intermediate') as NodeRole, columns: [] as string[], line };
    const made = e.kind === 'table'
      ? { kind: 'table' as const, ...base, ...(e.synonymOf ? { synonymOf: e.synonymOf } : {}) }
      : { kind: 'temp-table' as const, ...base, global: e.name.startsWith('##') };
    nodes.push(made);
    return made;
  };
  const steps = graph.steps.map((step): Step => {
    const called = calleesOf(graph, step, effects);
    if (called.length === 0) return step;
    const merged: Effects = new Map();
    for (const name of called) for (const e of (effects.get(name) ?? new Map<string, Effect>()).values()) mergeEffect(merged, e);
    if (merged.size === 0) return step;
    const reads = [...step.reads];
    const writes = [...step.writes];
    const modifies = new Set(step.modifies ?? []);
    const through: CalleeAccess[] = [...(step.through ?? [])];
    const note = (node: string, access: 'read' | 'write', via: Set<string>, direct: readonly NodeAccess[]): void => {
      if (direct.some((a) => a.node === node)) return; // the statement names it itself
      through.push({ node, access, via: [...via].sort(byText) });
    };
    for (const e of [...merged.values()].sort((a, b) => byText(a.name, b.name))) {
      const node = nodeFor(e, step.lines.start);
      const known = (cols: Set<string>): string[] => [...cols].filter((c) => c !== '*');
      for (const c of [...known(e.read ?? new Set()), ...known(e.write ?? new Set())]) if (!node.columns.includes(c)) node.columns.push(c);
      if (e.read) { note(node.id, 'read', e.via, step.reads); withAccess(reads, node.id, e.read); }
      if (e.write) {
        note(node.id, 'write', e.via, step.writes);
        withAccess(writes, node.id, e.write);
        if (node.kind === 'table') node.role = 'output';
      }
      if (e.modifies) modifies.add(node.id);
    }
    reads.sort((a, b) => byText(a.node, b.node));
    writes.sort((a, b) => byText(a.node, b.node));
    return { ...step, reads, writes, ...(modifies.size > 0 ? { modifies: [...modifies].sort(byText) } : {}), ...(through.length > 0 ? { through } : {}) };
  });
  if (steps.every((s, i) => s === graph.steps[i])) return graph;
  const rank = (k: GraphNode['kind']): number => KIND_ORDER.indexOf(k);
  const sorted = [...nodes].sort((a, b) => rank(a.kind) - rank(b.kind) || byText(a.id, b.id));
  const ids = (role: NodeRole): string[] => sorted.filter((n) => n.role === role).map((n) => n.id).sort(byText);
  return {
    ...graph,
    nodes: sorted,
    steps,
    summary: { ...graph.summary, inputs: ids('input'), outputs: ids('output'), intermediates: ids('intermediate'), temps: sorted.filter((n) => n.kind === 'temp-table' || n.kind === 'table-variable').map((n) => n.id).sort(byText) },
  };
}

/**
 * `graphs` with every step that EXECs a procedure of the set (EXEC, INSERT … EXEC) reading and
 * writing what that procedure reads and writes, transitively (listed in the step's `through`
 * as well). A procedure is the set's definition in effect (an upgrade script's ALTER over its
 * CREATE); graphs that call none come back as they are, in the same order. Pure.
 */
export function withCalleeEffects<G extends DataFlowGraph>(graphs: readonly G[]): G[] {
  const procedures = graphs.filter((g) => g.object.kind === 'procedure' && g.object.duplicate?.current !== false);
  if (procedures.length === 0) return [...graphs];
  const effects = calleeEffectsByName(calleeEffectsOf(procedures.map(procedureEffectsOf)));
  return graphs.map((g) => applyCalleeEffects(g, effects));
}
