import { EngineSession } from '../../../src/engine';
import { bindInputTable, createDraftContext, DraftScope, isRefusal, splitPlaceholders, sqlTypeOfName, translateSelect } from '../../../src/draft';
import { parseScript, type Select } from '../../../src/tsql';

/*
 * PERCENTILE_DISC(P) and PERCENTILE_CONT(0.5) OVER (PARTITION BY …), as the emulator computes them
 * (tests/conformance/functions/percentile-*.sql): DISC the k-th non-NULL value in order,
 * k = max(1, ceil(P × N)), of the value's type; CONT the median as a float; CONT at another
 * percentile is refused (SQL Server does not document how it rounds the interpolation).
 */
const ROWS = "('a', 30.00), ('a', 10.00), ('a', NULL), ('a', 40.00), ('A ', 20.00), ('b', 5.50), ('c', NULL)";

let session: EngineSession;
beforeAll(async () => {
  session = await EngineSession.open({ threads: 1 });
  await session.run(`CREATE TABLE input_t AS SELECT CAST(g AS VARCHAR) AS g, CAST(d AS DECIMAL(5,2)) AS d FROM (VALUES ${ROWS}) v(g, d)`);
});
afterAll(() => session.close());

function translate(sql: string) {
  const ctx = createDraftContext('q.sql', sql);
  bindInputTable(ctx, 'dbo.t', 'dbo.T', [{ name: 'g', type: sqlTypeOfName('varchar', ['10']) }, { name: 'd', type: sqlTypeOfName('decimal', ['5', '2']) }]);
  return translateSelect(parseScript(sql, { file: 'q.sql' }).batches[0]?.statements[0] as Select, new DraftScope(ctx));
}

async function rowsOf(sql: string): Promise<string[]> {
  const q = translate(sql);
  if (isRefusal(q)) throw new Error(`refused: ${q.construct}: ${q.reason}`);
  const text = splitPlaceholders(q.sql).map((p) => ('text' in p ? p.text : 'table' in p ? 'input_t' : 'NULL')).join('');
  const rows = await session.all(`SELECT DISTINCT * FROM (${text}) ORDER BY ALL`);
  return rows.map((r) => Object.values(r).map((v) => (v === null ? 'NULL' : String(v))).join('|'));
}

describe('PERCENTILE_DISC and PERCENTILE_CONT over a partition', () => {
  it('picks the k-th value, k = ceil(P × N), NULLs left out, partitions by the collation, DESC from the largest', async () => {
    expect(await rowsOf(`SELECT PERCENTILE_DISC(0) WITHIN GROUP (ORDER BY x.d) OVER (PARTITION BY x.g) AS p0,
        PERCENTILE_DISC(0.3) WITHIN GROUP (ORDER BY x.d) OVER (PARTITION BY x.g) AS p30,
        PERCENTILE_DISC(1.0) WITHIN GROUP (ORDER BY x.d) OVER (PARTITION BY x.g) AS p100,
        PERCENTILE_DISC(0.25) WITHIN GROUP (ORDER BY x.d DESC) OVER (PARTITION BY x.g) AS d25 FROM dbo.T x`))
      .toEqual(['5.5|5.5|5.5|5.5', '10|20|40|40', 'NULL|NULL|NULL|NULL']);
  });

  it('gives the median as a float: the middle value, or the mean of the two middle ones', async () => {
    // 'a' and 'A ' are one partition: 10, 20, 30, 40 give 25 in either order
    expect(await rowsOf('SELECT PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY x.d DESC) OVER (PARTITION BY x.g) AS m FROM dbo.T x')).toEqual(['5.5', '25', 'NULL']);
    expect(await rowsOf('SELECT PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY x.d) OVER () AS m FROM dbo.T x')).toEqual(['20']);
  });

  it.each([
    ['an interpolated percentile other than the median', 'SELECT PERCENTILE_CONT(0.9) WITHIN GROUP (ORDER BY x.d) OVER () AS p FROM dbo.T x', /only the median/],
    ['a percentile that is not a constant', 'SELECT PERCENTILE_DISC(x.d) WITHIN GROUP (ORDER BY x.d) OVER () AS p FROM dbo.T x', /constant percentile/],
    ['text to order', 'SELECT PERCENTILE_DISC(0.5) WITHIN GROUP (ORDER BY x.g) OVER () AS p FROM dbo.T x', /only numbers/],
  ])('refuses %s', (_what, sql, reason) => {
    const q = translate(sql);
    expect(isRefusal(q) ? q.reason : 'translated').toMatch(reason);
  });
});
