import type { Diagnostic } from '../../../src/core';
import { analyzeSources, type SourceText } from '../../../src/dataflow';

// COLUMN_NOT_IN_TABLE: a procedure, function, view or trigger in effect that names a column its
// table no longer has once the upgrade scripts have run (SQL Server: invalid column name, 207).
// Written as a shop's migrations folder: the table in V1, upgrades after it, the procedures beside.

const TABLE: SourceText = {
  file: 'db/V1__price.sql',
  text: [
    '-- price list, first release',
    'CREATE TABLE dbo.[Price List] (',
    '    [Item Code]    varchar(20)   NOT NULL PRIMARY KEY,',
    '    [List Price]   decimal(12,2) NOT NULL,',
    '    [Old Price]    decimal(12,2) NULL,',
    '    [Valid From]   date          NOT NULL',
    ');',
    'GO',
    '',
  ].join('\n'),
};

const DROP_OLD: SourceText = {
  file: 'db/V2__drop_old_price.sql',
  text: '-- 2017-02: old prices live in the history table now\nIF COL_LENGTH(\'dbo.Price List\', \'Old Price\') IS NOT NULL\n    ALTER TABLE dbo.[Price List] DROP COLUMN [Old Price];\nGO\n',
};

const RENAME: SourceText = {
  file: 'db/V3__base_price.sql',
  text: '-- 2017-03: list price is the base price\nEXEC sp_rename \'dbo.[Price List].[List Price]\', \'Base Price\', \'COLUMN\';\nGO\n',
};

const PROMO: SourceText = { file: 'db/V1__promo.sql', text: 'CREATE TABLE dbo.Promo (Code varchar(20) NOT NULL, [Starts On] date NULL);\nGO\n' };

const UPGRADES = [TABLE, DROP_OLD, RENAME, PROMO];

// A statement every case below carries, so each fails unless the check runs: one warning, here.
const CONTROL = 'SELECT [Promo Pct] FROM dbo.Promo;';
const controlOnly = (warnings: readonly Diagnostic[]): string[] => warnings.map((w) => `${w.line}:${w.message.split(',')[0] as string}`);

function proc(file: string, ...body: string[]): SourceText {
  return { file, text: [...body, 'GO', ''].join('\n') };
}

function columnWarnings(sources: readonly SourceText[]): Diagnostic[] {
  return analyzeSources(sources).diagnostics.filter((d) => d.code === 'COLUMN_NOT_IN_TABLE');
}

const at = (d: Diagnostic): string => `${d.file}:${d.line}:${d.column}`;

describe('COLUMN_NOT_IN_TABLE', () => {
  const REPORT = proc('procs/usp_Price Report.sql',
    'CREATE PROCEDURE dbo.[usp_Price Report] @On date',
    'AS',
    'BEGIN',
    '    SET NOCOUNT ON;',
    '    SELECT p.[Item Code], p.[List Price], [Old Price], p.[Base Price]',
    '    FROM dbo.[Price List] AS p',
    '    WHERE p.[Valid From] <= @On;',
    '    SELECT [Item Code], [Discount Pct] FROM dbo.[Price List];',
    'END');

  it('names each reference the upgrade scripts left without a column, with the script that did it and what to do', () => {
    const warnings = columnWarnings([REPORT, ...UPGRADES]);
    expect(warnings.map(at)).toEqual(['procs/usp_Price Report.sql:5:29', 'procs/usp_Price Report.sql:5:43', 'procs/usp_Price Report.sql:8:25']);
    for (const w of warnings) expect(w.severity).toBe('warning');
    const [renamed, dropped, never] = warnings.map((w) => w.message);
    expect(renamed).toBe('procedure dbo.[usp_Price Report] names [List Price] of dbo.[Price List], a column the table does not have once the scripts have run '
      + '(renamed to [Base Price] by db/V3__base_price.sql:2): SQL Server fails the procedure when it runs (Invalid column name, error 207), '
      + 'and capture refuses it; name the column [Base Price], as the scripts leave it');
    expect(dropped).toContain('names [Old Price] of dbo.[Price List]');
    expect(dropped).toContain('(dropped by db/V2__drop_old_price.sql:3)');
    expect(dropped).toContain('take the column out of it');
    expect(never).toContain('names [Discount Pct] of dbo.[Price List]');
    expect(never).toContain('(its CREATE TABLE at db/V1__price.sql:2 has no such column and no script adds it)');
  });

  it('says nothing when the procedure names the columns the table ends with', () => {
    // without the upgrades, [Base Price] is the name the table lacks
    expect(columnWarnings([REPORT, TABLE]).map((w) => w.message.split(',')[0])).toEqual(['procedure dbo.[usp_Price Report] names [Base Price] of dbo.[Price List]', 'procedure dbo.[usp_Price Report] names [Discount Pct] of dbo.[Price List]']);
    expect(columnWarnings([proc('procs/ok.sql',
      'CREATE PROCEDURE dbo.usp_Ok AS',
      'SELECT p.[Item Code], [Base Price], p.[Valid From] FROM dbo.[Price List] p;'), ...UPGRADES])).toEqual([]);
  });

  it('follows a column renamed twice, and one renamed then dropped', () => {
    const again: SourceText = { file: 'db/V4__net_price.sql', text: 'EXEC sys.sp_rename @objname = N\'dbo.Price List.Base Price\', @newname = N\'Net Price\', @objtype = N\'COLUMN\';\nGO\n' };
    const [w] = columnWarnings([proc('p.sql', 'CREATE PROCEDURE dbo.p AS SELECT [List Price] FROM dbo.[Price List];'), ...UPGRADES, again]);
    expect(w?.message).toContain('(renamed to [Base Price] by db/V3__base_price.sql:2, then renamed to [Net Price] by db/V4__net_price.sql:1)');
    expect(w?.message).toContain('name the column [Net Price]');
    const gone: SourceText = { file: 'db/V4__drop_base.sql', text: 'ALTER TABLE dbo.[Price List] DROP COLUMN [Base Price];\nGO\n' };
    const [d] = columnWarnings([proc('p.sql', 'CREATE PROCEDURE dbo.p AS SELECT [List Price] FROM dbo.[Price List];'), ...UPGRADES, gone]);
    expect(d?.message).toContain('(renamed to [Base Price] by db/V3__base_price.sql:2, then dropped by db/V4__drop_base.sql:1)');
  });

  it('checks DML targets: INSERT column lists, SET columns, OUTPUT and MERGE, and a trigger\'s inserted rows', () => {
    const dml = proc('procs/dml.sql',
      'CREATE PROCEDURE dbo.usp_Reprice AS',
      'BEGIN',
      '    INSERT INTO dbo.[Price List] ([Item Code], [List Price], [Valid From]) VALUES (\'A\', 1, \'20170101\');',
      '    UPDATE dbo.[Price List] SET [Old Price] = [Base Price] OUTPUT inserted.[List Price] WHERE [Item Code] = \'A\';',
      '    MERGE dbo.[Price List] AS t USING #new AS s ON t.[Item Code] = s.code',
      '    WHEN MATCHED THEN UPDATE SET t.[List Price] = s.price;',
      'END',
      'GO',
      'CREATE TRIGGER dbo.[trg_Price List] ON dbo.[Price List] AFTER UPDATE AS',
      '    SELECT i.[Old Price] FROM inserted AS i;');
    expect(columnWarnings([dml, ...UPGRADES]).map((w) => `${at(w)} ${w.message.split(',')[0] as string}`)).toEqual([
      'procs/dml.sql:3:48 procedure dbo.usp_Reprice names [List Price] of dbo.[Price List]',
      'procs/dml.sql:4:33 procedure dbo.usp_Reprice names [Old Price] of dbo.[Price List]',
      'procs/dml.sql:4:76 procedure dbo.usp_Reprice names [List Price] of dbo.[Price List]',
      'procs/dml.sql:6:36 procedure dbo.usp_Reprice names [List Price] of dbo.[Price List]',
      'procs/dml.sql:10:14 trigger dbo.[trg_Price List] names [Old Price] of dbo.[Price List]',
    ]);
  });

  it.each([
    ['a correlated name of the outer table', 'SELECT p.[Item Code] FROM dbo.[Price List] p WHERE EXISTS (SELECT 1 FROM dbo.Promo o WHERE o.Code = [Item Code]);'],
    ['a CTE named like the table', 'WITH [Price List] AS (SELECT [Item Code], [Base Price] AS [List Price] FROM dbo.[Price List]) SELECT [List Price] FROM [Price List];'],
    ['a derived table', 'SELECT d.[Old Price] FROM (SELECT [Base Price] AS [Old Price] FROM dbo.[Price List]) AS d;'],
    ['an UPDATE through a CTE', 'WITH d AS (SELECT [Base Price] AS [List Price] FROM dbo.[Price List]) UPDATE d SET [List Price] = 0;'],
    ['a #temp table and a table variable', 'DECLARE @t TABLE ([Old Price] money); SELECT [Old Price] FROM #Price; SELECT [Old Price] FROM @t;'],
    ['a table the scripts do not create', 'SELECT [Old Price] FROM dbo.[Price Archive];'],
    ['a join, where the name has no one owner', 'SELECT [Old Price] FROM dbo.[Price List] p JOIN dbo.Promo o ON o.Code = p.[Item Code];'],
    ['an alias in ORDER BY', 'SELECT [Base Price] AS [List Price] FROM dbo.[Price List] ORDER BY [List Price];'],
    ['IDENTITY(int, …) and date parts', 'SELECT IDENTITY(int, 1, 1) AS n, DATEADD(day, 1, [Valid From]) AS d INTO #x FROM dbo.[Price List];'],
    ['a table the procedure itself widens', 'ALTER TABLE dbo.[Price List] ADD [Old Price] money; SELECT [Old Price] FROM dbo.[Price List];'],
    ['pseudo-columns', 'SELECT $IDENTITY, IDENTITYCOL FROM dbo.[Price List];'],
  ])('says nothing for %s', (_case, body) => {
    expect(controlOnly(columnWarnings([proc('p.sql', `CREATE PROCEDURE dbo.p AS\nBEGIN\n${body}\n${CONTROL}\nEND`), ...UPGRADES]))).toEqual(['4:procedure dbo.p names [Promo Pct] of dbo.Promo']);
  });

  it('says nothing where the scripts leave the table\'s shape uncertain', () => {
    const p = proc('p.sql', `CREATE PROCEDURE dbo.p AS\nBEGIN\nSELECT [Old Price], [Extra] FROM dbo.[Price List];\n${CONTROL}\nEND`);
    const control = ['4:procedure dbo.p names [Promo Pct] of dbo.Promo'];
    // dynamic SQL outside any object may add columns the catalog cannot see
    const dynamic: SourceText = { file: 'db/V5__extra.sql', text: 'EXEC (\'ALTER TABLE dbo.[Price List] ADD [Extra] int\');\nGO\n' };
    expect(controlOnly(columnWarnings([p, ...UPGRADES, dynamic]))).toEqual(control);
    // a second CREATE with other columns and no DROP between: which shape stands is not in the scripts
    const variant: SourceText = { file: 'zz/Price List.sql', text: 'CREATE TABLE dbo.[Price List] ([Item Code] varchar(20), [Extra] int);\nGO\n' };
    expect(controlOnly(columnWarnings([p, ...UPGRADES, variant]))).toEqual(control);
    // a table dropped for good
    const dropped: SourceText = { file: 'db/V9__retire.sql', text: 'DROP TABLE dbo.[Price List];\nGO\n' };
    expect(controlOnly(columnWarnings([p, ...UPGRADES, dropped]))).toEqual(control);
    // a FileTable's columns are not listed
    expect(controlOnly(columnWarnings([proc('f.sql', `CREATE PROCEDURE dbo.f AS\nBEGIN\nSELECT name, file_stream FROM dbo.Docs;\n${CONTROL}\nEND`), PROMO, { file: 't.sql', text: 'CREATE TABLE dbo.Docs AS FILETABLE;\nGO\n' }]))).toEqual(['4:procedure dbo.f names [Promo Pct] of dbo.Promo']);
  });

  it('follows a rebuilt table and a column added back', () => {
    const p = proc('p.sql', `CREATE PROCEDURE dbo.p AS\nBEGIN\nSELECT [Old Price], [Base Price] FROM dbo.[Price List];\n${CONTROL}\nEND`);
    const back: SourceText = { file: 'db/V4__old_back.sql', text: 'ALTER TABLE dbo.[Price List] ADD [Old Price] decimal(12,2) NULL;\nGO\n' };
    expect(controlOnly(columnWarnings([p, ...UPGRADES, back]))).toEqual(['4:procedure dbo.p names [Promo Pct] of dbo.Promo']);
    const rebuilt: SourceText = { file: 'db/V4__rebuild.sql', text: 'DROP TABLE dbo.[Price List];\nGO\nCREATE TABLE dbo.[Price List] ([Item Code] varchar(20) NOT NULL, [Base Price] money NOT NULL);\nGO\n' };
    const [w] = columnWarnings([p, TABLE, DROP_OLD, RENAME, rebuilt]);
    expect(w?.message).toContain('names [Old Price] of dbo.[Price List]');
    expect(w?.message).toContain('(its CREATE TABLE at db/V4__rebuild.sql:3 has no such column and no script adds it)');
  });

  it('reports only the definition in effect, and no object a later script drops', () => {
    const v1 = proc('procs/a.sql', 'CREATE PROCEDURE dbo.usp_List AS SELECT [List Price] FROM dbo.[Price List];');
    const v2 = proc('upgrade/b.sql', 'ALTER PROCEDURE dbo.usp_List AS SELECT [Base Price], [Old Price] FROM dbo.[Price List];');
    expect(columnWarnings([...UPGRADES, v1, v2]).map(at)).toEqual(['upgrade/b.sql:1:54']);
    const retired: SourceText = { file: 'upgrade/c.sql', text: 'DROP PROCEDURE dbo.usp_List;\nGO\n' };
    const other = proc('procs/z.sql', `CREATE PROCEDURE dbo.usp_Promo AS ${CONTROL}`);
    expect(controlOnly(columnWarnings([...UPGRADES, v1, v2, retired, other]))).toEqual(['1:procedure dbo.usp_Promo names [Promo Pct] of dbo.Promo']);
    // top-level code of an upgrade script runs before the later ones: not checked against the end
    expect(controlOnly(columnWarnings([TABLE, { file: 'db/V2a__fill.sql', text: 'UPDATE dbo.[Price List] SET [Old Price] = [List Price];\nGO\n' }, DROP_OLD, RENAME, PROMO, other]))).toEqual(['1:procedure dbo.usp_Promo names [Promo Pct] of dbo.Promo']);
  });
});

describe('BATCH_REPEATED', () => {
  it('names a GO n at its line: the data flow shows one run of a batch SQL Server runs n times', () => {
    const r = analyzeSources([{ file: 'seed/load queue.sql', text: 'INSERT INTO dbo.[Work Queue] ([State]) VALUES (\'new\');\nGO 25\nPRINT \'done\'\nGO\n' }]);
    const w = r.diagnostics.filter((d) => d.code === 'BATCH_REPEATED');
    expect(w.map(at)).toEqual(['seed/load queue.sql:2:1']);
    expect(w[0]?.severity).toBe('warning');
    expect(w[0]?.message).toContain('GO 25 runs the batch at line 1 25 times');
    expect(w[0]?.message).toContain('analyze reads it once');
    expect(analyzeSources([{ file: 'x.sql', text: 'PRINT 1\nGO\nPRINT 2\nGO 1\n' }]).diagnostics.filter((d) => d.code === 'BATCH_REPEATED')).toEqual([]);
  });
});
