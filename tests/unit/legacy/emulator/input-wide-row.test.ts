import { runBody } from './emulator-helpers';

// A config export with a value holding a comma left unquoted: DuckDB's sniffer read the file in
// that row's shape and took the values of another line for the header, and capture said only
// "column 5 is not in dbo.[Kpi Def]".
const TABLES = `CREATE TABLE dbo.[Kpi Def] ([Kpi No] int NOT NULL, [Kpi Expr] nvarchar(200) NOT NULL, [Is On] bit NOT NULL)
GO
`;

describe('a data file one of whose rows has more fields than its header', () => {
  it('names the row and the fields, and says to quote the value', async () => {
    const csv = { 'dbo.Kpi Def': 'Kpi No,Kpi Expr,Is On\n1,SUM([Qty]),1\n5,"CAST(1 AS decimal(9,2))",1\n6,ROUND(SUM([Qty]), 2),0\n' };
    await expect(runBody('SELECT COUNT(*) AS n FROM dbo.[Kpi Def]', { tables: TABLES, csv })).rejects.toMatchObject({
      code: 'LEGACY_INPUT_COLUMN',
      message: expect.stringContaining('line 4 of the CSV has 4 comma-separated fields where its header (line 1) has 3'),
      hint: expect.stringContaining('double quotes'),
      location: { span: { start: { line: 4 } } },
    });
  });

  it('still names a header that is not a column when the rows are as wide as the header', async () => {
    const csv = { 'dbo.Kpi Def': 'Kpi No,Kpi Text,Is On\n1,"SUM([Qty]), x",1\n' };
    await expect(runBody('SELECT COUNT(*) AS n FROM dbo.[Kpi Def]', { tables: TABLES, csv })).rejects.toMatchObject({
      code: 'LEGACY_INPUT_COLUMN',
      message: expect.stringContaining('column Kpi Text is not in dbo.Kpi Def'),
    });
  });
});
