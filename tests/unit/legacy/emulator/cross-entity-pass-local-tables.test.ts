import { crossEntityContext, crossEntityReads } from '../../../../src/legacy/emulator/section/cross-entity-reads';
import { parseScript, type CreateProcedure, type Statement } from '../../../../src/tsql';

// A billing run walks service points with a cursor; each pass empties its work tables first
// (`DELETE FROM @Issues`, `TRUNCATE TABLE #Seg`), fills them from the rate tables or from
// variables, and reads them back (MIN, TOP (1)): their rows are that service point's only.
const DDL = `CREATE TABLE cis.[Service Point] ([Service Point ID] int NOT NULL PRIMARY KEY, [Rate Code] varchar(10) NOT NULL)
GO
CREATE TABLE cis.[Meter Read] ([Read ID] int NOT NULL PRIMARY KEY, [Service Point ID] int NOT NULL, [Read Value] int NOT NULL)
GO
CREATE TABLE cis.[Rate Tier] ([Rate Code] varchar(10) NOT NULL, [Effective Date] date NOT NULL, [Tier No] tinyint NOT NULL)
GO
CREATE TABLE rpt.[Billing Exception] ([Service Point ID] int NOT NULL, [Exception Code] varchar(20) NOT NULL, [First Rate] date NULL)
GO
`;

function readsOf(body: string): string[] {
  const script = parseScript(`${DDL}CREATE PROCEDURE rpt.[usp_Bill] AS\nBEGIN\n${body}\nEND\n`, { file: 'bill.sql' });
  const proc = script.batches.flatMap((b) => b.statements).find((s): s is CreateProcedure => s.kind === 'CreateProcedure') as CreateProcedure;
  const statements: readonly Statement[] = proc.body[0]?.kind === 'Block' ? proc.body[0].statements : proc.body;
  return crossEntityReads(statements, 'Service Point ID', crossEntityContext([script], statements)).map((r) => r.construct);
}

const loop = (pass: string, after = ''): string => `DECLARE @SPID int, @RateCode varchar(10), @Value int
DECLARE @Issues TABLE ([Code] varchar(20) NOT NULL PRIMARY KEY)
CREATE TABLE #Seg ([Eff Date] date NOT NULL PRIMARY KEY)
DECLARE sp_cur CURSOR LOCAL FAST_FORWARD FOR SELECT [Service Point ID], [Rate Code] FROM cis.[Service Point] ORDER BY [Service Point ID]
OPEN sp_cur
FETCH NEXT FROM sp_cur INTO @SPID, @RateCode
WHILE @@FETCH_STATUS = 0
BEGIN
${pass}
    FETCH NEXT FROM sp_cur INTO @SPID, @RateCode
END
CLOSE sp_cur
DEALLOCATE sp_cur
${after}`;
const FILL = `INSERT INTO @Issues ([Code]) VALUES ('ROLLOVER')
    INSERT INTO #Seg ([Eff Date]) SELECT DISTINCT [Effective Date] FROM cis.[Rate Tier] WHERE [Rate Code] = @RateCode`;
const READ = `INSERT INTO rpt.[Billing Exception] ([Service Point ID], [Exception Code], [First Rate])
    SELECT @SPID, MIN([Code]), (SELECT TOP (1) [Eff Date] FROM #Seg ORDER BY [Eff Date]) FROM @Issues`;

describe('work tables a cursor loop empties at the start of each pass', () => {
  it('hold one service point\'s rows: MIN and TOP (1) over them combine none', () => {
    expect(readsOf(loop(`    DELETE FROM @Issues\n    TRUNCATE TABLE #Seg\n    ${FILL}\n    ${READ}`))).toEqual([]);
  });

  it('are shared when the pass does not empty them first (no DELETE, or one after a write)', () => {
    expect(readsOf(loop(`    ${FILL}\n    ${READ}`))).toEqual(['MIN(…) over rows of every Service Point ID', 'a subquery (SELECT … FROM #Seg) over rows of every Service Point ID']);
    expect(readsOf(loop(`    ${FILL}\n    DELETE FROM @Issues\n    TRUNCATE TABLE #Seg\n    ${READ}`))).toHaveLength(2);
    expect(readsOf(loop(`    IF @SPID > 0 DELETE FROM @Issues\n    TRUNCATE TABLE #Seg\n    ${FILL}\n    ${READ}`))).toEqual(['MIN(…) over rows of every Service Point ID']);
  });

  it('are shared when filled from rows of every service point, or read after the loop', () => {
    const allReads = `    DELETE FROM @Issues\n    TRUNCATE TABLE #Seg\n    INSERT INTO @Issues ([Code]) SELECT CAST([Read ID] AS varchar(20)) FROM cis.[Meter Read]\n    ${READ}`;
    expect(readsOf(loop(allReads))).toEqual(['MIN(…) over rows of every Service Point ID']);
    const later = `INSERT INTO rpt.[Billing Exception] ([Service Point ID], [Exception Code]) SELECT 0, MAX([Code]) FROM @Issues`;
    expect(readsOf(loop(`    DELETE FROM @Issues\n    TRUNCATE TABLE #Seg\n    ${FILL}\n    ${READ}`, later))).toEqual(['MIN(…) over rows of every Service Point ID', 'MAX(…) over rows of every Service Point ID']);
  });
});
