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
    expect(exit).toMatchObject({ line: 3, column: 3, condition: '@From IS NULL OR @To < @From', answerable: true, lines: [{ start: 3, end: 7 }], reads: [] });
  });

  it('takes along the top-level statements that compute a variable of the condition from the parameters', () => {
    const exits = exitsOf("  DECLARE @Days int, @Limit int = 31;\n  SET @Days = DATEDIFF(DAY, @From, @To) + 1;\n  IF @Days > @Limit THROW 50001, 'range too long', 1;");
    expect(exits).toEqual([expect.objectContaining({ answerable: true, lines: [{ start: 3, end: 5 }] })]);
  });

  it.each([
    ['a table', 'IF NOT EXISTS (SELECT 1 FROM dbo.Sales WHERE SoldOn >= @From) RETURN;', [{ start: 3, end: 3 }], ['dbo.Sales']],
    ['a variable a query sets', 'DECLARE @n int;\n  SELECT @n = COUNT(*) FROM [Stage].[Load Batch] b JOIN dbo.T t ON t.id = b.id;\n  IF @n = 0 RETURN;', [{ start: 4, end: 5 }], ['Stage.Load Batch', 'dbo.T']],
    ['a variable set from a table', 'DECLARE @d date = (SELECT MAX(d) FROM dbo.T);\n  IF @d < @From RETURN;', [{ start: 3, end: 4 }], ['dbo.T']],
    ['a table the procedure writes only after the guard', "IF EXISTS (SELECT 1 FROM dbo.LoadLog WHERE RunDate = @From AND Status = 'DONE') RETURN;\n  INSERT INTO dbo.LoadLog (RunDate, Status) VALUES (@From, 'DONE');", [{ start: 3, end: 3 }], ['dbo.LoadLog']],
    ['a CTE over a table', 'IF (SELECT COUNT(*) FROM (SELECT 1 AS x FROM dbo.T) q) = 0 RETURN;', [{ start: 3, end: 3 }], ['dbo.T']],
  ])('answers a guard on %s from the tables\' start state, the run\'s data', (_what, body, lines, tables) => {
    const exits = exitsOf(`  ${body}`);
    expect(exits).toHaveLength(1);
    expect(exits[0]).toMatchObject({ answerable: true, lines, tables, reads: [] });
  });

  it.each([
    ['@@ROWCOUNT', 'UPDATE dbo.T SET x = 1;\n  IF @@ROWCOUNT = 0 RETURN;', '@@ROWCOUNT'],
    ['a return code', 'DECLARE @rc int;\n  EXEC @rc = dbo.child;\n  IF @rc <> 0 RETURN @rc;', '@rc, set at line 4 by an EXEC'],
    ['a parameter set inside an IF', 'IF @Mode IS NULL SET @From = (SELECT MAX(d) FROM dbo.T);\n  IF @From IS NULL RETURN;', '@From, set at line 3 by an IF'],
    ['a user function', 'IF dbo.fn_Closed(@From) = 1 RETURN;', 'the function dbo.fn_Closed'],
    ['a table written before it', 'DELETE FROM dbo.Sales WHERE SoldOn < @From;\n  IF NOT EXISTS (SELECT 1 FROM Sales) RETURN;', 'Sales, written at line 3 before it'],
    ['a table a called procedure may change', 'EXEC dbo.child;\n  IF NOT EXISTS (SELECT 1 FROM dbo.Sales) RETURN;', 'dbo.Sales, which the EXEC at line 3 may change'],
    ['a #temp table', 'SELECT * INTO #s FROM dbo.Sales;\n  IF NOT EXISTS (SELECT 1 FROM #s) RETURN;', '#s, a #temp table'],
    ['a variable a query sets from a table written before', 'DECLARE @n int;\n  UPDATE dbo.T SET x = 1;\n  SELECT @n = COUNT(*) FROM dbo.T;\n  IF @n = 0 RETURN;', '@n, set at line 5 from dbo.T, written at line 4 before it'],
  ])('cannot answer a guard that reads %s before the sections run, and says why', (_what, body, why) => {
    const exits = exitsOf(`  ${body}`);
    expect(exits).toHaveLength(1);
    expect(exits[0]).toMatchObject({ answerable: false, lines: [], tables: [] });
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
    expect(exits.map((e) => [e.line, e.answerable, e.reads])).toEqual([[4, true, []], [6, false, ['an exit nested deeper than the IF\'s branch']]]);
  });

  describe('IF … GOTO', () => {
    // a day's rebuild that jumps to its end when the day has no rows; `tail` is what follows the label
    const rebuild = (tail: string, output = ''): ReturnType<typeof earlyExits> => {
      const text = `CREATE PROCEDURE dbo.p @From date${output} AS\nBEGIN\n  DECLARE @n int, @msg varchar(80);\n  SELECT @n = COUNT(*) FROM dbo.Sales WHERE SoldOn = @From;\n  IF @n = 0 GOTO finished;\n  DELETE FROM dbo.DayTotal WHERE SoldOn = @From;\nfinished:\n${tail}\nEND\n`;
      const script = parseScript(text, { file: 'p.sql' });
      return earlyExits(script.batches[0]?.statements[0] as CreateProcedure, script);
    };

    it.each([
      ['RETURN', '  RETURN 0;'],
      ['nothing', ''],
      ['PRINT, a SET nothing reads and RETURN', "  SET @msg = 'done';\n  IF @n > 0 PRINT @msg;\n  SET NOCOUNT OFF;\n  RETURN;"],
    ])('is an exit, answered like a RETURN, when only %s follows the label', (_what, tail) => {
      expect(rebuild(tail)).toEqual([expect.objectContaining({ line: 5, condition: '@n = 0', answerable: true, lines: [{ start: 4, end: 5 }], tables: ['dbo.Sales'], jump: { label: 'finished', line: 7, endsProcedure: true } })]);
    });

    it.each([
      ['an INSERT', '  INSERT INTO dbo.LoadLog (Msg) VALUES (\'day done\');', ''],
      ['a SET of an OUTPUT parameter', '  SET @Rows = @n;', ', @Rows int OUTPUT'],
      ['a COMMIT', '  COMMIT;', ''],
    ])('is a jump that goes on, not an exit, when %s follows the label', (_what, tail, output) => {
      expect(rebuild(tail, output)).toEqual([expect.objectContaining({ line: 5, answerable: true, jump: { label: 'finished', line: 7, endsProcedure: false } })]);
    });

    it('lists no jump back, and no jump to the error handler after the RETURN unless only the end follows it', () => {
      expect(exitsOf('  again:\n  IF @Mode = \'X\' GOTO again;')).toEqual([]);
      const handler = (tail: string): ReturnType<typeof earlyExits> => exitsOf(`  UPDATE dbo.T SET x = 1;\n  IF @@ERROR <> 0 GOTO err_handler;\n  RETURN 0;\nerr_handler:\n${tail}`);
      expect(handler("  INSERT INTO dbo.ErrLog (Msg) VALUES ('failed');\n  RETURN 1;")).toEqual([]);
      expect(handler("  RAISERROR('failed', 16, 1);\n  RETURN 1;")).toEqual([expect.objectContaining({ line: 4, answerable: false, reads: ['@@ERROR'], jump: { label: 'err_handler', line: 6, endsProcedure: true } })]);
    });
  });
});
