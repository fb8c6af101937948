import { ownAccesses, type DataFlowGraph, type SystemGraph, type SystemLink, type SystemObject } from '../dataflow';
import { carrierSources, indexNodes } from './graph-queries';

const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The external interface of one object: permanent tables read and written, procedures called. */
export function describeSystemObject(graph: DataFlowGraph): SystemObject {
  const nodes = indexNodes(graph);
  const reads = new Set<string>();
  const writes = new Set<string>();
  const readAsData = new Set<string>();
  // Tables whose values reach a condition: read in it, or held in a variable it (or an IF/WHILE around a step) tests.
  const decides = new Set<string>();
  const sources = carrierSources(graph, nodes);
  // through a synonym, the target's rows: an object reading the target directly is fed the same
  const tableName = (id: string): string | undefined => { const n = nodes.get(id); return n?.kind === 'table' ? n.synonymOf?.name ?? n.name : undefined; };
  const tablesOf = (accesses: readonly { readonly node: string }[], into: Set<string>): void => {
    for (const a of accesses) {
      const direct = tableName(a.node);
      if (direct !== undefined) into.add(direct);
      else for (const src of sources.get(a.node) ?? []) { const t = tableName(src); if (t !== undefined) into.add(t); }
    }
  };
  for (const step of graph.steps) {
    // A condition that reads rows (`IF EXISTS (SELECT … FROM t)`) is a step labelled with it.
    const condition = step.kind === 'other' && /^(IF|WHILE) /.test(step.label);
    // a callee's tables are its own object's interface: the `calls` link carries them
    const mine = ownAccesses(step);
    for (const r of mine.reads) {
      const name = tableName(r.node);
      if (name !== undefined) reads.add(name);
    }
    tablesOf(step.context.flatMap((c) => c.controls ?? []), decides);
    if (condition) tablesOf(mine.reads, decides);
    // `SELECT TOP (1) @Status = [Status] FROM t ORDER BY …` only sets variables: t's values count as
    // data where the variables are read outside conditions (carrierSources), not at the lookup.
    else if (!assignsOnlyVariables(step, mine.writes, nodes)) tablesOf(mine.reads, readAsData);
    for (const w of mine.writes) { const n = nodes.get(w.node); if (n?.kind === 'table') writes.add(n.synonymOf?.name ?? n.name); }
  }
  // A trigger's inserted/deleted rows are its table's (an input no step reads): every object writing
  // that table feeds the trigger, which SQL Server runs with the write, so the two are linked.
  if (graph.object.kind === 'trigger') {
    const read = new Set(graph.steps.flatMap((s) => s.reads.map((r) => r.node)));
    for (const n of graph.nodes) {
      if (n.kind === 'table' && n.role === 'input' && !read.has(n.id)) { reads.add(n.name); readAsData.add(n.name); }
    }
  }
  const calls = graph.nodes.filter((n) => n.kind === 'procedure').map((n) => n.name);
  // A table a lookup reads into a variable no step uses: read as data, as before such lookups were followed.
  const controlReads = [...reads].filter((t) => !readAsData.has(t) && decides.has(t)).sort(byName);
  return {
    ...(controlReads.length > 0 ? { controlReads } : {}),
    kind: 'system-object',
    name: graph.object.name,
    displayName: graph.object.displayName,
    objectKind: graph.object.kind,
    file: graph.object.file,
    grade: graph.complexity.grade,
    reads: [...reads].sort(byName),
    writes: [...writes].sort(byName),
    calls: [...new Set(calls)].sort(byName),
  };
}

/** A step that writes only variables (no OUTPUT parameter, table, result or call): what it reads feeds only them. */
function assignsOnlyVariables(step: DataFlowGraph['steps'][number], writes: readonly { readonly node: string }[], nodes: ReadonlyMap<string, DataFlowGraph['nodes'][number]>): boolean {
  if (writes.length === 0 || step.calls.length > 0) return false;
  return writes.every((w) => { const n = nodes.get(w.node); return n?.kind === 'variable' || n?.kind === 'cursor'; });
}

/**
 * How a set of objects depend on each other: `feeds` links where one writes a table another
 * reads (a view "writes" its own name), `calls` links for EXECs within the set; a migration
 * order (producers and callees first) and the cycles that prevent a strict order.
 */
export function buildSystemGraph(graphs: readonly DataFlowGraph[]): SystemGraph {
  return linkSystemObjects(graphs.map(describeSystemObject));
}

/** Objects sorted by name and ranked: objects of one name share a rank (scripts of one file
 * name do), so sorting by rank is sorting by name, and a stable sort keeps the order the
 * objects were met in among equal names. */
function rankObjects(described: readonly SystemObject[]): { objects: SystemObject[]; rank: Int32Array } {
  const objects = [...described].sort((a, b) => byName(a.name, b.name));
  const rank = new Int32Array(objects.length);
  objects.forEach((o, i) => { rank[i] = i > 0 && (objects[i - 1] as SystemObject).name === o.name ? rank[i - 1] as number : i; });
  return { objects, rank };
}

/** "x before y" pairs over the distinct names of a set (ids in name order): producers before
 * consumers, callees before callers. */
interface Dependencies {
  readonly names: readonly string[];
  /** Edges as consecutive (from, to) name ids, repeats allowed. */
  readonly edges: readonly number[];
}

/**
 * Every link between `objects` (sorted by name), without making them, and the "before" pairs
 * for the migration order: `feed(i, k, made)` once per object k reading a table that object i
 * makes (`made`), k in the order met (table by table, each table's readers in name order);
 * `call(i, callee)` per call of an object in the set, after i's feeds. A set of a few thousand
 * procedures sharing log and staging tables has ~100k links: each producer meets only the
 * readers of what it makes, told apart by a mark per object, and the pairs are numbers.
 */
function walkLinks(objects: readonly SystemObject[], feed: (i: number, k: number, made: ReadonlySet<string>) => void, call: (i: number, callee: string) => void): Dependencies {
  const names: string[] = [];
  const id = new Int32Array(objects.length);
  const idOfName = new Map<string, number>();
  objects.forEach((o, i) => {
    if (i === 0 || (objects[i - 1] as SystemObject).name !== o.name) {
      idOfName.set(o.name, names.length);
      names.push(o.name);
    }
    id[i] = names.length - 1;
  });
  const edges: number[] = [];
  const readers = new Map<string, number[]>();
  objects.forEach((b, i) => {
    for (const t of b.reads) {
      const list = readers.get(t);
      if (list) list.push(i);
      else readers.set(t, [i]);
    }
  });
  const seen = new Int32Array(objects.length).fill(-1);
  objects.forEach((a, i) => {
    const made = new Set(a.objectKind === 'view' ? [...a.writes, a.name] : a.writes);
    for (const t of made) {
      for (const k of readers.get(t) ?? []) {
        if (k === i || seen[k] === i) continue;
        seen[k] = i;
        edges.push(id[i] as number, id[k] as number);
        feed(i, k, made);
      }
    }
    for (const callee of a.calls) {
      const c = idOfName.get(callee);
      if (c === undefined) continue;
      edges.push(c, id[i] as number);
      call(i, callee);
    }
  });
  return { names, edges };
}

/** The system graph of objects already described (see {@link buildSystemGraph}). Links come
 * sorted by kind, then the names of `from` and `to`, ties in the order objects and their
 * consumers are met. */
export function linkSystemObjects(described: readonly SystemObject[]): SystemGraph {
  const { objects, rank } = rankObjects(described);
  const calls: SystemLink[] = [];
  const feeds: SystemLink[] = [];
  // Objects of one name are one group: their links sort among each other by `to` alone
  // (stable: equal names keep the order met), and a group's links follow the previous group's.
  let group = -1;
  let groupFeeds: SystemLink[] = [];
  let groupTo: number[] = [];
  let groupCalls: SystemLink[] = [];
  const flush = (): void => {
    const sorted = groupTo.map((_, n) => n).sort((x, y) => (rank[groupTo[x] as number] as number) - (rank[groupTo[y] as number] as number));
    for (const n of sorted) feeds.push(groupFeeds[n] as SystemLink);
    if (groupCalls.length > 1) groupCalls.sort((x, y) => byName(x.to, y.to));
    for (const c of groupCalls) calls.push(c);
    groupFeeds = [];
    groupTo = [];
    groupCalls = [];
  };
  const enter = (i: number): void => {
    if (rank[i] === group) return;
    flush();
    group = rank[i] as number;
  };
  const dependencies = walkLinks(objects, (i, k, made) => {
    enter(i);
    groupFeeds.push(feedLink((objects[i] as SystemObject).name, objects[k] as SystemObject, made));
    groupTo.push(k);
  }, (i, callee) => {
    enter(i);
    groupCalls.push({ kind: 'calls', from: (objects[i] as SystemObject).name, to: callee });
  });
  flush();
  return { kind: 'SystemGraph', objects, links: calls.concat(feeds), ...orderComponents(dependencies) };
}

/** A system graph too large to draw object by object, as the index shows it: its objects, order
 * and cycles, how many links it has, and its links counted by pair of groups (schemas). */
export interface SystemOutline {
  readonly objects: readonly SystemObject[];
  readonly order: readonly string[];
  readonly cycles: readonly (readonly string[])[];
  readonly links: number;
  /** Per group: its objects and the links between two of them. */
  readonly groups: ReadonlyMap<string, { readonly objects: number; readonly inside: number }>;
  /** Links between two groups, by kind and pair, in no particular order. */
  readonly between: readonly { readonly kind: SystemLink['kind']; readonly from: string; readonly to: string; readonly count: number }[];
}

/** {@link linkSystemObjects}'s graph outlined (see {@link SystemOutline}), without making a link:
 * the same order, cycles, number of links and counts, at a fraction of the cost on large sets.
 * `groupOf` names an object's group (its schema). */
export function outlineSystemObjects(described: readonly SystemObject[], groupOf: (name: string) => string): SystemOutline {
  const { objects } = rankObjects(described);
  const group = objects.map((o) => groupOf(o.name));
  const groups = new Map<string, { objects: number; inside: number }>();
  for (const g of group) {
    const entry = groups.get(g) ?? { objects: 0, inside: 0 };
    entry.objects++;
    groups.set(g, entry);
  }
  const between = new Map<string, { kind: SystemLink['kind']; from: string; to: string; count: number }>();
  let links = 0;
  const count = (kind: SystemLink['kind'], from: string, to: string): void => {
    links++;
    if (from === to) {
      (groups.get(from) as { inside: number }).inside++;
      return;
    }
    const key = `${kind} ${from} ${to}`;
    const entry = between.get(key);
    if (entry) entry.count++;
    else between.set(key, { kind, from, to, count: 1 });
  };
  const dependencies = walkLinks(objects, (i, k) => count('feeds', group[i] as string, group[k] as string), (i, callee) => count('calls', group[i] as string, groupOf(callee)));
  return { objects, links, groups, between: [...between.values()], ...orderComponents(dependencies) };
}

/** The `feeds` link from an object that makes the tables `made` to `b`, which reads some of
 * them: the tables in `b`'s order, marked `controls` when `b` reads each only in conditions. */
function feedLink(from: string, b: SystemObject, made: ReadonlySet<string>): SystemLink {
  const tables: string[] = [];
  for (const t of b.reads) if (made.has(t)) tables.push(t);
  let controls = b.controlReads !== undefined;
  for (let k = 0; controls && k < tables.length; k++) controls = (b.controlReads as readonly string[]).includes(tables[k] as string);
  return controls ? { kind: 'feeds', from, to: b.name, tables, controls } : { kind: 'feeds', from, to: b.name, tables };
}

/**
 * Tarjan's strongly connected components, then Kahn's order over them with ties by name. Names
 * are ids in name order, so "by name" is by number: typed arrays instead of maps and sets of
 * strings (0.14 s of the index page on 3,227 objects and 122k links before).
 */
function orderComponents({ names, edges }: Dependencies): { order: string[]; cycles: string[][] } {
  const n = names.length;
  // Each name's successors, ascending and without repeats (CSR), and its loops to itself.
  const pairs = new Float64Array(edges.length / 2);
  for (let e = 0; e < pairs.length; e++) pairs[e] = (edges[2 * e] as number) * n + (edges[2 * e + 1] as number);
  pairs.sort();
  const start = new Int32Array(n + 1);
  const next: number[] = [];
  const loops = new Uint8Array(n);
  for (let e = 0; e < pairs.length; e++) {
    const p = pairs[e] as number;
    if (e > 0 && p === pairs[e - 1]) continue;
    const from = Math.floor(p / n);
    const to = p - from * n;
    if (from === to) loops[from] = 1;
    next.push(to);
    start[from + 1] = (start[from + 1] as number) + 1;
  }
  for (let v = 0; v < n; v++) start[v + 1] = (start[v + 1] as number) + (start[v] as number);
  // Iterative: a chain of a few thousand objects (each feeding the next, or all sharing a log
  // table) made the recursive version overflow the call stack.
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack: number[] = [];
  const components: number[][] = [];
  const frameV: number[] = [];
  const frameK: number[] = [];
  let counter = 0;
  const open = (v: number): void => {
    index[v] = counter;
    low[v] = counter;
    counter++;
    stack.push(v);
    onStack[v] = 1;
    frameV.push(v);
    frameK.push(start[v] as number);
  };
  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    open(root);
    while (frameV.length > 0) {
      const top = frameV.length - 1;
      const v = frameV[top] as number;
      const k = frameK[top] as number;
      if (k < (start[v + 1] as number)) {
        frameK[top] = k + 1;
        const w = next[k] as number;
        if (index[w] === -1) open(w);
        else if (onStack[w] === 1) low[v] = Math.min(low[v] as number, index[w] as number);
        continue;
      }
      frameV.pop();
      frameK.pop();
      if (frameV.length > 0) {
        const parent = frameV[frameV.length - 1] as number;
        low[parent] = Math.min(low[parent] as number, low[v] as number);
      }
      if (low[v] === index[v]) {
        const comp: number[] = [];
        let w: number;
        do {
          w = stack.pop() as number;
          onStack[w] = 0;
          comp.push(w);
        } while (w !== v);
        components.push(comp.sort((a, b) => a - b));
      }
    }
  }
  const compOf = new Int32Array(n);
  components.forEach((c, i) => { for (const v of c) compOf[v] = i; });
  const indegree = new Int32Array(components.length);
  const after: number[][] = components.map(() => []);
  const mark = new Int32Array(components.length).fill(-1);
  components.forEach((c, a) => {
    for (const v of c) {
      for (let k = start[v] as number; k < (start[v + 1] as number); k++) {
        const b = compOf[next[k] as number] as number;
        if (a === b || mark[b] === a) continue;
        mark[b] = a;
        (after[a] as number[]).push(b);
        indegree[b] = (indegree[b] as number) + 1;
      }
    }
  });
  // The ready components in a heap by first name (their least id): sorting the ready list on
  // every step was quadratic (thousands of independent procedures are all ready at once).
  const ready = new MinHeap((i) => (components[i] as number[])[0] as number);
  components.forEach((_, i) => { if (indegree[i] === 0) ready.push(i); });
  const order: string[] = [];
  for (let i = ready.pop(); i !== undefined; i = ready.pop()) {
    for (const v of components[i] as number[]) order.push(names[v] as string);
    for (const j of after[i] as number[]) {
      indegree[j] = (indegree[j] as number) - 1;
      if (indegree[j] === 0) ready.push(j);
    }
  }
  const cycles = components
    .filter((c) => c.length > 1 || loops[c[0] as number] === 1)
    .sort((x, y) => (x[0] as number) - (y[0] as number))
    .map((c) => c.map((v) => names[v] as string));
  return { order, cycles };
}

/** A binary min-heap of items ordered by a number each (unique): Kahn's order takes the ready
 * component with the smallest name (its least id) in O(log n). */
class MinHeap {
  private readonly items: number[] = [];
  constructor(private readonly keyOf: (item: number) => number) {}

  push(item: number): void {
    const a = this.items;
    a.push(item);
    for (let k = a.length - 1; k > 0;) {
      const parent = (k - 1) >> 1;
      if (!this.less(a[k] as number, a[parent] as number)) break;
      [a[k], a[parent]] = [a[parent] as number, a[k] as number];
      k = parent;
    }
  }

  pop(): number | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length === 0 || last === undefined) return top;
    a[0] = last;
    for (let k = 0; ;) {
      const l = 2 * k + 1;
      const r = l + 1;
      let m = k;
      if (l < a.length && this.less(a[l] as number, a[m] as number)) m = l;
      if (r < a.length && this.less(a[r] as number, a[m] as number)) m = r;
      if (m === k) break;
      [a[k], a[m]] = [a[m] as number, a[k] as number];
      k = m;
    }
    return top;
  }

  private less(x: number, y: number): boolean {
    return this.keyOf(x) < this.keyOf(y);
  }
}
