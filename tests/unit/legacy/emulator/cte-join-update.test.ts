import { LegacyError } from '../../../../src/core';
import { resultRows, runBody } from './emulator-helpers';

// UPDATE through a CTE over a join changes the one base table its SET columns come from (the
// updatable-view rule of CREATE VIEW: a modification may reference columns of one base table
// only; columns of two tables is error 4405).
const TABLES = `
CREATE TABLE dbo.Parcel (ParcelId int NOT NULL PRIMARY KEY, Zone char(2) NOT NULL, Kg decimal(9,3) NOT NULL, Charge money NULL)
CREATE TABLE dbo.ZoneTariff (Zone char(2) NOT NULL PRIMARY KEY, PerKg decimal(9,4) NOT NULL, Floor money NOT NULL)
CREATE TABLE dbo.ChargeLog (LogId int IDENTITY(1,1) NOT NULL, ParcelId int NOT NULL, OldCharge money NULL, NewCharge money NULL)
GO
`;
const DATA = {
  'dbo.Parcel': 'ParcelId,Zone,Kg,Charge\n1,NL,120.250,\n2,NL,2.000,9.99\n3,DE,10.000,\n4,BE,5.000,1.00\n',
  'dbo.ZoneTariff': 'Zone,PerKg,Floor\nNL,0.4200,30.00\nDE,0.5000,40.00\n',
};

describe('UPDATE through a CTE over a join', () => {
  it('changes the table the SET columns belong to, with OUTPUT INTO of its old and new values', async () => {
    const r = await runBody(`
      ;WITH priced AS (
          SELECT p.ParcelId, p.Charge,
                 CASE WHEN p.Kg * z.PerKg < z.Floor THEN z.Floor ELSE CAST(ROUND(p.Kg * z.PerKg, 2) AS money) END AS NewCharge
          FROM dbo.Parcel p INNER JOIN dbo.ZoneTariff z ON z.Zone = p.Zone)
      UPDATE priced SET Charge = NewCharge
      OUTPUT inserted.ParcelId, deleted.Charge, inserted.Charge INTO dbo.ChargeLog (ParcelId, OldCharge, NewCharge);
      SELECT @@ROWCOUNT AS n;
      SELECT ParcelId, Charge FROM dbo.Parcel ORDER BY ParcelId;
      SELECT ParcelId, OldCharge, NewCharge FROM dbo.ChargeLog ORDER BY ParcelId;`, { tables: TABLES, csv: DATA });
    expect(resultRows(r, 0)).toEqual([{ n: 3 }]);
    // 120.250 * 0.42 = 50.505, rounded half away from zero; parcel 4's zone has no tariff
    expect(resultRows(r, 1).map((x) => [x.ParcelId, x.Charge === null ? null : Number(x.Charge)])).toEqual([[1, 50.51], [2, 30], [3, 40], [4, 1]]);
    expect(resultRows(r, 2).map((x) => [x.ParcelId, x.OldCharge === null ? null : Number(x.OldCharge), Number(x.NewCharge)])).toEqual([[1, null, 50.51], [2, 9.99, 30], [3, null, 40]]);
  });

  it.each([
    ['SET over two tables (4405)', `WITH j AS (SELECT p.Charge, z.Floor FROM dbo.Parcel p JOIN dbo.ZoneTariff z ON z.Zone = p.Zone) UPDATE j SET Charge = 1, Floor = 2;`, /changes columns of p and z \(SQL Server refuses it: error 4405\)/],
    ['a column named without its alias', `WITH j AS (SELECT Charge, z.Floor FROM dbo.Parcel p JOIN dbo.ZoneTariff z ON z.Zone = p.Zone) UPDATE j SET Charge = Floor;`, /column Charge is not named with its table's alias/],
    ['an outer join', `WITH j AS (SELECT p.Charge, z.Floor FROM dbo.Parcel p LEFT JOIN dbo.ZoneTariff z ON z.Zone = p.Zone) UPDATE j SET Charge = Floor;`, /reads something other than tables joined by INNER JOIN/],
    ['OUTPUT of the other table', `WITH j AS (SELECT p.Charge, z.Floor FROM dbo.Parcel p JOIN dbo.ZoneTariff z ON z.Zone = p.Zone) UPDATE j SET Charge = Floor OUTPUT inserted.Floor;`, /CTE column Floor, which is not a column of p/],
  ])('refuses %s, naming it', async (_what, body, message) => {
    await expect(runBody(body, { tables: TABLES, csv: DATA })).rejects.toThrow(LegacyError);
    await expect(runBody(body, { tables: TABLES, csv: DATA })).rejects.toThrow(message);
  });
});
