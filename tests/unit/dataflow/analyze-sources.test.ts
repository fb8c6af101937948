import { analyzeSources, collectTableCatalog, gradeComplexity } from '../../../src/dataflow';
import { parseScript } from '../../../src/tsql';

describe('analyzeSources', () => {
  const sources = [
    { file: 'tables.sql', text: 'CREATE TABLE dbo.Orders (Id int, Amount money)\nGO\nCREATE TABLE dbo.Totals (Id int, Total money)\nGO\n' },
    { file: 'load.sql', text: 'CREATE PROCEDURE dbo.usp_Load AS INSERT INTO dbo.Totals SELECT * FROM dbo.Orders\nGO\nGRANT EXECUTE ON dbo.usp_Load TO app\nGO\n' },
    { file: 'run.sql', text: 'CREATE PROCEDURE dbo.usp_Run AS EXEC dbo.usp_Load\nGO\n' },
  ];
  const result = analyzeSources(sources);

  it('lists objects, and top-level code only when the file has no objects or it touches data (a table script is schema: no object)', () => {
    expect(result.schemaScripts.map((s) => s.file)).toEqual(['tables.sql']);
    expect(result.json.objectsDetail.map((d) => [d.name, d.kind])).toEqual([['dbo.usp_load', 'procedure'], ['dbo.usp_run', 'procedure']]);
    expect(result.files.map((f) => [f.file, f.objects])).toEqual([['tables.sql', []], ['load.sql', ['dbo.usp_load']], ['run.sql', ['dbo.usp_run']]]);
  });

  it('resolves * and positional INSERT against CREATE TABLE scripts of the set', () => {
    const load = result.graphs.find((g) => g.object.name === 'dbo.usp_load');
    const names = new Map(load?.nodes.map((n) => [n.id, n.name]));
    expect(load?.lineage.map((l) => `${names.get(l.target.node)}.${l.target.column} <- ${l.sources.map((s) => `${names.get(s.node)}.${s.column}`).join(',')}`)).toEqual([
      'dbo.totals.id <- dbo.orders.id', 'dbo.totals.total <- dbo.orders.amount',
    ]);
  });

  it('links calls within the set', () => {
    const run = result.graphs.find((g) => g.object.name === 'dbo.usp_run');
    expect(run?.nodes.filter((n) => n.kind === 'procedure').map((n) => n.kind === 'procedure' && n.linked)).toEqual([true]);
  });

  it('adds up the contract counts', () => {
    expect(result.json).toMatchObject({ files: 3, objects: 2, statements: 5, unparsed: 0, lines: 10, unparsedLines: 0, diagnostics: [] });
  });
});

describe('collectTableCatalog', () => {
  it('keeps the first definition of each permanent table and ignores #temps', () => {
    const scripts = [parseScript('CREATE TABLE [Sales].[Order] (A int, [B c] int); CREATE TABLE #t (x int);'), parseScript('CREATE TABLE sales.[order] (z int);')];
    expect([...collectTableCatalog(scripts)]).toEqual([['sales.order', ['a', 'b c']]]);
  });
});

describe('gradeComplexity', () => {
  it.each([
    [{ statements: 10, loops: 0, cursors: 0, tempStructures: 0, dynamicSql: 0, maxNesting: 1 }, 'low', 'set-based: 10 statements'],
    [{ statements: 100, loops: 0, cursors: 0, tempStructures: 2, dynamicSql: 0, maxNesting: 1 }, 'medium', 'set-based: 2 temp structures, 100 statements'],
    [{ statements: 30, loops: 1, cursors: 1, tempStructures: 1, dynamicSql: 0, maxNesting: 2 }, 'high', '1 cursor, 1 loop, nested 2 deep, 1 temp structure, 30 statements'],
    [{ statements: 90, loops: 3, cursors: 2, tempStructures: 5, dynamicSql: 1, maxNesting: 4 }, 'very high', '2 cursors, 3 loops, nested 4 deep, 1 dynamic SQL statement, 5 temp structures, 90 statements'],
  ])('%o -> %s', (facts, grade, reason) => {
    expect(gradeComplexity(facts)).toEqual({ ...facts, grade, reason });
  });
});
