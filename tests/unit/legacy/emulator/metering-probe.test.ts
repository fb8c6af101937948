import { runBody } from './emulator-helpers';

// Probed with smart-meter interval jobs: the consumption of an interval is a CASE over integer
// registers (the counter wraps at 99999), multiplied by a decimal multiplier and divided by a
// number of intervals. SQL Server types such a CASE as its integer branches' type, so the quotient
// has a known scale; the emulator refused it as "precision of an operand is unknown".
describe('a CASE or IIF over integer branches in decimal arithmetic', () => {
  const tables = `CREATE TABLE dbo.Reads (MeterId int NOT NULL, PrevValue int NOT NULL, NextValue int NOT NULL, Minutes int NOT NULL, Mult decimal(6,3) NOT NULL, Small smallint NULL, Tiny tinyint NULL);`;
  const csv = { 'dbo.Reads': 'MeterId,PrevValue,NextValue,Minutes,Mult,Small,Tiny\n1,561,584,180,2.500,7,3\n2,99990,12,75,0.500,,\n' };

  it('divides int CASE * decimal(6,3) by an int with the scale SQL Server gives decimal(28,14)', async () => {
    // decimal(17,3) / int: scale max(6, 3 + 10 + 1) = 14, truncated there.
    const r = await runBody(`SELECT MeterId,
        CAST((CASE WHEN NextValue < PrevValue THEN NextValue + 100000 - PrevValue ELSE NextValue - PrevValue END) * Mult / (Minutes / 15) AS varchar(40)) AS Per,
        CAST((CASE WHEN NextValue < PrevValue THEN NextValue + 100000 - PrevValue ELSE NextValue - PrevValue END) * Mult / (Minutes / 15) AS decimal(9,3)) AS Per3,
        CAST(IIF(NextValue < PrevValue, NextValue + 100000 - PrevValue, NextValue - PrevValue) * Mult / (Minutes / 15) AS varchar(40)) AS PerIif
      FROM dbo.Reads ORDER BY MeterId;`, { tables, csv });
    expect(r.resultSets[0]?.rows).toEqual([
      { MeterId: 1, Per: '4.79166666666666', Per3: 4.792, PerIif: '4.79166666666666' },
      { MeterId: 2, Per: '2.20000000000000', Per3: 2.2, PerIif: '2.20000000000000' },
    ]);
  });

  it('takes a divisor CASE of int branches as an int: 10.0 / CASE … END has scale 12', async () => {
    // numeric(3,1) / int: scale max(6, 1 + 10 + 1) = 12 (a smallint divisor would give 7).
    const r = await runBody(`SELECT CAST(10.0 / CASE WHEN MeterId = 1 THEN PrevValue - 558 ELSE Minutes END AS varchar(40)) AS q
      FROM dbo.Reads WHERE MeterId = 1;`, { tables, csv });
    expect(r.resultSets[0]?.rows).toEqual([{ q: '3.333333333333' }]);
  });

  it('takes a CASE of smallint and tinyint branches as a smallint: 10.0 / CASE … END has scale 7', async () => {
    const r = await runBody(`SELECT CAST(10.0 / CASE WHEN MeterId = 1 THEN Small ELSE Tiny END AS varchar(40)) AS q
      FROM dbo.Reads WHERE MeterId = 1;`, { tables, csv });
    expect(r.resultSets[0]?.rows).toEqual([{ q: '1.4285714' }]);
  });

  it('still refuses where an integer literal beside narrower branches leaves the type uncertain', async () => {
    await expect(runBody(`SELECT 10.0 / CASE WHEN MeterId = 1 THEN Small ELSE 3 END AS q FROM dbo.Reads;`, { tables, csv }))
      .rejects.toThrow(/precision of an operand is unknown/);
  });
});

// `FROM master..spt_values`, the old tally table: the omitted schema is dbo, so the name is
// master.dbo.spt_values. The emulator split the text into `master`, `spt_values` and looked for
// a schema named master, so even a script creating master.dbo.spt_values was not found.
describe('a database..table name with the schema left out', () => {
  const tables = `CREATE TABLE master.dbo.spt_values (name nvarchar(35) NULL, number int NOT NULL, type nchar(3) NOT NULL);`;
  const csv = { 'master.dbo.spt_values': 'name,number,type\n,0,P\n,1,P\n,2,P\n,3,P\nX,1,A\n' };

  it('reads master..spt_values as master.dbo.spt_values', async () => {
    const r = await runBody(`SELECT TOP (3) number, DATEADD(minute, 15 * number, CAST('2026-03-29' AS datetime)) AS SlotStart
      FROM master..spt_values WHERE type = 'P' ORDER BY number;`, { tables, csv });
    expect(r.resultSets[0]?.rows.map((x) => x.number)).toEqual([0, 1, 2]);
  });

  it('names the table with its dbo schema when no script creates it', async () => {
    const failure = await runBody(`SELECT number FROM master..spt_values WHERE type = 'P';`).then(() => undefined, (e: unknown) => e);
    expect(failure).toMatchObject({ message: expect.stringMatching(/Invalid object name 'master\.\.spt_values'/) });
    expect((failure as { hint?: string }).hint).toMatch(/CREATE TABLE master\.dbo\.spt_values \(…\)\), and its rows as master\.dbo\.spt_values\.csv/);
  });
});

// Head-end timestamps land in datetime (1/300 s). Widened to datetime2(7) for an export, a value
// ending in .003 or .007 is .0033333 / .0066667 at compatibility level 130+ (SQL Server 2016 and
// later) and .0030000 / .0070000 below: the emulator gave the old result without a word.
describe('datetime widened to 4 or more fraction digits', () => {
  const tables = 'CREATE TABLE dbo.RawTimes (Id int NOT NULL, ReadAt datetime NOT NULL);';
  const csv = { 'dbo.RawTimes': 'Id,ReadAt\n1,2026-03-31 00:29:59.997\n2,2026-03-31 00:15:00.000\n3,2026-03-31 00:15:00.010\n' };

  it.each([
    ['CAST(ReadAt AS datetime2(7))', 'datetime2\\(7\\)'],
    ['CONVERT(datetime2, ReadAt)', 'datetime2\\(7\\)'],
    ['CAST(ReadAt AS datetime2(4))', 'datetime2\\(4\\)'],
    ['CAST(ReadAt AS time(7))', 'time\\(7\\)'],
  ])('refuses %s of a value ending in 3 or 7 ms without the compatibility level, naming both results', async (expr, target) => {
    await expect(runBody(`SELECT Id, ${expr} AS v FROM dbo.RawTimes;`, { tables, csv }))
      .rejects.toThrow(new RegExp(`converting to ${target} of a datetime whose milliseconds end in 3 or 7 without the database's compatibility level.*from level 130`));
  });

  it('refuses comparing such a value with a datetime2(7) without the compatibility level', async () => {
    await expect(runBody(`DECLARE @From datetime2(7) = '2026-03-31 00:29:59.9970000';
      SELECT COUNT(*) AS n FROM dbo.RawTimes WHERE ReadAt >= @From;`, { tables, csv }))
      .rejects.toThrow(/comparing with a datetime2 value of a datetime whose milliseconds end in 3 or 7 without the database's compatibility level/);
  });

  it('converts values on a whole 1/100 s, and to 3 digits, as every level does', async () => {
    const r = await runBody(`SELECT Id, CAST(CAST(ReadAt AS datetime2(7)) AS varchar(30)) AS v7,
        CAST(CAST(ReadAt AS datetime2(3)) AS varchar(30)) AS v3 FROM dbo.RawTimes WHERE Id <> 1 ORDER BY Id;
      SELECT CAST(CAST(ReadAt AS datetime2(3)) AS varchar(30)) AS v3 FROM dbo.RawTimes WHERE Id = 1;`, { tables, csv });
    expect(r.resultSets[0]?.rows).toEqual([
      { Id: 2, v7: '2026-03-31 00:15:00.0000000', v3: '2026-03-31 00:15:00.000' },
      { Id: 3, v7: '2026-03-31 00:15:00.0100000', v3: '2026-03-31 00:15:00.010' },
    ]);
    expect(r.resultSets[1]?.rows).toEqual([{ v3: '2026-03-31 00:29:59.997' }]);
  });
});
