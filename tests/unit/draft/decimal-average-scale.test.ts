import { EngineSession } from '../../../src/engine';
import { bindInputTable, createDraftContext, DraftScope, isRefusal, splitPlaceholders, sqlTypeOfName, translateSelect } from '../../../src/draft';
import { parseScript, type Select } from '../../../src/tsql';

// AVG of a decimal(p, s) is decimal(38, max(s, 6)), truncated (the AVG page). The draft took the
// sum's digits as sum * 10^s in DuckDB's own DECIMAL(38, s), which overflows once the sum has
// more than 38 - 2s integer digits: AVG of a decimal(38,20) rate of 1.5 and 2.5 failed with
// "Overflow in multiplication of DECIMAL(38)" instead of giving 2.00000000000000000000.

let session: EngineSession;
beforeAll(async () => {
  session = await EngineSession.open({ threads: 1 });
  await session.run(`CREATE TABLE input_rate AS SELECT CAST(r AS DECIMAL(38,20)) AS r, CAST(c AS DECIMAL(19,4)) AS c FROM (VALUES ('1.5', '100000000000.0000'), ('2.5', '200000000001.0000')) t(r, c)`);
});
afterAll(() => session.close());

async function rowsOf(sql: string): Promise<string[]> {
  const ctx = createDraftContext('q.sql', sql);
  bindInputTable(ctx, 'dbo.t', 'dbo.T', [{ name: 'r', type: sqlTypeOfName('decimal', ['38', '20']) }, { name: 'c', type: sqlTypeOfName('decimal', ['19', '4']) }]);
  const q = translateSelect(parseScript(sql, { file: 'q.sql' }).batches[0]?.statements[0] as Select, new DraftScope(ctx));
  if (isRefusal(q)) throw new Error(`refused: ${q.construct}: ${q.reason}`);
  const text = splitPlaceholders(q.sql).map((p) => ('text' in p ? p.text : 'table' in p ? 'input_rate' : 'NULL')).join('');
  const rows = await session.all(`SELECT CAST(COLUMNS(*) AS VARCHAR) FROM (${text}) ORDER BY ALL`);
  return rows.map((r) => Object.values(r).map((v) => (v === null ? 'NULL' : String(v))).join('|'));
}

describe('a drafted AVG of a decimal with many decimals', () => {
  it.each([
    ['SELECT AVG(x.r) AS a, AVG(x.c) AS b FROM dbo.T x', ['2.00000000000000000000|150000000000.500000']],
    ['SELECT AVG(x.r) OVER () AS a, AVG(x.c) OVER () AS b FROM dbo.T x', ['2.00000000000000000000|150000000000.500000', '2.00000000000000000000|150000000000.500000']],
  ])('%s keeps its scale, exactly', async (sql, expected) => {
    expect(await rowsOf(sql)).toEqual(expected);
  });
});
