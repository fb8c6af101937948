import { crossEntityContext, crossEntityReads } from '../../../../src/legacy/emulator/section/cross-entity-reads';
import { parseScript, type CreateProcedure, type Statement } from '../../../../src/tsql';

// Tier pricing per service point reads the rate in effect: `MAX([Effective Date])` of the rate
// tiers of the service point's rate code. A slice of one service point holds every tier of its
// rate code (cis.[Rate Tier] is cut through [Rate Code]), so a MAX pinned to that rate code reads
// the same rows as the whole run: no read across service points. Unpinned, or pinned on another
// column, it is one.
const DDL = `CREATE TABLE cis.[Service Point] ([Service Point ID] int NOT NULL PRIMARY KEY, [Rate Code] varchar(10) NOT NULL)
GO
CREATE TABLE cis.[Rate Tier] ([Rate Code] varchar(10) NOT NULL, [Effective Date] date NOT NULL, [Tier No] tinyint NOT NULL, [Unit Price] decimal(9,5) NOT NULL)
GO
CREATE TABLE rpt.[Tier Charge] ([Service Point ID] int NOT NULL, [Tier No] tinyint NOT NULL, [Unit Price] decimal(9,5) NOT NULL)
GO
`;

function readsOf(body: string): string[] {
  const script = parseScript(`${DDL}CREATE PROCEDURE rpt.[usp_Price] @PeriodEnd date AS\nBEGIN\n${body}\nEND\n`, { file: 'price.sql' });
  const proc = script.batches.flatMap((b) => b.statements).find((s): s is CreateProcedure => s.kind === 'CreateProcedure') as CreateProcedure;
  const statements: readonly Statement[] = proc.body[0]?.kind === 'Block' ? proc.body[0].statements : proc.body;
  return crossEntityReads(statements, 'Service Point ID', crossEntityContext([script], statements)).map((r) => r.construct);
}

const insert = (where: string): string => `INSERT INTO rpt.[Tier Charge] ([Service Point ID], [Tier No], [Unit Price])
SELECT sp.[Service Point ID], t.[Tier No], t.[Unit Price]
FROM cis.[Service Point] sp
JOIN cis.[Rate Tier] t ON t.[Rate Code] = sp.[Rate Code]
WHERE t.[Effective Date] = (SELECT MAX(t2.[Effective Date]) FROM ${where})`;

describe('the rate in effect, read from a table the slice cuts through its key', () => {
  it('correlated on the rate code to the tier row (or the service point) reads one entity\'s rows', () => {
    expect(readsOf(insert('cis.[Rate Tier] t2 WHERE t2.[Rate Code] = t.[Rate Code] AND t2.[Effective Date] <= @PeriodEnd'))).toEqual([]);
    expect(readsOf(insert('cis.[Rate Tier] t2 WHERE sp.[Rate Code] = t2.[Rate Code] AND t2.[Effective Date] <= @PeriodEnd'))).toEqual([]);
  });

  it('pinned to a variable in a cursor over service points reads one entity\'s rows', () => {
    const loop = `DECLARE @SPID int, @RateCode varchar(10), @Eff date
DECLARE c CURSOR LOCAL FAST_FORWARD FOR SELECT [Service Point ID], [Rate Code] FROM cis.[Service Point] ORDER BY [Service Point ID]
OPEN c
FETCH NEXT FROM c INTO @SPID, @RateCode
WHILE @@FETCH_STATUS = 0
BEGIN
  SELECT @Eff = MAX([Effective Date]) FROM cis.[Rate Tier] WHERE [Rate Code] = @RateCode AND [Effective Date] <= @PeriodEnd
  INSERT INTO rpt.[Tier Charge] ([Service Point ID], [Tier No], [Unit Price]) SELECT @SPID, [Tier No], [Unit Price] FROM cis.[Rate Tier] WHERE [Rate Code] = @RateCode AND [Effective Date] = @Eff
  FETCH NEXT FROM c INTO @SPID, @RateCode
END`;
    expect(readsOf(loop)).toEqual([]);
  });

  it('unpinned, or pinned on another column than the key, reads every entity\'s', () => {
    expect(readsOf(insert('cis.[Rate Tier] t2 WHERE t2.[Effective Date] <= @PeriodEnd'))).toEqual(['MAX(…) over rows of every Service Point ID']);
    expect(readsOf(insert('cis.[Rate Tier] t2 WHERE t2.[Effective Date] = t.[Effective Date]'))).toEqual(['MAX(…) over rows of every Service Point ID']);
  });
});
