import { EngineSession } from '../../../src/engine';
import { draftOf, runDraft, type HarnessTable } from './draft-harness';

// A leaver's last-seen stamp: the termination time (datetime2(0)) copied into a smalldatetime
// column rounds to the minute, 30 seconds and up rounding up (the smalldatetime page); copied into
// a datetime2(0) column from datetime2(3) it rounds to the second. The draft held all of these
// as one TIMESTAMP and copied the seconds through: a number SQL Server never wrote.
const DDL = `CREATE TABLE dbo.Leaver ([Employee No] int NOT NULL, [Left At] datetime2(0) NULL, [Badge Out] datetime2(3) NULL);
CREATE TABLE dbo.LeaverStamp ([Employee No] int NOT NULL, LastSeen smalldatetime NULL, BadgeSecond datetime2(0) NULL, BadgeMs datetime2(4) NULL);`;
const LEAVER = (rows: (string | number | null)[][]): HarnessTable => ({ name: 'dbo.Leaver', columns: ['Employee No:int', 'Left At:timestamp?', 'Badge Out:timestamp?'], rows });
const STAMP: HarnessTable = { name: 'dbo.LeaverStamp', columns: ['Employee No:int', 'LastSeen:timestamp?', 'BadgeSecond:timestamp?', 'BadgeMs:timestamp?'], rows: [] };

let session: EngineSession;
beforeAll(async () => { session = await EngineSession.open({ threads: 1 }); });
afterAll(() => session.close());

const run = (statement: string, leavers: HarnessTable): Promise<string[]> => {
  const body = draftOf(`CREATE PROCEDURE dbo.usp_Stamp AS\nBEGIN\n  ${statement}\nEND`, { ddl: DDL, inputs: [leavers, STAMP], output: STAMP });
  expect(body.refusals).toEqual([]);
  return runDraft(session, body, [leavers, STAMP]);
};

describe('a date-time stored in a coarser smalldatetime or datetime2(n) column', () => {
  it('rounds to the minute in a smalldatetime, to the second in a datetime2(0)', async () => {
    const rows = await run('INSERT INTO dbo.LeaverStamp ([Employee No], LastSeen, BadgeSecond) SELECT [Employee No], [Left At], [Badge Out] FROM dbo.Leaver;', LEAVER([
      [1002, '2016-02-29 17:45:29', '2016-02-29 17:45:29.499'],
      [1003, '2016-05-31 23:59:30', '2016-05-31 23:59:59.500'],
      [1004, null, null],
    ]));
    // runDraft shows a TIMESTAMP as a JS Date (whole seconds)
    const at = (t: string): string => new Date(`${t}Z`).toString();
    expect(rows).toEqual([
      `1002|${at('2016-02-29T17:45:00')}|${at('2016-02-29T17:45:29')}|NULL`,
      `1003|${at('2016-06-01T00:00:00')}|${at('2016-06-01T00:00:00')}|NULL`,
      '1004|NULL|NULL|NULL',
    ]);
  });

  it('stops where a datetime2(4) would need digits a datetime may hold otherwise', async () => {
    const statement = 'INSERT INTO dbo.LeaverStamp ([Employee No], BadgeMs) SELECT [Employee No], CAST([Badge Out] AS datetime) FROM dbo.Leaver;';
    expect(await run(statement, LEAVER([[1, null, '2016-01-04 08:00:00.120']]))).toHaveLength(1);
    await expect(run(statement, LEAVER([[1, null, '2016-01-04 08:00:00.127']]))).rejects.toThrow(/proc\.sql:\d+:\d+: .*datetime2\(4\)/);
  });
});
