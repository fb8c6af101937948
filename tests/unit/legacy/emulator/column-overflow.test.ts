import { runBody } from './emulator-helpers';

// A month-end FIFO costing (probe code): the extended cost of a lot slice, ROUND(@Take * @LotCost, 2),
// a decimal(30,4), is inserted into a decimal(19,2) column too narrow for it (or a landed cost
// updated into a decimal(9,4)), and the CATCH block logs ERROR_MESSAGE(). DuckDB's error cannot
// tell a value of scale 4 from money, but the statement knows the column's declared type and the
// value's, so the text is SQL Server's "converting
// numeric to data type numeric" (CAST and CONVERT, "Truncating and rounding results", Msg 8115).
const COGS = `CREATE TABLE dbo.[COGS Detail] ([Sales Line ID] int NOT NULL, [Qty] int NOT NULL, [Unit Cost] decimal(19,4) NOT NULL, [Extended Cost] decimal(19,2) NOT NULL);
CREATE TABLE dbo.[Short Cost] ([Sales Line ID] int NOT NULL, [Cost] decimal(9,2) NOT NULL);
CREATE TABLE dbo.[Landed] ([Lot ID] int NOT NULL PRIMARY KEY, [Landed Unit Cost] decimal(9,4) NULL);
CREATE TABLE dbo.[Receipt Lot] ([Lot ID] int NOT NULL PRIMARY KEY, [Unit Cost] decimal(19,4) NOT NULL, [Fee] money NOT NULL);`;
const CSV = { 'dbo.Receipt Lot': 'Lot ID,Unit Cost,Fee\n17,999999999999999.0000,100000000.0000\n', 'dbo.Landed': 'Lot ID,Landed Unit Cost\n17,1.0000\n' };
const caught = `BEGIN CATCH SELECT ERROR_NUMBER() AS n, ERROR_MESSAGE() AS m; END CATCH`;
const declare = `DECLARE @Take int = 1000, @LotCost decimal(19,4) = 999999999999999.0000;`;

describe('an INSERT or UPDATE whose value overflows its decimal column names the types it converts', () => {
  it.each([
    ['INSERT … VALUES', 'INSERT INTO dbo.[COGS Detail] ([Sales Line ID], [Qty], [Unit Cost], [Extended Cost]) VALUES (1014, @Take, @LotCost, ROUND(@Take * @LotCost, 2));'],
    ['INSERT … SELECT', 'INSERT INTO dbo.[COGS Detail] ([Sales Line ID], [Qty], [Unit Cost], [Extended Cost]) SELECT 1014, @Take, l.[Unit Cost], ROUND(@Take * l.[Unit Cost], 2) FROM dbo.[Receipt Lot] l;'],
    ['UPDATE … SET', 'UPDATE dbo.[Landed] SET [Landed Unit Cost] = @LotCost / @Take + 0.0001 WHERE [Lot ID] = 17;'],
    ['UPDATE … FROM a join', 'UPDATE x SET x.[Landed Unit Cost] = l.[Unit Cost] + 0.0001 FROM dbo.[Landed] x JOIN dbo.[Receipt Lot] l ON l.[Lot ID] = x.[Lot ID];'],
  ])('%s: numeric to numeric', async (_what, insert) => {
    const r = await runBody(`${declare}\nBEGIN TRY ${insert} END TRY\n${caught}`, { tables: COGS, csv: CSV });
    expect(r.resultSets[0]?.rows).toEqual([{ n: 8115, m: 'Arithmetic overflow error converting numeric to data type numeric.' }]);
  });

  it.each([
    ['INSERT', 'INSERT INTO dbo.[Short Cost] ([Sales Line ID], [Cost]) SELECT 1014, l.Fee FROM dbo.[Receipt Lot] l;'],
    ['UPDATE', 'UPDATE x SET x.[Landed Unit Cost] = l.Fee FROM dbo.[Landed] x JOIN dbo.[Receipt Lot] l ON l.[Lot ID] = x.[Lot ID];'],
  ])('%s: a money value still stops ERROR_MESSAGE(), located (SQL Server names money, which is not reproduced here)', async (_what, insert) => {
    const run = runBody(`${declare}\nBEGIN TRY ${insert} END TRY\n${caught}`, { tables: COGS, csv: CSV });
    await expect(run).rejects.toMatchObject({ message: expect.stringMatching(/ERROR_MESSAGE\(\) of error 8115.*money/), location: { file: 'usp_test.sql' } });
  });

  it('a table with a money column keeps ERROR_MESSAGE() refused (its default or the value could be money)', async () => {
    const tables = `${COGS}\nCREATE TABLE dbo.[COGS Money] ([Extended Cost] decimal(19,2) NOT NULL, [Rebate] money NULL);`;
    const run = runBody(`${declare}\nBEGIN TRY INSERT INTO dbo.[COGS Money] ([Extended Cost]) VALUES (ROUND(@Take * @LotCost, 2)); END TRY\n${caught}`, { tables, csv: CSV });
    await expect(run).rejects.toMatchObject({ message: expect.stringMatching(/ERROR_MESSAGE\(\) of error 8115/) });
  });
});
