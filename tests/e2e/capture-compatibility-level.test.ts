import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrate } from '../support/run-migrate';
import { scriptWorkspace } from '../support/script-workspace';

// A 2016-era load: rows of a staging table go into a varchar(8) column, one at a time, a CATCH
// logging ERROR_NUMBER() of the one too long; each row's datetime stamp is exported as
// datetime2(7). Both depend on the database's compatibility level, which no script says: the
// truncation is 8152 below 150 and 2628 from 150, and '…:29.187' widens to .1870000 below 130
// and .1866667 from 130. Without the level the capture refuses; with it the baseline is exact.
const SQL = `CREATE TABLE stage.[Raw Codes] ([Row Id] int NOT NULL PRIMARY KEY, Code varchar(20) NULL, [Loaded At] datetime NOT NULL)
GO
CREATE TABLE dbo.Codes ([Row Id] int NOT NULL PRIMARY KEY, Code varchar(8) NOT NULL, [Loaded At] datetime2(7) NOT NULL)
GO
CREATE TABLE dbo.[Load Errors] ([Row Id] int NOT NULL, [Error No] int NOT NULL)
GO
CREATE PROCEDURE dbo.[usp_Load Codes]
AS
BEGIN
    SET NOCOUNT ON;
    DECLARE @id int, @code varchar(20), @at datetime;
    DECLARE c CURSOR LOCAL FAST_FORWARD FOR SELECT [Row Id], Code, [Loaded At] FROM stage.[Raw Codes] ORDER BY [Row Id];
    OPEN c;
    FETCH NEXT FROM c INTO @id, @code, @at;
    WHILE @@FETCH_STATUS = 0
    BEGIN
        BEGIN TRY
            INSERT dbo.Codes ([Row Id], Code, [Loaded At]) VALUES (@id, @code, CAST(@at AS datetime2(7)));
        END TRY
        BEGIN CATCH
            INSERT dbo.[Load Errors] ([Row Id], [Error No]) VALUES (@id, ERROR_NUMBER());
        END CATCH
        FETCH NEXT FROM c INTO @id, @code, @at;
    END
    CLOSE c; DEALLOCATE c;
END
GO
`;

describe('migrate capture at the legacy database\'s compatibility level', () => {
  let ws: string;
  const cwd = process.cwd();
  beforeAll(() => {
    ws = mkdtempSync(join(tmpdir(), 'capture-level-'));
    mkdirSync(join(ws, 'procedures'));
    mkdirSync(join(ws, 'data'));
    writeFileSync(join(ws, 'procedures', 'usp_Load Codes.sql'), SQL);
    writeFileSync(join(ws, 'data', 'stage.Raw Codes.csv'), 'Row Id,Code,Loaded At\n1,AB-001,2021-11-09 13:52:29.187\n2,TOO-LONG-CODE,2021-11-09 13:52:29.190\n3,AB-003,2021-11-09 13:52:29.180\n');
  });
  afterAll(() => {
    process.chdir(cwd);
    rmSync(ws, { recursive: true, force: true });
  });
  const capture = (out: string, extra: string[] = []) => runMigrate(['capture', 'dbo.[usp_Load Codes]', '--data', join(ws, 'data'), '--procedures', join(ws, 'procedures'), '--out', join(ws, out), ...extra]);
  const read = (out: string, file: string): string => readFileSync(join(ws, out, file), 'utf8');

  it('refuses without the level, at the conversion, naming the way out', async () => {
    const r = await capture('none');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/usp_Load Codes\.sql:\d+:\d+: the emulator does not support converting to datetime2\(7\) of a datetime whose milliseconds end in 3 or 7 without the database's compatibility level/);
    expect(r.err).toMatch(/legacy\.compatibilityLevel in migrate\.config\.yaml, or --compatibility-level/);
  });

  it('at level 120: 8152 and the rounded milliseconds', async () => {
    const r = await capture('l120', ['--compatibility-level', '120', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).compatibilityLevel).toBe(120);
    expect(read('l120', 'dbo.Load Errors.csv')).toBe('Row Id,Error No\n2,8152\n');
    expect(read('l120', 'dbo.Codes.csv')).toBe('Row Id,Code,Loaded At\n1,AB-001,2021-11-09 13:52:29.1870000\n3,AB-003,2021-11-09 13:52:29.1800000\n');
  });

  it('at level 150 from migrate.config.yaml: 2628 and the exact tick', async () => {
    writeFileSync(join(ws, 'migrate.config.yaml'), 'legacy:\n  compatibilityLevel: 150\n');
    process.chdir(ws);
    try {
      const r = await capture('l150');
      expect(r.code).toBe(0);
      expect(JSON.parse(read('l150', 'manifest.json')).compatibilityLevel).toBe(150);
      expect(read('l150', 'dbo.Load Errors.csv')).toBe('Row Id,Error No\n2,2628\n');
      expect(read('l150', 'dbo.Codes.csv')).toBe('Row Id,Code,Loaded At\n1,AB-001,2021-11-09 13:52:29.1866667\n3,AB-003,2021-11-09 13:52:29.1800000\n');
      // the flag wins over the file
      const flagged = await capture('l110', ['--compatibility-level', '110']);
      expect(flagged.code).toBe(0);
      expect(read('l110', 'dbo.Load Errors.csv')).toBe('Row Id,Error No\n2,8152\n');
    } finally {
      process.chdir(cwd);
      rmSync(join(ws, 'migrate.config.yaml'));
    }
  });

  it('rejects a level SQL Server never had, from the flag and from the file', async () => {
    const r = await capture('bad', ['--compatibility-level', '125']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--compatibility-level 125 is not a SQL Server compatibility level \(expected one of 80, 90, 100, 110, 120, 130, 140, 150, 160, 170\)/);
    writeFileSync(join(ws, 'migrate.config.yaml'), 'legacy:\n  compatibilityLevel: "2019"\n');
    process.chdir(ws);
    try {
      const f = await capture('bad');
      expect(f.code).toBe(2);
      expect(f.err).toMatch(/migrate\.config\.yaml: legacy\.compatibilityLevel 2019 is not a SQL Server compatibility level/);
    } finally {
      process.chdir(cwd);
      rmSync(join(ws, 'migrate.config.yaml'));
    }
  });
});

describe('migrate sections record at the compatibility level', () => {
  let ws: string;
  beforeAll(async () => {
    ws = mkdtempSync(join(tmpdir(), 'record-level-'));
    await scriptWorkspace(ws, {
      'export.sql': `CREATE TABLE dbo.Stamps (Id int NOT NULL PRIMARY KEY, At datetime NOT NULL)
GO
CREATE TABLE dbo.Export (Id int NOT NULL PRIMARY KEY, At datetime2(7) NOT NULL)
GO
CREATE PROCEDURE dbo.usp_Export
AS
BEGIN
  INSERT INTO dbo.Export (Id, At) SELECT Id, CAST(At AS datetime2(7)) FROM dbo.Stamps;
END
GO
`,
    });
    mkdirSync(join(ws, 'data'));
    writeFileSync(join(ws, 'data', 'dbo.Stamps.csv'), 'Id,At\n1,2021-11-09 13:52:29.187\n');
    expect((await runMigrate(['sections', 'propose', 'dbo.usp_Export', '--root', ws])).code).toBe(0);
    const feature = join(ws, 'sections', 'dbo.usp_Export', '01-export.feature');
    writeFileSync(feature, `@entity:Id\n${readFileSync(feature, 'utf8')}`);
  });
  afterAll(() => rmSync(ws, { recursive: true, force: true }));

  it('refuses the widened datetime without the level and records the exact tick with it', async () => {
    const record = (extra: string[]) => runMigrate(['sections', 'record', 'dbo.usp_Export/01-export', '--root', ws, '--from-data', join(ws, 'data'), ...extra]);
    const refused = await record([]);
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/export\.sql:8:\d+: .*converting to datetime2\(7\) of a datetime whose milliseconds end in 3 or 7/);
    const r = await record(['--compatibility-level', '130']);
    expect(r.code).toBe(0);
    expect(readFileSync(join(ws, 'sections', 'dbo.usp_Export', '01-export.feature'), 'utf8')).toMatch(/\| 1 +\| 2021-11-09 13:52:29\.1866667 \|/);
  });
});
