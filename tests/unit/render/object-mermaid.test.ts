import { closeMermaidValidator, validateMermaid } from '../../../src/render/mermaid-validator';
import { renderObjectMermaid } from '../../../src/render/object-mermaid';
import { KPI_GRAPH } from './fixtures/kpi-graph';
import { buildLargeGraph } from './fixtures/large-graph';

afterAll(closeMermaidValidator);

describe('renderObjectMermaid', () => {
  it.each([
    ['the step diagram when it fits', KPI_GRAPH, '%% Step diagram of dbo.usp_CalcRegionKpi.', 'flowchart TB'],
    ['the overview when steps need several diagrams', buildLargeGraph(), '%% Overview of etl.usp_LoadMart: its 15 step diagrams are in etl.usp_loadmart.md.', 'flowchart LR'],
  ])('holds %s', async (_name, graph, comment, direction) => {
    const text = renderObjectMermaid(graph, { stamp: 'tsql-migrate:generated sha256=0000000000000000' });
    const lines = text.split('\n');
    expect(lines.slice(1, 4)).toEqual(['%% tsql-migrate:generated sha256=0000000000000000', comment, direction]);
    expect(lines.filter((l) => /^(flowchart|graph) /.test(l))).toHaveLength(1);
    expect(await validateMermaid(text)).toEqual({ ok: true });
  });
});
