import { EngineSession } from '../../../src/engine';
import { draftOf, runDraft, type HarnessTable } from './draft-harness';

// A batch summary UPDATE that writes a status its table's CHECK constraint forbids ('REJECTED'
// is not in the list): SQL Server fails the statement with 547 and changes no row, and the
// procedure then tests @@ERROR. The draft used to write 'REJECTED' anyway, a row the legacy table
// can never hold, passing every scenario that did not meet the case (errors probe,
// Ledger.[usp_Post Journal Batch]). It now stops there, located at the statement and the constraint.
const DDL = `CREATE TABLE Ledger.[Journal Batch] (
    [Batch No] int NOT NULL PRIMARY KEY,
    [Posted Count] int NULL,
    Status varchar(10) NOT NULL,
    CONSTRAINT CK_JournalBatch_Status CHECK (Status IN ('OPEN', 'POSTED', 'PARTIAL'))
);
GO
CREATE TABLE dbo.Stock (Sku varchar(10) NOT NULL PRIMARY KEY, Qty int NOT NULL CHECK (Qty >= 0), Note varchar(20) NULL);
`;
const proc = (body: string): string => `CREATE PROCEDURE dbo.usp_T @BatchNo int, @Posted int\nAS\nBEGIN\n${body}\nEND`;
const BATCH: HarnessTable = { name: 'Ledger.[Journal Batch]', columns: ['Batch No:int', 'Posted Count:int?', 'Status:text'], rows: [[1, null, 'OPEN'], [3, null, 'OPEN']] };
const SUMMARY = `UPDATE Ledger.[Journal Batch]
SET [Posted Count] = @Posted, Status = CASE WHEN @Posted > 0 THEN 'POSTED' ELSE 'REJECTED' END
WHERE [Batch No] = @BatchNo;`;
const STOCK: HarnessTable = { name: 'dbo.Stock', columns: ['Sku:text', 'Qty:int'], rows: [['A', 5], ['B', 0]] };

let session: EngineSession;
beforeAll(async () => { session = await EngineSession.open({ threads: 1 }); });
afterAll(() => session.close());

describe('drafts check the CHECK constraints of the tables they write', () => {
  it('an UPDATE whose rows keep the constraint runs as before', async () => {
    const body = draftOf(proc(SUMMARY), { ddl: DDL, inputs: [BATCH], output: BATCH, params: { '@BatchNo': 'int?', '@Posted': 'int?' } });
    expect(body.refusals).toEqual([]);
    expect(await runDraft(session, body, [BATCH], { '@BatchNo': '1', '@Posted': '4' })).toEqual(['1|4|POSTED', '3|NULL|OPEN']);
  });

  it('an UPDATE writing a value the constraint forbids stops, naming the statement and the constraint', async () => {
    const body = draftOf(proc(SUMMARY), { ddl: DDL, inputs: [BATCH], output: BATCH, params: { '@BatchNo': 'int?', '@Posted': 'int?' } });
    await expect(runDraft(session, body, [BATCH], { '@BatchNo': '3', '@Posted': '0' }))
      .rejects.toThrow(/proc\.sql:4:1: a row of Ledger\.\[Journal Batch\] breaks the CHECK constraint CK_JournalBatch_Status \(ddl\.sql:5:5\): SQL Server fails the statement with 547 and changes no row/);
  });

  it.each<[string, string]>([
    ['a column-level CHECK, by an INSERT', "INSERT INTO dbo.Stock (Sku, Qty) VALUES ('C', -1);"],
    ['a column-level CHECK, by an UPDATE', 'UPDATE dbo.Stock SET Qty = Qty - 1;'],
    ['a column-level CHECK, by a MERGE', "MERGE dbo.Stock AS t USING (SELECT 'B' AS Sku) s ON t.Sku = s.Sku WHEN MATCHED THEN UPDATE SET Qty = -3;"],
  ])('%s stops where it breaks it', async (_what, body) => {
    const draft = draftOf(proc(body), { ddl: DDL, inputs: [STOCK], output: STOCK });
    expect(draft.refusals).toEqual([]);
    await expect(runDraft(session, draft, [STOCK])).rejects.toThrow(/proc\.sql:4:1: a row of dbo\.Stock breaks a CHECK constraint \(ddl\.sql:8:80\)/);
  });

  it('NULL passes a CHECK, as in SQL Server', async () => {
    const nullable = `CREATE TABLE dbo.Stock (Sku varchar(10) NOT NULL PRIMARY KEY, Qty int NULL CHECK (Qty >= 0));`;
    const stock: HarnessTable = { name: 'dbo.Stock', columns: ['Sku:text', 'Qty:int?'], rows: [['A', 5]] };
    const draft = draftOf(proc("UPDATE dbo.Stock SET Qty = NULL WHERE Sku = 'A';"), { ddl: nullable, inputs: [stock], output: stock });
    expect(await runDraft(session, draft, [stock])).toEqual(['A|NULL']);
  });

  it('a CHECK naming a column the section does not carry is left to a note', () => {
    const ddl = `CREATE TABLE dbo.Stock (Sku varchar(10) NOT NULL PRIMARY KEY, Qty int NOT NULL, Reorder int NULL, CHECK (Reorder >= 0));`;
    const draft = draftOf(proc('UPDATE dbo.Stock SET Qty = Qty + 1;'), { ddl, inputs: [STOCK], output: STOCK });
    expect(draft.refusals).toEqual([]);
    expect(draft.notes.join('\n')).toMatch(/ddl\.sql:1:99: a CHECK constraint of dbo\.Stock reads \[Reorder\], which the section does not carry/);
  });

  // an upgrade script (another file in a real project) adds, drops or disables constraints of a
  // table created elsewhere: what SQL Server checks is the table's constraints after all of them
  const BASE = 'CREATE TABLE dbo.Stock (Sku varchar(10) NOT NULL PRIMARY KEY, Qty int NOT NULL, Note varchar(20) NULL);';
  const NEGATIVE = 'UPDATE dbo.Stock SET Qty = Qty - 1;';
  it.each<[string, string, boolean]>([
    ['an ALTER TABLE … ADD CONSTRAINT … CHECK in a later script is checked', `${BASE}\nGO\nALTER TABLE dbo.Stock WITH NOCHECK ADD CONSTRAINT CK_Stock_Qty CHECK (Qty >= 0);`, true],
    ['an ALTER TABLE … ADD CHECK before the CREATE (the upgrade file sorts first) is checked', `ALTER TABLE dbo.Stock ADD CHECK (Qty >= 0);\nGO\n${BASE}`, true],
    ['a constraint dropped by ALTER TABLE … DROP CONSTRAINT is not', `${BASE.replace('Qty int NOT NULL', 'Qty int NOT NULL CONSTRAINT CK_Qty CHECK (Qty >= 0)')}\nGO\nALTER TABLE dbo.Stock DROP CONSTRAINT CK_Qty;`, false],
    ['a constraint disabled by NOCHECK CONSTRAINT is not', `${BASE.replace('Qty int NOT NULL', 'Qty int NOT NULL CONSTRAINT CK_Qty CHECK (Qty >= 0)')}\nGO\nALTER TABLE dbo.Stock NOCHECK CONSTRAINT [CK_Qty];`, false],
    ['NOCHECK CONSTRAINT ALL then CHECK CONSTRAINT ALL checks it again', `${BASE.replace('Qty int NOT NULL', 'Qty int NOT NULL CONSTRAINT CK_Qty CHECK (Qty >= 0)')}\nGO\nALTER TABLE dbo.Stock NOCHECK CONSTRAINT ALL;\nGO\nALTER TABLE dbo.Stock CHECK CONSTRAINT ALL;`, true],
  ])('%s', async (_what, ddl, stops) => {
    const draft = draftOf(proc(NEGATIVE), { ddl, inputs: [STOCK], output: STOCK });
    expect(draft.refusals).toEqual([]);
    const run = runDraft(session, draft, [STOCK]);
    if (stops) await expect(run).rejects.toThrow(/a row of dbo\.Stock breaks (a|the) CHECK constraint/);
    else expect(await run).toEqual(['A|4', 'B|-1']);
  });
});
