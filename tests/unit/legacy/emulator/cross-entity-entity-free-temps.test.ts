import { crossEntityContext, crossEntityReads } from '../../../../src/legacy/emulator/section/cross-entity-reads';
import { parseScript, type CreateProcedure, type Statement } from '../../../../src/tsql';

// A points statement per [Member Id] laid out over a week spine the procedure builds from a tally
// table: the spine holds the same rows in every member's slice, so counting it combines no
// members; a #temp that holds per-member totals without the member column does.
const DDL = `CREATE TABLE dbo.Tally (N int NOT NULL PRIMARY KEY)
GO
CREATE TABLE Loyalty.[Points Lot] ([Lot Id] int NOT NULL PRIMARY KEY, [Member Id] int NOT NULL, [Earned On] date NOT NULL, Points int NOT NULL)
GO
`;
const SPINE = `SELECT DATEADD(week, t.N - 1, @From) AS [Week Start], t.N AS [Week No] INTO #weeks FROM dbo.Tally t WHERE t.N <= 13;`;

function readsOf(body: string, from = 0): string[] {
  const script = parseScript(`${DDL}CREATE PROCEDURE Loyalty.[usp_Points By Week] @From date AS\nBEGIN\n${body}\nEND\n`, { file: 'weeks.sql' });
  const proc = script.batches.flatMap((b) => b.statements).find((s): s is CreateProcedure => s.kind === 'CreateProcedure') as CreateProcedure;
  const statements: readonly Statement[] = proc.body[0]?.kind === 'Block' ? proc.body[0].statements : proc.body;
  return crossEntityReads(statements.slice(from), 'Member Id', crossEntityContext([script], statements)).map((r) => r.construct);
}

const BOARD = `SELECT l.[Member Id], w.[Week No], SUM(l.Points) AS Points, (SELECT COUNT(*) FROM #weeks) AS Weeks
FROM #weeks w JOIN Loyalty.[Points Lot] l ON l.[Earned On] >= w.[Week Start] AND l.[Earned On] < DATEADD(day, 7, w.[Week Start])
GROUP BY l.[Member Id], w.[Week No];`;

describe('crossEntityReads over a #temp the section makes from tables without the entity', () => {
  it('counts a week spine made from a tally table as the same rows in every slice', () => {
    expect(readsOf(`${SPINE}\n${BOARD}`)).toEqual([]);
  });

  it('still names a total over a #temp of per-member totals that dropped the member column', () => {
    expect(readsOf('DECLARE @Best int;\nSELECT SUM(l.Points) AS Pts INTO #totals FROM Loyalty.[Points Lot] l GROUP BY l.[Member Id];\nSELECT @Best = MAX(t.Pts) FROM #totals t;'))
      .toEqual(['MAX(…) over rows of every Member Id']);
  });

  it('names the spine when an earlier section made it, or an UPDATE brought member rows into it', () => {
    expect(readsOf(`${SPINE}\n${BOARD}`, 1)).toEqual(['COUNT(…) over rows of every Member Id']);
    const update = 'UPDATE w SET [Week No] = l.Points FROM #weeks w JOIN Loyalty.[Points Lot] l ON l.[Earned On] = w.[Week Start];';
    expect(readsOf(`${SPINE}\n${update}\n${BOARD}`)).toEqual(['COUNT(…) over rows of every Member Id']);
  });
});
