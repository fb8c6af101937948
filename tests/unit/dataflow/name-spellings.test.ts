import { buildScriptGraphs, collectSpellings, spellingOf } from '../../../src/dataflow';
import { parseScript } from '../../../src/tsql';

const sql = `CREATE PROCEDURE Reporting.[Build Totals] AS
BEGIN
  CREATE TABLE #Totals ([WWI City ID] int, Größe nvarchar(20));
  INSERT INTO #Totals (wwi city id, größe) SELECT c.[wwi CITY id], c.[GRÖSSE] FROM Dimension.City AS c;
  SELECT [WWI City ID], [Order] FROM #Totals;
END`;

describe('collectSpellings / spellingOf', () => {
  const graph = buildScriptGraphs(parseScript(sql.replace('(wwi city id, größe)', '([wwi city id], größe)'), { file: 'x.sql' }))[0];

  it.each([
    ['wwi city id', 'WWI City ID'], // the column definition wins over later spellings
    ['größe', 'Größe'],
    ['order', 'Order'],
    ['c', 'c'], // already lower-case: nothing recorded, shown as is
    ['unknown', 'unknown'],
  ])('%s is shown as %s', (name, shown) => {
    expect(spellingOf(graph?.spellings, name)).toBe(shown);
  });

  it('takes no spelling from a function\'s name: RANK() before the column [Rank]', () => {
    const s = collectSpellings(parseScript('WITH r AS (SELECT RANK() OVER (ORDER BY g) AS rk FROM t) INSERT INTO dbo.Ranks ([Rank]) SELECT rk FROM r', { file: 'z.sql' }).batches.flatMap((b) => b.statements));
    expect(s).toEqual({ rank: 'Rank', ranks: 'Ranks' });
  });

  it('is display data: the lower-case key is never stored for a lower-case name', () => {
    const s = collectSpellings(parseScript('SELECT a, B FROM t', { file: 'y.sql' }).batches.flatMap((b) => b.statements));
    expect(s).toEqual({ b: 'B' });
  });
});
