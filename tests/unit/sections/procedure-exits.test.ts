import { parseScript, type CreateProcedure } from '../../../src/tsql';
import { earlyExits } from '../../../src/sections';

function exitsOf(body: string): ReturnType<typeof earlyExits> {
  const text = `CREATE PROCEDURE dbo.p @From date, @To date, @Mode varchar(10) = 'FULL' AS\nBEGIN\n${body}\nEND\n`;
  const script = parseScript(text, { file: 'p.sql' });
  const proc = script.batches[0]?.statements[0] as CreateProcedure;
  expect(proc.kind).toBe('CreateProcedure');
  return earlyExits(proc, script);
}

describe('earlyExits', () => {
  it('answers a guard on the parameters from the IF alone', () => {
    const [exit, ...rest] = exitsOf("  IF @From IS NULL OR @To < @From\n  BEGIN\n    RAISERROR('bad range', 16, 1);\n    RETURN -1;\n  END");
    expect(rest).toEqual([]);
    expect(exit).toMatchObject({ line: 3, column: 3, condition: '@From IS NULL OR @To < @From', parametersOnly: true, lines: [{ start: 3, end: 7 }], reads: [] });
  });

  it('takes along the top-level statements that compute a variable of the condition from the parameters', () => {
    const exits = exitsOf("  DECLARE @Days int, @Limit int = 31;\n  SET @Days = DATEDIFF(DAY, @From, @To) + 1;\n  IF @Days > @Limit THROW 50001, 'range too long', 1;");
    expect(exits).toEqual([expect.objectContaining({ parametersOnly: true, lines: [{ start: 3, end: 5 }] })]);
  });

  it.each([
    ['a table', 'IF NOT EXISTS (SELECT 1 FROM dbo.Sales) RETURN;', 'a table'],
    ['@@ROWCOUNT', 'UPDATE dbo.T SET x = 1;\n  IF @@ROWCOUNT = 0 RETURN;', '@@ROWCOUNT'],
    ['a variable a query sets', 'DECLARE @n int;\n  SELECT @n = COUNT(*) FROM dbo.T;\n  IF @n = 0 RETURN;', '@n, set at line 4 by a SELECT'],
    ['a return code', 'DECLARE @rc int;\n  EXEC @rc = dbo.child;\n  IF @rc <> 0 RETURN @rc;', '@rc, set at line 4 by an EXEC'],
    ['a parameter set inside an IF', 'IF @Mode IS NULL SET @From = (SELECT MAX(d) FROM dbo.T);\n  IF @From IS NULL RETURN;', '@From, set at line 3 by an IF'],
    ['a variable set from a table', "DECLARE @d date = (SELECT MAX(d) FROM dbo.T);\n  IF @d < @From RETURN;", '@d, set at line 3 from a table'],
    ['a user function', 'IF dbo.fn_Closed(@From) = 1 RETURN;', 'the function dbo.fn_Closed'],
  ])('cannot answer a guard that reads %s before the data is read, and says why', (_what, body, why) => {
    const exits = exitsOf(`  ${body}`);
    expect(exits).toHaveLength(1);
    expect(exits[0]).toMatchObject({ parametersOnly: false, lines: [] });
    expect(exits[0]?.reads).toContain(why);
  });

  it('lists no IF inside a loop or a CATCH block, and no IF without an exit', () => {
    expect(exitsOf([
      '  WHILE @From < @To BEGIN IF @Mode = \'X\' RETURN; SET @From = DATEADD(DAY, 1, @From); END',
      '  BEGIN TRY SELECT 1; END TRY BEGIN CATCH IF @Mode = \'X\' RETURN; THROW; END CATCH',
      '  IF @Mode = \'DELTA\' PRINT \'delta\';',
    ].join('\n'))).toEqual([]);
  });

  it('finds a guard inside TRY, and one whose exit lies deeper, which the IF alone cannot answer', () => {
    const exits = exitsOf("  BEGIN TRY\n    IF @To IS NULL RETURN 1;\n  END TRY BEGIN CATCH THROW; END CATCH\n  IF @Mode = 'X' BEGIN IF @From IS NULL RETURN; END");
    expect(exits.map((e) => [e.line, e.parametersOnly, e.reads])).toEqual([[4, true, []], [6, false, ['an exit nested deeper than the IF\'s branch']]]);
  });
});
