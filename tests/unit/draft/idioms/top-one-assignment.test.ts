import { draftAgainstEmulator, type ParityCase } from '../emulator-parity';

/*
 * `SELECT TOP 1 @Big = LineSeq … ORDER BY NetAmount DESC, LineSeq` in a cursor over
 * invoices (the penny difference between invoice and line rounding goes to the largest line):
 * SQL Server assigns the first row in that order, which the ORDER BY decides when its last
 * column makes the rows of one invoice unique. Idiom (f) drafts it as a TOP 1 … ORDER BY
 * subquery, which stops where rows differing in what they assign tie for the first place, as
 * the emulator lists such an assignment as SQL Server's choice.
 */

const DDL = `CREATE TABLE dbo.TaxLine (InvoiceNo int NOT NULL, LineSeq int NOT NULL, NetAmount decimal(19,4) NOT NULL,
  LineVat decimal(19,2) NOT NULL, CONSTRAINT PK_TaxLine PRIMARY KEY (InvoiceNo, LineSeq));
CREATE TABLE dbo.InvoiceDiff (InvoiceNo int NOT NULL PRIMARY KEY, Diff decimal(19,2) NOT NULL);
CREATE TABLE dbo.PennyAdjustment (InvoiceNo int NOT NULL, LineSeq int NULL, Diff decimal(19,2) NOT NULL);
GO`;

const procedure = (orderBy: string): string => `CREATE PROCEDURE dbo.usp_T AS
BEGIN
  SET NOCOUNT ON
  DECLARE @InvNo int, @Diff decimal(19,2), @BigLine int

  DECLARE cur_inv CURSOR LOCAL FAST_FORWARD FOR
      SELECT InvoiceNo, Diff FROM dbo.InvoiceDiff ORDER BY InvoiceNo
  OPEN cur_inv
  FETCH NEXT FROM cur_inv INTO @InvNo, @Diff
  WHILE @@FETCH_STATUS = 0
  BEGIN
      SET @BigLine = NULL
      SELECT TOP 1 @BigLine = LineSeq
      FROM dbo.TaxLine
      WHERE InvoiceNo = @InvNo
      ORDER BY ${orderBy}

      INSERT INTO dbo.PennyAdjustment (InvoiceNo, LineSeq, Diff) VALUES (@InvNo, @BigLine, @Diff)
      FETCH NEXT FROM cur_inv INTO @InvNo, @Diff
  END
  CLOSE cur_inv
  DEALLOCATE cur_inv
END`;

// invoice 1: lines 2 and 3 share the largest net; 2: one largest line; 3: no lines at all
const LINES = {
  name: 'dbo.TaxLine', columns: ['InvoiceNo:int', 'LineSeq:int', 'NetAmount:decimal(19,4)', 'LineVat:decimal(19,2)'],
  csv: 'InvoiceNo,LineSeq,NetAmount,LineVat\n1,1,5.0225,1.00\n1,2,20.0225,4.00\n1,3,20.0225,4.00\n2,1,-86.4150,-17.28\n2,2,491.4000,98.28\n',
};
const DIFFS = { name: 'dbo.InvoiceDiff', columns: ['InvoiceNo:int', 'Diff:decimal(19,2)'], csv: 'InvoiceNo,Diff\n1,0.01\n2,-0.01\n3,0.02\n' };
const ADJUSTMENTS = { name: 'dbo.PennyAdjustment', columns: ['InvoiceNo:int', 'LineSeq:int?', 'Diff:decimal(19,2)'], csv: 'InvoiceNo,LineSeq,Diff\n' };
const parity = (orderBy: string): ParityCase => ({ ddl: DDL, procedure: procedure(orderBy), inputs: [LINES, DIFFS, ADJUSTMENTS], output: { name: 'dbo.PennyAdjustment', columns: ADJUSTMENTS.columns } });

describe('SELECT TOP 1 @v = … ORDER BY in a cursor loop (idiom (f))', () => {
  it('drafts the largest line of each invoice when the ORDER BY ends in the rest of the primary key, as the emulator runs it', async () => {
    const r = await draftAgainstEmulator(parity('NetAmount DESC, LineSeq'));
    expect(r.draftError).toBeUndefined();
    expect(r.draft).toEqual(r.emulator);
    // invoice 1: of the two lines of 20.0225 the lower LineSeq; invoice 3 has no line: NULL, as SET left it
    expect(r.draft).toEqual(['1|2|0.01', '2|2|-0.01', '3|NULL|0.02']);
  });

  it('stops the draft where the ORDER BY leaves a real tie (two lines of the same largest net), never picking one', async () => {
    const r = await draftAgainstEmulator(parity('NetAmount DESC'));
    expect(r.draft).toBeUndefined();
    expect(r.draftError).toMatch(/proc\.sql:13:14: TOP … ORDER BY: rows tie on the ORDER BY across the last row kept/);
  });
});
