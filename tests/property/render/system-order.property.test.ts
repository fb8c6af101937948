import fc from 'fast-check';
import type { SystemObject } from '../../../src/dataflow';
import { linkSystemObjects } from '../../../src/render/system-graph';

// The migration order of the system graph (Kahn's order, ties by name) on random sets without
// cycles, against the plain definition: repeatedly take the smallest-named object whose
// producers and callees are all taken. The order reads its ready objects from a heap; a heap
// that broke ties differently, or lost an item, would fail here. And its cycles on random sets
// with cycles, against their definition (objects that reach each other), and on chains too long
// for a recursive search.

const object = (name: string, reads: string[], writes: string[], calls: string[]): SystemObject => ({
  kind: 'system-object', name, displayName: name, objectKind: 'procedure', file: `${name}.sql`, grade: 'low', reads, writes, calls,
});

/** Objects 0..n-1 under random names; object i reads tables written by and calls objects j < i only. */
const acyclicSets = fc.integer({ min: 0, max: 40 }).chain((n) => fc.record({
  names: fc.uniqueArray(fc.stringMatching(/^dbo\.p[a-z]{1,4}$/), { minLength: n, maxLength: n }),
  edges: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.boolean()), { maxLength: 3 * n }),
}));

/** The names reachable from `from` by one or more edges of `out`. */
function reachable(out: ReadonlyMap<string, ReadonlySet<string>>, from: string): Set<string> {
  const seen = new Set<string>();
  const todo = [...(out.get(from) ?? [])];
  for (let x = todo.pop(); x !== undefined; x = todo.pop()) if (!seen.has(x)) { seen.add(x); todo.push(...(out.get(x) ?? [])); }
  return seen;
}

function referenceOrder(objects: readonly SystemObject[]): string[] {
  const before = new Map(objects.map((o) => [o.name, new Set<string>()]));
  for (const o of objects) {
    for (const c of o.calls) before.get(o.name)?.add(c);
    for (const p of objects) if (p !== o && p.writes.some((t) => o.reads.includes(t))) before.get(o.name)?.add(p.name);
  }
  const done: string[] = [];
  const left = new Set(objects.map((o) => o.name));
  while (left.size > 0) {
    const next = [...left].filter((n) => [...(before.get(n) ?? [])].every((b) => !left.has(b))).sort()[0] as string;
    done.push(next);
    left.delete(next);
  }
  return done;
}

describe('system graph order', () => {
  it('takes the smallest-named ready object first, on random sets without cycles', () => {
    fc.assert(fc.property(acyclicSets, ({ names, edges }) => {
      const reads = names.map(() => [] as string[]);
      const calls = names.map(() => [] as string[]);
      for (const [a, b, isCall] of edges) {
        if (names.length < 2) break;
        const i = a % names.length;
        const j = b % names.length;
        if (j >= i) continue;
        if (isCall) calls[i]?.push(names[j] as string);
        else reads[i]?.push(`t.out_${j}`);
      }
      const objects = names.map((n, i) => object(n, [...new Set(reads[i])].sort(), [`t.out_${i}`], [...new Set(calls[i])].sort()));
      const graph = linkSystemObjects(objects);
      expect(graph.cycles).toEqual([]);
      expect(graph.order).toEqual(referenceOrder(objects));
    }), { numRuns: 300 });
  });

  it('reports as cycles exactly the groups of objects that reach each other', () => {
    fc.assert(fc.property(acyclicSets, ({ names, edges }) => {
      const reads = names.map(() => [] as string[]);
      for (const [a, b] of edges) {
        if (names.length === 0) break;
        reads[a % names.length]?.push(`t.out_${b % names.length}`);
      }
      const objects = names.map((n, i) => object(n, [...new Set(reads[i])].sort(), [`t.out_${i}`], []));
      const graph = linkSystemObjects(objects);
      // Reachability by the feeds links, then the groups of mutually reachable objects.
      const out = new Map(names.map((n) => [n, new Set<string>()]));
      for (const l of graph.links) out.get(l.from)?.add(l.to);
      const reaches = new Map(names.map((n) => [n, reachable(out, n)]));
      const groups = new Map<string, string[]>();
      for (const n of [...names].sort()) {
        const group = [...names].filter((m) => m === n || (reaches.get(n)?.has(m) && reaches.get(m)?.has(n))).sort();
        if (group.length > 1 || reaches.get(n)?.has(n)) groups.set(group.join('|'), group);
      }
      expect(graph.cycles).toEqual([...groups.values()].sort((x, y) => ((x[0] as string) < (y[0] as string) ? -1 : 1)));
      expect([...graph.order].sort()).toEqual([...names].sort());
    }), { numRuns: 300 });
  });

  it('orders the groups of objects that reach each other like single objects, on random sets with cycles, calls and repeated names', () => {
    // The definition: each group (objects of one name, then names that reach each other by the
    // links) comes once every group with a link into it has come, the smallest first name first.
    fc.assert(fc.property(acyclicSets, fc.array(fc.nat(), { maxLength: 6 }), ({ names, edges }, repeats) => {
      if (names.length === 0) return;
      const reads = names.map(() => [] as string[]);
      const calls = names.map(() => [] as string[]);
      for (const [a, b, isCall] of edges) {
        const i = a % names.length;
        const j = b % names.length;
        if (isCall) calls[i]?.push(names[j] as string);
        else reads[i]?.push(`t.out_${j}`);
      }
      const objects = names.map((n, i) => object(n, [...new Set(reads[i])].sort(), [`t.out_${i}`], [...new Set(calls[i])].sort()));
      // A second script of an existing name (its links merge with the first's).
      for (const r of repeats) objects.push(object(names[r % names.length] as string, [`t.out_${(r * 7) % names.length}`], [], []));
      const graph = linkSystemObjects(objects);
      const out = new Map(names.map((n) => [n, new Set<string>()]));
      // A link's `from` comes first: the producer (feeds) or the callee (calls, drawn caller -> callee).
      for (const l of graph.links) {
        if (l.kind === 'feeds') out.get(l.from)?.add(l.to);
        else out.get(l.to)?.add(l.from);
      }
      const reaches = new Map(names.map((n) => [n, reachable(out, n)]));
      const groupOf = new Map(names.map((n) => [n, [...names].filter((m) => m === n || (reaches.get(n)?.has(m) && reaches.get(m)?.has(n))).sort()]));
      const groups = [...new Map([...groupOf.values()].map((g) => [g.join('|'), g])).values()];
      const order: string[] = [];
      const done = new Set<string>();
      while (done.size < groups.length) {
        const ready = groups.filter((g) => !done.has(g.join('|')) && names.every((m) => !g.includes(m) || [...out].every(([from, tos]) => !tos.has(m) || g.includes(from) || done.has((groupOf.get(from) as string[]).join('|')))));
        const next = ready.sort((x, y) => ((x[0] as string) < (y[0] as string) ? -1 : 1))[0] as string[];
        done.add(next.join('|'));
        order.push(...next);
      }
      expect(graph.order).toEqual(order);
    }), { numRuns: 300 });
  });

  it.each([['a chain', false], ['a ring', true]])('orders %s of 20,000 objects without running out of stack', (_name, ring) => {
    const n = 20_000;
    const name = (i: number): string => `dbo.p${String(i).padStart(5, '0')}`;
    const objects = Array.from({ length: n }, (_, i) => object(name(i), i > 0 || ring ? [`t.out_${(i + n - 1) % n}`] : [], [`t.out_${i}`], []));
    const graph = linkSystemObjects(objects);
    expect(graph.order).toEqual(objects.map((o) => o.name));
    expect(graph.cycles.map((c) => c.length)).toEqual(ring ? [n] : []);
  });
});
