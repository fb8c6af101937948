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
