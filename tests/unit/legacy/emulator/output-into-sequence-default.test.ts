import { resultRows, runBody } from './emulator-helpers';

// A price change log numbered by its column DEFAULT from a sequence, filled by OUTPUT … INTO:
// SQL Server draws one value per output row in the order its plan yields them, so which change
// gets which number is not reproducible; the changes themselves, and the rows written, are.
const TABLES = `
CREATE SEQUENCE dbo.seq_Change AS int START WITH 700
GO
CREATE TABLE dbo.Tariff (Lane varchar(10) NOT NULL PRIMARY KEY, Rate decimal(10,2) NOT NULL)
GO
CREATE TABLE dbo.TariffFile (Lane varchar(10) NOT NULL, Rate decimal(10,2) NOT NULL)
GO
CREATE TABLE dbo.TariffChange (ChangeNo int NOT NULL DEFAULT (NEXT VALUE FOR dbo.seq_Change), Act nvarchar(10) NOT NULL,
    Lane varchar(10) NOT NULL, OldRate decimal(10,2) NULL, NewRate decimal(10,2) NULL)
GO
`;
const DATA = { 'dbo.Tariff': 'Lane,Rate\nAMS-BER,410.00\nAMS-CDG,380.50\nAMS-MAD,612.00\n', 'dbo.TariffFile': 'Lane,Rate\nAMS-BER,415.00\nAMS-CDG,380.50\nAMS-LIS,700.00\n' };
const LOG = ['dbo.TariffChange.ChangeNo'];

describe('OUTPUT … INTO a table whose DEFAULT draws a sequence, several rows', () => {
  it('an UPDATE lists the drawn column as not reproducible', async () => {
    const r = await runBody(`
      UPDATE dbo.Tariff SET Rate = Rate * 1.02
      OUTPUT N'UPDATE', inserted.Lane, deleted.Rate, inserted.Rate INTO dbo.TariffChange (Act, Lane, OldRate, NewRate);
      SELECT Lane, Rate FROM dbo.Tariff ORDER BY Lane;`, { tables: TABLES, csv: DATA });
    expect(resultRows(r)).toEqual([{ Lane: 'AMS-BER', Rate: 418.2 }, { Lane: 'AMS-CDG', Rate: 388.11 }, { Lane: 'AMS-MAD', Rate: 624.24 }]);
    expect(r.nonReproducible).toEqual(LOG);
  });

  it('a DELETE lists it too', async () => {
    const r = await runBody(`
      DELETE FROM dbo.Tariff OUTPUT N'DELETE', deleted.Lane, deleted.Rate, NULL INTO dbo.TariffChange (Act, Lane, OldRate, NewRate);`, { tables: TABLES, csv: DATA });
    expect(r.nonReproducible).toEqual(LOG);
  });

  it('a MERGE lists that column alone: the target it changes does not depend on the draws', async () => {
    const r = await runBody(`
      MERGE dbo.Tariff AS t USING dbo.TariffFile AS s ON t.Lane = s.Lane
      WHEN MATCHED AND t.Rate <> s.Rate THEN UPDATE SET t.Rate = s.Rate
      WHEN NOT MATCHED BY TARGET THEN INSERT (Lane, Rate) VALUES (s.Lane, s.Rate)
      WHEN NOT MATCHED BY SOURCE THEN DELETE
      OUTPUT $action, ISNULL(inserted.Lane, deleted.Lane), deleted.Rate, inserted.Rate INTO dbo.TariffChange (Act, Lane, OldRate, NewRate);
      SELECT Lane, Rate FROM dbo.Tariff ORDER BY Lane;`, { tables: TABLES, csv: DATA });
    expect(resultRows(r)).toEqual([{ Lane: 'AMS-BER', Rate: 415 }, { Lane: 'AMS-CDG', Rate: 380.5 }, { Lane: 'AMS-LIS', Rate: 700 }]);
    expect(r.nonReproducible).toEqual(LOG);
  });

  it('one row draws one value: nothing to list', async () => {
    const r = await runBody(`
      UPDATE dbo.Tariff SET Rate = 400
      OUTPUT N'UPDATE', inserted.Lane, deleted.Rate, inserted.Rate INTO dbo.TariffChange (Act, Lane, OldRate, NewRate)
      WHERE Lane = 'AMS-BER';`, { tables: TABLES, csv: DATA });
    expect(r.nonReproducible ?? []).toEqual([]);
  });
});
