import type { EmulationResult } from '../../../src/legacy/emulator/emulate-procedure';
import type { OrderCheck } from '../../../src/legacy/order-check';
import { captureWithOrderCheck } from './order-check-run';

// Capture's order check named every order-sensitive window of a statement as a possible cause,
// LAG over the ledger's key ([Entry No]) too, which no two rows can tie on: a person reading the
// causes looked for an order problem where there is none. Now a window whose PARTITION BY and
// ORDER BY hold a key of each FROM item is not named (its value cannot depend on the plan).
const TABLES = `CREATE TABLE dbo.[GL Entry] (
    [Entry No]     int          NOT NULL PRIMARY KEY,
    [Account No]   varchar(20)  NOT NULL,
    [Posting Date] date         NOT NULL,
    [Document No]  varchar(20)  NULL UNIQUE,
    [Amount]       decimal(19,4) NOT NULL
)
GO
CREATE TABLE dbo.[Bank Line] (
    [Line ID]    int           NOT NULL PRIMARY KEY,
    [Value Date] date          NOT NULL,
    [Amount]     decimal(19,4) NOT NULL
)
GO
CREATE TABLE dbo.[Entry Trail] (
    [Entry No] int NOT NULL PRIMARY KEY,
    [Prev Amount] decimal(19,4) NULL,
    [Seq In Day] int NOT NULL
)
GO
CREATE TABLE dbo.[Bank Pick] ([Line ID] int NOT NULL PRIMARY KEY, [Entry No] int NOT NULL)
GO
`;
const ENTRIES = 'Entry No,Account No,Posting Date,Document No,Amount\n1,1000,2026-01-05,D1,10.00\n2,1000,2026-01-05,D2,20.00\n3,1000,2026-01-07,,30.00\n4,2000,2026-01-05,D4,40.00\n';
const LINES = 'Line ID,Value Date,Amount\n1,2026-01-06,10.00\n2,2026-01-06,20.00\n';

async function capture(body: string): Promise<{ first: EmulationResult; check: OrderCheck }> {
  const proc = `CREATE PROCEDURE dbo.usp_EntryTrail AS
BEGIN
    SET NOCOUNT ON;
${body}
END
GO
`;
  return captureWithOrderCheck({ 'tables.sql': TABLES, 'usp_EntryTrail.sql': proc }, 'dbo.usp_EntryTrail', { 'dbo.GL Entry': ENTRIES, 'dbo.Bank Line': LINES });
}

describe('order check: windows ordered by a key', () => {
  it('names the ROW_NUMBER whose ORDER BY ties, not the LAG over the key in the same statement', async () => {
    const { first, check } = await capture(`    INSERT INTO dbo.[Entry Trail] ([Entry No], [Prev Amount], [Seq In Day])
    SELECT e.[Entry No],
           LAG(e.[Amount]) OVER (ORDER BY e.[Entry No]),
           ROW_NUMBER() OVER (PARTITION BY e.[Account No] ORDER BY e.[Posting Date])
    FROM dbo.[GL Entry] e;`);
    expect(first.unorderedReads).toEqual([expect.stringMatching(/^rows with equal ORDER BY values of ROW_NUMBER\(\) OVER at usp_EntryTrail\.sql:7:\d+$/)]);
    expect(check.causes.join('\n')).not.toMatch(/LAG/);
    expect(check.columns).toEqual(expect.arrayContaining(['dbo.Entry Trail.Seq In Day']));
    expect(check.columns).not.toContain('dbo.Entry Trail.Prev Amount');
  });

  it('names a LAG whose ORDER BY is no key, and one over a column that is only part of a join\'s rows', async () => {
    const { first } = await capture(`    INSERT INTO dbo.[Entry Trail] ([Entry No], [Prev Amount], [Seq In Day])
    SELECT e.[Entry No], LAG(e.[Amount]) OVER (ORDER BY e.[Posting Date]), 1
    FROM dbo.[GL Entry] e;
    INSERT INTO dbo.[Bank Pick] ([Line ID], [Entry No])
    SELECT x.[Line ID], x.[Entry No] FROM (
        SELECT b.[Line ID], e.[Entry No], ROW_NUMBER() OVER (PARTITION BY b.[Line ID] ORDER BY e.[Posting Date]) AS rn
        FROM dbo.[Bank Line] b CROSS JOIN dbo.[GL Entry] e
    ) x WHERE x.rn = 1;`);
    expect(first.unorderedReads).toEqual([
      expect.stringMatching(/^rows with equal ORDER BY values of LAG\(\) OVER at usp_EntryTrail\.sql:5:\d+$/),
      expect.stringMatching(/^rows with equal ORDER BY values of ROW_NUMBER\(\) OVER at usp_EntryTrail\.sql:9:\d+$/),
    ]);
  });

  it('names nothing when the PARTITION BY and ORDER BY hold the key of each joined table, or a lone table\'s UNIQUE column', async () => {
    const { first, check } = await capture(`    ;WITH cand AS (
        SELECT b.[Line ID], e.[Entry No],
               ROW_NUMBER() OVER (PARTITION BY b.[Line ID] ORDER BY ABS(DATEDIFF(day, e.[Posting Date], b.[Value Date])), e.[Entry No]) AS rn
        FROM dbo.[Bank Line] b
        INNER JOIN dbo.[GL Entry] e ON e.[Amount] = b.[Amount]
    )
    INSERT INTO dbo.[Bank Pick] ([Line ID], [Entry No])
    SELECT [Line ID], [Entry No] FROM cand WHERE rn = 1;
    INSERT INTO dbo.[Entry Trail] ([Entry No], [Prev Amount], [Seq In Day])
    SELECT [Entry No], LEAD([Amount]) OVER (ORDER BY [Document No]), 0
    FROM dbo.[GL Entry];`);
    expect(first.unorderedReads).toEqual([]);
    expect(check.causes).toEqual([]);
  });
});
