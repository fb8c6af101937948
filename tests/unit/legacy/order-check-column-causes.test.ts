import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EngineSession } from '../../../src/engine';
import { emulateProcedure } from '../../../src/legacy/emulator/emulate-procedure';
import { checkUnorderedReads, type OrderCheck } from '../../../src/legacy/order-check';
import { parseScript } from '../../../src/tsql';
import { inTempDir } from '../../support/temp-dir';

// A branch pack: totals per branch through a #temp (which spelling of 'North'/'north' the GROUP BY
// shows is SQL Server's pick), then a report listing each teller's branches with STRING_AGG and no
// WITHIN GROUP. Both outputs change when the rows come in the other order, but each for its own
// read: the table's cause cited the report's STRING_AGG too, sending people to the wrong code.
const TABLES = `CREATE TABLE dbo.[Branch Txn] ([Txn Id] int NOT NULL PRIMARY KEY, Branch varchar(20) NOT NULL, Teller varchar(20) NOT NULL, Amount decimal(10,2) NOT NULL)
GO
CREATE TABLE dbo.[Branch Total] (Branch varchar(20) NOT NULL, Total decimal(12,2) NOT NULL)
GO
CREATE PROCEDURE dbo.[usp Stamp Run] AS
SET NOCOUNT ON
GO
`;
const PROC = `CREATE PROCEDURE dbo.[usp Branch Pack] AS
SET NOCOUNT ON
TRUNCATE TABLE dbo.[Branch Total]
SELECT Branch, SUM(Amount) AS Total INTO #t FROM dbo.[Branch Txn] GROUP BY Branch
INSERT dbo.[Branch Total] (Branch, Total) SELECT Branch, Total FROM #t
SELECT Teller, STRING_AGG(Branch, ',') AS Branches FROM dbo.[Branch Txn] GROUP BY Teller
GO
`;
const DATA = 'Txn Id,Branch,Teller,Amount\n1,North,ann,10.00\n2,South,ann,7.50\n3,north,bob,5.00\n4,South,bob,2.00\n';

async function check(proc: string): Promise<OrderCheck> {
  let result: OrderCheck | undefined;
  await inTempDir('column-causes-', async (dir) => {
    writeFileSync(join(dir, 'txn.csv'), DATA);
    const options = { scripts: [parseScript(TABLES, { file: 'tables.sql' }), parseScript(proc, { file: 'pack.sql' })], procedure: 'dbo.usp Branch Pack', params: {}, inputs: [{ table: 'dbo.Branch Txn', file: join(dir, 'txn.csv') }], clock: '2015-06-30T18:00:00', allowDynamicSql: false };
    const session = await EngineSession.open({ threads: 1 });
    try {
      result = await checkUnorderedReads(options, await emulateProcedure({ ...options, session }));
    } finally {
      session.close();
    }
  });
  return result as OrderCheck;
}

describe('order check causes per column', () => {
  it('names for each column only the reads whose values reach it (through a #temp too)', async () => {
    const r = await check(PROC);
    expect(r.columns).toEqual(expect.arrayContaining(['dbo.Branch Total.Branch', 'result-set-1.Branches']));
    // the whole capture's cause still names both
    expect(r.causes.join(' ')).toMatch(/pack\.sql:4:.*pack\.sql:6:/);
    const table = r.columnCauses?.get('dbo.Branch Total.Branch')?.join(' ') ?? '';
    const report = r.columnCauses?.get('result-set-1.Branches')?.join(' ') ?? '';
    expect(table).toMatch(/pack\.sql:4:/);
    expect(table).not.toMatch(/pack\.sql:6:/);
    expect(report).toMatch(/pack\.sql:6:/);
    expect(report).not.toMatch(/pack\.sql:4:/);
  });

  it('names every read where a value flows where the walk does not follow (an EXEC)', async () => {
    const r = await check(PROC.replace('SET NOCOUNT ON', 'SET NOCOUNT ON\nEXEC dbo.[usp Stamp Run]'));
    expect(r.columnCauses).toBeDefined();
    expect(r.columnCauses?.get('dbo.Branch Total.Branch')?.join(' ')).toMatch(/pack\.sql:5:.*pack\.sql:7:/);
  });
});
