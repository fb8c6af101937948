import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrate } from '../support/run-migrate';

// An identity column numbers on from the largest value the input rows hold, which is what SQL
// Server does after those rows were inserted. The database's own counter may be further on
// (rows deleted at the top, a reseed): --identity gives it, as --sequence gives a sequence's.
const TABLES = `CREATE TABLE [Sales].[Order Header] (OrderId int IDENTITY(1,1) PRIMARY KEY, Customer varchar(10) NOT NULL);
GO
CREATE TABLE Sales.Note (NoteId int IDENTITY(100,10) PRIMARY KEY, Body varchar(20) NOT NULL);
GO
`;

const PROCEDURE = `CREATE PROCEDURE Sales.usp_AddOrder @Customer varchar(10)
AS
BEGIN
  SET NOCOUNT ON;
  INSERT INTO [Sales].[Order Header] (Customer) VALUES (@Customer);
  INSERT INTO Sales.Note (Body) VALUES ('order ' + @Customer);
  SELECT SCOPE_IDENTITY() AS NoteId, (SELECT MAX(OrderId) FROM [Sales].[Order Header]) AS OrderId;
END
GO
`;

describe('migrate capture --identity', () => {
  const ws = mkdtempSync(join(tmpdir(), 'capture-identity-'));
  afterAll(() => rmSync(ws, { recursive: true, force: true }));
  mkdirSync(join(ws, 'procedures/tables'), { recursive: true });
  mkdirSync(join(ws, 'data'));
  writeFileSync(join(ws, 'procedures/tables/tables.sql'), TABLES);
  writeFileSync(join(ws, 'procedures/orders.sql'), PROCEDURE);
  writeFileSync(join(ws, 'data/Sales.Order Header.csv'), 'OrderId,Customer\n1,ann\n3,bob\n');
  writeFileSync(join(ws, 'data/Sales.Note.csv'), 'NoteId,Body\n');
  const capture = (out: string, ...more: string[]) => runMigrate(['capture', 'Sales.usp_AddOrder', '--param', 'Customer=cy', '--data', join(ws, 'data'),
    '--procedures', join(ws, 'procedures'), '--out', join(ws, out), ...more]);

  it('numbers on from the largest loaded value, and from the seed of a table loaded empty', async () => {
    const r = await capture('plain');
    expect(r.err).toBe('');
    expect(readFileSync(join(ws, 'plain/result-set-1.csv'), 'utf8')).toBe('NoteId,OrderId\n100,4\n');
  });

  it('numbers from the value --identity gives (kept in manifest.json), an empty table too', async () => {
    const r = await capture('given', '--identity', 'Sales.[Order Header]=5001', '--identity', 'sales.note=730');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(readFileSync(join(ws, 'given/result-set-1.csv'), 'utf8')).toBe('NoteId,OrderId\n730,5001\n');
    const manifest = JSON.parse(readFileSync(join(ws, 'given/manifest.json'), 'utf8')) as { identities: Record<string, string> };
    expect(manifest.identities).toEqual({ 'Sales.[Order Header]': '5001', 'sales.note': '730' });
  });

  it('refuses a table without an identity, a value that is no integer, and SQL Server', async () => {
    const unknown = await capture('bad1', '--identity', 'Sales.Customer=5');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('--identity Sales.Customer: no table Sales.Customer with an IDENTITY column in the scripts');
    expect(unknown.err).toContain('tables with an identity: Sales.[Order Header], Sales.Note');
    const text = await capture('bad2', '--identity', 'Sales.Note=ten');
    expect(text.code).toBe(2);
    expect(text.err).toContain('--identity Sales.Note=ten: the next value must be an integer');
    const mssql = await capture('bad3', '--identity', 'Sales.Note=5', '--engine', 'mssql');
    expect(mssql.code).toBe(2);
    expect(mssql.err).toContain('--identity is for the emulator');
  });
});
