import { listFiles, readSourceFile } from '../../../src/core';
import { analyzeSources } from '../../../src/dataflow';
import { measureDiagram, measureDiagramCorpus, percentile } from '../../../src/render/diagram-metrics';
import { renderStepDiagrams } from '../../../src/render/step-diagram';

const SMALL = [
  'flowchart TB',
  '  n_t_a[("dbo.A")]',
  '  s_s1["s1 · SELECT<br/>L1"]',
  '  s_s2["s2 · INSERT #35;w<br/>L2"]',
  '  s_s1 ~~~ s_s2',
  '  n_t_a -->|"id, x +2"| s_s1',
  '  n_t_a --> s_s2',
  '  s_s2 ==>|"id"| n_tmp_w',
  '  s_s2 -.-> n_proc',
  '  legend_tbl ~~~ legend_out',
].join('\n');

describe('measureDiagram', () => {
  it('counts steps, drawn edges (not ~~~) and the busiest node', () => {
    expect(measureDiagram(SMALL)).toEqual({ steps: 2, edges: 4, maxNodeEdges: 3, edgesPerStep: 2, textLength: SMALL.length });
  });

  it('gives zeros for a diagram without steps', () => {
    expect(measureDiagram('flowchart LR\n')).toMatchObject({ steps: 0, edges: 0, maxNodeEdges: 0, edgesPerStep: 0 });
  });
});

describe('percentile', () => {
  it.each([
    [[], 50, 0],
    [[5], 90, 5],
    [[1, 2, 3, 4], 50, 2],
    [[9, 1, 8, 2, 7, 3, 6, 4, 5, 10], 90, 9],
  ])('%j at %i -> %i', (values, p, expected) => expect(percentile(values, p)).toBe(expected));
});

/** The .sql files under `dir`, except the parser's own fixtures (not part of the corpus). */
function listSql(dir: string): string[] {
  return listFiles([dir], ['.sql']).filter((f) => !/[\\/]parser[\\/]/.test(f));
}

/** Every step diagram of the objects in `dir`. */
function diagramsOf(dir: string): string[] {
  const { graphs } = analyzeSources(listSql(dir).map((f) => ({ file: f, text: readSourceFile(f).text })));
  return graphs.flatMap((g) => renderStepDiagrams(g).map((d) => d.text));
}

// Issue 14's readability targets, on realistic long procedures: the corpus and the three long
// procedures written for this measure (an integration procedure with three cursors, a batched
// fact load, nested KPI cursors).
describe.each(['tests/fixtures/diagrams', 'tests/fixtures/sql'])('step diagrams of %s', (dir) => {
  const texts = diagramsOf(dir);

  it('meet the readability targets on diagrams of at least 15 steps', () => {
    const m = measureDiagramCorpus(texts, 15);
    expect(m.diagrams).toBeGreaterThanOrEqual(3);
    expect(m.p90MaxNodeEdges).toBeLessThanOrEqual(6);
    expect(m.medianEdgesPerStep).toBeLessThanOrEqual(1.5);
  });

  it('stay inside what GitHub and Azure DevOps render (50 000 characters, 500 edges)', () => {
    for (const t of texts) {
      const m = measureDiagram(t);
      expect(m.textLength).toBeLessThan(50_000);
      expect(t.split('\n').filter((l) => / (-->|==>|-\.->|~~~)/.test(l)).length).toBeLessThan(500);
    }
  });
});
