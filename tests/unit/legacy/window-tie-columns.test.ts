import { captureWithOrderCheck } from './order-check-run';

// A ROW_NUMBER whose ORDER BY ties three payments of one account that differ: SQL Server numbers
// them in its plan's order, so the sequence number and what is computed from it are not
// reproducible; the payments' own columns are (every column was listed before).
const TABLES = `CREATE TABLE dbo.[Payment] ([Payment Id] int NOT NULL PRIMARY KEY, [Account No] varchar(10) NOT NULL, [Paid On] date NOT NULL, [Amount] decimal(10,2) NOT NULL)
GO
CREATE TABLE dbo.[Payment Sequence] ([Payment Id] int NOT NULL, [Account No] varchar(10) NOT NULL, [Amount] decimal(10,2) NOT NULL, [Seq No] int NOT NULL, [Seq Label] varchar(20) NULL)
GO
`;
const PAYMENTS = 'Payment Id,Account No,Paid On,Amount\n1,A1,2026-03-01,10.00\n2,A1,2026-03-01,25.00\n3,A1,2026-03-01,10.00\n4,A1,2026-03-05,7.00\n5,B2,2026-03-02,3.00\n';

async function check(select: string): Promise<readonly string[]> {
  const proc = `CREATE PROCEDURE dbo.[usp_Sequence Payments] AS
BEGIN
  SET NOCOUNT ON;
  INSERT INTO dbo.[Payment Sequence] ([Payment Id], [Account No], [Amount], [Seq No], [Seq Label])
  ${select};
END
GO
`;
  const { check: r } = await captureWithOrderCheck({ 'tables.sql': TABLES, 'p.sql': proc }, 'dbo.[usp_Sequence Payments]', { 'dbo.[Payment]': PAYMENTS });
  return r.columns;
}

describe('order check: a window over three or more tied rows that differ lists what its values reach', () => {
  it('the row number and the label computed from it, not the payments\' columns (a table without a key)', async () => {
    const columns = await check(`SELECT p.[Payment Id], p.[Account No], p.[Amount], x.[Seq No], p.[Account No] + '-' + CAST(x.[Seq No] AS varchar(10))
  FROM dbo.[Payment] AS p JOIN (SELECT [Payment Id], ROW_NUMBER() OVER (PARTITION BY [Account No] ORDER BY [Paid On]) AS [Seq No] FROM dbo.[Payment]) AS x ON x.[Payment Id] = p.[Payment Id]`);
    expect(columns).toEqual(['dbo.Payment Sequence.Seq Label', 'dbo.Payment Sequence.Seq No']);
  });

  it('a row number that picks rows (`WHERE [Seq No] = 1`): every column the statement writes', async () => {
    const columns = await check(`SELECT [Payment Id], [Account No], [Amount], [Seq No], NULL FROM (SELECT [Payment Id], [Account No], [Amount], ROW_NUMBER() OVER (PARTITION BY [Account No] ORDER BY [Paid On]) AS [Seq No] FROM dbo.[Payment]) AS r WHERE [Seq No] = 1`);
    expect(columns).toEqual(expect.arrayContaining(['dbo.Payment Sequence.Payment Id', 'dbo.Payment Sequence.Amount', 'dbo.Payment Sequence.Seq No']));
  });

  it('a later UPDATE labelling each row from its row number lists the label too, not the payments\' columns', async () => {
    const proc = `CREATE PROCEDURE dbo.[usp_Sequence Payments] AS
BEGIN
  SET NOCOUNT ON;
  INSERT INTO dbo.[Payment Sequence] ([Payment Id], [Account No], [Amount], [Seq No])
  SELECT [Payment Id], [Account No], [Amount], ROW_NUMBER() OVER (PARTITION BY [Account No] ORDER BY [Paid On]) FROM dbo.[Payment];
  UPDATE dbo.[Payment Sequence] SET [Seq Label] = [Account No] + '-' + CAST([Seq No] AS varchar(10));
END
GO
`;
    const { check: r } = await captureWithOrderCheck({ 'tables.sql': TABLES, 'p.sql': proc }, 'dbo.[usp_Sequence Payments]', { 'dbo.[Payment]': PAYMENTS });
    expect(r.columns).toEqual(['dbo.Payment Sequence.Seq Label', 'dbo.Payment Sequence.Seq No']);
  });
});
