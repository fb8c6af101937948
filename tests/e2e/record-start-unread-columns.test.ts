import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrate } from '../support/run-migrate';
import { scriptWorkspace } from '../support/script-workspace';

// A payroll job fills [Week Pay], then lists each employee's projects with the pre-2017 idiom
// (SELECT DISTINCT … FOR XML PATH('') without ORDER BY: SQL Server's plan picks the order), then
// totals the pay. Recording the total section from data ran the statements before it, met the
// list it cannot reproduce, and stopped with an internal error, although the total never reads
// the list. The list is left out of that section's Given now; a section that does read it is
// refused, saying which column and why.
const TABLES = `CREATE TABLE dbo.[Time Entry] ([Entry Id] int NOT NULL PRIMARY KEY, [Emp Id] int NOT NULL, Project varchar(20) NOT NULL, Hours decimal(5,2) NOT NULL)
GO
CREATE TABLE dbo.[Week Pay] ([Emp Id] int NOT NULL PRIMARY KEY, Pay decimal(9,2) NOT NULL, Projects nvarchar(200) NULL)
GO
CREATE TABLE dbo.[Pay Total] (Total decimal(12,2) NULL, [Longest List] int NULL)
GO
`;
const body = (total: string): string => `
AS
BEGIN
    SET NOCOUNT ON;
    DELETE FROM dbo.[Week Pay];
    INSERT INTO dbo.[Week Pay] ([Emp Id], Pay)
    SELECT te.[Emp Id], SUM(te.Hours) * 10 FROM dbo.[Time Entry] te GROUP BY te.[Emp Id];

    UPDATE w SET Projects = STUFF((SELECT DISTINCT ', ' + t.Project FROM dbo.[Time Entry] t
                                   WHERE t.[Emp Id] = w.[Emp Id] FOR XML PATH('')), 1, 2, '')
    FROM dbo.[Week Pay] w;

    DELETE FROM dbo.[Pay Total];
    ${total}
END
GO
`;
const SUMS = `CREATE PROCEDURE dbo.usp_PayTotals${body('INSERT INTO dbo.[Pay Total] (Total) SELECT SUM(wp.Pay) FROM dbo.[Week Pay] wp;')}`;
const LISTS = `CREATE PROCEDURE dbo.usp_PayLists${body('INSERT INTO dbo.[Pay Total] (Total, [Longest List]) SELECT SUM(wp.Pay), MAX(LEN(wp.Projects)) FROM dbo.[Week Pay] wp;')}`;

describe('sections record --from-data --whole after statements that leave a column SQL Server would fill otherwise', () => {
  let ws: string;
  const sectionOf = async (proc: string): Promise<string> => {
    expect((await runMigrate(['sections', 'propose', proc, '--root', ws])).code).toBe(0);
    const file = readdirSync(join(ws, 'sections', proc)).find((f) => f.includes('pay-total'));
    expect(file).toBeDefined();
    return `${proc}/${(file as string).replace(/\.feature$/, '')}`;
  };
  beforeAll(async () => {
    ws = mkdtempSync(join(tmpdir(), 'record-unread-'));
    await scriptWorkspace(ws, { 'tables.sql': TABLES, 'sums.sql': SUMS, 'lists.sql': LISTS });
    mkdirSync(join(ws, 'data'));
    writeFileSync(join(ws, 'data', 'dbo.Time Entry.csv'), 'Entry Id,Emp Id,Project,Hours\n1,1,Alpha,8.00\n2,1,Beta,7.50\n3,2,Gamma,4.25\n4,2,Alpha,1.00\n5,2,Delta,2.00\n');
    writeFileSync(join(ws, 'data', 'dbo.Week Pay.csv'), 'Emp Id,Pay,Projects\n');
    writeFileSync(join(ws, 'data', 'dbo.Pay Total.csv'), 'Total,Longest List\n');
  });
  afterAll(() => rmSync(ws, { recursive: true, force: true }));

  it('records a section that never reads the column, leaving it out of the Given', async () => {
    const section = await sectionOf('dbo.usp_PayTotals');
    const r = await runMigrate(['sections', 'record', section, '--root', ws, '--from-data', join(ws, 'data'), '--whole']);
    expect(r.err).not.toContain('internal error');
    expect(r.code).toBe(0);
    expect(r.out).toContain('the Given is what lines');
    const feature = readFileSync(join(ws, 'sections', `${section}.feature`), 'utf8');
    const scenario = feature.slice(feature.indexOf('Scenario: The whole of data'));
    // (8.00 + 7.50) * 10 + (4.25 + 1.00 + 2.00) * 10 = 155.00 + 72.50
    expect(scenario).toMatch(/Given table dbo\.\[Week Pay\]:\n\s+\| \[Emp Id\]:int +\| Pay:decimal\(9,2\) +\|\n\s+\| 1 +\| 155\.00 +\|\n\s+\| 2 +\| 72\.50 +\|/);
    expect(scenario).not.toContain('Projects');
    expect(scenario).toMatch(/Then table dbo\.\[Pay Total\]:\n.*\n\s+\| 227\.50 +\|/);
    const check = await runMigrate(['sections', 'check', 'dbo.usp_PayTotals', '--root', ws, '--json']);
    expect((JSON.parse(check.out) as { problems: { code: string }[] }).problems.filter((p) => p.code !== 'SPEC_TODO')).toEqual([]);
  });

  it('refuses a section that reads the column, naming it and why, with exit 2 and no internal error', async () => {
    const section = await sectionOf('dbo.usp_PayLists');
    const before = readFileSync(join(ws, 'sections', `${section}.feature`), 'utf8');
    const r = await runMigrate(['sections', 'record', section, '--root', ws, '--from-data', join(ws, 'data'), '--whole']);
    expect(r.code).toBe(2);
    expect(r.err).not.toContain('internal error');
    expect(r.err).toContain('the whole of data could not be recorded');
    expect(r.err).toContain('Projects cannot be recorded');
    expect(r.err).toContain("FOR XML PATH('') without ORDER BY");
    expect(readFileSync(join(ws, 'sections', `${section}.feature`), 'utf8')).toBe(before);
  });
});
