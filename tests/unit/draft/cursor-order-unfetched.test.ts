import { draftOf } from './draft-harness';
import { draftAgainstEmulator } from './emulator-parity';

// The GL cross-check cursor rarely fetches the columns it is ordered by: it wants the account and
// the amount, in posting order within the account. The draft carries [Posting Date] and
// [Entry No] as hidden columns of the cursor's rows, so the windows order as the cursor does.
const DDL = `CREATE TABLE dbo.Entry ([Entry No] int NOT NULL PRIMARY KEY, [Account No] varchar(10) NOT NULL, [Posting Date] date NOT NULL, [Amount] decimal(19,4) NOT NULL);
CREATE TABLE dbo.BalCheck ([Account No] varchar(10) NOT NULL, [Balance] decimal(19,4) NOT NULL, [Prev Amount] decimal(19,4) NULL);`;
const ENTRY = ['Entry No:int', 'Account No:text', 'Posting Date:date', 'Amount:decimal(19,4)'];
const OUT = { name: 'dbo.BalCheck', columns: ['Account No:text', 'Balance:decimal(19,4)', 'Prev Amount:decimal(19,4)?'] };
const proc = (order: string): string => `CREATE PROCEDURE dbo.usp_T AS
BEGIN
  SET NOCOUNT ON;
  DECLARE @acct varchar(10), @prevAcct varchar(10), @amt decimal(19,4), @bal decimal(19,4), @lastAmt decimal(19,4);
  SET @prevAcct = '';
  SET @bal = 0;
  DECLARE c CURSOR LOCAL FAST_FORWARD FOR
    SELECT [Account No], Amount FROM dbo.Entry ${order};
  OPEN c;
  FETCH NEXT FROM c INTO @acct, @amt;
  WHILE @@FETCH_STATUS = 0
  BEGIN
    IF @acct <> @prevAcct
    BEGIN
      SET @bal = 0;
      SET @prevAcct = @acct;
    END
    SET @bal = @bal + @amt;
    INSERT INTO dbo.BalCheck ([Account No], [Balance], [Prev Amount]) VALUES (@acct, @bal, @lastAmt);
    SET @lastAmt = @amt;
    FETCH NEXT FROM c INTO @acct, @amt;
  END
  CLOSE c;
  DEALLOCATE c;
END`;
// Entry numbers run against the posting dates, so ordering by the wrong column changes every balance.
const rows: [number, string, string, string][] = [
  [3, '1010', '2024-01-05', '100.0000'], [1, '1010', '2024-01-20', '50.0000'], [2, '1010', '2024-01-10', '-30.0000'],
  [5, '2000', '2024-01-02', '7.5000'], [4, '2000', '2024-01-02', '2.5000'],
];
const DATA = { name: 'dbo.Entry', columns: ENTRY, rows, csv: `Entry No,Account No,Posting Date,Amount\n${rows.map((r) => r.join(',')).join('\n')}\n` };

describe('a running-value cursor ordered by columns it does not fetch', () => {
  it('orders the windows by the hidden [Posting Date] and [Entry No], as the emulator runs the cursor', async () => {
    const r = await draftAgainstEmulator({ ddl: DDL, procedure: proc('ORDER BY [Account No], [Posting Date], [Entry No]'), inputs: [DATA], output: OUT });
    expect(r.emulator).toEqual(['1010|100.0000|NULL', '1010|120.0000|-30.0000', '1010|70.0000|100.0000', '2000|10.0000|2.5000', '2000|2.5000|50.0000']);
    expect(r.draftError).toBeUndefined();
    expect(r.draft).toEqual(r.emulator);
  });

  it('orders by a select-list position (ORDER BY 1) and a hidden column descending', async () => {
    const r = await draftAgainstEmulator({ ddl: DDL, procedure: proc('ORDER BY 1, [Entry No] DESC'), inputs: [DATA], output: OUT });
    expect(r.draftError).toBeUndefined();
    expect(r.draft).toEqual(r.emulator);
  });

  it('stops when the hidden order has ties, since the legacy balances then depend on read order', async () => {
    const r = await draftAgainstEmulator({ ddl: DDL, procedure: proc('ORDER BY [Account No], [Posting Date]'), inputs: [DATA], output: OUT });
    expect(r.draftError).toMatch(/cursor c: two rows tie on its ORDER BY/);
  });

  it('carries an ORDER BY expression over columns it does not fetch (month of posting, then entry)', async () => {
    const r = await draftAgainstEmulator({ ddl: DDL, procedure: proc('ORDER BY [Account No], MONTH([Posting Date]) DESC, [Entry No]'), inputs: [DATA], output: OUT });
    // all in January: the entry number decides, 1 (50), 2 (-30), 3 (100), then 4 and 5
    expect(r.emulator).toEqual(['1010|120.0000|-30.0000', '1010|20.0000|50.0000', '1010|50.0000|NULL', '2000|10.0000|2.5000', '2000|2.5000|100.0000']);
    expect(r.draftError).toBeUndefined();
    expect(r.draft).toEqual(r.emulator);
  });

  it('refuses an order drawn per row (NEWID()), at the ORDER BY item', () => {
    const body = draftOf(proc('ORDER BY [Account No], NEWID()'), { ddl: DDL, inputs: [DATA], output: OUT });
    expect(body.sql).toBeUndefined();
    expect(body.refusals.map((x) => `${x.line}:${x.col} ${x.reason}`).join('\n')).toMatch(/^8:71 ORDER BY NEWID\(\): a value drawn per row/m);
  });
});
