import { pageDiagrams, stackPageSvgs, stackSvgs } from '../../../src/render/page-svg';
import { KPI_GRAPH } from './fixtures/kpi-graph';
import { buildLargeGraph } from './fixtures/large-graph';
import { KPI_SECTION_MAP } from './fixtures/section-maps';

// What mermaid's render returns, reduced to the parts stacking looks at.
const svg = (id: string, w: number, h: number): string =>
  `<svg id="${id}" width="100%" xmlns="http://www.w3.org/2000/svg" style="max-width: ${w}px;" viewBox="0 0 ${w} ${h}" role="graphics-document"><g/></svg>`;

describe('pageDiagrams', () => {
  it.each([
    ['section map, overview and the one step diagram', KPI_GRAPH, KPI_SECTION_MAP, ['sec_1[', 'flowchart LR', 'flowchart TB\n']],
    ['overview only when the steps need several diagrams', buildLargeGraph(), undefined, ['flowchart LR']],
  ])('%s', (_name, graph, map, starts) => {
    const diagrams = pageDiagrams(graph, map);
    expect(diagrams).toHaveLength(starts.length);
    diagrams.forEach((d, i) => expect(d).toContain(starts[i]));
  });
});

describe('stackSvgs', () => {
  it('returns a single SVG unchanged', () => {
    expect(stackSvgs([svg('a', 10, 20)])).toBe(svg('a', 10, 20));
  });

  it('places each part below the previous, as wide as the widest', () => {
    const out = stackSvgs([svg('diagram1', 300, 100), svg('diagram2', 500, 40)]);
    expect(out).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" [^>]*width="500" height="172" viewBox="0 0 500 172">/);
    expect(out).toContain('<svg x="0" y="0" width="300" height="100" id="diagram1" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 100" role="graphics-document">');
    expect(out).toContain('<svg x="0" y="132" width="500" height="40" id="diagram2"');
    expect(out).not.toContain('100%');
    expect(out).not.toContain('max-width');
  });

  it('splits a flat list back into pages', () => {
    const pages = stackPageSvgs([['a', 'b'], ['c']], [svg('d1', 1, 1), svg('d2', 1, 1), svg('d3', 2, 2)]);
    expect(pages).toHaveLength(2);
    expect(pages[0]).toContain('id="d2"');
    expect(pages[1]).toBe(svg('d3', 2, 2));
  });
});
