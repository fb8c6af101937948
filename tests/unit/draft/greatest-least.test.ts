import { draftOf } from './draft-harness';
import { draftAgainstEmulator } from './emulator-parity';

// GREATEST/LEAST (SQL Server 2022) in drafts: NULLs ignored, the arguments' one type kept; mixed
// types, whose result type SQL Server documents only in part, are refused as in the emulator.
const DDL = `CREATE TABLE dbo.Price (Id int NOT NULL, Net money NOT NULL, Floor money NULL, Pct decimal(5,2) NULL, Cap decimal(5,2) NULL);
CREATE TABLE dbo.PriceOut (Id int NOT NULL, Kept money NULL, Pct decimal(5,2) NULL);`;
const PRICE = {
  name: 'dbo.Price',
  columns: ['Id:int', 'Net:decimal(19,4)', 'Floor:decimal(19,4)?', 'Pct:decimal(5,2)?', 'Cap:decimal(5,2)?'],
  rows: [[1, 2.5, 0.01, 10, 12.5], [2, 0.004, null, null, 7.25], [3, -1, 0.01, null, null]],
  csv: 'Id,Net,Floor,Pct,Cap\n1,2.5,0.01,10,12.5\n2,0.004,,,7.25\n3,-1,0.01,,\n',
};
const OUT = { name: 'dbo.PriceOut', columns: ['Id:int', 'Kept:decimal(19,4)?', 'Pct:decimal(5,2)?'] };
const proc = (select: string): string => `CREATE PROCEDURE dbo.usp_T AS
BEGIN
  INSERT INTO dbo.PriceOut (Id, Kept, Pct) SELECT Id, ${select} FROM dbo.Price;
END`;

describe('GREATEST and LEAST in drafts', () => {
  it('translate arguments of one type and agree with the emulator', async () => {
    const r = await draftAgainstEmulator({ ddl: DDL, procedure: proc('GREATEST(Net, Floor), LEAST(Pct, Cap)'), inputs: [PRICE], output: OUT });
    expect(r.emulator).toEqual(['1|2.5000|10.00', '2|0.0040|7.25', '3|0.0100|NULL']);
    expect(r.draftError).toBeUndefined();
    expect(r.draft).toEqual(r.emulator);
  });

  it('refuse arguments of different types', () => {
    const body = draftOf(proc('GREATEST(Net, Pct), Pct'), { ddl: DDL, inputs: [PRICE], output: OUT });
    expect(body.sql).toBeUndefined();
    expect(body.refusals.map((x) => `${x.line}:${x.col} ${x.construct}`)).toEqual(['3:55 GREATEST()']);
    expect(body.refusals[0]?.reason).toMatch(/over money, decimal\(5,2\): only arguments of one numeric or date type/);
  });
});
