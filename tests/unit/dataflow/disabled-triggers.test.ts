import { analyzeFile, setContextOf, splitScript, type DataFlowGraph } from '../../../src/dataflow';
import { parseScript } from '../../../src/tsql';

// A price-list job turns the audit trigger off around its bulk UPDATE (finance wants no audit
// rows for it), then on again: the UPDATE between them does not fire it, the one after does.
// Where the DISABLE runs only under a condition or in a loop, whether it is off is not known:
// the trigger stays in the graph and a warning says why.
const DDL = `CREATE TABLE dbo.PriceLine (LineId int PRIMARY KEY, Price money, Qty int)
GO
CREATE TABLE dbo.PriceAudit (LineId int, OldPrice money, NewPrice money)
GO
CREATE TABLE dbo.QtyLog (LineId int, Qty int)
GO
CREATE TRIGGER dbo.trg_PriceLine_Audit ON dbo.PriceLine AFTER UPDATE
AS INSERT INTO dbo.PriceAudit (LineId, OldPrice, NewPrice) SELECT d.LineId, d.Price, i.Price FROM deleted d JOIN inserted i ON i.LineId = d.LineId
GO
CREATE TRIGGER dbo.[trg PriceLine Qty] ON dbo.PriceLine AFTER UPDATE
AS INSERT INTO dbo.QtyLog (LineId, Qty) SELECT LineId, Qty FROM inserted
GO
`;
const PROC = `CREATE PROCEDURE dbo.usp_RepriceList @Pct decimal(5,2), @Quiet bit = 0
AS
BEGIN
    SET NOCOUNT ON
    DISABLE TRIGGER trg_PriceLine_Audit ON dbo.PriceLine
    UPDATE dbo.PriceLine SET Price = Price * (1 + @Pct / 100)
    ENABLE TRIGGER dbo.trg_PriceLine_Audit ON dbo.PriceLine
    UPDATE dbo.PriceLine SET Qty = Qty WHERE LineId = 1

    ALTER TABLE dbo.PriceLine DISABLE TRIGGER ALL
    IF @Pct > 10
        UPDATE dbo.PriceLine SET Price = ROUND(Price, 0)
    ALTER TABLE [dbo].[PriceLine] ENABLE TRIGGER ALL

    IF @Quiet = 1
        DISABLE TRIGGER dbo.[trg PriceLine Qty] ON dbo.PriceLine
    UPDATE dbo.PriceLine SET Qty = Qty + 1 WHERE LineId = 2
END
GO
`;

function graphOf(proc: string): DataFlowGraph {
  const units = [splitScript(parseScript(DDL, { file: 'ddl.sql' }), 'dbo'), splitScript(parseScript(proc, { file: 'p.sql' }), 'dbo')];
  const g = analyzeFile(units[1] as ReturnType<typeof splitScript>, setContextOf(units, 'dbo')).defined.find((d) => d.graph.object.name === 'dbo.usp_repricelist')?.graph;
  if (!g) throw new Error('no graph');
  return g;
}
const firing = (g: DataFlowGraph, line: number): string[] => (g.steps.find((s) => s.lines.start === line)?.fires ?? []).map((t) => t.label);

describe('DISABLE TRIGGER / ENABLE TRIGGER inside a procedure', () => {
  const g = graphOf(PROC);

  it('a statement between DISABLE and ENABLE does not fire the trigger; one after the ENABLE does', () => {
    expect(firing(g, 6)).toEqual(['dbo.trg PriceLine Qty']);
    expect(firing(g, 8)).toEqual(['dbo.trg PriceLine Qty', 'dbo.trg_PriceLine_Audit'].sort());
  });

  it('ALTER TABLE … DISABLE TRIGGER ALL covers every trigger of the table, also for a statement under an IF after it', () => {
    expect(firing(g, 12)).toEqual([]);
  });

  it('a DISABLE under a condition keeps the trigger firing, with a warning at the statement', () => {
    expect(firing(g, 17)).toEqual(['dbo.trg PriceLine Qty', 'dbo.trg_PriceLine_Audit'].sort());
    const warned = g.diagnostics.filter((d) => d.code === 'DATAFLOW_TRIGGER_TOGGLE');
    expect(warned.map((d) => d.span?.start.line ?? d.line)).toEqual([17]);
    expect(warned[0]?.message).toContain('trg PriceLine Qty');
    expect(warned[0]?.message).toContain('line 16');
  });

  it('a toggle in a loop, or before a label, keeps the trigger firing', () => {
    const looped = graphOf(`CREATE PROCEDURE dbo.usp_RepriceList AS
BEGIN
    WHILE EXISTS (SELECT 1 FROM dbo.PriceLine WHERE Price < 0)
    BEGIN
        UPDATE TOP (10) dbo.PriceLine SET Price = 0 WHERE Price < 0
        DISABLE TRIGGER ALL ON dbo.PriceLine
    END
    DISABLE TRIGGER ALL ON dbo.PriceLine
again:
    UPDATE dbo.PriceLine SET Qty = 0 WHERE Qty < 0
    ENABLE TRIGGER ALL ON dbo.PriceLine
    IF @@ROWCOUNT > 0 GOTO again
END
GO
`);
    expect(firing(looped, 5)).toHaveLength(2);
    expect(firing(looped, 10)).toHaveLength(2);
    expect(looped.diagnostics.filter((d) => d.code === 'DATAFLOW_TRIGGER_TOGGLE').map((d) => d.message)).toEqual([
      expect.stringContaining('the loop at line 3'), expect.stringContaining('the loop at line 3'),
      expect.stringContaining('the label again'), expect.stringContaining('the label again'),
    ]);
  });
});
