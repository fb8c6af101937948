import { captureWithOrderCheck } from './order-check-run';

// A meter pack: a tariff table copied from its own input, then the last reading a cursor
// without ORDER BY fetches rounded to cents. Taken in the other order, the cursor ends on
// 14831.425e0, which lies too near halfway for the emulator to tell how SQL Server rounds it
// (the product rounds up, the binary value lies below). The second run used to stop there and
// list every output as not reproducible; now it rounds the product, and lists what that ROUND's
// value may reach whether or not it changed (here it did not: .43 either way in the emulator,
// while SQL Server may give .42), and nothing else.
const TABLES = `CREATE TABLE dbo.[Meter Read] ([Read Id] int NOT NULL PRIMARY KEY, Kwh float NOT NULL)
GO
CREATE TABLE dbo.[Tariff] ([Band] varchar(10) NOT NULL, [Rate] decimal(9,4) NOT NULL)
GO
CREATE TABLE dbo.[Tariff Copy] ([Band] varchar(10) NOT NULL, [Rate] decimal(9,4) NOT NULL)
GO
CREATE TABLE dbo.[Last Read] ([Kwh Rounded] float NULL, [Read Count] int NOT NULL)
GO
`;
const PROC = `CREATE PROCEDURE dbo.[usp Meter Pack] AS
SET NOCOUNT ON
DECLARE @kwh float, @last float, @n int = 0
INSERT dbo.[Tariff Copy] ([Band], [Rate]) SELECT [Band], [Rate] FROM dbo.[Tariff]
DECLARE c CURSOR LOCAL FAST_FORWARD FOR SELECT Kwh FROM dbo.[Meter Read]
OPEN c
FETCH NEXT FROM c INTO @kwh
WHILE @@FETCH_STATUS = 0
BEGIN
  SET @last = @kwh
  SET @n = @n + 1
  FETCH NEXT FROM c INTO @kwh
END
CLOSE c
DEALLOCATE c
INSERT dbo.[Last Read] ([Kwh Rounded], [Read Count]) VALUES (ROUND(@last, 2), @n)
GO
`;
const INPUTS = {
  'dbo.Meter Read': '"Read Id",Kwh\n1,14831.425\n2,14831.426\n',
  'dbo.Tariff': 'Band,Rate\npeak,0.3120\noff,0.1480\n',
};

describe('order check: a float ROUND too near halfway in the other order', () => {
  it('lists what the ROUND may reach, naming it, and keeps the outputs it cannot reach', async () => {
    const { first, check } = await captureWithOrderCheck({ 'tables.sql': TABLES, 'meter.sql': PROC }, 'dbo.usp Meter Pack', INPUTS);
    expect(first.outputs.find((o) => /last read/i.test(o.name))?.rows).toEqual([{ 'Kwh Rounded': 14831.43, 'Read Count': 2 }]);
    // the Kwh Rounded value agrees in both runs, yet which way SQL Server rounds the other order's is unknown
    expect(check.columns).toEqual(expect.arrayContaining(['dbo.Last Read.Kwh Rounded', 'dbo.Last Read.Read Count']));
    expect(check.columns.some((c) => /Tariff Copy/.test(c))).toBe(false);
    const cause = check.columnCauses?.get('dbo.Last Read.Kwh Rounded')?.join(' ') ?? '';
    expect(cause).toMatch(/float ROUND at meter\.sql:16:\d+ meets ROUND\(14831\.425, 2\) too near halfway/);
    expect(check.causes.join(' ')).not.toMatch(/the procedure stops/);
  });

  it('still lists every output when the ROUND decides a ROLLBACK', async () => {
    const proc = PROC.replace('INSERT dbo.[Last Read]', 'BEGIN TRAN\nIF ROUND(@last, 2) > 14831.42 ROLLBACK ELSE COMMIT\nINSERT dbo.[Last Read]');
    const { check } = await captureWithOrderCheck({ 'tables.sql': TABLES, 'meter.sql': proc }, 'dbo.usp Meter Pack', INPUTS);
    expect(check.columns).toEqual(expect.arrayContaining(['dbo.Tariff Copy.Band', 'dbo.Last Read.Read Count']));
  });
});
