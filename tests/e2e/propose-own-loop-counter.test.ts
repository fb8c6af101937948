import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrate } from '../support/run-migrate';
import { scriptWorkspace } from '../support/script-workspace';

// A week grid: the first section counts @w over the days, the second, inside IF @Mode = 'W',
// sets @w = 1 again before its WHILE reads it. @w is that section's own, not a value it starts
// with: propose asked for `Given parameter @w = TODO` because a SET inside any IF or loop counted
// as maybe not run (section-flow.ts valueReaches). A SET under an IF the read is not in, or after
// the read, still leaves the variable an input.
// the procedure around `weeks`, the statements that fill #Weeks after the days' loop
const weekProc = (name: string, params: string, weeks: string): string => `CREATE PROCEDURE dbo.[${name}] @Weeks int, ${params}
AS
BEGIN
  SET NOCOUNT ON;
  DECLARE @w int;
  CREATE TABLE #Days ([Day No] int NOT NULL);
  SET @w = 1;
  WHILE @w <= 7
  BEGIN
    INSERT INTO #Days ([Day No]) VALUES (@w);
    SET @w += 1;
  END
${weeks}
END
GO
`;
const WEEKS_LOOP = `WHILE @w <= @Weeks
    BEGIN
      INSERT INTO #Weeks ([Week No]) VALUES (@w);
      SET @w += 1;
    END`;
const GRID = `CREATE TABLE dbo.[Rate Week] ([Day No] int NOT NULL, [Week No] int NOT NULL);
GO
${weekProc('usp_Week Grid', "@Mode char(1) = 'W'", `  IF @Mode = 'W'
  BEGIN
    CREATE TABLE #Weeks ([Week No] int NOT NULL);
    SET @w = 1;
    ${WEEKS_LOOP}
    INSERT INTO dbo.[Rate Week] ([Day No], [Week No]) SELECT d.[Day No], wk.[Week No] FROM #Days d CROSS JOIN #Weeks wk;
  END`)}${weekProc('usp_Week Maybe', '@Reset bit = 0', `  CREATE TABLE #Weeks ([Week No] int NOT NULL);
  IF @Reset = 1 SET @w = 1;
  ${WEEKS_LOOP}
  INSERT INTO dbo.[Rate Week] ([Day No], [Week No]) SELECT d.[Day No], wk.[Week No] FROM #Days d CROSS JOIN #Weeks wk;`)}`;

describe('migrate sections propose: a loop counter the section sets before it reads it', () => {
  let ws: string;
  beforeAll(async () => {
    ws = mkdtempSync(join(tmpdir(), 'propose-own-counter-'));
    await scriptWorkspace(ws, { 'grid.sql': GRID });
    expect((await runMigrate(['sections', 'propose', '--all', '--root', ws])).code).toBe(0);
  }, 120_000);
  afterAll(() => rmSync(ws, { recursive: true, force: true }));

  const features = (proc: string): string => {
    const dir = join(ws, 'sections', proc);
    return readdirSync(dir).filter((f) => !f.startsWith('00-')).map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');
  };

  it('asks for no @w where the section sets it first inside the IF it reads it in', () => {
    const text = features('dbo.usp_Week_Grid');
    expect(text).toContain('Given parameter @Weeks:int? = TODO');
    expect(text).not.toContain('@w:');
  });

  it('still asks for @w where the section sets it only under an IF its loop is not in', () => {
    expect(features('dbo.usp_Week_Maybe')).toContain('Given parameter @w:int? = TODO');
  });

  it('passes check', async () => {
    const check = await runMigrate(['sections', 'check', '--root', ws]);
    expect(check.out).toContain('ok dbo.[usp_Week Grid]');
    expect(check.out).toContain('ok dbo.[usp_Week Maybe]');
  }, 120_000);
});
