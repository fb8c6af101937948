import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EngineSession } from '../../../../src/engine';
import { emulateProcedure } from '../../../../src/legacy/emulator/emulate-procedure';
import { parseScript } from '../../../../src/tsql';

// SQL Server orders uniqueidentifier values by their stored bytes 10-15, then 8-9, 6-7, 4-5 and
// 0-3 (the first three groups stored little-endian); the emulator ordered them by DuckDB's UUID
// text order, so ORDER BY, ROW_NUMBER, MIN/MAX and `>` gave other rows without a word, and
// CAST(guid AS varchar(36)) gave lower case where SQL Server writes upper case.
// Expected values computed with Python's uuid module (bytes_le, in that byte significance).
const TABLES = `CREATE TABLE dbo.Partner ([Partner Key] uniqueidentifier NOT NULL, [External Ref] varchar(20) NOT NULL);
CREATE TABLE dbo.PartnerOrder ([Partner Key] uniqueidentifier NOT NULL, OrderRef uniqueidentifier NOT NULL);`;
const PARTNERS = 'Partner Key,External Ref\nFFFFFFFF-0000-0000-0000-0000000000AA,HOUSE\n00000000-0000-0000-0000-000000000001,ERP-002\n0000000a-0000-0000-0000-000000000000,ERP-003\n';
const ORDERS = 'Partner Key,OrderRef\n'
  + '00000000-0000-0000-0000-000000000001,aaaaaaaa-0000-0000-0000-000000000002\n'
  + '00000000-0000-0000-0000-000000000001,bbbbbbbb-0000-0000-0000-000000000001\n'
  + '0000000a-0000-0000-0000-000000000000,00000000-0000-0001-0000-000000000000\n'
  + '0000000a-0000-0000-0000-000000000000,00000000-0001-0000-0000-000000000000\n';
const PROC = `CREATE PROCEDURE dbo.[usp_Partner Keys] AS
BEGIN
  SET NOCOUNT ON
  SELECT ROW_NUMBER() OVER (ORDER BY p.[Partner Key]) AS KeyRank, p.[External Ref], CAST(p.[Partner Key] AS varchar(36)) AS KeyText
  FROM dbo.Partner p
  WHERE p.[Partner Key] > '10000000-0000-0000-0000-000000000000'
  ORDER BY p.[Partner Key] DESC

  SELECT CAST([Partner Key] AS varchar(36)) AS PartnerText, CAST(MIN(OrderRef) AS varchar(36)) AS FirstRef, CAST(MAX(OrderRef) AS varchar(36)) AS LastRef
  FROM dbo.PartnerOrder GROUP BY [Partner Key]

  SELECT TOP 1 CAST(MAX(OrderRef) OVER (PARTITION BY [Partner Key]) AS varchar(36)) AS LastRef
  FROM dbo.PartnerOrder WHERE [Partner Key] = '00000000-0000-0000-0000-000000000001'
END`;

async function resultSets(): Promise<string[][]> {
  const dir = mkdtempSync(join(tmpdir(), 'guid-order-'));
  writeFileSync(join(dir, 'partner.csv'), PARTNERS);
  writeFileSync(join(dir, 'order.csv'), ORDERS);
  const session = await EngineSession.open({ threads: 1 });
  try {
    const r = await emulateProcedure({
      scripts: [parseScript(TABLES, { file: 'tables.sql' }), parseScript(PROC, { file: 'usp_PartnerKeys.sql' })],
      procedure: 'dbo.[usp_Partner Keys]', params: {}, session, clock: '2026-01-15T10:20:30',
      inputs: [{ table: 'dbo.Partner', file: join(dir, 'partner.csv') }, { table: 'dbo.PartnerOrder', file: join(dir, 'order.csv') }],
    });
    return r.resultSets.map((s) => s.rows.map((x) => Object.values(x).map(String).join('|')));
  } finally {
    session.close();
  }
}

describe('uniqueidentifier in the emulator', () => {
  it('orders, ranks, compares and takes MIN/MAX by SQL Server\'s byte significance, and converts to upper-case text', async () => {
    const [ranked, extremes, windowed] = await resultSets();
    expect(ranked).toEqual([
      '3|HOUSE|FFFFFFFF-0000-0000-0000-0000000000AA',
      '2|ERP-002|00000000-0000-0000-0000-000000000001',
      '1|ERP-003|0000000A-0000-0000-0000-000000000000',
    ]);
    expect([...(extremes ?? [])].sort()).toEqual([
      '00000000-0000-0000-0000-000000000001|BBBBBBBB-0000-0000-0000-000000000001|AAAAAAAA-0000-0000-0000-000000000002',
      '0000000A-0000-0000-0000-000000000000|00000000-0001-0000-0000-000000000000|00000000-0000-0001-0000-000000000000',
    ]);
    expect(windowed).toEqual(['AAAAAAAA-0000-0000-0000-000000000002']);
  });
});
