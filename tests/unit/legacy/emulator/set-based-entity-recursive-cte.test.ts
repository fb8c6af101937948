import { setBasedSectionEntity } from '../../../../src/legacy/emulator/section/set-based-entity';
import { parseScript } from '../../../../src/tsql';

// An amortization job makes one row per loan and period: the loans CROSS JOINed with a period
// series a recursive CTE counts up. The series reads no loan, so every loan meets the same
// periods and the loan key keeps the rows apart (propose left it untagged for any recursive CTE).
// A recursive CTE that walks the loans themselves (a refinanced loan to the one it replaced)
// meets another loan's rows, and stays untagged.
const COLUMNS: Readonly<Record<string, readonly string[]>> = {
  'dbo.loan': ['loan id', 'principal', 'term months', 'first due', 'replaces loan id'],
  'dbo.loan schedule': ['loan id', 'period no', 'due date', 'principal due'],
};

function entityOf(statement: string): string | undefined {
  const text = `CREATE PROCEDURE dbo.[usp_Build Schedule]
AS
BEGIN
${statement}
END
`;
  const script = parseScript(text, { file: 'schedule.sql' });
  const end = text.split('\n').length;
  return setBasedSectionEntity([script], { name: 'dbo.[usp_Build Schedule]', file: 'schedule.sql' }, [{ start: 4, end }], ['Loan Id'],
    (t) => COLUMNS[t.replace(/[[\]]/g, '')], () => new Set(['dbo.loan']));
}

describe('setBasedSectionEntity and recursive CTEs', () => {
  it('tags the loan key of a loan CROSS JOINed with a period series', () => {
    expect(entityOf(`    WITH periods AS (SELECT 1 AS n UNION ALL SELECT n + 1 FROM periods WHERE n < 360)
    INSERT INTO dbo.[Loan Schedule] ([Loan Id], [Period No], [Due Date], [Principal Due])
    SELECT l.[Loan Id], p.n, DATEADD(month, p.n - 1, l.[First Due]), ROUND(l.Principal / l.[Term Months], 2)
    FROM dbo.[Loan] l CROSS JOIN periods p
    WHERE p.n <= l.[Term Months]
    OPTION (MAXRECURSION 400);`)).toBe('Loan Id');
  });

  it('does not tag a recursive CTE that walks from loan to loan', () => {
    expect(entityOf(`    WITH chain AS (
        SELECT [Loan Id], [Replaces Loan Id], 1 AS depth FROM dbo.[Loan]
        UNION ALL
        SELECT c.[Loan Id], l.[Replaces Loan Id], c.depth + 1 FROM chain c JOIN dbo.[Loan] l ON l.[Loan Id] = c.[Replaces Loan Id]
    )
    INSERT INTO dbo.[Loan Schedule] ([Loan Id], [Period No], [Due Date], [Principal Due])
    SELECT c.[Loan Id], MAX(c.depth), '2026-01-01', 0 FROM chain c GROUP BY c.[Loan Id];`)).toBeUndefined();
  });
});
