import { runBody } from './emulator-helpers';

// An SCD type 2 load writing the changed customers' history through a composable MERGE: the MERGE
// numbers its new customers in its plan's order, so the dimension's key column is not
// reproducible; the history's columns are only where the outer INSERT copies a column the OUTPUT
// filled with those numbers (every column of both tables was listed before).
const TABLES = `
CREATE TABLE dbo.[Dim Customer] ([Customer Key] int IDENTITY(1,1) NOT NULL PRIMARY KEY, [Customer Code] varchar(10) NOT NULL, [City] nvarchar(30) NULL, [Is Current] bit NOT NULL)
GO
CREATE TABLE dbo.[Customer History] ([Customer Key] int NULL, [Customer Code] varchar(10) NOT NULL, [Old City] nvarchar(30) NULL, [New City] nvarchar(30) NULL)
GO
CREATE TABLE dbo.[Customer Staging] ([Customer Code] varchar(10) NOT NULL, [City] nvarchar(30) NULL)
GO
`;
const load = (key: string, where = ''): string => `
  INSERT INTO dbo.[Customer History] ([Customer Key], [Customer Code], [Old City], [New City])
  SELECT ${key}, changes.[Customer Code], changes.[Was City], changes.[City]
  FROM (
    MERGE dbo.[Dim Customer] AS d
    USING dbo.[Customer Staging] AS s ON d.[Customer Code] = s.[Customer Code] AND d.[Is Current] = 1
    WHEN MATCHED AND d.[City] <> s.[City] THEN UPDATE SET d.[Is Current] = 0, d.[City] = s.[City]
    WHEN NOT MATCHED BY TARGET THEN INSERT ([Customer Code], [City], [Is Current]) VALUES (s.[Customer Code], s.[City], 1)
    OUTPUT $action AS [Action], deleted.[Customer Key] AS [Old Key], deleted.[City] AS [Was City], inserted.*
  ) AS changes
  WHERE changes.[Action] = 'UPDATE'${where};`;
const csv = {
  'dbo.Dim Customer': 'Customer Key,Customer Code,City,Is Current\n1,C001,Leeds,1\n2,C002,York,1\n',
  'dbo.Customer Staging': 'Customer Code,City\nC001,Hull\nC002,York\nC003,Bath\nC004,Ely\n',
};

describe('a composable MERGE numbering its new rows: only what its OUTPUT carries of the numbers is listed', () => {
  it('the outer INSERT copies no numbered column: the dimension key alone', async () => {
    const r = await runBody(load('changes.[Old Key]'), { tables: TABLES, csv });
    expect(r.nonReproducible).toEqual(['dbo.Dim Customer.Customer Key']);
  });

  it('inserted.* carries the numbers into changes.[Customer Key]: the history column it fills is listed too', async () => {
    const r = await runBody(load('changes.[Customer Key]'), { tables: TABLES, csv });
    expect(r.nonReproducible).toEqual(['dbo.Customer History.Customer Key', 'dbo.Dim Customer.Customer Key']);
  });

  it('a WHERE on the numbered column decides the outer rows: everything the statement writes', async () => {
    const r = await runBody(load('changes.[Old Key]', ' AND changes.[Customer Key] < 4'), { tables: TABLES, csv });
    expect(r.nonReproducible).toEqual(expect.arrayContaining(['dbo.Customer History.Customer Code', 'dbo.Customer History.New City', 'dbo.Dim Customer.City', 'dbo.Dim Customer.Customer Key']));
  });

  it('keys numbered by an earlier statement: deleted.[Customer Key] carries them, its history column is listed', async () => {
    const before = `INSERT INTO dbo.[Dim Customer] ([Customer Code], [City], [Is Current]) SELECT [Customer Code], N'Kew', 1 FROM dbo.[Customer Staging] WHERE [Customer Code] IN ('C001', 'C002');`;
    const r = await runBody(before + load('changes.[Old Key]'), { tables: TABLES, csv: { ...csv, 'dbo.Dim Customer': 'Customer Key,Customer Code,City,Is Current\n' } });
    expect(r.nonReproducible).toEqual(['dbo.Customer History.Customer Key', 'dbo.Dim Customer.Customer Key']);
  });
});
