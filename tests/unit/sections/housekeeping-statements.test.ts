import { proposalOf } from '../../support/one-procedure-proposal';

// A cursor loop of @@ERROR-era code closes its cursor and returns when its INSERT fails. The
// loop goes to the section that writes, with every line inside it, the CLOSE and DEALLOCATE of
// the error branch included; housekeeping's "Legacy statements" named them all the same, as
// statements of lines its @lines do not hold.
const text = `CREATE TABLE dbo.Enrolment (ClassID int NOT NULL, StudentID int NOT NULL);
GO
CREATE TABLE dbo.Roster (ClassID int NOT NULL, StudentID int NOT NULL PRIMARY KEY);
GO
CREATE PROCEDURE dbo.usp_Roster
AS
SET NOCOUNT ON
DECLARE @s int
DECLARE c CURSOR LOCAL FAST_FORWARD FOR SELECT StudentID FROM dbo.Enrolment ORDER BY StudentID
OPEN c
FETCH NEXT FROM c INTO @s
WHILE @@FETCH_STATUS = 0
BEGIN
  INSERT INTO dbo.Roster (ClassID, StudentID) VALUES (1, @s)
  IF @@ERROR <> 0
  BEGIN
    CLOSE c; DEALLOCATE c
    RETURN 1
  END
  FETCH NEXT FROM c INTO @s
END
CLOSE c
DEALLOCATE c
PRINT 'done'
GO
`;

describe('housekeeping\'s list of legacy statements', () => {
  it('names only the statements of its own lines', () => {
    const { sections } = proposalOf(text);
    const housekeeping = sections.find((s) => s.section.ignored);
    const tags = housekeeping?.skeleton.split('\n')[0] ?? '';
    const listed = /Legacy statements: (.*)/.exec(housekeeping?.skeleton ?? '')?.[1] ?? '';
    const writer = sections.find((s) => !s.section.ignored)?.skeleton.split('\n')[0] ?? '';
    expect(writer).toContain('@lines:9-23'); // the loop, its error branch and the cursor's CLOSE after it
    expect(tags).not.toMatch(/\b1[4-9]\b/);
    expect(listed).toBe('SET NOCOUNT; DECLARE @s; PRINT');
  });
});
