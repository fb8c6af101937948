import { collectTableDefinitions, referencedTables } from '../../../../src/legacy/emulator/tables/table-definitions';
import { parseScript } from '../../../../src/tsql';
import type { LoadedProcedure } from '../../../../src/legacy/emulator/state';

const scripts = [
  parseScript(`ALTER TABLE dbo.Customer ADD Email nvarchar(100) NULL;
GO
ALTER TABLE [dbo].[Customer] DROP COLUMN Legacy;
GO
ALTER TABLE dbo.Customer ALTER COLUMN Name nvarchar(200) NOT NULL;
GO`, { file: 'upgrade.sql' }),
  parseScript(`CREATE TABLE dbo.Customer (Id int NOT NULL PRIMARY KEY, Name nvarchar(50) NULL, Legacy int NULL);
GO
CREATE TABLE dbo.Dept (DeptID int NOT NULL PRIMARY KEY, ValidFrom datetime2 GENERATED ALWAYS AS ROW START NOT NULL,
  ValidTo datetime2 GENERATED ALWAYS AS ROW END NOT NULL, PERIOD FOR SYSTEM_TIME (ValidFrom, ValidTo))
WITH (SYSTEM_VERSIONING = ON (HISTORY_TABLE = dbo.DeptHistory));
GO
CREATE TABLE dbo.DeptHistory (DeptID int NOT NULL, ValidFrom datetime2 NOT NULL, ValidTo datetime2 NOT NULL);
GO`, { file: 'tables.sql' }),
];

describe('collectTableDefinitions', () => {
  const defs = collectTableDefinitions(scripts);

  it('applies ALTER TABLE from any script to the CREATE TABLE of another', () => {
    const customer = defs.get('dbo.customer');
    expect(customer?.definition.columns.map((c) => c.name.name)).toEqual(['Id', 'Name', 'Email']);
    expect(customer?.definition.columns[1]?.dataType?.args).toEqual(['200']);
  });

  it('renames a column as EXEC sp_rename … \'COLUMN\' does, in script order with the ALTERs, its key included', () => {
    const defs2 = collectTableDefinitions([
      parseScript(`CREATE TABLE [Inventory].[Daily Level] ([Date] date NOT NULL, Level int NOT NULL, CONSTRAINT PK_DL PRIMARY KEY ([Date]));
GO
ALTER TABLE [Inventory].[Daily Level] ADD Note varchar(10) NULL;
GO
EXEC sp_rename 'Inventory.[Daily Level].Level', 'Stock Level', 'COLUMN';
GO
EXEC sys.sp_rename @objname = N'[Inventory].[Daily Level].[Date]', @newname = N'Day', @objtype = N'column';
GO
EXEC sp_rename 'Inventory.[Daily Level]', 'Levels';
GO`, { file: 'V001.sql' }),
    ]);
    // the last rename is the table's own: it is known by its new name, in its schema
    expect(defs2.has('inventory.daily level')).toBe(false);
    const level = defs2.get('inventory.levels')?.definition;
    expect(level?.columns.map((c) => c.name.name)).toEqual(['Day', 'Stock Level', 'Note']);
    expect(level?.constraints.find((k) => k.type === 'PRIMARY KEY')?.columns.map((c) => c.name)).toEqual(['Day']);
  });

  it('reads the period columns and the history table of a system-versioned table', () => {
    expect(defs.get('dbo.dept')?.temporal).toEqual({ start: 'ValidFrom', end: 'ValidTo', history: 'dbo.depthistory', historyParts: ['dbo', 'DeptHistory'], hidden: [] });
    expect(defs.get('dbo.depthistory')?.temporal).toBeUndefined();
  });

  it('reads which period columns are HIDDEN (left out of SELECT * and INSERT without a column list)', () => {
    const hidden = collectTableDefinitions([parseScript(`CREATE TABLE dbo.Loc ([Valid From] datetime2(2) NOT NULL GENERATED ALWAYS AS ROW START HIDDEN, LocID int NOT NULL PRIMARY KEY,
  ValidTo datetime2 (2) GENERATED ALWAYS AS ROW END HIDDEN NOT NULL, Other int NULL, PERIOD FOR SYSTEM_TIME ([Valid From], ValidTo))
WITH (SYSTEM_VERSIONING = ON (HISTORY_TABLE = dbo.LocHistory));`, { file: 'loc.sql' })]);
    expect(hidden.get('dbo.loc')?.temporal?.hidden).toEqual(['Valid From', 'ValidTo']);
  });
});

describe('referencedTables', () => {
  it('lists the permanent tables of a procedure and of the procedures it calls', () => {
    const script = parseScript(`CREATE PROCEDURE dbo.a AS BEGIN SELECT * FROM dbo.X; EXEC dbo.b; CREATE TABLE #t (i int); SELECT * FROM #t; END
GO
CREATE PROCEDURE dbo.b AS BEGIN UPDATE y SET i = 1 FROM [Sales].[Y] y; EXEC dbo.a; END
GO`, { file: 'p.sql' });
    const procedures = new Map<string, LoadedProcedure>();
    for (const b of script.batches) for (const s of b.statements) if (s.kind === 'CreateProcedure') procedures.set(`dbo.${s.name.parts[1]?.name}`, { procedure: s, script });
    expect([...referencedTables(procedures, 'dbo.a')].sort()).toEqual(['dbo.x', 'dbo.y', 'sales.y']);
  });
});
