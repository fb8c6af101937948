import { renderIndexMarkdown, renderSystemDiagram } from '../../../src/render/index-markdown';
import { closeMermaidValidator, validateMermaid } from '../../../src/render/mermaid-validator';
import { buildSystemGraph } from '../../../src/render/system-graph';
import { extractMermaidBlocks } from './fixtures/mermaid-blocks';
import { interfaceGraph, SYSTEM_GRAPHS } from './fixtures/system-graphs';

afterAll(closeMermaidValidator);

describe('renderIndexMarkdown', () => {
  const md = renderIndexMarkdown(SYSTEM_GRAPHS, { stamp: 'tsql-migrate:generated sha256=0000000000000000' });

  it.each([
    ['stamp', '<!-- tsql-migrate:generated sha256=0000000000000000 -->'],
    ['totals', '4 objects from 4 files, 14 statements (0 unparsed).'],
    ['object row with link, grade, reads, writes, calls', '| [dbo.usp_calc_kpi](dbo.usp_calc_kpi.md) | procedure | **very high** | 5 | `ref.regions`, `stage.orders` | `mart.kpi` | `dbo.usp_log`, `dbo.usp_notify` |'],
    ['order, first', '1. `dbo.usp_log`, low'],
    ['order, cycle member', '3. `dbo.usp_calc_kpi`, very high (cycle with `dbo.usp_reconcile`: migrate together)'],
    ['cycles', '- `dbo.usp_calc_kpi` ↔ `dbo.usp_reconcile`'],
  ])('%s', (_name, line) => {
    expect(md.split('\n')).toContain(line);
  });

  it('draws a valid system diagram with feeds and calls', async () => {
    const [diagram] = extractMermaidBlocks(md);
    expect(diagram).toContain('o_dbo_usp_stage_orders -->|"stage.orders"| o_dbo_usp_calc_kpi');
    expect(diagram).toContain('o_dbo_usp_calc_kpi -.->|"calls"| o_dbo_usp_log');
    expect(diagram).toMatch(/class o_dbo_usp_calc_kpi vhigh/);
    expect(await validateMermaid(diagram as string)).toEqual({ ok: true });
  });

  it('shows only linked objects in a large system', async () => {
    const many = [...SYSTEM_GRAPHS, ...Array.from({ length: 70 }, (_, i) => interfaceGraph(`dbo.usp_alone_${i}`, [`t${i}`], [], [], 'low'))];
    const text = renderSystemDiagram(buildSystemGraph(many), 60);
    expect(text).toContain('o_others["70 objects without links"]');
    expect(text).not.toContain('usp_alone');
    expect(await validateMermaid(text)).toEqual({ ok: true });
  });

  it('handles an empty set', async () => {
    const empty = renderIndexMarkdown([]);
    expect(empty).toContain('No objects found.');
    for (const b of extractMermaidBlocks(empty)) expect(await validateMermaid(b)).toEqual({ ok: true });
  });
});
