import { collectNotNullColumns } from '../../../src/draft';
import { parseScript } from '../../../src/tsql';
import { draftAgainstEmulator, type ParityCase } from './emulator-parity';

/*
 * A write putting NULL in a NOT NULL column fails in SQL Server (515) and changes no row (the
 * emulator's run below, which then goes on as SQL Server does without a CATCH). The draft wrote
 * the NULL (a LEFT JOIN without a match) and went on; now the drafted query stops there, located.
 */

const DDL = `CREATE TABLE dbo.Sale (Id int NOT NULL, Store varchar(10) NOT NULL);
CREATE TABLE dbo.Store (Store varchar(10) NOT NULL, Region varchar(10) NOT NULL);
CREATE TABLE dbo.[Sale Region] (Id int PRIMARY KEY, Region varchar(10) NOT NULL);
GO`;
const SALE = (csv: string) => ({ name: 'dbo.Sale', columns: ['Id:int', 'Store:text'], csv: `Id,Store\n${csv}` });
const STORE = { name: 'dbo.Store', columns: ['Store:text', 'Region:text'], csv: 'Store,Region\nS1,North\nS2,South\n' };
const OUT = { name: 'dbo.Sale Region', columns: ['Id:int', 'Region:text'], csv: 'Id,Region\n' };
const parity = (sales: string, temp = false): ParityCase => ({
  ddl: DDL,
  procedure: temp
    ? `CREATE PROCEDURE dbo.usp_T AS
BEGIN
  CREATE TABLE #R (Id int NOT NULL, Region varchar(10) NOT NULL);
  INSERT INTO #R (Id, Region) SELECT s.Id, st.Region FROM dbo.Sale s LEFT JOIN dbo.Store st ON st.Store = s.Store;
  INSERT INTO dbo.[Sale Region] (Id, Region) SELECT Id, Region FROM #R;
END`
    : `CREATE PROCEDURE dbo.usp_T AS
BEGIN
  INSERT INTO dbo.[Sale Region] (Id, Region)
  SELECT s.Id, st.Region FROM dbo.Sale s LEFT JOIN dbo.Store st ON st.Store = s.Store;
END`,
  inputs: [SALE(sales), STORE, OUT], output: { name: 'dbo.Sale Region', columns: OUT.columns },
});

describe('NOT NULL columns in drafts', () => {
  it('drafts a write that fills every NOT NULL column, as the emulator runs it', async () => {
    const r = await draftAgainstEmulator(parity('1,S1\n2,s2\n'));
    expect(r.draftError).toBeUndefined();
    expect(r.draft).toEqual(['1|North', '2|South']);
    expect(r.draft).toEqual(r.emulator);
  });

  it.each([[false, 'dbo.Sale Region', '3:3'], [true, '#R', '4:3']])('stops where a write puts NULL in one (a #temp table: %s), as SQL Server fails it', async (temp, table, at) => {
    const r = await draftAgainstEmulator(parity('1,S1\n2,S9\n', temp));
    expect(r.emulator).toEqual([]);
    expect(r.draftError).toContain(`proc.sql:${at}: a row of ${table} holds NULL in Region, a NOT NULL column: SQL Server fails the statement with 515`);
  });

  it('takes NOT NULL from the definition, IDENTITY and PRIMARY KEY, then an upgrade script\'s ALTER COLUMN', () => {
    const ddl = parseScript(`CREATE TABLE dbo.T (A int IDENTITY(1,1), B int NOT NULL, C int NULL, D int, E int, CONSTRAINT PK_T PRIMARY KEY (D));
GO`, { file: 'ddl.sql' });
    const upgrade = parseScript('ALTER TABLE dbo.T ALTER COLUMN B int NULL;\nGO\nALTER TABLE dbo.T ALTER COLUMN E int NOT NULL;\nGO', { file: 'upgrade.sql' });
    expect([...(collectNotNullColumns([ddl]).get('dbo.t')?.values() ?? [])]).toEqual(['A', 'B', 'D']);
    expect([...(collectNotNullColumns([upgrade, ddl]).get('dbo.t')?.values() ?? [])]).toEqual(['A', 'D', 'E']);
  });
});
