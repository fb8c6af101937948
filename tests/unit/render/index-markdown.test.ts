import { analyzeSources } from '../../../src/dataflow';
import { renderIndexMarkdown, renderSchemaDiagram, renderSystemDiagram } from '../../../src/render/index-markdown';
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

  it('names a large cycle by its first member instead of listing every member on every line', () => {
    // Ten procedures each write the table the next one reads, the last feeding the first.
    const ring = Array.from({ length: 10 }, (_, i) => interfaceGraph(`dbo.usp_ring_${i}`, [`dbo.ring_${i}`], [`dbo.ring_${(i + 1) % 10}`], [], 'low'));
    const lines = renderIndexMarkdown(ring).split('\n');
    expect(lines).toContain('1. `dbo.usp_ring_0`, low (cycle of 10 objects starting with `dbo.usp_ring_0`, listed under Cycles: migrate together)');
    expect(lines).toContain('10. `dbo.usp_ring_9`, low (cycle of 10 objects starting with `dbo.usp_ring_0`, listed under Cycles: migrate together)');
    expect(lines.filter((l) => l.startsWith('- ') && l.includes('↔'))).toEqual([`- ${ring.map((g) => `\`${g.object.name}\``).join(' ↔ ')}`]);
  });

  it('groups objects by schema when there are more links than mermaid draws', async () => {
    // 12 producers in etl × 50 consumers in rpt (600 feeds links), one call from rpt to etl,
    // and one link inside rpt (usp_feed reads what usp_report_0 writes).
    const producers = Array.from({ length: 12 }, (_, i) => interfaceGraph(`etl.usp_load_${i}`, [], [`etl.t${i}`], [], 'low'));
    const consumers = Array.from({ length: 50 }, (_, i) => interfaceGraph(`rpt.usp_report_${i}`, producers.map((_p, j) => `etl.t${j}`), [`rpt.r${i}`], i === 0 ? ['etl.usp_load_0'] : [], 'medium'));
    const local = [interfaceGraph('rpt.usp_feed', ['rpt.r0'], ['rpt.summary'], [], 'low')];
    const md = renderIndexMarkdown([...producers, ...consumers, ...local]);
    expect(md).toContain('602 links between objects are more than a diagram can show (mermaid draws at most 500)');
    const [diagram] = extractMermaidBlocks(md);
    expect((diagram as string).trim().split('\n')).toEqual([
      'flowchart LR',
      '  s_etl["etl<br/>12 objects · 0 links inside"]',
      '  s_rpt["rpt<br/>51 objects · 1 link inside"]',
      '  s_rpt -.->|"1 call"| s_etl',
      '  s_etl -->|"600 links"| s_rpt',
    ]);
    // The page counts the links without making them: the same diagram as from the links made.
    expect(diagram).toBe(renderSchemaDiagram(buildSystemGraph([...producers, ...consumers, ...local])));
    expect(await validateMermaid(diagram as string)).toEqual({ ok: true });
  });

  it('handles an empty set', async () => {
    const empty = renderIndexMarkdown([]);
    expect(empty).toContain('No objects found.');
    for (const b of extractMermaidBlocks(empty)) expect(await validateMermaid(b)).toEqual({ ok: true });
  });
});

describe('names as written in index.md', () => {
  // A part holding a dot or a bracket keeps T-SQL's brackets, objects as tables; a link text
  // escapes them (an unescaped `]` ended it); a script keeps its file name's case.
  const r = analyzeSources([
    { file: 'procedures/tables.sql', text: 'CREATE TABLE [Fin Ops].[Ledger]]Entry] ([Entry Id] int NOT NULL PRIMARY KEY, Amount decimal(12,2) NULL);\nGO\nCREATE TABLE [dbo].[a.b] ([Key] int NOT NULL PRIMARY KEY, Total decimal(14,2) NULL);\nGO\n' },
    { file: 'procedures/procs.sql', text: 'CREATE PROCEDURE [Fin Ops].[usp Post]]Ledger] AS\nINSERT INTO [dbo].[a.b] ([Key], Total) SELECT [Entry Id], Amount FROM [Fin Ops].[Ledger]]Entry];\nGO\n' },
    { file: 'procedures/Seed.Customers.sql', text: 'INSERT INTO [Fin Ops].[Ledger]]Entry] ([Entry Id], Amount) VALUES (1, 2.50);\n' },
  ]);
  const md = renderIndexMarkdown(r.graphs, { schemaScripts: r.schemaScripts });

  it.each([
    ['a bracketed object, its link text escaped', '| [Fin Ops.\\[usp Post\\]\\]Ledger\\]](fin%20ops.usp%20post%5Dledger.md) | procedure | **low** | 1 | `Fin Ops.[Ledger]]Entry]` | `dbo.[a.b]` |   |'],
    ['a script as its file is named', '| [script Seed.Customers](script.seed.customers.md) | script | **low** | 1 |   | `Fin Ops.[Ledger]]Entry]` |   |'],
    ['the diagram\'s nodes and links', '  o_script_seed_customers -->|"Fin Ops.[Ledger]]Entry]"| o_fin_ops_usp_post_ledger'],
    ['the migration order', '1. `Fin Ops.[usp Post]]Ledger]`, low'],
    ['the schema scripts', '| procedures/tables.sql | `Fin Ops.[Ledger]]Entry]`, `dbo.[a.b]` |'],
  ])('%s', (_name, line) => {
    expect(md.split('\n')).toContain(line);
  });
});
