import { LegacyError } from '../../../../src/core';
import { resultRows, runBody } from './emulator-helpers';

// INSERT … EXEC converts the callee's result set to the target's columns as INSERT … SELECT does
// (the INSERT page: the result set must be compatible with the table's columns): a decimal or a
// float into an int column truncates, money rounds, text longer than a varchar(n) fails with 2628,
// a float into a decimal rounds its binary value. Read back as text, DuckDB rounded 1.7 to 2.
const CHILD = `CREATE PROCEDURE dbo.usp_Kid AS
BEGIN
  SELECT CAST(1.7 AS decimal(5,1)) AS D, CAST(2.5 AS money) AS M, CAST(7.9 AS float) AS F, CAST(-7.9 AS float) AS G, 'ABCDE' AS S
END
GO
CREATE PROCEDURE dbo.usp_Long AS SELECT 'ABCDEFG' AS S
GO
CREATE PROCEDURE dbo.usp_Half AS SELECT CAST(2.675 AS float) AS F
GO
`;

describe('INSERT … EXEC converts the rows to the target columns', () => {
  it('truncates decimal and float into int, rounds money, keeps text that fits', async () => {
    const r = await runBody(`CREATE TABLE #c (D int, M int, F int, G int, S varchar(5));
      INSERT INTO #c EXEC dbo.usp_Kid;
      SELECT D, M, F, G, S, @@ROWCOUNT AS n FROM #c;`, { extraProcs: CHILD });
    expect(resultRows(r)).toEqual([{ D: 1, M: 3, F: 7, G: -7, S: 'ABCDE', n: 1 }]);
  });

  it('fails with a truncation error for text longer than the varchar(n) column, as SQL Server does', async () => {
    // its number (2628, or 8152 before SQL Server 2019 / level 150) is refused: the severity is read
    const r = await runBody(`CREATE TABLE #c (S varchar(5));
      BEGIN TRY INSERT INTO #c EXEC dbo.usp_Long; END TRY BEGIN CATCH SELECT ERROR_SEVERITY() AS e; END CATCH
      SELECT COUNT(*) AS n FROM #c;`, { extraProcs: CHILD });
    expect(resultRows(r, 0)).toEqual([{ e: 16 }]);
    expect(resultRows(r, 1)).toEqual([{ n: 0 }]);
  });

  it('refuses a float stored just below halfway into a decimal column, as a CAST of it', async () => {
    const err = await runBody(`CREATE TABLE #c (F decimal(10,2)); INSERT INTO #c EXEC dbo.usp_Half;`, { extraProcs: CHILD }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LegacyError);
    expect((err as LegacyError).message).toMatch(/converting a float this close to halfway/);
  });
});
