import { EngineSession } from '../../../../src/engine';
import { draftOf, runDraft, type HarnessTable } from '../draft-harness';

// A counting loop that adds the rows its table lacks: IF NOT EXISTS (… WHERE key = f(@i))
// INSERT (key = f(@i)). Sequentially a row goes in when its key was not there before the loop
// and no earlier iteration added it; the draft adds the rows whose key was not there, and stops
// when two iterations give one key (then which iteration's row stays follows the loop's order).
const loopOver = (key: string): string => `CREATE PROCEDURE dbo.usp_T @n int AS
BEGIN
  DECLARE @i int = 0;
  WHILE @i < @n
  BEGIN
    IF NOT EXISTS (SELECT 1 FROM dbo.N WHERE K = ${key})
      INSERT INTO dbo.N (K, Label) VALUES (${key}, CONCAT('i', @i));
    SET @i = @i + 1;
  END
END`;
const N: HarnessTable = { name: 'dbo.N', columns: ['K:int', 'Label:text?'], rows: [[1, 'old']] };

let session: EngineSession;
beforeAll(async () => { session = await EngineSession.open({ threads: 1 }); });
afterAll(() => session.close());

describe('drafted IF NOT EXISTS … INSERT in a counting loop', () => {
  it('adds the rows whose key is missing and keeps the existing ones', async () => {
    const body = draftOf(loopOver('@i * 10 + 1'), { inputs: [N], output: N, params: { '@n': 'int' } });
    expect(body.idioms.join(' ')).toMatch(/\(e\)/);
    expect(await runDraft(session, body, [N], { '@n': '3' })).toEqual(['1|old', '11|i1', '21|i2']);
  });

  it('stops when two iterations would add one key, rather than pick one', async () => {
    const body = draftOf(loopOver('@i % 2 + 5'), { inputs: [N], output: N, params: { '@n': 'int' } });
    await expect(runDraft(session, body, [N], { '@n': '3' })).rejects.toThrow(/two iterations of the loop add the same K/);
  });
});

describe('drafted IF NOT EXISTS … BEGIN INSERT; SET @n += @@ROWCOUNT END (the date-dimension generator)', () => {
  const counted = (after: string): string => `CREATE PROCEDURE dbo.usp_T @n int AS
BEGIN
  DECLARE @i int = 0, @added int = 0;
  WHILE @i < @n
  BEGIN
    IF NOT EXISTS (SELECT 1 FROM dbo.N WHERE K = @i * 10 + 1)
    BEGIN
      INSERT INTO dbo.N (K, Label) VALUES (@i * 10 + 1, CONCAT('i', @i));
      SET @added += @@ROWCOUNT;
    END
    SET @i = @i + 1;
  END
  ${after}
END`;

  it('drafts the rows, the counter being bookkeeping no output reads', async () => {
    const body = draftOf(counted(''), { inputs: [N], output: N, params: { '@n': 'int' } });
    expect(body.refusals).toEqual([]);
    expect(await runDraft(session, body, [N], { '@n': '3' })).toEqual(['1|old', '11|i1', '21|i2']);
  });

  it('refuses an output that reads the counter, naming it', () => {
    const body = draftOf(counted('INSERT INTO dbo.N (K, Label) VALUES (-1, CONCAT(\'added \', @added));'), { inputs: [N], output: N, params: { '@n': 'int' } });
    expect(body.refusals.map((r) => r.reason).join(' ')).toMatch(/@added|assigned per iteration/);
  });
});
