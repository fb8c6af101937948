import { runSection } from './emulator-helpers';
import { parseScript } from '../../../../src/tsql';

// A section given a synonym's rows (`Given table dbo.Cust` for `CREATE SYNONYM dbo.Cust FOR
// dbo.Customer`) must hold them in the target table, as SQL Server does: built from the Given
// header alone, a char(4) column became varchar and `Region + ' - '` lost its padding
// ('EU - Anna' recorded where SQL Server gives 'EU   - Anna').
const scripts = [
  parseScript(`CREATE TABLE dbo.Customer (CustomerId int NOT NULL PRIMARY KEY, Name nvarchar(50) NOT NULL,
  Region char(4) NOT NULL, Limit money NULL DEFAULT (100));
GO
CREATE TABLE dbo.Label (CustomerId int NOT NULL PRIMARY KEY, Label nvarchar(80) NOT NULL);
GO
CREATE SYNONYM dbo.Cust FOR dbo.Customer;
GO
`, { file: 'tables.sql' }),
  parseScript(`CREATE PROCEDURE dbo.usp_Label AS
BEGIN
    INSERT INTO dbo.Label (CustomerId, Label) SELECT c.CustomerId, c.Region + N' - ' + c.Name FROM dbo.Cust c;
    UPDATE dbo.Cust SET Limit = Limit * 2 WHERE Region = 'EU';
END
GO
`, { file: 'p.sql' }),
];


const cust = { name: 'dbo.Cust', columns: [{ name: 'CustomerId', type: 'int' }, { name: 'Name', type: 'text' }, { name: 'Region', type: 'text' }], rows: [['1', 'Anna', 'EU'], ['2', 'Chen', 'APAC']] };

describe('a section given the rows of a synonym', () => {
  it('reads them with the target\'s types: char(4) pads', async () => {
    const r = await runSection({
      scripts, procedure: 'dbo.usp_Label', lines: [{ start: 3, end: 3 }], params: {}, outputs: ['dbo.Label'], clock: '2026-12-03T00:00:00',
      tables: [cust, { name: 'dbo.Label', columns: [{ name: 'CustomerId', type: 'int' }, { name: 'Label', type: 'text' }], rows: [] }],
    });
    expect(r.outputs.get('dbo.Label')?.rows).toEqual([['1', 'EU   - Anna'], ['2', 'APAC - Chen']]);
  });

  it('writes through the synonym into them, the output read from the target', async () => {
    const r = await runSection({
      scripts, procedure: 'dbo.usp_Label', lines: [{ start: 4, end: 4 }], params: {}, outputs: ['dbo.Cust'], clock: '2026-12-03T00:00:00',
      tables: [{ ...cust, columns: [...cust.columns, { name: 'Limit', type: 'decimal(19,4)?' }], rows: [['1', 'Anna', 'EU', '150.2500'], ['2', 'Chen', 'APAC', '10']] }],
    });
    expect(r.outputs.get('dbo.Cust')?.rows).toEqual([['1', 'Anna', 'EU  ', '300.5000'], ['2', 'Chen', 'APAC', '10.0000']]);
  });
});

// `propose` gives a function's read as the function writes it (`Given table dbo.Cust`); the
// function's read was followed to the synonym's target and refused as not given.
describe('a section calling a function that reads through a synonym', () => {
  const withFunction = [
    scripts[0] as (typeof scripts)[number],
    parseScript(`CREATE FUNCTION dbo.tvf_Region (@Region char(4)) RETURNS TABLE AS RETURN (SELECT CustomerId, Name FROM dbo.Cust WHERE Region = @Region);
GO
CREATE PROCEDURE dbo.usp_RegionLabel @Region char(4) AS
BEGIN
    INSERT INTO dbo.Label (CustomerId, Label) SELECT r.CustomerId, N'[' + r.Name + N']' FROM dbo.tvf_Region(@Region) r;
END
GO
`, { file: 'f.sql' }),
  ];
  it('takes the synonym\'s rows as the target\'s', async () => {
    const r = await runSection({
      scripts: withFunction, procedure: 'dbo.usp_RegionLabel', lines: [{ start: 5, end: 5 }], params: { '@Region': 'EU' }, outputs: ['dbo.Label'], clock: '2026-12-03T00:00:00',
      tables: [cust, { name: 'dbo.Label', columns: [{ name: 'CustomerId', type: 'int' }, { name: 'Label', type: 'text' }], rows: [] }],
    });
    expect(r.outputs.get('dbo.Label')?.rows).toEqual([['1', '[Anna]']]);
  });
});
