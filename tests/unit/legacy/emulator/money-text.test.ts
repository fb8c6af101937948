import { LegacyError } from '../../../../src/core';
import { runBody } from './emulator-helpers';

// An intercompany netting report writes each net balance as text: CONVERT(varchar, money) (style 0)
// and CONVERT(varchar, money, 1) (commas) show two decimals, rounded. A residual of -0.0040 rounds
// to zero, and whether SQL Server writes '-0.00' or '0.00' is not documented: refused, located.
describe('money as text, styles 0 and 1', () => {
  it('writes two decimals, rounded, with commas in style 1', async () => {
    const r = await runBody(`DECLARE @Net money = -1234567.125, @Fee money = 0.0049;
SELECT CONVERT(varchar(30), @Net) AS s0, CONVERT(varchar(30), @Net, 1) AS s1, CAST(@Fee AS varchar(30)) AS fee, CONVERT(varchar(30), @Fee, 1) AS fee1;`);
    expect(r.resultSets[0]?.rows).toEqual([{ s0: '-1234567.13', s1: '-1,234,567.13', fee: '0.00', fee1: '0.00' }]);
  });

  it.each([
    ['style 0', 'CONVERT(varchar(30), @Residual)'],
    ['CAST', 'CAST(@Residual AS varchar(30))'],
    ['style 1', 'CONVERT(varchar(30), @Residual, 1)'],
  ])('refuses a negative value that rounds to 0.00 (%s), at the statement', async (_what, expr) => {
    const error = await runBody(`DECLARE @Residual money = -0.0040;\nSELECT 'UK01 ' + ${expr} AS line;`).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(LegacyError);
    expect((error as LegacyError).message).toContain('the emulator does not support converting a negative money value that rounds to 0.00 to text');
    expect((error as LegacyError).location?.span?.start.line).toBe(5);
  });
});
