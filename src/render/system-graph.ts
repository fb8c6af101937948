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

/** The system graph of objects already described (see {@link buildSystemGraph}). */
export function linkSystemObjects(described: readonly SystemObject[]): SystemGraph {
  const objects = [...described].sort((a, b) => byName(a.name, b.name));
  const names = new Set(objects.map((o) => o.name));
  const produced = (o: SystemObject): string[] => (o.objectKind === 'view' ? [...o.writes, o.name] : [...o.writes]);
  // Readers by table, so each producer meets only the objects that read what it makes
  // instead of every object (quadratic on thousands of procedures).
  const readers = new Map<string, SystemObject[]>();
  for (const b of objects) {
    for (const t of b.reads) {
      const list = readers.get(t);
      if (list) list.push(b);
      else readers.set(t, [b]);
    }
  }
  const links: SystemLink[] = [];
  for (const a of objects) {
    const made = new Set(produced(a));
    const consumers = new Set<SystemObject>();
    for (const t of made) for (const b of readers.get(t) ?? []) if (b !== a) consumers.add(b);
    for (const b of consumers) {
      const tables = b.reads.filter((t) => made.has(t));
      const controls = tables.every((t) => b.controlReads?.includes(t) === true);
      links.push(controls ? { kind: 'feeds', from: a.name, to: b.name, tables, controls } : { kind: 'feeds', from: a.name, to: b.name, tables });
    }
    for (const callee of a.calls) if (names.has(callee)) links.push({ kind: 'calls', from: a.name, to: callee });
  }
  links.sort((x, y) => byName(x.kind, y.kind) || byName(x.from, y.from) || byName(x.to, y.to));
  // "x before y": producers before consumers, callees before callers.
  const before = new Map<string, Set<string>>(objects.map((o) => [o.name, new Set<string>()]));
  for (const l of links) {
    if (l.kind === 'feeds') before.get(l.from)?.add(l.to);
    else before.get(l.to)?.add(l.from);
  }
  const { order, cycles } = orderComponents(objects.map((o) => o.name), before);
  return { kind: 'SystemGraph', objects, links, order, cycles };
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
