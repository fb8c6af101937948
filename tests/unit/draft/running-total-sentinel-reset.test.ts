import { draftOf } from './draft-harness';
import { draftAgainstEmulator } from './emulator-parity';

// The usual GL cross-check of a running balance: `@prevAcct` starts at '' and the reset test is
// `IF @acct <> @prevAcct BEGIN SET @bal = 0; SET @prevAcct = @acct END`, without the
// `OR @prevAcct IS NULL` the draft knew. It was refused; it is a partitioned window sum as long
// as no account is NULL or equal to '' (the draft stops on such a row, as it cannot reset there).
const DDL = `CREATE TABLE dbo.Posting ([Entry No] int NOT NULL, [Account No] varchar(10) NULL, [Amount] decimal(19,4) NOT NULL);
CREATE TABLE dbo.Bal ([Entry No] int NOT NULL, [Account No] varchar(10) NULL, [Balance] decimal(19,4) NOT NULL);`;
const postings = (rows: [number, string | null, string][]) => ({
  name: 'dbo.Posting', columns: ['Entry No:int', 'Account No:text?', 'Amount:decimal(19,4)'], rows,
  csv: `Entry No,Account No,Amount\n${rows.map((r) => r.map((v) => v ?? '').join(',')).join('\n')}\n`,
});
const OUT = { name: 'dbo.Bal', columns: ['Entry No:int', 'Account No:text?', 'Balance:decimal(19,4)'] };
const proc = (reset: string, start = "SET @prevAcct = '';\n  SET @bal = 0;"): string => `CREATE PROCEDURE dbo.usp_T AS
BEGIN
  DECLARE @acct varchar(10), @prevAcct varchar(10), @entry int, @amt decimal(19,4), @bal decimal(19,4);
  ${start}
  DECLARE cur CURSOR LOCAL FAST_FORWARD FOR
    SELECT [Account No], [Entry No], [Amount] FROM dbo.Posting ORDER BY [Account No], [Entry No];
  OPEN cur;
  FETCH NEXT FROM cur INTO @acct, @entry, @amt;
  WHILE @@FETCH_STATUS = 0
  BEGIN
    ${reset}
    SET @bal = @bal + @amt;
    INSERT INTO dbo.Bal ([Entry No], [Account No], [Balance]) VALUES (@entry, @acct, @bal);
    FETCH NEXT FROM cur INTO @acct, @entry, @amt;
  END
  CLOSE cur;
  DEALLOCATE cur;
END`;
const INSIDE = 'IF @acct <> @prevAcct\n    BEGIN\n      SET @bal = 0;\n      SET @prevAcct = @acct;\n    END';
const DATA = postings([[1, '1010', '500.0000'], [2, '1010', '-123.4500'], [3, '4000', '-500.0000'], [4, 'a1', '10.0050'], [5, 'A1 ', '-0.0050']]);

describe('a running total reset by `@key <> @prevKey` from a constant start', () => {
  it.each([
    ['the previous key set inside the reset', INSIDE],
    ['the previous key set after the reset', 'IF @acct <> @prevAcct SET @bal = 0;\n    SET @prevAcct = @acct;'],
    ['the test written the other way round', 'IF @prevAcct <> @acct SET @bal = 0;\n    SET @prevAcct = @acct;'],
  ])('drafts %s as the emulator runs it (accounts equal by the collation are one partition)', async (_name, reset) => {
    const r = await draftAgainstEmulator({ ddl: DDL, procedure: proc(reset), inputs: [DATA], output: OUT });
    expect(r.emulator).toEqual(['1|1010|500.0000', '2|1010|376.5500', '3|4000|-500.0000', '4|a1|10.0050', '5|A1 |10.0000']);
    expect(r.draftError).toBeUndefined();
    expect(r.draft).toEqual(r.emulator);
  });

  it('stops on an account equal to the start value, which the legacy loop does not reset on', async () => {
    const r = await draftAgainstEmulator({ ddl: DDL, procedure: proc(INSIDE, "SET @prevAcct = '';\n  SET @bal = 7;"), inputs: [postings([[1, '"  "', '1.0000'], [2, '1010', '2.0000']])], output: OUT });
    // '  ' = '' to SQL Server: no reset on the first row, so 7 + 1
    expect(r.emulator).toEqual(['1|  |8.0000', '2|1010|2.0000']);
    expect(r.draftError).toMatch(/cursor cur: @acct equals @prevAcct's value before the loop/);
  });

  it('refuses the test alone when the previous key starts NULL (the first row never resets)', () => {
    const body = draftOf(proc(INSIDE, 'SET @bal = 0;'), { ddl: DDL, inputs: [DATA], output: OUT });
    expect(body.sql).toBeUndefined();
    expect(body.refusals.map((x) => `${x.line}:${x.col} ${x.reason}`).join('\n')).toMatch(/^11:5 .*@prevAcct must be set to a constant of @acct's kind before the loop/m);
  });
});
