import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { LegacyError } from '../../../../src/core';
import { runSection } from './emulator-helpers';
import { parseScript } from '../../../../src/tsql';
import { sectionInputTables } from '../../../../src/legacy';

const repo = join(__dirname, '../../../..');
const tables = readdirSync(join(repo, 'procedures/tables')).map((f) => parseScript(readFileSync(join(repo, 'procedures/tables', f), 'utf8'), { file: f }));
const example = (proc: string): ReturnType<typeof parseScript>[] => [...tables, parseScript(readFileSync(join(repo, 'procedures', `${proc}.sql`), 'utf8'), { file: `${proc}.sql` })];

/** A small procedure of our own, lines numbered from 1 (line 1: CREATE PROCEDURE). */
const OWN = `CREATE PROCEDURE dbo.usp_own @Factor int = 2, @Required int
AS
BEGIN
    DECLARE @Base int = 10, @Seen int;
    SET @Seen = 1;
    CREATE TABLE #Work (Id int NOT NULL, Amount decimal(9,2) NOT NULL, Note varchar(20) NULL);
    INSERT INTO #Work (Id, Amount) SELECT Id, Amount FROM dbo.Src;
    SELECT Id, Amount * @Factor + @Base AS Scaled INTO #Scaled FROM #Work;
    SELECT @Seen + Id + @Required AS X FROM #Scaled ORDER BY Id;
    WHILE @Base < 12
    BEGIN
        SET @Base = @Base + 1;
    END
END
GO`;
const OWN_TABLES = 'CREATE TABLE dbo.Src (Id int NOT NULL PRIMARY KEY, Amount decimal(9,2) NOT NULL);';


const own = [parseScript(OWN_TABLES, { file: 'src.sql' }), parseScript(OWN, { file: 'usp_own.sql' })];

describe('emulateSection', () => {
  it('runs the letters section of the example on a scenario and produces its rows', async () => {
    const r = await runSection({
      scripts: example('dbo.usp_CountEntityLetters'), procedure: 'dbo.usp_CountEntityLetters', lines: [{ start: 29, end: 81 }],
      params: { '@EntityId': null }, outputs: ['dbo.EntityLetterCount'], clock: '2026-12-03T00:00:00',
      tables: [
        { name: 'dbo.Entity', columns: [{ name: 'EntityId', type: 'int' }, { name: 'Letter', type: 'text?' }], rows: [['1', 'a'], ['2', 'S']] },
        { name: 'dbo.EntityWord', columns: [{ name: 'EntityId', type: 'int' }, { name: 'Word', type: 'text?' }], rows: [['1', 'Banana'], ['1', 'APPLE'], ['1', 'APPLE'], ['2', 'mississippi']] },
      ],
    });
    const out = r.outputs.get('dbo.EntityLetterCount');
    expect(out?.columns.map((c) => c.name)).toEqual(['EntityId', 'Letter', 'Occurrences', 'WordsScanned', 'ComputedAt']);
    expect(out?.rows.map((row) => row.slice(0, 4))).toEqual([['1', 'a', '5', '3'], ['2', 'S', '4', '1']]);
    expect(out?.rows[0]?.[4]).toMatch(/^2026-12-03 00:00:00/);
  });

  it.each([
    ['a #temp table from the procedure\'s CREATE TABLE, a SELECT INTO of the section, a DECLARE value, a default', [{ start: 8, end: 8 }], { '@Required': '0' },
      [{ name: '#Work', columns: [{ name: 'Id', type: 'int' }, { name: 'Amount', type: 'decimal(9,2)' }], rows: [['2', '1.50'], ['1', '3']] }],
      ['#Scaled'], { '#Scaled': [['2', '13.00'], ['1', '16.00']] }],
    ['a #temp table only a SELECT INTO of another section builds: from the Given header', [{ start: 9, end: 9 }], { '@Required': '0', '@Seen': '5' },
      [{ name: '#Scaled', columns: [{ name: 'Id', type: 'int' }, { name: 'Scaled', type: 'decimal(9,2)' }], rows: [['1', '1']] }],
      ['result'], {}],
  ] as const)('builds the start state: %s', async (_what, lines, params, givenTables, outputs, expected) => {
    const r = await runSection({ scripts: own, procedure: 'dbo.usp_own', lines, params, tables: givenTables, outputs });
    for (const [name, rows] of Object.entries(expected)) expect(r.outputs.get(name)?.rows).toEqual(rows);
    if (outputs[0] === 'result') expect(r.resultSets[0]?.rows).toEqual([['6']]);
  });

  it.each([
    ['a variable set before the section and read first', [{ start: 9, end: 9 }], { '@Required': '0' }, [{ name: '#Scaled', columns: [{ name: 'Id', type: 'int' }], rows: [] }], /reads @Seen before it sets it.*statements before the section/],
    ['a parameter without default', [{ start: 9, end: 9 }], { '@Seen': '1' }, [{ name: '#Scaled', columns: [{ name: 'Id', type: 'int' }], rows: [] }], /reads @Required before it sets it.*a parameter without a default/],
    ['a table it reads and the scenario does not give', [{ start: 7, end: 7 }], { '@Required': '0' }, [], /reads dbo\.Src, but the scenario gives no rows for it/],
    ['half of a loop', [{ start: 12, end: 12 }], { '@Required': '0' }, [], /inside the While at line 10/],
  ] as const)('refuses with the location: %s', async (_what, lines, params, givenTables, message) => {
    const err = await runSection({ scripts: own, procedure: 'dbo.usp_own', lines, params, tables: givenTables, outputs: ['#Scaled'] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LegacyError);
    expect((err as LegacyError).message).toMatch(message);
    expect((err as LegacyError).location?.file).toBe('usp_own.sql');
  });

  it('reports the start values it took from defaults, which the scenario must state for `migrate test`', async () => {
    const r = await runSection({
      scripts: own, procedure: 'dbo.usp_own', lines: [{ start: 8, end: 8 }], params: { '@Required': '0' }, outputs: ['#Scaled'],
      tables: [{ name: '#Work', columns: [{ name: 'Id', type: 'int' }, { name: 'Amount', type: 'decimal(9,2)' }], rows: [['1', '3']] }],
    });
    expect(r.startValues).toEqual([{ name: '@Factor', dataType: 'int', value: '2' }, { name: '@Base', dataType: 'int', value: '10' }]);
  });

  /** Earlier statements that only read a variable leave its DECLARE value; one that assigns it does not. */
  const READS = `CREATE PROCEDURE dbo.usp_reads @From date
AS
BEGIN
    DECLARE @To date = DATEADD(day, 6, @From), @Seen int = 0;
    SELECT @Seen = COUNT(*) FROM dbo.Src WHERE Id > 0 AND @To IS NOT NULL;
    SELECT Id, @To AS UpTo, @Seen AS Seen INTO #Out FROM dbo.Src;
END
GO`;
  const reads = [parseScript(OWN_TABLES, { file: 'src.sql' }), parseScript(READS, { file: 'usp_reads.sql' })];
  const src = [{ name: 'dbo.Src', columns: [{ name: 'Id', type: 'int' }, { name: 'Amount', type: 'decimal(9,2)' }], rows: [['1', '3']] }];

  it('keeps the DECLARE value of a variable earlier sections only read', async () => {
    const r = await runSection({ scripts: reads, procedure: 'dbo.usp_reads', lines: [{ start: 6, end: 6 }], params: { '@From': '2026-11-01', '@Seen': '4' }, outputs: ['#Out'], tables: src });
    expect(r.outputs.get('#Out')?.rows).toEqual([['1', '2026-11-07', '4']]);
    expect(r.startValues).toEqual([{ name: '@To', dataType: 'date', value: '2026-11-07' }]);
  });

  it('refuses a variable an earlier SELECT @v = assigns', async () => {
    const err = await runSection({ scripts: reads, procedure: 'dbo.usp_reads', lines: [{ start: 6, end: 6 }], params: { '@From': '2026-11-01' }, outputs: ['#Out'], tables: src }).catch((e: unknown) => e);
    expect((err as LegacyError).message).toMatch(/reads @Seen before it sets it.*statements before the section/);
  });
});

describe('a section that reads a view', () => {
  const scripts = [
    parseScript(`CREATE TABLE dbo.Sale (SaleId int NOT NULL PRIMARY KEY, ProductId int NOT NULL, Qty int NOT NULL);
GO
CREATE TABLE dbo.Product (ProductId int NOT NULL PRIMARY KEY, Price decimal(10,2) NOT NULL);
GO
CREATE TABLE dbo.SaleValue (SaleId int NOT NULL PRIMARY KEY, Value decimal(18,2) NULL);
GO
CREATE VIEW [Sales View].[v Sale Product] AS
SELECT s.SaleId, s.Qty, p.Price FROM dbo.Sale s JOIN dbo.Product p ON p.ProductId = s.ProductId;
GO
`, { file: 'tables.sql' }),
    parseScript(`CREATE PROCEDURE dbo.usp_SaleValue AS
BEGIN
    INSERT INTO dbo.SaleValue (SaleId, Value) SELECT v.SaleId, v.Qty * v.Price FROM [Sales View].[v Sale Product] v;
END
GO
`, { file: 'p.sql' }),
  ];

  it('is given the view\'s rows, as the view yields them to the procedure', async () => {
    const r = await runSection({
      scripts, procedure: 'dbo.usp_SaleValue', lines: [{ start: 3, end: 3 }], params: {}, outputs: ['dbo.SaleValue'], clock: '2026-12-03T00:00:00',
      tables: [
        { name: 'Sales View.v Sale Product', columns: [{ name: 'Price', type: 'decimal(10,2)?' }, { name: 'Qty', type: 'int?' }, { name: 'SaleId', type: 'int?' }], rows: [['2.50', '3', '1'], ['1.25', '2', '2']] },
        { name: 'dbo.SaleValue', columns: [{ name: 'SaleId', type: 'int' }, { name: 'Value', type: 'decimal(18,2)?' }], rows: [] },
      ],
    });
    expect(r.outputs.get('dbo.SaleValue')?.rows).toEqual([['1', '7.50'], ['2', '2.50']]);
  });
});

describe('a section that calls a user function', () => {
  const scripts = [
    parseScript(`CREATE TABLE dbo.Sale (SaleId int NOT NULL PRIMARY KEY, ProductId int NOT NULL, Qty int NOT NULL);
GO
CREATE TABLE dbo.SaleQty (SaleId int NOT NULL PRIMARY KEY, Qty int NULL);
GO
CREATE FUNCTION dbo.fnSalesOf (@ProductId int) RETURNS TABLE AS RETURN
    SELECT SaleId, Qty FROM dbo.Sale WHERE ProductId = @ProductId;
GO
`, { file: 'tables.sql' }),
    parseScript(`CREATE PROCEDURE dbo.usp_SaleQty @ProductId int AS
BEGIN
    INSERT INTO dbo.SaleQty (SaleId, Qty) SELECT f.SaleId, f.Qty FROM dbo.fnSalesOf(@ProductId) f;
END
GO
`, { file: 'p.sql' }),
  ];
  const target = { name: 'dbo.SaleQty', columns: [{ name: 'SaleId', type: 'int' }, { name: 'Qty', type: 'int?' }], rows: [] };
  const base = { scripts, procedure: 'dbo.usp_SaleQty', lines: [{ start: 3, end: 3 }], params: { '@ProductId': '7' }, outputs: ['dbo.SaleQty'], clock: '2026-12-03T00:00:00' };

  it('runs the function over the tables the scenario gives', async () => {
    const r = await runSection({ ...base, tables: [target, { name: 'dbo.Sale', columns: [{ name: 'SaleId', type: 'int' }, { name: 'ProductId', type: 'int' }, { name: 'Qty', type: 'int' }], rows: [['1', '7', '3'], ['2', '8', '5']] }] });
    expect(r.outputs.get('dbo.SaleQty')?.rows).toEqual([['1', '3']]);
  });

  it('refuses, at the call, a table the function reads that the scenario does not give (it read an empty one)', async () => {
    const err = await runSection({ ...base, tables: [target] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LegacyError);
    expect((err as LegacyError).message).toMatch(/reads dbo\.Sale through dbo\.fnSalesOf\(\) it calls \(read at tables\.sql:\d+:\d+\), but the scenario gives no rows for it/);
    expect((err as LegacyError).location?.span?.start).toMatchObject({ line: 3, column: 71 });
  });
});

describe('a section that EXECs a procedure', () => {
  const dir = join(repo, 'tests/fixtures/exec-callee');
  const scripts = ['tables.sql', 'p.sql'].map((f) => parseScript(readFileSync(join(dir, f), 'utf8'), { file: f }));
  const converted = { name: 'dbo.Converted', columns: [{ name: 'Id', type: 'int' }, { name: 'Amount', type: 'decimal(18,2)?' }], rows: [] };
  const base = { scripts, procedure: 'dbo.usp_Convert', lines: [{ start: 10, end: 11 }], params: {}, outputs: ['dbo.Converted'], clock: '2026-12-03T00:00:00' };

  it('needs the tables the callee reads, not a log table it only inserts into', async () => {
    const r = await runSection({ ...base, tables: [converted, { name: 'dbo.Rate', columns: [{ name: 'Code', type: 'text' }, { name: 'Factor', type: 'decimal(9,4)' }], rows: [['EUR', '1.1000']] }] });
    expect(r.outputs.get('dbo.Converted')?.rows).toEqual([['1', '11.00']]);
    const err = await runSection({ ...base, tables: [converted] }).catch((e: unknown) => e);
    expect((err as LegacyError).message).toMatch(/reads dbo\.Rate through dbo\.usp_Rate it calls \(read at p\.sql:3:34\)/);
  });
});

describe('a section that writes a table a procedure it EXECs reads (through a nested EXEC too)', () => {
  // A pick list: each order line asks usp_Reserved (via usp_FreeQty) what earlier lines of the
  // section already reserved, so the [Pick Line] rows before the section change every answer.
  const scripts = [
    parseScript(`CREATE TABLE dbo.[Pick Line] ([Order No] int NOT NULL, [Item No] int NOT NULL, [Pick Qty] int NOT NULL);
GO
CREATE TABLE dbo.[Order Line] ([Order No] int NOT NULL, [Item No] int NOT NULL, Qty int NOT NULL);
GO
`, { file: 'pick-tables.sql' }),
    parseScript(`CREATE PROCEDURE dbo.usp_Reserved @ItemNo int, @Qty int OUTPUT AS
    SELECT @Qty = ISNULL(SUM(p.[Pick Qty]), 0) FROM dbo.[Pick Line] p WHERE p.[Item No] = @ItemNo
GO
CREATE PROCEDURE dbo.usp_FreeQty @ItemNo int, @Free int OUTPUT AS
BEGIN
    DECLARE @r int
    EXEC dbo.usp_Reserved @ItemNo, @r OUTPUT
    SET @Free = 100 - @r
END
GO
CREATE PROCEDURE dbo.usp_BuildPicks @OrderNo int AS
BEGIN
    DECLARE @ItemNo int, @Qty int, @Free int
    DECLARE c CURSOR LOCAL FAST_FORWARD FOR SELECT [Item No], Qty FROM dbo.[Order Line] WHERE [Order No] = @OrderNo ORDER BY [Item No]
    OPEN c
    FETCH NEXT FROM c INTO @ItemNo, @Qty
    WHILE @@FETCH_STATUS = 0
    BEGIN
        EXEC dbo.usp_FreeQty @ItemNo, @Free OUTPUT
        INSERT INTO dbo.[Pick Line] ([Order No], [Item No], [Pick Qty]) VALUES (@OrderNo, @ItemNo, CASE WHEN @Qty < @Free THEN @Qty ELSE @Free END)
        FETCH NEXT FROM c INTO @ItemNo, @Qty
    END
    CLOSE c
    DEALLOCATE c
END
GO
`, { file: 'picks.sql' }),
  ];
  const orderLines = { name: 'dbo.Order Line', columns: [{ name: 'Order No', type: 'int' }, { name: 'Item No', type: 'int' }, { name: 'Qty', type: 'int' }], rows: [['5', '1', '30']] };
  const picks = { name: 'dbo.Pick Line', columns: [{ name: 'Order No', type: 'int' }, { name: 'Item No', type: 'int' }, { name: 'Pick Qty', type: 'int' }], rows: [['4', '1', '80']] };
  const base = { scripts, procedure: 'dbo.usp_BuildPicks', lines: [{ start: 14, end: 24 }], params: { '@OrderNo': '5' }, outputs: ['dbo.Pick Line'], clock: '2026-12-03T00:00:00' };

  it('runs on the rows the scenario gives: 80 of 100 already picked leaves 20', async () => {
    const r = await runSection({ ...base, tables: [orderLines, picks] });
    expect(r.outputs.get('dbo.Pick Line')?.rows).toEqual([['4', '1', '80'], ['5', '1', '20']]);
  });

  it('refuses a scenario without the table, naming the callee\'s read (it started empty and picked 30)', async () => {
    const err = await runSection({ ...base, tables: [orderLines] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LegacyError);
    expect((err as LegacyError).message).toMatch(/the section reads dbo\.\[Pick Line\] through dbo\.usp_FreeQty it calls \(read at picks\.sql:2:53\), but the scenario gives no rows for it/);
    expect((err as LegacyError).location).toMatchObject({ file: 'picks.sql', span: { start: { line: 19, column: 9 } } });
  });

  it('lists the table among the section\'s inputs, at the callee\'s read', () => {
    const input = sectionInputTables(scripts, 'dbo.usp_BuildPicks', base.lines).find((t) => t.key === 'dbo.pick line');
    expect(input).toMatchObject({ written: 'dbo.Pick Line', at: { file: 'picks.sql', span: { start: { line: 2, column: 53 } } }, through: { name: 'dbo.usp_FreeQty', at: { span: { start: { line: 19 } } } } });
  });
});

describe('a section whose SET IDENTITY_INSERT lies outside it (in housekeeping)', () => {
  const proc = `CREATE PROCEDURE dbo.usp_SeedUnknown
AS
BEGIN
    SET IDENTITY_INSERT dbo.Dim ON;
    INSERT INTO dbo.Dim (DimId, Name) VALUES (500, 'Unknown');
    SET IDENTITY_INSERT dbo.Dim OFF;
    INSERT INTO dbo.Dim (Name) VALUES ('next');
END
GO`;
  const scripts = [parseScript('CREATE TABLE dbo.Dim (DimId int IDENTITY(1,1) NOT NULL PRIMARY KEY, Name varchar(20) NOT NULL);', { file: 'dim.sql' }), parseScript(proc, { file: 'seed.sql' })];

  it('takes each INSERT as written: the explicit value, then the identity moved past it', async () => {
    const r = await runSection({
      scripts, procedure: 'dbo.usp_SeedUnknown', lines: [{ start: 5, end: 5 }, { start: 7, end: 7 }], params: {}, outputs: ['dbo.Dim'],
      tables: [{ name: 'dbo.Dim', columns: [{ name: 'DimId', type: 'int' }, { name: 'Name', type: 'text' }], rows: [['1', 'a']] }],
    });
    expect(r.outputs.get('dbo.Dim')?.rows).toEqual([['1', 'a'], ['500', 'Unknown'], ['501', 'next']]);
  });
});

describe('emulateSection: errors outside TRY', () => {
  // Line 4 opens a TRY whose INSERT (5) repeats a key; line 10 repeats it again outside any TRY.
  const TRIED = `CREATE PROCEDURE dbo.usp_tried
AS
BEGIN
    BEGIN TRY
        INSERT INTO dbo.Src (Id, Amount) VALUES (1, 1);
    END TRY
    BEGIN CATCH
        INSERT INTO dbo.Src (Id, Amount) VALUES (9, 9);
    END CATCH
    INSERT INTO dbo.Src (Id, Amount) VALUES (1, 2);
    INSERT INTO dbo.Src (Id, Amount) VALUES (2, 2);
END
GO`;
  const scripts = [parseScript(OWN_TABLES, { file: 'src.sql' }), parseScript(TRIED, { file: 'usp_tried.sql' })];
  const src = [{ name: 'dbo.Src', columns: [{ name: 'Id', type: 'int' }, { name: 'Amount', type: 'decimal(9,2)' }], rows: [['1', '0']] }];

  it('goes on past a key violation outside TRY, as SQL Server does', async () => {
    const r = await runSection({ scripts, procedure: 'dbo.usp_tried', lines: [{ start: 10, end: 11 }], params: {}, outputs: ['dbo.Src'], tables: src });
    expect(r.outputs.get('dbo.Src')?.rows.map((row) => row[0])).toEqual(['1', '2']);
  });

  it('ends with the error inside a TRY block whose CATCH the section does not run', async () => {
    await expect(runSection({ scripts, procedure: 'dbo.usp_tried', lines: [{ start: 5, end: 5 }], params: {}, outputs: ['dbo.Src'], tables: src })).rejects.toThrow(/Msg 2627/);
  });

  it('refuses an error in a section partly inside and partly outside a TRY block', async () => {
    const err: unknown = await runSection({ scripts, procedure: 'dbo.usp_tried', lines: [{ start: 5, end: 5 }, { start: 10, end: 11 }], params: {}, outputs: ['dbo.Src'], tables: src }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LegacyError);
    expect((err as LegacyError).format()).toMatch(/usp_tried\.sql:5:9: the emulator does not support error 2627 .* in a section whose statements lie partly inside a TRY block/);
  });
});

describe('emulateSection with a table-valued parameter', () => {
  const TYPES = `CREATE TYPE Web.LineList AS TABLE (Ref int NOT NULL PRIMARY KEY, Qty int NULL, Note varchar(10) NULL);
GO
CREATE TABLE dbo.Line (Ref int NOT NULL, Qty int NOT NULL);`;
  const PROC = `CREATE PROCEDURE dbo.usp_lines @Lines Web.LineList READONLY
AS
BEGIN
    INSERT INTO dbo.Line (Ref, Qty) SELECT Ref, ISNULL(Qty, 1) FROM @Lines;
END
GO`;
  const scripts = [parseScript(TYPES, { file: 'types.sql' }), parseScript(PROC, { file: 'usp_lines.sql' })];
  const line = { name: 'dbo.Line', columns: [{ name: 'Ref', type: 'int' }, { name: 'Qty', type: 'int' }], rows: [] };

  it('takes the parameter\'s rows from the Given table of its name (columns left out NULL, its key kept)', async () => {
    const r = await runSection({
      scripts, procedure: 'dbo.usp_lines', lines: [{ start: 4, end: 4 }], params: {}, outputs: ['dbo.Line'],
      tables: [line, { name: '@Lines', columns: [{ name: 'Ref', type: 'int' }, { name: 'Qty', type: 'int?' }], rows: [['2', null], ['1', '5']] }],
    });
    expect([...(r.outputs.get('dbo.Line')?.rows ?? [])].sort()).toEqual([['1', '5'], ['2', '1']]);
  });

  it('refuses the parameter given as a value, naming how to give its rows', async () => {
    const err: unknown = await runSection({ scripts, procedure: 'dbo.usp_lines', lines: [{ start: 4, end: 4 }], params: { '@Lines': 'x' }, outputs: ['dbo.Line'], tables: [line] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LegacyError);
    expect((err as LegacyError).format()).toMatch(/@Lines as a value, but it is a table-valued parameter \(Web\.LineList\)[\s\S]*Given table @Lines:/);
  });
});

describe('a section starts under the SET options the procedure ran before it', () => {
  // SET DATEFIRST 1 in housekeeping: DATEPART(weekday) of a Friday is 5, not us_english's 6
  // (the SET DATEFIRST page); SET ROWCOUNT 2 limits the UPDATE (the SET ROWCOUNT page).
  const PROC = `CREATE PROCEDURE dbo.usp_opts @Day date
AS
BEGIN
    SET NOCOUNT ON;
    SET DATEFIRST 1;
    SET ROWCOUNT 2;
    DECLARE @dw int;
    SET @dw = DATEPART(weekday, @Day);
    UPDATE dbo.Src SET Amount = Amount + 1 WHERE Amount < 100;
END
GO`;
  const scripts = [parseScript(OWN_TABLES, { file: 'src.sql' }), parseScript(PROC, { file: 'usp_opts.sql' })];
  const src = { name: 'dbo.Src', columns: [{ name: 'Id', type: 'int' }, { name: 'Amount', type: 'decimal(9,2)' }], rows: [['1', '1.00'], ['2', '2.00'], ['3', '3.00']] };

  it('DATEPART(weekday) follows SET DATEFIRST and the UPDATE SET ROWCOUNT', async () => {
    const r = await runSection({ scripts, procedure: 'dbo.usp_opts', lines: [{ start: 8, end: 9 }], params: { '@Day': '2016-02-26' }, tables: [src], outputs: ['dbo.Src'], clock: '2026-12-03T00:00:00' });
    expect(r.variables.get('@dw')).toBe('5');
    expect(r.outputs.get('dbo.Src')?.rows.filter((row) => Number(row[1]) > Number(row[0]))).toHaveLength(2);
  });

  it('refuses when the option is set inside an IF before the section', async () => {
    const inIf = PROC.replace('SET DATEFIRST 1;', 'IF @Day > \'2000-01-01\' SET DATEFIRST 1;');
    const err = await runSection({ scripts: [scripts[0] as ReturnType<typeof parseScript>, parseScript(inIf, { file: 'usp_opts.sql' })], procedure: 'dbo.usp_opts', lines: [{ start: 8, end: 9 }], params: { '@Day': '2016-02-26' }, tables: [src], outputs: ['dbo.Src'] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LegacyError);
    expect((err as LegacyError).message).toMatch(/SET DATEFIRST inside an IF or a loop before the section/);
    expect((err as LegacyError).location).toMatchObject({ file: 'usp_opts.sql', span: { start: { line: 5 } } });
  });
});

describe('emulateSection of a procedure from an SSDT project', () => {
  const STAMP = `CREATE PROCEDURE dbo.usp_stamp
AS
BEGIN
    UPDATE dbo.Src SET Amount = Amount * 2;
    IF '$(Environment)' = 'PROD'
        UPDATE dbo.Src SET Amount = 0;
END
GO`;
  const scripts = [parseScript(OWN_TABLES, { file: 'src.sql' }), parseScript(STAMP, { file: 'usp_stamp.sql' })];
  const src = [{ name: 'dbo.Src', columns: [{ name: 'Id', type: 'int' }, { name: 'Amount', type: 'decimal(9,2)' }], rows: [['1', '3']] }];

  it('refuses a section whose string holds a SQLCMD variable, which sqlcmd replaces before SQL Server reads it', async () => {
    const err = await runSection({ scripts, procedure: 'dbo.usp_stamp', lines: [{ start: 5, end: 6 }], params: {}, outputs: ['dbo.Src'], tables: src }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LegacyError);
    expect((err as LegacyError).message).toMatch(/SQLCMD variable \$\(Environment\) in a string constant/);
    expect((err as LegacyError).location).toMatchObject({ file: 'usp_stamp.sql', span: { start: { line: 5, column: 8 } } });
  });

  it('runs a section of the same procedure that holds none', async () => {
    const r = await runSection({ scripts, procedure: 'dbo.usp_stamp', lines: [{ start: 4, end: 4 }], params: {}, outputs: ['dbo.Src'], tables: src });
    expect(r.outputs.get('dbo.Src')?.rows).toEqual([['1', '6.00']]);
  });
});

describe('emulateSection over a table with a rowversion column', () => {
  // The optimistic-concurrency idiom (the rowversion page): the Given writes versions as 0x… text;
  // the version read is exact, the one the UPDATE generates comes from the database's @@DBTS.
  const TABLES = 'CREATE TABLE dbo.Line (Id int NOT NULL PRIMARY KEY, Qty int NOT NULL, RowVer rowversion);\nCREATE TABLE dbo.Seen (Id int NOT NULL, Ver binary(8) NULL);';
  const PROC = `CREATE PROCEDURE dbo.usp_ver @Id int
AS
BEGIN
    DECLARE @ver binary(8);
    SELECT @ver = RowVer FROM dbo.Line WHERE Id = @Id;
    INSERT INTO dbo.Seen (Id, Ver) VALUES (@Id, @ver);
    UPDATE dbo.Line SET Qty = Qty + 1 WHERE Id = @Id AND RowVer = @ver;
END
GO`;
  const scripts = [parseScript(TABLES, { file: 'line.sql' }), parseScript(PROC, { file: 'usp_ver.sql' })];
  const line = { name: 'dbo.Line', columns: [{ name: 'Id', type: 'int' }, { name: 'Qty', type: 'int' }, { name: 'RowVer', type: 'text' }], rows: [['1', '5', '0x00000000000007D3']] };

  it('gives the versions read as 0x… text and marks the table whose versions it generated', async () => {
    const r = await runSection({ scripts, procedure: 'dbo.usp_ver', lines: [{ start: 5, end: 7 }], params: { '@Id': '1' }, outputs: ['dbo.Seen', 'dbo.Line'], tables: [line] });
    expect(r.outputs.get('dbo.Seen')?.rows).toEqual([['1', '0x00000000000007D3']]);
    expect(r.outputs.get('dbo.Seen')?.notReproducible).toBeUndefined();
    const updated = r.outputs.get('dbo.Line');
    expect(updated?.rows.map((x) => x.slice(0, 2))).toEqual([['1', '6']]);
    expect(updated?.rows[0]?.[2]).toMatch(/^0x[0-9A-F]{16}$/);
    expect(updated?.rows[0]?.[2]).not.toBe('0x00000000000007D3');
    // The RowVer column alone: Id and Qty are the UPDATE's exact values.
    expect(updated?.notReproducible).toBeUndefined();
    expect([...(updated?.notReproducibleColumns ?? [])]).toEqual([['RowVer', [expect.stringMatching(/^rowversion values of dbo\.Line\.RowVer generated by the UPDATE at usp_ver\.sql:7:5/)]]]);
  });
});
