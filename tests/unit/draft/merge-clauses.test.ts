import { draftOf } from './draft-harness';
import { draftAgainstEmulator } from './emulator-parity';

/*
 * MERGE with several WHEN MATCHED / NOT MATCHED BY SOURCE clauses (the first whose AND condition
 * holds acts), NOT MATCHED BY SOURCE THEN UPDATE, and OUTPUT $action, inserted.*, deleted.* INTO
 * a log table: drafted as one classification of the target's and the source's rows, and run
 * against the T-SQL emulator on the same rows. Before, each of these refused the section.
 */
const DDL = `CREATE TABLE dbo.Product (Sku varchar(10) NOT NULL PRIMARY KEY, Price decimal(10,2) NOT NULL, Active int NOT NULL);
CREATE TABLE dbo.StagedProduct (Sku varchar(10) NOT NULL, Price decimal(10,2) NOT NULL, Discontinued int NOT NULL);
CREATE TABLE dbo.ProductOut (Sku varchar(10) NOT NULL, Price decimal(10,2) NOT NULL, Active int NOT NULL);
CREATE TABLE dbo.ProductChange (ChangeType nvarchar(10) NOT NULL, NewSku varchar(10) NULL, OldSku varchar(10) NULL, OldPrice decimal(10,2) NULL, NewPrice decimal(10,2) NULL);`;
const PRODUCT_COLUMNS = ['Sku:text', 'Price:decimal(10,2)', 'Active:int'];
const product = (rows: string[]) => ({ name: 'dbo.Product', columns: PRODUCT_COLUMNS, csv: `Sku,Price,Active\n${rows.join('\n')}\n` });
const staged = (rows: string[]) => ({ name: 'dbo.StagedProduct', columns: ['Sku:text', 'Price:decimal(10,2)', 'Discontinued:int'], csv: `Sku,Price,Discontinued\n${rows.join('\n')}\n` });
const CHANGE = { name: 'dbo.ProductChange', columns: ['ChangeType:text', 'NewSku:text?', 'OldSku:text?', 'OldPrice:decimal(10,2)?', 'NewPrice:decimal(10,2)?'] };
const PRODUCTS = product(['A1,10.00,1', 'B2,20.00,1', 'C3,30.00,1', 'D4,40.00,0', 'E5,5.00,1']);
const STAGED = staged(['A1,10.00,0', 'B2,25.00,0', 'C3,30.00,1', 'F6,60.00,0']);

const proc = (merge: string): string => `CREATE PROCEDURE dbo.usp_T AS
BEGIN
  SET NOCOUNT ON;
  CREATE TABLE #Product (Sku varchar(10) NOT NULL, Price decimal(10,2) NOT NULL, Active int NOT NULL);
  INSERT INTO #Product (Sku, Price, Active) SELECT Sku, Price, Active FROM dbo.Product;
  ${merge.replace(/dbo\.Product AS p/g, '#Product AS p')}
  INSERT INTO dbo.ProductOut (Sku, Price, Active) SELECT Sku, Price, Active FROM #Product;
END`;
// (the parity harness runs the draft on the emulator's tables after the procedure ran: the MERGE
// changes a #temp copy of dbo.Product, as a what-if procedure does, and dbo.ProductOut shows it)

const SYNC = `MERGE dbo.Product AS p
  USING dbo.StagedProduct AS s ON p.Sku = s.Sku
  WHEN MATCHED AND s.Discontinued = 1 THEN DELETE
  WHEN MATCHED AND p.Price <> s.Price THEN UPDATE SET p.Price = s.Price
  WHEN NOT MATCHED BY TARGET THEN INSERT (Sku, Price, Active) VALUES (s.Sku, s.Price, 1)
  WHEN NOT MATCHED BY SOURCE AND p.Active = 1 THEN UPDATE SET p.Active = 0;`;
// The emulator does not return the rows of a BY SOURCE UPDATE to OUTPUT: the logged MERGE deletes them.
const LOGGED = SYNC.replace('UPDATE SET p.Active = 0;', `DELETE
  OUTPUT $action, inserted.Sku, deleted.Sku, deleted.Price, inserted.Price INTO dbo.ProductChange (ChangeType, NewSku, OldSku, OldPrice, NewPrice);`);

/*
 * The emulator gives MERGE's OUTPUT deleted.* only for a target with a PRIMARY KEY (a real table:
 * a #temp one with a varchar key fails inside the emulator), and the parity harness runs the draft
 * on the tables the emulator left: the logging procedure empties and refills a real work table
 * (dbo.ProductWork, loaded empty) from dbo.Product, which neither run changes, and merges that.
 */
const WORK_DDL = 'CREATE TABLE dbo.ProductWork (Sku varchar(10) NOT NULL PRIMARY KEY, Price decimal(10,2) NOT NULL, Active int NOT NULL);';
const WORK = { name: 'dbo.ProductWork', columns: PRODUCT_COLUMNS, csv: 'Sku,Price,Active\n' };
function logged(merge: string, ddl: string, output = CHANGE) {
  const procedure = `CREATE PROCEDURE dbo.usp_T AS
BEGIN
  SET NOCOUNT ON;
  DELETE FROM dbo.ProductWork;
  INSERT INTO dbo.ProductWork (Sku, Price, Active) SELECT Sku, Price, Active FROM dbo.Product;
  ${merge.replace(/dbo\.Product AS p/g, 'dbo.ProductWork AS p')}
END`;
  return draftAgainstEmulator({ ddl: `${ddl}\n${WORK_DDL}`, procedure, inputs: [PRODUCTS, STAGED, WORK], output });
}

describe('MERGE: several WHEN clauses, BY SOURCE updates and OUTPUT INTO, as the emulator runs them', () => {
  it('the merged target: the first matching WHEN clause acts, a row no clause takes stays', async () => {
    const r = await draftAgainstEmulator({ ddl: DDL, procedure: proc(SYNC), inputs: [PRODUCTS, STAGED], output: { name: 'dbo.ProductOut', columns: PRODUCT_COLUMNS } });
    expect(r.emulator).toEqual(['A1|10.00|1', 'B2|25.00|1', 'D4|40.00|0', 'E5|5.00|0', 'F6|60.00|1']);
    expect(r.draftError).toBeUndefined();
    expect(r.draft).toEqual(r.emulator);
  });

  it('the OUTPUT INTO table: one row per action, inserted NULL for a DELETE, deleted NULL for an INSERT', async () => {
    const r = await logged(LOGGED, DDL);
    expect(r.emulator).toEqual(['DELETE|NULL|C3|30.00|NULL', 'DELETE|NULL|E5|5.00|NULL', 'INSERT|F6|NULL|NULL|60.00', 'UPDATE|B2|B2|20.00|25.00']);
    expect(r.draftError).toBeUndefined();
    expect(r.draft).toEqual(r.emulator);
  });

  it('inserted.* and deleted.* expand to the target\'s columns', async () => {
    const merge = `MERGE dbo.Product AS p USING dbo.StagedProduct AS s ON p.Sku = s.Sku
  WHEN MATCHED THEN UPDATE SET Price = s.Price * 2
  WHEN NOT MATCHED BY SOURCE THEN DELETE
  OUTPUT deleted.*, inserted.Price INTO dbo.ProductChange (NewSku, OldPrice, NewPrice, ChangeType);`;
    // ChangeType (nvarchar) takes inserted.Price converted as an INSERT converts it; NewPrice deleted.Active
    const ddl = DDL.replace('ChangeType nvarchar(10) NOT NULL', 'ChangeType nvarchar(20) NULL');
    const r = await logged(merge, ddl, { ...CHANGE, columns: ['ChangeType:text?', ...CHANGE.columns.slice(1)] });
    // (ChangeType|NewSku|OldSku|OldPrice|NewPrice) = (inserted.Price|deleted.Sku|NULL|deleted.Price|deleted.Active)
    expect(r.emulator).toEqual(['20.00|A1|NULL|10.00|1.00', '50.00|B2|NULL|20.00|1.00', '60.00|C3|NULL|30.00|1.00', 'NULL|D4|NULL|40.00|0.00', 'NULL|E5|NULL|5.00|1.00']);
    expect(r.draft).toEqual(r.emulator);
  });

  it('a target row the ON matches with two source rows stops the draft as SQL Server fails (Msg 8672), never picking one', async () => {
    const merge = 'MERGE dbo.Product AS p USING dbo.StagedProduct AS s ON p.Sku = s.Sku WHEN MATCHED THEN UPDATE SET p.Price = s.Price;';
    // (the emulator raises 8672 and refuses to go on after it outside TRY: the draft runs all the same)
    const r = await draftAgainstEmulator({ ddl: DDL, procedure: proc(merge), inputs: [PRODUCTS, staged(['B2,25.00,0', 'B2,26.00,0'])], output: { name: 'dbo.ProductOut', columns: PRODUCT_COLUMNS } }, { keepRefusal: true });
    expect(r.emulatorRefusal).toMatch(/error 8672 \(The MERGE statement attempted to UPDATE or DELETE the same row more than once/);
    expect(r.draft).toBeUndefined();
    expect(r.draftError).toMatch(/more than one source row \(SQL Server fails: Msg 8672\)/);
  });
});

describe('MERGE … OUTPUT forms the draft refuses, located', () => {
  const opts = { ddl: DDL, inputs: [PRODUCTS, STAGED, CHANGE], output: CHANGE };
  it.each<[string, string, number, number, string]>([
    ['OUTPUT without INTO (a result set)', 'MERGE dbo.Product AS p USING dbo.StagedProduct AS s ON p.Sku = s.Sku\n  WHEN MATCHED THEN DELETE\n  OUTPUT $action, deleted.Sku;', 8, 3, 'MERGE … OUTPUT without INTO'],
    ['$action inside an expression', "MERGE dbo.Product AS p USING dbo.StagedProduct AS s ON p.Sku = s.Sku\n  WHEN MATCHED THEN DELETE\n  OUTPUT LEFT($action, 1), deleted.Sku INTO dbo.ProductChange (ChangeType, OldSku);", 8, 15, '$action in an expression'],
    ['OUTPUT src.*', 'MERGE dbo.Product AS p USING dbo.StagedProduct AS s ON p.Sku = s.Sku\n  WHEN MATCHED THEN DELETE\n  OUTPUT s.* INTO dbo.ProductChange (ChangeType, NewSku, OldSku);', 8, 10, 'OUTPUT s.*'],
  ])('%s', (_name, merge, line, col, construct) => {
    // the target's output refuses: the statement that writes it is not translated
    const d = draftOf(proc(merge), { ...opts, output: { name: 'dbo.ProductOut', columns: PRODUCT_COLUMNS } });
    expect(d.sql).toBeUndefined();
    expect(d.refusals[0]).toMatchObject({ file: 'proc.sql', line, col, construct });
  });

  it('the drafted SQL classifies the rows once and reads the OUTPUT rows from that classification', () => {
    const d = draftOf(proc(LOGGED), opts);
    expect(d.refusals).toEqual([]);
    expect(d.sql).toMatch(/_merge AS MATERIALIZED/);
    expect(d.sql).toMatch(/WHERE __draft_m\.__draft_action IS NOT NULL/);
  });
});
