import { LegacyError } from '../../../../src/core';
import { runBody } from './emulator-helpers';

// An FX revaluation report rounds and prints rates in a long SELECT. A value the emulator refuses
// at run time (STR or ROUND of a float near halfway) was located at the SELECT's first line; it
// is located at the call, and the refusal names the value.
const refusal = async (body: string): Promise<LegacyError> => {
  const err = await runBody(body).catch((e: unknown) => e);
  if (!(err instanceof LegacyError)) throw err;
  return err as LegacyError;
};
const at = (e: LegacyError): string => `${e.location?.file ?? ''}:${e.location?.span?.start.line ?? 0}:${e.location?.span?.start.column ?? 0}`;

describe('a run-time refusal of a float near halfway', () => {
  it('of STR is located at the STR call, naming the value', async () => {
    const e = await refusal(`  DECLARE @rate float = 2.675, @code char(3) = 'USD';
  SELECT @code AS [Currency],
         STR(@rate, 8, 4) AS [Rate 4],
         STR(@rate, 6, 2) AS [Rate 2];`);
    // the body starts on line 4 of usp_test.sql (CREATE, AS, BEGIN before it): line 7 is the second STR
    expect(at(e)).toBe('usp_test.sql:7:10');
    expect(e.message).toMatch(/^the emulator does not support STR of a float just below halfway .*\(here 2\.675 to 2 decimals\)$/);
  });

  it('of ROUND is located at the ROUND call, naming the value', async () => {
    const e = await refusal(`  DECLARE @rate float = 165.755;
  SELECT 'EUR' AS [Currency],
         @rate AS [Rate],
         ROUND(@rate, 2) AS [Rounded];`);
    expect(at(e)).toBe('usp_test.sql:7:10');
    expect(e.message).toMatch(/here ROUND\(165\.755, 2\)/);
    expect(e.message).not.toMatch(/\{call/);
  });
});
