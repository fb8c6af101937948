import { buildScriptGraphs, collectTableCatalog, withCalleeEffects } from '../../../src/dataflow';
import { parseScript } from '../../../src/tsql';
import { withReadsThroughFunctions } from '../../../src/sections/reads-through-functions';

// A month-end run EXECs a procedure that fills its #work from dbo.Rep joined for Region and
// calls a scalar function that reads the same table's TierCode and IsActive. The EXEC's section
// reads all of dbo.Rep: a skeleton listing only Region and RepId (the columns the callee's own
// graph names) let hand-written Givens leave the tier NULL, and the function then pays every rep
// the house rate (udf probe).
const sql = `CREATE TABLE dbo.Rep (RepId int NOT NULL PRIMARY KEY, Region char(3) NULL, TierCode varchar(10) NULL, IsActive bit NOT NULL)
GO
CREATE TABLE dbo.Sale (SaleId int NOT NULL PRIMARY KEY, RepId int NOT NULL, Amount decimal(12,2) NOT NULL)
GO
CREATE FUNCTION dbo.fn_Rate (@RepId int) RETURNS decimal(5,4) AS
BEGIN
  DECLARE @t varchar(10), @a bit
  SELECT @t = TierCode, @a = IsActive FROM dbo.Rep WHERE RepId = @RepId
  RETURN CASE WHEN @a = 0 THEN 0 WHEN @t IS NULL THEN 0.025 ELSE 0.05 END
END
GO
CREATE PROCEDURE dbo.usp_Fill AS
INSERT INTO #work (SaleId, Rate)
SELECT s.SaleId, dbo.fn_Rate(s.RepId) FROM dbo.Sale s JOIN dbo.Rep r ON r.RepId = s.RepId WHERE r.Region = 'EST'
GO
CREATE PROCEDURE dbo.usp_Run AS
CREATE TABLE #work (SaleId int NOT NULL, Rate decimal(5,4) NULL)
EXEC dbo.usp_Fill
SELECT SaleId, Rate FROM #work
GO
`;

describe('reads through calls', () => {
  it('gives every column of a table a function behind an EXEC reads, beside the columns the callee names', () => {
    const script = parseScript(sql, { file: 'p.sql' });
    const built = withCalleeEffects(buildScriptGraphs(script, { catalog: collectTableCatalog([script]) }));
    const graphs = new Map(built.map((g) => [g.object.name.toLowerCase(), g]));
    const run = withReadsThroughFunctions(graphs, [script], 'dbo').get('dbo.usp_run');
    const rep = run?.nodes.find((n) => n.kind === 'table' && n.name === 'dbo.rep');
    expect(rep).toBeDefined();
    const exec = run?.steps.find((s) => s.reads.some((r) => r.node === rep?.id));
    expect(exec?.lines.start).toBe(18); // EXEC dbo.usp_Fill
    expect(exec?.reads.find((r) => r.node === rep?.id)?.columns).toContain('*');
  });
});

// An MRP run offsets lead times through an inline function whose WITH numbers the working days
// (`wd`) and finds the due date's number (`anchor`). Those names are CTEs, not tables: the step
// calling the function reads the work calendar only. They were taken for tables, so `propose`
// wrote Givens `wd` and `anchor` with no columns, which `sections check` rejected (mrp probe).
const calendarSql = `CREATE TABLE [Plan].[Work Calendar] ([Cal Date] date NOT NULL PRIMARY KEY, [Is Working Day] bit NOT NULL)
GO
CREATE FUNCTION [Plan].[fn_Release Date] (@Due date, @LeadDays int) RETURNS TABLE AS RETURN
(
  WITH wd AS (SELECT [Cal Date], ROW_NUMBER() OVER (ORDER BY [Cal Date]) AS rn FROM [Plan].[Work Calendar] WHERE [Is Working Day] = 1),
  anchor AS (SELECT MAX(rn) AS rn FROM wd WHERE [Cal Date] <= @Due)
  SELECT COALESCE((SELECT wd.[Cal Date] FROM wd JOIN anchor a ON wd.rn = a.rn - @LeadDays), DATEADD(DAY, -@LeadDays, @Due)) AS [Release Date]
)
GO
CREATE PROCEDURE [Plan].[usp_Release] @Due date AS
SELECT r.[Release Date] FROM [Plan].[fn_Release Date](@Due, 3) r
GO
`;

describe('reads through an inline function with CTEs', () => {
  it('reads the tables inside the CTEs, never the CTE names', () => {
    const script = parseScript(calendarSql, { file: 'p.sql' });
    const built = withCalleeEffects(buildScriptGraphs(script, { catalog: collectTableCatalog([script]) }));
    const graphs = new Map(built.map((g) => [g.object.name.toLowerCase(), g]));
    const run = withReadsThroughFunctions(graphs, [script], 'dbo').get('plan.usp_release');
    const tables = run?.nodes.filter((n) => n.kind === 'table').map((n) => n.name).sort();
    expect(tables).toEqual(['plan.work calendar']);
  });
});
