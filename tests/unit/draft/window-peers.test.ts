import { EngineSession } from '../../../src/engine';
import { bindInputTable, createDraftContext, DraftScope, isRefusal, splitPlaceholders, sqlTypeOfName, translateSelect } from '../../../src/draft';
import { parseScript, type Select } from '../../../src/tsql';
import { draftOf, runDraft, type HarnessTable } from './draft-harness';

/*
 * FIRST_VALUE and LAST_VALUE under the default frame (RANGE BETWEEN UNBOUNDED PRECEDING AND
 * CURRENT ROW: learn.microsoft.com/sql/t-sql/functions/last-value-transact-sql) take the first or
 * last row of a peer group. Which of the tied rows that is, SQL Server's plan decides; it only
 * matters where the peers hold different values. `LAST_VALUE(Mrr) OVER (… ORDER BY Mrr)` (the
 * "last value so far" of an analyst's report) gives every row its own peer group's value and must
 * draft; peers holding different values (a NULL among them) still stop the query.
 */

const ROWS = "('a', 1, 1.00), ('A ', 2, 2.00), ('b', -3, 2.00), ('b', NULL, NULL), ('c', NULL, 3.00), ('c', 5, 3.00)";

let session: EngineSession;
beforeAll(async () => {
  session = await EngineSession.open({ threads: 1 });
  await session.run(`CREATE TABLE input_t AS SELECT CAST(g AS VARCHAR) AS g, CAST(i AS INTEGER) AS i, CAST(d AS DECIMAL(5,2)) AS d FROM (VALUES ${ROWS}) v(g, i, d)`);
});
afterAll(() => session.close());

async function rowsOf(sql: string): Promise<string[]> {
  const ctx = createDraftContext('q.sql', sql);
  bindInputTable(ctx, 'dbo.t', 'dbo.T', [
    { name: 'g', type: sqlTypeOfName('varchar', ['10']) }, { name: 'i', type: sqlTypeOfName('int', []) }, { name: 'd', type: sqlTypeOfName('decimal', ['5', '2']) },
  ]);
  const q = translateSelect(parseScript(sql, { file: 'q.sql' }).batches[0]?.statements[0] as Select, new DraftScope(ctx));
  if (isRefusal(q)) throw new Error(`refused: ${q.construct}: ${q.reason}`);
  const text = splitPlaceholders(q.sql).map((p) => ('text' in p ? p.text : 'table' in p ? 'input_t' : 'NULL')).join('');
  const rows = await session.all(`SELECT * FROM (${text}) ORDER BY ALL`);
  return rows.map((r) => Object.values(r).map((v) => (v === null ? 'NULL' : String(v))).join('|'));
}

describe('FIRST_VALUE and LAST_VALUE over tied rows', () => {
  it.each<[string, string, string[]]>([
    ['LAST_VALUE of the ORDER BY column: each row its peer group\'s value', 'SELECT x.i, LAST_VALUE(x.d) OVER (ORDER BY x.d) AS v FROM dbo.T x',
      ['-3|2', '1|1', '2|2', '5|3', 'NULL|3', 'NULL|NULL']],
    ['FIRST_VALUE of the ORDER BY column descending, per case-insensitive partition', 'SELECT x.i, FIRST_VALUE(x.d) OVER (PARTITION BY x.g ORDER BY x.d DESC) AS v FROM dbo.T x',
      ['-3|2', '1|2', '2|2', '5|3', 'NULL|2', 'NULL|3']],
  ])('drafts where the peers hold one value: %s', async (_rule, sql, expected) => {
    expect(await rowsOf(sql)).toEqual(expected);
  });

  it.each<[string, string]>([
    ['peers holding different values', 'SELECT x.g, LAST_VALUE(x.i) OVER (ORDER BY x.d) AS v FROM dbo.T x WHERE x.g <> \'c\''],
    ['peers spelling a text differently', 'SELECT x.i, LAST_VALUE(x.g) OVER (ORDER BY x.d) AS v FROM dbo.T x'],
    ['a NULL beside a value among the peers', 'SELECT x.d, LAST_VALUE(x.i) OVER (PARTITION BY x.g ORDER BY x.d) AS v FROM dbo.T x'],
    ['a ROWS frame, whose end splits the peers', 'SELECT x.i, FIRST_VALUE(x.d) OVER (ORDER BY x.d ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS v FROM dbo.T x'],
  ])('stops the query on %s', async (_rule, sql) => {
    await expect(rowsOf(sql)).rejects.toThrow(/VALUE\(\) OVER rows tied in its ORDER BY/);
  });
});

// The de-duplication idiom of a billing export that doubles rows now and then: ROW_NUMBER()
// numbers tied rows in the order SQL Server's plan meets them, but where the tied rows are equal
// in every column, deleting either leaves the same rows. Only tied rows that differ (the Status
// here) make the result depend on the plan, and stop the draft.
describe('ROW_NUMBER() over rows tied in its ORDER BY', () => {
  const DDL = 'CREATE TABLE dbo.Invoice (InvoiceId int NOT NULL, InvoiceDate datetime NOT NULL, Amount money NOT NULL, Status varchar(10) NULL);';
  const PROCEDURE = `CREATE PROCEDURE dbo.usp_T AS
BEGIN
  ;WITH dupes AS (
      SELECT InvoiceId, ROW_NUMBER() OVER (PARTITION BY InvoiceId ORDER BY InvoiceDate DESC) AS rn
      FROM dbo.Invoice)
  DELETE FROM dupes WHERE rn > 1;
END`;
  const columns = ['InvoiceId:int', 'InvoiceDate:timestamp', 'Amount:decimal(19,4)', 'Status:text?'];
  const run = (rows: (string | number | null)[][]) => {
    const invoice: HarnessTable = { name: 'dbo.Invoice', columns, rows };
    const body = draftOf(PROCEDURE, { ddl: DDL, inputs: [invoice], output: { name: 'dbo.Invoice', columns } });
    expect(body.refusals).toEqual([]);
    return runDraft(draftSession, body, [invoice]);
  };
  let draftSession: EngineSession;
  beforeAll(async () => { draftSession = await EngineSession.open({ threads: 1 }); });
  afterAll(() => draftSession.close());

  it('drafts the de-duplication of rows equal in every column: one of them stays', async () => {
    // (runDraft writes a TIMESTAMP as a JavaScript Date's text: its instant tells the two rows of invoice 3 apart.)
    const rows = (await run([
      [3, '2021-03-31 10:00:00', '150.00', 'paid'], [3, '2021-03-31 09:00:00', '150.00', 'paid'],
      [15, '2021-03-01 00:00:00', '50.00', null], [15, '2021-03-01 00:00:00', '50.00', null], [16, '2021-03-02 00:00:00', '5.00', 'open'],
    ])).map((r) => r.split('|'));
    expect(rows.map(([id, , amount, status]) => `${id}|${amount}|${status}`)).toEqual(['3|150|paid', '15|50|NULL', '16|5|open']);
    expect(new Date(rows[0]?.[1] ?? '').toISOString()).toBe('2021-03-31T10:00:00.000Z');
  });

  it('stops where the tied rows differ in a column the ORDER BY does not hold', async () => {
    await expect(run([[15, '2021-03-01 00:00:00', '50.00', 'paid'], [15, '2021-03-01 00:00:00', '50.00', 'void']]))
      .rejects.toThrow(/proc\.sql:\d+:\d+: ROW_NUMBER\(\) OVER rows tied in its ORDER BY/);
  });

  it('stops on a plain SELECT whose tied rows differ', async () => {
    await expect(rowsOf('SELECT x.g, ROW_NUMBER() OVER (PARTITION BY x.g ORDER BY x.d) AS rn FROM dbo.T x')).rejects.toThrow(/ROW_NUMBER\(\) OVER rows tied/);
  });
});
