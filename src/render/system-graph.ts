import type { DataFlowGraph, SystemGraph, SystemLink, SystemObject } from '../dataflow';

const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The external interface of one object: permanent tables read and written, procedures called. */
export function describeSystemObject(graph: DataFlowGraph): SystemObject {
  const nodes = new Map(graph.nodes.map((n) => [n.id, n]));
  const reads = new Set<string>();
  const writes = new Set<string>();
  const readAsData = new Set<string>();
  for (const step of graph.steps) {
    // A condition that reads rows (`IF EXISTS (SELECT … FROM t)`) is a step labelled with it.
    const condition = step.kind === 'other' && /^(IF|WHILE) /.test(step.label);
    for (const r of step.reads) {
      const n = nodes.get(r.node);
      if (n?.kind !== 'table') continue;
      reads.add(n.name);
      if (!condition) readAsData.add(n.name);
    }
    for (const w of step.writes) { const n = nodes.get(w.node); if (n?.kind === 'table') writes.add(n.name); }
  }
  const calls = graph.nodes.filter((n) => n.kind === 'procedure').map((n) => n.name);
  const controlReads = [...reads].filter((t) => !readAsData.has(t)).sort(byName);
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

/**
 * Every link between `objects` (sorted by name), without making them, and each object's
 * "before" set for the migration order: `feed(i, k, made)` once
 * per object k reading a table that object i makes (`made`), k in the order met (table by table,
 * each table's readers in name order); `call(i, callee)` per call of an object in the set, after
 * i's feeds. A set of a few thousand procedures sharing log and staging tables has ~100k links:
 * each producer meets only the readers of what it makes, told apart by a mark per object.
 */
function walkLinks(objects: readonly SystemObject[], feed: (i: number, k: number, made: ReadonlySet<string>) => void, call: (i: number, callee: string) => void): Map<string, Set<string>> {
  // "x before y": producers before consumers, callees before callers.
  const before = new Map<string, Set<string>>(objects.map((o) => [o.name, new Set<string>()]));
  const names = new Set(objects.map((o) => o.name));
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
        before.get(a.name)?.add((objects[k] as SystemObject).name);
        feed(i, k, made);
      }
    }
    for (const callee of a.calls) {
      if (!names.has(callee)) continue;
      before.get(callee)?.add(a.name);
      call(i, callee);
    }
  });
  return before;
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
  const before = walkLinks(objects, (i, k, made) => {
    enter(i);
    groupFeeds.push(feedLink((objects[i] as SystemObject).name, objects[k] as SystemObject, made));
    groupTo.push(k);
  }, (i, callee) => {
    enter(i);
    groupCalls.push({ kind: 'calls', from: (objects[i] as SystemObject).name, to: callee });
  });
  flush();
  return { kind: 'SystemGraph', objects, links: calls.concat(feeds), ...orderComponents(objects.map((o) => o.name), before) };
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
  const before = walkLinks(objects, (i, k) => count('feeds', group[i] as string, group[k] as string), (i, callee) => count('calls', group[i] as string, groupOf(callee)));
  return { objects, links, groups, between: [...between.values()], ...orderComponents(objects.map((o) => o.name), before) };
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

/** Tarjan's strongly connected components, then Kahn's order over them with ties by name. */
function orderComponents(names: readonly string[], next: ReadonlyMap<string, ReadonlySet<string>>): { order: string[]; cycles: string[][] } {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  let counter = 0;
  // Iterative: a chain of a few thousand objects (each feeding the next, or all sharing a log
  // table) made the recursive version overflow the call stack.
  type Frame = { v: string; next: string[]; k: number };
  const visit = (root: string): void => {
    const open = (v: string): Frame => {
      index.set(v, counter);
      low.set(v, counter);
      counter++;
      stack.push(v);
      onStack.add(v);
      return { v, next: [...(next.get(v) ?? [])].sort(byName), k: 0 };
    };
    const frames = [open(root)];
    while (frames.length > 0) {
      const f = frames[frames.length - 1] as Frame;
      if (f.k < f.next.length) {
        const w = f.next[f.k++] as string;
        if (!index.has(w)) frames.push(open(w));
        else if (onStack.has(w)) low.set(f.v, Math.min(low.get(f.v) as number, index.get(w) as number));
        continue;
      }
      frames.pop();
      const parent = frames[frames.length - 1];
      if (parent !== undefined) low.set(parent.v, Math.min(low.get(parent.v) as number, low.get(f.v) as number));
      if (low.get(f.v) === index.get(f.v)) {
        const comp: string[] = [];
        let w: string;
        do {
          w = stack.pop() as string;
          onStack.delete(w);
          comp.push(w);
        } while (w !== f.v);
        components.push(comp.sort(byName));
      }
    }
  };
  for (const n of [...names].sort(byName)) if (!index.has(n)) visit(n);
  const compOf = new Map<string, number>();
  components.forEach((c, i) => c.forEach((n) => compOf.set(n, i)));
  const indegree = components.map(() => 0);
  const edges = components.map(() => new Set<number>());
  for (const [from, tos] of next) {
    for (const to of tos) {
      const a = compOf.get(from) as number;
      const b = compOf.get(to) as number;
      if (a !== b && !(edges[a] as Set<number>).has(b)) {
        (edges[a] as Set<number>).add(b);
        indegree[b] = (indegree[b] as number) + 1;
      }
    }
  }
  // The ready components in a heap by first name: sorting the ready list on every step was
  // quadratic (thousands of independent procedures are all ready at once: 0.3 s on 3,227).
  const firstName = (i: number): string => (components[i] as string[])[0] as string;
  const ready = new NameHeap(firstName);
  components.forEach((_, i) => { if (indegree[i] === 0) ready.push(i); });
  const order: string[] = [];
  for (let i = ready.pop(); i !== undefined; i = ready.pop()) {
    order.push(...(components[i] as string[]));
    for (const j of edges[i] as Set<number>) {
      indegree[j] = (indegree[j] as number) - 1;
      if (indegree[j] === 0) ready.push(j);
    }
  }
  const cycles = components
    .filter((c) => c.length > 1 || next.get(c[0] as string)?.has(c[0] as string))
    .sort((x, y) => byName(x[0] as string, y[0] as string));
  return { order, cycles };
}

/** A binary min-heap of items ordered by a name each (names unique): Kahn's order takes the
 * ready component with the smallest name in O(log n). */
class NameHeap {
  private readonly items: number[] = [];
  constructor(private readonly nameOf: (item: number) => string) {}

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
    return byName(this.nameOf(x), this.nameOf(y)) < 0;
  }
}
