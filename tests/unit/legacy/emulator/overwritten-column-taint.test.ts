import { runBody } from './emulator-helpers';

// An honour roll of 2009 code: per student, the A classes are concatenated into @Classes by a
// `SELECT @v = @v + …` without ORDER BY (their order is the plan's), then written with
// `UPDATE dbo.Roll SET Classes = @Classes WHERE StudentID = @s`. From the second student on, the
// UPDATE named the already listed column Classes as its SET target, which was taken for a read
// of it: "which row holds which decides what it writes", and every column of the roll was
// listed. A `SET c = …` overwrites c and reads none of its values; a WHERE naming c reads them.
const TABLES = `CREATE TABLE dbo.Roll (StudentID int NOT NULL PRIMARY KEY, GPA decimal(4,2) NOT NULL, Classes varchar(200) NULL)
GO
CREATE TABLE dbo.Grade (StudentID int NOT NULL, ClassName varchar(40) NOT NULL)
GO`;
const CSV = {
  'dbo.Roll': 'StudentID,GPA,Classes\n1,4.00,\n2,3.50,\n',
  'dbo.Grade': 'StudentID,ClassName\n1,Biology\n1,Algebra\n2,Latin\n2,English\n',
};
const body = (assign: string): string => `DECLARE @s int = 0, @Classes varchar(200);
WHILE 1 = 1
BEGIN
  SELECT @s = MIN(StudentID) FROM dbo.Roll WHERE StudentID > @s;
  IF @s IS NULL BREAK;
  SET @Classes = NULL;
  SELECT @Classes = ISNULL(@Classes + '; ', '') + g.ClassName FROM dbo.Grade g WHERE g.StudentID = @s;
  UPDATE dbo.Roll SET ${assign} WHERE StudentID = @s;
END`;

describe('a column a statement only overwrites', () => {
  it('is no read of its values: only the column the unordered concatenation reaches is listed', async () => {
    const r = await runBody(body('Classes = @Classes'), { tables: TABLES, csv: CSV });
    expect(r.nonReproducible).toEqual(['dbo.Roll.Classes']);
  });

  it('is read where the WHERE names it: the rows the UPDATE changes are the plan\'s, every column is listed', async () => {
    const r = await runBody(body('Classes = @Classes').replace('WHERE StudentID = @s;\nEND', "WHERE StudentID = @s AND Classes NOT LIKE '%Latin%';\nEND"), { tables: TABLES, csv: CSV });
    expect(r.nonReproducible).toEqual(['dbo.Roll.Classes', 'dbo.Roll.GPA', 'dbo.Roll.StudentID']);
  });
});
