import { EngineSession } from '../../../src/engine';
import { draftOf, runDraft, type HarnessTable } from './draft-harness';
import { draftAgainstEmulator } from './emulator-parity';

// @@ROWCOUNT right after an UPDATE, DELETE or INSERT of the section is the rows it affected: the
// upsert of code older than MERGE (`UPDATE …; IF @@ROWCOUNT = 0 INSERT …`) drafts, and agrees
// with the emulator; read anywhere else it is still refused.
const DDL = 'CREATE TABLE dbo.Watermark (Name varchar(50) NOT NULL PRIMARY KEY, LastDate date NULL);';
const W: HarnessTable = { name: 'dbo.Watermark', columns: ['Name:text', 'LastDate:date?'] };
const upsert = (name: string): string => `CREATE PROCEDURE dbo.usp_T AS
BEGIN
  UPDATE dbo.Watermark SET LastDate = '2024-02-05' WHERE Name = '${name}';
  IF @@ROWCOUNT = 0
    INSERT INTO dbo.Watermark (Name, LastDate) VALUES ('${name}', '2024-02-05');
END`;

let session: EngineSession;
beforeAll(async () => { session = await EngineSession.open({ threads: 1 }); });
afterAll(() => session.close());

describe('@@ROWCOUNT in drafts', () => {
  it.each([
    ['updates the row that is there', 'sales', ['other|2023-05-01', 'sales|2024-02-05']],
    ['inserts the row that is not', 'stock', ['other|2023-05-01', 'sales|2024-01-31', 'stock|2024-02-05']],
  ])('the upsert idiom %s, as the emulator does', async (_what, name, rows) => {
    const r = await draftAgainstEmulator({ ddl: DDL, procedure: upsert(name), inputs: [{ ...W, rows: [], csv: 'Name,LastDate\nsales,2024-01-31\nother,2023-05-01\n' }], output: W });
    expect(r.draftError).toBeUndefined();
    expect(r.draft).toEqual(rows);
    expect(r.draft).toEqual(r.emulator);
  });

  it('counts the rows an UPDATE … FROM finds once each, and what DELETE and INSERT … SELECT affect', async () => {
    const T: HarnessTable = { name: 'dbo.T', columns: ['K:int', 'V:int?'], rows: [[1, 10], [2, 20], [3, null]] };
    const S: HarnessTable = { name: 'dbo.S', columns: ['K:int'], rows: [[1], [1], [2], [7]] };
    const OUT: HarnessTable = { name: 'dbo.Counts', columns: ['What:text', 'N:int?'] };
    const body = draftOf(`CREATE PROCEDURE dbo.usp_T AS
BEGIN
  DECLARE @u int, @d int, @i int;
  UPDATE t SET V = 0 FROM dbo.T t WHERE t.K IN (SELECT K FROM dbo.S);
  SET @u = @@ROWCOUNT;
  DELETE FROM dbo.T WHERE V IS NULL;
  SET @d = @@ROWCOUNT;
  INSERT INTO dbo.T (K, V) SELECT K, 1 FROM dbo.S WHERE K > 1;
  SET @i = @@ROWCOUNT;
  INSERT INTO dbo.Counts (What, N) VALUES ('updated', @u), ('deleted', @d), ('inserted', @i);
END`, { inputs: [T, S, { ...OUT, rows: [] }], output: OUT });
    expect(body.refusals).toEqual([]);
    expect(await runDraft(session, body, [T, S, { ...OUT, rows: [] }], {})).toEqual(['deleted|1', 'inserted|2', 'updated|2']);
  });

  it('counts the rows a DELETE or UPDATE through a CTE affects (the staging de-duplication, then its count in the load log)', async () => {
    const STG: HarnessTable = { name: 'stg.Customer', columns: ['Id:int', 'Seq:int', 'Flag:int?'], rows: [[1, 1, null], [1, 2, null], [2, 1, null], [2, 3, null], [2, 2, null], [3, 1, null]] };
    const OUT: HarnessTable = { name: 'dbo.Counts', columns: ['What:text', 'N:int?'] };
    const body = draftOf(`CREATE PROCEDURE dbo.usp_T AS
BEGIN
  DECLARE @dupes int, @flagged int;
  ;WITH d AS (SELECT ROW_NUMBER() OVER (PARTITION BY Id ORDER BY Seq DESC) AS rn FROM stg.Customer)
  DELETE FROM d WHERE rn > 1;
  SET @dupes = @@ROWCOUNT;
  WITH f AS (SELECT Flag FROM stg.Customer WHERE Id > 1) UPDATE f SET Flag = 1;
  SET @flagged = @@ROWCOUNT;
  INSERT INTO dbo.Counts (What, N) VALUES ('dupes', @dupes), ('flagged', @flagged);
END`, { inputs: [STG, { ...OUT, rows: [] }], output: OUT });
    expect(body.refusals).toEqual([]);
    expect(await runDraft(session, body, [STG, { ...OUT, rows: [] }], {})).toEqual(['dupes|3', 'flagged|2']);
  });

  it('is refused inside a cursor loop drafted for all entities at once (it counted one entity\'s rows)', () => {
    const S: HarnessTable = { name: 'dbo.S', columns: ['K:int', 'V:int'] };
    const T: HarnessTable = { name: 'dbo.T', columns: ['K:int', 'N:int?'], rows: [] };
    const body = draftOf(`CREATE PROCEDURE dbo.usp_T AS
BEGIN
  DECLARE @k int;
  DECLARE c CURSOR LOCAL FAST_FORWARD FOR SELECT DISTINCT K FROM dbo.S ORDER BY K;
  OPEN c;
  FETCH NEXT FROM c INTO @k;
  WHILE @@FETCH_STATUS = 0
  BEGIN
    INSERT INTO dbo.T (K, N) SELECT K, V FROM dbo.S WHERE K = @k AND V > 5;
    IF @@ROWCOUNT = 0 INSERT INTO dbo.T (K, N) VALUES (@k, 0);
    FETCH NEXT FROM c INTO @k;
  END
  CLOSE c; DEALLOCATE c;
END`, { inputs: [S, T], output: T });
    expect(body.sql).toBeUndefined();
    expect(body.refusals).toEqual([expect.objectContaining({ construct: '@@ROWCOUNT', reason: expect.stringContaining('would count every entity\'s rows') })]);
  });

  it('names the cause when the UPDATE before it was refused, not @@ROWCOUNT', () => {
    // The factor comes from a WHILE no idiom drafts; the UPDATE reading it is refused, so its
    // count is unknown too: the engineer must see the loop, which is what to rewrite.
    const body = draftOf(`CREATE PROCEDURE dbo.usp_T @AsOf date AS
BEGIN
  DECLARE @n int = 3, @f decimal(18,6) = 1.0;
  WHILE @n > 0
  BEGIN
    SELECT @f = @f * LinkRatio FROM dbo.DevLink WHERE Period = @n;
    SET @n = @n - 1;
  END
  UPDATE dbo.Summary SET Factor = @f WHERE AsOf = @AsOf;
  IF @@ROWCOUNT = 0
    INSERT INTO dbo.Summary (AsOf, Factor) VALUES (@AsOf, @f);
END`, {
      ddl: 'CREATE TABLE dbo.DevLink (Period int NOT NULL, LinkRatio decimal(18,6) NOT NULL); CREATE TABLE dbo.Summary (AsOf date NOT NULL, Factor decimal(18,6) NULL);',
      inputs: [{ name: 'dbo.DevLink', columns: ['Period:int', 'LinkRatio:decimal(18,6)'] }, { name: 'dbo.Summary', columns: ['AsOf:date', 'Factor:decimal(18,6)?'] }],
      output: { name: 'dbo.Summary', columns: ['AsOf:date', 'Factor:decimal(18,6)?'] }, params: { '@AsOf': 'date?' },
    });
    expect(body.sql).toBeUndefined();
    expect(body.refusals.map((r) => r.construct)).not.toContain('@@ROWCOUNT');
    expect(body.refusals).toEqual([expect.objectContaining({ line: 4, construct: expect.stringMatching(/WHILE/) })]);
  });

  it.each([
    ['after a statement in between', 'UPDATE dbo.Watermark SET LastDate = NULL;\n  PRINT \'done\';\n  IF @@ROWCOUNT = 0 DELETE FROM dbo.Watermark;'],
    ['at the start of the section', 'IF @@ROWCOUNT = 0 DELETE FROM dbo.Watermark;'],
    ['after an IF (whose last statement depends on the branch taken)', "IF 1 = 1 UPDATE dbo.Watermark SET LastDate = NULL;\n  IF @@ROWCOUNT = 0 DELETE FROM dbo.Watermark;"],
  ])('is refused %s', (_when, statements) => {
    const body = draftOf(`CREATE PROCEDURE dbo.usp_T AS\nBEGIN\n  ${statements}\nEND`, { ddl: DDL, inputs: [{ ...W, rows: [] }], output: W });
    expect(body.refusals.map((r) => r.construct)).toContain('@@ROWCOUNT');
  });
});
