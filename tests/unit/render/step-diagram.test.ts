import type { Step } from '../../../src/dataflow';
import { closeMermaidValidator, validateMermaid } from '../../../src/render/mermaid-validator';
import { DEFAULT_MAX_STEPS, chunkSteps, renderStepDiagrams } from '../../../src/render/step-diagram';
import { block, steps } from './fixtures/graph-builders';
import { KPI_GRAPH } from './fixtures/kpi-graph';
import { buildLargeGraph } from './fixtures/large-graph';
import { buildNastyGraph } from './fixtures/nasty-graph';

afterAll(closeMermaidValidator);

const stepIdsIn = (text: string): string[] => [...text.matchAll(/^\s*s_(s\d+)\[/gm)].map((m) => m[1] as string);

describe('chunkSteps', () => {
  const loop = block('while', 'b1', 'WHILE 1 = 1', 1, 100);
  const make = (layout: readonly ('top' | 'loop')[]): Step[] =>
    steps(layout.map((where, i) => ({ kind: 'insert', lines: [i + 1, i + 1], label: `s${i + 1}`, context: where === 'loop' ? [loop] : [] })));

  it.each([
    ['everything fits', make(['top', 'top', 'loop', 'loop']), 5, [4]],
    ['a loop is not cut when it fits the next chunk', make(['top', 'top', 'top', 'loop', 'loop', 'loop']), 4, [3, 3]],
    ['a long loop splits into equal parts', make(['top', ...Array<'loop'>(10).fill('loop')]), 4, [1, 3, 4, 3]],
    ['a long top-level run splits evenly', make(Array<'top'>(9).fill('top')), 4, [3, 3, 3]],
  ])('%s', (_name, list, max, sizes) => {
    const chunks = chunkSteps(list, max);
    expect(chunks.map((c) => c.length)).toEqual(sizes);
    expect(chunks.flat()).toEqual(list);
  });
});

describe('renderStepDiagrams', () => {
  it('draws the KPI procedure as one diagram with nested loop and branch subgraphs', async () => {
    const diagrams = renderStepDiagrams(KPI_GRAPH);
    expect(diagrams).toHaveLength(1);
    const text = (diagrams[0] as { text: string }).text;
    expect(text).toMatch(/subgraph b_b1\["cursor loop: WHILE @@FETCH_STATUS = 0 · L33–58"\]\n\s+direction TB\n\s+n_tmp_orders__s6\[/);
    expect(text).toContain('n_t_dbo_orders -->|"amount, order_date, order_id +1"| s_s1');
    expect(text).toMatch(/subgraph b_b2\["IF @Max #gt; 10000 · L45–49"\]\n\s+direction TB\n\s+n_tmp_kpi__s8\[/);
    expect(text).toContain('s_s13 ==>|"band, month, order_count +2"| n_t_dbo_regionkpi');
    expect(text).toContain('s_s15 -.-> n_proc_dbo_usp_logrun');
    // DDL and cursor housekeeping stay out of the diagram.
    expect(stepIdsIn(text)).not.toEqual(expect.arrayContaining(['s2', 's4', 's11', 's12', 's17']));
    expect((await validateMermaid(text)).ok).toBe(true);
  });

  it('splits a 300-step procedure into valid diagrams of bounded size, each step once', async () => {
    const graph = buildLargeGraph();
    const diagrams = renderStepDiagrams(graph);
    expect(diagrams.length).toBeGreaterThan(300 / DEFAULT_MAX_STEPS);
    const seen = diagrams.flatMap((d) => stepIdsIn(d.text));
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toHaveLength(300);
    for (const d of diagrams) {
      expect(stepIdsIn(d.text).length).toBeLessThanOrEqual(DEFAULT_MAX_STEPS);
      expect(d.title).toBe(`Steps ${d.firstStep}–${d.lastStep} (L${d.lines.start}–${d.lines.end})`);
      // Column lists on edges are shortened: at most 3 names, then +N.
      for (const m of d.text.matchAll(/\|"([^"]*)"\|/g)) expect((m[1] as string).split(', ').length).toBeLessThanOrEqual(3);
      // Variables are never nodes: they are named in the step labels.
      expect(d.text).not.toMatch(/n_v_\d+/);
      expect(await validateMermaid(d.text)).toEqual({ ok: true });
    }
  });

  it('titles a loop split over several diagrams as continued', () => {
    const diagrams = renderStepDiagrams(buildLargeGraph());
    const titles = diagrams.map((d) => [...d.text.matchAll(/subgraph b_b2\["([^"]*)"\]/g)].map((m) => m[1])).filter((t) => t.length > 0);
    expect(titles).toEqual([
      ['WHILE @day #lt;= @last_day · L620–1500'],
      ['WHILE @day #lt;= @last_day · L620–1500 (continued)'],
      ['WHILE @day #lt;= @last_day · L620–1500 (continued)'],
      ['WHILE @day #lt;= @last_day · L620–1500 (continued)'],
    ]);
  });

  it('marks unparsed statements', () => {
    const [first] = renderStepDiagrams(buildLargeGraph(), { maxSteps: 400 });
    expect(first?.text).toMatch(/s_s200\["s200 · unparsed<br\/>L1500–1503"\]/);
    expect(first?.text).toMatch(/class [^\n]*s_s200[^\n]* unp/);
  });

  it.each([
    ['s5', 'FETCH cur_region<br/>sets @region<br/>L31'],
    ['s6', 'SELECT @Max =<br/>sets @max · reads @region<br/>L35–37'],
    ['s14', 'SET @Rows = @@ROWCOUNT<br/>sets @rows<br/>L80'],
    ['s15', 'EXEC dbo.usp_LogRun<br/>reads @month, @rows<br/>L82'],
    ['s16', 'SELECT FROM #35;kpi<br/>L84–86'],
  ])('names the scalars %s sets and reads in its label, never as nodes', (id, label) => {
    const text = renderStepDiagrams(KPI_GRAPH)[0]?.text ?? '';
    expect(text).toContain(`s_${id}["${id} · ${label}"]`);
    expect(text).not.toMatch(/n_(v|p)_\w+/);
  });

  it('keeps every step that only moves scalars, in statement order', () => {
    const text = renderStepDiagrams(buildLargeGraph(), { maxSteps: 400 })[0]?.text ?? '';
    expect(stepIdsIn(text)).toHaveLength(300);
  });

  it('draws a table again inside each loop or branch box that uses it, marked with ↺', async () => {
    const text = renderStepDiagrams(KPI_GRAPH)[0]?.text ?? '';
    // #orders is written at the top level and read inside the cursor loop: one drawing each.
    expect(text).toMatch(/^ {2}n_tmp_orders\[\/"#35;orders"\/\]$/m);
    expect(text).toMatch(/subgraph b_b1[^\n]*\n\s+direction TB\n\s+n_tmp_orders__s6\[\/"#35;orders ↺"\/\]\n\s+s_s6\[/);
    expect(text).toContain('n_tmp_orders__s6 -->|"amount, region_id"| s_s6');
    expect(text).toMatch(/^ {2}class [^\n]*n_tmp_orders__s6[^\n]* again$/m);
    expect(text).toMatch(/subgraph b_b3[^\n]*\n\s+direction TB\n\s+n_tmp_kpi__s9\[/);
    expect(text).toContain('legend_again[("drawn again ↺")]');
    expect(await validateMermaid(text)).toEqual({ ok: true });
  });

  it.each([[6, 3], [4, 2], [2, 1]])('gives no drawing more than %i edges (nor %i steps apart)', (maxNodeEdges, maxGap) => {
    for (const d of renderStepDiagrams(buildLargeGraph(), { maxNodeEdges, maxGap })) {
      const degree = new Map<string, number>();
      for (const m of d.text.matchAll(/^ {2}(\w+) (?:-->|==>|-\.->)(?:\|"[^"]*"\|)? (\w+)$/gm)) {
        for (const end of [m[1] as string, m[2] as string]) if (end.startsWith('n_')) degree.set(end, (degree.get(end) ?? 0) + 1);
      }
      expect(Math.max(...degree.values())).toBeLessThanOrEqual(maxNodeEdges);
    }
  });

  it('escapes hostile names and never emits a keyword as an id', async () => {
    const [d] = renderStepDiagrams(buildNastyGraph());
    const text = (d as { text: string }).text;
    expect(text).not.toMatch(/(^|\s)(end|graph|subgraph|click)(\[|\(|\{|>| -)/m);
    expect(text).toContain('n_end[("dbo.#quot;Order Details#quot;")]');
    expect(await validateMermaid(text)).toEqual({ ok: true });
  });

  it('is deterministic', () => {
    expect(renderStepDiagrams(buildLargeGraph())).toEqual(renderStepDiagrams(buildLargeGraph()));
  });
});
