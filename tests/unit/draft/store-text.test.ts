import { EngineSession } from '../../../src/engine';
import { draftOf, runDraft, type HarnessTable } from './draft-harness';

// Text stored in a varchar(n) column by INSERT, UPDATE or MERGE: SQL Server (ANSI_WARNINGS ON,
// the default) fails the statement with 2628 where more than trailing blanks would be cut
// (learn.microsoft.com/sql/relational-databases/errors-events/mssqlserver-2628-database-engine-error),
// where CAST cuts silently. The draft cut it as CAST does and wrote rows the legacy procedure
// never wrote; it now stops the query, naming the statement and the column.
const DDL = `CREATE TABLE dbo.Customer (CustomerId int NOT NULL, Name nvarchar(100) NOT NULL, Region varchar(10) NULL);
CREATE TABLE dbo.Label (CustomerId int NOT NULL, Label varchar(12) NULL, Region varchar(10) NULL);`;
const CUSTOMER = (rows: (string | number | null)[][]): HarnessTable => ({ name: 'dbo.Customer', columns: ['CustomerId:int', 'Name:text', 'Region:text?'], rows });
const LABEL: HarnessTable = { name: 'dbo.Label', columns: ['CustomerId:int', 'Label:text?', 'Region:text?'], rows: [[1, 'old', 'EMEA']] };

let session: EngineSession;
beforeAll(async () => { session = await EngineSession.open({ threads: 1 }); });
afterAll(() => session.close());

const run = (statement: string, customers: HarnessTable): Promise<string[]> => {
  const body = draftOf(`CREATE PROCEDURE dbo.usp_T AS\nBEGIN\n  ${statement}\nEND`, { ddl: DDL, inputs: [customers, LABEL], output: LABEL });
  expect(body.refusals).toEqual([]);
  return runDraft(session, body, [customers, LABEL]);
};

describe('text stored in a varchar(n) column', () => {
  const insert = "INSERT INTO dbo.Label (CustomerId, Label, Region) SELECT CustomerId, Name + ' (' + Region + ')', Region FROM dbo.Customer;";

  it('is stored where it fits, trailing blanks past the length cut silently', async () => {
    expect(await run(insert, CUSTOMER([[2, 'Acme', 'NA']]))).toEqual(['1|old|EMEA', '2|Acme (NA)|NA']);
    const copy = 'INSERT INTO dbo.Label (CustomerId, Label, Region) SELECT CustomerId, Name, Region FROM dbo.Customer;';
    expect(await run(copy, CUSTOMER([[3, 'Cobalt          ', 'APAC']]))).toEqual(['1|old|EMEA', '3|Cobalt      |APAC']);
  });

  it.each([
    ['an INSERT … SELECT', insert, /proc\.sql:\d+:\d+: String or binary data would be truncated in table 'dbo\.Label', column 'Label'/],
    ['an UPDATE … SET', 'UPDATE l SET Label = c.Name FROM dbo.Label l JOIN dbo.Customer c ON c.CustomerId = l.CustomerId;', /column 'Label' \(SQL Server fails the statement with error 2628\)/],
    ['a MERGE … INSERT', 'MERGE dbo.Label AS t USING dbo.Customer AS s ON t.CustomerId = s.CustomerId WHEN NOT MATCHED THEN INSERT (CustomerId, Label) VALUES (s.CustomerId, s.Name);', /column 'Label'/],
  ])('stops the query where %s would cut more than blanks', async (_what, statement, message) => {
    await expect(run(statement, CUSTOMER([[1, 'Delta Sp. z o.o.', 'EMEA'], [2, 'Echo Systems Ltd', 'NA']]))).rejects.toThrow(message);
  });

  it('needs no check for text declared no longer than the column', () => {
    const ddl = DDL.replace('Name nvarchar(100)', 'Name varchar(12)');
    const body = draftOf("CREATE PROCEDURE dbo.usp_T AS\nBEGIN\n  INSERT INTO dbo.Label (CustomerId, Label) SELECT CustomerId, Name FROM dbo.Customer;\nEND", { ddl, inputs: [CUSTOMER([]), LABEL], output: LABEL });
    expect(body.sql).not.toMatch(/would be truncated/);
  });
});
