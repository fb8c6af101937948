import { analyzeSources } from '../../../src/dataflow';
import { indexEntryOf } from '../../../src/render/index-entry';
import { renderIndexFromEntries, renderIndexMarkdown } from '../../../src/render/index-markdown';
import { SYSTEM_GRAPHS } from './fixtures/system-graphs';

// index.md from index entries (what worker threads send back instead of graphs) must be the
// same bytes as from the graphs.
const analysed = analyzeSources([
  { file: 'a.sql', text: 'CREATE PROCEDURE etl.[Load Lines] AS INSERT INTO Sales.[Order Lines] SELECT id FROM Stage.Lines;\nGO\n' },
  { file: 'b.sql', text: 'ALTER PROCEDURE etl.[Load Lines] AS INSERT INTO sales.[order lines] SELECT id FROM stage.lines2 WHERE EXISTS (SELECT 1 FROM dbo.Flags);\nGO\n' },
  { file: 'c.sql', text: 'CREATE VIEW dbo.v AS SELECT id FROM Sales.[Order Lines];\nGO\nEXEC etl.[Load Lines];\n' },
]);

describe('indexEntryOf', () => {
  it.each([
    ['the system fixtures', SYSTEM_GRAPHS],
    ['duplicates, views, top-level code and names as written', analysed.graphs],
    ['no objects', []],
  ])('gives the same index.md as the graphs: %s', (_what, graphs) => {
    const options = { stamp: 'tsql-migrate:generated sha256=0000000000000000', schemaScripts: analysed.schemaScripts };
    expect(renderIndexFromEntries(graphs.map(indexEntryOf), options)).toBe(renderIndexMarkdown(graphs, options));
  });

  it('keeps each table once, with its label as first written in the graph', () => {
    const g = analysed.graphs.find((x) => x.object.file === 'a.sql');
    expect(g && indexEntryOf(g).tableLabels).toEqual([['sales.order lines', 'Sales.Order Lines'], ['stage.lines', 'Stage.Lines']]);
  });

  it('is plain data that survives a structured clone (it crosses between threads)', () => {
    const entries = analysed.graphs.map(indexEntryOf);
    expect(structuredClone(entries)).toEqual(entries);
  });
});
