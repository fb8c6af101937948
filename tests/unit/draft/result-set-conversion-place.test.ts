import { draftOf } from './draft-harness';

// A result-set column the spec holds as text whose value the draft cannot write as SQL Server's
// text (a float: ABS(Score) has no type the spec header could take) is refused at the SELECT
// giving it, not at the first line of the procedure, so the engineer finds the statement.
const PROC = `CREATE PROCEDURE dbo.usp_T AS
BEGIN
    SET NOCOUNT ON
    SELECT m.[Student Id], ABS(m.Score) AS [Abs Score]
    FROM dbo.Mark m
END`;

describe('a refused conversion of a result-set column', () => {
  it('is located at the SELECT', () => {
    const draft = draftOf(PROC, {
      inputs: [{ name: 'dbo.Mark', columns: ['Student Id:int', 'Score:double?'] }],
      output: { name: 'result', columns: ['Student Id:int?', 'Abs Score:text?'] },
    });
    expect(draft.sql).toBeUndefined();
    expect(draft.refusals.map((r) => [r.line, r.col, r.construct])).toEqual([[4, 5, 'conversion from float to varchar(max)']]);
  });
});
