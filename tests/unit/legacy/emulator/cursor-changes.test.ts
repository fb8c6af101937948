import { LegacyError } from '../../../../src/core';
import { runBody } from './emulator-helpers';

const TABLES = `CREATE TABLE dbo.Q (Id int NOT NULL, Done bit NOT NULL, Note varchar(20) NULL)
GO`;

/** A cursor over dbo.Q's open items; `body` runs per fetched @id. */
function loop(options: string, body: string): string {
  return `INSERT INTO dbo.Q VALUES (1, 0, NULL), (2, 0, NULL), (3, 0, NULL), (4, 1, NULL);
DECLARE @id int, @seen varchar(50) = '';
DECLARE c CURSOR ${options} FOR SELECT Id FROM dbo.Q WHERE Done = 0 ORDER BY Id;
OPEN c; FETCH NEXT FROM c INTO @id;
WHILE @@FETCH_STATUS = 0
BEGIN
  SET @seen = @seen + CAST(@id AS varchar(5)) + ',';
  ${body}
  FETCH NEXT FROM c INTO @id;
END
CLOSE c; DEALLOCATE c;
SELECT @seen AS seen;`;
}

// SQL Server's non-STATIC cursors see changes to rows not fetched yet; the emulator reads rows at
// OPEN, so it goes on only when the rows left are unchanged, and refuses otherwise.
describe('cursors and changes made while they are open', () => {
  it.each([
    ['the loop marks the current row done (it leaves the cursor\'s rows)', 'LOCAL FAST_FORWARD', 'UPDATE dbo.Q SET Done = 1 WHERE Id = @id;', '1,2,3,'],
    ['the loop deletes the current row', '', 'DELETE FROM dbo.Q WHERE Id = @id;', '1,2,3,'],
    ['the loop writes a column the cursor does not read, on a later row', 'LOCAL', "UPDATE dbo.Q SET Note = 'x' WHERE Id = 3;", '1,2,3,'],
    ['a STATIC cursor does not see an inserted row', 'LOCAL STATIC', 'IF @id = 1 INSERT INTO dbo.Q VALUES (9, 0, NULL);', '1,2,3,'],
    ['a STATIC cursor still fetches a later row the loop closed', 'STATIC', 'IF @id = 1 UPDATE dbo.Q SET Done = 1 WHERE Id = 3;', '1,2,3,'],
  ])('%s', async (_name, options, body, seen) => {
    const r = await runBody(loop(options, body), { tables: TABLES });
    expect(r.resultSets[0]?.rows).toEqual([{ seen }]);
  });

  it.each([
    ['a row inserted ahead of the cursor', 'LOCAL FAST_FORWARD', 'IF @id = 1 INSERT INTO dbo.Q VALUES (9, 0, NULL);'],
    ['a later row closed by the loop', '', 'IF @id = 1 UPDATE dbo.Q SET Done = 1 WHERE Id = 3;'],
    ['a later row deleted by the loop', 'FORWARD_ONLY', 'IF @id = 2 DELETE FROM dbo.Q WHERE Id = 3;'],
  ])('refuses %s at the FETCH, with its location', async (_name, options, body) => {
    const err = await runBody(loop(options, body), { tables: TABLES }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LegacyError);
    expect((err as LegacyError).code).toBe('LEGACY_UNSUPPORTED');
    expect((err as LegacyError).message).toMatch(/FETCH from the cursor c after the loop changed rows it has not fetched yet/);
    expect((err as LegacyError).location?.span?.start.line).toBeGreaterThan(1);
  });
});

describe('a loop that changes what the cursor returned for the row it is on', () => {
  const body = (orderBy: string): string => `INSERT INTO dbo.Q VALUES (1, 0, NULL), (2, 0, NULL), (3, 0, NULL);
DECLARE @id int, @note varchar(20), @seen varchar(50) = '';
DECLARE c CURSOR LOCAL FAST_FORWARD FOR SELECT Id, Note FROM dbo.Q WHERE Done = 0 ${orderBy};
OPEN c; FETCH NEXT FROM c INTO @id, @note;
WHILE @@FETCH_STATUS = 0
BEGIN
  SET @seen = @seen + CAST(@id AS varchar(5)) + ',';
  UPDATE dbo.Q SET Note = 'seen' WHERE Id = @id;
  FETCH NEXT FROM c INTO @id, @note;
END
SELECT @seen AS seen;`;

  // Ordered by Id, which the loop leaves alone and which tells the rows apart: the changed row
  // sorts where it did, at the current row, so no cursor type fetches it again.
  it.each([['ORDER BY Id'], ['ORDER BY 1']])('goes on when the cursor is ordered by a returned column that tells the rows apart (%s)', async (orderBy) => {
    const r = await runBody(body(orderBy), { tables: TABLES });
    expect(r.resultSets[0]?.rows).toEqual([{ seen: '1,2,3,' }]);
  });

  it('is refused saying so when the cursor has no ORDER BY to place the changed row by', async () => {
    const err = await runBody(body(''), { tables: TABLES }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LegacyError);
    expect((err as LegacyError).message).toMatch(/FETCH from the cursor c after the loop changed or added a row before the rows left to fetch \(the values the query returns for a row it fetched changed/);
    expect((err as LegacyError).message).toMatch(/declare it STATIC/);
  });

  it('is refused when the ORDER BY values tell rows apart only by case (the collation ties them)', async () => {
    const coded = `CREATE TABLE dbo.R (Code varchar(10) NOT NULL, Note varchar(20) NULL)
GO`;
    const sql = `INSERT INTO dbo.R VALUES ('a1', NULL), ('A1', NULL), ('b2', NULL);
DECLARE @code varchar(10), @note varchar(20), @seen varchar(50) = '';
DECLARE c CURSOR LOCAL FAST_FORWARD FOR SELECT Code, Note FROM dbo.R ORDER BY Code;
OPEN c; FETCH NEXT FROM c INTO @code, @note;
WHILE @@FETCH_STATUS = 0
BEGIN
  SET @seen = @seen + @code + ',';
  UPDATE dbo.R SET Note = 'seen' WHERE Code = @code COLLATE Latin1_General_CS_AS;
  FETCH NEXT FROM c INTO @code, @note;
END
SELECT @seen AS seen;`;
    const err = await runBody(sql, { tables: coded }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LegacyError);
    expect((err as LegacyError).message).toMatch(/FETCH from the cursor c after the loop changed or added a row before the rows left to fetch/);
  });

  it('is refused when the loop changes the ORDER BY value of the row it is on', async () => {
    // c1 becomes b1: it still sorts before c2, but by a value no fetched row had, so where SQL
    // Server's cursor places it is not told by the rows the emulator holds.
    const changed = body('ORDER BY Note')
      .replace('(1, 0, NULL), (2, 0, NULL), (3, 0, NULL)', "(1, 0, 'c1'), (2, 0, 'c2'), (3, 0, 'c3')")
      .replace("SET Note = 'seen'", "SET Note = 'b' + CAST(@id AS varchar(5))");
    const err = await runBody(changed, { tables: TABLES }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LegacyError);
    expect((err as LegacyError).message).toMatch(/FETCH from the cursor c after the loop changed or added a row before the rows left to fetch/);
  });
});

describe('cursors whose query cannot be run again', () => {
  it('refuses a non-STATIC cursor drawing sequence values once the loop writes its table', async () => {
    const body = `INSERT INTO dbo.Q VALUES (1, 0, NULL), (2, 0, NULL);
DECLARE @id int, @n bigint;
DECLARE c CURSOR LOCAL FAST_FORWARD FOR SELECT Id, NEXT VALUE FOR dbo.S FROM dbo.Q ORDER BY Id;
OPEN c; FETCH NEXT FROM c INTO @id, @n;
WHILE @@FETCH_STATUS = 0
BEGIN
  UPDATE dbo.Q SET Note = 'x' WHERE Id = @id;
  FETCH NEXT FROM c INTO @id, @n;
END
SELECT 1 AS done;`;
    const err = await runBody(body, { tables: `${TABLES}\nCREATE SEQUENCE dbo.S START WITH 1\nGO` }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LegacyError);
    expect((err as LegacyError).message).toMatch(/cannot be run again to check/);
  });
});
