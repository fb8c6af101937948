import type { StepKind } from '../../../src/dataflow';
import { placeStructures, scalarSummary } from '../../../src/render/step-node-copies';
import { access, block, node, steps } from './fixtures/graph-builders';

const nodes = new Map([
  node('table', 't_a', 'dbo.A', 'input', ['id']),
  node('temp-table', 'tmp_w', '#Work', 'intermediate', ['id']),
  node('variable', 'v_x', '@X', 'intermediate'),
  node('parameter', 'p_y', '@Y', 'input'),
].map((n) => [n.id, n]));
const loop = block('while', 'b1', 'WHILE @X < 10', 10, 50);
const branch = block('if', 'b2', 'IF @Y = 1', 20, 30);

type Where = 'top' | 'loop' | 'branch';
const contextOf = (w: Where): ReturnType<typeof block>[] => (w === 'top' ? [] : w === 'loop' ? [loop] : [loop, branch]);
/** Steps reading dbo.A (and @X) at the given places, one line each. */
const readers = (places: readonly Where[]) => steps(places.map((w, i) => ({
  kind: 'select' as StepKind, lines: [i + 1, i + 1] as const, label: `s${i + 1}`, reads: [access('t_a', 'id'), access('v_x')], context: contextOf(w),
})));

describe('placeStructures', () => {
  it.each([
    ['one box, close together: one drawing', ['top', 'top', 'top'], {}, ['n_t_a']],
    ['a loop box gets its own drawing', ['top', 'loop', 'loop', 'top'], {}, ['n_t_a', 'n_t_a__s2', 'n_t_a__s4']],
    ['a branch inside the loop too', ['loop', 'branch', 'loop'], {}, ['n_t_a', 'n_t_a__s2', 'n_t_a__s3']],
    ['more than maxNodeEdges uses: drawn again', ['top', 'top', 'top', 'top', 'top'], { maxNodeEdges: 2 }, ['n_t_a', 'n_t_a__s3', 'n_t_a__s5']],
    ['further apart than maxGap: drawn again', ['top', 'top', 'top', 'top'], { maxGap: 0 }, ['n_t_a', 'n_t_a__s2', 'n_t_a__s3', 'n_t_a__s4']],
  ] as const)('%s', (_name, places, limits, ids) => {
    const placement = placeStructures(readers(places), nodes, limits);
    const copies = [...placement.before.values()].flat();
    expect(copies.map((c) => c.id)).toEqual(ids);
    expect(copies.map((c) => c.again)).toEqual(ids.map((_, i) => i > 0));
    // Scalars never get a drawing; every read of dbo.A has its edge.
    expect(placement.edges).toHaveLength(places.length);
    expect(placement.edges.every((e) => e.copy.startsWith('n_t_a'))).toBe(true);
  });

  it('keeps a written #temp table and its reader on one drawing, write then read', () => {
    const list = steps([
      { kind: 'insert', lines: [1, 1], label: 'INSERT #Work', reads: [access('t_a', 'id')], writes: [access('tmp_w', 'id')] },
      { kind: 'update', lines: [2, 2], label: 'UPDATE #Work', reads: [access('tmp_w', 'id')], writes: [access('tmp_w', 'id')] },
    ]);
    const { before, edges } = placeStructures(list, nodes);
    expect([...before.entries()].map(([s, c]) => [s, c.map((x) => x.id)])).toEqual([['s1', ['n_t_a', 'n_tmp_w']]]);
    expect(edges.map((e) => `${e.step} ${e.direction} ${e.copy}`)).toEqual(['s1 read n_t_a', 's1 write n_tmp_w', 's2 read n_tmp_w', 's2 write n_tmp_w']);
  });
});

describe('scalarSummary', () => {
  it.each([
    ['sets and reads', [access('v_x'), access('t_a')], [access('p_y')], 'sets @Y · reads @X'],
    ['reads only', [access('v_x'), access('p_y')], [], 'reads @X, @Y'],
    ['no scalar', [access('t_a')], [access('tmp_w')], ''],
  ])('%s', (_name, reads, writes, expected) => {
    const [step] = steps([{ kind: 'set', lines: [1, 1], label: 'x', reads, writes }]);
    expect(scalarSummary(step as NonNullable<typeof step>, nodes, (names) => names.join(', '))).toBe(expected);
  });
});
