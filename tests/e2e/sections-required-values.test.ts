import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrate } from '../support/run-migrate';

// A proposed scenario never states a value nobody knows. A parameter without default (every
// EXEC passes it) and a variable set before the section are written `= TODO`: `= NULL` was a
// value of its own, which record ran with (`Qty < NULL` keeps no row: a plausible empty Then).
const SCRIPT = `CREATE TABLE dbo.Src (Id int NOT NULL PRIMARY KEY, Qty int NOT NULL, D date NOT NULL);
GO
CREATE TABLE dbo.A (Id int NOT NULL);
GO
CREATE TABLE dbo.B (Id int NOT NULL);
GO
CREATE PROCEDURE dbo.usp_Split @From date AS
BEGIN
  DECLARE @Min int = 3;
  INSERT INTO dbo.A (Id) SELECT Id FROM dbo.Src WHERE Qty >= @Min AND D >= @From;
  INSERT INTO dbo.B (Id) SELECT Id FROM dbo.Src WHERE Qty < @Min;
END
GO
`;

describe('values a proposed scenario cannot know', () => {
  const ws = mkdtempSync(join(tmpdir(), 'migrate-required-'));
  afterAll(() => rmSync(ws, { recursive: true, force: true }));
  const file = (slug: string): string => join(ws, 'sections/dbo.usp_Split', `${slug}.feature`);
  const giveRows = (slug: string, header: string, rows: string): void => {
    const text = readFileSync(file(slug), 'utf8');
    expect(text).toContain(header);
    writeFileSync(file(slug), text.replace(header, `${header}${rows}`));
  };

  beforeAll(async () => {
    mkdirSync(join(ws, 'procedures'), { recursive: true });
    writeFileSync(join(ws, 'procedures/p.sql'), SCRIPT);
    expect((await runMigrate(['sections', 'propose', 'dbo.usp_Split', '--root', ws])).code).toBe(0);
  });

  it('are proposed as TODO, saying why, and pass check', async () => {
    expect(readFileSync(file('01-a'), 'utf8')).toContain('    # @From has no default: every call passes it. Write the value this case runs with\n    Given parameter @From:date? = TODO\n');
    expect(readFileSync(file('02-b'), 'utf8')).toContain('    # @Min is set before this section: write the value it holds when the section starts\n    Given parameter @Min:int? = TODO\n');
    const check = await runMigrate(['sections', 'check', '--root', ws]);
    expect(check.out).toMatch(/ok dbo\.usp_Split: .*0 problem/);
  });

  it('record refuses a parameter without default left TODO, naming where the section reads it', async () => {
    giveRows('01-a', '| D:date | Id:int | Qty:int |\n', '      | 2024-01-05 | 1 | 4 |\n');
    const before = readFileSync(file('01-a'), 'utf8');
    const run = await runMigrate(['sections', 'record', 'dbo.usp_Split/01-a', '--root', ws, '--json']);
    expect(run.code).toBe(2);
    expect(JSON.parse(run.out).refused[0].reason).toMatch(/p\.sql:10:76: the section reads @From before it sets it, and the scenario does not give its value \(@From is a parameter without a default\)/);
    expect(readFileSync(file('01-a'), 'utf8')).toBe(before);
  });

  it('record takes a variable\'s DECLARE value in place of its TODO step', async () => {
    giveRows('02-b', '| Id:int | Qty:int |\n', '      | 1 | 2 |\n      | 2 | 5 |\n');
    const run = await runMigrate(['sections', 'record', 'dbo.usp_Split/02-b', '--root', ws]);
    expect(run.code).toBe(0);
    const text = readFileSync(file('02-b'), 'utf8');
    expect(text).toContain('    Given parameter @Min:int? = 3\n    Given table dbo.Src:');
    expect(text).not.toContain('TODO\n');
    expect(text).toMatch(/Then table dbo\.B:\n {6}\| Id:int \|\n {6}\| 1 +\|\n$/);
  });
});
