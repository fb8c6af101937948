import { LegacyError } from '../../../../src/core';
import { parseScript } from '../../../../src/tsql';
import { resultRows, runBody, runSection } from './emulator-helpers';

// Input CSVs are read once into a staging table (the dialect sniffed once), then inserted with
// SQL Server's conversions; a file that cannot be read or loaded is refused naming the file.

const TABLES = `CREATE TABLE dbo.T (Id int NOT NULL, Flag bit NULL, At datetime NULL, Name varchar(20) NULL)
GO`;

async function failure(csv: string): Promise<LegacyError> {
  const err = await runBody('SELECT COUNT(*) AS n FROM dbo.T;', { tables: TABLES, csv: { 'dbo.T': csv } }).then(() => undefined, (e: unknown) => e);
  if (!(err instanceof LegacyError)) throw new Error(`expected a LegacyError, got ${String(err)}`);
  return err;
}

describe('input CSV loading', () => {
  it.each([
    ['commas', 'Id,Flag,At,Name\n1,true,2024-02-29 10:11:12,a\n2,false,,"b, c"\n3,,2023-01-01,\n'],
    ['semicolons, columns in another order and case', 'name;AT;id;flag\na;2024-02-29 10:11:12;1;1\n"b, c";;2;0\n;2023-01-01;3;\n'],
  ])('loads %s with the column types of the table', async (_name, csv) => {
    const r = await runBody('SELECT Id, Flag, CONVERT(varchar(19), At, 120) AS At, Name FROM dbo.T ORDER BY Id;', { tables: TABLES, csv: { 'dbo.T': csv } });
    expect(resultRows(r)).toEqual([
      { Id: 1, Flag: 1, At: '2024-02-29 10:11:12', Name: 'a' },
      { Id: 2, Flag: 0, At: null, Name: 'b, c' },
      { Id: 3, Flag: null, At: '2023-01-01 00:00:00', Name: null },
    ]);
  });

  it.each([
    ['a number', 'Id,Name\n1,a\n2,b\nx3,c\n4,d\n', 4, 'Id', /row 3 \(line 4\), column Id: the value 'x3' does not load into dbo\.T column Id/],
    ['a date, past a clean column', 'Id,At\n1,2024-01-01\n2,2024-01-02\n3,2024-01-03\n4,2024-13-04\n', 5, 'At', /row 4 \(line 5\), column At: the value '2024-13-04' does not load into dbo\.T column At: The conversion of a varchar data type to a datetime data type resulted in an out-of-range value\./],
  ])('locates the value that does not load in %s: file, line and column', async (_name, csv, line, column, message) => {
    // Before: the file alone, and DuckDB's text of the generated INSERT (`LINE 1: … CAST(…`).
    const err = await failure(csv);
    expect(err.code).toBe('LEGACY_INPUT');
    expect(err.message).toMatch(message);
    expect(err.message).toContain(column);
    expect(err.message).not.toMatch(/LINE 1:/);
    expect(err.location?.span?.start.line).toBe(line);
  });

  it.each([
    ['a column the table does not have', 'Id,Colour\n1,red\n', 'LEGACY_INPUT_COLUMN', /column Colour is not in dbo\.T \(/],
    ['a value the column type cannot hold', 'Id,Name\nx1,a\n', 'LEGACY_INPUT', /the value 'x1' does not load into dbo\.T column Id/],
    // DuckDB's CAST would store 5: an int column never holds 4.5, so the export is wrong
    ['a fraction in an int column', 'Id,Name\n4.5,a\n', 'LEGACY_INPUT', /does not load into dbo\.T column Id: Conversion failed when converting the varchar value '4\.5' to data type int/],
  ])('refuses %s, naming the file', async (_name, csv, code, message) => {
    const err = await failure(csv);
    expect(err.code).toBe(code);
    expect(err.message).toMatch(message);
    expect(err.location?.file).toMatch(/dbo\.T\.csv$/);
  });

  // A header copied from a spec (`[Name]`, as a feature writes a name with a space) is not the
  // column's name; the refusal says which column it means and how a data file writes it.
  it('refuses a bracketed header, naming the column it spells', async () => {
    const err = await failure('Id,[name]\n1,a\n');
    expect(err.code).toBe('LEGACY_INPUT_COLUMN');
    expect(err.hint).toBe("a data file's header names the column without brackets: write Name");
    expect((await failure('Id,[Colour]\n1,red\n')).hint).toBeUndefined();
  });

  // A discharge keyed in as 23:59:59.999 is stored by SQL Server as the next midnight: no export
  // of a datetime column shows it, and the new pipeline would read the file's instant instead.
  it.each([
    ['a datetime SQL Server stores as the next day', 'Id,At\n1,2015-03-02 10:00:00.003\n2,2015-03-02 23:59:59.999\n', 3, /row 2 \(line 3\), column At: .*a datetime column holds no such value: SQL Server stores it rounded to 2015-03-03 00:00:00\.000/],
    ['milliseconds between two ticks', 'Id,At\n1,2015-03-02 10:00:00.005\n', 2, /rounded to 2015-03-02 10:00:00\.007/],
  ])('refuses %s, naming the value it would store', async (_name, csv, line, message) => {
    const err = await failure(csv);
    expect(err.message).toMatch(message);
    expect(err.location?.span?.start.line).toBe(line);
  });

  // The hint follows the cause: a value SQL Server cannot hold is wrong in the export; one it
  // holds and the emulator does not (a points transaction stamped at +10:00) is right, and a
  // changed table script would change what the procedure computes.
  it('tells a wrong value from one the emulator does not support, and what to do about each', async () => {
    const wrong = await failure('Id,At\n1,2019-02-30 08:30:00\n');
    expect(wrong.hint).toMatch(/correct the exported value/);
    const txn = await runBody('SELECT COUNT(*) AS n FROM Loyalty.[Points Txn];', {
      tables: 'CREATE TABLE Loyalty.[Points Txn] ([Txn Id] int NOT NULL, [Txn At] datetimeoffset(0) NOT NULL)\nGO',
      csv: { 'Loyalty.Points Txn': 'Txn Id,Txn At\n101,2019-03-01 09:15:00 +00:00\n102,2019-03-02 08:30:00 +10:00\n' },
    }).then(() => undefined, (e: unknown) => e);
    expect(txn).toBeInstanceOf(LegacyError);
    const err = txn as LegacyError;
    expect(err.message).toMatch(/row 2 \(line 3\), column Txn At: .*does not support datetimeoffset values at an offset other than \+00:00/);
    expect(err.hint).not.toMatch(/correct the exported value/);
    expect(err.hint).toMatch(/migrate capture --engine mssql/);
    expect(err.hint).toMatch(/only if the procedure reads this column as instants only .*\(2019-03-01 22:30:00 \+00:00\)/);
  });

  it('loads two inputs one after the other through the same staging table', async () => {
    const r = await runBody('SELECT COUNT(*) AS n FROM dbo.T; SELECT COUNT(*) AS m FROM dbo.U;', {
      tables: `${TABLES}\nCREATE TABLE dbo.U (Id int NOT NULL)\nGO`,
      csv: { 'dbo.T': 'Id\n1\n2\n', 'dbo.U': 'Id\n7\n' },
    });
    expect([resultRows(r, 0), resultRows(r, 1)]).toEqual([[{ n: 2 }], [{ m: 1 }]]);
  });
});

// An xml column holds SQL Server's serialisation of the document; a carrier message written by
// hand with white space between elements would be written back as given. Before: loaded as is.
describe('input xml columns', () => {
  const INBOX = `CREATE TABLE dbo.[Carrier Inbox] ([Message ID] int NOT NULL, [Message Body] xml NULL)
GO`;
  const load = (csv: string): Promise<unknown> =>
    runBody('SELECT [Message ID], CAST([Message Body] AS nvarchar(200)) AS Body FROM dbo.[Carrier Inbox] ORDER BY [Message ID];', { tables: INBOX, csv: { 'dbo.Carrier Inbox': csv } });

  it('refuses a document not in its stored form, located at its line and naming the stored form', async () => {
    const err = await load('Message ID,Message Body\n1,"<Shipment no=""S1""><Ev code=""PU""/></Shipment>"\n2,"<Shipment no=\'S2\'>\n  <Ev code=""DEL"" />\n</Shipment>"\n').then(() => undefined, (e: unknown) => e);
    if (!(err instanceof LegacyError)) throw new Error(`expected a LegacyError, got ${String(err)}`);
    expect(err.code).toBe('LEGACY_INPUT');
    expect(err.message).toContain('row 2 (line 3), column Message Body');
    expect(err.message).toContain(`is stored as '<Shipment no="S2"><Ev code="DEL"/></Shipment>'`);
  });

  it('loads documents in their stored form, an empty element spelled either way', async () => {
    const r = await load('Message ID,Message Body\n1,"<Shipment no=""S1""><Ev code=""PU""/><Note>a &amp; b &gt; c</Note></Shipment>"\n2,"<Ev code=""DEL"" />"\n');
    expect(resultRows(r as Parameters<typeof resultRows>[0])).toEqual([
      { 'Message ID': 1, Body: '<Shipment no="S1"><Ev code="PU"/><Note>a &amp; b &gt; c</Note></Shipment>' },
      { 'Message ID': 2, Body: '<Ev code="DEL" />' },
    ]);
  });

  it('refuses a Given row of a section whose document is not in its stored form', async () => {
    const scripts = [parseScript(`${INBOX}\nCREATE TABLE dbo.[Ack Log] ([Message ID] int, [Body] nvarchar(200))\nGO\n`, { file: 'tables.sql' }), parseScript(`CREATE PROCEDURE dbo.[usp Ack Inbox] AS
BEGIN
  INSERT INTO dbo.[Ack Log] ([Message ID], [Body]) SELECT [Message ID], CAST([Message Body] AS nvarchar(200)) FROM dbo.[Carrier Inbox];
END
GO
`, { file: 'ack.sql' })];
    const inbox = (body: string): { name: string; columns: { name: string; type: string }[]; rows: string[][] } => ({ name: 'dbo.[Carrier Inbox]', columns: [{ name: 'Message ID', type: 'int' }, { name: 'Message Body', type: 'text' }], rows: [['7', body]] });
    const run = (body: string): Promise<unknown> => runSection({ scripts, procedure: 'dbo.usp Ack Inbox', lines: [{ start: 3, end: 3 }], params: {}, outputs: ['dbo.Ack Log'], tables: [inbox(body), { name: 'dbo.[Ack Log]', columns: [{ name: 'Message ID', type: 'int' }, { name: 'Body', type: 'text' }], rows: [] }] });
    const err = await run("<Ack no='7'><Ok /></Ack>").then(() => undefined, (e: unknown) => e);
    if (!(err instanceof LegacyError)) throw new Error(`expected a LegacyError, got ${String(err)}`);
    expect(err.code).toBe('LEGACY_SECTION_INPUT');
    expect(err.message).toContain('row 1, column Message Body');
    expect(err.message).toContain(`is stored as '<Ack no="7"><Ok/></Ack>'`);
    await expect(run('<Ack no="7"><Ok /></Ack>')).resolves.toBeDefined();
  });
});
