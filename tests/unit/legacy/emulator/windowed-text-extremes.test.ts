import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EngineSession } from '../../../../src/engine';
import { emulateProcedure } from '../../../../src/legacy/emulator/emulate-procedure';
import { parseScript } from '../../../../src/tsql';

// MIN and MAX of text over a window (`MAX(Status) OVER (PARTITION BY OrderNo)`) failed with
// DuckDB's internal error in the emulator: the key that picks among a value's spellings took a
// lambda inside the window's aggregate. MAX failed in capture's first run, MIN in its second
// (which takes the other spelling). Both runs now give the collation's extreme, each a spelling of it.
const TABLES = `CREATE TABLE dbo.OrderLine ([Order No] int NOT NULL, Line int NOT NULL, Status varchar(12) NOT NULL);`;
const CSV = '[Order No],Line,Status\n1,1,shipped\n1,2,Open\n1,3,open\n2,1,Ángel\n2,2,zulu \n2,3,ZULU\n3,1,b\n';
const PROC = `CREATE PROCEDURE dbo.usp_test AS
BEGIN
  SELECT [Order No], Line,
         MIN(Status) OVER (PARTITION BY [Order No]) AS Lowest,
         MAX(Status) OVER (PARTITION BY [Order No]) AS Highest,
         MAX(Status) OVER (PARTITION BY [Order No] ORDER BY Line ROWS UNBOUNDED PRECEDING) AS HighestSoFar
  FROM dbo.OrderLine;
END`;

async function run(reverseUnordered: boolean): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'windowed-extremes-'));
  const file = join(dir, 'lines.csv');
  writeFileSync(file, CSV.replace('[Order No]', 'Order No'));
  const session = await EngineSession.open({ threads: 1 });
  try {
    const r = await emulateProcedure({
      scripts: [parseScript(TABLES, { file: 'tables.sql' }), parseScript(PROC, { file: 'usp_test.sql' })],
      procedure: 'dbo.usp_test', params: {}, session, inputs: [{ table: 'dbo.OrderLine', file }], clock: '2026-01-15T10:20:30', reverseUnordered,
    });
    return (r.resultSets[0]?.rows ?? []).map((x) => `${String(x['Order No'])}.${String(x.Line)} ${String(x.Lowest)}|${String(x.Highest)}|${String(x.HighestSoFar)}`).sort();
  } finally {
    session.close();
  }
}

describe('MIN and MAX of text over a window', () => {
  it('give the collation\'s extreme per window, the least spelling by bytes in the first run and the greatest in the second', async () => {
    expect(await run(false)).toEqual([
      '1.1 Open|shipped|shipped', '1.2 Open|shipped|shipped', '1.3 Open|shipped|shipped',
      '2.1 Ángel|ZULU|Ángel', '2.2 Ángel|ZULU|zulu ', '2.3 Ángel|ZULU|ZULU',
      '3.1 b|b|b',
    ]);
    expect(await run(true)).toEqual([
      '1.1 open|shipped|shipped', '1.2 open|shipped|shipped', '1.3 open|shipped|shipped',
      '2.1 Ángel|zulu |Ángel', '2.2 Ángel|zulu |zulu ', '2.3 Ángel|zulu |zulu ',
      '3.1 b|b|b',
    ]);
  });
});
