import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeSources, type DataFlowGraph } from '../../../src/dataflow';
import { renderIndexMarkdown } from '../../../src/render/index-markdown';
import { traceNodeLineage } from '../../../src/render/lineage-trace';
import { closeMermaidValidator, validateMermaid } from '../../../src/render/mermaid-validator';
import { renderOverviewDiagram } from '../../../src/render/overview-diagram';
import { buildSystemGraph } from '../../../src/render/system-graph';

// Control dependence: a value assigned inside an IF, WHILE or cursor loop depends on what the
// condition reads. Checked on the bundled example and on small realistic procedures.

afterAll(closeMermaidValidator);

const root = join(__dirname, '..', '..', '..');
const example = (name: string): DataFlowGraph => {
  const file = `procedures/${name}.sql`;
  const g = analyzeSources([{ file, text: readFileSync(join(root, file), 'utf8') }]).graphs.find((x) => x.object.kind === 'procedure');
  if (!g) throw new Error(`no procedure in ${file}`);
  return g;
};
const graphOf = (sql: string): DataFlowGraph => analyzeSources([{ file: 'p.sql', text: sql }]).graphs[0] as DataFlowGraph;

describe('control dependence', () => {
  it('the example: the overview of dbo.usp_CountEntityLetters shows dbo.EntityWord -> dbo.EntityLetterCount (dotted: controls)', async () => {
    const text = renderOverviewDiagram(example('dbo.usp_CountEntityLetters'));
    expect(text).toMatch(/^ {2}n_t_dbo_entityword -\.->\|"controls s\d+(, s\d+)*"\| n_t_dbo_entitylettercount$/m);
    expect(text).toMatch(/^ {2}n_t_dbo_entity -->\|[^|]*\| n_t_dbo_entitylettercount$/m);
    expect(await validateMermaid(text)).toEqual({ ok: true });
  });

  it('the example: Occurrences and WordsScanned are controlled by the words', () => {
    const g = example('dbo.usp_CountEntityLetters');
    const out = g.nodes.find((n) => n.name === 'dbo.entitylettercount');
    const traced = new Map(traceNodeLineage(g, out?.id ?? '').map((t) => [t.column, t]));
    expect(traced.get('occurrences')?.controlledBy).toEqual(['dbo.Entity.Letter', 'dbo.EntityWord.Word']);
    expect(traced.get('wordsscanned')?.controlledBy).toEqual(['dbo.Entity', 'dbo.EntityWord']);
    // A column copied from the cursor's own table is not also "controlled by" that table.
    expect(traced.get('entityid')?.controlledBy).toEqual([]);
  });

  it.each([
    ['IF on a variable read from a table', `CREATE PROCEDURE dbo.p AS
DECLARE @limit int, @n int = 0;
SELECT @limit = MaxRows FROM dbo.Settings;
IF @limit > 10
  SET @n = 1;
INSERT INTO dbo.Out (n) VALUES (@n);`, 'dbo.settings', 'dbo.out'],
    ['WHILE on a counter bounded by a table', `CREATE PROCEDURE dbo.p AS
DECLARE @i int = 0, @max int, @total int = 0;
SELECT @max = COUNT(*) FROM dbo.Days;
WHILE @i < @max
BEGIN
  SET @total = @total + 2;
  SET @i = @i + 1;
END
UPDATE dbo.Summary SET Total = @total;`, 'dbo.days', 'dbo.summary'],
    ['ELSE branch', `CREATE PROCEDURE dbo.p AS
DECLARE @mode int, @x int;
SELECT @mode = Mode FROM dbo.Config;
IF @mode = 1 SET @x = 1 ELSE SET @x = 2;
INSERT INTO dbo.Out (x) VALUES (@x);`, 'dbo.config', 'dbo.out'],
    ['IF EXISTS around an INSERT', `CREATE PROCEDURE dbo.p AS
IF EXISTS (SELECT 1 FROM dbo.Flags WHERE Name = 'load')
  INSERT INTO dbo.Out (x) VALUES (1);`, 'dbo.flags', 'dbo.out'],
  ])('%s: a dotted controls edge from the condition\'s table to what the block writes', async (_case, sql, from, to) => {
    const g = graphOf(sql);
    const id = (name: string): string => g.nodes.find((n) => n.name === name)?.id ?? name;
    const text = renderOverviewDiagram(g);
    expect(text).toMatch(new RegExp(`^  n_${id(from)} -\\.->\\|"controls s\\d+[^"]*"\\| n_${id(to)}$`, 'm'));
    expect(text).not.toMatch(new RegExp(`n_${id(from)} -->`));
    expect(await validateMermaid(text)).toEqual({ ok: true });
  });

  it('without conditions nothing changes: no controls edge', () => {
    const text = renderOverviewDiagram(graphOf('CREATE PROCEDURE dbo.p AS\nINSERT INTO dbo.Out (x) SELECT x FROM dbo.Src;'));
    expect(text).not.toContain('controls');
  });

  it('the system diagram: a table another object reads only in conditions is a dotted controls link', () => {
    const r = analyzeSources([
      { file: 'a.sql', text: "CREATE PROCEDURE dbo.usp_SetFlag AS INSERT INTO dbo.Flags (Name) VALUES ('load');" },
      { file: 'b.sql', text: "CREATE PROCEDURE dbo.usp_Load AS\nIF EXISTS (SELECT 1 FROM dbo.Flags WHERE Name = 'load')\n  INSERT INTO dbo.Out (x) SELECT x FROM dbo.Src;" },
      { file: 'c.sql', text: 'CREATE PROCEDURE dbo.usp_Report AS SELECT Name FROM dbo.Flags;' },
    ]);
    const system = buildSystemGraph(r.graphs);
    expect(system.links).toEqual([
      { kind: 'feeds', from: 'dbo.usp_setflag', to: 'dbo.usp_load', tables: ['dbo.flags'], controls: true },
      { kind: 'feeds', from: 'dbo.usp_setflag', to: 'dbo.usp_report', tables: ['dbo.flags'] },
    ]);
    const index = renderIndexMarkdown(r.graphs);
    // The links carry the keys; the diagram shows the tables as written.
    expect(index).toContain('o_dbo_usp_setflag -.->|"controls: dbo.Flags"| o_dbo_usp_load');
    expect(index).toContain('o_dbo_usp_setflag -->|"dbo.Flags"| o_dbo_usp_report');
  });

  it('the system diagram: a lookup into a variable only an IF tests is a controls link; one whose variable is also written out feeds', () => {
    const opener = "CREATE PROCEDURE dbo.[usp_Open Batch] AS INSERT INTO dbo.[Batch Control] ([Batch Id], [Status]) VALUES (1, 'OPEN');";
    const poster = `CREATE PROCEDURE dbo.[usp_Post Daily] AS
DECLARE @LastStatus varchar(10);
SELECT TOP (1) @LastStatus = bc.[Status] FROM dbo.[Batch Control] AS bc ORDER BY bc.[Batch Id] DESC;
IF @LastStatus = 'OPEN'
  INSERT INTO dbo.[Daily Total] ([Total]) SELECT SUM(ol.[Amount]) FROM dbo.[Order Line] AS ol;
ELSE
  INSERT INTO dbo.[Hold Queue] ([Order Id]) SELECT ol.[Order Id] FROM dbo.[Order Line] AS ol;`;
    const logger = `CREATE PROCEDURE dbo.[usp_Log Status] AS
DECLARE @LastStatus varchar(10);
SELECT TOP (1) @LastStatus = bc.[Status] FROM dbo.[Batch Control] AS bc ORDER BY bc.[Batch Id] DESC;
IF @LastStatus IS NOT NULL
  INSERT INTO dbo.[Status Log] ([Status]) VALUES (@LastStatus);`;
    const r = analyzeSources([{ file: 'a.sql', text: opener }, { file: 'b.sql', text: poster }, { file: 'c.sql', text: logger }]);
    expect(buildSystemGraph(r.graphs).links).toEqual([
      { kind: 'feeds', from: 'dbo.usp_open batch', to: 'dbo.usp_log status', tables: ['dbo.batch control'] },
      { kind: 'feeds', from: 'dbo.usp_open batch', to: 'dbo.usp_post daily', tables: ['dbo.batch control'], controls: true },
    ]);
  });
});
