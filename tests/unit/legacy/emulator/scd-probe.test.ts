import { LegacyError } from '../../../../src/core';
import { resultRows, runBody } from './emulator-helpers';

// A data-warehouse load of the 2010s: SCD type 2 dimensions with row hashes (HASHBYTES over
// CONCAT), surrogate keys from IDENTITY and a SEQUENCE, an ETL log, TRY/CATCH with THROW.

const DIM = `CREATE TABLE dbo.DimItem (ItemCode varchar(20) NOT NULL, Category varchar(30) NULL, ChkSum int NULL)
GO`;

describe('an SCD load, bytes turned into numbers', () => {
  it('refuses CONVERT(int, HASHBYTES(…)) where it is met, even inside TRY/CATCH, instead of failing inside DuckDB', async () => {
    const body = `BEGIN TRY
  UPDATE dbo.DimItem SET ChkSum = CONVERT(int, HASHBYTES('MD5', ItemCode + '|' + ISNULL(Category, '')));
END TRY
BEGIN CATCH
  THROW 50001, 'checksum failed', 1;
END CATCH`;
    const err = await runBody(body, { tables: DIM, csv: { 'dbo.DimItem': 'ItemCode,Category,ChkSum\nP10,Tools,\n' } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LegacyError);
    expect((err as LegacyError).message).toMatch(/^the emulator does not support converting varbinary to int/);
    // the UPDATE's line in usp_test.sql (line 1 is CREATE PROCEDURE, 4 BEGIN TRY)
    expect((err as LegacyError).location).toMatchObject({ file: 'usp_test.sql', span: { start: { line: 5 } } });
  });

  it('keeps the bytes as bytes when they only go to binary or text', async () => {
    const r = await runBody("SELECT CONVERT(varchar(10), HASHBYTES('MD5', 'P10'), 1) AS h, DATALENGTH(CAST(HASHBYTES('SHA2_256', N'x') AS varbinary(8))) AS n;");
    expect(resultRows(r)).toEqual([{ h: '0xA8C1F849', n: 8 }]);
  });
});

describe('an SCD load, closing a version one tick before the next (DATEADD of nanoseconds and microseconds)', () => {
  const decl = "DECLARE @LoadTime datetime2(7) = '2020-03-15 02:00:00', @Late datetime2(7) = '2020-03-15 23:59:59.9999999', @Six datetime2(6) = '2020-03-15 02:00:00';";

  it('shifts a datetime2(7) by whole 100 ns ticks, carrying into the microsecond, and by microseconds keeping the 7th digit', async () => {
    const r = await runBody(`${decl}
SELECT DATEADD(NANOSECOND, -100, @LoadTime) AS closed, DATEADD(ns, 100, @Late) AS nextDay, DATEADD(ns, -1500, @Late) AS back,
       DATEADD(MICROSECOND, 3, @Late) AS mcs, CONVERT(varchar(30), DATEADD(mcs, -1, @Six), 121) AS six, DATEADD(ns, NULL, @LoadTime) AS none;`);
    expect(resultRows(r)).toEqual([{
      closed: '2020-03-15 01:59:59.9999999', nextDay: '2020-03-16 00:00:00.0000000', back: '2020-03-15 23:59:59.9999984',
      mcs: '2020-03-16 00:00:00.0000029', six: '2020-03-15 01:59:59.999999', none: null,
    }]);
  });

  it('refuses what SQL Server rounds or rejects: nanoseconds that are no whole tick, other types, and fails past year 9999 with 517', async () => {
    const odd = await runBody(`${decl} SELECT DATEADD(NANOSECOND, 50, @LoadTime) AS v;`).catch((e: unknown) => e);
    expect((odd as LegacyError).message).toMatch(/DATEADD\(nanosecond, n, …\) with n not a multiple of 100/);
    const dt = await runBody("DECLARE @d datetime = '2020-03-15'; SELECT DATEADD(NANOSECOND, -100, @d) AS v;").catch((e: unknown) => e);
    expect((dt as LegacyError).message).toMatch(/DATEADD\(nanosecond, …\) of datetime/);
    const end = await runBody(`DECLARE @e datetime2(7) = '9999-12-31 23:59:59.9999999';
BEGIN TRY SELECT DATEADD(NANOSECOND, 100, @e) AS v; END TRY BEGIN CATCH SELECT ERROR_NUMBER() AS n; END CATCH`);
    expect(resultRows(end, 0)).toEqual([{ n: 517 }]);
  });
});
