import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EngineSession } from '../../../src/engine';
import { emulateProcedure } from '../../../src/legacy/emulator/emulate-procedure';
import { checkUnorderedReads, emulateSectionInEitherOrder, type OrderCheck } from '../../../src/legacy/order-check';
import { parseScript } from '../../../src/tsql';
import { resultRows } from './emulator/emulator-helpers';

// float addition rounds at every step (0.1 + 0.2 + 0.3 is 0.6000000000000001, 0.3 + 0.2 + 0.1
// is 0.6) and SQL Server's SUM and AVG add a group's values in the order its plan reads them. A
// monthly KPI summing shipment weights (a float column) came out of capture as one order's total,
// listed as reproducible: a number SQL Server may not give. Now the values are added in table
// order, the other way in capture's second run, and a total whose last digits change is listed.
const TABLES = `CREATE TABLE dbo.Shipment (ShipId int NOT NULL PRIMARY KEY, RepId int NOT NULL, WeightKg float NULL, Boxes int NOT NULL)
GO
CREATE TABLE dbo.RepWeight (RepId int NOT NULL PRIMARY KEY, TotalKg float NULL, AvgKg float NULL, TotalBoxes int NULL)
GO
`;
// Rep 1's weights give other last digits the other way round; rep 2 has one shipment.
const SHIPMENTS = 'ShipId,RepId,WeightKg,Boxes\n1,1,0.1,1\n2,1,0.2,2\n3,1,0.3,3\n4,1,,4\n5,2,1.7,5\n';

async function run(select: string): Promise<{ check: OrderCheck; rows: Record<string, unknown>[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'float-sum-'));
  try {
    writeFileSync(join(dir, 'dbo.Shipment.csv'), SHIPMENTS);
    const proc = `CREATE PROCEDURE dbo.usp_RepWeight AS
BEGIN
    SET NOCOUNT ON
    INSERT INTO dbo.RepWeight (RepId, TotalKg, AvgKg, TotalBoxes)
    ${select}
    SELECT RepId, TotalKg, AvgKg FROM dbo.RepWeight ORDER BY RepId
END
GO
`;
    const options = { scripts: [parseScript(TABLES, { file: 'tables.sql' }), parseScript(proc, { file: 'usp_RepWeight.sql' })], procedure: 'dbo.usp_RepWeight', params: {}, inputs: [{ table: 'dbo.Shipment', file: join(dir, 'dbo.Shipment.csv') }], clock: '2026-01-15T10:20:30', allowDynamicSql: false };
    const session = await EngineSession.open({ threads: 1 });
    try {
      const first = await emulateProcedure({ ...options, session });
      return { check: await checkUnorderedReads(options, first), rows: resultRows(first) };
    } finally {
      session.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('order check: SUM and AVG of float add in the plan\'s order', () => {
  it('adds in table order and lists the totals whose last digits depend on it', async () => {
    const r = await run('SELECT RepId, SUM(WeightKg), AVG(WeightKg), SUM(Boxes) FROM dbo.Shipment GROUP BY RepId');
    const rep1 = r.rows.find((x) => Number(x.RepId) === 1);
    expect(Number(rep1?.TotalKg)).toBe(0.1 + 0.2 + 0.3);
    expect(Number(rep1?.AvgKg)).toBe((0.1 + 0.2 + 0.3) / 3);
    expect(r.check.columns).toEqual(expect.arrayContaining(['dbo.RepWeight.AvgKg', 'dbo.RepWeight.TotalKg']));
    expect(r.check.columns.filter((c) => c.startsWith('dbo.'))).toHaveLength(2);
    expect(r.check.causes).toEqual(expect.arrayContaining([expect.stringMatching(/the float values SUM\(\) adds .* at usp_RepWeight\.sql:5:\d+/)]));
  });

  it('lists a share of a partition total (SUM OVER (PARTITION BY …)) whose last digits depend on it', async () => {
    const r = await run(`SELECT ShipId, WeightKg / SUM(WeightKg) OVER (PARTITION BY RepId), AVG(WeightKg) OVER (PARTITION BY RepId), Boxes
    FROM dbo.Shipment WHERE WeightKg IS NOT NULL`);
    expect(r.rows.find((x) => Number(x.RepId) === 3)?.TotalKg).toBe(0.3 / (0.1 + 0.2 + 0.3));
    expect(r.check.columns.filter((c) => c.startsWith('dbo.')).sort()).toEqual(['dbo.RepWeight.AvgKg', 'dbo.RepWeight.TotalKg']);
  });

  it('lists nothing when each group holds one value', async () => {
    const r = await run('SELECT RepId, SUM(WeightKg), AVG(WeightKg), SUM(Boxes) FROM dbo.Shipment WHERE ShipId IN (1, 5) GROUP BY RepId');
    expect(r.check.columns).toEqual([]);
  });
});

// `sections record` refused the whole output (every column of every entity) when only a float
// total's last digits depended on the order: the columns alone are refused now, so a Then header
// without them records the rest.
describe('a section whose float total depends on the order', () => {
  it('marks that column alone, the rows agreeing on the others', async () => {
    const proc = `CREATE PROCEDURE dbo.usp_RepWeight AS
BEGIN
    INSERT INTO dbo.RepWeight (RepId, TotalKg, AvgKg, TotalBoxes)
    SELECT RepId, SUM(WeightKg), NULL, SUM(Boxes) FROM dbo.Shipment GROUP BY RepId
END
GO
`;
    const rows = SHIPMENTS.trim().split('\n').slice(1).map((l) => l.split(',').map((v) => (v === '' ? null : v)));
    const session = await EngineSession.open({ threads: 1 });
    const r = await emulateSectionInEitherOrder({
      scripts: [parseScript(TABLES, { file: 'tables.sql' }), parseScript(proc, { file: 'usp_RepWeight.sql' })], procedure: 'dbo.usp_RepWeight',
      lines: [{ start: 3, end: 4 }], params: {}, outputs: ['dbo.RepWeight'], session,
      tables: [{ name: 'dbo.Shipment', columns: [{ name: 'ShipId', type: 'int' }, { name: 'RepId', type: 'int' }, { name: 'WeightKg', type: 'double?' }, { name: 'Boxes', type: 'int' }], rows }],
    }, () => EngineSession.open({ threads: 1 })).finally(() => session.close());
    const out = r.outputs.get('dbo.RepWeight');
    expect(out?.notReproducible).toBeUndefined();
    expect([...(out?.notReproducibleColumns?.keys() ?? [])]).toEqual(['TotalKg']);
  });
});
