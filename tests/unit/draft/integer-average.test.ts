import { EngineSession } from '../../../src/engine';
import { bindInputTable, createDraftContext, DraftScope, isRefusal, splitPlaceholders, sqlTypeOfName, translateSelect } from '../../../src/draft';
import { parseScript, type Select } from '../../../src/tsql';

// A drafted AVG of an int column holds its sum in int, as SQL Server does: two rows of
// 2147483647 fail (8115 in SQL Server) though their average fits; the draft divided a HUGEINT
// sum and returned 2147483647. Same for bigint, and over a window.

let session: EngineSession;
beforeAll(async () => {
  session = await EngineSession.open({ threads: 1 });
  await session.run('CREATE TABLE input_big AS SELECT CAST(2147483647 AS INTEGER) AS i, CAST(9223372036854775807 AS BIGINT) AS b FROM range(2)');
  await session.run('CREATE TABLE input_small AS SELECT CAST(v AS INTEGER) AS i, CAST(v AS BIGINT) AS b FROM (VALUES (-7), (2), (0)) t(v)');
});
afterAll(() => session.close());

async function rowsOf(sql: string, input: string): Promise<string[]> {
  const ctx = createDraftContext('q.sql', sql);
  bindInputTable(ctx, 'dbo.t', 'dbo.T', [{ name: 'i', type: sqlTypeOfName('int', []) }, { name: 'b', type: sqlTypeOfName('bigint', []) }]);
  const q = translateSelect(parseScript(sql, { file: 'q.sql' }).batches[0]?.statements[0] as Select, new DraftScope(ctx));
  if (isRefusal(q)) throw new Error(`refused: ${q.construct}: ${q.reason}`);
  const text = splitPlaceholders(q.sql).map((p) => ('text' in p ? p.text : 'table' in p ? input : 'NULL')).join('');
  const rows = await session.all(`SELECT * FROM (${text}) ORDER BY ALL`);
  return rows.map((r) => Object.values(r).map((v) => (v === null ? 'NULL' : String(v))).join('|'));
}

describe('a drafted AVG of integers', () => {
  it.each([
    ['SELECT AVG(x.i) AS a FROM dbo.T x'],
    ['SELECT AVG(x.b) AS a FROM dbo.T x'],
    ['SELECT AVG(x.i) OVER () AS a FROM dbo.T x'],
  ])('%s fails where the sum passes the type', async (sql) => {
    await expect(rowsOf(sql, 'input_big')).rejects.toThrow(/out of range|overflow/i);
  });

  it('is the truncated quotient where the sum fits', async () => {
    expect(await rowsOf('SELECT AVG(x.i) AS a, AVG(x.b) AS b FROM dbo.T x', 'input_small')).toEqual(['-1|-1']);
  });
});
