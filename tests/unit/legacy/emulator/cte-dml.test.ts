import { LegacyError } from '../../../../src/core';
import { resultRows, runBody } from './emulator-helpers';

// WITH common_table_expression before UPDATE/DELETE/MERGE, and DML through a CTE:
// learn.microsoft.com/sql/t-sql/queries/with-common-table-expression-transact-sql
const TABLES = `
CREATE TABLE dbo.Reading (Sensor varchar(5) NOT NULL, At int NOT NULL, Val int NULL)
GO
CREATE TABLE dbo.Latest (Sensor varchar(5) NOT NULL PRIMARY KEY, Val int NULL)
GO
`;
const DATA = {
  'dbo.Reading': 'Sensor,At,Val\na,1,10\na,1,10\na,2,11\nb,1,5\nb,1,6\n',
  'dbo.Latest': 'Sensor,Val\na,0\nc,0\n',
};

describe('CTE-driven DML', () => {
  it('deletes duplicates through a ROW_NUMBER CTE', async () => {
    const r = await runBody(`
      WITH d AS (SELECT Sensor, At, ROW_NUMBER() OVER (PARTITION BY Sensor, At ORDER BY Val DESC) AS rn FROM dbo.Reading)
      DELETE FROM d WHERE rn > 1;
      SELECT @@ROWCOUNT AS n;
      SELECT Sensor, At, Val FROM dbo.Reading ORDER BY Sensor, At;`, { tables: TABLES, csv: DATA });
    expect(resultRows(r, 0)).toEqual([{ n: 2 }]);
    expect(resultRows(r, 1)).toEqual([{ Sensor: 'a', At: 1, Val: 10 }, { Sensor: 'a', At: 2, Val: 11 }, { Sensor: 'b', At: 1, Val: 6 }]);
  });

  it('updates base columns through a CTE, by their CTE names', async () => {
    const r = await runBody(`
      WITH late (S, V) AS (SELECT Sensor, Val FROM dbo.Reading WHERE At = 2)
      UPDATE late SET V = V * 100;
      SELECT Sensor, At, Val FROM dbo.Reading WHERE At = 2;`, { tables: TABLES, csv: DATA });
    expect(resultRows(r)).toEqual([{ Sensor: 'a', At: 2, Val: 1100 }]);
  });

  it.each([
    ['UPDATE … FROM a CTE', `WITH m AS (SELECT Sensor, MAX(Val) AS V FROM dbo.Reading GROUP BY Sensor)
      UPDATE l SET Val = m.V FROM dbo.Latest l JOIN m ON m.Sensor = l.Sensor;`, [{ Sensor: 'a', Val: 11 }, { Sensor: 'c', Val: 0 }]],
    ['DELETE with a CTE in WHERE', `WITH seen AS (SELECT DISTINCT Sensor FROM dbo.Reading)
      DELETE FROM dbo.Latest WHERE Sensor NOT IN (SELECT Sensor FROM seen);`, [{ Sensor: 'a', Val: 0 }]],
    ['MERGE USING a CTE', `WITH m AS (SELECT Sensor, MAX(Val) AS V FROM dbo.Reading GROUP BY Sensor)
      MERGE dbo.Latest AS l USING m ON l.Sensor = m.Sensor
      WHEN MATCHED THEN UPDATE SET Val = m.V
      WHEN NOT MATCHED THEN INSERT (Sensor, Val) VALUES (m.Sensor, m.V);`, [{ Sensor: 'a', Val: 11 }, { Sensor: 'b', Val: 6 }, { Sensor: 'c', Val: 0 }]],
  ])('runs %s', async (_name, body, expected) => {
    const r = await runBody(`${body}\nSELECT Sensor, Val FROM dbo.Latest ORDER BY Sensor;`, { tables: TABLES, csv: DATA });
    expect(resultRows(r)).toEqual(expected);
  });

  it('refuses updating a computed CTE column', async () => {
    const err = await runBody('WITH x AS (SELECT Sensor, Val + 1 AS V1 FROM dbo.Reading) UPDATE x SET V1 = 0;', { tables: TABLES, csv: DATA }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LegacyError);
    expect((err as LegacyError).message).toMatch(/CTE column V1, which is computed/);
  });
});
