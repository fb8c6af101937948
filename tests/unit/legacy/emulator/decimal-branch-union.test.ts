import { LegacyError } from '../../../../src/core';
import { runBody } from './emulator-helpers';

// A CASE, IIF, COALESCE or CHOOSE over decimals is of the union type of its branches ("Precision,
// scale, and length (Transact-SQL)": the largest scale and the most integral digits). Past
// precision 38 the page states a cut only for + and - (and none for UNION, refused in
// set-operation-types.ts): decimal(37,8) beside decimal(38,10) is decimal(39,10), and whether SQL
// Server then keeps 10 decimals or 9 is not documented. DuckDB picked decimal(38,9) (1.500000000),
// so the emulator refuses at the construct instead.
const TABLES = 'CREATE TABLE dbo.[Fx Position] (PositionId int NOT NULL PRIMARY KEY, Notional decimal(37,8) NULL, [Settled Amount] decimal(38,10) NULL, Fee decimal(30,8) NULL, IsSettled bit NOT NULL);';
const CSV = { 'dbo.Fx Position': 'PositionId,Notional,Settled Amount,Fee,IsSettled\n1,1.5,2.25,0.125,1\n2,3.75,,1.5,0\n' };

describe('CASE-like expressions whose decimal union type passes precision 38', () => {
  it.each([
    ['CASE', 'CASE WHEN p.IsSettled = 1 THEN p.[Settled Amount] ELSE p.Notional END'],
    ['IIF', 'IIF(p.IsSettled = 1, p.[Settled Amount], p.Notional)'],
    ['COALESCE', 'COALESCE(p.[Settled Amount], p.Notional)'],
    ['CHOOSE', 'CHOOSE(p.IsSettled + 1, p.Notional, p.[Settled Amount])'],
  ])('%s over decimal(37,8) and decimal(38,10) is refused at file:line:col', async (what, expr) => {
    const error = await runBody(`SELECT p.PositionId,\n       ${expr} AS Exposure\nFROM dbo.[Fx Position] p;`, { tables: TABLES, csv: CSV }).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(LegacyError);
    expect((error as LegacyError).message).toContain(`${what} over decimal branches whose union type is decimal(39,10), past precision 38`);
    // the body's second line is line 5 of usp_test.sql; the expression starts at column 8
    expect([(error as LegacyError).location?.span?.start.line, (error as LegacyError).location?.span?.start.column]).toEqual([5, 8]);
  });

  it('counts an integer constant at its own digits: decimal(37,8) beside a 32-digit constant is decimal(40,8), refused', async () => {
    await expect(runBody('SELECT CASE WHEN p.IsSettled = 1 THEN p.Notional ELSE 12345678901234567890123456789012 END AS v FROM dbo.[Fx Position] p;', { tables: TABLES, csv: CSV }))
      .rejects.toThrow(/CASE over decimal branches whose union type is decimal\(40,8\)/);
  });

  it('counts money as decimal(19,4): decimal(38,0) beside money is decimal(42,4), refused', async () => {
    await expect(runBody('DECLARE @Cap decimal(38,0) = 1, @Fee money = 2; SELECT COALESCE(@Cap, @Fee) AS v;'))
      .rejects.toThrow(/COALESCE over decimal branches whose union type is decimal\(42,4\)/);
  });

  it('keeps a union that fits: decimal(30,8) beside decimal(38,10) is decimal(38,10)', async () => {
    // integral digits max(22, 28) = 28, scale 10: precision 38
    const r = await runBody(`SELECT p.PositionId, CONVERT(varchar(60), CASE WHEN p.IsSettled = 1 THEN p.[Settled Amount] ELSE p.Fee END) AS a,
  CONVERT(varchar(60), COALESCE(p.[Settled Amount], p.Fee)) AS b FROM dbo.[Fx Position] p ORDER BY p.PositionId;`, { tables: TABLES, csv: CSV });
    expect(r.resultSets[0]?.rows).toEqual([{ PositionId: 1, a: '2.2500000000', b: '2.2500000000' }, { PositionId: 2, a: '1.5000000000', b: '1.5000000000' }]);
  });

  it('leaves ISNULL alone: its type is the first argument\'s (decimal(37,8))', async () => {
    const r = await runBody("SELECT CONVERT(varchar(60), ISNULL(p.Notional, p.[Settled Amount])) AS v FROM dbo.[Fx Position] p WHERE p.PositionId = 1;", { tables: TABLES, csv: CSV });
    expect(r.resultSets[0]?.rows).toEqual([{ v: '1.50000000' }]);
  });
});
