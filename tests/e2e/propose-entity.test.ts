import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrate } from '../support/run-migrate';
import { scriptWorkspace } from '../support/script-workspace';

// `sections propose` tags a section @entity where running it per entity is certain: a cursor
// over [Patient Id] whose INSERT takes the key from both branches of a UNION ALL, and set-based
// statements grouped by or correlated on the key. A section that reads across entities (an
// uncorrelated NOT EXISTS, a ranking over every ward, a key from two columns) gets none.
const TABLES = `CREATE TABLE dbo.Admission ([Admission Id] int NOT NULL PRIMARY KEY, [Patient Id] int NOT NULL, [Ward Id] int NOT NULL, AdmitTime datetime NOT NULL, DischargeTime datetime NULL)
GO
CREATE TABLE dbo.Transfer ([Transfer Id] int NOT NULL PRIMARY KEY, [Admission Id] int NOT NULL, [Patient Id] int NOT NULL, [To Ward Id] int NOT NULL, TransferTime datetime NOT NULL)
GO
CREATE TABLE dbo.Ward ([Ward Id] int NOT NULL PRIMARY KEY, [Ward Name] varchar(30) NOT NULL, Beds int NOT NULL)
GO
CREATE TABLE dbo.[Patient Move] ([Patient Id] int NOT NULL, [Ward Id] int NOT NULL, MoveTime datetime NOT NULL)
GO
CREATE TABLE dbo.[Ward Load] ([Ward Name] varchar(30) NOT NULL, Stays int NOT NULL)
GO
CREATE TABLE dbo.[Ward Rank] ([Ward Name] varchar(30) NOT NULL, Beds int NOT NULL, [Bed Rank] int NOT NULL)
GO
CREATE TABLE dbo.Readmit ([Patient Id] int NOT NULL, [First Id] int NOT NULL, [Next Id] int NOT NULL)
GO
CREATE TABLE dbo.[Lone Patient] ([Patient Id] int NOT NULL)
GO
CREATE TABLE dbo.[Patient Visit] ([Visit No] int IDENTITY(1,1) NOT NULL, [Patient Id] int NOT NULL, Visits int NOT NULL)
GO
CREATE TABLE dbo.[Patient Share] ([Patient Id] int NOT NULL, Stays int NOT NULL, [All Stays] int NOT NULL)
GO
`;

const PROCS = `CREATE PROCEDURE dbo.usp_PatientMoves
AS
BEGIN
    DECLARE @pid INT
    DECLARE c CURSOR LOCAL FAST_FORWARD FOR SELECT DISTINCT [Patient Id] FROM dbo.Admission ORDER BY [Patient Id]
    OPEN c
    FETCH NEXT FROM c INTO @pid
    WHILE @@FETCH_STATUS = 0
    BEGIN
        DELETE FROM dbo.[Patient Move] WHERE [Patient Id] = @pid
        INSERT INTO dbo.[Patient Move] ([Patient Id], [Ward Id], MoveTime)
        SELECT a.[Patient Id], a.[Ward Id], a.AdmitTime FROM dbo.Admission a WHERE a.[Patient Id] = @pid
        UNION ALL
        SELECT t.[Patient Id], t.[To Ward Id], t.TransferTime FROM dbo.Transfer t WHERE t.[Patient Id] = @pid
        FETCH NEXT FROM c INTO @pid
    END
    CLOSE c
    DEALLOCATE c
END
GO
CREATE PROCEDURE dbo.usp_WardFigures
AS
BEGIN
    DELETE FROM dbo.[Ward Load]
    INSERT INTO dbo.[Ward Load] ([Ward Name], Stays)
    SELECT w.[Ward Name], COUNT(a.[Admission Id])
    FROM dbo.Ward w LEFT JOIN dbo.Admission a ON a.[Ward Id] = w.[Ward Id]
    GROUP BY w.[Ward Name]

    INSERT INTO dbo.[Ward Rank] ([Ward Name], Beds, [Bed Rank])
    SELECT w.[Ward Name], w.Beds, RANK() OVER (ORDER BY w.Beds DESC) FROM dbo.Ward w
END
GO
CREATE PROCEDURE dbo.usp_Readmits
AS
BEGIN
    INSERT INTO dbo.Readmit ([Patient Id], [First Id], [Next Id])
    SELECT a1.[Patient Id], a1.[Admission Id], a2.[Admission Id]
    FROM dbo.Admission a1
    JOIN dbo.Admission a2 ON a2.[Patient Id] = a1.[Patient Id] AND a2.AdmitTime > a1.DischargeTime
    WHERE NOT EXISTS (SELECT 1 FROM dbo.Admission a3 WHERE a3.[Patient Id] = a1.[Patient Id] AND a3.AdmitTime > a1.DischargeTime AND a3.AdmitTime < a2.AdmitTime)
END
GO
CREATE PROCEDURE dbo.usp_LonePatients
AS
BEGIN
    INSERT INTO dbo.[Lone Patient] ([Patient Id])
    SELECT a.[Patient Id] FROM dbo.Admission a
    WHERE NOT EXISTS (SELECT 1 FROM dbo.Transfer t WHERE t.[Admission Id] = a.[Admission Id])
      AND NOT EXISTS (SELECT 1 FROM dbo.Admission o WHERE o.[Ward Id] = a.[Ward Id] AND o.[Admission Id] <> a.[Admission Id])
END
GO
CREATE PROCEDURE dbo.usp_PatientShare
AS
BEGIN
    DECLARE @pid INT
    DECLARE c CURSOR LOCAL FAST_FORWARD FOR SELECT DISTINCT [Patient Id] FROM dbo.Admission ORDER BY [Patient Id]
    OPEN c
    FETCH NEXT FROM c INTO @pid
    WHILE @@FETCH_STATUS = 0
    BEGIN
        INSERT INTO dbo.[Patient Share] ([Patient Id], Stays, [All Stays])
        SELECT @pid, COUNT(*), (SELECT COUNT(*) FROM dbo.Admission) FROM dbo.Admission a WHERE a.[Patient Id] = @pid
        FETCH NEXT FROM c INTO @pid
    END
    CLOSE c
    DEALLOCATE c
END
GO
CREATE PROCEDURE dbo.usp_CloseStays @Day datetime
AS
BEGIN
    UPDATE a SET DischargeTime = @Day
    FROM dbo.Admission a
    LEFT JOIN dbo.Transfer t ON t.[Admission Id] = a.[Admission Id]
    WHERE a.DischargeTime IS NULL AND t.[Admission Id] IS NULL
END
GO
CREATE PROCEDURE dbo.usp_ShiftWards
AS
BEGIN
    UPDATE a SET [Ward Id] = (SELECT MIN(n.[Ward Id]) FROM dbo.Admission n WHERE n.AdmitTime > a.AdmitTime)
    FROM dbo.Admission a
END
GO
CREATE PROCEDURE dbo.usp_StaysInto
AS
BEGIN
    SELECT a.[Patient Id], COUNT(*) AS Stays
    INTO   #stays
    FROM   dbo.Admission a
    GROUP BY a.[Patient Id]

    SELECT IDENTITY(int, 1, 1) AS Seq, s.[Patient Id], s.Stays
    INTO   #numbered
    FROM   #stays s

    INSERT INTO dbo.[Patient Share] ([Patient Id], Stays, [All Stays])
    SELECT n.[Patient Id], n.Stays, n.Seq FROM #numbered n
END
GO
CREATE PROCEDURE dbo.usp_StaysPlain
AS
BEGIN
    SELECT a.[Patient Id], COUNT(*) AS Stays
    INTO   #stays
    FROM   dbo.Admission a
    GROUP BY a.[Patient Id]

    INSERT INTO dbo.[Patient Share] ([Patient Id], Stays, [All Stays])
    SELECT s.[Patient Id], s.Stays, s.Stays FROM #stays s
END
GO
CREATE PROCEDURE dbo.usp_NumberVisits
AS
BEGIN
    INSERT INTO dbo.[Patient Visit] ([Patient Id], Visits)
    SELECT a.[Patient Id], COUNT(*) FROM dbo.Admission a GROUP BY a.[Patient Id] ORDER BY a.[Patient Id]
END
GO
`;

const firstLine = (ws: string, proc: string, file: string): string => readFileSync(join(ws, 'sections', proc, file), 'utf8').split('\n')[0] ?? '';

describe('migrate sections propose: @entity where per-entity runs are certain', () => {
  let ws: string;
  beforeAll(async () => {
    ws = mkdtempSync(join(tmpdir(), 'propose-entity-'));
    await scriptWorkspace(ws, { 'tables.sql': TABLES, 'procs.sql': PROCS });
    expect((await runMigrate(['sections', 'propose', '--all', '--root', ws])).code).toBe(0);
  });
  afterAll(() => rmSync(ws, { recursive: true, force: true }));

  it('tags a cursor loop whose key reaches the output through both branches of a UNION ALL, named as written', () => {
    expect(firstLine(ws, 'dbo.usp_PatientMoves', '01-patient-move.feature')).toMatch(/ @entity:\[Patient%20Id\]$/);
  });

  it('tags a set-based section grouped by the key, and one joined and correlated on it', () => {
    expect(firstLine(ws, 'dbo.usp_WardFigures', '01-ward-load.feature')).toMatch(/ @entity:\[Ward%20Name\]$/);
    expect(firstLine(ws, 'dbo.usp_Readmits', '01-readmit.feature')).toMatch(/ @entity:\[Patient%20Id\]$/);
  });

  it('leaves untagged a ranking over every ward, a NOT EXISTS over other patients, and rows an IDENTITY numbers', () => {
    expect(firstLine(ws, 'dbo.usp_NumberVisits', '01-patient-visit.feature')).not.toContain('@entity');
    expect(firstLine(ws, 'dbo.usp_WardFigures', '02-ward-rank.feature')).not.toContain('@entity');
    expect(firstLine(ws, 'dbo.usp_LonePatients', '01-lone-patient.feature')).not.toContain('@entity');
  });

  // An UPDATE changes each row from itself and the rows it joins on the key: run per admission,
  // it changes what it changes over all of them. One reading other admissions' rows gets no tag.
  it('tags a set-based UPDATE joined on the key by a column its SET leaves alone, not one reading other rows', () => {
    expect(firstLine(ws, 'dbo.usp_CloseStays', '01-admission.feature')).toMatch(/ @entity:\[Admission%20Id\]$/);
    expect(firstLine(ws, 'dbo.usp_ShiftWards', '01-admission.feature')).not.toContain('@entity');
  });

  // A SELECT … INTO #temp grouped by the key keeps each patient's rows apart as an INSERT … SELECT
  // does; numbered by IDENTITY(), its rows count across patients.
  it('tags a section whose SELECT … INTO is grouped by the key, not one numbering its rows with IDENTITY()', () => {
    expect(firstLine(ws, 'dbo.usp_StaysPlain', '01-patient-share.feature')).toMatch(/ @entity:\[Patient%20Id\]$/);
    expect(firstLine(ws, 'dbo.usp_StaysInto', '01-patient-share.feature')).not.toContain('@entity');
  });

  it('leaves untagged a cursor loop whose rows also count every patient (check would reject the tag)', () => {
    expect(firstLine(ws, 'dbo.usp_PatientShare', '01-patient-share.feature')).not.toContain('@entity');
  });

  it('proposes no tag sections check rejects', async () => {
    const r = await runMigrate(['sections', 'check', '--root', ws, '--json']);
    expect(r.out).not.toContain('SPEC_ENTITY');
    expect(r.out).not.toContain('SECTIONS_ENTITY_CROSS_READS');
  });
});

// An aging report copies each open item's amount unchanged from both of its sources and nothing
// else under one name: the amount is a measure, never a key, so the section gets no @entity but a note.
const AGING = `CREATE TABLE Treasury.[Ledger Entry] ([Ledger Id] int NOT NULL PRIMARY KEY, [Account No] varchar(20) NOT NULL, Amount decimal(18,2) NOT NULL, [Posting Date] date NOT NULL, Status char(1) NOT NULL)
GO
CREATE TABLE Treasury.[Statement Line] ([Statement Line Id] int NOT NULL PRIMARY KEY, [Statement Id] int NOT NULL, Amount decimal(18,2) NOT NULL, [Value Date] date NOT NULL, [Matched Ledger Id] int NULL)
GO
CREATE TABLE Treasury.[Open Aging] ([Statement Id] int NOT NULL, Source varchar(10) NOT NULL, [Item Id] int NOT NULL, Amount decimal(18,2) NOT NULL, [Age Days] int NOT NULL)
GO
CREATE PROCEDURE Treasury.[usp_Age Open Items] @StatementId int, @Account varchar(20), @AsOf date
AS
BEGIN
    SET NOCOUNT ON
    DELETE FROM Treasury.[Open Aging] WHERE [Statement Id] = @StatementId
    INSERT INTO Treasury.[Open Aging] ([Statement Id], Source, [Item Id], Amount, [Age Days])
    SELECT @StatementId, 'LEDGER', le.[Ledger Id], le.Amount, DATEDIFF(day, le.[Posting Date], @AsOf)
      FROM Treasury.[Ledger Entry] le
     WHERE le.[Account No] = @Account AND le.Status = 'O'
    UNION ALL
    SELECT @StatementId, 'BANK', sl.[Statement Line Id], sl.Amount, DATEDIFF(day, sl.[Value Date], @AsOf)
      FROM Treasury.[Statement Line] sl
     WHERE sl.[Statement Id] = @StatementId AND sl.[Matched Ledger Id] IS NULL
END
GO
`;

describe('migrate sections propose: no @entity on an amount', () => {
  it('leaves a section whose only candidate is a decimal amount untagged, and says why', async () => {
    const ws = mkdtempSync(join(tmpdir(), 'propose-measure-'));
    try {
      await scriptWorkspace(ws, { 'aging.sql': AGING });
      const r = await runMigrate(['sections', 'propose', 'Treasury.[usp_Age Open Items]', '--root', ws]);
      expect(r.code).toBe(0);
      expect(firstLine(ws, 'Treasury.usp_Age_Open_Items', '01-open-aging.feature')).not.toContain('@entity');
      expect(r.out).toContain('01-open-aging: not tagged @entity:Amount: Amount is a decimal(18,2) column of Treasury.[Open Aging], a measure, not a key');
    } finally {
      rmSync(ws, { recursive: true, force: true });
    }
  });
});

// A section reading a table an earlier section of the same run fills: the data must give its
// rows as they stand before the procedure, and the message says so, with the writer's line.
const CENSUS = `CREATE TABLE dbo.Ward ([Ward Id] int NOT NULL PRIMARY KEY, [Ward Name] varchar(30) NOT NULL, Beds int NOT NULL)
GO
CREATE TABLE dbo.[Ward Day] ([Census Date] date NOT NULL, [Ward Name] varchar(30) NOT NULL, Beds int NOT NULL)
GO
CREATE TABLE dbo.[Bed Total] ([Census Date] date NOT NULL, Beds int NOT NULL)
GO
CREATE PROCEDURE dbo.usp_BedCensus @Day date
AS
BEGIN
    INSERT INTO dbo.[Ward Day] ([Census Date], [Ward Name], Beds)
    SELECT @Day, w.[Ward Name], w.Beds FROM dbo.Ward w

    INSERT INTO dbo.[Bed Total] ([Census Date], Beds)
    SELECT d.[Census Date], SUM(d.Beds) FROM dbo.[Ward Day] d GROUP BY d.[Census Date]
END
GO
`;

describe('migrate sections record --from-data without the file of a table an earlier section fills', () => {
  let ws: string;
  beforeAll(async () => {
    ws = mkdtempSync(join(tmpdir(), 'record-written-before-'));
    await scriptWorkspace(ws, { 'census.sql': CENSUS });
    mkdirSync(join(ws, 'data'));
    writeFileSync(join(ws, 'data', 'dbo.Ward.csv'), 'Ward Id,Ward Name,Beds\n1,North Wing,10\n2,ICU,4\n');
    expect((await runMigrate(['sections', 'propose', 'dbo.usp_BedCensus', '--root', ws])).code).toBe(0);
  });
  afterAll(() => rmSync(ws, { recursive: true, force: true }));

  it('names the file to add, what its rows must be, and the statement before the section that writes the table', async () => {
    const r = await runMigrate(['sections', 'record', 'dbo.usp_BedCensus/02-bed-total', '--root', ws, '--from-data', join(ws, 'data'), '--param', 'Day=2016-05-01']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('has no CSV for dbo.[Ward Day]');
    expect(r.err).toMatch(/census\.sql:14:\d+/);
    expect(r.err).toContain('add dbo.Ward Day.csv to');
    expect(r.err).toContain('before dbo.usp_BedCensus runs (only the header row when it has none)');
    expect(r.err).toMatch(/INSERT dbo\.Ward Day at line 10 writes it before this section/);
  });
});
