import { EngineSession } from '../../../src/engine';
import { emulateSectionInEitherOrder, type OrderCheck } from '../../../src/legacy/order-check';
import { parseScript } from '../../../src/tsql';
import { resultRows } from './emulator/emulator-helpers';
import { captureWithOrderCheck } from './order-check-run';

// A cursor without ORDER BY over three or more rows that differ is refused in capture's second run
// (tie-disputes.ts): [banana, kiwi, banana] reads the same reversed, so two runs cannot show what
// another order gives. A loop that only counts (order-insensitive-loop.ts) gives the same in every
// order and is taken as captured; anything else in its body keeps the refusal.
const TABLES = `CREATE TABLE dbo.[Word Bag] ([Entry No] int NOT NULL PRIMARY KEY, [Word Text] varchar(40) NULL, [Amount] decimal(9,2) NOT NULL)
GO
CREATE TABLE dbo.[Word Log] ([Word Text] varchar(40) NULL)
GO
`;

const BAG = 'Entry No,Word Text,Amount\n1,banana,1.50\n2,kiwi,2.25\n3,banana,1.50\n';

/** The counting loop, with `extra` at the end of its body and `after` as the third column it returns. */
function procedure(extra: string, after: string, tryCatch = false): string {
  const loop = `DECLARE [word cursor] CURSOR LOCAL FAST_FORWARD FOR SELECT [Word Text], [Amount] FROM dbo.[Word Bag];
  OPEN [word cursor];
  FETCH NEXT FROM [word cursor] INTO @Word, @Amt;
  WHILE @@FETCH_STATUS = 0
  BEGIN
    SET @Words = @Words + 1;
    SET @Pos = 1;
    SET @Len = LEN(@Word);
    WHILE @Pos <= @Len
    BEGIN
      IF SUBSTRING(@Word, @Pos, 1) = 'a'
        SET @A_Count += 1;
      SET @Pos = @Pos + 1;
    END
    ${extra}
    FETCH NEXT FROM [word cursor] INTO @Word, @Amt;
  END
  CLOSE [word cursor];
  DEALLOCATE [word cursor];`;
  return `CREATE PROCEDURE dbo.[usp Tally Letters] AS
BEGIN
  SET NOCOUNT ON;
  DECLARE @Word varchar(40), @Amt decimal(9,2), @Pos int, @Len int, @Words int = 0, @A_Count smallint = 0,
          @Total decimal(12,2) = 0, @All varchar(400) = '', @Last varchar(40);
  ${tryCatch ? `BEGIN TRY\n  ${loop}\n  END TRY\n  BEGIN CATCH\n    SELECT ERROR_MESSAGE() AS [Failed];\n  END CATCH` : loop}
  SELECT @Words AS [Words Seen], @A_Count AS [A Count], ${after} AS [Extra];
END
GO
`;
}

async function orderCheck(proc: string, bag = BAG): Promise<{ check: OrderCheck; rows: Record<string, unknown>[]; failed: Record<string, unknown>[] }> {
  const { first, check } = await captureWithOrderCheck({ 'tables.sql': TABLES, 'usp_tally_letters.sql': proc }, 'dbo.[usp Tally Letters]', { 'dbo.[Word Bag]': bag });
  return { check, rows: resultRows(first, first.resultSets.length - 1), failed: first.resultSets.length > 1 ? resultRows(first, 0) : [] };
}

describe('order check: a cursor loop no order can change', () => {
  it('takes a loop counting words and letters over [banana, kiwi, banana] as reproducible', async () => {
    const r = await orderCheck(procedure('', 'NULL'));
    expect(r.rows).toEqual([{ 'Words Seen': 3, 'A Count': 6, Extra: null }]);
    expect(r.check.columns).toEqual([]);
    expect(r.check.causes).toEqual([]);
  });

  const REFUSED: Record<string, [extra: string, after: string]> = {
    'a running product': ['SET @Total = @Total * @Amt;', '@Total'],
    'a string concatenation': ['SET @All = @All + @Word;', '@All'],
    'the last word kept after the loop': ['SET @Last = @Word;', '@Last'],
    'a fetched word read after the loop': ['', '@Word'],
    'an INSERT in the body': ['INSERT INTO dbo.[Word Log] ([Word Text]) VALUES (@Word);', 'NULL'],
    'an IF reading a count': ['IF @Words <= 2 SET @A_Count = @A_Count + 10;', 'NULL'],
    'a decimal counted by constants': ['SET @Total = @Total + 1;', '@Total'],
    'a count going down': ['SET @Words = @Words - 1;', 'NULL'],
    'a subquery': ['SET @Len = (SELECT COUNT(*) FROM dbo.[Word Log]);', 'NULL'],
  };
  for (const [name, [extra, after]] of Object.entries(REFUSED)) {
    it(`still refuses the rows of a loop with ${name}`, async () => {
      const r = await orderCheck(procedure(extra, after));
      expect(r.check.columns).toEqual(expect.arrayContaining(['result-set-1.Words Seen', 'result-set-1.A Count', 'result-set-1.Extra']));
      expect(r.check.causes.join('\n')).toMatch(/three or more of them differ .*the loop over them is not one no order changes/);
    });
  }

  it('refuses an error met in such a loop: which row fails first is the order\'s', async () => {
    // [x, y, x] reversed fails on x first too; SQL Server may fetch y first and say so.
    const r = await orderCheck(procedure('SET @Len = CAST(@Word AS int);', 'NULL', true), 'Entry No,Word Text,Amount\n1,x,1\n2,y,1\n3,x,1\n');
    expect(r.failed).toEqual([{ Failed: "Conversion failed when converting the varchar value 'x' to data type int." }]);
    expect(r.check.columns.length).toBeGreaterThan(0);
    expect(r.check.causes.join('\n')).toMatch(/error 245 .* in the loop over the rows of the cursor word cursor opened at .*usp_tally_letters\.sql:\d+:\d+ without ORDER BY/);
  });
});

describe('a section ending after such a loop', () => {
  it('lists the variables holding the last row, not the counts', async () => {
    const proc = procedure('', 'NULL');
    const lines = proc.split('\n');
    const start = lines.findIndex((l) => l.includes('DECLARE [word cursor]')) + 1;
    const end = lines.findIndex((l) => l.includes('DEALLOCATE')) + 1;
    const rows = BAG.trim().split('\n').slice(1).map((l) => l.split(','));
    const session = await EngineSession.open({ threads: 1 });
    const r = await emulateSectionInEitherOrder({
      scripts: [parseScript(TABLES, { file: 'tables.sql' }), parseScript(proc, { file: 'usp_tally_letters.sql' })], procedure: 'dbo.[usp Tally Letters]',
      lines: [{ start, end }], params: { '@Words': '0', '@A_Count': '0', '@Total': '0', '@All': '', '@Last': null, '@Word': null, '@Amt': null, '@Pos': null, '@Len': null }, outputs: [], session,
      tables: [{ name: 'dbo.[Word Bag]', columns: [{ name: 'Entry No', type: 'int' }, { name: 'Word Text', type: 'text?' }, { name: 'Amount', type: 'decimal(9,2)' }], rows }],
    }, () => EngineSession.open({ threads: 1 })).finally(() => session.close());
    expect(r.variables.get('@words')).toBe('3');
    expect(r.variables.get('@a_count')).toBe('6');
    expect([...r.notReproducibleVariables.keys()].sort()).toEqual(['@amt', '@len', '@pos', '@word']);
    expect(r.notReproducibleVariables.get('@word')?.join('\n')).toMatch(/after the loop @word holds the last one's value/);
  });
});

// Sums of fetched exact numbers and the least/greatest of them (order-insensitive-accumulators.ts):
// a month-close loop over one customer's lines, [a, b, a]-style rows as in the README walk-through.
const LINE_TABLES = `CREATE TABLE dbo.[Invoice Line] ([Line No] int NOT NULL PRIMARY KEY, [Line Amount] decimal(12,2) NULL, [Line Status] char(1) NOT NULL, [Line Note] varchar(20) NULL, [Booked On] date NULL, [Units] int NULL)
GO
`;

const LINES = 'Line No,Line Amount,Line Status,Line Note,Booked On,Units\n1,400.00,O,alpha,2026-01-03,4\n2,-125.50,O,beta,2026-01-09,-1\n3,400.00,O,alpha,2026-01-03,4\n4,75.25,V,gamma,2026-01-05,1\n';

/** The walk-through's loop over invoice lines; `declares` adds to its DECLAREs, `top` to the start of its body, `body` to its branch for lines not void, `result` to its result set. */
function lineLoop(options: { declares?: string; top?: string; body?: string; result?: string; totalType?: string } = {}): string {
  return `CREATE PROCEDURE dbo.[usp Close Lines] AS
BEGIN
  SET NOCOUNT ON;
  DECLARE @Line_Amount decimal(12,2), @Line_Status char(1), @Line_Note varchar(20), @Booked_On date, @Units int,
          @Line_Count int = 0, @Void_Count int = 0, @Line_Total ${options.totalType ?? 'decimal(14,2)'} = 0, @Largest_Line decimal(14,2) = NULL${options.declares ?? ''};
  DECLARE [line cursor] CURSOR LOCAL FAST_FORWARD FOR
    SELECT [Line Amount], [Line Status], [Line Note], [Booked On], [Units] FROM dbo.[Invoice Line];
  OPEN [line cursor];
  FETCH NEXT FROM [line cursor] INTO @Line_Amount, @Line_Status, @Line_Note, @Booked_On, @Units;
  WHILE @@FETCH_STATUS = 0
  BEGIN
    ${options.top ?? ''}
    IF @Line_Status <> 'V'
    BEGIN
      SET @Line_Total = @Line_Amount + @Line_Total;
      SET @Line_Count += 1;
      IF @Line_Amount > @Largest_Line OR @Largest_Line IS NULL SET @Largest_Line = @Line_Amount;
      ${options.body ?? ''}
    END
    ELSE SET @Void_Count = @Void_Count + 1;
    FETCH NEXT FROM [line cursor] INTO @Line_Amount, @Line_Status, @Line_Note, @Booked_On, @Units;
  END
  CLOSE [line cursor];
  DEALLOCATE [line cursor];
  SELECT @Line_Count AS [Line Count], @Void_Count AS [Void Count], @Line_Total AS [Line Total], @Largest_Line AS [Largest Line]${options.result ?? ''};
END
GO
`;
}

async function closeLines(proc: string, lines = LINES): Promise<{ check: OrderCheck; rows: Record<string, unknown>[] }> {
  const { first, check } = await captureWithOrderCheck({ 'tables.sql': LINE_TABLES, 'usp_close_lines.sql': proc }, 'dbo.[usp Close Lines]', { 'dbo.[Invoice Line]': lines });
  return { check, rows: resultRows(first, first.resultSets.length - 1) };
}

describe('order check: sums and extremes a cursor loop keeps', () => {
  it('takes the walk-through loop (counts, an exact sum, a greatest value) as reproducible', async () => {
    const r = await closeLines(lineLoop());
    expect(r.rows).toEqual([{ 'Line Count': 3, 'Void Count': 1, 'Line Total': 674.5, 'Largest Line': 400 }]);
    expect(r.check.columns).toEqual([]);
    expect(r.check.causes).toEqual([]);
  });

  it('takes the earliest date and a least amount, the operands either way round, as reproducible', async () => {
    const r = await closeLines(lineLoop({
      declares: ', @First_Booked date, @Smallest_Line decimal(12,2)',
      body: 'IF @Booked_On < @First_Booked OR @First_Booked IS NULL SET @First_Booked = @Booked_On;\n      IF @Smallest_Line IS NULL OR @Smallest_Line >= @Line_Amount BEGIN SET @Smallest_Line = @Line_Amount; END',
      result: ', @First_Booked AS [First Booked], @Smallest_Line AS [Smallest Line]',
    }));
    expect(r.rows[0]?.['Smallest Line']).toBe(-125.5);
    expect(r.rows[0]?.['First Booked']).toEqual(new Date('2026-01-03T00:00:00Z'));
    expect(r.check.columns).toEqual([]);
  });

  it('refuses a sum whose positive addends alone overflow decimal(5,2), though both runs\' totals fit', async () => {
    // [900, -900, 900] and its reverse stay within 999.99; SQL Server may add the two 900s first.
    const lines = 'Line No,Line Amount,Line Status,Line Note,Booked On,Units\n1,900.00,O,a,,\n2,-900.00,O,b,,\n3,900.00,O,a,,\n';
    const r = await closeLines(lineLoop({ totalType: 'decimal(5,2)' }), lines);
    expect(r.rows[0]?.['Line Total']).toBe(900);
    expect(r.check.columns).toEqual(expect.arrayContaining(['result-set-1.Line Total']));
    expect(r.check.causes.join('\n')).toMatch(/the sum @Line_Total \(decimal\(5,2\)\) .*usp_close_lines\.sql:\d+:\d+ .*positive addends alone come to 1800\.00, past its largest value 999\.99/);
  });

  it('refuses an integer sum whose negative addends alone pass int\'s least value', async () => {
    const lines = 'Line No,Line Amount,Line Status,Line Note,Booked On,Units\n1,1.00,O,a,,-2000000000\n2,2.00,O,b,,2000000000\n3,1.00,O,a,,-2000000000\n';
    const r = await closeLines(lineLoop({ declares: ', @Net_Units int = 0', body: 'SET @Net_Units += @Units;', result: ', @Net_Units AS [Net Units]' }), lines);
    expect(r.rows[0]?.['Net Units']).toBe(-2000000000);
    expect(r.check.causes.join('\n')).toMatch(/the sum @Net_Units \(int\) .*negative addends alone come to -4000000000, past its least value -2147483648/);
  });

  const REFUSED: Record<string, Parameters<typeof lineLoop>[0] & { why: RegExp }> = {
    'a decimal(10,4) addend summed into decimal(14,2)': {
      declares: ', @Fine_Amount decimal(10,4), @Fine_Total decimal(14,2) = 0', top: 'SET @Fine_Amount = @Line_Amount / 3;', body: 'SET @Fine_Total = @Fine_Total + @Fine_Amount;', result: ', @Fine_Total AS [Fine Total]',
      why: /@Fine_Total \(decimal\(14,2\)\) sums @Fine_Amount \(decimal\(10,4\)\), whose decimals it rounds away/,
    },
    'the greatest of a text': {
      declares: ', @Last_Note varchar(20)', body: 'IF @Last_Note IS NULL OR @Line_Note > @Last_Note SET @Last_Note = @Line_Note;', result: ', @Last_Note AS [Last Note]',
      why: /@Last_Note keeps the least or greatest of @Line_Note, which are not both exact numbers/,
    },
    'a greatest value read in the loop': {
      declares: ', @Near_Top int = 0', body: 'IF @Line_Amount > @Largest_Line - 10 SET @Near_Top = @Near_Top + 1;', result: ', @Near_Top AS [Near Top]',
      why: /reads @Largest_Line, which keeps the least or greatest value across rows, before its end/,
    },
    'a float sum': {
      declares: ', @Rough_Amount float, @Rough_Total float = 0', top: 'SET @Rough_Amount = @Line_Amount;', body: 'SET @Rough_Total = @Rough_Total + @Rough_Amount;', result: ', @Rough_Total AS [Rough Total]',
      why: /@Rough_Total, which sums values across rows, is not declared of an exact numeric type/,
    },
  };
  for (const [name, { why, ...options }] of Object.entries(REFUSED)) {
    it(`still refuses the rows of a loop with ${name}`, async () => {
      const r = await closeLines(lineLoop(options));
      expect(r.check.columns).toEqual(expect.arrayContaining(['result-set-1.Line Total', 'result-set-1.Largest Line']));
      expect(r.check.causes.join('\n')).toMatch(why);
    });
  }
});
