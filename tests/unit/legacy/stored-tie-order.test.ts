import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EngineSession } from '../../../src/engine';
import { emulateProcedure } from '../../../src/legacy/emulator/emulate-procedure';
import { checkUnorderedReads, type OrderCheck } from '../../../src/legacy/order-check';
import { parseScript } from '../../../src/tsql';

// TOP (learn.microsoft.com/sql/t-sql/queries/top-transact-sql): with ORDER BY ties, which rows
// TOP returns is not defined. Sessionisation code stores a LAG/ROW_NUMBER step in a #temp table
// and then picks the exit page with TOP (1) … ORDER BY EventTime DESC: two page views at one
// instant leave the pick to SQL Server's plan. The window's reversed ties in capture's second
// run used to reorder the #temp table too (as did the reversed ties of an INSERT … SELECT …
// ORDER BY), and the TOP's reversed ties then picked the first run's row again: the output
// passed as reproducible.
const TABLES = `CREATE TABLE dbo.Ev (EventId int NOT NULL PRIMARY KEY, VisitorId int NOT NULL, At int NOT NULL, Page varchar(10) NOT NULL)
GO
CREATE TABLE dbo.ExitPage (VisitorId int NOT NULL PRIMARY KEY, Page varchar(10) NULL)
GO
`;
// Visitor 1's last two events share their time; visitor 2's do not.
const EVENTS = 'EventId,VisitorId,At,Page\n1,1,5,/a\n2,1,5,/b\n3,1,1,/c\n4,2,1,/d\n5,2,2,/e\n';

async function orderCheck(stage: string, pick: string): Promise<OrderCheck> {
  const dir = mkdtempSync(join(tmpdir(), 'stored-ties-'));
  try {
    writeFileSync(join(dir, 'dbo.Ev.csv'), EVENTS);
    const proc = `CREATE PROCEDURE dbo.usp_exit AS
BEGIN
  SET NOCOUNT ON;
  ${stage}
  INSERT dbo.ExitPage (VisitorId, Page)
  SELECT v.VisitorId, x.Page FROM (SELECT DISTINCT VisitorId FROM #ev) v
  OUTER APPLY (SELECT TOP (1) e.Page FROM #ev e WHERE e.VisitorId = v.VisitorId ORDER BY ${pick}) x;
END
GO
`;
    const options = { scripts: [parseScript(TABLES, { file: 'tables.sql' }), parseScript(proc, { file: 'usp_exit.sql' })], procedure: 'dbo.usp_exit', params: {}, inputs: [{ table: 'dbo.Ev', file: join(dir, 'dbo.Ev.csv') }], clock: '2026-01-15T10:20:30', allowDynamicSql: false };
    const session = await EngineSession.open({ threads: 1 });
    try {
      return await checkUnorderedReads(options, await emulateProcedure({ ...options, session }));
    } finally {
      session.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('order check: ties a window broke while filling a table, then a TOP over that table', () => {
  it('lists the TOP pick as not reproducible after SELECT … INTO with LAG over tied times', async () => {
    const r = await orderCheck('SELECT *, LAG(At) OVER (PARTITION BY VisitorId ORDER BY At) AS PrevAt INTO #ev FROM dbo.Ev;', 'e.At DESC');
    expect(r.columns).toEqual(['dbo.ExitPage.Page']);
    expect(r.causes).toEqual([expect.stringMatching(/LAG\(\) OVER at usp_exit\.sql:4:\d+.*a TOP chooses between at usp_exit\.sql:7:\d+/)]);
  });

  it('lists it after INSERT … SELECT with ROW_NUMBER over tied times into a #temp table', async () => {
    const r = await orderCheck(`CREATE TABLE #ev (VisitorId int, At int, Page varchar(10), Rn bigint);
  INSERT #ev SELECT VisitorId, At, Page, ROW_NUMBER() OVER (PARTITION BY VisitorId ORDER BY At) FROM dbo.Ev;`, 'e.At DESC');
    expect(r.columns).toContain('dbo.ExitPage.Page');
  });

  it('lists it after INSERT … SELECT … ORDER BY over tied times (an ORDER BY that orders nothing kept)', async () => {
    const r = await orderCheck(`CREATE TABLE #ev (VisitorId int, At int, Page varchar(10));
  INSERT INTO #ev (VisitorId, At, Page) SELECT VisitorId, At, Page FROM dbo.Ev ORDER BY VisitorId, At;`, 'e.At DESC');
    expect(r.columns).toEqual(['dbo.ExitPage.Page']);
    expect(r.causes).toEqual([expect.stringMatching(/^rows with equal ORDER BY values a TOP chooses between at usp_exit\.sql:8:16, taken in the other order/)]);
  });

  it('lists nothing when the TOP breaks its ties itself', async () => {
    const r = await orderCheck('SELECT *, LAG(At) OVER (PARTITION BY VisitorId ORDER BY At) AS PrevAt INTO #ev FROM dbo.Ev;', 'e.At DESC, e.EventId DESC');
    expect(r.columns).toEqual([]);
  });
});
