import { crossEntityContext, crossEntityReads } from '../../../../src/legacy/emulator/section/cross-entity-reads';
import { parseScript, type CreateProcedure, type Statement } from '../../../../src/tsql';

// A loyalty ledger refreshed per [Member Id]: joins that run through a table variable or #temp
// the procedure declares (whose columns tie the tables to one member), and TOP … WITH TIES
// over every member's rows, which one member's slice cannot test.
const DDL = `CREATE TABLE Loyalty.[Member] ([Member Id] int NOT NULL PRIMARY KEY, [Member Name] nvarchar(60) NOT NULL, [Referred By] int NULL)
GO
CREATE TABLE Loyalty.[Member Balance] ([Member Id] int NOT NULL PRIMARY KEY, Balance int NOT NULL)
GO
CREATE TABLE Loyalty.[Points Lot] ([Lot Id] int NOT NULL PRIMARY KEY, [Member Id] int NOT NULL, Points int NOT NULL)
GO
`;
const DECLARE = `DECLARE @Window TABLE ([Member Id] int NOT NULL PRIMARY KEY, [Earned 12m] int NOT NULL);
INSERT INTO @Window ([Member Id], [Earned 12m]) SELECT l.[Member Id], SUM(l.Points) FROM Loyalty.[Points Lot] l GROUP BY l.[Member Id];`;

function procedureOf(body: string): { script: ReturnType<typeof parseScript>; statements: readonly Statement[] } {
  const script = parseScript(`${DDL}CREATE PROCEDURE Loyalty.[usp_Member Board] AS\nBEGIN\n${body}\nEND\n`, { file: 'board.sql' });
  const proc = script.batches.flatMap((b) => b.statements).find((s): s is CreateProcedure => s.kind === 'CreateProcedure') as CreateProcedure;
  return { script, statements: proc.body[0]?.kind === 'Block' ? proc.body[0].statements : proc.body };
}

/** The reads of the statements from the `from`th on (a later section), judged with the whole procedure's declarations. */
function readsOf(body: string, from = 0): string[] {
  const { script, statements } = procedureOf(body);
  return crossEntityReads(statements.slice(from), 'Member Id', crossEntityContext([script], statements)).map((r) => r.construct);
}

describe('crossEntityReads through the procedure\'s table variables and #temps', () => {
  it('ties two member tables joined through a table variable on [Member Id], declared in an earlier section', () => {
    const select = 'SELECT mb.[Member Name], w.[Earned 12m], b.Balance FROM @Window w\n JOIN Loyalty.[Member] mb ON mb.[Member Id] = w.[Member Id]\n JOIN Loyalty.[Member Balance] b ON b.[Member Id] = w.[Member Id];';
    expect(readsOf(`${DECLARE}\n${select}`, 2)).toEqual([]);
  });

  it('ties them through a #temp the procedure creates, or fills by SELECT … INTO', () => {
    const join = (t: string): string => `SELECT mb.[Member Name], b.Balance FROM ${t} w JOIN Loyalty.[Member] mb ON mb.[Member Id] = w.[Member Id] JOIN Loyalty.[Member Balance] b ON b.[Member Id] = w.[Member Id];`;
    expect(readsOf(`CREATE TABLE [#Active Member] ([Member Id] int NOT NULL);\n${join('[#Active Member]')}`, 1)).toEqual([]);
    expect(readsOf(`SELECT l.[Member Id], SUM(l.Points) AS Pts INTO #Earned FROM Loyalty.[Points Lot] l GROUP BY l.[Member Id];\n${join('#Earned')}`, 1)).toEqual([]);
  });

  it('names a table variable with the member\'s column joined to a member on another column', () => {
    expect(readsOf(`${DECLARE}\nSELECT mb.[Member Name], w.[Earned 12m] AS [Referrer Earned] FROM Loyalty.[Member] mb JOIN @Window w ON w.[Member Id] = mb.[Referred By];`, 2))
      .toEqual(['@Window w joined on other columns than Member Id (the row of another Member Id)']);
  });

  it('names TOP … WITH TIES over every member\'s rows, and a total over per-member totals', () => {
    expect(readsOf(`${DECLARE}\nSELECT TOP (1) WITH TIES mb.[Member Name], w.[Earned 12m] FROM @Window w JOIN Loyalty.[Member] mb ON mb.[Member Id] = w.[Member Id] ORDER BY w.[Earned 12m] DESC;`, 2))
      .toEqual(['TOP (1) WITH TIES over rows of every Member Id']);
    expect(readsOf('SELECT TOP (10) PERCENT l.[Member Id], SUM(l.Points) AS Pts FROM Loyalty.[Points Lot] l GROUP BY l.[Member Id] ORDER BY Pts DESC;'))
      .toEqual(['TOP (10) PERCENT over rows of every Member Id']);
    expect(readsOf('DECLARE @Best int;\nSELECT @Best = MAX(t.Pts) FROM (SELECT l.[Member Id], SUM(l.Points) AS Pts FROM Loyalty.[Points Lot] l GROUP BY l.[Member Id]) t;'))
      .toEqual(['MAX(…) over rows of every Member Id']);
  });

  it('leaves alone a TOP over one member\'s rows', () => {
    expect(readsOf('SELECT mb.[Member Id], x.[Lot Id] FROM Loyalty.[Member] mb\n OUTER APPLY (SELECT TOP (1) WITH TIES l.[Lot Id] FROM Loyalty.[Points Lot] l WHERE l.[Member Id] = mb.[Member Id] ORDER BY l.Points DESC) x;')).toEqual([]);
  });
});
