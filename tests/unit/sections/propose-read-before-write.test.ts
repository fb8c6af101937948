import { checkProcedureSections, parseFeature, type SectionSpec } from '../../../src/sections';
import { proposalOf } from '../../support/one-procedure-proposal';

// A load that counts the orders before and after inserting the new ones and logs both counts in
// a business table. The first count reads dbo.Orders before the INSERT: cut with the growth row
// that reads @before (its first reader), its section would run after the orders' section and
// count the rows the INSERT added, so the new pipeline would log 4 before and 4 after.
const text = `CREATE TABLE dbo.Orders (OrderId int NOT NULL PRIMARY KEY, Amount decimal(9,2) NOT NULL);
GO
CREATE TABLE dbo.Incoming (OrderId int NOT NULL PRIMARY KEY, Amount decimal(9,2) NOT NULL);
GO
CREATE TABLE dbo.OrderGrowth (Source varchar(20) NOT NULL, RowsBefore int NOT NULL, RowsAfter int NOT NULL);
GO
CREATE PROCEDURE dbo.usp_Load
AS
BEGIN
  DECLARE @before int, @after int;
  SELECT @before = COUNT(*) FROM dbo.Orders;
  INSERT INTO dbo.Orders (OrderId, Amount)
  SELECT i.OrderId, i.Amount FROM dbo.Incoming i WHERE NOT EXISTS (SELECT 1 FROM dbo.Orders o WHERE o.OrderId = i.OrderId);
  SELECT @after = COUNT(*) FROM dbo.Orders;
  INSERT INTO dbo.OrderGrowth (Source, RowsBefore, RowsAfter) VALUES ('orders', @before, @after);
END
GO
`;

async function specsOf(retag: (skeleton: string) => string) {
  const { graph, outline, catalog, sections } = proposalOf(text);
  const specs: SectionSpec[] = [];
  for (const { section: s, skeleton } of sections) {
    const { spec } = await parseFeature(retag(skeleton), `sections/dbo.usp_Load/${s.number}-${s.slug}.feature`, { catalog });
    if (spec) specs.push(spec);
  }
  return { sections: sections.map((x) => x.section), problems: checkProcedureSections(outline, graph, specs).filter((p) => p.code !== 'SPEC_TODO') };
}

describe('a value computed from a table before another section writes it', () => {
  it('proposes the count with the section whose INSERT follows it, and check accepts it', async () => {
    const { sections, problems } = await specsOf((k) => k);
    expect(sections.map((s) => [s.number, s.lines.map((r) => `${r.start}-${r.end}`).join(','), s.outputs.join(',')])).toEqual([
      ['00', '10-10', ''],
      ['01', '11-13', expect.stringMatching(/orders/i)],
      ['02', '14-15', expect.stringMatching(/ordergrowth/i)],
    ]);
    expect(problems).toEqual([]);
  });

  it('check names the count cut with its reader, after the section that writes the table', async () => {
    // the cut as it was proposed before: the count kept with the row that logs it
    const { problems } = await specsOf((k) => k.replace('@lines:11-13 ', '@lines:12-13 ').replace('@lines:14-15 ', '@lines:11,14-15 '));
    expect(problems.map((p) => [p.code, p.line, p.message])).toEqual([
      ['SECTIONS_READS_BEFORE_WRITE', 11, 'SELECT @before at line 11 of dbo.usp_Load (in dbo.usp_Load/02-order-growth) reads dbo.Orders before INSERT dbo.Orders at line 12 (in dbo.usp_Load/01-orders) writes it: run in number order, dbo.usp_Load/02-order-growth would read it after that write'],
    ]);
  });
});
