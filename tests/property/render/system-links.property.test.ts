import fc from 'fast-check';
import type { SystemLink, SystemObject } from '../../../src/dataflow';
import { linkSystemObjects, outlineSystemObjects } from '../../../src/render/system-graph';

// The links of the system graph on random sets, against their plain definition: every pair of
// objects where one makes (writes, or is the view of) a table the other reads, and every call
// of an object in the set, all sorted by kind, then from, then to, ties in the order the
// objects and their reads are met (the first version of linkSystemObjects: a stable sort of
// every link). The sets repeat names (two scripts of one file name are two objects of one
// name), repeat tables and callees, and read tables only in conditions, where the order of
// ties and the `controls` mark are easy to get wrong.

const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function referenceLinks(described: readonly SystemObject[]): SystemLink[] {
  const objects = [...described].sort((a, b) => byName(a.name, b.name));
  const names = new Set(objects.map((o) => o.name));
  const links: SystemLink[] = [];
  for (const a of objects) {
    const made = new Set(a.objectKind === 'view' ? [...a.writes, a.name] : a.writes);
    // Readers met table by table, each table's readers in name order, each reader once.
    const met: SystemObject[] = [];
    for (const t of made) for (const b of objects) if (b !== a && b.reads.includes(t) && !met.includes(b)) met.push(b);
    for (const b of met) {
      const tables = b.reads.filter((t) => made.has(t));
      const controls = tables.every((t) => b.controlReads?.includes(t) === true);
      links.push(controls ? { kind: 'feeds', from: a.name, to: b.name, tables, controls } : { kind: 'feeds', from: a.name, to: b.name, tables });
    }
    for (const callee of a.calls) if (names.has(callee)) links.push({ kind: 'calls', from: a.name, to: callee });
  }
  return links.sort((x, y) => byName(x.kind, y.kind) || byName(x.from, y.from) || byName(x.to, y.to));
}

const NAMES = ['dbo.a', 'dbo.b', 'dbo.B', 'etl.load', 'script.run', 'dbo.v'];
const TABLES = ['t.x', 't.y', 't.z', 'dbo.v', 'log.audit'];

const objectArb = fc.record({
  name: fc.constantFrom(...NAMES),
  view: fc.boolean(),
  reads: fc.uniqueArray(fc.constantFrom(...TABLES), { maxLength: 4 }),
  writes: fc.uniqueArray(fc.constantFrom(...TABLES), { maxLength: 3 }),
  calls: fc.array(fc.constantFrom(...NAMES, 'dbo.elsewhere'), { maxLength: 3 }),
  controls: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
}).map(({ name, view, reads, writes, calls, controls }): SystemObject => {
  const controlReads = reads.filter((_, i) => controls[i] === true);
  return {
    ...(controlReads.length > 0 ? { controlReads } : {}),
    kind: 'system-object', name, displayName: name, objectKind: view ? 'view' : name.startsWith('script.') ? 'script' : 'procedure',
    file: `${name}.sql`, grade: 'low', reads, writes, calls,
  };
});

describe('system graph links', () => {
  it('are every producer-reader pair and call in the set, sorted with ties in the order met', () => {
    fc.assert(fc.property(fc.array(objectArb, { maxLength: 14 }), (objects) => {
      expect(linkSystemObjects(objects).links).toEqual(referenceLinks(objects));
    }), { numRuns: 1000 });
  });

  it('are counted by the outline as they are made: the same number, counts by schema pair, order and cycles', () => {
    const schemaOf = (name: string): string => name.slice(0, name.indexOf('.'));
    fc.assert(fc.property(fc.array(objectArb, { maxLength: 14 }), (objects) => {
      const graph = linkSystemObjects(objects);
      const outline = outlineSystemObjects(objects, schemaOf);
      const groups = new Map<string, { objects: number; inside: number }>();
      for (const o of graph.objects) groups.set(schemaOf(o.name), { objects: (groups.get(schemaOf(o.name))?.objects ?? 0) + 1, inside: 0 });
      const between = new Map<string, number>();
      for (const l of graph.links) {
        const [from, to] = [schemaOf(l.from), schemaOf(l.to)];
        if (from === to) (groups.get(from) as { inside: number }).inside++;
        else between.set(`${l.kind} ${from} ${to}`, (between.get(`${l.kind} ${from} ${to}`) ?? 0) + 1);
      }
      expect(outline.links).toBe(graph.links.length);
      expect(outline.objects).toEqual(graph.objects);
      expect(outline.order).toEqual(graph.order);
      expect(outline.cycles).toEqual(graph.cycles);
      expect(new Map(outline.groups)).toEqual(groups);
      expect(new Map(outline.between.map((b) => [`${b.kind} ${b.from} ${b.to}`, b.count]))).toEqual(between);
    }), { numRuns: 1000 });
  });

  it('keeps the order of objects of one name that feed the same reader', () => {
    // Two scripts named script.run; the first feeds dbo.b through t.y, the second through t.x:
    // the links keep the scripts' order, and dbo.B (a different name) sorts before dbo.a.
    const script = (writes: string[], file: string): SystemObject => ({ kind: 'system-object', name: 'script.run', displayName: 'script.run', objectKind: 'script', file, grade: 'low', reads: [], writes, calls: [] });
    const proc = (name: string, reads: string[]): SystemObject => ({ kind: 'system-object', name, displayName: name, objectKind: 'procedure', file: `${name}.sql`, grade: 'low', reads, writes: [], calls: [] });
    const links = linkSystemObjects([script(['t.y'], 'g/run.sql'), script(['t.x'], 'h/run.sql'), proc('dbo.b', ['t.x', 't.y']), proc('dbo.B', ['t.x'])]).links;
    expect(links.map((l) => `${l.from}->${l.to}:${l.kind === 'feeds' ? l.tables.join('+') : ''}`)).toEqual([
      'script.run->dbo.B:t.x', 'script.run->dbo.b:t.y', 'script.run->dbo.b:t.x',
    ]);
  });
});
