import { analyzeFile, lookupsHold, mayAddToCatalog, RecordingContext, setContextOf, splitScript, summarizeObject, type DataFlowGraph, type SetContext } from '../../../src/dataflow';
import { renderObjectMarkdown, serializeGraph } from '../../../src/render';
import { parseScript } from '../../../src/tsql';

// A DML trigger runs inside the statement that writes its table: what it writes is part of what
// a procedure does, though the procedure never names those tables. Each step lists the triggers
// it fires, by the set's definitions in effect (a later ALTER, a DROP TRIGGER, a DROP TABLE).
const DDL = `CREATE TABLE Sales.[Order Lines] (LineId int PRIMARY KEY, Qty int, Price money);
GO
CREATE TABLE Audit.[Line Change] (LineId int, Qty int, ChangedAt datetime);
GO
CREATE SYNONYM dbo.Lines FOR Sales.[Order Lines];
GO
CREATE TRIGGER Sales.[trg Line Audit] ON Sales.[Order Lines] AFTER INSERT
AS INSERT INTO Audit.[Line Change] (LineId, Qty, ChangedAt) SELECT LineId, Qty, GETDATE() FROM inserted;
GO
CREATE TRIGGER Sales.trg_Line_Old ON Sales.[Order Lines] FOR DELETE AS SELECT 1;
GO
CREATE VIEW Sales.OpenLines AS SELECT LineId, Qty FROM Sales.[Order Lines] WHERE Qty > 0;
GO
CREATE TRIGGER Sales.trg_OpenLines_Delete ON Sales.OpenLines INSTEAD OF DELETE
AS UPDATE l SET Qty = 0 FROM Sales.[Order Lines] l JOIN deleted d ON d.LineId = l.LineId;
GO
`;
// An upgrade script: the audit trigger now also fires on UPDATE; the old one is gone.
const UPGRADE = `ALTER TRIGGER Sales.[trg Line Audit] ON Sales.[Order Lines] AFTER INSERT, UPDATE
AS INSERT INTO Audit.[Line Change] (LineId, Qty, ChangedAt) SELECT LineId, Qty, GETDATE() FROM inserted;
GO
DROP TRIGGER Sales.trg_Line_Old;
GO
`;
const PROC = `CREATE PROCEDURE Sales.usp_Lines @Id int AS
BEGIN
  INSERT INTO Sales.[Order Lines] (LineId, Qty, Price) VALUES (@Id, 1, 10);
  UPDATE dbo.Lines SET Qty = Qty + 1 WHERE LineId = @Id;
  DELETE FROM Sales.[Order Lines] WHERE LineId = -1;
  MERGE Sales.[Order Lines] AS t USING (SELECT @Id AS LineId) AS s ON t.LineId = s.LineId
    WHEN MATCHED THEN DELETE
    WHEN NOT MATCHED THEN INSERT (LineId, Qty, Price) VALUES (s.LineId, 0, 0);
  DELETE FROM Sales.OpenLines WHERE LineId = @Id;
  TRUNCATE TABLE Sales.[Order Lines];
  SELECT * INTO #copy FROM Sales.[Order Lines];
END
GO
`;
const unitOf = (file: string, text: string): ReturnType<typeof splitScript> => splitScript(parseScript(text, { file }), 'dbo');
const graphOf = (context: SetContext, unit: ReturnType<typeof unitOf>): DataFlowGraph => {
  const g = analyzeFile(unit, context).defined.find((d) => d.graph.object.name === 'sales.usp_lines')?.graph;
  if (!g) throw new Error('no graph');
  return g;
};
const firing = (g: DataFlowGraph): string[][] => g.steps.map((s) => (s.fires ?? []).map((t) => `${t.label} ${t.timing} ${t.events.join('+')}`));

describe('triggers a procedure\'s statements fire', () => {
  const ddl = unitOf('ddl.sql', DDL);
  const upgrade = unitOf('upgrade.sql', UPGRADE);
  const proc = unitOf('p.sql', PROC);

  it('lists, per step, the triggers in effect for its event (a MERGE: its actions; a synonym: its target)', () => {
    const g = graphOf(setContextOf([ddl, upgrade, proc], 'dbo'), proc);
    expect(g.steps.map((s) => s.kind)).toEqual(['insert', 'update', 'delete', 'merge', 'delete', 'truncate', 'select-into']);
    expect(firing(g)).toEqual([
      ['Sales.trg Line Audit AFTER INSERT'],
      ['Sales.trg Line Audit AFTER UPDATE'],
      [], // its DELETE trigger was dropped by the upgrade
      ['Sales.trg Line Audit AFTER INSERT'],
      ['Sales.trg_OpenLines_Delete INSTEAD OF DELETE'],
      [], [],
    ]);
    // the contract's writes stay the statements' own targets
    expect(summarizeObject(g).writes).toEqual(['sales.openlines', 'sales.order lines']);
  });

  it('reads the definitions in the order the files run: without the upgrade, the first versions', () => {
    const g = graphOf(setContextOf([ddl, proc], 'dbo'), proc);
    expect(firing(g)).toEqual([
      ['Sales.trg Line Audit AFTER INSERT'], [], ['Sales.trg_Line_Old FOR DELETE'],
      ['Sales.trg Line Audit AFTER INSERT', 'Sales.trg_Line_Old FOR DELETE'],
      ['Sales.trg_OpenLines_Delete INSTEAD OF DELETE'], [], [],
    ]);
    // a rebuilt table has no triggers until they are created again
    const rebuilt = unitOf('v3.sql', 'DROP TABLE Sales.[Order Lines];\nGO\nCREATE TABLE Sales.[Order Lines] (LineId int, Qty int, Price money);\nGO\n');
    expect(firing(graphOf(setContextOf([ddl, rebuilt, proc], 'dbo'), proc)).slice(0, 4)).toEqual([[], [], [], []]);
  });

  it('names them in the report: the summary, each step\'s writes, and a table of triggers', () => {
    const g = graphOf(setContextOf([ddl, upgrade, proc], 'dbo'), proc);
    const md = renderObjectMarkdown(g);
    expect(md).toContain('| Triggers fired | `Sales.trg Line Audit`, `Sales.trg_OpenLines_Delete` |');
    expect(md).toContain('| s1 | 3 | `insert` INSERT Sales.Order Lines |   | `@Id` | `Sales.Order Lines` (LineId, Price, Qty), fires `Sales.trg Line Audit` |');
    expect(md).toContain('| `Sales.trg Line Audit` | `Sales.Order Lines` | AFTER INSERT, UPDATE | s1 (3), s2 (4), s4 (6–8) |');
    expect(md).toContain('| `Sales.trg_OpenLines_Delete` | `Sales.OpenLines` | INSTEAD OF DELETE | s5 (9) |');
    expect(serializeGraph(g)).toContain('"fires": [');
    // an object that fires none has no such rows
    expect(renderObjectMarkdown(graphOf(setContextOf([proc], 'dbo'), proc))).not.toContain('Triggers fired');
  });

  it('is part of the set context a worker thread guesses and checks', () => {
    expect(mayAddToCatalog('DROP TRIGGER Sales.trg_Line_Old;')).toBe(true);
    expect(mayAddToCatalog('create or alter\n  TRIGGER x ON t AFTER INSERT AS SELECT 1')).toBe(true);
    // a file that only mentions the word is not parsed ahead for the catalog
    expect(mayAddToCatalog('-- triggered by the nightly job; the trigger was retired in 2019\nSELECT 1;')).toBe(false);
    const context = setContextOf([ddl, upgrade, proc], 'dbo');
    const recorded = new RecordingContext(context);
    analyzeFile(proc, recorded);
    const lookups = recorded.take();
    expect(lookupsHold(lookups, context)).toBe(true);
    expect(lookupsHold(lookups, setContextOf([ddl, proc], 'dbo'))).toBe(false);
  });
});
