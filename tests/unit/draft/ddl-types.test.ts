import { collectDdlTypes } from '../../../src/draft';
import { parseScript } from '../../../src/tsql';

// A migrations folder: V001 creates the table, V002 adds a column (with its DEFAULT), drops one
// and widens another, V003 renames one. The draft types the INSERT's columns by what the table
// is after all of them, as the sections' catalog and the emulator do.
describe('collectDdlTypes over upgrade scripts', () => {
  const scripts = [
    ['V001__create.sql', 'CREATE TABLE Inventory.[Stock On Hand] ([Stock Item ID] int NOT NULL PRIMARY KEY, [On Hand] smallint NOT NULL, Legacy int NULL, Level int NULL);\nGO\n'],
    ['V002__alter.sql', "ALTER TABLE Inventory.[Stock On Hand] ADD [Last Movement] date NULL, Source varchar(10) NOT NULL CONSTRAINT DF_Src DEFAULT ('etl');\nGO\nALTER TABLE Inventory.[Stock On Hand] DROP COLUMN Legacy;\nGO\nALTER TABLE Inventory.[Stock On Hand] ALTER COLUMN [On Hand] int NOT NULL;\nGO\n"],
    ['V003__rename.sql', "EXEC sp_rename 'Inventory.Stock On Hand.Level', 'Stock Level', 'COLUMN';\nGO\n"],
  ].map(([file, text]) => parseScript(text as string, { file: file as string }));

  it('has the columns every script leaves, with their types and defaults', () => {
    const cols = collectDdlTypes(scripts).get('inventory.stock on hand');
    expect([...(cols?.values() ?? [])].map((c) => [c.name, c.type, c.default !== undefined])).toEqual([
      ['Stock Item ID', { family: 'int', name: 'int' }, false], ['On Hand', { family: 'int', name: 'int' }, false], ['Stock Level', { family: 'int', name: 'int' }, false],
      ['Last Movement', { family: 'date' }, false], ['Source', { family: 'string', unicode: false, length: 10 }, true],
    ]);
  });

  it('keys a table a later script renames (sp_rename without @objtype) by its new name', () => {
    const renamed = [...scripts, parseScript("EXEC sp_rename N'Inventory.[Stock On Hand]', N'Stock';\nGO\nEXEC sp_rename 'Inventory.Stock.Source', 'Origin', 'COLUMN';\nGO\n", { file: 'V004__rename.sql' })];
    const types = collectDdlTypes(renamed);
    expect(types.has('inventory.stock on hand')).toBe(false);
    expect([...(types.get('inventory.stock')?.keys() ?? [])]).toEqual(['stock item id', 'on hand', 'stock level', 'last movement', 'origin']);
  });
});
