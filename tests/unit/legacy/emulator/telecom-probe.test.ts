import { classifyEngineError } from '../../../../src/legacy/emulator/engine-errors';
import { runBody } from './emulator-helpers';

// Probed with CDR rating code: tinyint/smallint columns in arithmetic overflow in their own type,
// and SQL Server names that type in error 8115 (a CATCH block logs ERROR_MESSAGE()).
describe('8115 from integer arithmetic names the operands\' type', () => {
  it.each([
    ['Out of Range Error: Overflow in multiplication of UINT8 (20 * 20)!', 'tinyint'],
    ['Out of Range Error: Overflow in subtraction of UINT8 (0 - 1)!', 'tinyint'],
    ['Out of Range Error: Overflow in multiplication of INT16 (200 * 200)!', 'smallint'],
    ['Out of Range Error: Overflow in addition of INT32 (2000000000 + 2000000000)!', 'int'],
    ['Out of Range Error: Overflow in addition of INT64 (9223372036854775807 + 1)!', 'bigint'],
  ])('%s names %s', (raw, type) => {
    expect(classifyEngineError(raw)).toMatchObject({ number: 8115, message: `Arithmetic overflow error converting expression to data type ${type}.` });
  });

  it('gives ERROR_MESSAGE() of a tinyint product and a smallint sum that overflow', async () => {
    const r = await runBody(`DECLARE @e TABLE (n int, m nvarchar(200));
      DECLARE @s TABLE (Pct tinyint, Free smallint); INSERT INTO @s VALUES (20, 30000);
      BEGIN TRY SELECT Pct * Pct AS Sq FROM @s; END TRY BEGIN CATCH INSERT INTO @e VALUES (ERROR_NUMBER(), ERROR_MESSAGE()); END CATCH;
      BEGIN TRY SELECT Free + Free AS Twice FROM @s; END TRY BEGIN CATCH INSERT INTO @e VALUES (ERROR_NUMBER(), ERROR_MESSAGE()); END CATCH;
      SELECT n, m FROM @e ORDER BY m;`);
    expect(r.resultSets.at(-1)?.rows).toEqual([
      { n: 8115, m: 'Arithmetic overflow error converting expression to data type smallint.' },
      { n: 8115, m: 'Arithmetic overflow error converting expression to data type tinyint.' },
    ]);
  });
});

// The longest-prefix tariff lookup over a char(n) dialled number: the value ends in blanks, which
// SQL Server ignores over char/varchar; a pattern ending in % takes them, so ILIKE is exact there
// (the emulator refused every such row). A pattern without the % still refuses.
describe('LIKE with a pattern from the data over char(n) text', () => {
  const tables = `CREATE TABLE dbo.Tariff (Prefix varchar(10) NOT NULL, Zone varchar(12) NOT NULL);
CREATE TABLE dbo.CDR (CallId bigint NOT NULL, Dialled char(15) NULL);`;
  const csv = { 'dbo.Tariff': 'Prefix,Zone\n44,UK\n447,UK-MOB\n1,NANP\n', 'dbo.CDR': 'CallId,Dialled\n1,447700900123\n2,442079460018\n3,33142685300\n4,\n' };

  it('finds the longest prefix of a blank-padded number', async () => {
    const r = await runBody(`SELECT c.CallId, (SELECT TOP 1 t.Zone FROM dbo.Tariff t WHERE c.Dialled LIKE t.Prefix + '%' ORDER BY LEN(t.Prefix) DESC) AS Zone
      FROM dbo.CDR c ORDER BY c.CallId;`, { tables, csv });
    expect(r.resultSets[0]?.rows).toEqual([
      { CallId: 1n, Zone: 'UK-MOB' }, { CallId: 2n, Zone: 'UK' }, { CallId: 3n, Zone: null }, { CallId: 4n, Zone: null },
    ]);
  });

  it('refuses a pattern from the data without a closing % over a value ending in blanks', async () => {
    await expect(runBody('SELECT COUNT(*) AS n FROM dbo.CDR c JOIN dbo.Tariff t ON c.Dialled LIKE t.Prefix;', { tables, csv }))
      .rejects.toThrow(/LIKE patterns taken from data over text ending in blanks/);
  });
});
