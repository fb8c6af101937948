import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EngineSession } from '../../../src/engine';
import { emulateProcedure } from '../../../src/legacy/emulator/emulate-procedure';
import { checkUnorderedReads, emulateSectionInEitherOrder } from '../../../src/legacy/order-check';
import { parseScript } from '../../../src/tsql';

// A depot's weekly fuel report flags two of its poor vehicles for the manager with UPDATE TOP (2):
// three qualify, and which two get Flagged = 1 is SQL Server's plan's pick (TOP in UPDATE takes
// no ORDER BY). Only Flagged depends on it; the table has no key to pair the rows by, and the
// two orders' Flagged columns hold the same values (two 1s, the rest 0), so the rows alone
// differ. The other columns are the same either way and stay reproducible.
const TABLES = `CREATE TABLE dbo.[Fuel Week] ([Vehicle Id] int NOT NULL, [Week Start] date NOT NULL, [Km Per Litre] decimal(9,3) NULL, Band varchar(5) NOT NULL, Flagged bit NOT NULL)
GO
`;
const PROC = `CREATE PROCEDURE dbo.usp_FlagPoor @Week date, @TopN int = 2 AS
BEGIN
    SET NOCOUNT ON
    UPDATE TOP (@TopN) dbo.[Fuel Week]
    SET    Flagged = 1
    WHERE  [Week Start] = @Week AND Band = 'POOR'
END
GO
`;
const WEEK = [['11', '2024-05-06', '6.100', 'POOR', '0'], ['12', '2024-05-06', '13.500', 'GOOD', '0'], ['13', '2024-05-06', '5.200', 'POOR', '0'], ['14', '2024-05-06', '7.900', 'POOR', '0']];
const scripts = [parseScript(TABLES, { file: 'tables.sql' }), parseScript(PROC, { file: 'usp_FlagPoor.sql' })];

describe('the rows UPDATE TOP (n) picks, when more qualify', () => {
  it('lists the columns it sets as non-reproducible in a capture, not every column of the table', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'update-top-'));
    try {
      writeFileSync(join(dir, 'dbo.Fuel Week.csv'), `Vehicle Id,Week Start,Km Per Litre,Band,Flagged\n${WEEK.map((r) => r.join(',')).join('\n')}\n`);
      const options = { scripts, procedure: 'dbo.usp_FlagPoor', params: { '@Week': '2024-05-06' }, inputs: [{ table: 'dbo.Fuel Week', file: join(dir, 'dbo.Fuel Week.csv') }], outputs: ['dbo.Fuel Week'], clock: '2024-05-13T06:00:00', allowDynamicSql: false };
      const session = await EngineSession.open({ threads: 1 });
      const first = await emulateProcedure({ ...options, session }).finally(() => session.close());
      const check = await checkUnorderedReads(options, first);
      expect(check.columns).toEqual(['dbo.Fuel Week.Flagged']);
      expect(check.causes).toEqual([expect.stringMatching(/^the rows UPDATE TOP at .*usp_FlagPoor\.sql:4:5 changes, taken in the other order/)]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('marks only those columns of a section\'s output, the rows agreeing on the others', async () => {
    const session = await EngineSession.open({ threads: 1 });
    const r = await emulateSectionInEitherOrder({
      scripts, procedure: 'dbo.usp_FlagPoor', lines: [{ start: 4, end: 6 }], params: { '@Week': '2024-05-06', '@TopN': '2' }, outputs: ['dbo.[Fuel Week]'], session,
      tables: [{ name: 'dbo.Fuel Week', columns: [{ name: 'Vehicle Id', type: 'int' }, { name: 'Week Start', type: 'date' }, { name: 'Km Per Litre', type: 'decimal(9,3)?' }, { name: 'Band', type: 'text' }, { name: 'Flagged', type: 'bool' }], rows: WEEK.map((row) => row.map((v, i) => (i === 4 ? (v === '1' ? 'true' : 'false') : v))) }],
    }, () => EngineSession.open({ threads: 1 })).finally(() => session.close());
    const out = r.outputs.get('dbo.[Fuel Week]');
    expect(out?.notReproducible).toBeUndefined();
    expect([...(out?.notReproducibleColumns?.keys() ?? [])]).toEqual(['Flagged']);
  });
});
