import { LegacyError } from '../../../../src/core';
import { runBody } from './emulator-helpers';

// A meter head-end file's readings arrive as text and are parsed with TRY_CAST(… AS float).
// DuckDB's CAST reads 'inf', 'NaN', '1_000' and '+-1' as numbers, and '' as nothing: the emulator
// took those readings as infinity, NaN, 1000 and -1, and an empty reading as NULL, where SQL Server
// fails the first ones (NULL under TRY_CAST) and reads empty text as 0.
describe('text to float', () => {
  it('reads a sign, digits, a point and an exponent with blanks around; empty text is 0', async () => {
    const r = await runBody(`SELECT TRY_CAST(' 1.5E2 ' AS float) AS a, TRY_CONVERT(float, '-.25') AS b, CAST('' AS float) AS c,
       TRY_CAST('3.' AS real) AS d, CAST('2e-3' AS float) AS e;`);
    expect(r.resultSets[0]?.rows).toEqual([{ a: 150, b: -0.25, c: 0, d: 3, e: 0.002 }]);
  });

  it('is NULL under TRY_CAST for what SQL Server cannot read as a float', async () => {
    const r = await runBody(`SELECT TRY_CAST('inf' AS float) AS a, TRY_CAST('NaN' AS float) AS b, TRY_CAST('1_000' AS float) AS c,
       TRY_CONVERT(float, '1,25') AS d, TRY_CAST('$5' AS float) AS e, TRY_CAST('1e400' AS float) AS f;`);
    expect(r.resultSets[0]?.rows).toEqual([{ a: null, b: null, c: null, d: null, e: null, f: null }]);
  });

  it('fails CAST of such text with 8114', async () => {
    const error = await runBody(`SELECT CAST('infinity' AS float) AS a;`).then(() => undefined, (e: unknown) => e);
    expect(String((error as Error).message)).toContain('8114');
  });

  it('refuses, located, digits and signs in an arrangement whose reading is not documented', async () => {
    const error = await runBody(`DECLARE @kWh varchar(20) = '+-1';\nSELECT TRY_CAST(@kWh AS float) AS a;`).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(LegacyError);
    expect((error as LegacyError).message).toContain("converting the text '+-1' to float");
    expect((error as LegacyError).location?.span?.start.line).toBe(5);
  });
});
