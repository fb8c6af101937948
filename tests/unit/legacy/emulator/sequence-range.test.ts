import { LegacyError } from '../../../../src/core';
import { resultRows, runBody } from './emulator-helpers';

// sys.sp_sequence_get_range (learn.microsoft.com/sql/relational-databases/system-stored-procedures/sp-sequence-get-range-transact-sql):
// the first value of the range is the sequence's next value, the sequence moves on past the last.
const TABLES = `
CREATE SEQUENCE dbo.PromoNo AS int START WITH 1000 INCREMENT BY 5
GO
CREATE SEQUENCE [dbo].[Batch No] AS bigint START WITH 1 MAXVALUE 10
GO
CREATE SEQUENCE dbo.Ring AS tinyint MINVALUE 1 MAXVALUE 3 CYCLE
GO
`;

describe('sys.sp_sequence_get_range', () => {
  it('reserves a range: first and last values, and NEXT VALUE FOR goes on after it', async () => {
    const r = await runBody(`
      DECLARE @first sql_variant, @last sql_variant, @cycles int, @inc sql_variant, @n bigint = 4;
      EXEC sys.sp_sequence_get_range @sequence_name = N'dbo.PromoNo', @range_size = @n,
           @range_first_value = @first OUTPUT, @range_last_value = @last OUTPUT,
           @range_cycle_count = @cycles OUTPUT, @sequence_increment = @inc OUTPUT;
      SELECT CONVERT(int, @first) AS f, CONVERT(int, @last) AS l, @cycles AS c, CONVERT(int, @inc) AS i, NEXT VALUE FOR dbo.PromoNo AS nxt;`, { tables: TABLES });
    expect(resultRows(r)).toEqual([{ f: 1000, l: 1015, c: 0, i: 5, nxt: 1020 }]);
  });

  it('takes positional arguments, a bracketed name without sys., and a range of one', async () => {
    const r = await runBody(`
      DECLARE @first sql_variant;
      EXEC sp_sequence_get_range N'[dbo].[Batch No]', 1, @first OUTPUT;
      EXEC sp_sequence_get_range N'[dbo].[Batch No]', 3, @first OUTPUT;
      SELECT CONVERT(bigint, @first) AS f, NEXT VALUE FOR [dbo].[Batch No] AS nxt;`, { tables: TABLES });
    expect(resultRows(r)).toEqual([{ f: 2, nxt: 5 }]);
  });

  it.each([
    ['a range past MAXVALUE', "N'dbo.[Batch No]', 11", /11 values from 1 of dbo\.\[Batch No\], past its MAXVALUE 10/],
    ['a CYCLE sequence', "N'dbo.Ring', 2", /CYCLE sequence dbo\.Ring/],
    ['a size below 1', "N'dbo.PromoNo', 0", /range size 0/],
    ['a sequence no script creates', "N'dbo.Nope', 2", /dbo\.Nope \(no CREATE SEQUENCE/],
  ])('refuses %s at the EXEC', async (_name, args, message) => {
    const error = await runBody(`DECLARE @f sql_variant;\nEXEC sys.sp_sequence_get_range ${args}, @f OUTPUT;`, { tables: TABLES }).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(LegacyError);
    expect((error as LegacyError).message).toMatch(message);
    expect((error as LegacyError).location?.span?.start.line).toBe(5);
  });
});
