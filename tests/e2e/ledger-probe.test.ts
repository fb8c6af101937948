import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrate } from '../support/run-migrate';

// A month-end close: lines converted at the rate of their posting date, each journal's rounding
// difference moved to its largest line (ROW_NUMBER over ABS(amount) DESC). Two lines of journal 2
// tie for largest, so which of them takes the penny is SQL Server's plan's choice
// (learn.microsoft.com/sql/t-sql/functions/row-number-transact-sql: ROW_NUMBER is
// nondeterministic over ties). capture runs the other order too and names what changes: the
// adjusted amounts and the line they sit on, not every column of the table.
const TABLES = `CREATE TABLE gl.Line (LineId int NOT NULL PRIMARY KEY, JournalNo int NOT NULL, Amount decimal(19,4) NOT NULL, Rate decimal(18,6) NOT NULL,
  AmountGroup decimal(19,2) NULL, PennyAdj decimal(19,2) NOT NULL DEFAULT 0)
GO
`;
const PROC = `CREATE PROCEDURE gl.usp_Convert
AS
BEGIN
  SET NOCOUNT ON;
  UPDATE gl.Line SET AmountGroup = ROUND(Amount * Rate, 2);
  ;WITH diff AS (SELECT JournalNo, SUM(AmountGroup) AS Diff FROM gl.Line GROUP BY JournalNo HAVING SUM(AmountGroup) <> 0),
  ranked AS (SELECT l.LineId, d.Diff, ROW_NUMBER() OVER (PARTITION BY l.JournalNo ORDER BY ABS(l.Amount) DESC) AS rn
             FROM gl.Line l JOIN diff d ON d.JournalNo = l.JournalNo)
  UPDATE l SET l.PennyAdj = -r.Diff, l.AmountGroup = l.AmountGroup - r.Diff
  FROM gl.Line l JOIN ranked r ON r.LineId = l.LineId AND r.rn = 1;
END
GO
`;
// 20.005 * 0.861234 = 17.2289… -> 17.23 twice; -13.3367 and -13.3366 -> -11.49 three times: -0.01 to move.
const LINES = 'LineId,JournalNo,Amount,Rate,AmountGroup,PennyAdj\n1,1,100.0000,1.000000,,0\n2,1,-100.0000,1.000000,,0\n'
  + '3,2,20.0050,0.861234,,0\n4,2,20.0050,0.861234,,0\n5,2,-13.3367,0.861234,,0\n6,2,-13.3367,0.861234,,0\n7,2,-13.3366,0.861234,,0\n';

describe('ledger probe: capture of a penny allocation whose largest lines tie', () => {
  it('names the adjusted columns and the key, and keeps the amounts SQL Server computes either way', async () => {
    const ws = mkdtempSync(join(tmpdir(), 'ledger-probe-'));
    try {
      mkdirSync(join(ws, 'procedures'), { recursive: true });
      mkdirSync(join(ws, 'data'));
      writeFileSync(join(ws, 'procedures/tables.sql'), `CREATE SCHEMA gl;\nGO\n${TABLES}`);
      writeFileSync(join(ws, 'procedures/usp_Convert.sql'), PROC);
      writeFileSync(join(ws, 'data/gl.Line.csv'), LINES);
      const r = await runMigrate(['capture', 'gl.usp_Convert', '--data', join(ws, 'data'), '--procedures', join(ws, 'procedures'), '--out', join(ws, 'out'), '--json']);
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      const manifest = JSON.parse(r.out) as { nonReproducible: string[]; nonReproducibleCauses: string[] };
      expect(manifest.nonReproducible).toEqual(['gl.Line.AmountGroup', 'gl.Line.LineId', 'gl.Line.PennyAdj']);
      expect(manifest.nonReproducibleCauses).toEqual([expect.stringMatching(/ROW_NUMBER\(\) OVER at .*usp_Convert\.sql:7:52, taken in the other order: the procedure writes other values/)]);
      const rows = readFileSync(join(ws, 'out/gl.Line.csv'), 'utf8').trim().split('\n').slice(1);
      // One of lines 3 and 4 takes the penny; the rest are ROUND(amount * rate, 2), half away from zero.
      expect(rows.filter((l) => l.startsWith('3,') || l.startsWith('4,')).map((l) => l.split(',').slice(4).join(',')).sort()).toEqual(['17.23,0.00', '17.24,0.01']);
      expect(rows.filter((l) => /^[567],/.test(l)).map((l) => l.split(',').slice(4).join(','))).toEqual(['-11.49,0.00', '-11.49,0.00', '-11.49,0.00']);
    } finally {
      rmSync(ws, { recursive: true, force: true });
    }
  });
});
