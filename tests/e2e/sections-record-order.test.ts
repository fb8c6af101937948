import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrate } from '../support/run-migrate';

// A scenario recorded from the emulator must hold what SQL Server gives. A list built by
// `SELECT @list = @list + … FROM t` without ORDER BY takes the rows in the plan's order, which
// the emulator cannot know: the scenario is refused (exit 2, the .feature untouched) instead of
// holding the emulator's order; with an ORDER BY that decides the order it is recorded.
const TABLES = `CREATE TABLE dbo.Region (RegionId int NOT NULL PRIMARY KEY, RegionName nvarchar(40) NOT NULL)
GO
CREATE TABLE dbo.RegionList (Names nvarchar(400) NULL)
GO
`;

function procedure(orderBy: string): string {
  return `CREATE PROCEDURE dbo.usp_ListRegions
AS
BEGIN
  SET NOCOUNT ON;
  DECLARE @list nvarchar(400) = N'';
  SELECT @list = @list + RegionName + N';' FROM dbo.Region${orderBy};
  INSERT INTO dbo.RegionList (Names) VALUES (@list);
END
GO
`;
}

/** A cursor loop numbering the regions (Seq) and counting them (Cnt, in its own output). */
function cursorLoop(orderBy: string): string {
  return `CREATE PROCEDURE dbo.usp_ListRegions
AS
BEGIN
  SET NOCOUNT ON;
  DECLARE @name nvarchar(40), @n int = 0;
  DECLARE c CURSOR LOCAL FAST_FORWARD FOR SELECT RegionName FROM dbo.Region${orderBy};
  OPEN c;
  FETCH NEXT FROM c INTO @name;
  WHILE @@FETCH_STATUS = 0
  BEGIN
    SET @n = @n + 1;
    INSERT INTO dbo.RegionList (Names) VALUES (CAST(@n AS nvarchar(10)) + N'. ' + @name);
    FETCH NEXT FROM c INTO @name;
  END
  CLOSE c;
  DEALLOCATE c;
END
GO
`;
}

async function recordWith(orderBy: string, make = procedure): Promise<{ code: number; out: string; before: string; after: string }> {
  const ws = mkdtempSync(join(tmpdir(), 'migrate-record-order-'));
  try {
    mkdirSync(join(ws, 'procedures/tables'), { recursive: true });
    writeFileSync(join(ws, 'procedures/tables/regions.sql'), TABLES);
    writeFileSync(join(ws, 'procedures/usp_ListRegions.sql'), make(orderBy));
    expect((await runMigrate(['sections', 'propose', 'dbo.usp_ListRegions', '--root', ws])).code).toBe(0);
    const file = join(ws, 'sections/dbo.usp_ListRegions/01-region-list.feature');
    const proposed = readFileSync(file, 'utf8');
    const header = '| RegionName:text |\n';
    expect(proposed).toContain(header);
    const before = proposed.replace(header, `${header}      | North |\n      | south |\n      | East |\n`);
    writeFileSync(file, before);
    const run = await runMigrate(['sections', 'record', 'dbo.usp_ListRegions/01-region-list', '--root', ws, '--json']);
    return { code: run.code, out: run.out, before, after: readFileSync(file, 'utf8') };
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
}

describe('migrate sections record and the order of the rows', () => {
  it('refuses a list accumulated without ORDER BY, naming the statement, and writes nothing', async () => {
    const run = await recordWith('');
    expect(run.code).toBe(2);
    const refused = JSON.parse(run.out).refused;
    expect(refused).toHaveLength(1);
    expect(refused[0].reason).toMatch(/dbo\.RegionList cannot be recorded: its values depend on the variable @list accumulated over 3 rows by a SELECT without ORDER BY at .*usp_ListRegions\.sql:6:3/);
    expect(run.after).toBe(run.before);
  });

  it('records it when ORDER BY decides the order', async () => {
    const run = await recordWith(' ORDER BY RegionName');
    expect(run.code).toBe(0);
    expect(run.after).toMatch(/\| East;North;south; +\|/);
  });

  it('refuses what a cursor without ORDER BY numbers (three rows that differ: the rows fetched in reverse are refused), records it with ORDER BY', async () => {
    const unordered = await recordWith('', cursorLoop);
    expect(unordered.code).toBe(2);
    expect(JSON.parse(unordered.out).refused[0].reason).toMatch(/dbo\.RegionList cannot be recorded: its values depend on the rows of the cursor c opened at .*usp_ListRegions\.sql:7:3 without ORDER BY, taken in the other order: the section stops \(.*three or more of them differ/);
    expect(unordered.after).toBe(unordered.before);
    const ordered = await recordWith(' ORDER BY RegionName', cursorLoop);
    expect(ordered.code).toBe(0);
    expect(ordered.after).toMatch(/\| 1\. East +\|\n +\| 2\. North +\|\n +\| 3\. south +\|/);
  });
});
