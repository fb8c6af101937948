import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrate } from '../support/run-migrate';

// Gaps-and-islands sessionisation as analytics shops wrote it: LAG over the event time flags a
// gap of more than 30 minutes (DATEDIFF counts minute boundaries), a running SUM over the
// default RANGE frame numbers the sessions (events at one instant are peers: one session
// whichever comes first), and OUTER APPLY (SELECT TOP (1) … ORDER BY EventTime DESC) picks the
// exit page, which two page views at the session's last instant leave to SQL Server's plan.
const TABLES = `CREATE TABLE dbo.WebEvent (EventID bigint NOT NULL PRIMARY KEY, VisitorID int NOT NULL, EventTime datetime NOT NULL, PageUrl nvarchar(200) NOT NULL)
GO
CREATE TABLE dbo.WebSession (VisitorID int NOT NULL, SessionNo int NOT NULL, SessionStart datetime NOT NULL, Events int NOT NULL, LandingPage nvarchar(200) NULL, ExitPage nvarchar(200) NULL, PRIMARY KEY (VisitorID, SessionNo))
GO
`;
const PROC = `CREATE PROCEDURE dbo.usp_Sessionize
AS
BEGIN
  SET NOCOUNT ON
  SELECT e.EventID, e.VisitorID, e.EventTime, e.PageUrl,
         CASE WHEN DATEDIFF(MINUTE, LAG(e.EventTime) OVER (PARTITION BY e.VisitorID ORDER BY e.EventTime), e.EventTime) <= 30 THEN 0 ELSE 1 END AS NewSess
  INTO #ev FROM dbo.WebEvent e
  SELECT *, SUM(NewSess) OVER (PARTITION BY VisitorID ORDER BY EventTime) AS SessionNo INTO #ev2 FROM #ev
  INSERT dbo.WebSession (VisitorID, SessionNo, SessionStart, Events, LandingPage, ExitPage)
  SELECT g.VisitorID, g.SessionNo, g.SessionStart, g.Events, lp.PageUrl, xp.PageUrl
  FROM (SELECT VisitorID, SessionNo, MIN(EventTime) AS SessionStart, COUNT(*) AS Events FROM #ev2 GROUP BY VisitorID, SessionNo) g
  CROSS APPLY (SELECT TOP 1 a.PageUrl FROM #ev2 a WHERE a.VisitorID = g.VisitorID AND a.SessionNo = g.SessionNo ORDER BY a.EventTime, a.EventID) lp
  OUTER APPLY (SELECT TOP (1) b.PageUrl FROM #ev2 b WHERE b.VisitorID = g.VisitorID AND b.SessionNo = g.SessionNo ORDER BY b.EventTime DESC) xp
END
GO
`;
// Visitor 1: 10:00 -> 10:30 crosses 30 minute boundaries (one session), 10:30 -> 10:31:59.997
// one, 10:31:59.997 -> 11:02 31 though barely 30 minutes pass: a new session, whose last instant
// holds /b and /c. Visitor 2: two events at one instant open its only session.
const EVENTS = `EventID,VisitorID,EventTime,PageUrl
6,1,2022-05-10 11:02:00.000,/b
1,1,2022-05-10 10:00:00.000,/home
2,1,2022-05-10 10:30:00.000,/search
3,1,2022-05-10 10:31:59.997,/book
7,1,2022-05-10 11:02:00.000,/c
4,2,2022-05-10 09:00:00.000,/x
5,2,2022-05-10 09:00:00.000,/y
`;

describe('islands probe: capture of a sessionisation procedure', () => {
  it('numbers sessions as SQL Server does and lists only the exit page a tie decides', async () => {
    const ws = mkdtempSync(join(tmpdir(), 'islands-probe-'));
    try {
      mkdirSync(join(ws, 'procedures'));
      mkdirSync(join(ws, 'data'));
      writeFileSync(join(ws, 'procedures/tables.sql'), TABLES);
      writeFileSync(join(ws, 'procedures/usp_Sessionize.sql'), PROC);
      writeFileSync(join(ws, 'data/dbo.WebEvent.csv'), EVENTS);
      const r = await runMigrate(['capture', 'dbo.usp_Sessionize', '--data', join(ws, 'data'), '--procedures', join(ws, 'procedures'), '--out', join(ws, 'out'), '--json']);
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      const manifest = JSON.parse(r.out) as { nonReproducible: string[] };
      expect(manifest.nonReproducible).toEqual(['dbo.WebSession.ExitPage']);
      const rows = readFileSync(join(ws, 'out/dbo.WebSession.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(',').slice(0, 5).join(','));
      expect(rows).toEqual([
        '1,1,2022-05-10 10:00:00,3,/home',
        '1,2,2022-05-10 11:02:00,2,/b',
        '2,1,2022-05-10 09:00:00,2,/x',
      ]);
    } finally {
      rmSync(ws, { recursive: true, force: true });
    }
  });
});
