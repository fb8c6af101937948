import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrate } from '../support/run-migrate';

/*
 * An SCD type-2 load that detects changed rows by hash, end to end: the stored RowHash (hex text
 * in a spec and a CSV, as capture writes varbinary) against HASHBYTES('SHA2_256', CONCAT(…)) of
 * the staged row, nvarchar so hashed as UTF-16LE. The draft once refused HASHBYTES and every
 * comparison of binary values, so the section had to be written by hand.
 */

const repo = join(__dirname, '../..');
const proc = 'dbo.usp_LoadDimCustomer';
const section = `${proc}/01-dim-customer`;

const TABLES = `CREATE TABLE dbo.StageCustomer (
    CustomerCode varchar(10) NOT NULL PRIMARY KEY,
    Name nvarchar(40) NOT NULL,
    City varchar(40) NULL
);
GO
CREATE TABLE dbo.DimCustomer (
    CustomerCode varchar(10) NOT NULL,
    Name nvarchar(40) NOT NULL,
    City varchar(40) NULL,
    RowHash varbinary(32) NOT NULL,
    ValidFrom date NOT NULL,
    ValidTo date NULL,
    IsCurrent bit NOT NULL,
    CONSTRAINT PK_DimCustomer PRIMARY KEY (CustomerCode, ValidFrom)
);
GO
`;

const PROCEDURE = `CREATE PROCEDURE ${proc}
    @LoadDate date
AS
BEGIN
    SET NOCOUNT ON;

    -- close the current version of every customer whose attributes changed
    UPDATE d
       SET d.IsCurrent = 0, d.ValidTo = @LoadDate
      FROM dbo.DimCustomer AS d
      JOIN dbo.StageCustomer AS s ON s.CustomerCode = d.CustomerCode
     WHERE d.IsCurrent = 1
       AND d.RowHash <> HASHBYTES('SHA2_256', CONCAT(s.Name, N'|', s.City));

    -- open a new current version for changed and new customers
    INSERT INTO dbo.DimCustomer (CustomerCode, Name, City, RowHash, ValidFrom, ValidTo, IsCurrent)
    SELECT s.CustomerCode, s.Name, s.City, HASHBYTES('SHA2_256', CONCAT(s.Name, N'|', s.City)), @LoadDate, NULL, 1
      FROM dbo.StageCustomer AS s
     WHERE NOT EXISTS (SELECT 1 FROM dbo.DimCustomer AS d
                        WHERE d.CustomerCode = s.CustomerCode AND d.IsCurrent = 1);
END
GO
`;

/** SQL Server's HASHBYTES('SHA2_256', N'…') of nvarchar text: SHA-256 of its UTF-16LE bytes, as capture writes it. */
const hashOf = (text: string): string => `0x${createHash('sha256').update(Buffer.from(text, 'utf16le')).digest('hex').toUpperCase()}`;

// Ann unchanged, Zoë moved, Bo new (no city: CONCAT reads NULL as ''), Di's stored hash in lower case
const ANN = hashOf('Ann|Oslo');
const ZOE = hashOf('Zoë|Bergen');
const DI = hashOf('Di|Pisa').toLowerCase();

const SCENARIOS = `
  Scenario: a moved customer is closed and reopened, a new one opened, unchanged ones kept
    Given parameter @LoadDate:date? = 2026-12-01
    Given table dbo.StageCustomer:
      | City:text? | CustomerCode:text | Name:text |
      | Oslo       | C1                | Ann       |
      | Paris      | C2                | Zoë       |
      |            | C3                | Bo        |
      | Pisa       | C4                | Di        |
    Given table dbo.DimCustomer:
      | CustomerCode:text | Name:text | City:text? | RowHash:text | ValidFrom:date | ValidTo:date? | IsCurrent:bool |
      | C1                | Ann       | Oslo       | ${ANN} | 2026-01-01     |               | true           |
      | C2                | Zoë       | Bergen     | ${ZOE} | 2026-01-01     |               | true           |
      | C4                | Di        | Pisa       | ${DI} | 2026-01-01     |               | true           |
    When the section runs
    Then table dbo.DimCustomer keyed by CustomerCode, ValidFrom:
      | CustomerCode:text | Name:text | City:text? | RowHash:text | ValidFrom:date | ValidTo:date? | IsCurrent:bool |
`;

describe('SCD type-2 change detection by HASHBYTES: propose -> record -> scaffold --draft -> test -> capture -> run -> accept', () => {
  const ws = mkdtempSync(join(tmpdir(), 'migrate-scd2-hash-'));
  afterAll(() => rmSync(ws, { recursive: true, force: true }));

  it('drafts the hash comparison green and accepts the run at 100%', async () => {
    expect((await runMigrate(['init', ws, '--library', join(repo, 'src')])).code).toBe(0);
    mkdirSync(join(ws, 'procedures/dim'), { recursive: true });
    writeFileSync(join(ws, 'procedures/dim/dim-tables.sql'), TABLES);
    writeFileSync(join(ws, `procedures/dim/${proc}.sql`), PROCEDURE);
    expect((await runMigrate(['sections', 'propose', proc, '--root', ws])).code).toBe(0);
    const feature = join(ws, 'sections', `${section}.feature`);
    const proposed = readFileSync(feature, 'utf8');
    expect(proposed).toContain('| RowHash:text |');
    writeFileSync(feature, `${proposed.slice(0, proposed.indexOf('\n  Scenario:'))}\n${SCENARIOS}`);
    expect((await runMigrate(['sections', 'check', proc, '--root', ws])).code).toBe(0);

    const rec = await runMigrate(['sections', 'record', section, '--root', ws]);
    expect({ code: rec.code, err: rec.err }).toEqual({ code: 0, err: '' });
    const recorded = readFileSync(feature, 'utf8');
    // the emulator closes Zoë's old version only: Ann's and Di's hashes equal their staged rows'
    expect(recorded).toMatch(new RegExp(`\\| C2 +\\| Zoë +\\| Bergen +\\| ${ZOE} +\\| 2026-01-01 +\\| 2026-12-01 +\\| 0 `));
    expect(recorded).toMatch(new RegExp(`\\| C2 +\\| Zoë +\\| Paris +\\| ${hashOf('Zoë|Paris')} +\\| 2026-12-01 +\\| NULL +\\| 1 `));
    expect(recorded).toMatch(new RegExp(`\\| C3 +\\| Bo +\\| "" +\\| ${hashOf('Bo|')} +\\| 2026-12-01 `));
    expect(recorded).toMatch(new RegExp(`\\| C4 +\\| Di +\\| Pisa +\\| ${hashOf('Di|Pisa')} +\\| 2026-01-01 +\\| NULL +\\| 1 `));

    expect((await runMigrate(['scaffold', section, '--draft', '--root', ws])).code).toBe(0);
    const transform = join(ws, 'src/transforms', `${section}.ts`);
    const drafted = readFileSync(transform, 'utf8');
    expect(drafted).not.toContain('notImplemented(');
    expect(drafted).toContain('sha256(');
    const green = await runMigrate(['test', section, '--json', '--root', ws]);
    expect(JSON.parse(green.out)).toMatchObject({ passed: true, sections: [{ id: section, scenarios: 1, passed: 1, failed: 0 }] });

    // another digest: every changed row's hash differs, and Ann's and Di's rows read as changed
    writeFileSync(transform, drafted.replace(/sha256\(/g, 'sha1('));
    // a shell runs each command in a new process: the transform loaded before the edit is forgotten
    jest.resetModules();
    const red = await runMigrate(['test', section, '--root', ws]);
    expect(red.code).toBe(1);
    expect(red.out).toContain('- CustomerCode=C1 Name=Ann City=Oslo RowHash=');

    // the drafted pipeline on data files against the emulator's legacy baseline
    writeFileSync(transform, drafted);
    jest.resetModules();
    const data = join(ws, 'acceptance/dim-data');
    mkdirSync(data, { recursive: true });
    writeFileSync(join(data, 'dbo.StageCustomer.csv'), 'CustomerCode,Name,City\nC1,Ann,Oslo\nC2,Zoë,Paris\nC3,Bo,\nC5,Émile,Lyon\n');
    writeFileSync(join(data, 'dbo.DimCustomer.csv'), `CustomerCode,Name,City,RowHash,ValidFrom,ValidTo,IsCurrent\nC1,Ann,Oslo,${ANN},2026-01-01,,1\nC2,Zoë,Bergen,${ZOE},2026-01-01,,1\nC4,Di,Pisa,${DI},2026-01-01,,1\n`);
    const param = ['--param', '@LoadDate=2026-12-01'];
    const capture = await runMigrate(['capture', proc, '--data', data, '--procedures', join(ws, 'procedures'), ...param, '--out', join(ws, 'acceptance/base')]);
    expect({ code: capture.code, err: capture.err }).toEqual({ code: 0, err: '' });
    const run = await runMigrate(['run', proc, '--data', data, ...param, '--format', 'csv', '--out', join(ws, 'acceptance/actual'), '--root', ws]);
    expect({ code: run.code, err: run.err }).toEqual({ code: 0, err: '' });
    expect(readFileSync(join(ws, 'acceptance/actual/dbo.DimCustomer.csv'), 'utf8')).toContain(`C5,Émile,Lyon,${hashOf('Émile|Lyon')},2026-12-01`);
    const accept = await runMigrate(['accept', '--expected', join(ws, 'acceptance/base/dbo.DimCustomer.csv'), '--actual', join(ws, 'acceptance/actual/dbo.DimCustomer.csv'), '--key', 'CustomerCode,ValidFrom']);
    expect(accept.out).toContain('Test Passed. 6 records tested. Percentage Matched: 100%');
  });
});
