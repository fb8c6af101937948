import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrate } from '../support/run-migrate';
import { scriptWorkspace } from '../support/script-workspace';

// A cost-center tree flattened by a recursive CTE: each row's path is built from its parent's
// row, another [Cost Center]. Its output carries [Cost Center] copied from the input, but running
// it on one cost center's rows alone gives no path for a child: no @entity may be proposed.
const SCRIPT = `CREATE TABLE dbo.[Cost Center] ([Cost Center] varchar(10) NOT NULL PRIMARY KEY, [Parent Cost Center] varchar(10) NULL, [Cost Center Name] varchar(60) NOT NULL)
GO
CREATE TABLE dbo.[Cost Center Path] ([Cost Center] varchar(10) NOT NULL, Lvl int NOT NULL, [Path] varchar(400) NOT NULL)
GO
CREATE PROCEDURE dbo.[usp_Flatten Cost Centers]
AS
BEGIN
    SET NOCOUNT ON;
    DELETE FROM dbo.[Cost Center Path];
    ;WITH tree ([Cost Center], Lvl, [Path]) AS
    (
        SELECT c.[Cost Center], 0, CAST(c.[Cost Center Name] AS varchar(400))
        FROM dbo.[Cost Center] c WHERE c.[Parent Cost Center] IS NULL
        UNION ALL
        SELECT k.[Cost Center], t.Lvl + 1, CAST(t.[Path] + ' > ' + k.[Cost Center Name] AS varchar(400))
        FROM dbo.[Cost Center] k INNER JOIN tree t ON k.[Parent Cost Center] = t.[Cost Center]
    )
    INSERT INTO dbo.[Cost Center Path] ([Cost Center], Lvl, [Path])
    SELECT [Cost Center], Lvl, [Path] FROM tree
    OPTION (MAXRECURSION 100);
END
GO
`;

describe('migrate sections propose: a recursive CTE over a hierarchy is not per entity', () => {
  let ws: string;
  beforeAll(async () => {
    ws = mkdtempSync(join(tmpdir(), 'propose-recursive-'));
    await scriptWorkspace(ws, { 'tree.sql': SCRIPT });
    expect((await runMigrate(['sections', 'propose', '--all', '--root', ws])).code).toBe(0);
  });
  afterAll(() => rmSync(ws, { recursive: true, force: true }));

  it('leaves the section untagged', () => {
    const head = readFileSync(join(ws, 'sections', 'dbo.usp_Flatten_Cost_Centers', '01-cost-center-path.feature'), 'utf8').split('\n')[0] ?? '';
    expect(head).toContain('@output:dbo.[Cost%20Center%20Path]');
    expect(head).not.toContain('@entity');
  });
});
