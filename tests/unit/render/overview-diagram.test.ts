import { closeMermaidValidator, validateMermaid } from '../../../src/render/mermaid-validator';
import { renderOverviewDiagram, sortStepIds } from '../../../src/render/overview-diagram';
import { KPI_GRAPH } from './fixtures/kpi-graph';
import { buildLargeGraph } from './fixtures/large-graph';
import { buildNastyGraph } from './fixtures/nasty-graph';

afterAll(closeMermaidValidator);

const edgesOf = (text: string): string[] => text.split('\n').filter((l) => l.includes('-->')).map((l) => l.trim());

describe('renderOverviewDiagram', () => {
  it('shows structures only, with flows through variables and cursors', async () => {
    const text = renderOverviewDiagram(KPI_GRAPH);
    expect(text.startsWith('flowchart LR\n')).toBe(true);
    expect(edgesOf(text)).toEqual([
      'n_t_dbo_orders -->|"s1"| n_tmp_orders',
      // dbo.regions reaches #kpi through the cursor and @region: FETCH, then the loop's steps.
      'n_t_dbo_regions -->|"s7, s8, s9"| n_tmp_kpi',
      'n_tmp_kpi -->|"s16"| n_rs_1',
      'n_tmp_kpi -->|"s13"| n_t_dbo_regionkpi',
      'n_tmp_orders -->|"s7"| n_tmp_kpi',
    ]);
    expect(text).not.toMatch(/n_v_|n_p_|n_cur_/);
    expect(text).toMatch(/class [^\n]*n_t_dbo_regionkpi[^\n]* out/);
    expect(await validateMermaid(text)).toEqual({ ok: true });
  });

  it.each([24, 10, 5])('collapses groups to stay at about %i nodes in a large procedure', async (maxNodes) => {
    const text = renderOverviewDiagram(buildLargeGraph(), { maxNodes });
    const nodeLines = text.split('\n').filter((l) => /^ {2}(n|agg)_\w+[[(>{]/.test(l));
    // Collapsing goes group by group, so a limit below the number of groups cannot be met.
    expect(nodeLines.length).toBeLessThanOrEqual(Math.max(maxNodes, 5));
    expect(text).toContain('agg_tbl["40 input tables<br/>stage.source_01, stage.source_02 +38"]');
    expect(await validateMermaid(text)).toEqual({ ok: true });
  });

  it('escapes hostile labels', async () => {
    expect(await validateMermaid(renderOverviewDiagram(buildNastyGraph()))).toEqual({ ok: true });
  });

  it('orders step ids numerically', () => {
    expect(sortStepIds(['s10', 's2', 's1'])).toEqual(['s1', 's2', 's10']);
  });
});

describe('renderOverviewDiagram collapsing by schema', () => {
  it('groups input tables per schema before collapsing them all', async () => {
    const base = buildLargeGraph(60);
    const nodes = base.nodes.map((n) => (n.kind === 'table' && n.role === 'input' ? { ...n, name: n.name.replace('stage.', Number(n.id.slice(-2)) % 2 === 0 ? 'crm.' : 'erp.') } : n));
    const text = renderOverviewDiagram({ ...base, nodes }, { maxNodes: 20 });
    expect(text).toContain('agg_tbl_crm["20 input tables in crm<br/>');
    expect(text).toContain('agg_tbl_erp["20 input tables in erp<br/>');
    expect(await validateMermaid(text)).toEqual({ ok: true });
    expect(renderOverviewDiagram({ ...base, nodes }, { maxNodes: 5 })).toContain('agg_tbl["40 input tables<br/>');
  });
});
