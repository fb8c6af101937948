import { EngineSession } from '../../../src/engine';
import { draftOf, runDraft, type HarnessTable } from './draft-harness';

// A planner's report lists each parent's components with the pre-2017 FOR XML PATH idiom, the
// subquery correlated on the grouped parent (`WHERE c.[Parent Item] = p.[Parent Item]` beside
// `GROUP BY p.[Parent Item]`). The draft read p.[Parent Item] raw inside the subquery, while the
// GROUP BY groups text by its collation key: DuckDB refused the drafted SQL ("must appear in the
// GROUP BY clause"), and `migrate test` showed its binder error (mrp probe).
const DDL = `CREATE TABLE mfg.Bom ([Line Id] INT NOT NULL PRIMARY KEY, [Parent Item] VARCHAR(20) NOT NULL, [Component Item] VARCHAR(20) NOT NULL, [Scrap %] DECIMAL(5,2) NOT NULL);`;
const proc = (body: string): string => `CREATE PROCEDURE dbo.usp_T AS\nBEGIN\n${body}\nEND`;
const BOM: HarnessTable = { name: 'mfg.Bom', columns: ['Line Id:int', 'Parent Item:text', 'Component Item:text', 'Scrap %:decimal(5,2)'], rows: [[1, 'BIKE', 'WHEEL', '0.00'], [2, 'bike', 'BOLT', '2.50'], [3, 'FRAME', 'PAINT', '12.50'], [4, 'FRAME', 'BOLT', '0.00']] };

let session: EngineSession;
beforeAll(async () => { session = await EngineSession.open({ threads: 1 }); });
afterAll(() => session.close());

describe('a correlated subquery reading a grouped column of its outer query', () => {
  it.each([
    ['a scalar count', '(SELECT COUNT(*) FROM mfg.Bom c WHERE c.[Parent Item] = p.[Parent Item] AND c.[Scrap %] > 0)', 'Scrapped:int?', ['BIKE|1', 'FRAME|1']],
    ['FOR XML PATH, STUFFed', `STUFF((SELECT ', ' + c.[Component Item] FROM mfg.Bom c WHERE c.[Parent Item] = p.[Parent Item] ORDER BY c.[Component Item] FOR XML PATH('')), 1, 2, '')`, 'Components:text?', ['BIKE|BOLT, WHEEL', 'FRAME|BOLT, PAINT']],
  ])('reads the outer row\'s group (%s)', async (_what, subquery, column, rows) => {
    const output: HarnessTable = { name: 'result', columns: ['Parent Item:text?', column], rows: [] };
    const body = draftOf(proc(`SELECT p.[Parent Item], ${subquery} AS [${column.split(':')[0]}] FROM mfg.Bom p GROUP BY p.[Parent Item] ORDER BY p.[Parent Item];`), { ddl: DDL, inputs: [BOM], output });
    expect(body.refusals).toEqual([]);
    expect(await runDraft(session, body, [BOM])).toEqual(rows);
  });

  // the WHERE runs before the grouping: its subquery reads the row, not the group
  it('leaves a WHERE subquery beside the GROUP BY reading the row', async () => {
    const output: HarnessTable = { name: 'result', columns: ['Parent Item:text?', 'Lines:int?'], rows: [] };
    const body = draftOf(proc('SELECT p.[Parent Item], COUNT(*) AS Lines FROM mfg.Bom p WHERE EXISTS (SELECT 1 FROM mfg.Bom x WHERE x.[Parent Item] = p.[Parent Item] AND x.[Scrap %] > 10) GROUP BY p.[Parent Item] ORDER BY p.[Parent Item];'), { ddl: DDL, inputs: [BOM], output });
    expect(body.refusals).toEqual([]);
    expect(await runDraft(session, body, [BOM])).toEqual(['FRAME|2']);
  });
});
