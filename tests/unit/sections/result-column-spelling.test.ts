import { workspaceSkeletons } from '../../support/workspace-skeletons';

/** The skeletons `sections propose` writes for `proc`, given the scripts of a workspace. */
function skeletons(files: Record<string, string>, proc: string): string {
  return workspaceSkeletons(files, proc).join('\n');
}

describe('a result set column whose name is also an alias elsewhere in the procedure', () => {
  it('is headed as its SELECT writes it, not as the alias met first in the source', () => {
    const text = skeletons({
      'tables.sql': `CREATE TABLE Registrar.Student ([Student Id] int NOT NULL PRIMARY KEY, [Dept Code] char(4) NOT NULL, Credits int NULL);
GO
`,
      'p.sql': `CREATE PROCEDURE Registrar.usp_Credit_Summary AS
BEGIN
    SET NOCOUNT ON;
    DECLARE @s int, @n int;
    SELECT @s = SUM(x.Credits), @n = COUNT(*)
    FROM (SELECT s.[Student Id], s.Credits FROM Registrar.Student s WHERE s.[Dept Code] = 'MATH') x;
    SELECT @s AS S, @n AS Students;
END
GO
`,
    }, 'Registrar.usp_Credit_Summary');
    expect(text).toMatch(/Then table result:\n {6}\| S:int\? \| Students:int\? \|/);
  });
});
