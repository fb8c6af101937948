import { draftBody } from '../../../src/draft';
import { parseColumnType, type ColumnType } from '../../../src/engine';
import { draftInputOf, draftOf } from './draft-harness';
import { draftAgainstEmulator } from './emulator-parity';

// Month-end clean-up of reconciliation matches, deleted in small chunks "because log shipping
// hates big deletes". Deleting the rows a fixed condition picks, chunk by chunk until none is
// left, leaves the table as one DELETE does: the draft writes that DELETE, and the loop's row
// counting once over its count.
const DDL = `CREATE TABLE dbo.[Bank Statement Line] ([Line ID] int NOT NULL PRIMARY KEY, [Bank Account] varchar(20) NOT NULL, [Value Date] date NOT NULL);
CREATE TABLE dbo.[Bank Rec Match] ([Match ID] int NOT NULL PRIMARY KEY, [Line ID] int NOT NULL, [Entry No] int NOT NULL);
CREATE TABLE dbo.[Purge Log] ([Deleted] int NULL, [Last Chunk] int NULL);`;
const lineRows: [number, string, string][] = [[1, 'NL01BANK', '2024-01-03'], [2, 'NL01BANK', '2024-01-30'], [3, 'DE02BANK', '2024-01-04'], [4, 'NL01BANK', '2024-02-02']];
const matchRows: [number, number, number][] = [[10, 1, 501], [11, 1, 502], [12, 2, 503], [13, 3, 504], [14, 4, 505], [15, 2, 506], [16, 1, 507]];
const csv = (header: string, rows: readonly (readonly (string | number)[])[]): string => `${header}\n${rows.map((r) => r.join(',')).join('\n')}\n`;
const LINES = { name: 'dbo.Bank Statement Line', columns: ['Line ID:int', 'Bank Account:text', 'Value Date:date'], rows: lineRows, csv: csv('Line ID,Bank Account,Value Date', lineRows) };
const MATCHES = { name: 'dbo.Bank Rec Match', columns: ['Match ID:int', 'Line ID:int', 'Entry No:int'], rows: matchRows, csv: csv('Match ID,Line ID,Entry No', matchRows) };
const MATCH_OUT = { name: 'dbo.Bank Rec Match', columns: ['Match ID:int', 'Line ID:int', 'Entry No:int'] };
const LOG_OUT = { name: 'dbo.Purge Log', columns: ['Deleted:int?', 'Last Chunk:int?'] };
const proc = (body: string): string => `CREATE PROCEDURE dbo.usp_T AS
BEGIN
  SET NOCOUNT ON;
  DECLARE @BankAccount varchar(20) = 'NL01BANK', @AsOfDate date = '20240131', @rows int, @total int;
  SET @total = 0;
${body}
END`;
// matches of NL01BANK lines up to Jan 31: 10, 11, 12, 15, 16 go; 13 (other bank) and 14 (February) stay
const LEFT = ['13|3|504', '14|4|505'];

describe('a chunked DELETE (DELETE TOP (n) until nothing is left)', () => {
  it.each([
    ['WHILE 1 = 1 … IF @@ROWCOUNT = 0 BREAK, over a join', `  WHILE 1 = 1
  BEGIN
    DELETE TOP (2) m
    FROM dbo.[Bank Rec Match] m
    INNER JOIN dbo.[Bank Statement Line] b ON b.[Line ID] = m.[Line ID]
    WHERE b.[Bank Account] = @BankAccount AND b.[Value Date] <= @AsOfDate;
    IF @@ROWCOUNT = 0 BREAK;
  END`],
    ['WHILE @@ROWCOUNT > 0 after an assignment', `  SET @rows = 0;
  WHILE @@ROWCOUNT > 0
    DELETE TOP (2) FROM dbo.[Bank Rec Match]
    WHERE [Line ID] IN (SELECT [Line ID] FROM dbo.[Bank Statement Line] WHERE [Bank Account] = @BankAccount AND [Value Date] <= @AsOfDate);`],
    ['WHILE @rows > 0 with SET @rows = @@ROWCOUNT', `  SET @rows = 1;
  WHILE @rows > 0
  BEGIN
    DELETE TOP (3) m FROM dbo.[Bank Rec Match] AS m
    WHERE EXISTS (SELECT 1 FROM dbo.[Bank Statement Line] b WHERE b.[Line ID] = m.[Line ID] AND b.[Bank Account] = @BankAccount AND b.[Value Date] <= @AsOfDate);
    SET @rows = @@ROWCOUNT;
  END`],
  ])('drafts %s as one DELETE, as the emulator runs it', async (_name, body) => {
    const r = await draftAgainstEmulator({ ddl: DDL, procedure: proc(body), inputs: [LINES, MATCHES], output: MATCH_OUT });
    expect(r.emulator).toEqual(LEFT);
    expect(r.draftError).toBeUndefined();
    expect(r.draft).toEqual(r.emulator);
    expect(draftOf(proc(body), { ddl: DDL, inputs: [LINES, MATCHES], output: MATCH_OUT }).idioms.join()).toMatch(/\(h\) DELETE TOP \(n\) repeated/);
  });

  it.each([
    ['a pass deleting nothing', 'IF @rows = 0 BREAK;', ['5|0']],
    ['a short chunk (fewer than the 2 asked for)', 'IF @rows < 2 BREAK;', ['5|1']],
  ])('adds up the chunks\' counts, and leaves the last count, when the loop stops on %s', async (_name, stop, expected) => {
    const body = `  WHILE 1 = 1
  BEGIN
    DELETE TOP (2) FROM dbo.[Bank Rec Match]
    WHERE [Line ID] IN (SELECT [Line ID] FROM dbo.[Bank Statement Line] WHERE [Bank Account] = @BankAccount AND [Value Date] <= @AsOfDate);
    SET @rows = @@ROWCOUNT;
    SET @total = @total + @rows;
    ${stop}
  END
  INSERT INTO dbo.[Purge Log] ([Deleted], [Last Chunk]) VALUES (@total, @rows);`;
    const r = await draftAgainstEmulator({ ddl: DDL, procedure: proc(body), inputs: [LINES, MATCHES], output: LOG_OUT });
    expect(r.emulator).toEqual(expected);
    expect(r.draftError).toBeUndefined();
    expect(r.draft).toEqual(r.emulator);
  });

  const refusal = (body: string, output = MATCH_OUT): string => {
    const d = draftOf(proc(body), { ddl: DDL, inputs: [LINES, MATCHES], output });
    expect(d.sql).toBeUndefined();
    return d.refusals.map((x) => `${x.line}:${x.col} ${x.construct}: ${x.reason}`).join('\n');
  };

  it('refuses a condition that reads the table it deletes from (keeping one of each duplicate is not one DELETE)', () => {
    // chunk by chunk this keeps the last match of each line; one DELETE would remove them all
    expect(refusal(`  WHILE 1 = 1
  BEGIN
    DELETE TOP (1) m FROM dbo.[Bank Rec Match] m
    WHERE EXISTS (SELECT 1 FROM dbo.[Bank Rec Match] d WHERE d.[Line ID] = m.[Line ID] AND d.[Match ID] <> m.[Match ID]);
    IF @@ROWCOUNT = 0 BREAK;
  END`)).toMatch(/^9:33 WHILE loop \(chunked DELETE\): the DELETE's condition reads dbo\.Bank Rec Match, the table it deletes from/m);
  });

  it.each([
    ['the clock read on each pass', 'WHERE [Line ID] < DATEDIFF(day, \'20240101\', GETDATE())', 'IF @@ROWCOUNT = 0 BREAK;', /^9:49 .*GETDATE\(\) \(computed again on each pass\).*DECLARE @cutoff/m],
    ['a chunk size the draft does not know', 'WHERE [Line ID] = 2', 'IF @@ROWCOUNT = 0 BREAK;', /^8:12 .*the chunk size must be a positive constant/m, 'DELETE TOP (@rows)'],
    ['a condition on a variable the loop changes', 'WHERE [Match ID] > @total', 'SET @rows = @@ROWCOUNT; SET @total = @total + @rows; IF @rows = 0 BREAK;', /^8:5 .*the DELETE reads @total, which the loop changes/m],
    ['a count added after the BREAK on a short chunk', 'WHERE [Line ID] = 2', 'SET @rows = @@ROWCOUNT; IF @rows < 2 BREAK; SET @total = @total + @rows;', /^10:49 .*leaves the last chunk out/m],
    ['a loop without its BREAK', 'WHERE [Line ID] = 2', 'SET @rows = @@ROWCOUNT; SET @total = @total + @rows;', /^6:3 .*no `IF @@ROWCOUNT = 0 BREAK`/m],
    ['bookkeeping other than adding up the count', 'WHERE [Line ID] = 2', 'SET @rows = @@ROWCOUNT; SET @total = @total + 1; IF @rows = 0 BREAK;', /^10:29 .*only `SET @rows = @@ROWCOUNT` right after the DELETE/m],
  ])('refuses %s, located', (_name, where, rest, expected, head = 'DELETE TOP (2)') => {
    expect(refusal(`  WHILE 1 = 1
  BEGIN
    ${head} FROM dbo.[Bank Rec Match]
    ${where};
    ${rest}
  END`)).toMatch(expected);
  });

  // The first chunk deleted before the loop, its count in a variable the loop tests (a 2012 purge:
  // `DELETE TOP (2) …; SET @rows = @@ROWCOUNT; WHILE @rows > 0 BEGIN SET @total = @total + @rows; …`).
  const PRIMED = `  DELETE TOP (2) FROM dbo.[Bank Rec Match]
  WHERE [Line ID] IN (SELECT [Line ID] FROM dbo.[Bank Statement Line] WHERE [Bank Account] = @BankAccount AND [Value Date] <= @AsOfDate);
  SET @rows = @@ROWCOUNT;
  WHILE @rows > 0
  BEGIN
    SET @total = @total + @rows;
    DELETE TOP (2) FROM dbo.[Bank Rec Match]
    WHERE [Line ID] IN (SELECT [Line ID] FROM dbo.[Bank Statement Line] WHERE [Bank Account] = @BankAccount AND [Value Date] <= @AsOfDate);
    SET @rows = @@ROWCOUNT;
  END`;

  it.each([
    ['its count kept in a variable', PRIMED],
    ['WHILE @@ROWCOUNT > 0', `  DELETE TOP (3) FROM dbo.[Bank Rec Match] WHERE [Line ID] IN (1, 2);
  WHILE @@ROWCOUNT > 0
    DELETE TOP (3) FROM dbo.[Bank Rec Match] WHERE [Line ID] IN (1, 2);`],
  ])('drafts a loop whose first chunk is deleted before it (%s) as one DELETE, as the emulator runs it', async (_name, body) => {
    const r = await draftAgainstEmulator({ ddl: DDL, procedure: proc(body), inputs: [LINES, MATCHES], output: MATCH_OUT });
    expect(r.emulator.length).toBeGreaterThan(0);
    expect(r.draftError).toBeUndefined();
    expect(r.draft).toEqual(r.emulator);
    expect(draftOf(proc(body), { ddl: DDL, inputs: [LINES, MATCHES], output: MATCH_OUT }).idioms.join()).toMatch(/\(h\) DELETE TOP \(n\) repeated/);
  });

  it('adds every chunk, the first one too, to a total kept before the loop\'s DELETE', async () => {
    const body = `${PRIMED}
  INSERT INTO dbo.[Purge Log] ([Deleted], [Last Chunk]) VALUES (@total, @rows);`;
    const r = await draftAgainstEmulator({ ddl: DDL, procedure: proc(body), inputs: [LINES, MATCHES], output: LOG_OUT });
    expect(r.emulator).toEqual(['5|0']);
    expect(r.draftError).toBeUndefined();
    expect(r.draft).toEqual(r.emulator);
  });

  it.each([
    ['a loop DELETE other than the one before it', PRIMED.replace('DELETE TOP (2) FROM dbo.[Bank Rec Match]\n    WHERE', 'DELETE TOP (2) FROM dbo.[Bank Rec Match]\n    WHERE [Entry No] > 0 AND'), /^12:5 .*differs from the one before the loop/m],
    ['a total added after the loop\'s DELETE (it would leave the first chunk out)', PRIMED.replace('    SET @total = @total + @rows;\n', '').replace('    SET @rows = @@ROWCOUNT;\n  END', '    SET @rows = @@ROWCOUNT;\n    SET @total = @total + @rows;\n  END'), /^14:5 .*only WAITFOR and PRINT/m],
  ])('refuses %s, located', (_name, body, expected) => {
    expect(refusal(body)).toMatch(expected);
  });

  it('hands the total on to later sections when the loop is drafted once (a value set inside a loop is refused otherwise)', () => {
    const input = draftInputOf(proc(PRIMED), { ddl: DDL, inputs: [LINES, MATCHES], output: MATCH_OUT });
    const values = [{ name: '@total', type: parseColumnType('int?') as ColumnType }];
    const body = draftBody({ ...input, info: { ...input.info, values } });
    const total = body.values?.find((v) => v.name === '@total');
    expect(total?.refusals).toEqual([]);
    // the total before the loop (0) plus the one DELETE's count
    expect(total?.sql).toMatch(/SELECT .*AS total/s);
  });
});
